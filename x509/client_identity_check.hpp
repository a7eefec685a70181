#pragma once
// Is a client identity (certificate chain + private key) usable for TLS client
// authentication against a given server? Checked locally, before any handshake:
// key ↔ certificate, validity, keyUsage/extKeyUsage, chain completeness, whether
// the chain ends at a CA the server trusts (by name and, given the CA certificate,
// by key) and which signature schemes the key can make versus the server's list.
// Each check carries a reason, what a server will do about it and the fix; the
// report ends with one verdict line. Used by `glasstls identity` and as the
// preflight of `glasstls conform`. The rules themselves are in
// x509/client_auth_check.hpp; this adds what a server does and the fix.
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "crypto/signature.hpp"
#include "x509/der.hpp"

namespace glass::x509 {

// What a server's CertificateRequest asked for.
struct ServerRequest {
  bool tls13 = true;
  std::vector<core::Bytes> ca_names;  // DER Names (certificate_authorities)
  std::vector<crypto::SignatureScheme> schemes;
};

struct IdentityCheckInput {
  std::vector<core::Bytes> chain;  // leaf first
  const crypto::SigningKey* key = nullptr;
  std::vector<core::Bytes> client_cas;  // the CAs the server trusts for clients (may be empty)
  std::optional<ServerRequest> request;  // what the server asked for (when known)
  std::vector<crypto::SignatureScheme> our_schemes;  // what our client can sign with, in order
  der::Time now = 0;
};

struct IdentityCheck {
  enum class Status : std::uint8_t { ok, warn, fail, unknown };
  std::string name;    // "key", "validity", "key usage", "chain", "server CA", ...
  Status status = Status::ok;
  std::string reason;  // what was found
  std::string server;  // fail/warn: what a server will do about it
  std::string fix;     // fail/warn: how to repair the identity
};
std::string_view status_label(IdentityCheck::Status s);  // "ok", "WARN", "FAIL", "--"

struct IdentityReport {
  std::string subject;  // the leaf's subject (short form)
  std::vector<IdentityCheck> checks;
  bool usable = true;   // no check failed
  std::string verdict;  // one line: what a server will do, and the fix
  const IdentityCheck* first_failure() const;
};

IdentityReport check_client_identity(const IdentityCheckInput& in);

// The checks, one line each, then the verdict.
std::string render_identity_report(const IdentityReport& r);

// Does the chain name one of `names` as issuer or subject (what our client's
// --send-cert auto and the servers' certificate_authorities filter compare)?
bool chain_reaches_names(const std::vector<core::Bytes>& chain,
                         const std::vector<core::Bytes>& names);

}  // namespace glass::x509
