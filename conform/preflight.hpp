#pragma once
// The identity preflight of `glasstls identity --connect` and `glasstls conform`:
// read the server's CertificateRequest (one connection that stops politely once
// the request is read) and check the client identity against it locally
// (x509/client_identity_check.hpp). Its findings tell the conform runner which
// probe outcomes our own identity explains (INCONCLUSIVE, not FAIL or PASS).
#include <optional>
#include <string>

#include "conform/runner.hpp"
#include "x509/client_identity_check.hpp"

namespace glass::conform {

struct SeenRequest {
  bool requested = false;  // the server sent a CertificateRequest
  x509::ServerRequest request;
  std::string detail;      // what the connection did (version, suite, or why it failed)
};

// One connection with `base` (no identity, no server verification): what the
// server's CertificateRequest asks for. An error when no TLS handshake got that far.
core::Result<SeenRequest> fetch_certificate_request(const Target& t, handshake::Config base);

// "CertificateRequest (TLS 1.3): schemes ...; CA names: [...]" or "no CertificateRequest".
std::string describe(const SeenRequest& s);

struct Preflight {
  std::optional<SeenRequest> seen;    // empty when the request could not be read
  std::string fetch_error;            // why not
  std::optional<x509::IdentityReport> report;  // empty without a client identity
  // Non-empty: why a probe sent with the user's identity says nothing about the server.
  std::string identity_problem;
  // Non-empty: why a probe sent with a certificate minted by the client CA says
  // nothing (the server names other CAs).
  std::string client_ca_problem;
};

struct PreflightInput {
  const Context* ctx = nullptr;
  std::vector<core::Bytes> client_cas;  // the CA the server trusts for clients
  std::int64_t now = 0;
};
Preflight run_preflight(const Target& t, const PreflightInput& in);

// The preflight as text: the request seen, the identity checks and the verdict.
std::string render_preflight(const Preflight& p);
// {"request": "...", "usable": true|false|null, "verdict": "...", "checks": [{"name",
//  "status", "reason", "server", "fix"}], "identity_problem", "client_ca_problem"}
std::string render_preflight_json(const Preflight& p);

}  // namespace glass::conform
