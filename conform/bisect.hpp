#pragma once
// `glasstls conform --bisect`: the server rejects our client certificate — which
// smallest change flips its verdict? Retries with no certificate, the leaf
// only, the leaf plus each intermediate, each signature scheme our key can make,
// and TLS 1.2 vs 1.3, and certificate fixes (bisect_fixes.hpp: the missing
// intermediate from --ca; with the CA's key, the leaf re-issued with clientAuth
// or issued by the CA the server names), and names the first change (smallest
// first) that turns a rejection into acceptance (or the reverse).
#include <optional>
#include <string>
#include <vector>

#include "conform/runner.hpp"

namespace glass::conform {

struct BisectStep {
  std::string change;  // "leaf only", "signature scheme rsa_pss_rsae_sha256 only", ...
  Outcome outcome;
  bool accepted = false;
};

struct BisectReport {
  Outcome baseline;
  bool baseline_accepted = false;
  std::vector<BisectStep> steps;
  std::optional<std::size_t> flip;  // index into steps of the smallest flipping change
};

// Accepted: the handshake completed and the server did not object to our data.
bool accepted(const Outcome& o);

// ca_signer: the CA of --ca-key (chain[0] its certificate), or null.
BisectReport bisect(const Target& t, const Context& ctx,
                    const handshake::Identity* ca_signer = nullptr);
// likely_cause: the baseline's failure diagnosis ("likely cause: ..." lines), if any.
std::string render_bisect(const BisectReport& r, const std::string& likely_cause = {});
std::string render_bisect_json(const BisectReport& r, const std::string& target);

}  // namespace glass::conform
