// Unusual but legal peers, and the exact alert for illegal ones, driven through
// the tamper hook (raw records and reshaped messages from the peer's side).
// Where the RFC leaves room, the comment says what `openssl s_server` (3.0) does.
#include <doctest/doctest.h>

#include <functional>

#include "engine_harness.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/tamper.hpp"
#include "record/content_type.hpp"
#include "record/handshake_assembler.hpp"

using namespace glass;
using core::Alert;
using handshake::ClientAuthMode;
using handshake::Connection;
using handshake::HandshakeType;
using handshake::ProtocolVersion;
using record::ContentType;

namespace {

const x509::TestPki& edge_pki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ecdsa_p256, 5200);
  return p;
}

// A tamper made of lambdas; `hellos` counts the ClientHellos shaped so far.
struct Script : handshake::Tamper {
  std::function<void(handshake::ClientHello&, int)> hello;
  std::function<void(handshake::Certificate&)> cert;
  std::function<bool(HandshakeType, core::Bytes&, int)> out;
  std::function<void(HandshakeType, record::RecordWriter&, int)> then;
  int hellos = 0;
  void shape(handshake::ClientHello& ch) override {
    ++hellos;
    if (hello) hello(ch, hellos);
  }
  void shape(handshake::Certificate& c) override {
    if (cert) cert(c);
  }
  bool outgoing(HandshakeType t, core::Bytes& framed) override {
    return out ? out(t, framed, hellos) : true;
  }
  void after(HandshakeType t, record::RecordWriter& w) override {
    if (then) then(t, w, hellos);
  }
};

struct Pair {
  crypto::SeededRng crng{51}, srng{52};
  test::Peers cfg = test::mtls_configs(edge_pki(), crng, srng);
  std::optional<Connection> client, server;
  void run(handshake::Tamper* on_client, handshake::Tamper* on_server = nullptr) {
    cfg.client.tamper = on_client;
    cfg.server.tamper = on_server;
    client.emplace(cfg.client);
    server.emplace(cfg.server);
    test::pump(*client, *server);
  }
  void hello_retry() {  // the client's first key share is not the server's group
    cfg.client.groups = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp384r1};
    cfg.server.groups = {crypto::NamedGroup::secp384r1};
  }
  void tls12() { cfg.client.max_version = ProtocolVersion::tls12; }
  bool both_done() const { return client->is_handshake_done() && server->is_handshake_done(); }
  std::string why() const {
    auto w = [](const Connection& c) {
      return c.error() ? c.error()->to_string() : c.state_name();
    };
    return "client: " + w(*client) + " / server: " + w(*server);
  }
  void expect_server_alert(Alert a, std::string_view words = {}) {
    INFO(why());
    REQUIRE(server->error());
    CHECK(server->error()->alert == a);
    CHECK_FALSE(server->error_from_peer());
    if (!words.empty()) CHECK(server->error()->reason.find(words) != std::string::npos);
    CHECK(client->error_from_peer());  // it reached the client
  }
  void expect_data_flows() {
    INFO(why());
    REQUIRE(both_done());
    REQUIRE(client->write(core::as_bytes("ping")).ok());
    test::pump(*client, *server);
    CHECK(core::as_chars(server->read()) == "ping");
  }
};

void add_ccs(record::RecordWriter& w, int n) {
  for (int i = 0; i < n; ++i) REQUIRE(w.write_change_cipher_spec().ok());
}

}  // namespace

// ---- Compatibility ChangeCipherSpec (RFC 8446 5, D.4) --------------------------------

TEST_CASE("handshake: TLS 1.3 accepts several compatibility CCS around a HelloRetryRequest") {
  // Java 17 sends two; any number of exact one-byte 0x01 records is dropped.
  Pair p;
  p.hello_retry();
  Script client, server;
  client.then = [](HandshakeType t, record::RecordWriter& w, int) {
    if (t == HandshakeType::client_hello) add_ccs(w, 2);
  };
  server.then = [](HandshakeType t, record::RecordWriter& w, int) {
    if (t == HandshakeType::server_hello || t == HandshakeType::encrypted_extensions) add_ccs(w, 2);
  };
  p.run(&client, &server);
  CHECK(p.server->info().hello_retry_request);
  p.expect_data_flows();
}

