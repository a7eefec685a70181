// The probe catalogue. Each entry: a name, what the RFC requires (section and
// the expected outcome), and a plan: which deviation our client makes. Adding a
// probe is one entry; the deviations are built from the few pieces below.
#include <algorithm>

#include "conform/probe.hpp"
#include "handshake/extensions_typed.hpp"
#include "record/content_type.hpp"
#include "x509/certificate_writer.hpp"

namespace glass::conform {

namespace {

using core::Alert;
using handshake::ClientHello;
using handshake::HandshakeType;
using handshake::ProtocolVersion;
using G = crypto::NamedGroup;
using S = crypto::SignatureScheme;
using E = Expectation;

// A Tamper assembled from small functions (any may be empty).
struct Deviation : ProbeTamper {
  std::function<void(ClientHello&, int /*nth hello*/)> hello;
  std::optional<std::vector<core::Bytes>> wire_chain;  // the Certificate as sent
  std::function<void(handshake::CertificateVerify&, const handshake::Connection*)> cv;
  std::function<bool(HandshakeType, core::Bytes&)> out;
  std::function<void(HandshakeType, record::RecordWriter&)> then;
  int hellos = 0;
  bool empty_certificate = false;  // our Certificate carried no certificate

  void shape(ClientHello& ch) override {
    if (hello) hello(ch, hellos);
    ++hellos;
  }
  void shape(handshake::Certificate& c) override {
    empty_certificate = c.certificate_list.empty();
    if (wire_chain && !c.certificate_list.empty()) {
      c = handshake::Certificate::from_chain(*wire_chain, c.certificate_request_context);
      sent_chain = wire_chain;
    }
  }
  void shape(handshake::Certificate12& c) override {
    if (wire_chain && !c.certificate_list.empty()) {
      c.certificate_list = *wire_chain;
      sent_chain = wire_chain;
    }
  }
  void shape(handshake::CertificateVerify& v) override {
    if (cv) cv(v, conn);
  }
  bool outgoing(HandshakeType t, core::Bytes& framed) override {
    return out ? out(t, framed) : true;
  }
  void after(HandshakeType t, record::RecordWriter& w) override {
    if (then) then(t, w);
  }
};

Plan base(const Context& c) {
  Plan p;
  p.cfg = c.base;
  return p;
}
Plan only(const Context& c, ProtocolVersion v) {
  Plan p = base(c);
  p.cfg.min_version = p.cfg.max_version = v;
  return p;
}
Plan tls13(const Context& c) { return only(c, ProtocolVersion::tls13); }
Plan tls12(const Context& c) { return only(c, ProtocolVersion::tls12); }

std::shared_ptr<Deviation> deviate(Plan& p) {
  auto d = std::make_shared<Deviation>();
  p.tamper = d;
  return d;
}

Plan needs_identity(Plan p, const Context& c) {
  if (!c.identity) p.skip = "needs a client identity (--p12 or --cert/--key)";
  return p;
}

template <class Ext>
void edit_ext(ClientHello& ch, const std::function<void(Ext&)>& f) {
  auto cur = ch.extensions.get<Ext>();
  if (!cur || !*cur) return;
  Ext e = **cur;
  f(e);
  ch.extensions.set(e);
}

// The handshake length of a framed message after its body was changed.
void fix_length(core::Bytes& framed) {
  std::size_t n = framed.size() - 4;
  framed[1] = static_cast<std::uint8_t>(n >> 16);
  framed[2] = static_cast<std::uint8_t>(n >> 8);
  framed[3] = static_cast<std::uint8_t>(n);
}

// The RFC's words where it leaves the alert open: other alerts are WARN with these.
const std::string kAbortAnyAlert =
    "RFC 8446 6.2: \"abort the handshake\" without a specific alert means the implementation "
    "\"SHOULD send the alert indicated by the descriptions below\"";
const std::string kUnacceptableChain =
    "RFC 8446 4.4.2.4: \"if some aspect of the certificate chain was unacceptable ... the server "
    "MAY at its discretion either continue the handshake (considering the client unauthenticated) "
    "or abort the handshake\" (no alert named; 6.2: then it SHOULD send the fitting one)";
const std::string kDecryptErrorSignature =
    "RFC 8446 6.2 defines decrypt_error as a handshake cryptographic operation that failed, "
    "\"including being unable to correctly verify a signature\"; bad_certificate (\"contained "
    "signatures that did not verify correctly\") is the better fit";

const std::vector<Alert> kCertAlerts = {Alert::bad_certificate,       Alert::unsupported_certificate,
                                        Alert::certificate_revoked,   Alert::certificate_expired,
                                        Alert::certificate_unknown,   Alert::unknown_ca,
                                        Alert::access_denied,         Alert::certificate_required};

Expectation certificate_alert(bool may_continue) {
  E e = E::alert_of(kCertAlerts);
  e.label = "a certificate alert";
  if (may_continue) e.if_completed = E::IfCompleted::warn;
  return e.tolerate(kUnacceptableChain);
}

// A SHOULD-level acceptance: a refusal is WARN, with the RFC's words.
Expectation should_complete(std::string quote) {
  E e = E::completes();
  e.should = true;
  e.quote = std::move(quote);
  return e;
}

// An alert of `a`, or completing (which the RFC allows): PASS either way.
Expectation completes_or(std::vector<Alert> a) {
  E e = E::alert_of(std::move(a));
  e.if_completed = E::IfCompleted::pass;
  return e;
}

// ---- capability rows ----------------------------------------------------------

void add_capabilities(std::vector<Probe>& v) {
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    std::string n = ver == ProtocolVersion::tls13 ? "tls1.3" : "tls1.2";
    v.push_back({"capability.version." + n, Group::capability,
                 ver == ProtocolVersion::tls13 ? "RFC 8446" : "RFC 5246",
                 "does the server speak " + handshake::name_of(ver) + "?", E::information(),
                 [ver](const Context& c) { return only(c, ver); }});
  }
  for (auto s : handshake::Config::default_cipher_suites()) {
    auto prm = handshake::suite_params(s);
    if (!prm) continue;
    v.push_back({"capability.suite." + handshake::name_of(s), Group::capability,
                 prm->version == ProtocolVersion::tls13 ? "RFC 8446 B.4" : "RFC 5289 / 7905",
                 "is " + handshake::name_of(s) + " accepted alone?", E::information(),
                 [s, prm](const Context& c) {
                   Plan p = only(c, prm->version);
                   p.cfg.cipher_suites = {s};
                   return p;
                 }});
  }
  for (auto g : {G::x25519, G::secp256r1, G::secp384r1, G::X25519MLKEM768}) {
    v.push_back({"capability.group." + crypto::name_of(g), Group::capability, "RFC 8446 4.2.7",
                 "is " + crypto::name_of(g) + " accepted alone (TLS 1.3)?", E::information(),
                 [g](const Context& c) {
                   Plan p = tls13(c);
                   p.cfg.groups = {g};
                   p.cfg.key_share_groups = {g};
                   return p;
                 }});
  }
  // The post-quantum hybrid (draft-ietf-tls-ecdhe-mlkem): picked when offered second?
  // Asked for by HelloRetryRequest when listed first without a share?
  v.push_back({"capability.group.hybrid-preferred", Group::capability,
               "RFC 8446 4.2.8, draft-ietf-tls-ecdhe-mlkem",
               "with x25519 listed first and shares for x25519 and X25519MLKEM768, which does "
               "the server pick?",
               E::information(), [](const Context& c) {
                 Plan p = tls13(c);
                 p.cfg.groups = {G::x25519, G::X25519MLKEM768};
                 p.cfg.key_share_groups = {G::x25519, G::X25519MLKEM768};
                 return p;
               }});
  v.push_back({"capability.group.hybrid-retry", Group::capability,
               "RFC 8446 4.1.4, draft-ietf-tls-ecdhe-mlkem",
               "X25519MLKEM768 listed first but only an x25519 share: HelloRetryRequest for the "
               "hybrid, or x25519 at once?",
               E::information(), [](const Context& c) {
                 Plan p = tls13(c);
                 p.cfg.groups = {G::X25519MLKEM768, G::x25519};
                 p.cfg.key_share_groups = {G::x25519};
                 return p;
               }});
  for (auto s : handshake::Config::default_signature_schemes()) {
    if (!crypto::scheme_supported(s)) continue;
    v.push_back({"capability.sigalg." + crypto::name_of(s), Group::capability, "RFC 8446 4.2.3",
                 "can the server sign with " + crypto::name_of(s) + " (the only scheme offered)?",
                 E::information(), [s](const Context& c) {
                   Plan p = tls13(c);
                   p.cfg.signature_schemes = {s};
                   // Our own certificate still needs a scheme the server accepts:
                   // the probe is about the server's signature only.
                   p.cfg.identities.clear();
                   return p;
                 }});
  }
  v.push_back({"capability.alpn", Group::capability, "RFC 7301 3.1",
               "which protocol does the server pick from h2, http/1.1?", E::information(),
               [](const Context& c) {
                 Plan p = base(c);
                 p.cfg.alpn = {"h2", "http/1.1"};
                 return p;
               }});
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    std::string n = ver == ProtocolVersion::tls13 ? "tls1.3" : "tls1.2";
    v.push_back({"capability.certificate-request." + n, Group::capability,
                 ver == ProtocolVersion::tls13 ? "RFC 8446 4.3.2" : "RFC 5246 7.4.4",
                 "what the CertificateRequest asks for (schemes, CA names)", E::information(),
                 [ver](const Context& c) { return only(c, ver); }});
  }
}

