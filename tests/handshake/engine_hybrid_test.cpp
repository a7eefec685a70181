// X25519MLKEM768 in the engines: offered and preferred by default, HelloRetryRequest
// to it, never in TLS 1.2, and malformed hybrid shares refused with illegal_parameter
// (raw shares changed through the tamper hook).
#include <doctest/doctest.h>

#include "crypto/hybrid_kex.hpp"
#include "engine_harness.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/tamper.hpp"

using namespace glass;
using core::Alert;
using crypto::NamedGroup;
using handshake::Connection;
using handshake::ProtocolVersion;

namespace {

const x509::TestPki& hybrid_pki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ed25519, 2501);
  return p;
}

std::string hybrid_state(const Connection& c) {
  return c.error() ? c.error()->to_string() : c.state_name();
}

// Records the ClientHellos' key shares and supported groups as sent.
struct SeeClientHello : handshake::Tamper {
  std::vector<std::vector<handshake::KeyShareEntry>> shares;
  std::vector<NamedGroup> groups;
  std::size_t framed_size = 0;
  void shape(handshake::ClientHello& ch) override {
    auto ks = ch.extensions.get<handshake::KeyShareClientHello>();
    shares.push_back(ks && *ks ? (*ks)->client_shares : std::vector<handshake::KeyShareEntry>{});
    auto g = ch.extensions.get<handshake::SupportedGroups>();
    if (g && *g) groups = (*g)->groups;
  }
  bool outgoing(handshake::HandshakeType t, core::Bytes& framed) override {
    if (t == handshake::HandshakeType::client_hello) framed_size = framed.size();
    return true;
  }
};

// Rewrites the client's hybrid key share (and nothing else).
struct ChangeClientShare : handshake::Tamper {
  std::function<void(core::Bytes&)> change;
  void shape(handshake::ClientHello& ch) override {
    auto ks = ch.extensions.get<handshake::KeyShareClientHello>();
    if (!ks || !*ks) return;
    auto list = **ks;
    for (auto& e : list.client_shares)
      if (e.group == NamedGroup::X25519MLKEM768) change(e.key_exchange);
    ch.extensions.set(list);
  }
};

struct ChangeServerShare : handshake::Tamper {
  std::function<void(core::Bytes&)> change;
  void shape(handshake::ServerHello& sh) override {
    auto ks = sh.extensions.get<handshake::KeyShareServerHello>();
    if (!ks || !*ks) return;
    auto v = **ks;
    change(v.server_share.key_exchange);
    sh.extensions.set(v);
  }
};

struct HybridPair {
  Connection client, server;
};

HybridPair hybrid_run(handshake::Config c, handshake::Config s) {
  HybridPair p{Connection(c), Connection(s)};
  test::pump(p.client, p.server);
  return p;
}

}  // namespace

TEST_CASE("handshake: by default the client offers X25519MLKEM768 + x25519 shares and the hybrid wins") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
  SeeClientHello see;
  cfg.client.tamper = &see;
  // A small record size: the 1.5 KB ClientHello then spans several records.
  cfg.client.max_fragment = 512;
  auto p = hybrid_run(cfg.client, cfg.server);
  INFO("client: " << hybrid_state(p.client) << " / server: " << hybrid_state(p.server));
  REQUIRE(p.client.is_handshake_done());
  REQUIRE(p.server.is_handshake_done());
  CHECK(p.client.info().group == NamedGroup::X25519MLKEM768);
  CHECK(p.server.info().group == NamedGroup::X25519MLKEM768);
  CHECK(!p.client.info().hello_retry_request);
  REQUIRE(see.shares.size() == 1);
  REQUIRE(see.shares[0].size() == 2);
  CHECK(see.shares[0][0].group == NamedGroup::X25519MLKEM768);
  CHECK(see.shares[0][0].key_exchange.size() == 1216);
  CHECK(see.shares[0][1].group == NamedGroup::x25519);
  CHECK(see.shares[0][1].key_exchange.size() == 32);
  REQUIRE(!see.groups.empty());
  CHECK(see.groups.front() == NamedGroup::X25519MLKEM768);
  CHECK(see.framed_size > 1300);
  REQUIRE(p.client.write(core::as_bytes("pq")).ok());
  test::pump(p.client, p.server);
  CHECK(core::as_chars(p.server.read()) == "pq");
}

