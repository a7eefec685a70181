#include <doctest/doctest.h>

#include <map>

#include "engine_harness.hpp"
#include "handshake/types.hpp"
#include "x509/oid.hpp"

using namespace glass;
using core::Alert;
using handshake::ClientAuthMode;
using handshake::Connection;
using handshake::ProtocolVersion;

namespace {

const x509::TestPki& pki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ecdsa_p256, 500);
  return p;
}

test::Pair run(const handshake::Config& c, const handshake::Config& s) {
  return test::handshake_and_data(c, s);
}

std::string why(const Connection& c) { return c.error() ? c.error()->to_string() : c.state_name(); }

}  // namespace

TEST_CASE("handshake: a client without a certificate gets certificate_required (1.3) / handshake_failure (1.2)") {
  for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    crypto::SeededRng crng(1), srng(2);
    auto cfg = test::mtls_configs(pki(), crng, srng);
    cfg.client.identities.clear();
    cfg.client.min_version = cfg.client.max_version = v;
    auto r = run(cfg.client, cfg.server);
    INFO("server: " << why(r.server) << " / client: " << why(r.client));
    REQUIRE(r.server.error());
    Alert expected = v == ProtocolVersion::tls13 ? Alert::certificate_required : Alert::handshake_failure;
    CHECK(r.server.error()->alert == expected);
    CHECK(r.server.error()->reason.find("sent no certificate") != std::string::npos);
    REQUIRE(r.client.error());
    CHECK(r.client.error_from_peer());
    CHECK(r.client.error()->alert == expected);
    CHECK(r.client.info().client_cert_choice.find("no client certificate is configured") !=
          std::string::npos);
  }
}

TEST_CASE("handshake: optional client authentication accepts an empty Certificate") {
  crypto::SeededRng crng(3), srng(4);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities.clear();
  cfg.server.client_auth = ClientAuthMode::request;
  auto r = run(cfg.client, cfg.server);
  CHECK_FALSE(r.server.error());
  CHECK(r.server.is_handshake_done());
  CHECK_FALSE(r.server.info().client_cert_sent);
  CHECK(r.server.info().client_cert_requested);
}

TEST_CASE("handshake: a client certificate from an unknown CA is refused with unknown_ca") {
  auto other = test::make_pki(crypto::KeyType::ecdsa_p256, 501, "CN=Other CA");
  crypto::SeededRng crng(5), srng(6);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities = {test::identity_of(other.client, other.ca, "stranger")};
  // Without CA names in the request the client cannot tell, and sends it.
  cfg.server.send_ca_names = false;
  auto r = run(cfg.client, cfg.server);
  INFO("server: " << why(r.server) << " / client: " << why(r.client));
  REQUIRE(r.server.error());
  CHECK(r.server.error()->alert == Alert::unknown_ca);
  REQUIRE(r.client.error());
  CHECK(r.client.error()->alert == Alert::unknown_ca);
}

TEST_CASE("handshake: an expired client certificate is refused with certificate_expired") {
  crypto::SeededRng rng(7);
  auto expired = x509::issue_leaf(pki().ca, "CN=glasstls Test CA,O=glasstls", "CN=old client",
                                  crypto::KeyType::ecdsa_p256, test::kNow - 90 * 86400,
                                  test::kNow - 86400, x509::oid::kp_client_auth, {}, {}, rng, 77);
  REQUIRE(expired.ok());
  crypto::SeededRng crng(8), srng(9);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities = {test::identity_of(*expired, pki().ca, "expired")};
  auto r = run(cfg.client, cfg.server);
  INFO("server: " << why(r.server));
  REQUIRE(r.server.error());
  CHECK(r.server.error()->alert == Alert::certificate_expired);
  CHECK(r.server.error()->reason.find("expired") != std::string::npos);
}

TEST_CASE("handshake: a client key that does not match its certificate fails CertificateVerify") {
  crypto::SeededRng crng(10), srng(11);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities[0].key = pki().server.key;  // right type, wrong key
  auto r = run(cfg.client, cfg.server);
  INFO("server: " << why(r.server));
  REQUIRE(r.server.error());
  CHECK(r.server.error()->alert == Alert::decrypt_error);
}

TEST_CASE("handshake: the server certificate must match the name the client asked for") {
  crypto::SeededRng crng(12), srng(13);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.server_name = "www.example.com";
  auto r = run(cfg.client, cfg.server);
  INFO("client: " << why(r.client));
  REQUIRE(r.client.error());
  CHECK_FALSE(r.client.error_from_peer());
  CHECK(r.client.error()->alert == Alert::bad_certificate);
  REQUIRE(r.server.error());
  CHECK(r.server.error_from_peer());
}

