// After the handshake, against a scripted TLS 1.3 client writing raw records:
// KeyUpdate replies and floods, warning-alert floods, close_notify in both
// directions, back-pressure on unread application data, and a post-handshake
// CertificateRequest the client never agreed to.
#include <doctest/doctest.h>

#include "engine_harness.hpp"
#include "record/content_type.hpp"
#include "scripted_peer.hpp"

using namespace glass;
using core::Alert;
using core::Direction;
using handshake::ClientAuthMode;
using handshake::Connection;
using handshake::ConnectionStatus;
using handshake::HandshakeType;
using record::ContentType;

namespace {

const x509::TestPki& limits_pki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ed25519, 4100);
  return p;
}

// A TLS 1.3 connection whose client side is then played by a RawWriter13.
struct Scripted {
  crypto::SeededRng crng{41}, srng{42};
  test::Recorder client_log, server_log;
  std::optional<Connection> client, server;
  std::optional<test::RawWriter13> raw;

  explicit Scripted(std::function<void(test::Peers&)> adjust = {}) {
    auto cfg = test::mtls_configs(limits_pki(), crng, srng);
    cfg.client.observer = &client_log;
    cfg.server.observer = &server_log;
    if (adjust) adjust(cfg);
    client.emplace(cfg.client);
    server.emplace(cfg.server);
    test::pump(*client, *server);
    REQUIRE(server->is_handshake_done());
    REQUIRE(client->is_handshake_done());
    raw.emplace(client->info(), client_log.secrets.at("client_application_traffic_secret_0"));
  }
  int server_key_updates() const {
    return server_log.count(Direction::sent, HandshakeType::key_update);
  }
};

std::string why(const Connection& c) { return c.error() ? c.error()->to_string() : c.state_name(); }

}  // namespace

TEST_CASE("handshake: several update_requested while we are silent get one KeyUpdate (RFC 8446 4.6.3)") {
  Scripted s;
  auto& server = *s.server;
  // Three requests in one flight, then two more in another: still one reply,
  // because we have sent no application data since it.
  REQUIRE(server.feed(core::concat({s.raw->key_update(true), s.raw->key_update(true),
                                    s.raw->key_update(true)}))
              .ok());
  REQUIRE(server.feed(core::concat({s.raw->key_update(true), s.raw->key_update(true)})).ok());
  CHECK(s.server_key_updates() == 1);
  // The read keys moved five times: data under the newest keys still reads.
  REQUIRE(server.feed(s.raw->app_data("after five updates")).ok());
  CHECK(core::as_chars(server.read()) == "after five updates");
  // Once we have sent data, the next request is answered again.
  REQUIRE(server.write(core::as_bytes("reply")).ok());
  REQUIRE(server.feed(s.raw->key_update(true)).ok());
  CHECK(s.server_key_updates() == 2);
  // update_not_requested is never answered.
  REQUIRE(server.write(core::as_bytes("more")).ok());
  REQUIRE(server.feed(s.raw->key_update(false)).ok());
  CHECK(s.server_key_updates() == 2);
  CHECK_FALSE(server.error());

  // The server's own output is still readable by a real client (it took the
  // replies and the data in order). The real client never wrote after the handshake.
  auto out = server.take_output();
  REQUIRE(s.client->feed(out).ok());
  CHECK(core::as_chars(s.client->read()) == "replymore");
}

TEST_CASE("handshake: a flood of KeyUpdates without application data is cut off") {
  Scripted s;
  auto& server = *s.server;
  core::Bytes flood;
  for (unsigned i = 0; i < Connection::max_key_updates_in_a_row; ++i)
    core::append(flood, s.raw->key_update(false));
  REQUIRE(server.feed(flood).ok());
  // Application data resets the count.
  REQUIRE(server.feed(s.raw->app_data("x")).ok());
  flood.clear();
  for (unsigned i = 0; i < Connection::max_key_updates_in_a_row; ++i)
    core::append(flood, s.raw->key_update(false));
  REQUIRE(server.feed(flood).ok());
  auto st = server.feed(s.raw->key_update(false));
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == Alert::unexpected_message);
  CHECK(st.error().reason.find("KeyUpdate messages without application data") != std::string::npos);
  CHECK(server.status() == ConnectionStatus::failed);
}

