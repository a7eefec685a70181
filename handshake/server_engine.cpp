// Server: ClientHello, version choice, and the TLS 1.3 flow (RFC 8446 A.2).
#include "handshake/server_engine.hpp"
#include "handshake/state_ids.hpp"

#include <algorithm>
#include <functional>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/encrypted_extensions.hpp"
#include "handshake/key_shares.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/traffic_keys.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_update.hpp"
#include "handshake/server_hello.hpp"
#include "record/alert.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;
using S = ServerEngine::State;

std::unique_ptr<Engine> make_server_engine(Channel& ch) {
  return std::make_unique<ServerEngine>(ch);
}

std::string_view ServerEngine::state_label(State s) { return core::state_label(state_id(s)); }

std::string ServerEngine::state_name() const { return std::string(state_label(state_)); }

void ServerEngine::go(State to, std::string_view event) {
  ch_.transition(state_id(state_), event, state_id(to));
  state_ = to;
}

core::Result<Step> ServerEngine::run(std::uint8_t state) {
  switch (static_cast<State>(state)) {
    case S::NEGOTIATED: return negotiated13();
    case S::SEND_CV_13: return send_certificate_verify13();
    case S::SEND_FINISHED_13: return send_server_finished13();
    case S::WAIT_FLIGHT2: return wait_flight2();
    case S::SEND_SKE_12: return send_server_key_exchange12();
    default: return Engine::run(state);
  }
}

core::Result<Step> ServerEngine::on_message(const record::HandshakeMessage& m) {
  auto type = static_cast<HandshakeType>(m.type);
  // CONNECTED and the post-handshake authentication states take KeyUpdate alike.
  if (connected13() && type == HandshakeType::key_update) return received(on_key_update13(m));
  switch (state_) {
    case S::START:
      if (type != HandshakeType::client_hello) break;
      return on_client_hello(m);
    case S::WAIT_CERT:
      if (type != HandshakeType::certificate) break;
      return received(on_certificate13(m));
    case S::WAIT_CV:
      if (type != HandshakeType::certificate_verify) break;
      return received(on_certificate_verify13(m));
    case S::WAIT_FINISHED:
      if (type != HandshakeType::finished) break;
      return on_finished13(m);
    case S::PHA_WAIT_CERT:
      if (type != HandshakeType::certificate) break;
      return received(on_pha_certificate13(m));
    case S::PHA_WAIT_CV:
      if (type != HandshakeType::certificate_verify) break;
      return received(on_pha_certificate_verify13(m));
    case S::PHA_WAIT_FINISHED:
      if (type != HandshakeType::finished) break;
      return received(on_pha_finished13(m));
    case S::WAIT_CERT_12:
      if (type != HandshakeType::certificate) break;
      return received(on_certificate12(m));
    case S::WAIT_CKE_12:
      if (type != HandshakeType::client_key_exchange) break;
      return received(on_client_key_exchange12(m));
    case S::WAIT_CV_12:
      if (type != HandshakeType::certificate_verify) break;
      return received(on_certificate_verify12(m));
    case S::WAIT_FINISHED_12:
      if (type != HandshakeType::finished) break;
      return on_finished12(m);
    case S::CONNECTED_12:
      if (type == HandshakeType::client_hello) {
        // RFC 5746 and our protocol policy: no renegotiation, ever.
        ch_.note("client tried to renegotiate: refused with a no_renegotiation warning");
        return received(ch_.writer.write_alert(record::make_alert(Alert::no_renegotiation)));
      }
      break;
    default:
      break;
  }
  return unexpected(m, state_name());
}

