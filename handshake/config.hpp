#pragma once
// What a Connection is configured with. Everything the engine would otherwise
// take from the environment (randomness, the clock, ephemeral keys) comes in here,
// so tests, RFC 8448 replays and `--seed` runs are deterministic.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/observer.hpp"
#include "core/result.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "handshake/types.hpp"
#include "x509/limits.hpp"
#include "x509/profile.hpp"
#include "x509/trust_anchors.hpp"

// Declared, not included: a Config holds CRLs only through a pointer.
namespace glass::x509 {
class Crl;
enum class CrlCheck : std::uint8_t;
}  // namespace glass::x509

namespace glass::handshake {

class Tamper;             // handshake/tamper.hpp
class TicketKeys;         // handshake/ticket.hpp
class ClientSessionCache;  // handshake/session_cache.hpp

enum class Role : std::uint8_t { client, server };
inline std::string_view role_name(Role r) { return r == Role::client ? "client" : "server"; }

// The server's demand for client certificates.
enum class ClientAuthMode : std::uint8_t { none, request, require };
std::string_view name_of(ClientAuthMode m);

// Client: what to answer a CertificateRequest with. automatic follows RFC 8446
// 4.4.2.4 / RFC 5246 7.4.6 guidance (a certificate whose chain reaches a CA the
// server named); always sends our certificate even when the names do not match
// (what OpenSSL and curl do); never sends an empty Certificate.
enum class ClientCertPolicy : std::uint8_t { automatic, always, never };
std::string_view name_of(ClientCertPolicy p);

// A certificate chain (DER, leaf first) and the private key of its leaf.
struct Identity {
  std::vector<core::Bytes> chain;
  std::shared_ptr<const crypto::SigningKey> key;
  std::string label;  // where it came from ("client.p12"), for explanations
  // Set when the private key lives elsewhere (HSM, agent): `key` may stay empty and
  // each signature is asked of the caller (Connection::pending_signature(),
  // handshake/signer.hpp).
  std::optional<crypto::KeyType> external_key;

  std::optional<crypto::KeyType> key_type() const {
    if (external_key) return external_key;
    if (key) return key->type();
    return std::nullopt;
  }
};

struct Config {
  Role role = Role::client;
  ProtocolVersion min_version = ProtocolVersion::tls12;
  ProtocolVersion max_version = ProtocolVersion::tls13;
  // In preference order; TLS 1.3 and TLS 1.2 suites may be mixed.
  std::vector<CipherSuite> cipher_suites = default_cipher_suites();
  // In preference order. The post-quantum hybrid X25519MLKEM768 comes first (TLS 1.3
  // only; a TLS 1.2 handshake skips it).
  std::vector<crypto::NamedGroup> groups = {crypto::NamedGroup::X25519MLKEM768,
                                            crypto::NamedGroup::x25519,
                                            crypto::NamedGroup::secp256r1,
                                            crypto::NamedGroup::secp384r1};
  // Client: the groups the first ClientHello carries key shares for. Empty: the first
  // of `groups`, plus x25519 when that first group is a hybrid and x25519 is listed
  // (so servers without ML-KEM need no HelloRetryRequest).
  std::vector<crypto::NamedGroup> key_share_groups;
  std::vector<crypto::SignatureScheme> signature_schemes = default_signature_schemes();

