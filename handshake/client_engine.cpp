// Client: ClientHello, version dispatch, and the TLS 1.3 flow (RFC 8446 A.1).
#include "handshake/client_engine.hpp"
#include "handshake/state_ids.hpp"

#include <algorithm>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/encrypted_extensions.hpp"
#include "handshake/client_identity.hpp"
#include "handshake/key_shares.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/traffic_keys.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_update.hpp"
#include "handshake/new_session_ticket.hpp"
#include "record/alert.hpp"
#include "x509/extensions.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;
using S = ClientEngine::State;

std::unique_ptr<Engine> make_client_engine(Channel& ch) {
  return std::make_unique<ClientEngine>(ch);
}

std::string_view ClientEngine::state_label(State s) { return core::state_label(state_id(s)); }

void ClientEngine::go(State to, std::string_view event) {
  ch_.transition(state_id(state_), event, state_id(to));
  state_ = to;
}

namespace {

bool offers_tls13(const Config& c) { return c.max_version >= ProtocolVersion::tls13; }
bool offers_tls12(const Config& c) { return c.min_version <= ProtocolVersion::tls12; }

std::vector<CipherSuite> offered_suites(const Config& c) {
  std::vector<CipherSuite> out;
  for (auto s : c.cipher_suites) {
    auto p = suite_params(s);
    if (!p) continue;
    if (p->version == ProtocolVersion::tls13 ? offers_tls13(c) : offers_tls12(c)) out.push_back(s);
  }
  return out;
}

}  // namespace

core::Result<Step> ClientEngine::start() {
  if (state_ != S::START) return wait_peer();
  return flight_sent(send_client_hello());
}

core::Result<Step> ClientEngine::run(std::uint8_t state) {
  switch (static_cast<State>(state)) {
    case S::SEND_CERT_13: return send_certificate13();
    case S::SEND_CV_13: return send_certificate_verify13();
    case S::SEND_FINISHED_13: return send_client_finished13();
    case S::SEND_CV_12: return send_certificate_verify12();
    case S::SEND_FINISHED_12: return send_client_finished12();
    default: return Engine::run(state);
  }
}

core::Status ClientEngine::send_client_hello() {
  const Config& c = ch_.cfg;
  if (c.min_version > c.max_version || c.max_version < ProtocolVersion::tls12)
    return make_error(Alert::internal_error, "no protocol version to offer (TLS 1.2 and 1.3 only)");
  client_random_ = make_random(ch_);
  hello_ = ClientHello{};
  hello_.random = client_random_;
  if (c.middlebox_compat && offers_tls13(c)) hello_.legacy_session_id = ch_.rng.bytes(32);
  hello_.cipher_suites = offered_suites(c);
  if (hello_.cipher_suites.empty())
    return make_error(Alert::internal_error, "no usable cipher suite is configured");
  auto& ext = hello_.extensions;
  if (!c.server_name.empty() && !x509::parse_ip(c.server_name)) {
    ext.set(ServerNameList::for_host(c.server_name));
    ch_.info.server_name = c.server_name;
  }
  if (offers_tls12(c)) ext.set(EcPointFormats{});
  ext.set(SupportedGroups{c.groups});
  ext.set(SignatureAlgorithms{usable_schemes(c)});
  if (!c.alpn.empty()) ext.set(Alpn{c.alpn});
  if (offers_tls12(c)) {
    if (c.offer_extended_master_secret) ext.set(ExtendedMasterSecret{});
    ext.set(RenegotiationInfo{});
    if (c.session_cache && c.offer_extended_master_secret) {
      ext.set_raw(ExtensionType::session_ticket, {});  // RFC 5077 3.2: empty asks for one
      if (!offers_tls13(c)) {
        auto s = c.session_cache->take(session_key(c.server_name, c.alpn), ch_.now());
        if (s && s->version == ProtocolVersion::tls12) offer_ticket12(std::move(*s));
      }
    }
  }
  if (offers_tls13(c)) {
    SupportedVersionsClientHello sv;
    sv.versions.push_back(ProtocolVersion::tls13);
    if (offers_tls12(c)) sv.versions.push_back(ProtocolVersion::tls12);
    ext.set(sv);
    if (c.groups.empty()) return make_error(Alert::internal_error, "no key exchange group configured");
    KeyShareClientHello ks;
    shares_.clear();
    for (auto g : initial_share_groups(c)) {
      GLASS_TRY(auto share, make_key_share(ch_, g));
      ks.client_shares.push_back({share.group(), core::to_bytes(share.public_key())});
      shares_.push_back(std::move(share));
    }
    ext.set(ks);
    ext.set(RecordSizeLimit{our_record_size_limit13});
    if (!c.identities.empty() && c.offer_post_handshake_auth) ext.set(PostHandshakeAuth{});
    offer_session();
  }
  // RFC 8446 D.4 / 5.1: the first ClientHello may carry record version 0x0301.
  ch_.writer.set_record_version(record::wire_tls10);
  GLASS_CHECK(ch_.send(hello_));
  GLASS_CHECK(ch_.writer.flush());
  ch_.writer.set_record_version(record::wire_tls12);
  go(S::WAIT_SH, "send ClientHello");
  return {};
}

