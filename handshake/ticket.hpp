#pragma once
// Self-encrypted session tickets (RFC 8446 4.6.1, RFC 5077 4): the server keeps no
// per-session state; what it needs to resume is sealed into the ticket itself.
//
//   ticket = key_id(4) ‖ nonce(12) ‖ AES-256-GCM(ticket key, nonce,
//            aad = "glasstls ticket v1" ‖ key_id, plaintext) ‖ tag(16)
//
// The plaintext (TicketContents) holds the resumption secret, the cipher suite and
// version, ALPN, SNI, the authenticated client identity, issue time and lifetime,
// and the hash of the server's trust-anchor set when it was issued.
//
// TicketKeys rotates the sealing key: a new key every rotation period; the one
// before it is kept for opening only, then forgotten. Opening is a parser over
// bytes from the network: bounds-checked, never throws, and says why it refused.
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "crypto/random.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct TicketContents {
  ProtocolVersion version = ProtocolVersion::tls13;
  CipherSuite suite{};
  std::int64_t issued_at = 0;   // server clock, seconds since the epoch
  std::uint32_t lifetime = 0;   // seconds
  std::uint32_t age_add = 0;    // TLS 1.3 ticket_age_add
  core::SecretBytes secret;     // TLS 1.3: the resumption PSK; TLS 1.2: the master secret
  bool extended_master_secret = false;  // TLS 1.2
  std::string alpn;
  std::string server_name;
  core::Bytes trust_anchors_hash;  // Config::trust_anchors.set_hash() at issue time
  // The client's certificate chain as authenticated in the full handshake:
  // SHA-256 over it (client_chain_hash) and the leaf's subject. Empty hash: none.
  core::Bytes client_chain_hash;
  std::string client_subject;

  bool has_client_identity() const { return !client_chain_hash.empty(); }
  bool expired(std::int64_t now) const { return now < issued_at - 60 || now >= issued_at + lifetime; }
};

core::Bytes encode_ticket_plaintext(const TicketContents& t);
// decode_error naming the field for anything malformed.
core::Result<TicketContents> parse_ticket_plaintext(core::ByteView plaintext);

// SHA-256 over the DER certificates, each with a u24 length (order kept).
core::Bytes client_chain_hash(const std::vector<core::Bytes>& chain);
// The trust-anchor hash a ticket carries is x509::TrustAnchors::set_hash(), made once
// per set: the same set in any order gives the same hash; adding or removing one changes it.

class TicketKeys {
 public:
  static constexpr std::int64_t default_rotation_period = 2 * 3600;
  static constexpr std::size_t default_max_replay_entries = 100000;
  static constexpr std::size_t max_ticket_size = 4096;

  // rng: nullptr for the system generator (not owned otherwise).
  explicit TicketKeys(std::int64_t rotation_period = default_rotation_period,
                      crypto::Rng* rng = nullptr);

  // Seals under the current key, rotating first if it is older than the period.
  core::Bytes seal(const TicketContents& t, std::int64_t now);
  // Opens a ticket sealed by the current or the previous key. Errors (never
  // thrown) say why: unknown key, bad tag, malformed plaintext, too large.
  core::Result<TicketContents> open(core::ByteView ticket, std::int64_t now);
  // Starts a new key now; the current one becomes decrypt-only, the previous one
  // is forgotten.
  void rotate(std::int64_t now);

  // Single use (opt-in): a ticket may resume once. Remembered until it expires,
  // at most max_replay_entries at a time; when that many live tickets were used,
  // further ones are refused (full handshake) until some expire.
  void set_single_use(bool on, std::size_t max_entries = default_max_replay_entries);
  bool single_use() const;
  // True (and the ticket recorded) if it may be used now; false if it was used
  // before or the cache is full.
  bool claim(core::ByteView ticket, std::int64_t expires_at, std::int64_t now);

  std::int64_t rotation_period() const { return period_; }

 private:
  struct Key {
    std::uint32_t id = 0;
    core::SecretBytes key;  // 32 bytes
    std::int64_t created = 0;
  };
  void rotate_locked(std::int64_t now);
  void maybe_rotate_locked(std::int64_t now);
  const Key* find_locked(std::uint32_t id) const;

  std::int64_t period_;
  crypto::Rng* rng_;
  mutable std::mutex mu_;
  std::optional<Key> current_, previous_;
  std::uint32_t next_id_ = 0;

  bool single_use_ = false;
  std::size_t max_replay_ = default_max_replay_entries;
  std::unordered_set<std::string> used_;
  std::deque<std::pair<std::int64_t, std::string>> used_order_;  // (expires_at, id)
};

}  // namespace glass::handshake
