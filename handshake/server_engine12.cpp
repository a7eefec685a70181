// Server: the TLS 1.2 flow (RFC 5246 7.3, RFC 8422 ECDHE, RFC 7627, RFC 5746).
#include <algorithm>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request12.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/key_shares.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/traffic_keys.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_schedule12.hpp"
#include "handshake/server_engine.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_hello_done.hpp"
#include "handshake/server_key_exchange.hpp"
#include "handshake/signer.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;
using S = ServerEngine::State;


// ---- RECVD_CH (TLS 1.2): suite with certificate, group, master secret mode -------------

core::Result<Step> ServerEngine::on_client_hello12(const ClientHello& hello,
                                             const record::HandshakeMessage& m) {
  go(S::RECVD_CH, "ClientHello (TLS 1.2)");
  // RFC 8422 5.1.2: a client that lists point formats must list uncompressed (0);
  // an empty list does not parse (decode_error).
  GLASS_TRY(auto pf, hello.extensions.get<EcPointFormats>());
  if (pf && std::find(pf->formats.begin(), pf->formats.end(), 0) == pf->formats.end())
    return make_error(Alert::illegal_parameter,
                      "ec_point_formats does not include uncompressed (RFC 8422 5.1.2)");
  GLASS_CHECK(choose_suite_and_certificate12(hello));
  GLASS_TRY(auto group, choose_group12(hello));
  GLASS_CHECK(choose_master_secret12(hello));
  GLASS_TRY(auto ri, hello.extensions.get<RenegotiationInfo>());
  if (ri && !ri->renegotiated_connection.empty())
    return make_error(Alert::handshake_failure,
                      "renegotiation_info must be empty on an initial handshake (RFC 5746 3.6)");
  bool secure_reneg =
      ri || hello.offers(CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV);

  client_random_ = hello.random;
  server_random_ = make_random(ch_);
  // RFC 8446 4.1.3: a TLS 1.3-capable server answering with 1.2 says so in the random.
  if (ch_.cfg.max_version >= ProtocolVersion::tls13)
    set_downgrade_marker(server_random_, DowngradeMarker::tls12);
  GLASS_CHECK(ch_.transcript.set_hash(suite_.hash));
  ch_.transcript.add(m.raw);
  go(S::NEGOTIATED, "select " + name_of(suite_.id) + ", " + crypto::name_of(group));
  return negotiated12(hello, group, secure_reneg);
}

// Suite and certificate together: the suite's authentication must fit our key.
core::Status ServerEngine::choose_suite_and_certificate12(const ClientHello& hello) {
  const Config& c = ch_.cfg;
  GLASS_TRY(auto sa, hello.extensions.get<SignatureAlgorithms>());
  if (!sa)
    return make_error(Alert::handshake_failure,
                      "the client sent no signature_algorithms; SHA-1 fallbacks are not supported");
  identity_ = nullptr;
  for (auto s : c.cipher_suites) {
    auto p = suite_params(s);
    if (!p || p->version != ProtocolVersion::tls12 || !hello.offers(s)) continue;
    for (auto& id : c.identities) {
      if (id.chain.empty() || !id.key_type() || !key_fits_tls12_auth(*id.key_type(), p->auth)) continue;
      auto sc = pick_scheme(c.signature_schemes, sa->schemes, *id.key_type(), false);
      if (!sc) continue;
      identity_ = &id;
      scheme_ = *sc;
      suite_.adopt(s);
      break;
    }
    if (identity_) break;
  }
  if (!identity_)
    return make_error(Alert::handshake_failure,
                      "no TLS 1.2 cipher suite in common that our certificate can serve");
  return {};
}

// RFC 8422 4: without supported_groups the client accepts any group.
core::Result<crypto::NamedGroup> ServerEngine::choose_group12(const ClientHello& hello) const {
  std::vector<crypto::NamedGroup> client_groups;
  bool any_group = true;
  if (const Extension* e = hello.extensions.find(ExtensionType::supported_groups)) {
    GLASS_TRY(auto sg, Extensions::parse_body<SupportedGroups>(*e));
    client_groups = std::move(sg.groups);
    any_group = false;
  }
  for (auto g : ch_.cfg.groups) {
    if (!crypto::group_supported(g) || crypto::group_tls13_only(g)) continue;
    if (any_group ||
        std::find(client_groups.begin(), client_groups.end(), g) != client_groups.end())
      return g;
  }
  return make_error(Alert::handshake_failure, "no ECDHE group in common with the client");
}

