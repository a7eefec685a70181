#include "handshake/peer_auth.hpp"

#include <algorithm>

#include "handshake/negotiation.hpp"
#include "handshake/signer.hpp"
#include "x509/crl.hpp"
#include "x509/recent_certificates.hpp"
#include "x509/revocation.hpp"
#include "x509/validate.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

core::Result<PeerLeaf> parse_peer_leaf(core::ByteView leaf_der) {
  // A peer seen before on this thread: the same parse, without parsing (see
  // x509/recent_certificates.hpp; validation still runs in full).
  if (auto seen = x509::recall_certificate(leaf_der)) return PeerLeaf{seen->cert, seen->key};
  auto c = x509::Certificate::parse_owned(core::to_bytes(leaf_der));
  if (!c)
    return make_error(Alert::bad_certificate,
                      "the peer's certificate does not parse: " + c.error().reason);
  auto pk = c->public_key();
  if (!pk) return make_error(pk.error().alert, "the peer's public key: " + pk.error().reason);
  auto parsed = std::make_shared<const x509::ParsedCertificate>(
      x509::ParsedCertificate{std::move(*c), std::move(*pk->key)});
  x509::remember_certificate(parsed);
  return PeerLeaf{parsed->cert, parsed->key};
}

namespace {

// The configured CRL check over a validated path.
core::Status check_peer_revocation(Channel& ch, const x509::ValidatedPath& path, std::int64_t time) {
  if (ch.cfg.crl_check == x509::CrlCheck::none) return {};
  static const std::vector<x509::Crl> no_crls;
  const auto& crls = ch.cfg.crls ? *ch.cfg.crls : no_crls;
  auto rev = x509::check_revocation(path, crls, ch.cfg.crl_check, time);
  if (!rev) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = rev.error().reason;
    ch.note("the peer's certificate chain was rejected by revocation checking: " +
            rev.error().reason);
    return rev.error();
  }
  if (ch.obs)
    ch.note("revocation: no CRL (of " + std::to_string(crls.size()) +
            ") revokes the peer's " +
            (ch.cfg.crl_check == x509::CrlCheck::leaf ? "certificate" : "chain"));
  return {};
}

// Our own verdict on the peer's chain (validate_peer_chain adds the verify hook).
core::Status judge_peer_chain(Channel& ch, const std::vector<core::Bytes>& chain,
                              const x509::Certificate& leaf, bool peer_is_client) {
  if (chain.empty()) return make_error(Alert::bad_certificate, "empty certificate chain");
  // Refused before anything is parsed (validate_path checks the same limit).
  if (chain.size() > ch.cfg.validation_limits.max_certificates)
    return make_error(Alert::bad_certificate,
                      "the chain holds " + std::to_string(chain.size()) +
                          " certificates, more than the limit of " +
                          std::to_string(ch.cfg.validation_limits.max_certificates) +
                          " (max_certificates)");
  std::vector<x509::Certificate> intermediates;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    auto c = x509::Certificate::parse(chain[i]);
    if (!c)
      return make_error(Alert::bad_certificate, "certificate " + std::to_string(i) +
                                                    " of the peer's chain does not parse: " +
                                                    c.error().reason);
    intermediates.push_back(*c);
  }
  x509::ValidationOptions opt;
  opt.time = ch.now();
  opt.profile = ch.cfg.validation_profile;
  opt.limits = ch.cfg.validation_limits;
  opt.purpose = peer_is_client ? x509::Purpose::client_auth : x509::Purpose::server_auth;
  if (!peer_is_client) opt.host = ch.cfg.server_name;
  auto res = x509::validate_path(leaf, intermediates, ch.cfg.trust_anchors.certificates(), opt);
  if (!res) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = res.error().reason;
    ch.note("the peer's certificate chain was rejected: " + res.error().reason);
    return res.error();
  }
  GLASS_CHECK(check_peer_revocation(ch, *res, opt.time));
  ch.info.peer_verified = true;
  ch.info.peer_verify_result = "OK";
  if (ch.obs) {  // the path text costs a name rendering per certificate: only for a reader
    std::string path;
    for (auto* c : res->chain) path += (path.empty() ? "" : " <- ") + c->subject().short_form();
    ch.note("the peer's certificate chain is valid for " +
            std::string(x509::purpose_name(opt.purpose)) + ": " + path);
  }
  return {};
}

}  // namespace

