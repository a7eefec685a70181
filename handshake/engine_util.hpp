#pragma once
// Pieces both engines use: randoms and key shares from the injected sources,
// choosing a certificate and a signature scheme, signing and checking
// CertificateVerify, and judging the peer's certificate chain.
#include <optional>
#include <string>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "crypto/signature.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/engine.hpp"
#include "handshake/key_schedule_12.hpp"
#include "record/protection.hpp"
#include "x509/certificate.hpp"

namespace glass::handshake {

Random make_random(Channel& ch);
// An ephemeral key for g: the fixed one from the config if given, else fresh.
core::Result<crypto::KeyShare> make_key_share(Channel& ch, crypto::NamedGroup g);
// The server's answer to a client share: a fixed key from the config if given
// (RFC 8448 replays), else crypto::KeyShare::respond (an encapsulation for hybrids).
core::Result<crypto::KeyShareReply> respond_key_share(Channel& ch, crypto::NamedGroup g,
                                                      core::ByteView client_share);
// Client: the groups the first ClientHello sends key shares for (Config::key_share_groups).
std::vector<crypto::NamedGroup> initial_share_groups(const Config& c);
struct KeyShareClientHello;
// Server: a post-quantum hybrid worth a HelloRetryRequest although the client sent a
// share we could use for `chosen`: one we rank above `chosen`, that the client lists
// before `chosen` in supported_groups, with no share for it (what a browser sending
// only x25519 first would get from servers that prefer the hybrid).
std::optional<crypto::NamedGroup> preferred_hybrid_without_share(
    const std::vector<crypto::NamedGroup>& ours, const std::vector<crypto::NamedGroup>& client_groups,
    const KeyShareClientHello& shares, crypto::NamedGroup chosen);

// The configured signature schemes this build can use, in our order (what we offer
// in signature_algorithms and allow in a CertificateRequest).
std::vector<crypto::SignatureScheme> usable_schemes(const Config& c);
// Server (RFC 7301 3.2): our first ALPN protocol the client also offers; none when
// either side has no list; no_application_protocol when the lists do not meet.
struct ClientHello;
core::Result<std::optional<std::string>> choose_alpn(const Config& c, const ClientHello& hello);

// What we advertise in record_size_limit (RFC 8449 4): the protocol maximum, i.e.
// we accept any record; TLS 1.3 counts the inner content type byte.
inline constexpr std::uint16_t our_record_size_limit13 = 16385;
// The server's ALPN answer (EE in 1.3, ServerHello in 1.2) into info.alpn; RFC 7301
// 3.1: exactly one protocol, one we offered (illegal_parameter otherwise).
core::Status accept_server_alpn(Channel& ch, const Extensions& ext);
// RFC 8449: the peer's record_size_limit caps the plaintext of our protected records.
void apply_peer_record_size_limit(Channel& ch, std::uint16_t limit, bool tls13);

// Our first scheme (in our preference order) that the peer accepts and our key
// can make; nullopt when none fits.
std::optional<crypto::SignatureScheme> pick_scheme(const std::vector<crypto::SignatureScheme>& ours,
                                                   const std::vector<crypto::SignatureScheme>& peer,
                                                   crypto::KeyType key, bool tls13);

struct IdentityChoice {
  const Identity* identity = nullptr;  // nullptr: send an empty Certificate
  crypto::SignatureScheme scheme{};
  std::string why;  // a sentence for the observer and for failure diagnosis
};
// Client side of a CertificateRequest, by cfg.send_cert: automatic picks the first
// identity whose key can sign with one of the requested schemes and whose chain
// reaches one of the requested CA names (when the server named any); always drops
// the CA-name condition; never sends nothing. `why` names the rule, each candidate
// passed over and what curl/OpenSSL would have sent.
IdentityChoice choose_client_identity(const Channel& ch,
                                      const std::vector<crypto::SignatureScheme>& requested,
                                      const std::vector<core::Bytes>& ca_names, bool tls13);

// The DER subject names of our trust anchors (for certificate_authorities).
std::vector<core::Bytes> trust_anchor_names(const Config& cfg);

// The peer's leaf certificate, parsed once for both uses below: a view into
// `leaf_der`, which must outlive it.
struct PeerLeaf {
  x509::Certificate cert;
  crypto::VerifyingKey key;
};
core::Result<PeerLeaf> parse_peer_leaf(core::ByteView leaf_der);

// Validates the peer's chain (leaf = chain.front(), parsed) against
// cfg.trust_anchors for the given purpose (and the server name, on the client).
// Fills info.peer_verified / peer_verify_result. The error carries
// bad_certificate, unknown_ca, certificate_expired, ... and says which
// certificate broke which rule.
core::Status validate_peer_chain(Channel& ch, const std::vector<core::Bytes>& chain,
                                 const x509::Certificate& leaf, bool peer_is_client);

// TLS 1.3 CertificateVerify over the current transcript hash.
core::Result<CertificateVerify> sign_certificate_verify13(Channel& ch, const Identity& id,
                                                          crypto::SignatureScheme scheme,
                                                          Side signer);
// Checks a received TLS 1.3 CertificateVerify: the scheme must be one we offered
// (illegal_parameter) and fit the key; the signature must verify (decrypt_error).
core::Status verify_certificate_verify13(Channel& ch, const CertificateVerify& cv,
                                         const crypto::VerifyingKey& key, Side signer,
                                         const std::vector<crypto::SignatureScheme>& allowed);

// TLS 1.3 KeyUpdate (RFC 8446 4.6.3). Sending moves our write keys to the next
// generation of `write_secret`; receiving moves the read keys and returns whether the
// peer asked us to update too. `peer`/`us` name the secrets ("client"/"server").
core::Status send_key_update13(Channel& ch, CipherSuite suite, crypto::HashAlg hash,
                               core::SecretBytes& write_secret, std::string_view us,
                               bool request_peer);
core::Result<bool> receive_key_update13(Channel& ch, const record::HandshakeMessage& m,
                                        CipherSuite suite, crypto::HashAlg hash,
                                        core::SecretBytes& read_secret, std::string_view peer);

std::string scheme_list(const std::vector<crypto::SignatureScheme>& s);

// TLS 1.2: can a certificate key of this type authenticate an ECDHE_<auth> suite?
bool key_fits_tls12_auth(crypto::KeyType k, KeyExchangeAuth auth);
// TLS 1.2 record protection for one direction from the key block.
core::Result<std::unique_ptr<record::RecordProtection>> tls12_protection(crypto::AeadAlg aead,
                                                                        const tls12::KeyBlock& kb,
                                                                        bool client_write);

}  // namespace glass::handshake
