#pragma once
// glass::observer: override the events you want (records, handshake messages,
// state transitions, secrets, alerts, notes) and hand it to
// context::set_observer. Events arrive on the thread that drives the stream.
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/context.hpp"
#include "glasstls/error.hpp"

namespace glass {

enum class direction : std::uint8_t { sent, received };
enum class alert_level : std::uint8_t { warning = 1, fatal = 2 };

class observer {
 public:
  using bytes = std::span<const std::uint8_t>;
  virtual ~observer() = default;

  // A whole record as on the wire (header included). For protected records,
  // `plaintext` is the decrypted content and `inner_type` the real content type;
  // for unprotected records plaintext is the fragment and inner_type the outer type.
  virtual void on_record(direction, std::uint8_t /*outer_type*/, bytes /*wire*/,
                         std::uint8_t /*inner_type*/, bytes /*plaintext*/) {}
  // One complete handshake message (4-byte header included).
  virtual void on_handshake_message(direction, std::uint8_t /*msg_type*/, bytes /*msg*/) {}
  // "WAIT_CERT_CR --CertificateRequest--> WAIT_CERT"
  virtual void on_state(std::string_view /*side*/, std::string_view /*from*/,
                        std::string_view /*event*/, std::string_view /*to*/) {}
  // A derived secret or key, labelled as the RFC names it.
  virtual void on_secret(std::string_view /*label*/, bytes /*value*/) {}
  virtual void on_alert(direction, alert_level, glass::alert) {}
  // A sentence about a decision the engine took.
  virtual void on_note(std::string_view /*text*/) {}
};

}  // namespace glass
