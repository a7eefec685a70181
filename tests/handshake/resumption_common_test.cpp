// Resumption rules TLS 1.3 tickets and TLS 1.2 RFC 5077 tickets share, each case run
// once per version on the same fixture as resumption_test.cpp / resumption12_test.cpp.
#include <doctest/doctest.h>

#include "resumption_fixture.hpp"

using namespace glass;
using handshake::ClientAuthMode;
using handshake::ProtocolVersion;

namespace {

// The version a subcase picked; the seeds are those of the per-version suites.
std::uint64_t seed_for(ProtocolVersion v) { return v == ProtocolVersion::tls13 ? 41 : 51; }

}  // namespace

TEST_CASE("resumption, TLS 1.3 and 1.2: a tampered ticket falls back to a full handshake") {
  auto v = ProtocolVersion::tls13;
  SUBCASE("TLS 1.3") {}
  SUBCASE("TLS 1.2") { v = ProtocolVersion::tls12; }
  test::ResumptionSetup s(seed_for(v), v);
  s.run();
  auto sess = s.cache->take(handshake::session_key("localhost", {}), s.client_clock);
  REQUIRE(sess);
  s.clear_cache();
  // Any byte of the sealed part: the client identity inside cannot be changed.
  for (std::size_t at : {std::size_t{2}, std::size_t{20}, sess->ticket.size() / 2, sess->ticket.size() - 1}) {
    auto bad = *sess;
    bad.ticket[at] ^= 0x40;
    s.cache->add(bad);
    auto p = s.run();
    CHECK(p.client.info().version == v);
    CHECK(p.client.info().psk_offered);
    CHECK_FALSE(p.client.info().resumed);
    CHECK_FALSE(p.server.info().resumed);
    CHECK(p.server.info().client_cert_sent);  // authenticated afresh
    CHECK(p.client.info().tickets_received == (v == ProtocolVersion::tls13 ? 2u : 1u));
    s.clear_cache();
  }
}

TEST_CASE("resumption, TLS 1.3 and 1.2: a server requiring client certificates refuses a ticket without an identity") {
  auto v = ProtocolVersion::tls13;
  SUBCASE("TLS 1.3") {}
  SUBCASE("TLS 1.2") { v = ProtocolVersion::tls12; }
  test::ResumptionSetup s(seed_for(v), v);
  s.cfg.server.client_auth = ClientAuthMode::none;
  s.run();  // tickets that carry no client identity
  s.cfg.server.client_auth = ClientAuthMode::request;
  auto lenient = s.run();
  CHECK(lenient.client.info().version == v);
  CHECK(lenient.server.info().resumed);
  CHECK(lenient.server.info().resumed_client_subject.empty());
  CHECK_FALSE(lenient.server.info().peer_verified);
  s.cfg.server.client_auth = ClientAuthMode::require;
  auto strict = s.run();
  CHECK_FALSE(strict.server.info().resumed);
  CHECK_FALSE(strict.client.info().resumed);
  CHECK(strict.server.info().client_cert_sent);
  CHECK(strict.server.info().peer_verified);
}

TEST_CASE("resumption, TLS 1.3 and 1.2: --tickets 0 issues none; no cache asks for none") {
  auto v = ProtocolVersion::tls13;
  SUBCASE("TLS 1.3") {}
  SUBCASE("TLS 1.2") { v = ProtocolVersion::tls12; }
  test::ResumptionSetup s(seed_for(v), v);
  s.cfg.server.tickets_per_handshake = 0;
  auto p = s.run();
  CHECK(p.client.info().version == v);
  CHECK(p.server.info().tickets_sent == 0);
  CHECK(s.cache->size() == 0);
  s.cfg.server.tickets_per_handshake = 1;
  s.cfg.client.session_cache = nullptr;
  // TLS 1.3: no psk_key_exchange_modes; TLS 1.2: no session_ticket extension.
  auto q = s.run();
  CHECK(q.server.info().tickets_sent == 0);
}
