#pragma once
// Certification path building and validation (RFC 5280 section 6).
//
// Given a leaf, an unordered bag of possible intermediates (which may hold junk,
// duplicates and cross-signed certificates) and a set of trust anchors, the
// builder searches depth-first for issuer candidates: the name must match and,
// when the certificate has an authority key identifier, the candidate's subject
// key identifier too; duplicates are dropped, a candidate's key and CA rules are
// checked before its signature, and every bound in ValidationLimits holds.
// Every complete path to an anchor is then checked against the rules below;
// the first path that passes wins. A rejection names the certificate and the
// rule, and carries the TLS alert to send:
//   certificate_expired      validity (expired or not yet valid)
//   unknown_ca               no path reaches a trust anchor, a work limit was reached
//   bad_certificate          structure, signatures, profile rules, name constraints, host name
//   unsupported_certificate  unsupported or refused keys and algorithms, unknown critical extensions
//   certificate_unknown      purpose: extKeyUsage, leaf keyUsage
// A trust anchor that issues the next certificate must itself say cA=TRUE; a
// self-signed leaf given as the trust anchor (pinning) is accepted for itself.
// The rules per profile are listed in x509/README.md.
#include <span>
#include <string>
#include <vector>

#include "x509/certificate.hpp"
#include "x509/limits.hpp"
#include "x509/name_constraints.hpp"
#include "x509/profile.hpp"

namespace glass::x509 {

enum class Purpose : std::uint8_t { any, server_auth, client_auth };
std::string_view purpose_name(Purpose p);  // "serverAuth"

struct ValidationOptions {
  der::Time time = 0;                    // validation time (seconds since the epoch)
  std::uint32_t time_nanos = 0;          // its sub-second part (exact validity comparisons)
  Purpose purpose = Purpose::server_auth;
  std::string host;                      // DNS name or IP literal; empty: no name check
  Profile profile = Profile::standard;
  ValidationLimits limits;
};

struct ValidatedPath {
  std::vector<const Certificate*> chain;  // leaf first, trust anchor last
};

// Pointers in the result refer to the certificates passed in.
core::Result<ValidatedPath> validate_path(const Certificate& leaf,
                                          std::span<const Certificate> intermediates,
                                          std::span<const Certificate> anchors,
                                          const ValidationOptions& options);

}  // namespace glass::x509
