#pragma once
// What a connection negotiated (glass::session_info, from stream::connection_info())
// and a client's resumable session (glass::session: a ticket with the secret it
// resumes, to keep in a file and offer again from another process).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace glass {

// Names as IANA spells them ("TLS 1.3", "TLS_AES_128_GCM_SHA256", "x25519").
struct session_info {
  std::string version;
  std::string cipher_suite;
  std::string group;  // empty when no key was exchanged (TLS 1.2 resumption, psk_ke)
  bool hello_retry_request = false;
  std::string alpn;
  std::string server_name;  // SNI sent (client) or received (server)
  bool peer_verified = false;
  std::string peer_verify_result;  // "OK" or why the peer's chain was not accepted
  bool client_cert_requested = false;  // the server sent a CertificateRequest
  bool client_cert_sent = false;       // the client answered with a certificate
  bool resumed = false;
  bool psk_offered = false;        // client: a ticket was offered
  unsigned tickets_received = 0;   // client: NewSessionTickets stored
  unsigned tickets_sent = 0;       // server
};

// A resumable session of a client (TLS 1.3 ticket and PSK, or TLS 1.2 ticket and
// master secret). It holds a secret: keep its bytes as private as a key.
class session {
 public:
  struct impl;
  session() = default;
  explicit session(std::shared_ptr<const impl> i) : impl_(std::move(i)) {}

  // The session in glasstls's session file format (versioned, length-prefixed).
  std::vector<std::uint8_t> to_bytes() const;
  // Parses bytes written by to_bytes(); nullopt with `error` set when they are not
  // a session (bounds-checked, never throws).
  static std::optional<session> from_bytes(std::span<const std::uint8_t> bytes, std::string& error);

  const std::string& server_name() const;
  std::size_t ticket_size() const;
  std::uint32_t lifetime() const;  // seconds, as the server said

  const impl& get_impl() const { return *impl_; }

 private:
  std::shared_ptr<const impl> impl_;
};

}  // namespace glass
