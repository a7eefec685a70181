#pragma once
// The state machines of both sides, inferred from the messages a capture shows:
// the same state names our engines use (RFC 8446 Appendix A; the TLS 1.2 ones
// of RFC 5246 7.3), reported as Observer::on_state. A capture cannot see a
// peer's internal decisions, so the events name what the wire showed.
#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/observer.hpp"

namespace glass::capture {

class StateInference {
 public:
  StateInference(core::Observer* client, core::Observer* server) : client_(client), server_(server) {}

  // Every handshake message in the order it appeared; `tls13` once known (after
  // the ServerHello), `hrr` for a HelloRetryRequest.
  void message(bool from_client, std::uint8_t type, core::ByteView msg, bool tls13, bool hrr);
  // A TLS 1.2 ChangeCipherSpec (a TLS 1.3 compatibility one changes no state).
  void change_cipher_spec(bool from_client);
  // An error alert ends both sides: "WAIT_CV --send fatal alert unknown_ca--> CLOSED".
  // CLOSED is the one state name of ours: the engines report the error instead.
  void fatal_alert(bool from_client, std::string_view alert);
  core::HandshakeState client_state() const { return client_state_; }
  core::HandshakeState server_state() const { return server_state_; }

 private:
  void go(bool client, const std::string& event, core::HandshakeState to);
  void client_receives13(std::uint8_t type);
  void client_receives12(std::uint8_t type);
  void server_sends(std::uint8_t type, bool tls13, bool hrr);
  void server_receives(std::uint8_t type, core::ByteView msg, bool tls13);

  core::Observer* client_;
  core::Observer* server_;
  core::HandshakeState client_state_ = core::HandshakeState::START;
  core::HandshakeState server_state_ = core::HandshakeState::START;
  std::string server_flight_;  // messages of the server's flight so far
  bool cert_requested_ = false, client_cert_empty_ = false;
};

// True when a Certificate message (TLS 1.3 or 1.2 layout) carries no certificate.
bool certificate_message_empty(core::ByteView msg, bool tls13);

}  // namespace glass::capture
