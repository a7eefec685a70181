#include <doctest/doctest.h>

#include <map>

#include "engine_harness.hpp"
#include "handshake/types.hpp"

using namespace glass;
using handshake::CipherSuite;
using handshake::ClientAuthMode;
using handshake::Connection;
using handshake::ProtocolVersion;

namespace {

// One PKI per key type for the whole run (RSA key generation is slow).
const x509::TestPki& pki_for(crypto::KeyType t) {
  static std::map<crypto::KeyType, x509::TestPki> cache;
  auto it = cache.find(t);
  if (it == cache.end()) it = cache.emplace(t, test::make_pki(t, 100 + static_cast<int>(t))).first;
  return it->second;
}

struct Outcome {
  bool ok;
  std::string why;
};

Outcome run_pair(handshake::Config c, handshake::Config s) {
  Connection client(std::move(c)), server(std::move(s));
  test::pump(client, server);
  if (!client.is_handshake_done() || !server.is_handshake_done())
    return {false, "client: " + (client.error() ? client.error()->to_string() : client.state_name()) +
                       " / server: " +
                       (server.error() ? server.error()->to_string() : server.state_name())};
  if (!client.write(core::as_bytes("hello over TLS")).ok()) return {false, "client write"};
  test::pump(client, server);
  if (core::as_chars(server.read()) != "hello over TLS") return {false, "server read"};
  if (!server.write(core::as_bytes("and back")).ok()) return {false, "server write"};
  test::pump(client, server);
  if (core::as_chars(client.read()) != "and back") return {false, "client read"};
  if (client.info().cipher_suite != server.info().cipher_suite) return {false, "suite mismatch"};
  return {true, ""};
}

}  // namespace

TEST_CASE("handshake: every suite x group x key type completes, with and without client certificates") {
  const crypto::KeyType keys[] = {crypto::KeyType::ecdsa_p256, crypto::KeyType::ed25519,
                                  crypto::KeyType::rsa};
  const CipherSuite suites13[] = {CipherSuite::TLS_AES_128_GCM_SHA256,
                                  CipherSuite::TLS_AES_256_GCM_SHA384,
                                  CipherSuite::TLS_CHACHA20_POLY1305_SHA256};
  const crypto::NamedGroup groups[] = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp256r1,
                                       crypto::NamedGroup::secp384r1};
  int cases = 0;
  for (auto key : keys) {
    const auto& pki = pki_for(key);
    bool ecdsa_like = key != crypto::KeyType::rsa;
    const CipherSuite suites12[] = {
        ecdsa_like ? CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                   : CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ecdsa_like ? CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                   : CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ecdsa_like ? CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                   : CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
    for (int version = 12; version <= 13; ++version) {
      for (int si = 0; si < 3; ++si) {
        for (auto group : groups) {
          for (auto mode : {ClientAuthMode::none, ClientAuthMode::require}) {
            crypto::SeededRng crng(cases), srng(cases + 1000);
            auto cfg = test::mtls_configs(pki, crng, srng);
            auto suite = version == 13 ? suites13[si] : suites12[si];
            cfg.client.cipher_suites = {suite};
            cfg.client.groups = {group};
            auto v = version == 13 ? ProtocolVersion::tls13 : ProtocolVersion::tls12;
            cfg.client.min_version = cfg.client.max_version = v;
            cfg.server.client_auth = mode;
            if (mode == ClientAuthMode::none) cfg.client.identities.clear();
            auto out = run_pair(cfg.client, cfg.server);
            INFO(crypto::key_type_name(key) << " " << handshake::name_of(suite) << " "
                                            << crypto::name_of(group) << " client auth "
                                            << handshake::name_of(mode) << ": " << out.why);
            CHECK(out.ok);
            ++cases;
          }
        }
      }
    }
  }
  CHECK(cases == 108);
}

TEST_CASE("handshake: a TLS 1.2-only server gets TLS 1.2 from a dual-version client, with EMS") {
  const auto& pki = pki_for(crypto::KeyType::ecdsa_p256);
  crypto::SeededRng crng(7), srng(8);
  auto cfg = test::mtls_configs(pki, crng, srng);
  cfg.server.max_version = ProtocolVersion::tls12;
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(client.is_handshake_done());
  CHECK(client.info().version == ProtocolVersion::tls12);
  CHECK(client.info().extended_master_secret);
  CHECK(server.info().client_cert_sent);
  CHECK(server.info().peer_verified);
}

TEST_CASE("handshake: HelloRetryRequest when the client's key share is not the server's choice") {
  const auto& pki = pki_for(crypto::KeyType::ecdsa_p256);
  crypto::SeededRng crng(9), srng(10);
  auto cfg = test::mtls_configs(pki, crng, srng);
  cfg.client.groups = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp384r1};
  cfg.server.groups = {crypto::NamedGroup::secp384r1};
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  INFO("client: " << (client.error() ? client.error()->to_string() : client.state_name()));
  INFO("server: " << (server.error() ? server.error()->to_string() : server.state_name()));
  REQUIRE(client.is_handshake_done());
  REQUIRE(server.is_handshake_done());
  CHECK(client.info().hello_retry_request);
  CHECK(server.info().hello_retry_request);
  CHECK(client.info().group == crypto::NamedGroup::secp384r1);
}

TEST_CASE("handshake: KeyUpdate in both directions, with update_requested") {
  const auto& pki = pki_for(crypto::KeyType::ed25519);
  crypto::SeededRng crng(11), srng(12);
  auto cfg = test::mtls_configs(pki, crng, srng);
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(client.is_handshake_done());
  REQUIRE(client.key_update(true).ok());  // the server must answer with its own update
  REQUIRE(client.write(core::as_bytes("after update")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(server.read()) == "after update");
  REQUIRE(server.write(core::as_bytes("server after update")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(client.read()) == "server after update");
  REQUIRE(server.key_update(false).ok());
  REQUIRE(server.write(core::as_bytes("again")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(client.read()) == "again");
  CHECK_FALSE(client.error());
  CHECK_FALSE(server.error());
}

TEST_CASE("handshake: post-handshake client authentication (RFC 8446 4.6.2)") {
  const auto& pki = pki_for(crypto::KeyType::ecdsa_p256);
  crypto::SeededRng crng(13), srng(14);
  auto cfg = test::mtls_configs(pki, crng, srng);
  cfg.server.client_auth = ClientAuthMode::none;
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(server.is_handshake_done());
  CHECK_FALSE(server.info().client_cert_sent);
  REQUIRE(server.request_client_certificate().ok());
  test::pump(client, server);
  CHECK_FALSE(server.error());
  CHECK_FALSE(client.error());
  CHECK(server.info().client_cert_sent);
  CHECK(server.info().peer_verified);
  REQUIRE(client.write(core::as_bytes("authenticated now")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(server.read()) == "authenticated now");
}

TEST_CASE("handshake: close_notify ends the connection cleanly") {
  const auto& pki = pki_for(crypto::KeyType::ed25519);
  crypto::SeededRng crng(15), srng(16);
  auto cfg = test::mtls_configs(pki, crng, srng);
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(client.is_handshake_done());
  client.close();
  test::pump(client, server);
  CHECK(server.peer_closed());
  CHECK_FALSE(server.error());
  CHECK_FALSE(client.write(core::as_bytes("x")).ok());
}
