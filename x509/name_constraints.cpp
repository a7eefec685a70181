#include "x509/name_constraints.hpp"

#include "x509/dns_name.hpp"
#include "x509/oid.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

// A constraint RFC 5280 4.2.1.10 does not define makes the chain fail.
std::optional<std::string> malformed_constraint(const GeneralName& base) {
  switch (base.type) {
    case GeneralNameType::dns_name: {
      std::string_view t = base.text();
      if (t.empty()) return std::nullopt;  // every DNS name
      if (t.front() == '.')
        return "a dNSName constraint with a leading period (RFC 5280 gives that form only "
               "for URIs and email addresses)";
      if (!valid_dns_name(canonical_dns(t), false))
        return "a dNSName constraint that is not a valid DNS name";
      return std::nullopt;
    }
    case GeneralNameType::rfc822_name: {
      std::string_view t = base.text();
      std::size_t at = t.rfind('@');
      std::string_view host = at == std::string_view::npos ? t : t.substr(at + 1);
      if (at == std::string_view::npos && !host.empty() && host.front() == '.') host.remove_prefix(1);
      if (!valid_dns_name(canonical_dns(host), false))
        return "an rfc822Name constraint whose domain is not a valid DNS name";
      return std::nullopt;
    }
    case GeneralNameType::ip_address: {
      // The mask must be a prefix: ones, then zeros.
      std::size_t n = base.value.size() / 2;
      bool zero_seen = false;
      for (std::size_t i = n; i < base.value.size(); ++i)
        for (int bit = 7; bit >= 0; --bit) {
          bool one = (base.value[i] >> bit) & 1;
          if (one && zero_seen) return "an iPAddress constraint with a non-contiguous mask";
          if (!one) zero_seen = true;
        }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

bool email_within(std::string_view mailbox, std::string_view base) {
  std::size_t at = mailbox.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string_view domain = canonical_dns(mailbox.substr(at + 1));
  if (base.find('@') != std::string_view::npos) {
    // Local parts are case-sensitive, domains are not.
    std::size_t bat = base.rfind('@');
    return mailbox.substr(0, at) == base.substr(0, bat) &&
           dns_iequal(domain, canonical_dns(base.substr(bat + 1)));
  }
  if (!base.empty() && base[0] == '.') return dns_iends_with(domain, canonical_dns(base));
  return dns_iequal(domain, canonical_dns(base));
}

bool ip_within(ByteView addr, ByteView base) {
  if (base.size() != 2 * addr.size()) return false;  // IPv4 vs IPv6 never match
  std::size_t n = addr.size();
  for (std::size_t i = 0; i < n; ++i)
    if ((addr[i] & base[n + i]) != (base[i] & base[n + i])) return false;
  return true;
}

enum class Match { no, yes, unsupported };

// How a name relates to one subtree. For an excluded subtree, a wildcard name
// matches when any host it stands for is inside; for a permitted one, only
// when all of them are.
Match name_within(GeneralNameType type, ByteView value, const GeneralName& base, bool excluded) {
  if (base.type != type) return Match::no;
  switch (type) {
    case GeneralNameType::dns_name: {
      std::string_view name = canonical_dns(core::as_chars(value));
      std::string_view b = canonical_dns(base.text());
      if (!valid_dns_name(name, true)) return excluded ? Match::yes : Match::no;
      if (name.size() >= 2 && name[0] == '*') {
        std::string_view parent = name.substr(2);  // the wildcard stands for one label
        if (dns_within(parent, b)) return Match::yes;  // every host under parent is inside
        if (!excluded) return Match::no;
        // Some host "x.parent" is inside when the base is exactly one label below parent.
        return dns_within(b, parent) && b.size() > parent.size() &&
                       b.substr(0, b.size() - parent.size() - 1).find('.') == std::string_view::npos
                   ? Match::yes
                   : Match::no;
      }
      return dns_within(name, b) ? Match::yes : Match::no;
    }
    case GeneralNameType::rfc822_name:
      return email_within(core::as_chars(value), base.text()) ? Match::yes : Match::no;
    case GeneralNameType::ip_address:
      return ip_within(value, base.value) ? Match::yes : Match::no;
    case GeneralNameType::directory_name: {
      auto n = Name::parse(value, "name");
      auto b = Name::parse(base.value, "constraint");
      if (!n || !b) return excluded ? Match::yes : Match::no;
      return n->within(*b) ? Match::yes : Match::no;
    }
    default:
      return Match::unsupported;
  }
}

std::string name_text(GeneralNameType type, ByteView value) {
  GeneralName g;
  g.type = type;
  g.value = value;
  return general_name_to_string(g);
}

}  // namespace

core::Status check_name_constraints(const Certificate& cert, const Certificate& ca,
                                    NameComparisonBudget& budget) {
  const Extensions& nc = ca.extensions();
  if (!nc.has_name_constraints) return {};
  std::string who = ca.subject().short_form();

  for (ByteView list : {nc.permitted_subtrees, nc.excluded_subtrees}) {
    GeneralSubtreeIterator it(list);
    GeneralName base;
    while (it.next(base))
      if (auto why = malformed_constraint(base))
        return make_error(Alert::bad_certificate,
                          "the nameConstraints of " + who + " hold " + *why + ": " +
                              general_name_to_string(base) + " (RFC 5280 4.2.1.10)");
  }

  auto spend = [&]() -> core::Status {
    if (++budget.used > budget.limit)
      return make_error(Alert::bad_certificate,
                        "name-constraint checking exceeded its budget of " +
                            std::to_string(budget.limit) +
                            " comparisons (names x constraints) at the nameConstraints of " + who);
    return {};
  };
  auto unsupported = [&](GeneralNameType type, ByteView value) {
    return make_error(Alert::unsupported_certificate,
                      "cannot check " + name_text(type, value) + " against the name constraints of " +
                          who + " (unsupported name form)");
  };

  auto check_one = [&](GeneralNameType type, ByteView value) -> core::Status {
    GeneralName base;
    GeneralSubtreeIterator ex(nc.excluded_subtrees);
    while (ex.next(base)) {
      GLASS_CHECK(spend());
      Match m = name_within(type, value, base, true);
      if (m == Match::unsupported) return unsupported(type, value);
      if (m == Match::yes)
        return make_error(Alert::bad_certificate,
                          name_text(type, value) + " is in an excluded subtree (" +
                              general_name_to_string(base) + ") of the nameConstraints of " +
                              who + " (RFC 5280 4.2.1.10)");
    }
    bool have_permitted = false, permitted = false;
    GeneralSubtreeIterator pm(nc.permitted_subtrees);
    while (!permitted && pm.next(base)) {
      if (base.type != type) continue;
      GLASS_CHECK(spend());
      Match m = name_within(type, value, base, false);
      if (m == Match::unsupported) return unsupported(type, value);
      have_permitted = true;
      if (m == Match::yes) permitted = true;
    }
    if (have_permitted && !permitted)
      return make_error(Alert::bad_certificate,
                        name_text(type, value) +
                            " is outside the permitted subtrees of the nameConstraints of " + who +
                            " (RFC 5280 4.2.1.10)");
    return {};
  };

  if (!cert.subject().empty())
    GLASS_CHECK(check_one(GeneralNameType::directory_name, cert.subject().der()));
  // RFC 5280 4.2.1.10: rfc822Name constraints also apply to emailAddress in the subject.
  for (const auto& a : cert.subject().attributes())
    if (oid::equals(a.type, oid::at_email) && a.value_tag == der::tag::ia5_string)
      GLASS_CHECK(check_one(GeneralNameType::rfc822_name, a.value));
  if (const auto& san = cert.extensions().subject_alt_name) {
    GeneralNameIterator it(*san);
    GeneralName g;
    while (it.next(g)) GLASS_CHECK(check_one(g.type, g.value));
  }
  return {};
}

core::Status check_name_constraints(const Certificate& cert, const Certificate& ca) {
  NameComparisonBudget budget;
  return check_name_constraints(cert, ca, budget);
}

}  // namespace glass::x509