TEST_CASE("handshake: a CCS inside a fragmented handshake message is unexpected_message") {
  Pair p;
  p.hello_retry();
  Script client;
  core::Bytes tail;
  client.out = [&](HandshakeType t, core::Bytes& framed, int hellos) {
    if (t == HandshakeType::client_hello && hellos == 2) {
      tail.assign(framed.begin() + 20, framed.end());
      framed.resize(20);
    }
    return true;
  };
  client.then = [&](HandshakeType t, record::RecordWriter& w, int hellos) {
    if (t != HandshakeType::client_hello || hellos != 2) return;
    add_ccs(w, 1);  // flushes the first 20 bytes as their own record, then the CCS
    REQUIRE(w.write(ContentType::handshake, tail).ok());
  };
  p.run(&client);
  p.expect_server_alert(Alert::unexpected_message, "inside a fragmented handshake message");
}

TEST_CASE("handshake: TLS 1.2 ChangeCipherSpec with a body other than 0x01 is unexpected_message") {
  // OpenSSL answers unexpected_message as well.
  Pair p;
  p.tls12();
  Script client;
  client.then = [](HandshakeType t, record::RecordWriter& w, int) {
    if (t == HandshakeType::certificate_verify) {
      const std::uint8_t two = 2;
      REQUIRE(w.write(ContentType::change_cipher_spec, core::ByteView(&two, 1)).ok());
    }
  };
  p.run(&client);
  p.expect_server_alert(Alert::unexpected_message, "single byte 0x01");
}

// ---- Early data we do not accept (RFC 8446 4.2.10) ------------------------------------

namespace {
Script early_data_client(std::size_t records, std::size_t size, bool also_second_hello = false) {
  Script s;
  s.hello = [also_second_hello](handshake::ClientHello& ch, int n) {
    if (n == 1 || also_second_hello) ch.extensions.set(handshake::EarlyDataIndication{});
  };
  s.then = [records, size](HandshakeType t, record::RecordWriter& w, int n) {
    if (t != HandshakeType::client_hello || n != 1) return;
    // What 0-RTT looks like to a server without the PSK: outer application_data
    // records it cannot decrypt.
    for (std::size_t i = 0; i < records; ++i)
      REQUIRE(w.write(ContentType::application_data, core::Bytes(size, 0xe0)).ok());
  };
  return s;
}
}  // namespace

TEST_CASE("handshake: declined early data is skipped by trial decryption and the handshake completes") {
  Pair p;
  auto client = early_data_client(3, 1000);
  p.run(&client);
  CHECK_FALSE(p.server->info().hello_retry_request);
  p.expect_data_flows();
}

TEST_CASE("handshake: after a HelloRetryRequest early data records are skipped and the handshake completes") {
  Pair p;
  p.hello_retry();
  auto client = early_data_client(3, 1000);
  p.run(&client);
  CHECK(p.server->info().hello_retry_request);
  p.expect_data_flows();
}

TEST_CASE("handshake: early data beyond the skip limit is unexpected_message") {
  for (bool hrr : {false, true}) {
    CAPTURE(hrr);
    Pair p;
    if (hrr) p.hello_retry();
    auto client = early_data_client(2, 16384);
    p.run(&client);
    p.expect_server_alert(Alert::unexpected_message, "bytes of early data");
  }
}

TEST_CASE("handshake: early_data in the ClientHello after a HelloRetryRequest is illegal_parameter") {
  Pair p;
  p.hello_retry();
  auto client = early_data_client(0, 0, true);
  p.run(&client);
  p.expect_server_alert(Alert::illegal_parameter, "early_data");
}

// ---- Records: empty, plaintext alerts, one byte at a time -----------------------------