TEST_CASE("handshake: a server certificate from an unknown CA is refused by the client") {
  crypto::SeededRng crng(14), srng(15);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  auto other = test::make_pki(crypto::KeyType::ecdsa_p256, 502, "CN=Other CA");
  cfg.client.trust_anchors = {other.ca.der};
  auto r = run(cfg.client, cfg.server);
  REQUIRE(r.client.error());
  CHECK(r.client.error()->alert == Alert::unknown_ca);
}

TEST_CASE("handshake: no common version, suite or group gives protocol_version / handshake_failure") {
  {
    crypto::SeededRng crng(16), srng(17);
    auto cfg = test::mtls_configs(pki(), crng, srng);
    cfg.client.max_version = ProtocolVersion::tls12;
    cfg.server.min_version = ProtocolVersion::tls13;
    auto r = run(cfg.client, cfg.server);
    REQUIRE(r.server.error());
    CHECK(r.server.error()->alert == Alert::protocol_version);
  }
  {
    crypto::SeededRng crng(18), srng(19);
    auto cfg = test::mtls_configs(pki(), crng, srng);
    cfg.client.cipher_suites = {handshake::CipherSuite::TLS_AES_128_GCM_SHA256};
    cfg.server.cipher_suites = {handshake::CipherSuite::TLS_AES_256_GCM_SHA384};
    auto r = run(cfg.client, cfg.server);
    REQUIRE(r.server.error());
    CHECK(r.server.error()->alert == Alert::handshake_failure);
    CHECK(r.server.error()->reason.find("no TLS 1.3 cipher suite in common") != std::string::npos);
  }
  {
    crypto::SeededRng crng(20), srng(21);
    auto cfg = test::mtls_configs(pki(), crng, srng);
    cfg.client.groups = {crypto::NamedGroup::x25519};
    cfg.server.groups = {crypto::NamedGroup::secp384r1};
    auto r = run(cfg.client, cfg.server);
    REQUIRE(r.server.error());
    CHECK(r.server.error()->alert == Alert::handshake_failure);
  }
}

TEST_CASE("handshake: a TLS 1.2 server without extended_master_secret is refused by default") {
  crypto::SeededRng crng(22), srng(23);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.server.max_version = ProtocolVersion::tls12;
  cfg.server.offer_extended_master_secret = false;
  auto r = run(cfg.client, cfg.server);
  REQUIRE(r.client.error());
  CHECK(r.client.error()->alert == Alert::handshake_failure);
  CHECK(r.client.error()->reason.find("extended_master_secret") != std::string::npos);

  crypto::SeededRng crng2(24), srng2(25);
  auto cfg2 = test::mtls_configs(pki(), crng2, srng2);
  cfg2.server.max_version = ProtocolVersion::tls12;
  cfg2.server.offer_extended_master_secret = false;
  cfg2.client.require_extended_master_secret = false;
  auto r2 = run(cfg2.client, cfg2.server);
  CHECK(r2.client.is_handshake_done());
  CHECK_FALSE(r2.client.info().extended_master_secret);
}

TEST_CASE("handshake: a forged downgrade to TLS 1.2 is detected by the sentinel (RFC 8446 4.1.3)") {
  // A 1.3-capable server answers a 1.2-only ClientHello with the sentinel; a
  // 1.3-capable client that receives that answer must abort.
  crypto::SeededRng crng(26), srng(27), crng2(28);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  auto old_client = cfg.client;
  old_client.max_version = ProtocolVersion::tls12;
  Connection legacy(old_client), server(cfg.server);
  REQUIRE(legacy.start().ok());
  REQUIRE(server.feed(legacy.take_output()).ok());
  auto server_flight = server.take_output();
  REQUIRE_FALSE(server_flight.empty());

  auto modern = cfg.client;
  modern.rng = &crng2;
  Connection victim(modern);
  REQUIRE(victim.start().ok());
  (void)victim.take_output();
  auto st = victim.feed(server_flight);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == Alert::illegal_parameter);
  CHECK(st.error().reason.find("downgrade") != std::string::npos);
}

TEST_CASE("handshake: application data before the handshake completes is unexpected_message") {
  crypto::SeededRng crng(29), srng(30);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  Connection client(cfg.client);
  CHECK_FALSE(client.write(core::as_bytes("too early")).ok());
  Connection server(cfg.server);
  // A plaintext application_data record as the very first thing.
  core::Bytes rec = {23, 3, 3, 0, 2, 'h', 'i'};
  auto st = server.feed(rec);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == Alert::unexpected_message);
  auto out = server.take_output();
  REQUIRE(out.size() == 7);  // the alert record went out
  CHECK(out[0] == 21);
  CHECK(out[6] == static_cast<std::uint8_t>(Alert::unexpected_message));
}

