// `glasstls identity (--p12 FILE | --cert FILE --key FILE) [--ca FILE]
//  [--connect HOST:PORT]`: is this client identity usable for mutual TLS? Local
// checks (x509/client_identity_check.hpp), optionally against the CA the server
// trusts for clients and against what the server's CertificateRequest asks for.
// Exit 0 usable, 1 not usable (or an unreadable file), 2 a usage error.
#include <fmt/core.h>

#include <ctime>
#include <memory>

#include "apps/commands.hpp"
#include "apps/tls_options.hpp"
#include "conform/preflight.hpp"
#include "x509/client_identity_check.hpp"

namespace glass::apps {

namespace {

struct IdentityArgs {
  TlsOptions id;  // --p12/--pass or --cert/--key
  std::string ca, connect, name, at;
  int timeout_ms = 2000;
};

// --connect: what the server's CertificateRequest asks for (exit code on failure).
int read_request(const IdentityArgs& a, std::optional<x509::ServerRequest>& out) {
  auto hp = split_host_port(a.connect);
  if (!hp) {
    fmt::print(stderr, "glasstls identity: --connect {}\n", hp.error().reason);
    return kExitUsage;
  }
  handshake::Config cfg;
  cfg.role = handshake::Role::client;
  cfg.server_name = a.name.empty() ? hp->first : a.name;
  conform::Target t{hp->first, hp->second, a.timeout_ms, 400};
  auto seen = conform::fetch_certificate_request(t, cfg);
  if (!seen) {
    fmt::print("server {}: {}\n", a.connect, seen.error().reason);
    return kExitVerdict;
  }
  fmt::print("server {}: {}\n", a.connect, conform::describe(*seen));
  if (seen->requested) out = seen->request;
  return kExitOk;
}

int run_identity(const IdentityArgs& a) {
  if (a.id.p12.empty() && (a.id.cert.empty() || a.id.key.empty())) {
    fmt::print(stderr, "glasstls identity: give --p12 FILE, or both --cert FILE and --key FILE\n");
    return kExitUsage;
  }
  x509::IdentityCheckInput in;
  in.now = static_cast<std::int64_t>(std::time(nullptr));
  if (!a.at.empty()) {
    auto t = x509::der::parse_rfc3339_precise(a.at);
    if (!t) {
      fmt::print(stderr, "glasstls identity: --at {}\n", t.error().reason);
      return kExitUsage;
    }
    in.now = t->seconds;
  }
  auto id = load_identity(a.id, false);
  if (!id) {
    fmt::print("glasstls identity: {}\n", id.error().reason);
    return kExitVerdict;
  }
  if (!a.ca.empty()) {
    auto cas = load_certificates(a.ca);
    if (!cas) {
      fmt::print("glasstls identity: --ca {}: {}\n", a.ca, cas.error().reason);
      return kExitVerdict;
    }
    in.client_cas = std::move(*cas);
  }
  if (!a.connect.empty())
    if (int rc = read_request(a, in.request); rc != kExitOk) return rc;
  in.chain = id->chain;
  in.key = id->key.get();
  in.our_schemes = handshake::Config::default_signature_schemes();
  auto r = x509::check_client_identity(in);
  fmt::print("identity {} ({}, chain of {})\n{}", id->label, r.subject, id->chain.size(),
             x509::render_identity_report(r));
  return r.usable ? kExitOk : kExitVerdict;
}

}  // namespace

void register_identity(CLI::App& app) {
  auto a = std::make_shared<IdentityArgs>();
  auto* cmd = app.add_subcommand(
      "identity", "Check a client identity for mutual TLS before using it: key, validity, "
                  "key usage, chain, the server's CAs and signature schemes");
  cmd->add_option("--p12", a->id.p12, "Client identity: a PKCS#12 file with key and chain");
  cmd->add_option("--pass", a->id.pass_spec,
                  "Password source for --p12/--key: pass:TEXT, env:VAR, file:PATH, stdin");
  cmd->add_option("--cert", a->id.cert, "Client identity: certificate chain file, leaf first");
  cmd->add_option("--key", a->id.key, "Client identity: private key file");
  cmd->add_option("--ca", a->ca,
                  "The CA certificate(s) the server trusts for clients: checks the chain reaches "
                  "it by name and by key, and runs full path validation");
  cmd->add_option("--connect", a->connect,
                  "HOST:PORT of the server: read its CertificateRequest (CA names, signature "
                  "schemes), then close the connection without authenticating");
  cmd->add_option("--name", a->name, "Server name (SNI) for --connect (default: HOST)");
  cmd->add_option("--at", a->at, "Check validity at this time (RFC 3339) instead of now");
  cmd->add_option("--timeout", a->timeout_ms, "Milliseconds to wait for the server at each step");
  cmd->callback([a] { set_exit_code(run_identity(*a)); });
}

}  // namespace glass::apps
