#pragma once
// Connection: the sans-I/O TLS engine. It consumes bytes from the peer and
// produces bytes for the peer; it never touches a socket or a clock by itself.
//
//   conn.start();                        // client: queues the ClientHello
//   conn.feed(bytes_from_peer);          // parse records, advance the state machine
//   auto out = conn.take_output();       // bytes to send to the peer
//   conn.write(app_data); conn.read();   // after the handshake
//
// Without copies: send(conn.output()) then conn.consume_output(sent); app_data()
// shows what arrived, consume_app_data(n) releases it (read(span) copies once).
//
// A failure is returned by the call that hit it, kept in error(), and the alert
// that tells the peer is already queued in the output.
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "handshake/config.hpp"
#include "handshake/signer.hpp"
#include "handshake/step.hpp"

namespace glass::handshake {

// What was negotiated and learnt about the peer; filled in as the handshake runs.
struct SessionInfo {
  ProtocolVersion version{};
  CipherSuite cipher_suite{};
  crypto::NamedGroup group{};
  bool hello_retry_request = false;
  bool extended_master_secret = false;  // TLS 1.2
  std::optional<crypto::SignatureScheme> local_signature_scheme;
  std::optional<crypto::SignatureScheme> peer_signature_scheme;
  std::string server_name;  // SNI sent (client) or received (server)
  std::string alpn;

  std::vector<core::Bytes> peer_chain;  // DER, as the peer sent it
  bool peer_verified = false;           // the chain validated against our anchors
  std::string peer_verify_result;       // "OK" or why not

  // Resumption (RFC 8446 2.2): the handshake used a ticket instead of certificates.
  // peer_chain is then the chain authenticated in the original handshake (client),
  // and a server knows the client only by what the ticket carries.
  bool resumed = false;
  bool psk_offered = false;              // client: we offered a ticket
  std::string resumed_client_subject;    // server: "" when the ticket carries no client
  core::Bytes resumed_client_chain_hash; // server: SHA-256 of the original client chain
  unsigned tickets_received = 0;         // client: NewSessionTickets stored
  unsigned tickets_sent = 0;             // server

  bool client_cert_requested = false;   // the server sent CertificateRequest
  bool client_cert_sent = false;        // the client sent a non-empty Certificate
  std::string client_cert_choice;       // why the client sent what it sent
  std::vector<core::Bytes> ca_names_requested;  // certificate_authorities of the request
  std::vector<crypto::SignatureScheme> schemes_requested;
};

enum class ConnectionStatus : std::uint8_t { handshaking, connected, closed, failed };

class Connection {
 public:
  explicit Connection(Config config);
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  // Client: builds and queues the ClientHello. Server: nothing to do yet.
  core::Status start();
  // Processes bytes from the peer (any chunking).
  core::Status feed(core::ByteView bytes);
  // Bytes waiting to go to the peer.
  core::Bytes take_output();
  // The same bytes as a view into the connection's output queue, valid until the
  // next call on the connection; consume_output(n) drops the first n once sent.
  core::ByteView output();
  void consume_output(std::size_t n);
  bool has_output() const;

  // Application data, after the handshake.
  core::Status write(core::ByteView data);
  // Takes the application data received so far; records held back by the
  // back-pressure cap are processed now (a failure there shows in error()).
  core::Bytes read();
  // Copies at most out.size() bytes of application data into `out`; returns how many.
  std::size_t read(std::span<std::uint8_t> out);
  // The application data received so far, as a view valid until the next call on
  // the connection; consume_app_data(n) releases the first n bytes (and lets
  // held-back records through, as read() does).
  core::ByteView app_data() const;
  void consume_app_data(std::size_t n);
  bool has_app_data() const;
  // Back-pressure: false once Config::max_unread_app_data bytes wait for read()
  // (further records are held back unparsed), after a failure and after the
  // peer's close_notify. Stop reading the socket while false; feeding more than
  // max_unread_app_data bytes beyond the cap fails the connection (internal_error).
  bool wants_input() const;

  // Queues close_notify; afterwards nothing more is written.
  void close();
  // TLS 1.3 KeyUpdate (RFC 8446 4.6.3); request_peer asks the peer to update too.
  core::Status key_update(bool request_peer);
  // TLS 1.3 post-handshake client authentication (server side, RFC 8446 4.6.2).
  // Refused without touching the connection when it cannot be asked (TLS 1.2, the
  // client did not offer post_handshake_auth, a request pending, after close()).
  core::Status request_client_certificate();
  // Server: a post-handshake CertificateRequest is waiting for the client's answer.
  bool post_handshake_auth_pending() const;

  // An identity with an external key (Identity::external_key): the handshake stops
  // where it needs a signature and pending_signature() says what to sign (the
  // scheme and the exact bytes). provide_signature() hands the signature in and the
  // handshake goes on; bytes fed meanwhile are kept (at most max_unread_app_data)
  // and processed then. Without a pending request it is refused, the connection
  // left as it was. A wrong signature is the peer's to refuse (decrypt_error).
  const std::optional<SignatureRequest>& pending_signature() const;
  core::Status provide_signature(core::Bytes signature);

  // Called with every Step an engine handler returns, and the state the engine is
  // then in: drivers that show the handshake step by step pause here.
  using StepHook = std::function<void(const Step&, const std::string& state)>;
  void set_step_hook(StepHook hook);
  // Stepping, for drivers that pause between engine steps (`glasstls demo --step`):
  // set before start(). feed() then only keeps the bytes (at most
  // max_unread_app_data), and each step() runs one handler and returns the Step it
  // gave — parsing records (alerts, application data too) until a handshake message
  // is complete — or nullopt when nothing can happen without more input.
  void set_stepping(bool on);
  core::Result<std::optional<Step>> step();

  ConnectionStatus status() const;
  bool is_handshake_done() const;
  bool peer_closed() const;  // close_notify received
  // Set once the connection failed: the alert that was sent or received, and why.
  const std::optional<core::Error>& error() const;
  bool error_from_peer() const;  // the error is an alert the peer sent
  // Name of the current handshake state ("WAIT_CERT_CR").
  std::string state_name() const;
  const SessionInfo& info() const;
  const Config& config() const;

  // Floods cut off with unexpected_message: counted since the peer's last
  // non-empty application data record.
  static constexpr unsigned max_key_updates_in_a_row = 32;
  static constexpr unsigned max_warning_alerts_in_a_row = 5;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace glass::handshake