TEST_CASE("handshake: bytes split at every position still give the same handshake") {
  crypto::SeededRng crng(31), srng(32);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  Connection client(cfg.client), server(cfg.server);
  REQUIRE(client.start().ok());
  // Feed everything one byte at a time in both directions.
  for (int round = 0; round < 20; ++round) {
    auto c = client.take_output();
    for (auto b : c) REQUIRE(server.feed(core::ByteView(&b, 1)).ok());
    auto s = server.take_output();
    for (auto b : s) REQUIRE(client.feed(core::ByteView(&b, 1)).ok());
    if (c.empty() && s.empty()) break;
  }
  CHECK(client.is_handshake_done());
  CHECK(server.is_handshake_done());
}

TEST_CASE("handshake: a client whose chain misses the requested CA names sends no certificate and says why") {
  auto other = test::make_pki(crypto::KeyType::ecdsa_p256, 503, "CN=Other CA");
  crypto::SeededRng crng(33), srng(34);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities = {test::identity_of(other.client, other.ca, "stranger")};
  auto r = run(cfg.client, cfg.server);
  REQUIRE(r.server.error());
  CHECK(r.server.error()->alert == Alert::certificate_required);
  CHECK(r.client.info().client_cert_choice.find("does not reach any CA the server named") !=
        std::string::npos);
  CHECK(r.client.info().ca_names_requested.size() == 1);
}

TEST_CASE("handshake: --send-cert always sends a chain the CA names do not cover; never sends none") {
  auto other = test::make_pki(crypto::KeyType::ecdsa_p256, 503, "CN=Other CA");
  for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    crypto::SeededRng crng(35), srng(36);
    auto cfg = test::mtls_configs(pki(), crng, srng);
    cfg.client.min_version = cfg.client.max_version = v;
    cfg.client.identities = {test::identity_of(other.client, other.ca, "stranger")};
    cfg.client.send_cert = handshake::ClientCertPolicy::always;
    auto r = run(cfg.client, cfg.server);
    INFO("server: " << why(r.server) << " / client: " << why(r.client));
    CHECK(r.client.info().client_cert_sent);
    auto& choice = r.client.info().client_cert_choice;
    CHECK(choice.find("by rule --send-cert always, although its chain does not reach") !=
          std::string::npos);
    // The server got the stranger's chain and refused it as unknown, not as missing.
    REQUIRE(r.server.error());
    CHECK(r.server.error()->alert == Alert::unknown_ca);

    crypto::SeededRng crng2(37), srng2(38);
    auto auto_cfg = test::mtls_configs(pki(), crng2, srng2);
    auto_cfg.client.min_version = auto_cfg.client.max_version = v;
    auto_cfg.client.identities = cfg.client.identities;
    auto ra = run(auto_cfg.client, auto_cfg.server);
    CHECK_FALSE(ra.client.info().client_cert_sent);
    CHECK(ra.client.info().client_cert_choice.find("curl and OpenSSL would send") !=
          std::string::npos);

    crypto::SeededRng crng3(39), srng3(40);
    auto never = test::mtls_configs(pki(), crng3, srng3);
    never.client.min_version = never.client.max_version = v;
    never.client.send_cert = handshake::ClientCertPolicy::never;
    auto rn = run(never.client, never.server);
    CHECK_FALSE(rn.client.info().client_cert_sent);
    CHECK(rn.client.info().client_cert_choice.find("rule --send-cert never") != std::string::npos);
    REQUIRE(rn.server.error());
    CHECK(rn.server.error()->reason.find("sent no certificate") != std::string::npos);
  }
}

TEST_CASE("handshake: ALPN is negotiated and reported on both sides in TLS 1.3 and TLS 1.2") {
  for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    crypto::SeededRng crng(1), srng(2);
    auto cfg = test::mtls_configs(pki(), crng, srng);
    cfg.client.min_version = cfg.client.max_version = v;
    cfg.client.alpn = {"h2", "http/1.1"};
    cfg.server.alpn = {"http/1.1"};
    auto r = run(cfg.client, cfg.server);
    INFO("server: " << why(r.server) << " / client: " << why(r.client));
    REQUIRE(r.client.is_handshake_done());
    CHECK(r.client.info().alpn == "http/1.1");
    CHECK(r.server.info().alpn == "http/1.1");
  }
}

TEST_CASE("handshake: an alert we send reaches the observer once") {
  struct Count : core::Observer {
    int sent = 0;
    void on_alert(core::Direction d, core::AlertLevel, Alert) override { sent += d == core::Direction::sent; }
  } count;
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities.clear();
  cfg.server.observer = &count;
  auto r = run(cfg.client, cfg.server);
  REQUIRE(r.server.error());
  CHECK(count.sent == 1);
}