// RFC 7627: extended master secret when both offer it (required if configured so).
core::Status ServerEngine::choose_master_secret12(const ClientHello& hello) {
  const Config& c = ch_.cfg;
  ems_ = c.offer_extended_master_secret &&
         hello.extensions.has(ExtensionType::extended_master_secret);
  if (!ems_) {
    if (c.require_extended_master_secret && c.offer_extended_master_secret)
      return make_error(Alert::handshake_failure,
                        "the client does not support extended_master_secret (RFC 7627); this "
                        "server requires it");
    ch_.note("WARNING: the client did not offer extended_master_secret (RFC 7627)");
  }
  return {};
}

// ---- NEGOTIATED (TLS 1.2): ServerHello, then the abbreviated or the full flight --------

core::Result<Step> ServerEngine::negotiated12(const ClientHello& hello, crypto::NamedGroup group,
                                        bool secure_reneg) {
  ServerHello sh;
  sh.random = server_random_;
  sh.cipher_suite = suite_.id;
  if (secure_reneg) sh.extensions.set(RenegotiationInfo{});
  if (ems_) sh.extensions.set(ExtendedMasterSecret{});
  if (hello.extensions.has(ExtensionType::ec_point_formats)) sh.extensions.set(EcPointFormats{});
  GLASS_TRY(auto alpn, choose_alpn(ch_.cfg, hello));
  if (alpn) {
    sh.extensions.set(Alpn{{*alpn}});
    ch_.info.alpn = *alpn;
  }
  try_resume12(hello);
  if (resumed_) return flight_sent(send_abbreviated12(sh, hello));
  if (send_tickets_) sh.extensions.set_raw(ExtensionType::session_ticket, {});
  sh.extensions_present = !sh.extensions.empty();
  GLASS_CHECK(ch_.send(sh));
  ch_.reader.set_version(record::Version::tls12);
  ch_.reader.allow_compat_ccs(false);
  return send_full_flight12(group);
}

// Certificate, then ServerKeyExchange (SEND_SKE_12), [CertificateRequest],
// ServerHelloDone; then WAIT_CERT_12 or WAIT_CKE_12.
core::Result<Step> ServerEngine::send_full_flight12(crypto::NamedGroup group) {
  Certificate12 cert;
  cert.certificate_list = identity_->chain;
  GLASS_CHECK(ch_.send(cert));
  GLASS_TRY(auto share, make_key_share(ch_, group));
  ske12_ = ServerKeyExchangeEcdhe{};
  ske12_.group = group;
  ske12_.public_point = core::to_bytes(share.public_key());
  ske12_.scheme = scheme_;
  ecdhe12_ = std::move(share);
  return Next(S::SEND_SKE_12);
}

// SEND_SKE_12: runs again once an external key's signature is provided.
core::Result<Step> ServerEngine::send_server_key_exchange12() {
  GLASS_TRY(auto sig, sign_or_request(ch_, *identity_, scheme_,
                                      ske12_.signed_content(client_random_, server_random_),
                                      "TLS 1.2 ServerKeyExchange"));
  if (!sig) return wait_signature();
  ske12_.signature = std::move(*sig);
  GLASS_CHECK(ch_.send(ske12_));
  return send_rest_of_flight12();
}

core::Result<Step> ServerEngine::send_rest_of_flight12() {
  const Config& c = ch_.cfg;
  const bool ask_cert = c.client_auth != ClientAuthMode::none;
  if (ask_cert) {
    CertificateRequest12 cr;
    cr.certificate_types = {ClientCertificateType::ecdsa_sign, ClientCertificateType::rsa_sign};
    cr_schemes_ = usable_schemes(c);
    cr.supported_signature_algorithms = cr_schemes_;
    if (c.send_ca_names) cr.certificate_authorities = c.trust_anchors.subject_names();
    GLASS_CHECK(ch_.send(cr));
    ch_.info.client_cert_requested = true;
  }
  GLASS_CHECK(ch_.send(ServerHelloDone{}));
  GLASS_CHECK(ch_.writer.flush());

  auto& info = ch_.info;
  info.version = ProtocolVersion::tls12;
  info.cipher_suite = suite_.id;
  info.group = ske12_.group;
  info.extended_master_secret = ems_;
  info.local_signature_scheme = scheme_;
  go(ask_cert ? S::WAIT_CERT_12 : S::WAIT_CKE_12,
     "send ServerHello, Certificate, ServerKeyExchange, " +
         std::string(ask_cert ? "CertificateRequest, " : "") + "ServerHelloDone");
  return wait_flush();
}