core::Result<Step> ServerEngine::on_client_hello(const record::HandshakeMessage& m) {
  // Early data after our HelloRetryRequest ends with the second ClientHello.
  ch_.reader.stop_skipping_early_data();
  GLASS_TRY(auto hello, decode<ClientHello>(ByteView(m.raw)));
  const Config& c = ch_.cfg;
  // RFC 8446 D.5: SSL 3.0 or older is refused whatever supported_versions says.
  if (static_cast<std::uint16_t>(hello.legacy_version) <= 0x0300)
    return make_error(Alert::protocol_version,
                      "ClientHello.legacy_version is " + name_of(hello.legacy_version) +
                          "; 0x0300 (SSL 3.0) or below is refused (RFC 8446 D.5)");
  GLASS_TRY(auto sv, hello.extensions.get<SupportedVersionsClientHello>());
  bool can13 = c.max_version >= ProtocolVersion::tls13 && sv && sv->offers(ProtocolVersion::tls13);
  bool client12 = sv ? sv->offers(ProtocolVersion::tls12)
                     : hello.legacy_version >= ProtocolVersion::tls12;
  bool can12 = c.min_version <= ProtocolVersion::tls12 && client12;
  if (hrr_sent_ && !can13)
    return make_error(Alert::illegal_parameter,
                      "the second ClientHello no longer offers TLS 1.3 (RFC 8446 4.1.2)");
  if (!can13 && !can12) {
    std::string offered;
    if (sv)
      for (auto v : sv->versions) offered += (offered.empty() ? "" : ", ") + name_of(v);
    else
      offered = name_of(hello.legacy_version) + " (legacy_version)";
    return make_error(Alert::protocol_version,
                      "no protocol version in common: the client offers " + offered +
                          ", this server accepts " + name_of(c.min_version) + " to " +
                          name_of(c.max_version));
  }
  // RFC 7507: a client falling back to TLS 1.2 although we speak TLS 1.3 was
  // pushed down by someone (or gave up too early).
  if (!can13 && hello.offers(CipherSuite::TLS_FALLBACK_SCSV)) {
    ProtocolVersion client_max = hello.legacy_version;
    if (sv) {
      client_max = ProtocolVersion{};
      for (auto v : sv->versions)
        if (static_cast<std::uint16_t>(v) > static_cast<std::uint16_t>(client_max)) client_max = v;
    }
    if (static_cast<std::uint16_t>(client_max) < static_cast<std::uint16_t>(c.max_version))
      return make_error(Alert::inappropriate_fallback,
                        "the ClientHello carries TLS_FALLBACK_SCSV and offers at most " +
                            name_of(client_max) + ", but this server supports " +
                            name_of(c.max_version) + " (RFC 7507)");
  }
  // RFC 8446 4.1.2 / RFC 5246 7.4.1.2: the null compression method must be offered.
  if (std::find(hello.legacy_compression_methods.begin(), hello.legacy_compression_methods.end(),
                0) == hello.legacy_compression_methods.end())
    return make_error(Alert::illegal_parameter, "ClientHello does not offer null compression");
  if (can13 && hello.legacy_compression_methods.size() != 1)
    return make_error(Alert::illegal_parameter,
                      "a TLS 1.3 ClientHello must offer exactly the null compression method");
  GLASS_TRY(auto sni, hello.extensions.get<ServerNameList>());
  if (sni) {
    auto host = sni->host_name();
    if (host) ch_.info.server_name = *host;
  }
  return can13 ? on_client_hello13(hello, m) : on_client_hello12(hello, m);
}

namespace {

// The first suite in our order that the client offers for this version.
std::optional<CipherSuite> choose_suite(const Config& c, const ClientHello& hello,
                                        ProtocolVersion v,
                                        const std::function<bool(const SuiteParams&)>& ok) {
  for (auto s : c.cipher_suites) {
    auto p = suite_params(s);
    if (!p || p->version != v || !hello.offers(s) || !ok(*p)) continue;
    return s;
  }
  return std::nullopt;
}

std::string suite_names(const std::vector<CipherSuite>& v) {
  std::string out;
  for (auto s : v) out += (out.empty() ? "" : ", ") + name_of(s);
  return out;
}

}  // namespace

// ---- RECVD_CH (RFC 8446 A.2): choose suite, certificate and group, or retry -----------