core::Status validate_peer_chain(Channel& ch, const std::vector<core::Bytes>& chain,
                                 const x509::Certificate& leaf, bool peer_is_client) {
  if (!ch.cfg.verify_peer) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = "not checked (peer verification is off)";
    ch.note("the peer's certificate chain is NOT validated: verification was turned off");
    return {};
  }
  core::Status verdict = judge_peer_chain(ch, chain, leaf, peer_is_client);
  if (!ch.cfg.verify_hook) return verdict;
  core::Status decided = ch.cfg.verify_hook(chain, verdict);
  if (decided && !verdict) {
    ch.info.peer_verified = true;
    ch.info.peer_verify_result = "accepted by the verify callback despite: " + verdict.error().reason;
    ch.note("the verify callback accepted the peer's chain that failed validation: " +
            verdict.error().reason);
  } else if (!decided && verdict) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = decided.error().reason;
    ch.note("the verify callback rejected the peer's chain: " + decided.error().reason);
  }
  return decided;
}

core::Result<AwaitingCertificateVerify> accept_peer_chain(
    Channel& ch, const std::vector<core::Bytes>& chain, bool peer_is_client,
    const std::function<core::Status(const crypto::VerifyingKey&)>& check_key) {
  ch.info.peer_chain = chain;
  if (peer_is_client) ch.info.client_cert_sent = true;
  GLASS_TRY(auto leaf, parse_peer_leaf(chain.front()));
  if (check_key) GLASS_CHECK(check_key(leaf.key));
  GLASS_CHECK(validate_peer_chain(ch, chain, leaf.cert, peer_is_client));
  return AwaitingCertificateVerify(std::move(leaf.key));
}

namespace {

// The key a CertificateVerify (or ServerKeyExchange) must be checked with.
core::Result<const crypto::VerifyingKey*> key_to_prove(const PeerProof& peer, std::string_view what) {
  if (auto* p = std::get_if<AwaitingCertificateVerify>(&peer)) return &p->key();
  return make_error(Alert::unexpected_message,
                    std::string(what) + " without a certificate still to be proven");
}

}  // namespace

core::Status check_peer_proven(const PeerProof& peer, Side who) {
  if (!std::holds_alternative<AwaitingCertificateVerify>(peer)) return {};
  return make_error(Alert::unexpected_message,
                    std::string(who == Side::client ? "client" : "server") +
                        " Finished before the CertificateVerify that proves its certificate");
}

core::Result<PeerKeyProven> verify_certificate_verify12(
    Channel& ch, const CertificateVerify& cv, const PeerProof& peer,
    const std::vector<crypto::SignatureScheme>& allowed) {
  GLASS_TRY(const crypto::VerifyingKey* key, key_to_prove(peer, "CertificateVerify"));
  if (std::find(allowed.begin(), allowed.end(), cv.algorithm) == allowed.end() ||
      !crypto::scheme_fits_key(cv.algorithm, key->type(), false))
    return make_error(Alert::illegal_parameter,
                      "client CertificateVerify uses " + crypto::name_of(cv.algorithm) +
                          ", which we did not request or which does not fit its key");
  // RFC 5246 7.4.8: the signature covers every handshake message before this one.
  auto st = key->verify(cv.algorithm, ch.transcript.messages(), cv.signature);
  if (!st)
    return make_error(Alert::decrypt_error,
                      "client CertificateVerify signature does not verify with its certificate's key: " +
                          st.error().reason);
  return PeerKeyProven(cv.algorithm);
}

