#pragma once
// DNS names as RFC 5280 4.2.1.6 wants them in certificates (RFC 1034 3.5
// preferred name syntax, digits allowed first as RFC 1123 2.1 permits), in one
// canonical form for every comparison: a single trailing dot is stripped, so
// "bank.example." and "bank.example" are the same name to name constraints and
// to host name checks alike. Comparisons are ASCII case-insensitive.
#include <string_view>

namespace glass::x509 {

// Strips one trailing '.' (the root label).
std::string_view canonical_dns(std::string_view name);

// Letters, digits and hyphens in labels of 1..63 octets (no hyphen first or
// last), separated by single dots, at most 253 octets; with allow_wildcard the
// leftmost label may be exactly "*" (and then at least two labels follow).
// Expects the canonical form: a trailing dot is an empty label here.
bool valid_dns_name(std::string_view name, bool allow_wildcard);

bool dns_iequal(std::string_view a, std::string_view b);
bool dns_iends_with(std::string_view s, std::string_view suffix);

// RFC 5280 4.2.1.10: `name` is `base` or ends in "." + base; an empty base
// covers every name. Both canonical.
bool dns_within(std::string_view name, std::string_view base);

// True when `label` + "." + `parent` would be a public suffix's direct child,
// i.e. `parent` is a public suffix (a top-level domain or one of a short list
// of well-known registry suffixes such as co.uk).
bool is_public_suffix(std::string_view parent);

}  // namespace glass::x509
