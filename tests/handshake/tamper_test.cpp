#include <doctest/doctest.h>

#include <algorithm>

#include "engine_harness.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/tamper.hpp"
#include "record/content_type.hpp"

using namespace glass;
using core::Alert;
using handshake::Connection;
using handshake::HandshakeType;
using handshake::ProtocolVersion;

// The deviation hook that `glasstls conform` builds on: each kind of tampering
// must reach the peer, and the peer must answer with the RFC's alert.

namespace {

const x509::TestPki& pki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ed25519, 900);
  return p;
}

struct Run {
  Connection client;
  Connection server;
};

Run run(handshake::Config c, handshake::Config s, handshake::Tamper* on_client,
        handshake::Tamper* on_server = nullptr) {
  c.tamper = on_client;
  s.tamper = on_server;
  Run r{Connection(c), Connection(s)};
  test::pump(r.client, r.server);
  return r;
}

std::string why(const Connection& c) { return c.error() ? c.error()->to_string() : c.state_name(); }

struct DuplicateExtension : handshake::Tamper {
  void shape(handshake::ClientHello& ch) override {
    auto& list = ch.extensions.raw_list();
    list.push_back(list.front());
  }
};

struct Drop : handshake::Tamper {
  HandshakeType type;
  explicit Drop(HandshakeType t) : type(t) {}
  bool outgoing(HandshakeType t, core::Bytes&) override { return t != type; }
};

struct FlipLastByte : handshake::Tamper {
  HandshakeType type;
  explicit FlipLastByte(HandshakeType t) : type(t) {}
  bool outgoing(HandshakeType t, core::Bytes& framed) override {
    if (t == type) framed.back() ^= 0x01;
    return true;
  }
};

struct DataAfter : handshake::Tamper {
  HandshakeType type;
  explicit DataAfter(HandshakeType t) : type(t) {}
  void after(HandshakeType t, record::RecordWriter& w) override {
    if (t == type) (void)w.write(record::ContentType::application_data, core::as_bytes("early"));
  }
};

struct ReorderAndPad : handshake::Tamper {
  std::size_t seen_extensions = 0;
  void shape(handshake::ClientHello& ch) override {
    auto& list = ch.extensions.raw_list();
    std::reverse(list.begin(), list.end());
    seen_extensions = list.size();
    handshake::Padding pad;
    pad.length = 100;
    ch.extensions.set(pad);
  }
};

}  // namespace

TEST_CASE("handshake: tamper shaping a ClientHello (reordered, padded) still completes") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  ReorderAndPad t;
  auto r = run(cfg.client, cfg.server, &t);
  INFO("server: " << why(r.server) << " / client: " << why(r.client));
  CHECK(t.seen_extensions > 3);
  CHECK(r.client.is_handshake_done());
  CHECK(r.server.is_handshake_done());
}

TEST_CASE("handshake: tamper duplicate extension in ClientHello is refused with illegal_parameter") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  DuplicateExtension t;
  auto r = run(cfg.client, cfg.server, &t);
  REQUIRE(r.server.error());
  CHECK(r.server.error()->alert == Alert::illegal_parameter);
  CHECK(r.server.error()->reason.find("duplicate") != std::string::npos);
  CHECK(r.client.error_from_peer());
}

TEST_CASE("handshake: tamper dropping the client Certificate makes CertificateVerify unexpected") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  Drop t(HandshakeType::certificate);
  auto r = run(cfg.client, cfg.server, &t);
  REQUIRE(r.server.error());
  INFO(why(r.server));
  CHECK(r.server.error()->alert == Alert::unexpected_message);
}

TEST_CASE("handshake: tamper wrong client Finished gets decrypt_error, wrong CertificateVerify too") {
  for (auto type : {HandshakeType::finished, HandshakeType::certificate_verify}) {
    for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
      crypto::SeededRng crng(1), srng(2);
      auto cfg = test::mtls_configs(pki(), crng, srng);
      cfg.client.min_version = cfg.client.max_version = v;
      FlipLastByte t(type);
      auto r = run(cfg.client, cfg.server, &t);
      INFO(handshake::message_name(type) << " " << static_cast<int>(v) << ": " << why(r.server));
      REQUIRE(r.server.error());
      CHECK(r.server.error()->alert == Alert::decrypt_error);
    }
  }
}

TEST_CASE("handshake: tamper application data before the client Finished is unexpected_message") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  DataAfter t(HandshakeType::certificate_verify);
  auto r = run(cfg.client, cfg.server, &t);
  REQUIRE(r.server.error());
  INFO(why(r.server));
  CHECK(r.server.error()->alert == Alert::unexpected_message);
}

TEST_CASE("handshake: tamper on the server side: a corrupted server Finished is decrypt_error at the client") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  FlipLastByte t(HandshakeType::finished);
  auto r = run(cfg.client, cfg.server, nullptr, &t);
  REQUIRE(r.client.error());
  CHECK(r.client.error()->alert == Alert::decrypt_error);
}