TEST_CASE("handshake: a server without the hybrid picks the client's x25519 share, no HelloRetryRequest") {
  crypto::SeededRng crng(3), srng(4);
  auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
  cfg.server.groups = {NamedGroup::x25519, NamedGroup::secp256r1};
  auto p = hybrid_run(cfg.client, cfg.server);
  REQUIRE(p.client.is_handshake_done());
  CHECK(p.client.info().group == NamedGroup::x25519);
  CHECK(!p.client.info().hello_retry_request);
}

TEST_CASE("handshake: hybrid listed first but only an x25519 share sent: HelloRetryRequest to the hybrid") {
  crypto::SeededRng crng(5), srng(6);
  auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
  cfg.client.key_share_groups = {NamedGroup::x25519};
  SeeClientHello see;
  cfg.client.tamper = &see;
  auto p = hybrid_run(cfg.client, cfg.server);
  INFO("client: " << hybrid_state(p.client) << " / server: " << hybrid_state(p.server));
  REQUIRE(p.client.is_handshake_done());
  CHECK(p.client.info().hello_retry_request);
  CHECK(p.server.info().hello_retry_request);
  CHECK(p.client.info().group == NamedGroup::X25519MLKEM768);
  REQUIRE(see.shares.size() == 2);
  REQUIRE(see.shares[1].size() == 1);
  CHECK(see.shares[1][0].group == NamedGroup::X25519MLKEM768);

  // The client ranks x25519 above the hybrid: its x25519 share is used as it is.
  crypto::SeededRng crng2(7), srng2(8);
  auto cfg2 = test::mtls_configs(hybrid_pki(), crng2, srng2);
  cfg2.client.groups = {NamedGroup::x25519, NamedGroup::X25519MLKEM768};
  auto q = hybrid_run(cfg2.client, cfg2.server);
  REQUIRE(q.client.is_handshake_done());
  CHECK(!q.client.info().hello_retry_request);
  CHECK(q.client.info().group == NamedGroup::x25519);

  // Only the hybrid offered, with no share at all: HelloRetryRequest too.
  crypto::SeededRng crng3(9), srng3(10);
  auto cfg3 = test::mtls_configs(hybrid_pki(), crng3, srng3);
  cfg3.client.groups = {NamedGroup::X25519MLKEM768, NamedGroup::secp256r1};
  cfg3.client.key_share_groups = {NamedGroup::secp256r1};
  auto r = hybrid_run(cfg3.client, cfg3.server);
  REQUIRE(r.client.is_handshake_done());
  CHECK(r.client.info().hello_retry_request);
  CHECK(r.client.info().group == NamedGroup::X25519MLKEM768);
}

TEST_CASE("handshake: the hybrid is never negotiated in TLS 1.2") {
  crypto::SeededRng crng(11), srng(12);
  auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
  cfg.server.max_version = ProtocolVersion::tls12;
  auto p = hybrid_run(cfg.client, cfg.server);
  INFO("client: " << hybrid_state(p.client) << " / server: " << hybrid_state(p.server));
  REQUIRE(p.client.is_handshake_done());
  CHECK(p.client.info().version == ProtocolVersion::tls12);
  CHECK(p.client.info().group == NamedGroup::x25519);
  // A server configured with the hybrid alone has no TLS 1.2 group to offer.
  crypto::SeededRng crng2(13), srng2(14);
  auto cfg2 = test::mtls_configs(hybrid_pki(), crng2, srng2);
  cfg2.server.max_version = ProtocolVersion::tls12;
  cfg2.server.groups = {NamedGroup::X25519MLKEM768};
  auto q = hybrid_run(cfg2.client, cfg2.server);
  REQUIRE(q.server.error());
  CHECK(q.server.error()->alert == Alert::handshake_failure);
}

