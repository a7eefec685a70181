#pragma once
// Negotiation choices both engines make: the cipher suite and what it implies,
// signature schemes, ALPN, record_size_limit, and the checks every ServerHello
// passes.
#include <optional>
#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/engine.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct ClientHello;
struct ServerHello;
class Extensions;

// The negotiated cipher suite with the hash and AEAD it implies.
struct SuiteChoice {
  CipherSuite id{};
  crypto::HashAlg hash = crypto::HashAlg::sha256;
  crypto::AeadAlg aead = crypto::AeadAlg::aes128_gcm;
  // Takes s, which must be a suite suite_params() knows.
  void adopt(CipherSuite s);
};

// The configured signature schemes this build can use, in our order (what we offer
// in signature_algorithms and allow in a CertificateRequest).
std::vector<crypto::SignatureScheme> usable_schemes(const Config& c);
// Our first scheme (in our preference order) that the peer accepts and our key
// can make; nullopt when none fits.
std::optional<crypto::SignatureScheme> pick_scheme(const std::vector<crypto::SignatureScheme>& ours,
                                                   const std::vector<crypto::SignatureScheme>& peer,
                                                   crypto::KeyType key, bool tls13);
std::string scheme_list(const std::vector<crypto::SignatureScheme>& s);
// TLS 1.2: can a certificate key of this type authenticate an ECDHE_<auth> suite?
bool key_fits_tls12_auth(crypto::KeyType k, KeyExchangeAuth auth);

// Server (RFC 7301 3.2): our first ALPN protocol the client also offers; none when
// either side has no list; no_application_protocol when the lists do not meet.
core::Result<std::optional<std::string>> choose_alpn(const Config& c, const ClientHello& hello);
// What we advertise in record_size_limit (RFC 8449 4): the protocol maximum, i.e.
// we accept any record; TLS 1.3 counts the inner content type byte.
inline constexpr std::uint16_t our_record_size_limit13 = 16385;
// The server's ALPN answer (EE in 1.3, ServerHello in 1.2) into info.alpn; RFC 7301
// 3.1: exactly one protocol, one we offered (illegal_parameter otherwise).
core::Status accept_server_alpn(Channel& ch, const Extensions& ext);
// RFC 8449: the peer's record_size_limit caps the plaintext of our protected records.
void apply_peer_record_size_limit(Channel& ch, std::uint16_t limit, bool tls13);

// Client: what every ServerHello and HelloRetryRequest must satisfy: the session id
// echoed (TLS 1.3), null compression, a suite we offered for that version.
core::Status check_server_hello(const ServerHello& sh, const ClientHello& ours, bool tls13);

}  // namespace glass::handshake
