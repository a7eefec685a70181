// The default suite order follows this CPU's speed: AES-GCM first when it runs on
// AES-NI, ChaCha20-Poly1305 first otherwise (the ctest handshake_suite_fallback runs
// these cases with the crypto fallback forced, i.e. as on a CPU without AES-NI).
// The server picks by its own order among what the client offers.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/aead.hpp"
#include "engine_harness.hpp"
#include "handshake/types.hpp"

using namespace glass;
using handshake::CipherSuite;
using handshake::Connection;
using handshake::ProtocolVersion;

namespace {

std::ptrdiff_t pos(const std::vector<CipherSuite>& v, CipherSuite s) {
  return std::find(v.begin(), v.end(), s) - v.begin();
}

}  // namespace

TEST_CASE("handshake: suite preference: default order puts the faster AEAD first") {
  const auto d = handshake::Config::default_cipher_suites();
  REQUIRE(d.size() == 9);
  const bool aes_first = crypto::aes_gcm_is_fast();
  MESSAGE("AES-GCM accelerated: " << aes_first << "; first suite " << handshake::name_of(d[0]));
  CHECK(d[0] == (aes_first ? CipherSuite::TLS_AES_128_GCM_SHA256
                           : CipherSuite::TLS_CHACHA20_POLY1305_SHA256));
  // TLS 1.3 and TLS 1.2 alike.
  CHECK((pos(d, CipherSuite::TLS_AES_128_GCM_SHA256) <
         pos(d, CipherSuite::TLS_CHACHA20_POLY1305_SHA256)) == aes_first);
  CHECK((pos(d, CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256) <
         pos(d, CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)) == aes_first);
  CHECK((pos(d, CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) <
         pos(d, CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)) == aes_first);
  CHECK(handshake::Config::default_cipher_suites(true)[0] == CipherSuite::TLS_AES_128_GCM_SHA256);
  CHECK(handshake::Config::default_cipher_suites(false)[0] ==
        CipherSuite::TLS_CHACHA20_POLY1305_SHA256);
  // Every suite still offered, each once.
  auto sorted = d;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("handshake: suite preference: the server picks its fastest among the client's offer") {
  auto pki = test::make_pki(crypto::KeyType::ecdsa_p256, 77);
  const bool aes_first = crypto::aes_gcm_is_fast();
  for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    crypto::SeededRng crng(1), srng(2);
    auto cfg = test::mtls_configs(pki, crng, srng);
    const bool t13 = v == ProtocolVersion::tls13;
    // The client prefers the slower one; the server's default order decides.
    const auto aes = t13 ? CipherSuite::TLS_AES_128_GCM_SHA256
                         : CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    const auto chacha = t13 ? CipherSuite::TLS_CHACHA20_POLY1305_SHA256
                            : CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;
    cfg.client.cipher_suites = aes_first ? std::vector{chacha, aes} : std::vector{aes, chacha};
    cfg.server.cipher_suites = handshake::Config::default_cipher_suites();
    cfg.client.min_version = cfg.client.max_version = v;
    Connection client(cfg.client), server(cfg.server);
    test::pump(client, server);
    REQUIRE(client.is_handshake_done());
    CHECK(server.info().cipher_suite == (aes_first ? aes : chacha));
    // Configurable: a server told to prefer the other one gets it.
    crypto::SeededRng crng2(3), srng2(4);
    auto cfg2 = test::mtls_configs(pki, crng2, srng2);
    cfg2.client.cipher_suites = {aes, chacha};
    cfg2.client.min_version = cfg2.client.max_version = v;
    cfg2.server.cipher_suites = aes_first ? std::vector{chacha, aes} : std::vector{aes, chacha};
    Connection client2(cfg2.client), server2(cfg2.server);
    test::pump(client2, server2);
    REQUIRE(client2.is_handshake_done());
    CHECK(server2.info().cipher_suite == (aes_first ? chacha : aes));
  }
}
