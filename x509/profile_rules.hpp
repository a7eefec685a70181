#pragma once
// The per-certificate rules of path validation: RFC 5280 profile rules (serial,
// CA certificates, key identifiers, keyUsage/basicConstraints agreement,
// subjectAltName, constraint extensions), the key rules, and in the strict
// profile the CA/B Forum Baseline Requirements checks. Each refusal names the
// rule's section and the certificate (`who`).
#include <string>
#include <string_view>

#include "x509/certificate.hpp"
#include "x509/profile.hpp"

namespace glass::x509 {

// The certificate a refusal names ("leaf CN=x", "CA CN=y"): the subject is
// rendered only when a rule refuses, not for every certificate that passes.
class Who {
 public:
  Who(std::string_view role, const Certificate& c) : role_(role), cert_(&c) {}
  explicit Who(const Certificate& c) : cert_(&c) {}
  std::string text() const;

 private:
  std::string_view role_;
  const Certificate* cert_;
};

struct CertificateRole {
  bool leaf = false;         // the end-entity certificate
  bool anchor = false;       // a trust anchor given by the caller
  bool issues = false;       // signs the next certificate down the path
  bool self_signed = false;  // self-issued and signed by its own key
  // Validated for serverAuth (or any purpose): the strict profile's name rules
  // (CN among the SANs, no wildcard under a public suffix) are for server names.
  bool server_names = true;
};

core::Status check_certificate_rules(const Certificate& c, const CertificateRole& role,
                                     Profile profile, const Who& who);

// RSA 2048..8192 bits in whole octets, exponent odd, >= 3 and < 2^32; EC P-256,
// P-384, Ed25519. Cheap (no arithmetic): run before any signature check.
// unsupported_certificate naming the key and `who`.
core::Status check_key_rules(const Certificate& c, const Who& who);

}  // namespace glass::x509
