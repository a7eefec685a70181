// TLS 1.2 session tickets (RFC 5077) in memory: the ticket issued before the
// server's ChangeCipherSpec, the abbreviated handshake, and the fallbacks. Extended
// master secret is required for resumption (RFC 7627 5.3).
#include <doctest/doctest.h>

#include <memory>

#include "handshake/session_cache.hpp"
#include "handshake/tamper.hpp"
#include "handshake/ticket.hpp"
#include "resumption_fixture.hpp"
#include "x509/certificate.hpp"

using namespace glass;
using handshake::ClientAuthMode;
using handshake::ClientSessionCache;
using handshake::ExtensionType;
using handshake::ProtocolVersion;
using handshake::TicketKeys;

namespace {

struct Setup12 : test::ResumptionSetup {
  Setup12() : ResumptionSetup(51, ProtocolVersion::tls12) {}
};

struct DropEms : handshake::Tamper {
  void shape(handshake::ClientHello& ch) override { ch.extensions.remove(ExtensionType::extended_master_secret); }
  void shape(handshake::ServerHello& sh) override { sh.extensions.remove(ExtensionType::extended_master_secret); }
};

}  // namespace

TEST_CASE("resumption 1.2: a full handshake issues a ticket, the next connection resumes with the client identity") {
  Setup12 s;
  SUBCASE("TLS 1.2-only client") {}
  SUBCASE("TLS 1.3-capable client, TLS 1.2-only server") {
    s.cfg.client.max_version = ProtocolVersion::tls13;
    s.cfg.server.max_version = ProtocolVersion::tls12;
  }
  auto first = s.run();
  CHECK(first.client.info().version == ProtocolVersion::tls12);
  CHECK_FALSE(first.client.info().resumed);
  CHECK(first.server.info().tickets_sent == 1);
  CHECK(first.client.info().tickets_received == 1);
  REQUIRE(s.cache->size() == 1);
  auto stored = s.cache->newest(handshake::session_key("localhost", {}), s.client_clock);
  REQUIRE(stored);
  CHECK(stored->version == ProtocolVersion::tls12);
  CHECK(stored->secret.size() == 48);
  CHECK(stored->extended_master_secret);

  s.client_clock += 5;
  s.server_clock += 5;
  auto second = s.run();
  CHECK(second.client.info().version == ProtocolVersion::tls12);
  CHECK(second.server.info().extended_master_secret);
  s.check_resumed(first, second);
  // The abbreviated handshake brings a fresh ticket that keeps the identity.
  CHECK(second.server.info().tickets_sent == 1);
  CHECK(second.client.info().tickets_received == 1);
  REQUIRE(second.server.write(core::as_bytes("back")).ok());
  test::pump(second.client, second.server);
  CHECK(core::as_chars(second.client.read()).find("back") != std::string::npos);

  auto third = s.run();
  CHECK(third.server.info().resumed);
  CHECK(third.server.info().resumed_client_subject == s.client_subject());
}

TEST_CASE("resumption 1.2: an expired or foreign ticket falls back to a full handshake") {
  Setup12 s;
  s.run();
  auto sess = s.cache->take(handshake::session_key("localhost", {}), s.client_clock);
  REQUIRE(sess);
  SUBCASE("expired at the server") {
    s.cache->add(*sess);
    s.server_clock += 7201;
    auto p = s.run();
    CHECK_FALSE(p.server.info().resumed);
    CHECK_FALSE(p.client.info().resumed);
    CHECK(p.server.info().client_cert_sent);
  }
  SUBCASE("another ticket key") {
    s.cache->add(*sess);
    s.cfg.server.ticket_keys = std::make_shared<TicketKeys>(TicketKeys::default_rotation_period, &s.krng);
    auto p = s.run();
    CHECK_FALSE(p.server.info().resumed);
    CHECK_FALSE(p.client.info().resumed);
  }
  SUBCASE("a wrong master secret in the client's store gives wrong keys: bad_record_mac") {
    auto bad = *sess;
    bad.secret[0] ^= 1;
    s.cache->add(bad);
    auto p = s.run(false);
    CHECK_FALSE(p.client.is_handshake_done());
    REQUIRE(p.client.error());
    // The server's Finished record does not decrypt under keys from the wrong secret.
    CHECK(p.client.error()->alert == core::Alert::bad_record_mac);
  }
}

TEST_CASE("resumption 1.2: no extended master secret, no resumption (RFC 7627 5.3)") {
  Setup12 s;
  SUBCASE("a session without EMS gets no ticket") {
    s.cfg.server.offer_extended_master_secret = false;
    s.cfg.server.require_extended_master_secret = false;
    s.cfg.client.require_extended_master_secret = false;
    auto p = s.run();
    CHECK_FALSE(p.client.info().extended_master_secret);
    CHECK(p.server.info().tickets_sent == 0);
    CHECK(s.cache->size() == 0);
  }
  SUBCASE("a ClientHello without EMS does not resume an EMS ticket") {
    s.run();
    REQUIRE(s.cache->size() == 1);
    DropEms drop;
    s.cfg.client.tamper = &drop;
    s.cfg.client.require_extended_master_secret = false;
    s.cfg.server.require_extended_master_secret = false;
    auto p = s.run();
    CHECK(p.client.info().psk_offered);
    CHECK_FALSE(p.server.info().resumed);
    CHECK_FALSE(p.client.info().resumed);
    CHECK_FALSE(p.server.info().extended_master_secret);
    CHECK(p.server.info().tickets_sent == 0);
  }
  SUBCASE("a server resuming without EMS is refused by the client") {
    s.run();
    DropEms drop;
    s.cfg.server.tamper = &drop;
    s.cfg.client.require_extended_master_secret = false;
    auto p = s.run(false);
    CHECK(p.server.info().resumed);
    CHECK_FALSE(p.client.is_handshake_done());
    REQUIRE(p.client.error());
    CHECK(p.client.error()->alert == core::Alert::handshake_failure);
    CHECK(p.client.error()->reason.find("7627") != std::string::npos);
  }
}

TEST_CASE("resumption 1.2: without a new ticket the resumed one is kept (RFC 5077 3.4)") {
  Setup12 s;
  s.run();
  s.cfg.server.tickets_per_handshake = 0;  // tickets still open, none are issued
  for (int i = 0; i < 2; ++i) {
    auto p = s.run();
    CHECK(p.server.info().resumed);
    CHECK(p.client.info().resumed);
    CHECK(p.server.info().tickets_sent == 0);
    CHECK(s.cache->size() == 1);
  }
}
