#include "x509/dns_name.hpp"

namespace glass::x509 {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ldh_label(std::string_view l) {
  if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
  for (char c : l)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

}  // namespace

std::string_view canonical_dns(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

bool valid_dns_name(std::string_view name, bool allow_wildcard) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t labels = 0;
  bool wildcard = false;
  while (true) {
    std::size_t dot = name.find('.');
    std::string_view label = name.substr(0, dot);
    if (labels == 0 && allow_wildcard && label == "*") wildcard = true;
    else if (!ldh_label(label)) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return !wildcard || labels >= 3;
}

bool dns_iends_with(std::string_view s, std::string_view suffix) {
  if (suffix.size() > s.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (lower(s[s.size() - suffix.size() + i]) != lower(suffix[i])) return false;
  return true;
}

bool dns_iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && dns_iends_with(a, b);
}

bool dns_within(std::string_view name, std::string_view base) {
  if (base.empty()) return true;
  if (dns_iequal(name, base)) return true;
  return name.size() > base.size() && dns_iends_with(name, base) &&
         name[name.size() - base.size() - 1] == '.';
}

bool is_public_suffix(std::string_view parent) {
  parent = canonical_dns(parent);
  if (parent.find('.') == std::string_view::npos) return true;  // a top-level domain
  // Registry suffixes under which wildcards are most often attempted; the full
  // Public Suffix List is not embedded (documented in x509/README.md).
  static constexpr std::string_view kKnown[] = {
      "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.jp", "ne.jp",
      "or.jp", "co.nz", "com.br", "com.cn", "com.tw", "co.in", "co.za", "com.mx", "co.kr",
      "github.io", "herokuapp.com", "blogspot.com", "appspot.com", "cloudfront.net",
      "azurewebsites.net", "s3.amazonaws.com"};
  for (auto k : kKnown)
    if (dns_iequal(parent, k)) return true;
  return false;
}

}  // namespace glass::x509