TEST_CASE("handshake: a plaintext fatal alert where protected records are expected ends the connection as that alert") {
  // A client that rejects our certificate may send its alert unprotected.
  crypto::SeededRng crng(53), srng(54);
  auto cfg = test::mtls_configs(edge_pki(), crng, srng);
  Connection client(cfg.client), server(cfg.server);
  REQUIRE(client.start().ok());
  REQUIRE(server.feed(client.take_output()).ok());
  (void)server.take_output();  // the server's flight; it now waits for the client's Certificate
  const core::Bytes alert = {21, 3, 3, 0, 2, 2, 42};  // fatal bad_certificate
  auto st = server.feed(alert);
  REQUIRE_FALSE(st.ok());
  REQUIRE(server.error());
  CHECK(server.error()->alert == Alert::bad_certificate);
  CHECK(server.error_from_peer());
  CHECK_FALSE(server.has_output());  // not answered with unexpected_message

  // The same for a client after the handshake, in TLS 1.2 and 1.3.
  for (auto v : {ProtocolVersion::tls12, ProtocolVersion::tls13}) {
    crypto::SeededRng cr(55), sr(56);
    auto c2 = test::mtls_configs(edge_pki(), cr, sr);
    c2.client.max_version = v;
    Connection c(c2.client), s(c2.server);
    test::pump(c, s);
    REQUIRE(c.is_handshake_done());
    const core::Bytes unknown_ca = {21, 3, 3, 0, 2, 2, 48};
    REQUIRE_FALSE(c.feed(unknown_ca).ok());
    CHECK(c.error()->alert == Alert::unknown_ca);
    CHECK(c.error_from_peer());
    CHECK_FALSE(c.has_output());
  }
}

TEST_CASE("handshake: records of one byte and 1/n-1 splits are reassembled (TLS 1.2 and 1.3)") {
  for (auto v : {ProtocolVersion::tls12, ProtocolVersion::tls13}) {
    CAPTURE(static_cast<int>(v));
    Pair p;
    p.cfg.client.max_version = v;
    p.cfg.client.max_fragment = 1;  // every handshake message spread one byte per record
    p.cfg.server.max_fragment = 1;
    p.run(nullptr);
    INFO(p.why());
    REQUIRE(p.both_done());
    p.expect_data_flows();
    // A fresh pair at normal record size for the 1/n-1 split of application data.
    Pair q;
    q.cfg.client.max_version = v;
    q.run(nullptr);
    REQUIRE(q.both_done());
    REQUIRE(q.client->write(core::as_bytes("G")).ok());
    REQUIRE(q.client->write(core::as_bytes("ET / HTTP/1.0\r\n")).ok());
    test::pump(*q.client, *q.server);
    CHECK(core::as_chars(q.server->read()) == "GET / HTTP/1.0\r\n");
  }
}

// ---- ClientHello fields ------------------------------------------------------------------

TEST_CASE("handshake: with supported_versions, legacy_version is ignored unless it is SSL 3.0 or older") {
  // openssl s_server: 0x0302 and 0x0304 negotiate TLS 1.3; 0x0300 gets handshake_failure,
  // where RFC 8446 D.5 names protocol_version, which we send.
  struct Case {
    std::uint16_t legacy;
    bool tls12_only;
    bool ok;
  };
  for (auto c : {Case{0x0302, false, true}, Case{0x0304, false, true}, Case{0x0301, true, true},
                 Case{0x0300, false, false}, Case{0x0300, true, false}, Case{0x0200, false, false}}) {
    CAPTURE(c.legacy);
    CAPTURE(c.tls12_only);
    Pair p;
    if (c.tls12_only) p.tls12();
    Script client;
    client.hello = [c](handshake::ClientHello& ch, int) {
      ch.legacy_version = static_cast<ProtocolVersion>(c.legacy);
      if (c.tls12_only)
        ch.extensions.set(handshake::SupportedVersionsClientHello{{ProtocolVersion::tls12}});
    };
    p.run(&client);
    if (c.ok) {
      p.expect_data_flows();
      CHECK(p.server->info().version ==
            (c.tls12_only ? ProtocolVersion::tls12 : ProtocolVersion::tls13));
    } else {
      p.expect_server_alert(Alert::protocol_version, "RFC 8446 D.5");
    }
  }
}