core::Result<Step> ServerEngine::on_client_hello13(const ClientHello& hello,
                                             const record::HandshakeMessage& m) {
  GLASS_CHECK(check_extensions_tls13(hello.extensions, ExtensionContext::client_hello));
  GLASS_TRY(auto peer_limit, hello.extensions.get<RecordSizeLimit>());
  if (!hrr_sent_) go(S::RECVD_CH, "ClientHello");
  GLASS_CHECK(choose_suite13(hello));
  GLASS_CHECK(choose_certificate13(hello));
  GLASS_TRY(auto groups, hello.extensions.require<SupportedGroups>(ExtensionContext::client_hello));
  GLASS_TRY(auto ks, hello.extensions.require<KeyShareClientHello>(ExtensionContext::client_hello));
  GLASS_TRY(const KeyShareEntry* share, usable_key_share13(ks));
  if (auto g = retry_group13(groups.groups, ks, share))
    return flight_sent(send_hello_retry_request(hello, m, *g));
  if (!share) return make_error(Alert::handshake_failure, "no key exchange group in common with the client");
  GLASS_TRY(auto alpn, choose_alpn(ch_.cfg, hello));
  if (hrr_sent_ && hello.extensions.has(ExtensionType::early_data))
    return make_error(Alert::illegal_parameter,
                      "the second ClientHello offers early_data, which RFC 8446 4.2.10 forbids "
                      "after a HelloRetryRequest");
  client_offered_pha_ = hello.extensions.has(ExtensionType::post_handshake_auth);
  client_random_ = hello.random;
  session_id_ = hello.legacy_session_id;
  if (!hrr_sent_) {
    GLASS_CHECK(ch_.transcript.set_hash(suite_.hash));
  }
  // The binder covers the transcript before this ClientHello: check it first.
  GLASS_CHECK(try_resume(hello, m.raw));
  ch_.transcript.add(m.raw);
  std::string event;  // built only for an observer
  if (ch_.obs)
    event = "select " + name_of(suite_.id) + ", " +
            (psk_ke_ ? std::string("PSK only") : crypto::name_of(share->group)) +
            (resumed_ ? ", resume from a ticket" : "");
  go(S::NEGOTIATED, event);
  chosen13_ = Chosen13{share->group, core::to_bytes(share->key_exchange), std::move(alpn),
                       peer_limit ? std::optional<std::uint16_t>(peer_limit->limit) : std::nullopt,
                       hello.extensions.has(ExtensionType::early_data)};
  return Next(S::NEGOTIATED);
}

core::Status ServerEngine::choose_suite13(const ClientHello& hello) {
  auto suite = choose_suite(ch_.cfg, hello, ProtocolVersion::tls13, [](const SuiteParams&) { return true; });
  if (!suite)
    return make_error(Alert::handshake_failure,
                      "no TLS 1.3 cipher suite in common: the client offers " +
                          suite_names(hello.cipher_suites));
  if (hrr_sent_ && *suite != suite_.id)
    return make_error(Alert::illegal_parameter,
                      "the second ClientHello changed the cipher suites (RFC 8446 4.1.2)");
  suite_.adopt(*suite);
  return {};
}

// Our certificate: the first identity whose key can sign a scheme the client accepts.
core::Status ServerEngine::choose_certificate13(const ClientHello& hello) {
  const Config& c = ch_.cfg;
  GLASS_TRY(auto sa, hello.extensions.require<SignatureAlgorithms>(ExtensionContext::client_hello));
  identity_ = nullptr;
  for (auto& id : c.identities) {
    if (id.chain.empty() || !id.key_type()) continue;
    auto sc = pick_scheme(c.signature_schemes, sa.schemes, *id.key_type(), true);
    if (sc) {
      identity_ = &id;
      scheme_ = *sc;
      break;
    }
  }
  if (!identity_)
    return make_error(Alert::handshake_failure,
                      c.identities.empty()
                          ? std::string("this server has no certificate configured")
                          : "none of our certificates can sign with a scheme the client accepts (" +
                                scheme_list(sa.schemes) + ")");
  return {};
}

