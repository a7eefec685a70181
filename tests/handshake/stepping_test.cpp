// Connection::set_stepping: one handler per step(), each returning its Step.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "engine_harness.hpp"

using namespace glass;
using handshake::Connection;
using handshake::Step;
using handshake::WaitFor;

namespace {

std::string show(const Step& s) {
  if (std::holds_alternative<handshake::Next>(s)) return "next";
  return std::string(handshake::name_of(std::get<handshake::Wait>(s).what));
}

// Runs `c` until it needs input; records "<state>:<step>" per step.
bool run_steps(Connection& c, std::vector<std::string>& log) {
  bool any = false;
  for (int n = 0; n < 64; ++n) {
    auto s = c.step();
    REQUIRE(s.ok());
    if (!*s) return any;
    any = true;
    log.push_back(c.state_name() + ":" + show(**s));
  }
  FAIL("no end of steps");
  return any;
}

void stepped_pump(Connection& client, Connection& server, std::vector<std::string>& clog,
                  std::vector<std::string>& slog) {
  for (int round = 0; round < 20; ++round) {
    bool moved = run_steps(client, clog);
    auto c = client.take_output();
    if (!c.empty()) REQUIRE(server.feed(c).ok());
    moved = run_steps(server, slog) || moved || !c.empty();
    auto s = server.take_output();
    if (!s.empty()) REQUIRE(client.feed(s).ok());
    if (!moved && s.empty()) return;
  }
}

}  // namespace

TEST_CASE("stepping: a TLS 1.3 mutual handshake one handler at a time") {
  test::MtlsSetup setup(crypto::KeyType::ecdsa_p256, 61);
  auto& cfg = setup.cfg;
  cfg.server.tickets_per_handshake = 0;
  Connection client(cfg.client), server(cfg.server);
  client.set_stepping(true);
  server.set_stepping(true);
  REQUIRE(client.start().ok());
  CHECK_FALSE(client.has_output());  // start() waits for the first step()
  std::vector<std::string> clog, slog;
  stepped_pump(client, server, clog, slog);
  REQUIRE(client.is_handshake_done());
  REQUIRE(server.is_handshake_done());
  const std::vector<std::string> want_server = {
      "NEGOTIATED:next",               // ClientHello: RECVD_CH chose, NEGOTIATED sends
      "NEGOTIATED:next",               // ServerHello .. Certificate; CertificateVerify next
      "NEGOTIATED:next",               // CertificateVerify signed; Finished next
      "WAIT_FLIGHT2:next",             // Finished sent
      "WAIT_CERT:flush",               // WAIT_FLIGHT2: the flight goes out
      "WAIT_CV:peer message",          // the client's Certificate
      "WAIT_FINISHED:peer message",    // its CertificateVerify
      "CONNECTED:peer message",        // its Finished
  };
  CHECK(slog == want_server);
  const std::vector<std::string> want_client = {
      "WAIT_SH:flush",            // ClientHello
      "WAIT_EE:peer message",     // ServerHello
      "WAIT_CERT_CR:peer message", "WAIT_CERT:peer message", "WAIT_CV:peer message",
      "WAIT_FINISHED:peer message",
      "WAIT_FINISHED:next",       // server Finished: our Certificate next
      "WAIT_FINISHED:next",       // Certificate sent: CertificateVerify next
      "WAIT_FINISHED:next",       // CertificateVerify sent: Finished next
      "CONNECTED:flush",
  };
  CHECK(clog == want_client);
  // Application data is parsed by step() too.
  REQUIRE(client.write(core::as_bytes("stepped")).ok());
  REQUIRE(server.feed(client.take_output()).ok());
  CHECK_FALSE(server.has_app_data());
  auto s = server.step();
  REQUIRE(s.ok());
  CHECK_FALSE(*s);
  CHECK(core::as_chars(server.read()) == "stepped");
}

TEST_CASE("stepping: an external signature is asked for between steps") {
  test::MtlsSetup setup(crypto::KeyType::ed25519, 64);
  auto& cfg = setup.cfg;
  crypto::SeededRng rng(67);
  auto skey = cfg.server.identities[0].key;
  cfg.server.identities[0].external_key = skey->type();
  cfg.server.identities[0].key.reset();
  Connection client(cfg.client), server(cfg.server);
  client.set_stepping(true);
  server.set_stepping(true);
  std::vector<std::string> clog, slog;
  stepped_pump(client, server, clog, slog);
  REQUIRE(server.pending_signature());
  REQUIRE(slog.size() == 3);
  CHECK(slog.back() == "NEGOTIATED:signature");
  auto sig = skey->sign(server.pending_signature()->scheme, server.pending_signature()->message, rng);
  REQUIRE(sig.ok());
  REQUIRE(server.provide_signature(std::move(*sig)).ok());
  stepped_pump(client, server, clog, slog);
  CHECK(slog[3] == "NEGOTIATED:next");  // the same state again, signed now
  CHECK(client.is_handshake_done());
  CHECK(server.is_handshake_done());
  CHECK(client.info().peer_verified);
}

TEST_CASE("stepping: the step hook sees every Step of an ordinary (unstepped) handshake") {
  test::MtlsSetup setup(crypto::KeyType::ecdsa_p256, 68);
  auto& cfg = setup.cfg;
  cfg.server.tickets_per_handshake = 0;
  Connection client(cfg.client), server(cfg.server);
  std::vector<std::string> slog;
  server.set_step_hook([&](const Step& s, const std::string& state) {
    slog.push_back(state + ":" + show(s));
  });
  test::pump(client, server);
  REQUIRE(server.is_handshake_done());
  // start() (a server waits at once), then the 8 steps of the stepped run above:
  // the same handlers, driven by feed().
  REQUIRE(slog.size() == 9);
  CHECK(slog[0] == "START:peer message");
  CHECK(slog[1] == "NEGOTIATED:next");
  CHECK(slog[5] == "WAIT_CERT:flush");
  CHECK(slog.back() == "CONNECTED:peer message");
}
