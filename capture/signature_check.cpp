#include "capture/signature_check.hpp"

#include "handshake/certificate_verify.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/message.hpp"
#include "handshake/server_key_exchange.hpp"
#include "x509/certificate.hpp"

namespace glass::capture {

SignatureVerdict SignatureCheck::message(bool from_client, core::ByteView msg, const SignatureContext& c,
                                         bool hrr) {
  if (msg.empty()) return {};
  if (msg[0] == 2 && c.suite) {
    if (auto p = handshake::suite_params(static_cast<handshake::CipherSuite>(c.suite))) {
      (void)transcript_.set_hash(p->hash);
      // RFC 8446 4.4.1: ClientHello1 is replaced by its hash before the HelloRetryRequest.
      if (hrr) (void)transcript_.rewrite_for_hello_retry_request();
    }
  }
  SignatureVerdict v;
  if (msg[0] == 15 || msg[0] == 12) v = judge(from_client, msg, c);
  transcript_.add(msg);
  return v;
}

SignatureVerdict SignatureCheck::judge(bool from_client, core::ByteView msg, const SignatureContext& c) {
  const std::string who = from_client ? "client" : "server";
  if (!c.signer_chain || c.signer_chain->empty())
    return {false, false, "the " + who + "'s signature cannot be checked: no certificate of it was seen"};
  auto leaf = handshake::parse_peer_leaf(c.signer_chain->front());
  if (!leaf) return {false, false, "the " + who + "'s signature cannot be checked: " + leaf.error().reason};
  crypto::SignatureScheme scheme{};
  core::Bytes content, signature;
  if (msg[0] == 12) {
    auto ske = handshake::decode<handshake::ServerKeyExchangeEcdhe>(msg);
    if (!ske) return {false, false, "ServerKeyExchange: " + ske.error().reason};
    scheme = ske->scheme;
    signature = ske->signature;
    content = ske->signed_content(c.client_random, c.server_random);
  } else {
    auto cv = handshake::decode<handshake::CertificateVerify>(msg);
    if (!cv) return {false, false, "CertificateVerify: " + cv.error().reason};
    scheme = cv->algorithm;
    signature = cv->signature;
    if (c.version == 0x0304) {
      auto h = transcript_.current_hash();
      if (!h) return {false, false, "the transcript hash is unknown: " + h.error().reason};
      content = handshake::certificate_verify_content(
          from_client ? handshake::Side::client : handshake::Side::server, *h);
    } else {
      content = core::to_bytes(transcript_.messages());
    }
  }
  auto st = leaf->key.verify(scheme, content, signature);
  std::string what = std::string(msg[0] == 12 ? "ServerKeyExchange" : "CertificateVerify") + " signature (" +
                     crypto::name_of(scheme) + ")";
  if (st)
    return {true, true, "the " + who + "'s " + what + " verifies with the public key of " +
                            leaf->cert.subject().to_string() + " (checked here: no private key needed)"};
  return {true, false, "the " + who + "'s " + what + " does NOT verify with the public key of " +
                           leaf->cert.subject().to_string() + ": " + st.error().reason};
}

}  // namespace glass::capture