// ---- client certificates ---------------------------------------------------------

void add_client_cert(std::vector<Probe>& v) {
  v.push_back({"client-cert.valid.tls1.3", Group::client_cert, "RFC 8446 4.4.2",
               "a valid client certificate is accepted", E::completes(),
               [](const Context& c) { return needs_identity(tls13(c), c); }});
  v.push_back({"client-cert.valid.tls1.2", Group::client_cert, "RFC 5246 7.4.6",
               "a valid client certificate is accepted", E::completes(),
               [](const Context& c) { return needs_identity(tls12(c), c); }});
  {
    E e = E::alert_of({Alert::certificate_required});
    e.if_completed = E::IfCompleted::warn;
    v.push_back({"client-cert.none.tls1.3", Group::client_cert, "RFC 8446 4.4.2.4",
                 "empty Certificate: continue unauthenticated or abort with certificate_required",
                 e, [](const Context& c) {
                   Plan p = tls13(c);
                   p.cfg.identities.clear();
                   p.after = Plan::After::wait_then_data;
                   return p;
                 }});
  }
  {
    E e = E::alert_of({Alert::handshake_failure})
              .tolerate("RFC 5246 7.4.6 offers handshake_failure as a MAY (\"the server MAY at its "
                        "discretion either continue the handshake without client authentication, "
                        "or respond with a fatal handshake_failure alert\"), not a MUST");
    e.if_completed = E::IfCompleted::warn;
    v.push_back({"client-cert.none.tls1.2", Group::client_cert, "RFC 5246 7.4.6",
                 "empty Certificate: continue unauthenticated or abort with handshake_failure", e,
                 [](const Context& c) {
                   Plan p = tls12(c);
                   p.cfg.identities.clear();
                   return p;
                 }});
  }
  {
    E e = E::alert_of({Alert::certificate_required});
    e.if_completed = E::IfCompleted::warn;
    v.push_back({"client-cert.empty-then-data", Group::client_cert, "RFC 8446 4.4.2.4, 2",
                 "data sent with the Finished of an unauthenticated client is not served when a "
                 "certificate is required",
                 e, [](const Context& c) {
                   Plan p = tls13(c);
                   p.cfg.identities.clear();
                   p.after = Plan::After::data;
                   return p;
                 }});
  }
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    std::string n = ver == ProtocolVersion::tls13 ? "tls1.3" : "tls1.2";
    v.push_back({"client-cert.unknown-ca." + n, Group::client_cert,
                 ver == ProtocolVersion::tls13 ? "RFC 8446 4.4.2.4, 6.2" : "RFC 5246 7.4.6, 7.2.2",
                 "a certificate from an unknown CA: abort with a certificate alert (unknown_ca)",
                 certificate_alert(true), [ver](const Context& c) {
                   Plan p = only(c, ver);
                   p.cfg.identities = {*c.unknown_ca};
                   // Sent whatever CAs the server names: the deviation is the point.
                   p.cfg.send_cert = handshake::ClientCertPolicy::always;
                   auto d = deviate(p);
                   d->wire_chain = std::vector<core::Bytes>(c.unknown_ca->chain.begin(),
                                                            c.unknown_ca->chain.begin() + 2);
                   d->note = "sent a leaf and root the server never saw";
                   return p;
                 }});
  }
  v.push_back({"client-cert.expired", Group::client_cert, "RFC 8446 4.4.2.4, 6.2; RFC 5280 6.1.3",
               "an expired certificate: abort with a certificate alert (certificate_expired)",
               certificate_alert(true), [](const Context& c) {
                 Plan p = tls13(c);
                 if (!c.expired) {
                   p.skip = c.missing_ca_key;
                   return p;
                 }
                 p.cfg.identities = {*c.expired};
                 return p;
               }});
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    bool t13 = ver == ProtocolVersion::tls13;
    v.push_back({t13 ? "client-cert.wrong-eku" : "client-cert.wrong-eku.tls1.2", Group::client_cert,
                 t13 ? "RFC 5280 4.2.1.12; RFC 8446 4.4.2.4, 6.2" : "RFC 5280 4.2.1.12; RFC 5246 7.4.6, 7.2.2",
                 "a certificate whose extendedKeyUsage is serverAuth only \"MUST only be used for one "
                 "of the purposes indicated\": abort with a certificate alert (unsupported_certificate)",
                 certificate_alert(true), [ver](const Context& c) {
                   Plan p = only(c, ver);
                   if (!c.wrong_eku) {
                     p.skip = c.missing_ca_key;
                     return p;
                   }
                   p.cfg.identities = {*c.wrong_eku};
                   return p;
                 }});
  }
  v.push_back({"client-cert.bad-signature", Group::client_cert, "RFC 8446 6.2; RFC 5280 6.1.3",
               "a certificate whose CA signature does not verify: bad_certificate (or another "
               "certificate alert; decrypt_error is WARN)",
               certificate_alert(true).tolerate(kDecryptErrorSignature, {Alert::decrypt_error}),
               [](const Context& c) {
                 Plan p = needs_identity(tls13(c), c);
                 if (!c.identity) return p;
                 auto d = deviate(p);
                 auto chain = c.identity->chain;
                 chain[0] = x509::corrupt_signature(chain[0]);
                 d->wire_chain = chain;
                 d->note = "flipped bits in the leaf's CA signature";
                 return p;
               }});
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    bool t13 = ver == ProtocolVersion::tls13;
    v.push_back({t13 ? "client-cert.cv-wrong-key" : "client-cert.cv-wrong-key.tls1.2",
                 Group::client_cert, t13 ? "RFC 8446 4.4.3" : "RFC 5246 7.4.8, 7.2.2",
                 "a CertificateVerify that does not verify: decrypt_error",
                 t13 ? E::alert_of({Alert::decrypt_error})
                     : E::alert_of({Alert::decrypt_error})
                           .tolerate("RFC 5246 7.4.8 names no alert for a CertificateVerify that "
                                     "does not verify; 7.2.2 describes decrypt_error as \"unable "
                                     "to correctly verify a signature\""),
                 [ver](const Context& c) {
                   Plan p = needs_identity(only(c, ver), c);
                   if (!c.identity) return p;
                   auto id = *c.identity;
                   id.key = c.other_key;
                   p.cfg.identities = {id};
                   return p;
                 }});
  }
  v.push_back({"client-cert.cv-scheme-not-offered", Group::client_cert, "RFC 8446 4.4.3, 6.2",
               "CertificateVerify must use a scheme of the CertificateRequest: illegal_parameter "
               "(or decrypt_error / handshake_failure)",
               E::alert_of({Alert::illegal_parameter, Alert::decrypt_error, Alert::handshake_failure})
                   .tolerate("RFC 8446 4.4.3's MUST binds the sender (\"MUST be one of those present "
                             "in the supported_signature_algorithms field\"); the receiver's alert is "
                             "not named, so by 6.2 it SHOULD send the fitting one"),
               [](const Context& c) {
                 Plan p = needs_identity(tls13(c), c);
                 auto d = deviate(p);
                 d->cv = [d = d.get()](handshake::CertificateVerify& cv, const handshake::Connection* conn) {
                   std::vector<S> offered;
                   if (conn) offered = conn->info().schemes_requested;
                   for (auto s : {S::ecdsa_sha1, S::rsa_pkcs1_sha1, S::rsa_pkcs1_sha256, S::ecdsa_secp521r1_sha512,
                                  S::rsa_pss_pss_sha512, static_cast<S>(0xfe00)})
                     if (s != cv.algorithm && std::find(offered.begin(), offered.end(), s) == offered.end()) {
                       d->note = "CertificateVerify labelled " + crypto::name_of(s) + " (signed " +
                                 crypto::name_of(cv.algorithm) + ")";
                       cv.algorithm = s;
                       return;
                     }
                 };
                 return p;
               }});
  v.push_back({"client-cert.chain.leaf-not-first", Group::client_cert, "RFC 8446 4.4.2",
               "the sender's certificate MUST come first: a chain starting with the CA is refused",
               E::any_alert(), [](const Context& c) {
                 Plan p = needs_identity(tls13(c), c);
                 if (!c.identity || c.client_cas.empty()) {
                   if (c.identity) p.skip = "needs --client-ca (the CA certificate to put first)";
                   return p;
                 }
                 auto d = deviate(p);
                 std::vector<core::Bytes> chain = {c.client_cas.front()};
                 for (auto& x : c.identity->chain) chain.push_back(x);
                 d->wire_chain = chain;
                 d->note = "sent the CA certificate before the leaf";
                 return p;
               }});
  v.push_back({"client-cert.chain.in-order", Group::client_cert, "RFC 8446 4.4.2, 4.4.2.4",
               "leaf, intermediate 2, intermediate 1 (each certifies the one before): accepted "
               "(how deep a chain to follow is the server's policy: a refusal is WARN)",
               should_complete("RFC 8446 4.4.2.4: \"detailed certificate validation procedures are "
                               "out of scope for TLS\" (a path-length or depth limit is policy)"),
               [](const Context& c) {
                 Plan p = tls13(c);
                 if (!c.via_intermediates) {
                   p.skip = c.missing_ca_key;
                   return p;
                 }
                 p.cfg.identities = {*c.via_intermediates};
                 return p;
               }});
  {
    E e = should_complete("RFC 8446 4.4.2: \"all implementations SHOULD be prepared to handle "
                          "potentially extraneous certificates and arbitrary orderings\"");
    v.push_back({"client-cert.chain.out-of-order", Group::client_cert, "RFC 8446 4.4.2",
                 "intermediates in the wrong order: receivers SHOULD handle arbitrary orderings "
                 "(the leaf first)",
                 e, [](const Context& c) {
                   Plan p = tls13(c);
                   if (!c.via_intermediates) {
                     p.skip = c.missing_ca_key;
                     return p;
                   }
                   p.cfg.identities = {*c.via_intermediates};
                   auto d = deviate(p);
                   auto& ch = c.via_intermediates->chain;
                   d->wire_chain = std::vector<core::Bytes>{ch[0], ch[2], ch[1]};
                   d->note = "sent leaf, intermediate 1, intermediate 2";
                   return p;
                 }});
  }
  v.push_back({"client-cert.chain.incomplete", Group::client_cert, "RFC 8446 4.4.2.4, 6.2",
               "a chain missing its intermediates cannot be validated: a certificate alert "
               "(unknown_ca)",
               certificate_alert(true), [](const Context& c) {
                 Plan p = tls13(c);
                 if (!c.via_intermediates) {
                   p.skip = c.missing_ca_key;
                   return p;
                 }
                 p.cfg.identities = {*c.via_intermediates};
                 auto d = deviate(p);
                 d->wire_chain = std::vector<core::Bytes>{c.via_intermediates->chain[0]};
                 d->note = "sent the leaf without its two intermediates";
                 return p;
               }});
}