TEST_CASE("handshake: a key share of the wrong size is illegal_parameter, an empty or malformed one decode_error") {
  // Checked against openssl s_server 3.0: empty 50 (decode_error), 31-byte X25519 and
  // 64-byte P-256 47 (illegal_parameter), an overlong client_shares 50.
  struct Case {
    crypto::NamedGroup group;
    std::size_t size;
    Alert alert;
  };
  for (auto c : {Case{crypto::NamedGroup::x25519, 31, Alert::illegal_parameter},
                 Case{crypto::NamedGroup::x25519, 33, Alert::illegal_parameter},
                 Case{crypto::NamedGroup::secp256r1, 64, Alert::illegal_parameter},
                 Case{crypto::NamedGroup::x25519, 0, Alert::decode_error}}) {
    CAPTURE(crypto::name_of(c.group));
    CAPTURE(c.size);
    Pair p;
    p.cfg.client.groups = {c.group};
    Script client;
    client.hello = [c](handshake::ClientHello& ch, int) {
      handshake::KeyShareClientHello ks;
      core::Bytes key(c.size, 0x04);
      ks.client_shares.push_back({c.group, key});
      ch.extensions.set(ks);
    };
    p.run(&client);
    p.expect_server_alert(c.alert);
  }
  SUBCASE("a P-256 share of the right size that is not a curve point") {
    Pair p;
    p.cfg.client.groups = {crypto::NamedGroup::secp256r1};
    Script client;
    client.hello = [](handshake::ClientHello& ch, int) {
      handshake::KeyShareClientHello ks;
      core::Bytes key(65, 0x01);
      key[0] = 0x04;
      ks.client_shares.push_back({crypto::NamedGroup::secp256r1, key});
      ch.extensions.set(ks);
    };
    p.run(&client);
    p.expect_server_alert(Alert::illegal_parameter);
  }
  SUBCASE("client_shares longer than the extension") {
    Pair p;
    Script client;
    client.hello = [](handshake::ClientHello& ch, int) {
      for (auto& e : ch.extensions.raw_list())
        if (e.type == handshake::ExtensionType::key_share) e.data[1] += 1;
    };
    p.run(&client);
    p.expect_server_alert(Alert::decode_error);
  }
}

TEST_CASE("handshake: TLS_FALLBACK_SCSV in a TLS 1.2 ClientHello to a TLS 1.3 server is inappropriate_fallback") {
  // RFC 7507; openssl s_server answers 86 (inappropriate_fallback) too.
  Pair p;
  p.tls12();
  Script client;
  client.hello = [](handshake::ClientHello& ch, int) {
    ch.cipher_suites.push_back(handshake::CipherSuite::TLS_FALLBACK_SCSV);
  };
  p.run(&client);
  p.expect_server_alert(Alert::inappropriate_fallback, "RFC 7507");

  // A server whose best is TLS 1.2 has nothing to complain about.
  Pair q;
  q.tls12();
  q.cfg.server.max_version = ProtocolVersion::tls12;
  Script again;
  again.hello = client.hello;
  q.run(&again);
  q.expect_data_flows();
}

TEST_CASE("handshake: TLS 1.2 ec_point_formats without uncompressed is illegal_parameter, empty is decode_error") {
  // RFC 8422 5.1.2. openssl s_server answers handshake_failure to the first and
  // decode_error to the second.
  struct Case {
    core::Bytes formats;
    std::optional<Alert> alert;
  };
  for (auto& c : {Case{{1, 2}, Alert::illegal_parameter}, Case{{}, Alert::decode_error},
                  Case{{1, 0}, std::nullopt}}) {
    Pair p;
    p.tls12();
    Script client;
    client.hello = [f = c.formats](handshake::ClientHello& ch, int) {
      ch.extensions.set(handshake::EcPointFormats{f});
    };
    p.run(&client);
    if (c.alert) p.expect_server_alert(*c.alert);
    else p.expect_data_flows();
  }
}