TEST_CASE("handshake: a flood of warning alerts without application data is cut off") {
  Scripted s;
  auto& server = *s.server;
  // user_canceled is the one TLS 1.3 alert that is not fatal.
  for (unsigned i = 0; i < Connection::max_warning_alerts_in_a_row; ++i)
    REQUIRE(server.feed(s.raw->alert(1, Alert::user_canceled)).ok());
  REQUIRE(server.feed(s.raw->app_data("y")).ok());
  for (unsigned i = 0; i < Connection::max_warning_alerts_in_a_row; ++i)
    REQUIRE(server.feed(s.raw->alert(1, Alert::user_canceled)).ok());
  auto st = server.feed(s.raw->alert(1, Alert::user_canceled));
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == Alert::unexpected_message);
  CHECK(st.error().reason.find("warning alerts") != std::string::npos);
}

TEST_CASE("handshake: records after the peer's close_notify are ignored, not answered") {
  Scripted s;
  auto& server = *s.server;
  REQUIRE(server.feed(core::concat({s.raw->app_data("last words"),
                                    s.raw->alert(1, Alert::close_notify),
                                    s.raw->app_data("too late")}))
              .ok());
  // Even bytes that are not TLS at all.
  REQUIRE(server.feed(core::as_bytes("garbage after the end")).ok());
  REQUIRE(server.feed(s.raw->key_update(true)).ok());
  CHECK(server.peer_closed());
  CHECK_FALSE(server.error());
  CHECK(core::as_chars(server.read()) == "last words");
  CHECK_FALSE(server.has_output());
  CHECK(s.server_key_updates() == 0);
  CHECK_FALSE(server.wants_input());
}

TEST_CASE("handshake: after our close_notify we answer neither KeyUpdate nor CertificateRequest") {
  SUBCASE("server: no KeyUpdate reply") {
    Scripted s;
    auto& server = *s.server;
    server.close();
    auto closing = server.take_output();
    CHECK_FALSE(closing.empty());
    REQUIRE(server.feed(core::concat({s.raw->key_update(true), s.raw->app_data("still talking")}))
                .ok());
    CHECK(s.server_key_updates() == 0);
    CHECK_FALSE(server.has_output());
    CHECK(core::as_chars(server.read()) == "still talking");  // half-closed: we still read
    CHECK_FALSE(server.error());
    // Not even a fatal alert goes out after close_notify.
    REQUIRE_FALSE(server.feed(s.raw->record(static_cast<ContentType>(0), {}, 4)).ok());
    CHECK(server.error());
    CHECK_FALSE(server.has_output());
  }
  SUBCASE("client: no Certificate to a post-handshake CertificateRequest") {
    Scripted s([](test::Peers& p) { p.server.client_auth = ClientAuthMode::none; });
    auto& client = *s.client;
    auto& server = *s.server;
    client.close();
    (void)client.take_output();  // the close_notify; the server need not see it first
    REQUIRE(server.request_client_certificate().ok());
    REQUIRE(client.feed(server.take_output()).ok());
    CHECK_FALSE(client.error());
    CHECK_FALSE(client.has_output());
    CHECK(s.client_log.count(Direction::sent, HandshakeType::certificate) == 0);
    CHECK(server.post_handshake_auth_pending());
  }
}