core::Result<Step> ClientEngine::on_message(const record::HandshakeMessage& m) {
  auto type = static_cast<HandshakeType>(m.type);
  switch (state_) {
    case S::WAIT_SH:
      if (type != HandshakeType::server_hello) break;
      return on_server_hello(m);
    case S::WAIT_EE:
      if (type != HandshakeType::encrypted_extensions) break;
      return received(on_encrypted_extensions(m));
    case S::WAIT_CERT_CR:
      if (type == HandshakeType::certificate_request) return received(on_certificate_request(m));
      if (type == HandshakeType::certificate) return received(on_certificate13(m));
      break;
    case S::WAIT_CERT:
      if (type != HandshakeType::certificate) break;
      return received(on_certificate13(m));
    case S::WAIT_CV:
      if (type != HandshakeType::certificate_verify) break;
      return received(on_certificate_verify13(m));
    case S::WAIT_FINISHED:
      if (type != HandshakeType::finished) break;
      return on_finished13(m);
    case S::CONNECTED:
      return on_post_handshake13(m);
    case S::WAIT_CERT_12:
      if (type != HandshakeType::certificate) break;
      return received(on_certificate12(m));
    case S::WAIT_SKE_12:
      if (type != HandshakeType::server_key_exchange) break;
      return received(on_server_key_exchange12(m));
    case S::WAIT_CR_OR_SHD_12:
      if (type == HandshakeType::certificate_request) return received(on_certificate_request12(m));
      if (type == HandshakeType::server_hello_done) return on_server_hello_done12(m);
      break;
    case S::WAIT_SHD_12:
      if (type != HandshakeType::server_hello_done) break;
      return on_server_hello_done12(m);
    case S::WAIT_FINISHED_12:
      if (type != HandshakeType::finished) break;
      return on_finished12(m);
    case S::CONNECTED_12:
      if (type == HandshakeType::hello_request) {
        // RFC 5746 4.2 / RFC 5246 7.4.1.1: we never renegotiate; say so politely.
        ch_.note("server asked to renegotiate (HelloRequest): refused with no_renegotiation");
        return received(ch_.writer.write_alert(record::make_alert(Alert::no_renegotiation)));
      }
      break;
    case S::WAIT_CCS_12:
      if (type == HandshakeType::new_session_ticket) return received(on_new_session_ticket12(m));
      break;
    case S::START:  // and the actions, never current states (Engine::run):
    case S::SEND_CERT_13: case S::SEND_CV_13: case S::SEND_FINISHED_13: case S::SEND_CV_12:
    case S::SEND_FINISHED_12: break;
  }
  if (state_ == S::WAIT_CCS_12 && type == HandshakeType::finished)
    return make_error(Alert::unexpected_message,
                      "Finished arrived before the server's ChangeCipherSpec (RFC 5246 7.4.9)");
  return unexpected(m, state_name());
}

// ---- ServerHello ---------------------------------------------------------------

