// Client: the TLS 1.2 flow after a TLS 1.2 ServerHello (RFC 5246 7.3, RFC 8422,
// RFC 7627 extended master secret, RFC 5746 renegotiation_info).
#include <algorithm>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request12.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/client_identity.hpp"
#include "handshake/key_shares.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/traffic_keys.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_schedule12.hpp"
#include "handshake/server_hello_done.hpp"
#include "handshake/server_key_exchange.hpp"
#include "handshake/signer.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;
using S = ClientEngine::State;


core::Status ClientEngine::on_server_hello12(const ServerHello& sh,
                                             const record::HandshakeMessage& m) {
  // RFC 8446 4.1.3: a TLS 1.3 client that sees the downgrade sentinel must abort.
  if (ch_.cfg.max_version >= ProtocolVersion::tls13 &&
      downgrade_marker(sh.random) != DowngradeMarker::none)
    return make_error(Alert::illegal_parameter,
                      "ServerHello.random carries the TLS 1.3 downgrade sentinel: the server "
                      "supports TLS 1.3, so a TLS 1.2 answer means someone forced a downgrade "
                      "(RFC 8446 4.1.3)");
  GLASS_CHECK(check_server_hello(sh, hello_, false));
  GLASS_CHECK(check_solicited(sh.extensions, hello_.extensions, ExtensionContext::server_hello));
  GLASS_TRY(auto rsl, sh.extensions.get<RecordSizeLimit>());
  if (rsl) apply_peer_record_size_limit(ch_, std::min<std::uint16_t>(rsl->limit, 16384), false);
  ems_ = sh.extensions.has(ExtensionType::extended_master_secret);
  const bool abbreviated = resumes12(sh);
  // RFC 7627 5.3: resuming an extended-master-secret session without the extension.
  if (abbreviated && !ems_)
    return make_error(Alert::handshake_failure,
                      "the server resumed our session without extended_master_secret (RFC 7627 5.3)");
  ticket_expected12_ = sh.extensions.has(ExtensionType::session_ticket);
  if (!ems_) {
    if (ch_.cfg.require_extended_master_secret)
      return make_error(Alert::handshake_failure,
                        "the server does not support extended_master_secret (RFC 7627), which "
                        "protects TLS 1.2 against session-splicing attacks; allow such legacy "
                        "servers explicitly to continue");
    ch_.note("WARNING: the server did not negotiate extended_master_secret (RFC 7627)");
  }
  GLASS_TRY(auto ri, sh.extensions.get<RenegotiationInfo>());
  if (ri && !ri->renegotiated_connection.empty())
    return make_error(Alert::handshake_failure,
                      "renegotiation_info must be empty on an initial handshake (RFC 5746 3.4)");
  if (!ri) ch_.note("the server did not send renegotiation_info (RFC 5746)");
  GLASS_CHECK(accept_server_alpn(ch_, sh.extensions));

  suite_.adopt(sh.cipher_suite);
  server_random_ = sh.random;
  GLASS_CHECK(ch_.transcript.set_hash(suite_.hash));
  ch_.transcript.add(m.raw);
  ch_.reader.set_version(record::Version::tls12);
  ch_.reader.allow_compat_ccs(false);
  auto& info = ch_.info;
  info.version = ProtocolVersion::tls12;
  info.cipher_suite = suite_.id;
  info.extended_master_secret = ems_;
  if (abbreviated) return on_abbreviated_server_hello12(sh);
  go(S::WAIT_CERT_12, "ServerHello (TLS 1.2)");
  return {};
}

core::Status ClientEngine::on_certificate12(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cert, decode<Certificate12>(ByteView(m.raw)));
  if (cert.certificate_list.empty())
    return make_error(Alert::decode_error, "server sent an empty Certificate");
  auto fits_suite = [this](const crypto::VerifyingKey& key) -> core::Status {
    if (key_fits_tls12_auth(key.type(), suite_params(suite_.id)->auth)) return {};
    return make_error(Alert::unsupported_certificate,
                      "the server's " + std::string(crypto::key_type_name(key.type())) +
                          " key cannot authenticate " + name_of(suite_.id));
  };
  GLASS_TRY(server_proof_, accept_peer_chain(ch_, cert.certificate_list, false, fits_suite));
  ch_.transcript.add(m.raw);
  go(S::WAIT_SKE_12, "Certificate");
  return {};
}

