#pragma once
// The mutual-TLS pair both resumption suites (TLS 1.3 tickets, TLS 1.2 RFC 5077
// tickets) run: server ticket keys, a client session cache, and a clock per side
// that a test moves to age or expire tickets.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "engine_harness.hpp"
#include "handshake/session_cache.hpp"
#include "handshake/ticket.hpp"
#include "x509/certificate.hpp"

namespace glass::test {

struct ResumptionSetup {
  x509::TestPki pki;
  crypto::SeededRng crng, srng, krng;
  Peers cfg;
  std::shared_ptr<handshake::TicketKeys> keys;
  std::shared_ptr<handshake::ClientSessionCache> cache = std::make_shared<handshake::ClientSessionCache>();
  std::int64_t server_clock = kNow, client_clock = kNow;

  // seed, seed+1.. seed+3: the PKI, the client's, server's and ticket keys' randomness.
  ResumptionSetup(std::uint64_t seed, handshake::ProtocolVersion client_max)
      : pki(make_pki(crypto::KeyType::ecdsa_p256, seed)),
        crng(seed + 1),
        srng(seed + 2),
        krng(seed + 3),
        keys(std::make_shared<handshake::TicketKeys>(handshake::TicketKeys::default_rotation_period, &krng)) {
    cfg = mtls_configs(pki, crng, srng);
    cfg.client.max_version = client_max;
    cfg.server.ticket_keys = keys;
    cfg.client.session_cache = cache;
    cfg.server.now = [this] { return server_clock; };
    cfg.client.now = [this] { return client_clock; };
  }
  ResumptionSetup(const ResumptionSetup&) = delete;  // the clocks capture `this`
  ResumptionSetup& operator=(const ResumptionSetup&) = delete;

  // A handshake and some data; with must_finish, both sides must complete.
  Pair run(bool must_finish = true) {
    auto p = handshake_and_data(cfg.client, cfg.server);
    INFO("client: " << (p.client.error() ? p.client.error()->to_string() : "ok"));
    INFO("server: " << (p.server.error() ? p.server.error()->to_string() : "ok"));
    if (must_finish) {
      REQUIRE(p.client.is_handshake_done());
      REQUIRE(p.server.is_handshake_done());
    }
    return p;
  }
  std::string client_subject() const {
    return x509::Certificate::parse(pki.client.der)->subject().to_string();
  }
  // `second` resumed `first` with the ticket's client identity: no certificates
  // flowed, both sides kept what the full handshake verified, and data flows.
  void check_resumed(const Pair& first, Pair& second) const {
    CHECK(second.client.info().psk_offered);
    CHECK(second.client.info().resumed);
    CHECK(second.server.info().resumed);
    CHECK(second.server.info().peer_chain.empty());
    CHECK_FALSE(second.server.info().client_cert_sent);
    CHECK(second.server.info().resumed_client_subject == client_subject());
    CHECK(second.server.info().peer_verified);
    CHECK(second.client.info().peer_chain == first.client.info().peer_chain);
    REQUIRE(second.client.write(core::as_bytes("resumed")).ok());
    pump(second.client, second.server);
    CHECK(core::as_chars(second.server.read()) == "xresumed");  // "x" from handshake_and_data
  }
  // Forgets every ticket the client holds for localhost.
  void clear_cache() {
    while (cache->take(handshake::session_key("localhost", {}), client_clock)) {
    }
  }
};

}  // namespace glass::test