core::Result<Step> ClientEngine::on_server_hello(const record::HandshakeMessage& m) {
  GLASS_TRY(auto sh, decode<ServerHello>(ByteView(m.raw)));
  if (sh.is_hello_retry_request()) return on_hello_retry_request(sh, m);
  GLASS_TRY(auto sv, sh.extensions.get<SupportedVersionsServerHello>());
  if (sv) {
    // RFC 8446 4.2.1: only a version we offered, and never below 1.3 this way.
    if (sv->selected_version != ProtocolVersion::tls13 || !offers_tls13(ch_.cfg))
      return make_error(Alert::illegal_parameter,
                        "server selected " + name_of(sv->selected_version) +
                            " in supported_versions, which we did not offer that way");
    return received(on_server_hello13(sh, m));
  }
  if (hrr_seen_)
    return make_error(Alert::illegal_parameter,
                      "ServerHello after HelloRetryRequest must select TLS 1.3 (RFC 8446 4.1.4)");
  if (sh.legacy_version == ProtocolVersion::tls12 && offers_tls12(ch_.cfg))
    return received(on_server_hello12(sh, m));
  return make_error(Alert::protocol_version,
                    "server chose " + name_of(sh.legacy_version) +
                        ", but we only speak " +
                        (offers_tls12(ch_.cfg) ? std::string("TLS 1.2 and ") : std::string()) +
                        "TLS 1.3 here");
}

namespace {


}  // namespace

core::Result<Step> ClientEngine::on_hello_retry_request(const ServerHello& hrr,
                                                  const record::HandshakeMessage& m) {
  // RFC 8446 4.1.4: at most one HelloRetryRequest.
  if (hrr_seen_)
    return make_error(Alert::unexpected_message, "a second HelloRetryRequest (RFC 8446 4.1.4)");
  GLASS_TRY(auto sv, hrr.extensions.get<SupportedVersionsServerHello>());
  if (!sv || sv->selected_version != ProtocolVersion::tls13)
    return make_error(Alert::illegal_parameter,
                      "HelloRetryRequest without supported_versions selecting TLS 1.3");
  GLASS_CHECK(check_server_hello(hrr, hello_, true));
  GLASS_CHECK(check_extensions_tls13(hrr.extensions, ExtensionContext::hello_retry_request));
  GLASS_CHECK(check_solicited(hrr.extensions, hello_.extensions,
                              ExtensionContext::hello_retry_request));
  GLASS_TRY(auto ks, hrr.extensions.get<KeyShareHelloRetryRequest>());
  GLASS_TRY(auto cookie, hrr.extensions.get<Cookie>());
  if (!ks && !cookie)
    return make_error(Alert::illegal_parameter,
                      "HelloRetryRequest would not change the ClientHello (RFC 8446 4.1.4)");
  suite_.adopt(hrr.cipher_suite);

  GLASS_CHECK(ch_.transcript.set_hash(suite_.hash));
  GLASS_CHECK(ch_.transcript.rewrite_for_hello_retry_request());
  ch_.transcript.add(m.raw);
  // TLS 1.3 is settled: the server's compatibility CCS may follow.
  ch_.reader.set_version(record::Version::tls13);

  if (ks) GLASS_CHECK(retry_key_share(ks->selected_group));
  return flight_sent(send_second_client_hello(cookie ? &*cookie : nullptr));
}

// The HelloRetryRequest asks for a share on g: replace ours with one for g.
core::Status ClientEngine::retry_key_share(crypto::NamedGroup g) {
  auto& groups = ch_.cfg.groups;
  if (std::find(groups.begin(), groups.end(), g) == groups.end())
    return make_error(Alert::illegal_parameter,
                      "HelloRetryRequest asks for group " + crypto::name_of(g) +
                          ", which we did not offer in supported_groups");
  for (auto& s : shares_)
    if (s.group() == g)
      return make_error(Alert::illegal_parameter,
                        "HelloRetryRequest asks for " + crypto::name_of(g) +
                            ", for which we already sent a key share (RFC 8446 4.2.8)");
  GLASS_TRY(auto share, make_key_share(ch_, g));
  KeyShareClientHello kch;
  kch.client_shares.push_back({share.group(), core::to_bytes(share.public_key())});
  shares_.clear();
  shares_.push_back(std::move(share));
  hello_.extensions.set(kch);
  ch_.note("server asked for a key share on " + crypto::name_of(g) + ": sending a new ClientHello");
  return {};
}