// The client's share for the first group we like (nullptr: none), checked.
core::Result<const KeyShareEntry*> ServerEngine::usable_key_share13(const KeyShareClientHello& ks) const {
  const KeyShareEntry* share = nullptr;
  for (auto g : ch_.cfg.groups) {
    if (!crypto::group_supported(g)) continue;
    if (auto* e = ks.find(g)) {
      share = e;
      break;
    }
  }
  // RFC 8446 4.2.8.2: a share of the wrong size for its group is illegal_parameter
  // (an empty one never parses: key_exchange<1..2^16-1> is decode_error).
  if (share) {
    const std::size_t want = crypto::group_public_size(share->group);
    if (want != 0 && share->key_exchange.size() != want)
      return make_error(Alert::illegal_parameter,
                        "key share for " + crypto::name_of(share->group) + " is " +
                            std::to_string(share->key_exchange.size()) + " bytes, expected " +
                            std::to_string(want) + " (RFC 8446 4.2.8.2)");
  }
  if (hrr_sent_ && (!share || share->group != hrr_group_))
    return make_error(Alert::illegal_parameter,
                      "the second ClientHello has no key share for " + crypto::name_of(hrr_group_) +
                          ", the group our HelloRetryRequest asked for");
  return share;
}

// The group a HelloRetryRequest should ask for: a preferred hybrid the client lists
// without a share, or (no usable share) our first group the client supports.
std::optional<crypto::NamedGroup> ServerEngine::retry_group13(
    const std::vector<crypto::NamedGroup>& client_groups, const KeyShareClientHello& ks,
    const KeyShareEntry* share) const {
  const auto& ours = ch_.cfg.groups;
  if (share) {
    if (hrr_sent_) return std::nullopt;
    return preferred_hybrid_without_share(ours, client_groups, ks, share->group);
  }
  for (auto g : ours) {
    if (!crypto::group_supported(g)) continue;
    if (std::find(client_groups.begin(), client_groups.end(), g) != client_groups.end()) return g;
  }
  return std::nullopt;
}

// ---- NEGOTIATED: send the server's flight, then WAIT_FLIGHT2 ----------------------------

core::Result<Step> ServerEngine::negotiated13() {
  const Chosen13 chosen = std::move(*chosen13_);
  chosen13_.reset();
  GLASS_CHECK(send_server_hello13(chosen));
  if (chosen.early_data) {
    ch_.reader.skip_early_data();
    ch_.note("the client offers early data; we do not accept it, so records that do not "
             "decrypt with the handshake key are skipped (RFC 8446 4.2.10)");
  }
  auto& info = ch_.info;
  info.version = ProtocolVersion::tls13;
  info.cipher_suite = suite_.id;
  info.group = psk_ke_ ? crypto::NamedGroup{} : chosen.group;
  info.hello_retry_request = hrr_sent_;
  if (!resumed_) info.local_signature_scheme = scheme_;
  GLASS_CHECK(send_encrypted_extensions13(chosen));
  // RFC 8446 2.2: a resumed handshake authenticates with the PSK, no certificates.
  ask_cert_ = ch_.cfg.client_auth != ClientAuthMode::none && !resumed_;
  if (ask_cert_) {
    GLASS_CHECK(ch_.send(certificate_request13({})));
    info.client_cert_requested = true;
  }
  if (resumed_) return Next(S::SEND_FINISHED_13);
  GLASS_CHECK(ch_.send(Certificate::from_chain(identity_->chain)));
  return Next(S::SEND_CV_13);
}

// SEND_CV_13: runs again once an external key's signature is provided.
core::Result<Step> ServerEngine::send_certificate_verify13() {
  GLASS_TRY(auto cv, sign_certificate_verify13(ch_, *identity_, scheme_, Side::server));
  if (!cv) return wait_signature();
  GLASS_CHECK(ch_.send(*cv));
  return Next(S::SEND_FINISHED_13);
}

core::Result<Step> ServerEngine::send_server_finished13() {
  GLASS_CHECK(send_finished13(ch_, suite_.hash, s_hs_));
  GLASS_CHECK(install_application_secrets13());
  GLASS_CHECK(ch_.writer.flush());
  std::string event;  // built only for an observer
  if (ch_.obs)
    event = "send ServerHello, EncryptedExtensions, " +
            std::string(ask_cert_ ? "CertificateRequest, " : "") +
            (resumed_ ? "" : "Certificate, CertificateVerify, ") + "Finished";
  go(S::WAIT_FLIGHT2, event);
  return Next(S::WAIT_FLIGHT2);
}