core::Status ServerEngine::on_certificate12(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cert, decode<Certificate12>(ByteView(m.raw)));
  ch_.transcript.add(m.raw);
  if (cert.certificate_list.empty()) {
    // TLS 1.2 has no certificate_required alert: handshake_failure, as RFC 5246 7.4.6 says.
    GLASS_CHECK(accept_no_client_certificate(
        ch_, ch_.cfg.client_auth == ClientAuthMode::require, Alert::handshake_failure));
    go(S::WAIT_CKE_12, "Certificate (empty)");
    return {};
  }
  GLASS_TRY(client_proof_, accept_peer_chain(ch_, cert.certificate_list, true));
  go(S::WAIT_CKE_12, "Certificate");
  return {};
}

core::Status ServerEngine::on_client_key_exchange12(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cke, decode<ClientKeyExchangeEcdhe>(ByteView(m.raw)));
  GLASS_TRY(auto pms, ecdhe12_->shared_secret(cke.public_point));
  if (ch_.obs) ch_.obs->on_secret(core::Secret::pre_master_secret, pms);
  ch_.transcript.add(m.raw);
  GLASS_TRY(master12_, master_secret12(ch_, suite_.hash, pms, ems_, client_random_, server_random_));
  const bool cv_owed = std::holds_alternative<AwaitingCertificateVerify>(client_proof_);
  go(cv_owed ? S::WAIT_CV_12 : S::WAIT_CCS_12, "ClientKeyExchange");
  return {};
}

core::Status ServerEngine::on_certificate_verify12(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cv, decode<CertificateVerify>(ByteView(m.raw)));
  GLASS_TRY(client_proof_, verify_certificate_verify12(ch_, cv, client_proof_, cr_schemes_));
  ch_.info.peer_signature_scheme = cv.algorithm;
  ch_.transcript.add(m.raw);
  go(S::WAIT_CCS_12, "CertificateVerify");
  return {};
}

core::Status ServerEngine::on_change_cipher_spec() {
  if (state_ != S::WAIT_CCS_12) return Engine::on_change_cipher_spec();
  GLASS_CHECK(ch_.assembler.check_key_change("ChangeCipherSpec"));
  GLASS_TRY(auto kb, tls12::key_block(suite_.id, master12_, client_random_, server_random_, ch_.obs));
  GLASS_TRY(auto rp, tls12_protection(suite_.aead, kb, true));
  ch_.reader.set_protection(std::move(rp));
  GLASS_TRY(next_write12_, tls12_protection(suite_.aead, kb, false));  // after the client's Finished
  go(S::WAIT_FINISHED_12, "ChangeCipherSpec");
  return {};
}

core::Result<Step> ServerEngine::on_finished12(const record::HandshakeMessage& m) {
  GLASS_CHECK(accept_finished12(ch_, m, suite_.hash, master12_, Side::client, client_proof_));
  if (resumed_) {  // abbreviated handshake: our Finished went first
    ch_.transcript.release_messages();
    go(S::CONNECTED_12, "Finished (session resumed)");
    return wait_peer();
  }
  if (send_tickets_) GLASS_CHECK(send_ticket12());
  GLASS_CHECK(send_ccs_and_finished12(ch_, std::move(next_write12_), suite_.hash, master12_, Side::server));
  GLASS_CHECK(ch_.writer.flush());
  ch_.transcript.release_messages();
  go(S::CONNECTED_12, send_tickets_ ? "Finished / send NewSessionTicket, ChangeCipherSpec, Finished"
                          : "Finished / send ChangeCipherSpec, Finished");
  return wait_flush();
}

}  // namespace glass::handshake