// The ClientHello again, with the cookie and a new binder; back to WAIT_SH.
core::Status ClientEngine::send_second_client_hello(const Cookie* cookie) {
  // pre_shared_key stays last: out while the hello changes, back with a new binder.
  hello_.extensions.remove(ExtensionType::pre_shared_key);
  if (cookie) hello_.extensions.set(*cookie);
  else hello_.extensions.remove(ExtensionType::cookie);
  if (psk_ && suite_params(psk_->suite)->hash != suite_.hash) {
    ch_.note("the HelloRetryRequest chose a suite whose hash differs from the ticket's: "
             "the second ClientHello offers no ticket");
    psk_.reset();
  }
  hrr_seen_ = true;
  if (psk_) GLASS_CHECK(attach_psk());
  ch_.info.hello_retry_request = true;
  GLASS_CHECK(ch_.send_compat_ccs());
  GLASS_CHECK(ch_.send(hello_));
  GLASS_CHECK(ch_.writer.flush());
  go(S::WAIT_SH, "HelloRetryRequest / send ClientHello");
  return {};
}

core::Status ClientEngine::on_server_hello13(const ServerHello& sh,
                                             const record::HandshakeMessage& m) {
  GLASS_CHECK(check_server_hello(sh, hello_, true));
  if (hrr_seen_ && sh.cipher_suite != suite_.id)
    return make_error(Alert::illegal_parameter,
                      "ServerHello changed the cipher suite chosen in HelloRetryRequest");
  GLASS_CHECK(check_extensions_tls13(sh.extensions, ExtensionContext::server_hello));
  GLASS_CHECK(check_solicited(sh.extensions, hello_.extensions, ExtensionContext::server_hello));
  GLASS_TRY(auto ks, sh.extensions.require<KeyShareServerHello>(ExtensionContext::server_hello));
  const crypto::KeyShare* mine = nullptr;
  for (auto& s : shares_)
    if (s.group() == ks.server_share.group) mine = &s;
  if (!mine)
    return make_error(Alert::illegal_parameter,
                      "server key share is for " + crypto::name_of(ks.server_share.group) +
                          ", for which we sent no share");
  suite_.adopt(sh.cipher_suite);
  server_random_ = sh.random;
  GLASS_CHECK(ch_.transcript.set_hash(suite_.hash));
  ch_.transcript.add(m.raw);

  GLASS_CHECK(accept_selected_psk(sh));
  GLASS_TRY(auto shared, mine->shared_secret(ks.server_share.key_exchange));
  if (ch_.obs) ch_.obs->on_secret(core::Secret::ecdhe_shared_secret, shared);
  tls13::EarlySecret es(suite_.hash, resumed_ ? psk_->secret.view() : core::ByteView{}, ch_.obs);
  hs_ = es.handshake_secret(shared);
  GLASS_TRY(auto h, ch_.transcript.current_hash());
  c_hs_ = hs_->client_handshake_traffic_secret(h);
  s_hs_ = hs_->server_handshake_traffic_secret(h);
  ch_.reader.set_version(record::Version::tls13);
  GLASS_CHECK(ch_.set_read_secret13(suite_.id, s_hs_, "server_handshake_traffic_secret"));
  GLASS_CHECK(ch_.set_write_secret13(suite_.id, c_hs_, "client_handshake_traffic_secret"));

  auto& info = ch_.info;
  info.version = ProtocolVersion::tls13;
  info.cipher_suite = suite_.id;
  info.group = ks.server_share.group;
  go(S::WAIT_EE, "ServerHello");
  return {};
}

// ---- Encrypted server flight -------------------------------------------------------

core::Status ClientEngine::on_encrypted_extensions(const record::HandshakeMessage& m) {
  GLASS_TRY(auto ee, decode<EncryptedExtensions>(ByteView(m.raw)));
  GLASS_CHECK(check_extensions_tls13(ee.extensions, ExtensionContext::encrypted_extensions));
  GLASS_CHECK(check_solicited(ee.extensions, hello_.extensions,
                              ExtensionContext::encrypted_extensions));
  GLASS_CHECK(accept_server_alpn(ch_, ee.extensions));
  GLASS_TRY(auto rsl, ee.extensions.get<RecordSizeLimit>());
  if (rsl) apply_peer_record_size_limit(ch_, rsl->limit, true);
  ch_.transcript.add(m.raw);
  // RFC 8446 2.2: a PSK handshake authenticates with the PSK, not certificates.
  if (resumed_) go(S::WAIT_FINISHED, "EncryptedExtensions (resumed: no certificates)");
  else go(S::WAIT_CERT_CR, "EncryptedExtensions");
  return {};
}

