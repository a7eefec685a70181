#pragma once
// Replays the TLS connection inside two reassembled TCP streams: records through
// the record layer's reader, handshake messages through its assembler, and
// decryption with the secrets of an NSS key log (TLS 1.3 traffic secrets, TLS
// 1.2 master secret) installed where each side installs them. Everything is
// reported as the engine's own observer events — records, messages, secrets,
// alerts, inferred states — to one observer per side, so every view of a live
// handshake (--explain narrative, JSON, HTML) renders a capture too.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "capture/keylog_file.hpp"
#include "capture/tcp_reassembly.hpp"
#include "core/alert.hpp"
#include "core/observer.hpp"

namespace glass::capture {

struct ReplayOptions {
  // Application-data records reported per direction; the rest are only counted.
  std::size_t max_app_records = 8;
};

struct SeenAlert {
  bool from_client = false;
  std::uint8_t level = 0;
  core::Alert alert = core::Alert::close_notify;
};

struct SeenMessage {
  bool from_client = false;
  std::uint8_t type = 0;
  core::Bytes raw;
};

struct ReplayResult {
  std::uint16_t version = 0;  // 0x0304 / 0x0303 from the ServerHello, 0 before
  std::uint16_t suite = 0;
  std::uint16_t group = 0;    // key exchange group: ServerHello key_share (1.3), ServerKeyExchange (1.2)
  bool hello_retry = false;
  core::Bytes client_random;
  bool keys_found = false;                  // the key log had this connection's secrets
  std::array<bool, 2> finished{};           // [0] client's, [1] server's Finished seen
  std::vector<SeenMessage> messages;        // every handshake message, in order
  std::vector<SeenAlert> alerts;
  std::vector<core::Bytes> client_chain, server_chain;  // DER, leaf first
  core::Bytes certificate_request;          // the server's CertificateRequest, if any
  std::array<std::uint64_t, 2> app_records{}, app_bytes{};  // [0] client to server
  std::size_t signatures_verified = 0, signatures_failed = 0;  // with the certificates' keys
  std::vector<std::string> problems;        // what could not be read, and why
  std::string client_state, server_state;   // inferred, at the end
};

// When the capture had no SYN the client was guessed from the ports; a stream
// that starts with a ClientHello settles it. Swaps the two sides of `conn` when
// the guess was wrong and says so in its notes; true when it swapped.
bool orient_by_client_hello(Connection& conn);

// `client`/`server` receive the events of each side (either may be null).
ReplayResult replay_tls(const Connection& conn, const KeyLog& keys, core::Observer* client,
                        core::Observer* server, const ReplayOptions& opt = {});

// NSS label and our engine's label of each TLS 1.3 secret the key log can hold.
struct SecretName {
  const char* nss;
  const char* ours;
};
inline constexpr SecretName kSecrets13[] = {
    {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"},
    {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"},
    {"CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0"},
    {"SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0"},
    {"EXPORTER_SECRET", "exporter_master_secret"},
};

}  // namespace glass::capture
