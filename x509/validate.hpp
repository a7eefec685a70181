#pragma once
// Certification path building and validation (RFC 5280 section 6).
//
// Given a leaf, an unordered bag of possible intermediates (which may hold junk,
// duplicates and cross-signed certificates) and a set of trust anchors, the
// builder searches depth-first for issuer candidates (name match, AKI/SKI when
// both are present, a verifying signature), backtracking with a work limit.
// Every complete path to an anchor is then checked against the rules below;
// the first path that passes wins. A rejection names the certificate and the
// rule, and carries the TLS alert to send:
//   certificate_expired      validity (expired or not yet valid)
//   unknown_ca               no path reaches a trust anchor
//   bad_certificate          structure, signatures, CA rules, name constraints, host name
//   unsupported_certificate  unsupported algorithms, unknown critical extensions
//   certificate_unknown      purpose: extKeyUsage, leaf keyUsage
#include <span>
#include <string>
#include <vector>

#include "x509/certificate.hpp"

namespace glass::x509 {

enum class Purpose : std::uint8_t { any, server_auth, client_auth };
std::string_view purpose_name(Purpose p);  // "serverAuth"

struct ValidationOptions {
  der::Time time = 0;                    // validation time (seconds since the epoch)
  Purpose purpose = Purpose::server_auth;
  std::string host;                      // DNS name or IP literal; empty: no name check
  unsigned max_intermediates = 8;        // like `openssl verify -verify_depth`
  unsigned max_work = 200;               // issuer candidates examined before giving up
};

struct ValidatedPath {
  std::vector<const Certificate*> chain;  // leaf first, trust anchor last
};

// Pointers in the result refer to the certificates passed in.
core::Result<ValidatedPath> validate_path(const Certificate& leaf,
                                          std::span<const Certificate> intermediates,
                                          std::span<const Certificate> anchors,
                                          const ValidationOptions& options);

// The name-constraint test of one certificate against one CA's nameConstraints
// (subject DN, subject emailAddress and every SAN entry); exposed for tests.
core::Status check_name_constraints(const Certificate& cert, const Certificate& ca);

}  // namespace glass::x509