core::Status ClientEngine::on_certificate_request(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cr, decode<CertificateRequest>(ByteView(m.raw)));
  // RFC 8446 4.3.2: zero length except for post-handshake authentication.
  if (!cr.certificate_request_context.empty())
    return make_error(Alert::illegal_parameter,
                      "CertificateRequest during the handshake has a non-empty context");
  GLASS_CHECK(check_extensions_tls13(cr.extensions, ExtensionContext::certificate_request));
  GLASS_TRY(auto sa, cr.extensions.require<SignatureAlgorithms>(ExtensionContext::certificate_request));
  GLASS_TRY(auto cas, cr.extensions.get<CertificateAuthorities>());
  cert_requested_ = true;
  cr_schemes_ = sa.schemes;
  cr_ca_names_ = cas ? cas->authorities : std::vector<core::Bytes>{};
  ch_.info.client_cert_requested = true;
  ch_.info.schemes_requested = cr_schemes_;
  ch_.info.ca_names_requested = cr_ca_names_;
  ch_.transcript.add(m.raw);
  go(S::WAIT_CERT, "CertificateRequest");
  return {};
}

core::Status ClientEngine::on_certificate13(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cert, decode<Certificate>(ByteView(m.raw)));
  if (!cert.certificate_request_context.empty())
    return make_error(Alert::illegal_parameter, "server Certificate has a non-empty request context");
  // RFC 8446 4.4.2.4: an empty server Certificate is a decode_error.
  if (cert.certificate_list.empty())
    return make_error(Alert::decode_error, "server sent an empty Certificate (RFC 8446 4.4.2.4)");
  for (auto& e : cert.certificate_list) {
    GLASS_CHECK(check_extensions_tls13(e.extensions, ExtensionContext::certificate));
    GLASS_CHECK(check_solicited(e.extensions, hello_.extensions, ExtensionContext::certificate));
  }
  GLASS_TRY(server_proof_, accept_peer_chain(ch_, cert.der_chain(), false));
  ch_.transcript.add(m.raw);
  go(S::WAIT_CV, "Certificate");
  return {};
}

core::Status ClientEngine::on_certificate_verify13(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cv, decode<CertificateVerify>(ByteView(m.raw)));
  GLASS_TRY(server_proof_, verify_certificate_verify13(ch_, cv, server_proof_, Side::server,
                                          ch_.cfg.signature_schemes));
  ch_.info.peer_signature_scheme = cv.algorithm;
  ch_.transcript.add(m.raw);
  go(S::WAIT_FINISHED, "CertificateVerify");
  return {};
}

core::Result<Step> ClientEngine::on_finished13(const record::HandshakeMessage& m) {
  GLASS_CHECK(accept_finished13(ch_, m, suite_.hash, s_hs_, Side::server, server_proof_));
  ms_ = hs_->master_secret();
  GLASS_TRY(auto h2, ch_.transcript.current_hash());
  c_ap_ = ms_->client_application_traffic_secret_0(h2);
  s_ap_ = ms_->server_application_traffic_secret_0(h2);
  GLASS_CHECK(ch_.set_read_secret13(suite_.id, s_ap_, "server_application_traffic_secret_0"));
  ch_.reader.allow_compat_ccs(false);
  GLASS_CHECK(ch_.send_compat_ccs());
  return cert_requested_ ? Next(S::SEND_CERT_13) : Next(S::SEND_FINISHED_13);
}

// SEND_CERT_13: the identity that fits the request, or an empty Certificate.
core::Result<Step> ClientEngine::send_certificate13() {
  auth_choice_ = choose_client_identity(ch_, cr_schemes_, cr_ca_names_, true);
  ch_.info.client_cert_choice = auth_choice_.why;
  ch_.note(auth_choice_.why);
  std::vector<core::Bytes> chain;
  if (auth_choice_.identity) chain = auth_choice_.identity->chain;
  GLASS_CHECK(ch_.send(Certificate::from_chain(chain, pha_context_)));
  return auth_choice_.identity ? Next(S::SEND_CV_13) : Next(S::SEND_FINISHED_13);
}

// SEND_CV_13: runs again once an external key's signature is provided.
core::Result<Step> ClientEngine::send_certificate_verify13() {
  GLASS_TRY(auto cv, sign_certificate_verify13(ch_, *auth_choice_.identity, auth_choice_.scheme,
                                               Side::client));
  if (!cv) return wait_signature();
  GLASS_CHECK(ch_.send(*cv));
  ch_.info.client_cert_sent = true;
  ch_.info.local_signature_scheme = auth_choice_.scheme;
  return Next(S::SEND_FINISHED_13);
}

