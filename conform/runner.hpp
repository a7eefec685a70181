#pragma once
// Plays one probe against HOST:PORT over TCP (Boost.Asio for the connection,
// poll() for bounded waits) and reports what the server did. The TLS client is
// our sans-I/O Connection with the probe's deviations; nothing here judges.
#include <string>
#include <vector>

#include "conform/probe.hpp"
#include "core/observer.hpp"
#include "core/result.hpp"

namespace glass::conform {

struct Target {
  std::string host, port;
  int timeout_ms = 2000;  // per wait for the server
  int verdict_ms = 400;   // TLS 1.3: how long to wait for a verdict after our Finished
  // What a probe sends once its handshake is done (the server's answer is kept
  // and judged against a baseline: conform/answer.hpp). send_request = false
  // (--no-request): nothing is sent, answers are not judged.
  std::string request = "GET / HTTP/1.0\r\n\r\n";
  bool send_request = true;
};

// Runs the plan once. `observer` (may be null) sees every record and message.
Outcome run_plan(const Target& t, Plan plan, core::Observer* observer = nullptr);

// Builds the plan of `p` from `ctx` and runs it (SKIP when the plan says so).
// A verdict becomes INCONCLUSIVE when our own identity explains the outcome: the
// server requested a certificate and our client sent an empty one although the
// probe meant to send one, or the preflight found the certificate sent (the
// user's, or one minted by the client CA) unusable against this server.
ProbeResult run_probe(const Target& t, const Context& ctx, const Probe& p,
                      core::Observer* observer = nullptr);

// Verdicts that need several rows: a server that refuses an empty Certificate
// (client-cert.none.*) but continues after a bad certificate took the bad one as
// authentication, which RFC 8446 4.4.2.4 does not allow (continuing is allowed
// only with the client unauthenticated): those rows turn from WARN to FAIL.
void judge_together(std::vector<ProbeResult>& results);

// Everything `make_context` needs from the command line.
struct ContextOptions {
  std::string server_name;
  std::vector<core::Bytes> server_cas;           // --server-ca (or --ca): verifies the server
  std::vector<core::Bytes> client_cas;           // --client-ca (or --ca): the server trusts it for clients
  std::optional<handshake::Identity> identity;   // --p12 / --cert+--key
  std::optional<handshake::Identity> ca_signer;  // --client-ca-key: chain[0] = the client CA
  std::int64_t now = 0;                          // 0: system clock
  handshake::ClientCertPolicy send_cert = handshake::ClientCertPolicy::automatic;  // --send-cert
};
// The base client config and the extra identities (unknown CA, expired,
// intermediates, a wrong key), made in memory.
core::Result<Context> make_context(const ContextOptions& o);

}  // namespace glass::conform
