#include "x509/hostname.hpp"

#include "x509/dns_name.hpp"

namespace glass::x509 {

namespace {

// A usable DNS reference or presented name: LDH labels separated by dots, no empty labels.
bool plausible_dns(std::string_view s, bool allow_leading_wildcard) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || (allow_leading_wildcard && i == 0 && c == '*');
    if (!ok || ++label > 63) return false;
  }
  return label != 0;
}

std::string_view strip_trailing_dot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

}  // namespace

bool dns_name_matches(std::string_view presented, std::string_view reference) {
  presented = strip_trailing_dot(presented);
  reference = strip_trailing_dot(reference);
  if (!plausible_dns(reference, false)) return false;
  if (presented.size() >= 2 && presented[0] == '*' && presented[1] == '.') {
    // RFC 9525 6.3: the wildcard is the complete leftmost label and matches one label.
    std::string_view base = presented.substr(2);
    if (!plausible_dns(base, false)) return false;
    // "*.example" would cover a whole public suffix-like zone: require 3+ labels.
    if (base.find('.') == std::string_view::npos) return false;
    std::size_t dot = reference.find('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    return dns_iequal(reference.substr(dot + 1), base);
  }
  if (!plausible_dns(presented, false)) return false;
  return dns_iequal(presented, reference);
}

bool matches_host(const Certificate& cert, std::string_view host) {
  const auto& san = cert.extensions().subject_alt_name;
  if (!san) return false;
  auto ip = parse_ip(host);
  GeneralNameIterator it(*san);
  GeneralName g;
  while (it.next(g)) {
    if (ip) {
      if (g.type == GeneralNameType::ip_address && core::equal(g.value, *ip)) return true;
    } else if (g.type == GeneralNameType::dns_name && dns_name_matches(g.text(), host)) {
      return true;
    }
  }
  return false;
}

core::Status check_host(const Certificate& cert, std::string_view host) {
  if (matches_host(cert, host)) return {};
  std::string names;
  if (const auto& san = cert.extensions().subject_alt_name) {
    GeneralNameIterator it(*san);
    GeneralName g;
    while (it.next(g)) {
      if (g.type != GeneralNameType::dns_name && g.type != GeneralNameType::ip_address) continue;
      if (!names.empty()) names += ", ";
      names += general_name_to_string(g);
    }
  }
  bool ip = parse_ip(host).has_value();
  std::string why = "leaf " + cert.subject().short_form() + " is not valid for " +
                    (ip ? "IP address " : "name ") + std::string(host) + ": ";
  if (names.empty())
    why += "it has no DNS or IP subjectAltName (the subject CN is not used, RFC 9525)";
  else
    why += "its subjectAltName lists " + names;
  return core::make_error(core::Alert::bad_certificate, why);
}

}  // namespace glass::x509
