#pragma once
// `glasstls demo --step`: both Connections run in stepping mode
// (Connection::set_stepping) and this driver pauses between engine steps — each
// Next or Wait a handler returns (handshake/step.hpp) — for the keys of
// step_keys.hpp: Enter = next step, m = on to the step that takes in the next
// handshake message, c = no more pauses, q = quit. No observer callback blocks.
#include <cstdio>
#include <functional>
#include <string_view>

#include "handshake/connection.hpp"

namespace glass::apps {

class StepDriver {
 public:
  // The prompt goes to `out` (the narration's stream), dim when `colour`.
  StepDriver(std::FILE* out, bool colour) : out_(out), colour_(colour) {}

  // Moves `from`'s output into `to` (to.feed); false when there was nothing to move.
  using Transfer = std::function<bool(handshake::Connection& from, handshake::Connection& to)>;
  // Steps each side as far as it goes and moves its bytes to the other, until
  // neither moves (the stepped counterpart of a plain pump loop).
  void pump(handshake::Connection& client, handshake::Connection& server, const Transfer& transfer);

 private:
  bool run_side(handshake::Connection& c, std::string_view side, bool& after_wait);
  void pause(std::string_view side, const handshake::Connection& c, const handshake::Step& s,
             bool took_message);

  std::FILE* out_;
  bool colour_;
  bool pausing_ = true;
  bool to_message_ = false;      // m: no pause until a step takes in a message
  bool client_after_wait_ = false;  // the client's first step is its start()
  bool server_after_wait_ = true;
};

// A short description of a step: "next: NEGOTIATED", "waits for the peer's message".
std::string describe_step(const handshake::Step& s);

}  // namespace glass::apps
