#pragma once
// Service identity checks of RFC 9525: a reference DNS name is matched against
// subjectAltName dNSName entries (wildcard only as the whole leftmost label,
// covering exactly one label, never on names of fewer than three labels), an IP
// literal against iPAddress entries. The subject CN is never used.
#include <string>
#include <string_view>

#include "x509/certificate.hpp"

namespace glass::x509 {

// Case-insensitive ASCII match of one presented dNSName against a reference name.
bool dns_name_matches(std::string_view presented, std::string_view reference);

// True when `host` (DNS name or IPv4/IPv6 literal) is one of cert's SAN identities.
bool matches_host(const Certificate& cert, std::string_view host);

// Ok, or bad_certificate explaining what the certificate is valid for instead.
core::Status check_host(const Certificate& cert, std::string_view host);

}  // namespace glass::x509