// ServerHello (and the compatibility CCS), then the handshake traffic keys.
core::Status ServerEngine::send_server_hello13(const Chosen13& chosen) {
  // The key share is made before the random: seeded runs depend on the order.
  core::SecretBytes shared;  // stays empty for psk_ke: zeros in the key schedule
  core::Bytes our_share;
  if (!psk_ke_) {
    GLASS_TRY(auto ours, respond_key_share(ch_, chosen.group, chosen.client_share));
    shared = std::move(ours.secret);
    our_share = std::move(ours.share);
    if (ch_.obs) ch_.obs->on_secret(core::Secret::ecdhe_shared_secret, shared);
  }
  ServerHello sh;
  server_random_ = make_random(ch_);
  sh.random = server_random_;
  sh.legacy_session_id_echo = session_id_;
  sh.cipher_suite = suite_.id;
  sh.extensions.set(SupportedVersionsServerHello{ProtocolVersion::tls13});
  if (!psk_ke_) sh.extensions.set(KeyShareServerHello{{chosen.group, our_share}});
  if (resumed_) sh.extensions.set(SelectedPsk{psk_index_});
  GLASS_CHECK(ch_.send(sh));
  // RFC 8446 D.4: in compatibility mode the server sends a dummy CCS after its first message.
  if (!session_id_.empty()) GLASS_CHECK(ch_.send_compat_ccs());
  tls13::EarlySecret es(suite_.hash, resumed_ ? resumed_->secret.view() : core::ByteView{}, ch_.obs);
  hs_ = es.handshake_secret(shared);
  GLASS_TRY(auto h, ch_.transcript.current_hash());
  c_hs_ = hs_->client_handshake_traffic_secret(h);
  s_hs_ = hs_->server_handshake_traffic_secret(h);
  ch_.reader.set_version(record::Version::tls13);
  GLASS_CHECK(ch_.set_write_secret13(suite_.id, s_hs_, "server_handshake_traffic_secret"));
  return ch_.set_read_secret13(suite_.id, c_hs_, "client_handshake_traffic_secret");
}

core::Status ServerEngine::send_encrypted_extensions13(const Chosen13& chosen) {
  EncryptedExtensions ee;
  if (chosen.alpn) {
    ee.extensions.set(Alpn{{*chosen.alpn}});
    ch_.info.alpn = *chosen.alpn;
  }
  if (chosen.peer_record_limit) {
    // Unprotected records are not limited (RFC 8449 4), so this starts with EE.
    apply_peer_record_size_limit(ch_, *chosen.peer_record_limit, true);
    ee.extensions.set(RecordSizeLimit{our_record_size_limit13});
  }
  return ch_.send(ee);
}

// A CertificateRequest (context empty during the handshake); remembers what it allows.
CertificateRequest ServerEngine::certificate_request13(core::ByteView context) {
  CertificateRequest cr;
  cr.certificate_request_context = core::to_bytes(context);
  cr_schemes_ = usable_schemes(ch_.cfg);
  cr.extensions.set(SignatureAlgorithms{cr_schemes_});
  auto names = ch_.cfg.send_ca_names ? ch_.cfg.trust_anchors.subject_names() : std::vector<core::Bytes>{};
  if (!names.empty()) cr.extensions.set(CertificateAuthorities{std::move(names)});
  cr_extensions_ = cr.extensions;
  return cr;
}

// After our Finished: the application traffic secrets; we may write with ours now.
core::Status ServerEngine::install_application_secrets13() {
  ms_ = hs_->master_secret();
  auto& master = *ms_;
  GLASS_TRY(auto h3, ch_.transcript.current_hash());
  c_ap_ = master.client_application_traffic_secret_0(h3);
  s_ap_ = master.server_application_traffic_secret_0(h3);
  return ch_.set_write_secret13(suite_.id, s_ap_, "server_application_traffic_secret_0");
}

// WAIT_FLIGHT2: what the client sends next depends on what we asked for.
// Our flight is complete: the driver sends it, the client's answer comes next.
core::Result<Step> ServerEngine::wait_flight2() {
  if (ask_cert_) go(S::WAIT_CERT, "client authentication requested");
  else if (resumed_) go(S::WAIT_FINISHED, "resumed: the PSK authenticates the client");
  else go(S::WAIT_FINISHED, "no client authentication");
  return wait_flush();
}

