#pragma once
// Authenticating the peer: taking in its certificate chain and judging it against
// our trust anchors (and CRLs, and the verify hook), and the TLS 1.3
// CertificateVerify both ways.
#include <functional>
#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/engine.hpp"
#include "x509/certificate.hpp"

namespace glass::handshake {

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
// The peer's chain as received: recorded in info.peer_chain, its leaf parsed,
// `check_key` (if any) applied to the leaf's key, the chain validated. Returns the
// leaf's key for the CertificateVerify to come.
core::Result<crypto::VerifyingKey> accept_peer_chain(
    Channel& ch, const std::vector<core::Bytes>& chain, bool peer_is_client,
    const std::function<core::Status(const crypto::VerifyingKey&)>& check_key = {});
// The client sent an empty Certificate: fine unless `required` (then `alert`,
// certificate_required in TLS 1.3, handshake_failure in TLS 1.2).
core::Status accept_no_client_certificate(Channel& ch, bool required, core::Alert alert);

// TLS 1.3 CertificateVerify over the current transcript hash.
core::Result<CertificateVerify> sign_certificate_verify13(Channel& ch, const Identity& id,
                                                          crypto::SignatureScheme scheme,
                                                          Side signer);
// Checks a received TLS 1.3 CertificateVerify: the scheme must be one we offered
// (illegal_parameter) and fit the key; the signature must verify (decrypt_error).
core::Status verify_certificate_verify13(Channel& ch, const CertificateVerify& cv,
                                         const crypto::VerifyingKey& key, Side signer,
                                         const std::vector<crypto::SignatureScheme>& allowed);

}  // namespace glass::handshake
