#pragma once
// Authenticating the peer: taking in its certificate chain and judging it against
// our trust anchors (and CRLs, and the verify hook), and the TLS 1.3
// CertificateVerify both ways.
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/engine.hpp"
#include "handshake/server_key_exchange.hpp"
#include "x509/certificate.hpp"

namespace glass::handshake {

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
// What the peer has proved of its certificate so far (the evidence the Finished
// checks of finished_exchange.hpp require):
//   NoPeerCertificate          none presented (a resumed handshake, a client not asked
//                              for one or allowed to send none);
//   AwaitingCertificateVerify  the chain passed; the peer has not yet shown it holds
//                              the key (made only by accept_peer_chain);
//   PeerKeyProven              it has: its CertificateVerify verified, or in TLS 1.2 the
//                              server's ServerKeyExchange signature (made only by the
//                              verify_* functions below).
// A Finished is refused while the peer is AwaitingCertificateVerify, so no path through
// the state machines finishes a handshake whose presented certificate is unproven.
struct NoPeerCertificate {};
class AwaitingCertificateVerify;
class PeerKeyProven;
using PeerProof = std::variant<NoPeerCertificate, AwaitingCertificateVerify, PeerKeyProven>;

// The peer's chain as received: recorded in info.peer_chain, its leaf parsed,
// `check_key` (if any) applied to the leaf's key, the chain validated. Returns the
// leaf's key, still to be proven.
core::Result<AwaitingCertificateVerify> accept_peer_chain(
    Channel& ch, const std::vector<core::Bytes>& chain, bool peer_is_client,
    const std::function<core::Status(const crypto::VerifyingKey&)>& check_key = {});
// Checks a received TLS 1.3 CertificateVerify: the scheme must be one we offered
// (illegal_parameter) and fit the key; the signature must verify (decrypt_error).
core::Result<PeerKeyProven> verify_certificate_verify13(
    Channel& ch, const CertificateVerify& cv, const PeerProof& peer, Side signer,
    const std::vector<crypto::SignatureScheme>& allowed);
// TLS 1.2 (RFC 5246 7.4.8): the client's signature over all handshake messages so far;
// the scheme must be one our CertificateRequest allowed and fit the key.
core::Result<PeerKeyProven> verify_certificate_verify12(
    Channel& ch, const CertificateVerify& cv, const PeerProof& peer,
    const std::vector<crypto::SignatureScheme>& allowed);
// TLS 1.2 server: the ServerKeyExchange signature over the randoms and parameters, with
// one of our schemes that fits the key.
core::Result<PeerKeyProven> verify_server_key_exchange12(Channel& ch,
                                                         const ServerKeyExchangeEcdhe& ske,
                                                         const PeerProof& peer,
                                                         const Random& client_random,
                                                         const Random& server_random);
// Fails (unexpected_message) while the peer is AwaitingCertificateVerify.
core::Status check_peer_proven(const PeerProof& peer, Side who);

class AwaitingCertificateVerify {
 public:
  const crypto::VerifyingKey& key() const { return key_; }

 private:
  explicit AwaitingCertificateVerify(crypto::VerifyingKey k) : key_(std::move(k)) {}
  crypto::VerifyingKey key_;
  friend core::Result<AwaitingCertificateVerify> accept_peer_chain(
      Channel&, const std::vector<core::Bytes>&, bool,
      const std::function<core::Status(const crypto::VerifyingKey&)>&);
};

class PeerKeyProven {
 public:
  crypto::SignatureScheme scheme() const { return scheme_; }

 private:
  explicit PeerKeyProven(crypto::SignatureScheme s) : scheme_(s) {}
  crypto::SignatureScheme scheme_;
  friend core::Result<PeerKeyProven> verify_certificate_verify13(
      Channel&, const CertificateVerify&, const PeerProof&, Side,
      const std::vector<crypto::SignatureScheme>&);
  friend core::Result<PeerKeyProven> verify_certificate_verify12(
      Channel&, const CertificateVerify&, const PeerProof&,
      const std::vector<crypto::SignatureScheme>&);
  friend core::Result<PeerKeyProven> verify_server_key_exchange12(Channel&,
                                                                  const ServerKeyExchangeEcdhe&,
                                                                  const PeerProof&, const Random&,
                                                                  const Random&);
};

// The client sent an empty Certificate: fine unless `required` (then `alert`,
// certificate_required in TLS 1.3, handshake_failure in TLS 1.2).
core::Status accept_no_client_certificate(Channel& ch, bool required, core::Alert alert);

// TLS 1.3 CertificateVerify over the current transcript hash; nullopt when the
// identity's key is external and the signature was asked for (Wait{signature}).
core::Result<std::optional<CertificateVerify>> sign_certificate_verify13(
    Channel& ch, const Identity& id, crypto::SignatureScheme scheme, Side signer);


}  // namespace glass::handshake