core::Status ServerEngine::send_hello_retry_request(const ClientHello& hello,
                                                    const record::HandshakeMessage& m,
                                                    crypto::NamedGroup group) {
  if (hrr_sent_)
    return make_error(Alert::illegal_parameter, "second ClientHello still lacks a usable key share");
  GLASS_CHECK(ch_.transcript.set_hash(suite_.hash));
  ch_.transcript.add(m.raw);
  GLASS_CHECK(ch_.transcript.rewrite_for_hello_retry_request());
  ServerHello hrr;
  hrr.random = hello_retry_request_random;
  hrr.legacy_session_id_echo = hello.legacy_session_id;
  hrr.cipher_suite = suite_.id;
  hrr.extensions.set(SupportedVersionsServerHello{ProtocolVersion::tls13});
  hrr.extensions.set(KeyShareHelloRetryRequest{group});
  GLASS_CHECK(ch_.send(hrr));
  // TLS 1.3 is settled: the client's compatibility CCS may come next.
  ch_.reader.set_version(record::Version::tls13);
  if (!hello.legacy_session_id.empty()) GLASS_CHECK(ch_.send_compat_ccs());
  if (hello.extensions.has(ExtensionType::early_data)) {
    ch_.reader.skip_early_data();
    ch_.note("the client offers early data; after our HelloRetryRequest its application_data "
             "records are skipped (RFC 8446 4.2.10)");
  }
  GLASS_CHECK(ch_.writer.flush());
  hrr_sent_ = true;
  hrr_group_ = group;
  ch_.note("the client sent no key share we can use; asking for " + crypto::name_of(group) +
           " with a HelloRetryRequest");
  go(S::START, "send HelloRetryRequest");
  return {};
}

// ---- WAIT_CERT, WAIT_CV, WAIT_FINISHED ---------------------------------------------------

core::Status ServerEngine::on_certificate13(const record::HandshakeMessage& m) {
  GLASS_TRY(bool sent, take_client_certificate13(m, {}, ch_.cfg.client_auth == ClientAuthMode::require));
  if (sent) go(S::WAIT_CV, "Certificate");
  else go(S::WAIT_FINISHED, "Certificate (empty)");
  return {};
}

core::Status ServerEngine::on_certificate_verify13(const record::HandshakeMessage& m) {
  GLASS_CHECK(take_client_certificate_verify13(m));
  go(S::WAIT_FINISHED, "CertificateVerify");
  return {};
}

core::Result<Step> ServerEngine::on_finished13(const record::HandshakeMessage& m) {
  GLASS_CHECK(accept_finished13(ch_, m, suite_.hash, c_hs_, Side::client, client_proof_));
  GLASS_CHECK(ch_.set_read_secret13(suite_.id, c_ap_, "client_application_traffic_secret_0"));
  ch_.reader.allow_compat_ccs(false);
  if (ch_.obs || send_tickets_) {
    GLASS_TRY(auto h2, ch_.transcript.current_hash());
    auto rms = ms_->resumption_master_secret(h2);
    if (send_tickets_) GLASS_CHECK(send_tickets(rms));
  }
  // Nothing after the handshake needs these: wipe them now rather than with the connection.
  hs_.reset();
  ms_.reset();
  c_hs_ = {};
  s_hs_ = {};
  ch_.transcript.release_messages();
  go(S::CONNECTED, "Finished");
  return send_tickets_ ? wait_flush() : wait_peer();  // tickets go out
}

