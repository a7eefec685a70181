#pragma once
// A readable, numbered narrative of a handshake (`--explain`), rendered from the
// engine's observer events: state transitions, each handshake message as a
// field tree (offsets, hex, meaning), every derived secret with its inputs and
// an openssl command that reproduces it, records in and out (ciphertext and
// what it decrypts to), alerts and the engine's own notes. Both sides of a demo
// share one Narrator, so the steps are numbered in the order they happen.
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/observer.hpp"
#include "inspect/dissect.hpp"
#include "inspect/recorder.hpp"
#include "teach/key_work.hpp"
#include "teach/step_keys.hpp"

namespace glass::teach {

struct NarratorOptions {
  bool colour = false;        // ANSI colours (a terminal, and NO_COLOR unset)
  bool secrets = true;        // print secret values (only in explicit --explain mode)
  bool show_work = true;      // derivation inputs + reproducing openssl commands
  bool step = false;          // pause after each step for a key (terminal only; step_keys.hpp)
  std::function<StepKey()> read_key;  // --step: blocks for one key (none: run to the end)
  bool trees = true;          // field tree of each handshake message
};

class Narrator {
 public:
  Narrator(std::FILE* out, NarratorOptions o) : out_(out), o_(o) {}
  // A new numbered step; `detail` (already indented lines) is printed below it.
  void step(std::string_view side, std::string_view kind, const std::string& text,
            const std::string& detail = {});
  // Plain text outside the numbered steps (headings, the summary).
  void text(const std::string& s);
  const NarratorOptions& options() const { return o_; }
  // A driver that pauses between engine steps takes --step over (apps/step_driver.hpp).
  bool take_stepping() { return std::exchange(o_.step, false); }
  std::FILE* stream() const { return out_; }
  // Paint `s` with an ANSI code when colour is on.
  std::string paint(std::string_view code, std::string_view s) const;
  unsigned steps() const { return step_; }
  // Where the demo saved each certificate, for the show-your-work commands.
  void set_cert_file(std::string side, std::string path) { cert_files_[std::move(side)] = std::move(path); }
  std::string cert_file(const std::string& side) const;
  // Step at which these exact message bytes were shown as a tree (0: never),
  // so the receiving side of a demo can point back instead of repeating it.
  unsigned shown_at(core::ByteView msg);
  void remember(core::ByteView msg);
  // Called with every step (number, side, kind, text, detail) and every text
  // paragraph (number 0, kind "text") as printed, without colour: the HTML
  // report takes its step numbers and lines from here.
  using Listener = std::function<void(unsigned, std::string_view, std::string_view,
                                      const std::string&, const std::string&)>;
  void set_listener(Listener l) { listener_ = std::move(l); }

 private:
  // --step: waits for a key after a step of this kind (skipping to the next message after m).
  void pause(std::string_view kind);

  std::mutex mu_;
  std::FILE* out_;
  bool skip_to_message_ = false;
  NarratorOptions o_;
  unsigned step_ = 0;
  std::map<std::string, std::string> cert_files_;
  std::map<std::string, unsigned> shown_;
  Listener listener_;
};

class ExplainObserver final : public core::Observer {
 public:
  ExplainObserver(Narrator& n, std::string side);

  void on_record(core::Direction d, std::uint8_t outer, core::ByteView wire, std::uint8_t inner,
                 core::ByteView plain) override;
  void on_record_protection(core::Direction d, const core::RecordProtectionInfo& i) override;
  bool wants_record_protection() const override { return true; }
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override;
  void on_state(core::Side side, core::HandshakeState from, std::string_view event,
                core::HandshakeState to) override;
  void on_secret(core::Secret kind, core::ByteView value) override;
  void on_alert(core::Direction d, core::AlertLevel level, core::Alert a) override;
  void on_note(std::string_view text) override;

 private:
  std::string work(const Derivation& d) const;
  std::string certificate_verify_detail(core::Direction d, core::ByteView msg);
  // The PSK binder's covered bytes and derivation; `shown` is the step that already
  // showed those bytes (0: none).
  std::string binder_detail(const BinderWork& w, unsigned shown) const;

  Narrator& n_;
  std::string side_;
  KeyWork kw_;
  inspect::ContextTracker tracker_;
  core::Bytes signed_content_;  // the engine's own CertificateVerify content (cross-check)
  inspect::RecordCrypto pending_[2];  // by direction: shown with the next record
};

// Hex in rows of 16 bytes, indented, at most max_bytes shown.
std::string hex_block(core::ByteView b, std::size_t max_bytes = 96, const char* indent = "        ");
// Indents every line of `s` by `indent`.
std::string indent_lines(const std::string& s, std::string_view indent);
// True when stdout should get colour: a terminal and NO_COLOR not set.
bool want_colour(int fd);

}  // namespace glass::teach