core::Result<PeerKeyProven> verify_server_key_exchange12(Channel& ch,
                                                         const ServerKeyExchangeEcdhe& ske,
                                                         const PeerProof& peer,
                                                         const Random& client_random,
                                                         const Random& server_random) {
  GLASS_TRY(const crypto::VerifyingKey* key, key_to_prove(peer, "ServerKeyExchange"));
  auto& ours = ch.cfg.signature_schemes;
  if (std::find(ours.begin(), ours.end(), ske.scheme) == ours.end() ||
      !crypto::scheme_fits_key(ske.scheme, key->type(), false))
    return make_error(Alert::illegal_parameter,
                      "ServerKeyExchange is signed with " + crypto::name_of(ske.scheme) +
                          ", which we did not offer or which does not fit the server's key");
  auto content = ske.signed_content(client_random, server_random);
  auto st = key->verify(ske.scheme, content, ske.signature);
  if (!st)
    return make_error(Alert::decrypt_error,
                      "ServerKeyExchange signature does not verify: " + st.error().reason);
  return PeerKeyProven(ske.scheme);
}

core::Status accept_no_client_certificate(Channel& ch, bool required, core::Alert alert) {
  ch.info.client_cert_sent = false;
  if (required)
    return make_error(alert,
                      "the client sent no certificate, but this server requires one "
                      "(client authentication mode: require)");
  ch.note("the client sent no certificate; allowed, because client authentication is optional here");
  return {};
}

core::Result<std::optional<CertificateVerify>> sign_certificate_verify13(
    Channel& ch, const Identity& id, crypto::SignatureScheme scheme, Side signer) {
  GLASS_TRY(auto hash, ch.transcript.current_hash());
  auto content = certificate_verify_content(signer, hash);
  // Shown once: not again when the state runs a second time with the signature.
  if (ch.obs && !ch.signature_answer) ch.obs->on_secret(core::Secret::certificate_verify_content, content);
  GLASS_TRY(auto sig, sign_or_request(ch, id, scheme, content,
                                      signer == Side::client ? "TLS 1.3 client CertificateVerify"
                                                             : "TLS 1.3 server CertificateVerify"));
  if (!sig) return std::optional<CertificateVerify>();
  return std::optional<CertificateVerify>(CertificateVerify{scheme, std::move(*sig)});
}

core::Result<PeerKeyProven> verify_certificate_verify13(
    Channel& ch, const CertificateVerify& cv, const PeerProof& peer, Side signer,
    const std::vector<crypto::SignatureScheme>& allowed) {
  GLASS_TRY(const crypto::VerifyingKey* key_ptr, key_to_prove(peer, "CertificateVerify"));
  const crypto::VerifyingKey& key = *key_ptr;
  // RFC 8446 4.4.3: the scheme must be one offered in signature_algorithms.
  if (std::find(allowed.begin(), allowed.end(), cv.algorithm) == allowed.end())
    return make_error(Alert::illegal_parameter,
                      "CertificateVerify uses " + crypto::name_of(cv.algorithm) +
                          ", which was not offered (offered: " + scheme_list(allowed) + ")");
  if (!crypto::scheme_fits_key(cv.algorithm, key.type(), true))
    return make_error(Alert::illegal_parameter,
                      "CertificateVerify scheme " + crypto::name_of(cv.algorithm) +
                          " cannot be made by a " + std::string(crypto::key_type_name(key.type())) +
                          " key (RFC 8446 4.4.3)");
  GLASS_TRY(auto hash, ch.transcript.current_hash());
  auto content = certificate_verify_content(signer, hash);
  auto st = key.verify(cv.algorithm, content, cv.signature);
  if (!st)
    return make_error(Alert::decrypt_error,
                      std::string(signer == Side::client ? "client" : "server") +
                          " CertificateVerify signature does not verify with the certificate's "
                          "key: " + st.error().reason);
  return PeerKeyProven(cv.algorithm);
}

}  // namespace glass::handshake