// ---- protocol ------------------------------------------------------------------

void add_protocol(std::vector<Probe>& v) {
  v.push_back({"protocol.hello-retry-request", Group::protocol, "RFC 8446 4.1.1, 4.1.4",
               "no acceptable key_share but a common group: the server MUST send "
               "HelloRetryRequest and the handshake completes",
               E::completes(), [](const Context& c) {
                 Plan p = tls13(c);
                 // Our client believes it sent a secp384r1 share; the wire carries no
                 // share and does not list secp384r1, so the server must ask for another.
                 p.cfg.groups = {G::secp384r1, G::x25519, G::secp256r1};
                 auto d = deviate(p);
                 d->hello = [d = d.get()](ClientHello& ch, int nth) {
                   edit_ext<handshake::SupportedGroups>(ch, [](handshake::SupportedGroups& g) {
                     std::erase(g.groups, G::secp384r1);
                   });
                   if (nth == 0) {
                     ch.extensions.set(handshake::KeyShareClientHello{});
                     d->note = "first ClientHello with an empty key_share";
                   }
                 };
                 return p;
               }});
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    std::string n = ver == ProtocolVersion::tls13 ? "tls1.3" : "tls1.2";
    v.push_back({"protocol.finished-wrong." + n, Group::protocol,
                 ver == ProtocolVersion::tls13 ? "RFC 8446 4.4.4" : "RFC 5246 7.4.9, 7.2.2",
                 "a Finished with wrong verify_data: decrypt_error",
                 ver == ProtocolVersion::tls13
                     ? E::alert_of({Alert::decrypt_error})
                     : E::alert_of({Alert::decrypt_error})
                           .tolerate("RFC 5246 7.4.9: \"Recipients of Finished messages MUST verify "
                                     "that the contents are correct\" names no alert; 7.2.2 describes "
                                     "decrypt_error as unable to \"validate a Finished message\""),
                 [ver](const Context& c) {
                   Plan p = only(c, ver);
                   auto d = deviate(p);
                   d->out = [](HandshakeType t, core::Bytes& f) {
                     if (t == HandshakeType::finished) f.back() ^= 0x01;
                     return true;
                   };
                   return p;
                 }});
  }
  v.push_back({"protocol.order.finished-before-certificate", Group::protocol, "RFC 8446 4",
               "a handshake message out of order (Finished where Certificate is due): "
               "unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = tls13(c);
                 auto d = deviate(p);
                 d->out = [](HandshakeType t, core::Bytes&) {
                   return t != HandshakeType::certificate && t != HandshakeType::certificate_verify;
                 };
                 d->note = "dropped our Certificate and CertificateVerify";
                 return p;
               }, true});
  v.push_back({"protocol.order.verify-before-certificate", Group::protocol, "RFC 8446 4",
               "CertificateVerify where Certificate is due: unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = needs_identity(tls13(c), c);
                 auto d = deviate(p);
                 d->out = [](HandshakeType t, core::Bytes&) { return t != HandshakeType::certificate; };
                 d->note = "dropped our Certificate";
                 return p;
               }, true});
  v.push_back({"protocol.duplicate-extension", Group::protocol, "RFC 8446 4.2; RFC 5246 7.4.1.4",
               "two extensions of one type in a ClientHello are not allowed: illegal_parameter "
               "(or decode_error)",
               E::alert_of({Alert::illegal_parameter, Alert::decode_error})
                   .tolerate("RFC 8446 4.2: \"There MUST NOT be more than one extension of the same "
                             "type\" binds the sender and names no alert; " + kAbortAnyAlert),
               [](const Context& c) {
                 Plan p = base(c);
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   auto& list = ch.extensions.raw_list();
                   auto it = std::find_if(list.begin(), list.end(), [](const handshake::Extension& e) {
                     return e.type == handshake::ExtensionType::supported_groups;
                   });
                   if (it != list.end()) list.push_back(*it);
                 };
                 d->note = "supported_groups twice";
                 return p;
               }});
  v.push_back({"protocol.hello-truncated", Group::protocol, "RFC 8446 6.2 (decode_error)",
               "a ClientHello cut short inside its extensions: decode_error",
               E::alert_of({Alert::decode_error}), [](const Context& c) {
                 Plan p = base(c);
                 auto d = deviate(p);
                 d->out = [](HandshakeType t, core::Bytes& f) {
                   if (t == HandshakeType::client_hello && f.size() > 40) {
                     f.resize(f.size() - 3);
                     fix_length(f);
                   }
                   return true;
                 };
                 d->note = "last 3 bytes of the ClientHello cut, lengths inside left as they were";
                 return p;
               }});
  v.push_back({"protocol.record-oversized", Group::protocol, "RFC 8446 5.1; RFC 5246 6.2.1",
               "a plaintext record longer than 2^14 bytes: record_overflow",
               E::alert_of({Alert::record_overflow}), [](const Context& c) {
                 Plan p = base(c);
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   handshake::Padding pad;
                   pad.length = 16500;
                   ch.extensions.set(pad);
                 };
                 // Our writer splits the big hello in two records; join them into one.
                 p.first_flight = [](core::Bytes& b) {
                   core::Bytes body;
                   std::size_t off = 0;
                   while (off + 5 <= b.size()) {
                     std::size_t len = (std::size_t(b[off + 3]) << 8) | b[off + 4];
                     if (b[off] != 22 || off + 5 + len > b.size()) return;
                     body.insert(body.end(), b.begin() + off + 5, b.begin() + off + 5 + len);
                     off += 5 + len;
                   }
                   core::Bytes rec = {22, 0x03, 0x01, static_cast<std::uint8_t>(body.size() >> 8),
                                      static_cast<std::uint8_t>(body.size())};
                   rec.insert(rec.end(), body.begin(), body.end());
                   b = std::move(rec);
                 };
                 d->note = "one 16.5 KB plaintext record";
                 return p;
               }});
  v.push_back({"protocol.record-interleaved", Group::protocol, "RFC 8446 5.1",
               "a ClientHello split over two records with an application_data record between "
               "them: unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = base(c);
                 // The first record ends inside the ClientHello (a truncated handshake
                 // message); handshake messages MUST NOT be interleaved with other types.
                 p.first_flight = [](core::Bytes& b) {
                   if (b.size() < 5 || b[0] != 22) return;
                   std::size_t len = (std::size_t(b[3]) << 8) | b[4];
                   if (b.size() < 5 + len || len < 10) return;
                   std::size_t half = len / 2;
                   auto header = [](std::uint8_t type, std::size_t n) {
                     return core::Bytes{type, 0x03, 0x03, static_cast<std::uint8_t>(n >> 8),
                                        static_cast<std::uint8_t>(n)};
                   };
                   core::Bytes out = header(22, half);
                   out.insert(out.end(), b.begin() + 5, b.begin() + 5 + half);
                   auto mid = header(23, 5);
                   out.insert(out.end(), mid.begin(), mid.end());
                   for (char ch : std::string_view("probe")) out.push_back(static_cast<std::uint8_t>(ch));
                   auto second = header(22, len - half);
                   out.insert(out.end(), second.begin(), second.end());
                   out.insert(out.end(), b.begin() + 5 + half, b.end());
                   b = std::move(out);
                 };
                 auto d = deviate(p);
                 d->note = "ClientHello cut in two records with application_data between";
                 return p;
               }});
  v.push_back({"protocol.record-unknown-type", Group::protocol, "RFC 8446 5",
               "a record of an unknown content type (plaintext, after the ClientHello): "
               "unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = base(c);
                 auto d = deviate(p);
                 d->then = [](HandshakeType t, record::RecordWriter& w) {
                   if (t == HandshakeType::client_hello)
                     (void)w.write(static_cast<record::ContentType>(99), core::as_bytes("probe"));
                 };
                 d->note = "record type 99 after the ClientHello";
                 return p;
               }});
  v.push_back({"protocol.record-unknown-type-encrypted", Group::protocol, "RFC 8446 5",
               "a protected record of an unknown inner content type: unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = tls13(c);
                 auto d = deviate(p);
                 d->then = [](HandshakeType t, record::RecordWriter& w) {
                   if (t == HandshakeType::certificate)
                     (void)w.write(static_cast<record::ContentType>(99), core::as_bytes("probe"));
                 };
                 d->note = "inner type 99 after our Certificate";
                 return p;
               }, true});
  v.push_back({"protocol.key-share-invalid-point", Group::protocol, "RFC 8446 4.2.8.2, 6.2",
               "a secp256r1 key share that is not on the curve MUST be rejected: illegal_parameter",
               E::alert_of({Alert::illegal_parameter, Alert::decode_error, Alert::handshake_failure})
                   .tolerate("RFC 8446 4.2.8.2 requires the check but names no alert; " + kAbortAnyAlert),
               [](const Context& c) {
                 Plan p = tls13(c);
                 p.cfg.groups = {G::secp256r1};
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   edit_ext<handshake::KeyShareClientHello>(ch, [](handshake::KeyShareClientHello& k) {
                     for (auto& e : k.client_shares) {
                       core::Bytes pt(65, 0);
                       pt[0] = 0x04;
                       pt[32] = 1;  // x = 1
                       pt[64] = 1;  // y = 1: not on the curve
                       e.key_exchange = pt;
                     }
                   });
                 };
                 d->note = "key share (1, 1) on secp256r1";
                 return p;
               }});
  // A server that takes the hybrid must check its share's length (and the ML-KEM
  // key's modulus check); one without ML-KEM, or one that picks x25519 without
  // reading the hybrid share, completes on the x25519 share, which the RFC allows.
  v.push_back({"protocol.key-share-hybrid-short", Group::protocol,
               "RFC 8446 4.2.8, draft-ietf-tls-ecdhe-mlkem",
               "an X25519MLKEM768 share one byte short (x25519 share beside it): a server that "
               "selects the hybrid MUST refuse it with illegal_parameter; completing on x25519 "
               "is allowed",
               completes_or({Alert::illegal_parameter, Alert::decode_error}),
               [](const Context& c) {
                 Plan p = tls13(c);
                 p.cfg.groups = {G::X25519MLKEM768, G::x25519};
                 p.cfg.key_share_groups = {G::X25519MLKEM768, G::x25519};
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   edit_ext<handshake::KeyShareClientHello>(ch, [](handshake::KeyShareClientHello& k) {
                     for (auto& e : k.client_shares)
                       if (e.group == G::X25519MLKEM768 && !e.key_exchange.empty())
                         e.key_exchange.pop_back();
                   });
                 };
                 d->note = "X25519MLKEM768 share of 1215 bytes";
                 return p;
               }});
  v.push_back({"protocol.key-share-x25519-zero", Group::protocol, "RFC 8446 7.4.2; RFC 7748 6.1",
               "an x25519 share giving the all-zero secret MUST be refused",
               E::any_alert(), [](const Context& c) {
                 Plan p = tls13(c);
                 p.cfg.groups = {G::x25519};
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   edit_ext<handshake::KeyShareClientHello>(ch, [](handshake::KeyShareClientHello& k) {
                     for (auto& e : k.client_shares) e.key_exchange = core::Bytes(32, 0);
                   });
                 };
                 d->note = "x25519 share of 32 zero bytes";
                 return p;
               }});
  v.push_back({"protocol.hello-unknown-versions", Group::protocol, "RFC 8446 4.2.1, 4.1.1, D.2",
               "supported_versions with only unknown versions: the server must not fall back to "
               "legacy_version; protocol_version (or handshake_failure)",
               E::alert_of({Alert::protocol_version, Alert::handshake_failure,
                            Alert::insufficient_security})
                   .tolerate("RFC 8446 4.2.1 forbids the fallback to legacy_version but names no "
                             "alert; " + kAbortAnyAlert),
               [](const Context& c) {
                 Plan p = base(c);
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   handshake::SupportedVersionsClientHello sv;
                   sv.versions = {static_cast<ProtocolVersion>(0x7a7a), static_cast<ProtocolVersion>(0x0305)};
                   ch.extensions.set(sv);
                 };
                 d->note = "supported_versions = {0x7a7a, 0x0305}";
                 return p;
               }});
  v.push_back({"protocol.hello-unknown-suites", Group::protocol, "RFC 8446 4.1.1",
               "no common cipher suite: handshake_failure or insufficient_security",
               E::alert_of({Alert::handshake_failure, Alert::insufficient_security}),
               [](const Context& c) {
                 Plan p = base(c);
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   ch.cipher_suites = {static_cast<handshake::CipherSuite>(0xfe00),
                                       static_cast<handshake::CipherSuite>(0xfe01)};
                 };
                 d->note = "cipher_suites = {0xfe00, 0xfe01}";
                 return p;
               }});
  v.push_back({"protocol.tls1.2-no-hybrid", Group::protocol,
               "RFC 8422 5.1.1, draft-ietf-tls-ecdhe-mlkem",
               "a TLS 1.2 ClientHello listing X25519MLKEM768 first: the server must pick a "
               "TLS 1.2 curve (the hybrid is TLS 1.3 only) and the handshake completes",
               E::completes(), [](const Context& c) {
                 Plan p = tls12(c);
                 p.cfg.groups = {G::X25519MLKEM768, G::x25519, G::secp256r1};
                 return p;
               }});
  v.push_back({"protocol.hello-unknown-groups", Group::protocol, "RFC 8446 4.1.1",
               "no common group: handshake_failure or insufficient_security",
               E::alert_of({Alert::handshake_failure, Alert::insufficient_security}),
               [](const Context& c) {
                 Plan p = tls13(c);
                 p.cfg.groups = {G::x25519};
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   handshake::SupportedGroups sg;
                   sg.groups = {static_cast<G>(0xfe00), static_cast<G>(0xfe01)};
                   ch.extensions.set(sg);
                   edit_ext<handshake::KeyShareClientHello>(ch, [](handshake::KeyShareClientHello& k) {
                     for (auto& e : k.client_shares) e.group = static_cast<G>(0xfe00);
                   });
                 };
                 d->note = "supported_groups = {0xfe00, 0xfe01}, key share for 0xfe00";
                 return p;
               }});
  v.push_back({"protocol.compression-methods", Group::protocol, "RFC 8446 4.1.2",
               "a TLS 1.3 ClientHello whose compression methods are not exactly {0}: "
               "illegal_parameter",
               E::alert_of({Alert::illegal_parameter}), [](const Context& c) {
                 Plan p = tls13(c);
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) { ch.legacy_compression_methods = {1, 0}; };
                 d->note = "compression methods {1, 0}";
                 return p;
               }});
  v.push_back({"protocol.missing-signature-algorithms", Group::protocol, "RFC 8446 4.2.3, 9.2",
               "a TLS 1.3 ClientHello without signature_algorithms: missing_extension",
               E::alert_of({Alert::missing_extension}), [](const Context& c) {
                 Plan p = tls13(c);
                 auto d = deviate(p);
                 d->hello = [](ClientHello& ch, int) {
                   ch.extensions.remove(handshake::ExtensionType::signature_algorithms);
                 };
                 d->note = "signature_algorithms removed";
                 return p;
               }});
  v.push_back({"protocol.renegotiation.tls1.3", Group::protocol, "RFC 8446 4.1.2",
               "a ClientHello after a TLS 1.3 handshake: unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = tls13(c);
                 p.after = Plan::After::key_update;
                 auto d = deviate(p);
                 d->out = [d = d.get(), first = std::make_shared<core::Bytes>()](HandshakeType t,
                                                                                  core::Bytes& f) {
                   if (t == HandshakeType::client_hello && first->empty()) *first = f;
                   if (t == HandshakeType::key_update) {
                     f = *first;
                     d->note = "sent our first ClientHello again, encrypted, after the handshake";
                   }
                   return true;
                 };
                 return p;
               }});
  v.push_back({"protocol.key-update-invalid", Group::protocol, "RFC 8446 4.6.3",
               "KeyUpdate with request_update = 5: illegal_parameter",
               E::alert_of({Alert::illegal_parameter}), [](const Context& c) {
                 Plan p = tls13(c);
                 p.after = Plan::After::key_update;
                 auto d = deviate(p);
                 d->out = [](HandshakeType t, core::Bytes& f) {
                   if (t == HandshakeType::key_update && f.size() == 5) f[4] = 5;
                   return true;
                 };
                 d->note = "KeyUpdate request_update = 5";
                 return p;
               }});
  v.push_back({"protocol.data-before-finished", Group::protocol, "RFC 8446 2, 5",
               "application data before the client's Finished: unexpected_message",
               E::alert_of({Alert::unexpected_message}), [](const Context& c) {
                 Plan p = tls13(c);
                 auto d = deviate(p);
                 d->then = [d = d.get()](HandshakeType t, record::RecordWriter& w) {
                   bool last_before_finished =
                       t == HandshakeType::certificate_verify ||
                       (t == HandshakeType::certificate && d->empty_certificate);
                   if (last_before_finished && d->note.empty()) {
                     (void)w.write(record::ContentType::application_data, core::as_bytes("GET / HTTP/1.0\r\n\r\n"));
                     d->note = "application data after our " + handshake::message_name(t);
                   }
                 };
                 return p;
               }, true});
}

}  // namespace

const std::vector<Probe>& catalogue() {
  static const std::vector<Probe> all = [] {
    std::vector<Probe> v;
    add_capabilities(v);
    add_client_cert(v);
    add_protocol(v);
    add_protocol_more(v);
    add_closing(v);
    add_records(v);
    add_resumption(v);
    add_resumption12(v);
    return v;
  }();
  return all;
}

const Probe* find_probe(std::string_view name) {
  for (auto& p : catalogue())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace glass::conform