core::Status ClientEngine::on_server_key_exchange12(const record::HandshakeMessage& m) {
  GLASS_TRY(auto ske, decode<ServerKeyExchangeEcdhe>(ByteView(m.raw)));
  auto& groups = ch_.cfg.groups;
  if (std::find(groups.begin(), groups.end(), ske.group) == groups.end() ||
      !crypto::group_supported(ske.group))
    return make_error(Alert::illegal_parameter,
                      "ServerKeyExchange uses group " + crypto::name_of(ske.group) +
                          ", which we did not offer");
  if (crypto::group_tls13_only(ske.group))
    return make_error(Alert::illegal_parameter,
                      "ServerKeyExchange uses " + crypto::name_of(ske.group) +
                          ", a TLS 1.3-only group, in TLS 1.2");
  GLASS_TRY(server_proof_, verify_server_key_exchange12(ch_, ske, server_proof_, client_random_,
                                                        server_random_));
  GLASS_TRY(auto share, make_key_share(ch_, ske.group));
  ecdhe12_ = std::move(share);
  server_point12_ = ske.public_point;
  ch_.info.group = ske.group;
  ch_.info.peer_signature_scheme = ske.scheme;
  ch_.transcript.add(m.raw);
  go(S::WAIT_CR_OR_SHD_12, "ServerKeyExchange");
  return {};
}

core::Status ClientEngine::on_certificate_request12(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cr, decode<CertificateRequest12>(ByteView(m.raw)));
  cert_requested_ = true;
  cr_schemes_ = cr.supported_signature_algorithms;
  cr_ca_names_ = cr.certificate_authorities;
  ch_.info.client_cert_requested = true;
  ch_.info.schemes_requested = cr_schemes_;
  ch_.info.ca_names_requested = cr_ca_names_;
  ch_.transcript.add(m.raw);
  go(S::WAIT_SHD_12, "CertificateRequest");
  return {};
}

core::Result<Step> ClientEngine::on_server_hello_done12(const record::HandshakeMessage& m) {
  GLASS_CHECK(decode<ServerHelloDone>(ByteView(m.raw)));
  ch_.transcript.add(m.raw);

  auth_choice_ = IdentityChoice{};
  if (cert_requested_) {
    auth_choice_ = choose_client_identity(ch_, cr_schemes_, cr_ca_names_, false);
    ch_.info.client_cert_choice = auth_choice_.why;
    ch_.note(auth_choice_.why);
    Certificate12 cert;
    if (auth_choice_.identity) cert.certificate_list = auth_choice_.identity->chain;
    GLASS_CHECK(ch_.send(cert));
  }
  GLASS_CHECK(ch_.send(ClientKeyExchangeEcdhe{core::to_bytes(ecdhe12_->public_key())}));
  GLASS_TRY(auto pms, ecdhe12_->shared_secret(server_point12_));
  if (ch_.obs) ch_.obs->on_secret(core::Secret::pre_master_secret, pms);
  GLASS_TRY(master12_, master_secret12(ch_, suite_.hash, pms, ems_, client_random_, server_random_));
  return auth_choice_.identity ? Next(S::SEND_CV_12) : Next(S::SEND_FINISHED_12);
}

// SEND_CV_12: runs again once an external key's signature is provided.
core::Result<Step> ClientEngine::send_certificate_verify12() {
  // RFC 5246 7.4.8: the signature covers every handshake message so far.
  GLASS_TRY(auto sig, sign_or_request(ch_, *auth_choice_.identity, auth_choice_.scheme,
                                      ch_.transcript.messages(), "TLS 1.2 client CertificateVerify"));
  if (!sig) return wait_signature();
  GLASS_CHECK(ch_.send(CertificateVerify{auth_choice_.scheme, std::move(*sig)}));
  ch_.info.client_cert_sent = true;
  ch_.info.local_signature_scheme = auth_choice_.scheme;
  return Next(S::SEND_FINISHED_12);
}

core::Result<Step> ClientEngine::send_client_finished12() {
  GLASS_TRY(auto kb, tls12::key_block(suite_.id, master12_, client_random_, server_random_, ch_.obs));
  GLASS_TRY(auto wp, tls12_protection(suite_.aead, kb, true));
  GLASS_TRY(next_read12_, tls12_protection(suite_.aead, kb, false));  // installed at the server's CCS
  GLASS_CHECK(send_ccs_and_finished12(ch_, std::move(wp), suite_.hash, master12_, Side::client));
  GLASS_CHECK(ch_.writer.flush());
  go(S::WAIT_CCS_12, "ServerHelloDone / send Certificate, ClientKeyExchange, CertificateVerify, "
                     "ChangeCipherSpec, Finished");
  return wait_flush();
}

core::Status ClientEngine::on_change_cipher_spec() {
  if (state_ != S::WAIT_CCS_12) return Engine::on_change_cipher_spec();
  GLASS_CHECK(ch_.assembler.check_key_change("ChangeCipherSpec"));
  ch_.reader.set_protection(std::move(next_read12_));
  go(S::WAIT_FINISHED_12, "ChangeCipherSpec");
  return {};
}

core::Result<Step> ClientEngine::on_finished12(const record::HandshakeMessage& m) {
  GLASS_CHECK(accept_finished12(ch_, m, suite_.hash, master12_, Side::server, server_proof_));
  if (session12_) GLASS_CHECK(finish_abbreviated12());
  store_ticket12();
  ch_.transcript.release_messages();
  go(S::CONNECTED_12, session12_ ? "Finished / send ChangeCipherSpec, Finished" : "Finished");
  return session12_ ? wait_flush() : wait_peer();
}

}  // namespace glass::handshake
