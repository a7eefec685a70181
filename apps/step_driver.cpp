#include "apps/step_driver.hpp"

#include <cstdlib>
#include <string>
#include <variant>

#include "apps/step_keys.hpp"

namespace glass::apps {

std::string describe_step(const handshake::Step& s) {
  if (std::holds_alternative<handshake::Next>(s)) return "goes on at once";
  switch (std::get<handshake::Wait>(s).what) {
    case handshake::WaitFor::peer_message: return "waits for the peer's next message";
    case handshake::WaitFor::flush: return "flight complete, sends it";
    case handshake::WaitFor::signature: return "waits for a signature";
  }
  return "?";
}

void StepDriver::pump(handshake::Connection& client, handshake::Connection& server,
                      const Transfer& transfer) {
  for (int round = 0; round < 64; ++round) {
    bool moved = run_side(client, "client", client_after_wait_);
    moved = transfer(client, server) || moved;
    moved = run_side(server, "server", server_after_wait_) || moved;
    moved = transfer(server, client) || moved;
    if (!moved) break;
  }
}

// Runs `c`'s steps until it needs input; a failure stays in c.error() (its alert
// is queued for the transfer).
bool StepDriver::run_side(handshake::Connection& c, std::string_view side, bool& after_wait) {
  bool any = false;
  for (int n = 0; n < 256; ++n) {
    auto s = c.step();
    if (!s || !*s) return any;
    any = true;
    // After a Wait, the next step of this side is the one that takes a message in.
    pause(side, c, **s, after_wait);
    after_wait = std::holds_alternative<handshake::Wait>(**s);
  }
  return any;
}

void StepDriver::pause(std::string_view side, const handshake::Connection& c,
                       const handshake::Step& s, bool took_message) {
  if (!pausing_) return;
  if (to_message_ && !took_message) return;
  to_message_ = false;
  std::string prompt = "     (" + std::string(side) + " in " + c.state_name() + ", " +
                       describe_step(s) +
                       ". Enter: next step, m: next message, c: continue, q: quit) ";
  if (colour_) prompt = "\x1b[2m" + prompt + "\x1b[0m";
  std::fputs(prompt.c_str(), out_);
  std::fflush(out_);
  teach::StepKey k = read_step_key();
  std::fputs("\n", out_);
  if (k == teach::StepKey::run_to_end) pausing_ = false;
  if (k == teach::StepKey::next_message) to_message_ = true;
  if (k == teach::StepKey::quit) {
    std::fputs("(quit)\n", out_);
    std::fflush(out_);
    std::exit(0);
  }
}

}  // namespace glass::apps
