#pragma once
// The client's side of resumption: tickets received in NewSessionTicket, with the
// secret each resumes (RFC 8446 4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret,
// "resumption", ticket_nonce)), kept per server name and offered ALPN list.
// A ticket is offered once (RFC 8446 C.4: reuse lets observers link connections)
// and the newest first.
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct ClientSession {
  ProtocolVersion version = ProtocolVersion::tls13;
  CipherSuite suite{};
  core::SecretBytes secret;  // TLS 1.3: the PSK; TLS 1.2: the master secret
  bool extended_master_secret = false;
  core::Bytes ticket;
  std::uint32_t lifetime = 0;    // seconds, as the server said
  std::uint32_t age_add = 0;     // TLS 1.3
  std::int64_t received_at = 0;  // our clock, seconds since the epoch
  std::string server_name;
  std::string alpn_offered;  // the offered ALPN list, comma-separated (the cache key)
  // The server's chain as validated in the full handshake, reported on resumption.
  std::vector<core::Bytes> peer_chain;

  bool expired(std::int64_t now) const {
    return now < received_at || now - received_at >= static_cast<std::int64_t>(lifetime);
  }
};

// The session file format (`glasstls client --sess-out/--sess-in`): versioned,
// length-prefixed fields. Parsing is bounds-checked and never throws.
core::Bytes encode_client_session(const ClientSession& s);
core::Result<ClientSession> parse_client_session(core::ByteView bytes);

// The cache key for a server name and an ALPN list.
std::string session_key(const std::string& server_name, const std::vector<std::string>& alpn);

class ClientSessionCache {
 public:
  static constexpr std::size_t max_per_server = 4;  // older tickets are dropped
  static constexpr std::size_t max_servers = 256;   // the least recently stored key goes

  void add(ClientSession s);
  // The newest unexpired ticket for this key, removed from the cache.
  std::optional<ClientSession> take(const std::string& key, std::int64_t now);
  // The newest unexpired ticket for this key, left in the cache (for saving).
  std::optional<ClientSession> newest(const std::string& key, std::int64_t now) const;
  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<ClientSession>> by_key_;
  std::deque<std::string> order_;  // keys, least recently stored first
};

}  // namespace glass::handshake