core::Result<Step> ClientEngine::send_client_finished13() {
  if (pha_) {
    // Post-handshake: Finished with the application secret, then the handshake
    // transcript again.
    GLASS_CHECK(send_finished13(ch_, suite_.hash, c_ap_));
    ch_.transcript = std::move(*pha_saved_);
    pha_saved_.reset();
    pha_ = false;
    pha_context_.clear();
    return flight_sent(ch_.writer.flush());
  }
  GLASS_CHECK(send_finished13(ch_, suite_.hash, c_hs_));
  GLASS_CHECK(ch_.set_write_secret13(suite_.id, c_ap_, "client_application_traffic_secret_0"));
  if (ch_.obs || ch_.cfg.session_cache) {
    GLASS_TRY(auto h4, ch_.transcript.current_hash());
    rms_ = ms_->resumption_master_secret(h4);
    if (!ch_.cfg.session_cache) rms_ = {};
  }
  GLASS_CHECK(ch_.writer.flush());
  // Nothing after the handshake needs these: wipe them now rather than with the connection.
  hs_.reset();
  ms_.reset();
  c_hs_ = {};
  s_hs_ = {};
  shares_.clear();  // our key-share private keys (an ML-KEM one is ~5 KB)
  hello_.extensions.remove(ExtensionType::key_share);  // the public halves, as sent
  ch_.transcript.release_messages();
  go(S::CONNECTED, "Finished");
  return wait_flush();
}

// ---- After the handshake -------------------------------------------------------------

core::Result<Step> ClientEngine::on_post_handshake13(const record::HandshakeMessage& m) {
  auto type = static_cast<HandshakeType>(m.type);
  if (type == HandshakeType::new_session_ticket) return received(on_new_session_ticket(m));
  if (type == HandshakeType::key_update) {
    GLASS_TRY(bool requested, receive_key_update13(ch_, m, suite_.id, suite_.hash, s_ap_, "server"));
    return received(requested ? answer_key_update_request(ch_, *this) : core::Status{});
  }
  if (type == HandshakeType::certificate_request) return on_post_handshake_certificate_request13(m);
  return unexpected(m, state_name());
}

// RFC 8446 4.6.2: Certificate, CertificateVerify and Finished answer at once, so the
// client needs no state of its own for post-handshake authentication.
core::Result<Step> ClientEngine::on_post_handshake_certificate_request13(
    const record::HandshakeMessage& m) {
  if (!hello_.extensions.has(ExtensionType::post_handshake_auth))
    return make_error(Alert::unexpected_message,
                      "post-handshake CertificateRequest, but we did not offer post_handshake_auth");
  GLASS_TRY(auto cr, decode<CertificateRequest>(ByteView(m.raw)));
  if (ch_.local_closed) {
    ch_.note("post-handshake CertificateRequest after our close_notify: not answered");
    return wait_peer();
  }
  GLASS_CHECK(check_extensions_tls13(cr.extensions, ExtensionContext::certificate_request));
  GLASS_TRY(auto sa, cr.extensions.require<SignatureAlgorithms>(ExtensionContext::certificate_request));
  GLASS_TRY(auto cas, cr.extensions.get<CertificateAuthorities>());
  ch_.info.client_cert_requested = true;
  ch_.note("server asked for a client certificate after the handshake (post-handshake auth)");
  // The CertificateVerify and Finished cover the handshake transcript plus these
  // messages; the handshake transcript comes back after our Finished.
  pha_saved_ = ch_.transcript;
  ch_.transcript.add(m.raw);
  pha_ = true;
  pha_context_ = cr.certificate_request_context;
  cr_schemes_ = sa.schemes;
  cr_ca_names_ = cas ? cas->authorities : std::vector<core::Bytes>{};
  return Next(S::SEND_CERT_13);
}

core::Status ClientEngine::key_update(bool request_peer) {
  if (state_ != S::CONNECTED) return Engine::key_update(request_peer);
  return send_key_update13(ch_, suite_.id, suite_.hash, c_ap_, "client", request_peer);
}

}  // namespace glass::handshake