TEST_CASE("handshake: malformed hybrid client shares are illegal_parameter at the server") {
  struct Case {
    const char* name;
    std::function<void(core::Bytes&)> change;
    const char* words;
  };
  const Case cases[] = {
      {"one byte short", [](core::Bytes& b) { b.pop_back(); }, "1215 bytes, expected 1216"},
      {"one byte long", [](core::Bytes& b) { b.push_back(0); }, "1217 bytes, expected 1216"},
      {"modulus check", [](core::Bytes& b) { b[0] = 0xff; b[1] |= 0x0f; }, "modulus check"},
      {"all-zero X25519 half", [](core::Bytes& b) { std::fill(b.begin() + 1184, b.end(), 0); },
       "all zeros"},
  };
  for (const auto& k : cases) {
    INFO(k.name);
    crypto::SeededRng crng(15), srng(16);
    auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
    ChangeClientShare t;
    t.change = k.change;
    cfg.client.tamper = &t;
    auto p = hybrid_run(cfg.client, cfg.server);
    REQUIRE(p.server.error());
    CHECK(p.server.error()->alert == Alert::illegal_parameter);
    CHECK_MESSAGE(p.server.error()->reason.find(k.words) != std::string::npos,
                  p.server.error()->reason);
    CHECK(p.client.error_from_peer());
  }
}

TEST_CASE("handshake: malformed hybrid server shares are illegal_parameter at the client") {
  struct Case {
    const char* name;
    std::function<void(core::Bytes&)> change;
    const char* words;
  };
  const Case cases[] = {
      {"ciphertext alone", [](core::Bytes& b) { b.resize(1088); }, "must be 1120 bytes"},
      {"one byte long", [](core::Bytes& b) { b.push_back(1); }, "must be 1120 bytes"},
      {"all-zero X25519 half", [](core::Bytes& b) { std::fill(b.begin() + 1088, b.end(), 0); },
       "all zeros"},
  };
  for (const auto& k : cases) {
    INFO(k.name);
    crypto::SeededRng crng(17), srng(18);
    auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
    ChangeServerShare t;
    t.change = k.change;
    cfg.server.tamper = &t;
    auto p = hybrid_run(cfg.client, cfg.server);
    REQUIRE(p.client.error());
    CHECK(p.client.error()->alert == Alert::illegal_parameter);
    CHECK_MESSAGE(p.client.error()->reason.find(k.words) != std::string::npos,
                  p.client.error()->reason);
  }
  // A modified ciphertext of the right length is implicit rejection: different
  // secrets, so the first encrypted record fails (bad_record_mac), not a crash.
  crypto::SeededRng crng(19), srng(20);
  auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
  ChangeServerShare t;
  t.change = [](core::Bytes& b) { b[100] ^= 0x10; };
  cfg.server.tamper = &t;
  auto p = hybrid_run(cfg.client, cfg.server);
  REQUIRE(p.client.error());
  CHECK(p.client.error()->alert == Alert::bad_record_mac);
}

TEST_CASE("handshake: a TLS 1.2 ServerKeyExchange naming X25519MLKEM768 is illegal_parameter") {
  // The server's ServerKeyExchange rewritten on the wire: namedcurve = 0x11ec.
  struct HybridCurve : handshake::Tamper {
    bool outgoing(handshake::HandshakeType t, core::Bytes& framed) override {
      if (t == handshake::HandshakeType::server_key_exchange && framed.size() > 7) {
        framed[5] = 0x11;  // after the 4-byte header and curve_type
        framed[6] = 0xec;
      }
      return true;
    }
  };
  crypto::SeededRng crng(21), srng(22);
  auto cfg = test::mtls_configs(hybrid_pki(), crng, srng);
  cfg.server.max_version = ProtocolVersion::tls12;
  HybridCurve t;
  cfg.server.tamper = &t;
  auto p = hybrid_run(cfg.client, cfg.server);
  REQUIRE(p.client.error());
  CHECK(p.client.error()->alert == Alert::illegal_parameter);
  CHECK_MESSAGE(p.client.error()->reason.find("TLS 1.3-only group") != std::string::npos,
                p.client.error()->reason);
}
