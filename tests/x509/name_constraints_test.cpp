// Name constraints compared in canonical form, wildcards against subtrees,
// malformed constraints and malformed names (RFC 5280 4.2.1.10).
#include <doctest/doctest.h>

#include "x509_test_util.hpp"

using namespace xt;
using glass::core::Alert;
using glass::x509::CertificateTemplate;
namespace x509 = glass::x509;

namespace {

struct Constrained {
  Node root = make("CN=NC Root", ec(0), nullptr, Kind::ca);
  Node ca;
  Constrained(std::vector<x509::NameEntry> permitted, std::vector<x509::NameEntry> excluded) {
    ca = make("CN=NC CA", ec(1), &root, Kind::ca, [&](CertificateTemplate& t) {
      t.permitted = permitted;
      t.excluded = excluded;
    });
  }
  core::Result<std::vector<std::string>> leaf(std::vector<x509::NameEntry> sans) {
    Node l = make("CN=leaf", ec(2), &ca, Kind::leaf,
                  [&](CertificateTemplate& t) { t.subject_alt_names = sans; });
    return verify(l, {&ca}, {&root});
  }
};

}  // namespace

TEST_CASE("x509 name constraints: a trailing dot does not escape an excluded subtree") {
  Constrained c({}, {x509::dns("bank.example")});
  CHECK_REFUSED(c.leaf({x509::dns("bank.example.")}), Alert::bad_certificate,
                "DNS:bank.example. is in an excluded subtree (DNS:bank.example)");
  CHECK_REFUSED(c.leaf({x509::dns("www.BANK.example.")}), Alert::bad_certificate,
                "excluded subtree");
  CHECK(c.leaf({x509::dns("bank.example.org.")}).ok());
  Constrained d({x509::dns("corp.example.")}, {});
  CHECK(d.leaf({x509::dns("www.corp.example")}).ok());
}

TEST_CASE("x509 name constraints: wildcard SANs against excluded and permitted subtrees") {
  Constrained ex({}, {x509::dns("bar.example.com")});
  CHECK_REFUSED(ex.leaf({x509::dns("*.example.com")}), Alert::bad_certificate,
                "DNS:*.example.com is in an excluded subtree (DNS:bar.example.com)");
  // A subtree two labels down is out of the wildcard's reach.
  Constrained deep({}, {x509::dns("a.bar.example.com")});
  CHECK(deep.leaf({x509::dns("*.example.com")}).ok());
  Constrained whole({}, {x509::dns("example.com")});
  CHECK_REFUSED(whole.leaf({x509::dns("*.example.com")}), Alert::bad_certificate, "excluded");
  Constrained narrow({x509::dns("bar.example.com")}, {});
  CHECK_REFUSED(narrow.leaf({x509::dns("*.example.com")}), Alert::bad_certificate,
                "DNS:*.example.com is outside the permitted subtrees");
  Constrained broad({x509::dns("example.com")}, {});
  CHECK(broad.leaf({x509::dns("*.example.com")}).ok());
}

TEST_CASE("x509 name constraints: a malformed constraint fails the chain") {
  Constrained lead({x509::dns(".example.com")}, {});
  CHECK_REFUSED(lead.leaf({x509::dns("www.example.com")}), Alert::bad_certificate,
                "a dNSName constraint with a leading period");
  Constrained lead_ex({}, {x509::dns(".evil.com")});
  CHECK_REFUSED(lead_ex.leaf({x509::dns("www.example.com")}), Alert::bad_certificate,
                "leading period");
  Constrained mask({}, {x509::ip("10.0.0.0/8")});
  CHECK(mask.leaf({x509::ip("192.168.0.1")}).ok());
  // 10.0.0.0 with mask 255.0.255.0 (non-contiguous), written by hand.
  Node root = make("CN=NC Root", ec(0), nullptr, Kind::ca);
  Bytes nc = {0x30, 0x0e, 0xa1, 0x0c, 0x30, 0x0a, 0x87, 0x08, 10, 0, 0, 0, 255, 0, 255, 0};
  Node ca = make("CN=NC CA", ec(1), &root, Kind::ca, [&](CertificateTemplate& t) {
    t.extra.push_back({"2.5.29.30", true, nc});
  });
  Node l = make("CN=leaf", ec(2), &ca, Kind::leaf);
  CHECK_REFUSED(verify(l, {&ca}, {&root}), Alert::bad_certificate, "non-contiguous mask");
}

TEST_CASE("x509 name constraints: a malformed SAN never passes a permitted subtree") {
  Constrained c({x509::dns("example.com")}, {x509::dns("blocked.example.com")});
  Node bad = make("CN=leaf", ec(2), &c.ca, Kind::leaf, [](CertificateTemplate& t) {
    t.subject_alt_names = {x509::dns("x_y.example.com")};
  });
  auto st = x509::check_name_constraints(parse(bad.der), parse(c.ca.der));
  REQUIRE_FALSE(st.ok());
  CHECK(contains(st.error().reason, "DNS:x_y.example.com is in an excluded subtree"));
  Constrained p({x509::dns("example.com")}, {});
  Node bad2 = make("CN=leaf", ec(2), &p.ca, Kind::leaf, [](CertificateTemplate& t) {
    t.subject_alt_names = {x509::dns("a..example.com")};
  });
  auto st2 = x509::check_name_constraints(parse(bad2.der), parse(p.ca.der));
  REQUIRE_FALSE(st2.ok());
  CHECK(contains(st2.error().reason, "outside the permitted subtrees"));
}