core::Result<bool> ServerEngine::take_client_certificate13(const record::HandshakeMessage& m,
                                                           core::ByteView context, bool required) {
  GLASS_TRY(auto cert, decode<Certificate>(ByteView(m.raw)));
  if (!core::equal(cert.certificate_request_context, context))
    return make_error(Alert::illegal_parameter,
                      "client Certificate's request context does not echo our CertificateRequest");
  // RFC 8446 4.4.2: the client's extensions must answer ones our CertificateRequest carried.
  for (auto& e : cert.certificate_list) {
    GLASS_CHECK(check_extensions_tls13(e.extensions, ExtensionContext::certificate));
    GLASS_CHECK(check_solicited(e.extensions, cr_extensions_, ExtensionContext::certificate));
  }
  ch_.transcript.add(m.raw);
  if (cert.certificate_list.empty()) {
    GLASS_CHECK(accept_no_client_certificate(ch_, required, Alert::certificate_required));
    return false;
  }
  GLASS_TRY(client_proof_, accept_peer_chain(ch_, cert.der_chain(), true));
  return true;
}

core::Status ServerEngine::take_client_certificate_verify13(const record::HandshakeMessage& m) {
  GLASS_TRY(auto cv, decode<CertificateVerify>(ByteView(m.raw)));
  GLASS_TRY(client_proof_, verify_certificate_verify13(ch_, cv, client_proof_, Side::client, cr_schemes_));
  ch_.info.peer_signature_scheme = cv.algorithm;
  ch_.transcript.add(m.raw);
  return {};
}

// ---- CONNECTED and post-handshake authentication ------------------------------------------

core::Status ServerEngine::on_key_update13(const record::HandshakeMessage& m) {
  GLASS_TRY(bool requested, receive_key_update13(ch_, m, suite_.id, suite_.hash, c_ap_, "client"));
  return requested ? answer_key_update_request(ch_, *this) : core::Status{};
}

core::Status ServerEngine::on_pha_certificate13(const record::HandshakeMessage& m) {
  GLASS_CHECK(take_client_certificate13(m, pha_context_, true));  // empty: certificate_required
  go_quietly(S::PHA_WAIT_CV);
  return {};
}

core::Status ServerEngine::on_pha_certificate_verify13(const record::HandshakeMessage& m) {
  GLASS_CHECK(take_client_certificate_verify13(m));
  go_quietly(S::PHA_WAIT_FINISHED);
  return {};
}

core::Status ServerEngine::on_pha_finished13(const record::HandshakeMessage& m) {
  GLASS_CHECK(accept_finished13(ch_, m, suite_.hash, c_ap_, Side::client, client_proof_));
  ch_.transcript = std::move(*saved_transcript_);
  saved_transcript_.reset();
  ch_.note("post-handshake client authentication succeeded");
  go_quietly(S::CONNECTED);
  return {};
}

core::Status ServerEngine::key_update(bool request_peer) {
  if (!connected13()) return Engine::key_update(request_peer);
  return send_key_update13(ch_, suite_.id, suite_.hash, s_ap_, "server", request_peer);
}

core::Status ServerEngine::can_request_client_certificate() const {
  if (state_ == S::CONNECTED_12)
    return make_error(Alert::internal_error,
                      "post-handshake authentication is TLS 1.3 only; this connection is TLS 1.2");
  if (!connected13())
    return make_error(Alert::internal_error,
                      "post-handshake authentication needs a finished handshake (state " +
                          state_name() + ")");
  if (!client_offered_pha_)
    return make_error(Alert::internal_error,
                      "the client did not offer post_handshake_auth in its ClientHello, so it "
                      "may not be asked for a certificate after the handshake (RFC 8446 4.6.2)");
  if (state_ != S::CONNECTED)
    return make_error(Alert::internal_error,
                      "a post-handshake CertificateRequest is already waiting for its answer");
  if (ch_.local_closed)
    return make_error(Alert::internal_error, "close_notify was sent: nothing more is written");
  return {};
}

core::Status ServerEngine::request_client_certificate() {
  GLASS_CHECK(can_request_client_certificate());
  pha_context_ = ch_.rng.bytes(8);
  CertificateRequest cr = certificate_request13(pha_context_);
  // The exchange is hashed on top of the handshake transcript, which itself stays.
  saved_transcript_ = ch_.transcript;
  GLASS_CHECK(ch_.send(cr));
  go_quietly(S::PHA_WAIT_CERT);
  ch_.info.client_cert_requested = true;
  ch_.note("asking the client for a certificate after the handshake (post-handshake auth)");
  return ch_.writer.flush();
}

}  // namespace glass::handshake
