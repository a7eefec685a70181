#pragma once
// The teaching views shared by `glasstls client`, `server` and `demo`:
// --explain (numbered narrative), --step, --json/--html (inspect reports),
// --seed/--vectors, and the key log. A Teacher owns every observer of a run and
// hands each connection side one fanned-out observer.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apps/seeded.hpp"
#include "core/observer.hpp"
#include "handshake/connection.hpp"
#include "inspect/recorder.hpp"
#include "teach/derived_secrets.hpp"
#include "teach/explain.hpp"
#include "teach/keylog.hpp"
#include "teach/report_feed.hpp"
#include "teach/vectors.hpp"

namespace glass::apps {

struct TeachOptions {
  bool explain = false;
  bool step = false;
  bool no_work = false;       // --no-commands: no derivation inputs / openssl commands
  bool hide_secrets = false;  // --hide-secrets (demo): narrate without secret values
  bool no_trees = false;      // --no-trees: hex instead of field trees
  std::string html, json, vectors;
  std::uint64_t seed = 0;
  bool seeded = false;

  void add_to(CLI::App& cmd, bool demo);
  // Any view that needs observer events.
  bool any() const { return explain || step || !html.empty() || !json.empty() || !vectors.empty(); }
};

class Teacher {
 public:
  // explain: print the narrative to `out` (the demo always does).
  Teacher(const TeachOptions& o, bool explain, std::FILE* out = stdout);
  ~Teacher();

  // The observer for one side of one connection, or nullptr when nothing is
  // watching. keylog: NSS key log path ("" for none). keys: the side's seeded
  // ephemeral keys (for --vectors).
  core::Observer* side(const std::string& side, const std::string& keylog,
                       const std::vector<std::pair<crypto::NamedGroup, core::Bytes>>& keys = {});
  teach::Narrator* narrator() { return narrator_.get(); }
  // Writes --json/--html/--vectors; `c` supplies the report's summary lines,
  // `other` (the demo's server) the second identity and diagnosis.
  // Returns false (after printing why) when a file could not be written.
  bool finish(const handshake::Connection* c, const std::string& title,
              const handshake::Connection* other = nullptr);

 private:
  TeachOptions o_;
  std::unique_ptr<teach::Narrator> narrator_;
  inspect::EventLog log_;
  std::unique_ptr<teach::ReportFeed> feed_;  // --html: text step numbers and show-your-work
  std::FILE* quiet_ = nullptr;        // /dev/null: the narration --html needs, unprinted
  teach::VectorsWriter vectors_;
  std::mutex mu_;
  std::vector<std::unique_ptr<core::Observer>> owned_;
};

}  // namespace glass::apps
