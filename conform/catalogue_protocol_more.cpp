// More protocol probes: MUSTs of RFC 7507 and RFC 8446 that the main catalogue
// (catalogue.cpp) does not cover — the downgrade signal, repeated compatibility
// ChangeCipherSpec records, and extensions a server returns without being asked.
#include "conform/probe.hpp"
#include "handshake/extensions_typed.hpp"
#include "record/writer.hpp"

namespace glass::conform {

namespace {

using core::Alert;
using handshake::ClientHello;
using handshake::HandshakeType;
using handshake::ProtocolVersion;
using E = Expectation;

Plan only(const Context& c, ProtocolVersion v) {
  Plan p;
  p.cfg = c.base;
  p.cfg.min_version = p.cfg.max_version = v;
  return p;
}

// Appends TLS_FALLBACK_SCSV to the cipher suites of every ClientHello.
struct FallbackScsv : ProbeTamper {
  void shape(ClientHello& ch) override {
    ch.cipher_suites.push_back(handshake::CipherSuite::TLS_FALLBACK_SCSV);
    note = "TLS 1.2 ClientHello with TLS_FALLBACK_SCSV (0x5600) last";
  }
};

// Writes `extra` more ChangeCipherSpec records right before the first message of
// our second flight, i.e. after the compatibility one our client sends there.
struct ExtraCcs : ProbeTamper {
  int extra = 1;
  record::RecordWriter* writer = nullptr;
  bool done = false;

  bool outgoing(HandshakeType t, core::Bytes&) override {
    if (t == HandshakeType::client_hello || done || !writer) return true;
    done = true;
    for (int i = 0; i < extra; ++i) (void)writer->write_change_cipher_spec();
    note = std::to_string(extra + 1) + " ChangeCipherSpec records in a row before our " +
           handshake::message_name(t);
    return true;
  }
  void after(HandshakeType t, record::RecordWriter& w) override {
    if (t == HandshakeType::client_hello) writer = &w;
  }
};

}  // namespace

void add_protocol_more(std::vector<Probe>& v) {
  // RFC 7507 3: "If TLS_FALLBACK_SCSV appears in ClientHello.cipher_suites and the
  // highest protocol version supported by the server is higher than the version
  // indicated by the client, the server MUST respond with a fatal
  // inappropriate_fallback alert". A server without TLS 1.3 completes, rightly;
  // the probe is meant for servers that speak TLS 1.3 (capability.version.tls1.3).
  v.push_back({"protocol.fallback-scsv", Group::protocol, "RFC 7507 3",
               "TLS_FALLBACK_SCSV in a TLS 1.2 ClientHello to a server that speaks TLS 1.3: "
               "the server MUST answer inappropriate_fallback",
               E::alert_of({Alert::inappropriate_fallback}), [](const Context& c) {
                 Plan p = only(c, ProtocolVersion::tls12);
                 p.tamper = std::make_shared<FallbackScsv>();
                 return p;
               }});
  // RFC 8446 5: "An implementation may receive an unencrypted record of type
  // change_cipher_spec consisting of the single byte value 0x01 at any time after
  // the first ClientHello message has been sent or received and before the peer's
  // Finished message has been received and MUST simply drop it without further
  // processing." Every such record, not only the first.
  v.push_back({"protocol.ccs-twice", Group::protocol, "RFC 8446 5, D.4",
               "two plaintext ChangeCipherSpec (0x01) records before the client's second "
               "flight MUST both be dropped: the handshake completes",
               E::completes(), [](const Context& c) {
                 Plan p = only(c, ProtocolVersion::tls13);
                 p.cfg.middlebox_compat = true;
                 p.tamper = std::make_shared<ExtraCcs>();
                 return p;
               }});
  // RFC 8446 4.2: "Implementations MUST NOT send extension responses if the remote
  // endpoint did not send the corresponding extension requests"; RFC 5246 7.4.1.4:
  // "An extension type MUST NOT appear in the ServerHello unless the same extension
  // type appeared in the corresponding ClientHello." Our client checks every
  // extension of ServerHello / EncryptedExtensions against what it offered and
  // stops (unsupported_extension) on one it did not offer. Without post_handshake_auth
  // offered, a CertificateRequest after the handshake (RFC 8446 4.6.2: "servers MUST NOT
  // send a post-handshake CertificateRequest to clients which do not offer this
  // extension") arriving before the answer to our request stops it too.
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    bool t13 = ver == ProtocolVersion::tls13;
    v.push_back({std::string("protocol.extensions-unsolicited.") + (t13 ? "tls1.3" : "tls1.2"),
                 Group::protocol, t13 ? "RFC 8446 4.2" : "RFC 5246 7.4.1.4",
                 "a ClientHello without ALPN or post_handshake_auth: the server MUST NOT answer "
                 "with extensions the client did not offer; the handshake completes",
                 E::completes(), [ver](const Context& c) {
                   Plan p = only(c, ver);
                   p.cfg.alpn.clear();
                   p.cfg.offer_post_handshake_auth = false;
                   return p;
                 }});
  }
}

}  // namespace glass::conform