  // Our certificate(s); a server needs one, a client may offer several and the
  // engine picks the one that fits the CertificateRequest.
  std::vector<Identity> identities;
  ClientCertPolicy send_cert = ClientCertPolicy::automatic;  // client only
  // The CAs we trust to vouch for the peer: DER certificates, parsed once when
  // assigned and shared by every copy of this Config.
  x509::TrustAnchors trust_anchors;
  // Client: check the server's chain (and name). Server: check client chains.
  bool verify_peer = true;
  // How the peer's chain is judged: the rule set and the work limits (x509/README.md).
  x509::Profile validation_profile = x509::Profile::standard;
  x509::ValidationLimits validation_limits;
  ClientAuthMode client_auth = ClientAuthMode::none;  // server only
  // Server: name our trust anchors in CertificateRequest (certificate_authorities).
  bool send_ca_names = true;
  // Revocation of the peer's chain, checked after path validation (x509/revocation.hpp).
  // With crl_check leaf or chain, a certificate no CRL here covers is refused. Shared:
  // the same loaded CRLs serve every connection.
  std::shared_ptr<const std::vector<x509::Crl>> crls;
  x509::CrlCheck crl_check{};  // CrlCheck::none

  std::string server_name;  // client: SNI and the name the server's certificate must match
  std::vector<std::string> alpn;

  // TLS 1.2: refuse peers without extended_master_secret (RFC 7627) unless false.
  bool require_extended_master_secret = true;
  // TLS 1.2: offer/accept extended_master_secret at all (false only to play a legacy peer).
  bool offer_extended_master_secret = true;
  // TLS 1.3 client with identities: offer post-handshake authentication (RFC 8446 4.2.6).
  bool offer_post_handshake_auth = true;
  // TLS 1.3 middlebox compatibility (RFC 8446 D.4): session id echo and a dummy CCS.
  bool middlebox_compat = true;
  // Session resumption (RFC 8446 2.2, 4.6.1; handshake/README.md "Resumption").
  // Server: seals tickets and opens the ones clients offer; null disables both.
  std::shared_ptr<TicketKeys> ticket_keys;
  unsigned tickets_per_handshake = 2;  // server, TLS 1.3; 0 issues none
  std::uint32_t ticket_lifetime = 7200;  // seconds (RFC 8446 caps it at 604800)
  // Server: also accept psk_ke (no (EC)DHE, no forward secrecy) when it is the only
  // mode the client offers; psk_dhe_ke is always preferred.
  bool allow_psk_ke = false;
  // Server: the client's obfuscated ticket age may differ from the age we compute
  // by this much (clock skew and round trips); beyond it: full handshake.
  std::uint32_t ticket_age_window_ms = 10000;
  // Client: where tickets are stored and found, per server name and ALPN; null
  // disables resumption.
  std::shared_ptr<ClientSessionCache> session_cache;

  // Largest plaintext per record we send (2^14 by default; smaller for tests).
  std::size_t max_fragment = 16384;
  // Back-pressure: application data received and not yet read() past which
  // further records are held back (Connection::wants_input() turns false).
  std::size_t max_unread_app_data = 256 * 1024;

  // When verify_peer is on: called with the peer's chain (DER, as sent) and our
  // verdict on it; what it returns replaces the verdict (glass::context's
  // set_verify_callback). Empty: the verdict stands.
  std::function<core::Status(const std::vector<core::Bytes>& chain, const core::Status& verdict)>
      verify_hook;

  crypto::Rng* rng = nullptr;                 // nullptr: the system generator
  std::function<std::int64_t()> now;          // seconds since epoch; empty: system clock
  core::Observer* observer = nullptr;
  // Deliberate protocol deviations (conformance probes, byte-exact replays); never
  // set on a connection that should behave.
  Tamper* tamper = nullptr;

  // RFC 8448 replays: use these private keys instead of generating ephemerals.
  std::vector<std::pair<crypto::NamedGroup, core::Bytes>> fixed_ephemeral_keys;

  // Fastest AEAD first on this CPU (crypto::aes_gcm_is_fast()); the overload fixes
  // the order (AES-GCM first or ChaCha20-Poly1305 first) for byte-exact replays.
  static std::vector<CipherSuite> default_cipher_suites();
  static std::vector<CipherSuite> default_cipher_suites(bool aes_gcm_first);
  static std::vector<crypto::SignatureScheme> default_signature_schemes();
};

}  // namespace glass::handshake