TEST_CASE("handshake: unread application data past the cap holds records back (back-pressure)") {
  constexpr std::size_t cap = 64 * 1024;
  Scripted s([](test::Peers& p) { p.server.max_unread_app_data = cap; });
  auto& server = *s.server;
  std::string expected;
  core::Bytes wire;
  for (int i = 0; i < 20; ++i) {
    std::string chunk(16384, static_cast<char>('a' + i));
    expected += chunk;
    core::append(wire, s.raw->app_data(chunk));
  }
  // A caller that honours wants_input() stops feeding at the cap.
  std::size_t fed = 0;
  while (fed < wire.size() && server.wants_input()) {
    const std::size_t n = std::min<std::size_t>(4096, wire.size() - fed);
    REQUIRE(server.feed(core::ByteView(wire.data() + fed, n)).ok());
    fed += n;
  }
  CHECK_FALSE(server.wants_input());
  CHECK(fed < wire.size());
  CHECK(server.has_app_data());
  // Reading lets the held-back records through, and the caller may feed again.
  std::string got;
  while (got.size() < expected.size()) {
    auto part = server.read();
    got += core::as_chars(part);
    while (fed < wire.size() && server.wants_input()) {
      const std::size_t n = std::min<std::size_t>(4096, wire.size() - fed);
      REQUIRE(server.feed(core::ByteView(wire.data() + fed, n)).ok());
      fed += n;
    }
    if (part.empty() && !server.has_app_data()) break;
  }
  CHECK(got == expected);
  CHECK_FALSE(server.error());
  CHECK(server.wants_input());
}

TEST_CASE("handshake: feeding past the back-pressure cap fails instead of growing") {
  constexpr std::size_t cap = 32 * 1024;
  Scripted s([](test::Peers& p) { p.server.max_unread_app_data = cap; });
  auto& server = *s.server;
  core::Bytes wire;
  for (int i = 0; i < 8; ++i) core::append(wire, s.raw->app_data(std::string(16384, 'z')));
  auto st = server.feed(core::ByteView(wire.data(), 3 * 16384));
  REQUIRE(st.ok());
  CHECK_FALSE(server.wants_input());
  st = server.feed(core::ByteView(wire.data() + 3 * 16384, wire.size() - 3 * 16384));
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == Alert::internal_error);
  CHECK(st.error().reason.find("stopped reading") != std::string::npos);
}

TEST_CASE("handshake: asking for a post-handshake certificate the client never offered is refused locally") {
  Scripted s([](test::Peers& p) {
    p.server.client_auth = ClientAuthMode::none;
    p.client.offer_post_handshake_auth = false;
  });
  auto& server = *s.server;
  (void)server.take_output();
  auto st = server.request_client_certificate();
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().reason.find("did not offer post_handshake_auth") != std::string::npos);
  INFO(why(server));
  CHECK_FALSE(server.error());
  CHECK(server.status() == ConnectionStatus::connected);
  CHECK_FALSE(server.has_output());  // no alert went out
  CHECK_FALSE(server.post_handshake_auth_pending());
  REQUIRE(server.feed(s.raw->app_data("still here")).ok());
  CHECK(core::as_chars(server.read()) == "still here");
  REQUIRE(server.write(core::as_bytes("and so are we")).ok());
}

TEST_CASE("handshake: post-handshake authentication on a TLS 1.2 connection is refused locally") {
  crypto::SeededRng crng(43), srng(44);
  auto cfg = test::mtls_configs(limits_pki(), crng, srng);
  cfg.client.max_version = handshake::ProtocolVersion::tls12;
  cfg.server.client_auth = ClientAuthMode::none;
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(server.is_handshake_done());
  auto st = server.request_client_certificate();
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().reason.find("TLS 1.3 only") != std::string::npos);
  CHECK_FALSE(server.error());
  REQUIRE(server.write(core::as_bytes("fine")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(client.read()) == "fine");
}

TEST_CASE("handshake: zero-length TLS 1.3 application data records are valid, all-zero inner plaintext is not") {
  Scripted s;
  auto& server = *s.server;
  REQUIRE(server.feed(core::concat({s.raw->record(ContentType::application_data, {}),
                                    s.raw->record(ContentType::application_data, {}, 100),
                                    s.raw->app_data("z")}))
              .ok());
  CHECK(core::as_chars(server.read()) == "z");
  CHECK_FALSE(server.error());
  // RFC 8446 5.4: no non-zero octet means no content type.
  auto st = server.feed(s.raw->record(static_cast<ContentType>(0), {}, 10));
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == Alert::unexpected_message);
  CHECK(st.error().reason.find("all zeros") != std::string::npos);
}
