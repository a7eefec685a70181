// Connection's copy-free calls (output/consume_output, app_data/consume_app_data,
// read(span)) and the pooled system randomness a connection uses by default.
#include <doctest/doctest.h>

#include <random>

#include "engine_harness.hpp"

using namespace glass;
using handshake::Connection;
using core::Bytes;

namespace {

Bytes views_pattern(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

// Moves the client's output to the server in pieces of `piece` bytes, consuming
// each piece from the client's queue only after the server took it.
void views_send_in_pieces(Connection& from, Connection& to, std::size_t piece) {
  for (;;) {
    const core::ByteView out = from.output();
    if (out.empty()) return;
    const std::size_t n = std::min(piece, out.size());
    REQUIRE(to.feed(out.first(n)).ok());
    from.consume_output(n);
  }
}

}  // namespace

TEST_CASE("handshake: output()/app_data() views carry the same bytes as take_output()/read()") {
  test::MtlsSetup setup(crypto::KeyType::ed25519, 11);
  auto& cfg = setup.cfg;
  cfg.client.rng = nullptr;  // the connection's own pooled system randomness
  cfg.server.rng = nullptr;
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(client.is_handshake_done());
  REQUIRE(server.is_handshake_done());
  CHECK(client.info().peer_verified);
  CHECK(server.info().peer_verified);

  const Bytes data = views_pattern(40000, 1);
  REQUIRE(client.write(data).ok());
  REQUIRE(client.has_output());
  // Pieces that cut records anywhere: the reader keeps the unread tail.
  views_send_in_pieces(client, server, 777);
  CHECK(!client.has_output());
  const core::ByteView got = server.app_data();
  REQUIRE(got.size() == data.size());
  CHECK(Bytes(got.begin(), got.end()) == data);
  server.consume_app_data(1000);
  std::uint8_t buf[500];
  REQUIRE(server.read(std::span<std::uint8_t>(buf, sizeof buf)) == sizeof buf);
  CHECK(Bytes(buf, buf + sizeof buf) == Bytes(data.begin() + 1000, data.begin() + 1500));
  const Bytes rest = server.read();
  CHECK(rest == Bytes(data.begin() + 1500, data.end()));
  CHECK(!server.has_app_data());
  CHECK(server.read(std::span<std::uint8_t>(buf, sizeof buf)) == 0);

  // The other way, through the copying calls.
  REQUIRE(server.write(core::as_bytes("pong")).ok());
  REQUIRE(client.feed(server.take_output()).ok());
  CHECK(core::as_chars(client.read()) == "pong");
}

TEST_CASE("handshake: records held back by max_unread_app_data go through on consume_app_data") {
  test::MtlsSetup setup(crypto::KeyType::ed25519, 21);
  auto& cfg = setup.cfg;
  cfg.server.max_unread_app_data = 1000;
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(server.is_handshake_done());
  for (int i = 0; i < 3; ++i) REQUIRE(client.write(views_pattern(800, 100 + i)).ok());
  const core::ByteView out = client.output();
  REQUIRE(server.feed(out).ok());  // the tail is kept unparsed, copied on return
  client.consume_output(out.size());
  CHECK(server.app_data().size() == 1600);  // stopped at the cap
  CHECK(!server.wants_input());
  server.consume_app_data(1600);
  CHECK(server.app_data().size() == 800);
  CHECK(Bytes(server.app_data().begin(), server.app_data().end()) == views_pattern(800, 102));
  CHECK(server.wants_input());
}

TEST_CASE("crypto: PooledRng hands out its source's bytes in order") {
  // Whatever the request sizes, the pool passes the source's stream on in order.
  crypto::SeededRng a(5), b(5);
  crypto::PooledRng pa(a);
  Bytes via_pool;
  for (std::size_t n : {32u, 32u, 32u, 100u, 1u, 192u, 3u}) core::append(via_pool, pa.bytes(n));
  const Bytes straight = b.bytes(via_pool.size());
  CHECK(via_pool == straight);
}
