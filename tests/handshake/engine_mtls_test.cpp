#include <doctest/doctest.h>

#include "engine_harness.hpp"
#include "handshake/types.hpp"

using namespace glass;
using handshake::CipherSuite;
using handshake::Connection;
using handshake::ProtocolVersion;

TEST_CASE("handshake: TLS 1.3 mutual TLS in memory, ECDSA P-256, X25519MLKEM768 (the default)") {
  auto pki = test::make_pki(crypto::KeyType::ecdsa_p256, 1);
  crypto::SeededRng crng(2), srng(3);
  auto cfg = test::mtls_configs(pki, crng, srng);
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  INFO("client: " << (client.error() ? client.error()->to_string() : "ok") << " state "
                  << client.state_name());
  INFO("server: " << (server.error() ? server.error()->to_string() : "ok") << " state "
                  << server.state_name());
  REQUIRE(client.is_handshake_done());
  REQUIRE(server.is_handshake_done());
  CHECK(client.info().version == ProtocolVersion::tls13);
  CHECK(client.info().cipher_suite == CipherSuite::TLS_AES_128_GCM_SHA256);
  CHECK(client.info().group == crypto::NamedGroup::X25519MLKEM768);
  CHECK(client.info().peer_verified);
  CHECK(server.info().peer_verified);
  CHECK(server.info().client_cert_sent);
  CHECK(client.info().client_cert_sent);
  CHECK(server.info().peer_chain.size() == 2);

  REQUIRE(client.write(core::as_bytes("ping")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(server.read()) == "ping");
  REQUIRE(server.write(core::as_bytes("pong")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(client.read()) == "pong");
}
