#pragma once
// What a state handler says happens next. Every handler of ClientEngine and
// ServerEngine returns a Step, and the Connection's dispatch loop acts on it:
//
//   Next{state}  continue at once with `state`, a state that acts without input
//                (NEGOTIATED, or "sign and send CertificateVerify"); Engine::run runs it.
//   Wait{what}   stop here until something outside the engine happens:
//     peer_message  the next handshake message from the peer;
//     flush         a flight is complete: what is queued goes to the peer, whose
//                   answer comes next;
//     signature     a signature from a key we do not hold (Identity::external_key):
//                   Connection::pending_signature() says what to sign,
//                   provide_signature() runs the state that asked again.
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <variant>

namespace glass::handshake {

enum class WaitFor : std::uint8_t { peer_message, flush, signature };

inline std::string_view name_of(WaitFor w) {
  switch (w) {
    case WaitFor::peer_message: return "peer message";
    case WaitFor::flush: return "flush";
    case WaitFor::signature: return "signature";
  }
  return "?";
}

// No default constructors: a handler cannot `return {}` by accident.
struct Next {
  explicit Next(std::uint8_t s) : state(s) {}
  template <class E>
    requires std::is_enum_v<E>
  explicit Next(E s) : state(static_cast<std::uint8_t>(s)) {}
  std::uint8_t state;  // the engine's State enum
};

struct Wait {
  explicit Wait(WaitFor w) : what(w) {}
  WaitFor what;
};

using Step = std::variant<Next, Wait>;

inline Step wait_peer() { return Wait{WaitFor::peer_message}; }
inline Step wait_flush() { return Wait{WaitFor::flush}; }
inline Step wait_signature() { return Wait{WaitFor::signature}; }

}  // namespace glass::handshake
