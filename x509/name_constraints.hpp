#pragma once
// RFC 5280 4.2.1.10 name constraints of one CA applied to one certificate: the
// subject DN, subject emailAddress attributes and every SAN entry, in the forms
// dNSName, iPAddress, rfc822Name and directoryName. Names are compared in their
// canonical form (x509/dns_name.hpp); a wildcard SAN is excluded when any host
// it could match is excluded and permitted only when every such host is; a
// malformed constraint fails the chain; a malformed SAN never passes a
// permitted subtree. Every comparison is counted against a budget.
#include <cstdint>

#include "x509/certificate.hpp"

namespace glass::x509 {

struct NameComparisonBudget {
  std::uint64_t limit = 65536;
  std::uint64_t used = 0;
};

// Ok, or bad_certificate (outside/excluded/malformed constraint, budget spent)
// or unsupported_certificate (a constrained name form we do not compare).
core::Status check_name_constraints(const Certificate& cert, const Certificate& ca,
                                    NameComparisonBudget& budget);
// With a fresh default budget (for tests and single checks).
core::Status check_name_constraints(const Certificate& cert, const Certificate& ca);

}  // namespace glass::x509