// ---- Certificates and signatures ------------------------------------------------------

TEST_CASE("handshake: extensions in the client's CertificateEntry that we did not request are unsupported_extension") {
  for (auto type : {handshake::ExtensionType::status_request,
                    static_cast<handshake::ExtensionType>(0xff0f)}) {
    Pair p;
    Script client;
    client.cert = [type](handshake::Certificate& c) {
      REQUIRE_FALSE(c.certificate_list.empty());
      c.certificate_list.front().extensions.raw_list().push_back({type, {}});
    };
    p.run(&client);
    p.expect_server_alert(Alert::unsupported_extension);
  }
}

TEST_CASE("handshake: TLS 1.2 ECDSA pairs any offered hash with a P-256 key") {
  // ecdsa_secp521r1_sha512 alone: in TLS 1.2 it only says "ECDSA with SHA-512".
  Pair p;
  p.tls12();
  p.cfg.client.signature_schemes = {crypto::SignatureScheme::ecdsa_secp521r1_sha512};
  p.run(nullptr);
  p.expect_data_flows();
  CHECK(p.client->info().peer_signature_scheme == crypto::SignatureScheme::ecdsa_secp521r1_sha512);
  CHECK(p.server->info().local_signature_scheme == crypto::SignatureScheme::ecdsa_secp521r1_sha512);
  // The client signs its CertificateVerify with an ECDSA scheme the server asked for.
  CHECK(p.server->info().client_cert_sent);

  // TLS 1.3 binds the curve: the same offer finds no scheme.
  Pair q;
  q.cfg.client.signature_schemes = {crypto::SignatureScheme::ecdsa_secp521r1_sha512};
  q.run(nullptr);
  REQUIRE(q.server->error());
  CHECK(q.server->error()->alert == Alert::handshake_failure);
}

// ---- Renegotiation and extreme sizes ----------------------------------------------------

TEST_CASE("handshake: a TLS 1.2 renegotiation attempt followed by data gets no_renegotiation, the data still arrives") {
  // RFC 5746 4.2 / RFC 5246 7.2.2: refusing with a no_renegotiation warning leaves the
  // connection to the client; our README promises the refusal, nothing more.
  Pair p;
  p.tls12();
  Script client;
  core::Bytes hello;
  client.out = [&](HandshakeType t, core::Bytes& framed, int) {
    if (t == HandshakeType::client_hello) hello = framed;
    return true;
  };
  client.then = [&](HandshakeType t, record::RecordWriter& w, int) {
    if (t != HandshakeType::finished) return;
    REQUIRE(w.write(ContentType::handshake, hello).ok());
    REQUIRE(w.write(ContentType::application_data, core::as_bytes("after hello")).ok());
  };
  p.run(&client);
  INFO(p.why());
  REQUIRE(p.both_done());
  CHECK_FALSE(p.server->error());
  CHECK_FALSE(p.client->error());
  CHECK(core::as_chars(p.server->read()) == "after hello");
  p.expect_data_flows();
}

TEST_CASE("handshake: a Finished with megabytes of padding is decode_error at the handshake size cap") {
  Pair p;
  Script client;
  client.out = [](HandshakeType t, core::Bytes& framed, int) {
    if (t == HandshakeType::finished) {
      const std::size_t len = 2 * 1024 * 1024;
      framed.resize(4 + len, 0);
      framed[1] = static_cast<std::uint8_t>(len >> 16);
      framed[2] = static_cast<std::uint8_t>(len >> 8);
      framed[3] = static_cast<std::uint8_t>(len);
    }
    return true;
  };
  p.run(&client);
  p.expect_server_alert(Alert::decode_error, "above the limit");
}
