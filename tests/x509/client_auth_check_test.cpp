// x509/client_auth_check: each broken client identity is found, and named.
#include <doctest/doctest.h>

#include "crypto/random.hpp"
#include "x509/client_auth_check.hpp"
#include "x509/oid.hpp"
#include "x509/pkcs12_report.hpp"
#include "x509/pki.hpp"

using namespace glass;

namespace {

constexpr std::int64_t kCacNow = 1767225600;  // 2026-01-01T00:00:00Z

struct CacSetup {
  crypto::SystemRng rng;
  x509::TestPki pki;
  std::string ca_name = "CN=Check CA,O=glasstls";
  CacSetup() {
    x509::PkiOptions o;
    o.now = kCacNow;
    o.ca_name = ca_name;
    pki = *x509::make_test_pki(o, rng);
  }
  x509::IssuedCertificate leaf(const x509::IssuedCertificate& by, const std::string& by_name,
                               std::string_view eku, std::int64_t from = kCacNow - 3600,
                               std::int64_t to = kCacNow + 86400) {
    return *x509::issue_leaf(by, by_name, "CN=check leaf", crypto::KeyType::ecdsa_p256, from, to,
                             eku, {}, {}, rng, 7);
  }
};

}  // namespace

TEST_CASE("client_auth_check: a good identity has no problems") {
  CacSetup s;
  auto p = x509::client_identity_problems({s.pki.client.der, s.pki.ca.der}, s.pki.client.key.get(),
                                          {s.pki.ca.der}, kCacNow);
  CHECK(p.empty());
  auto end = x509::chain_end({s.pki.client.der}, x509::subjects_of({s.pki.ca.der}), {s.pki.ca.der});
  CHECK(end.kind == x509::ChainEnd::Kind::trusted);
}

TEST_CASE("client_auth_check: serverAuth only, a foreign key, an expired intermediate") {
  CacSetup s;
  auto srv = s.leaf(s.pki.ca, s.ca_name, x509::oid::kp_server_auth);
  auto p = x509::client_identity_problems({srv.der}, s.pki.client.key.get(), {}, kCacNow);
  REQUIRE(p.size() == 2);
  CHECK(p[0] == "the private key does not belong to the certificate");
  CHECK(x509::key_mismatch_problem(*s.pki.client.key, s.pki.client.der).empty());
  CHECK(p[1].find("lists serverAuth but not clientAuth") != std::string::npos);

  auto old = *x509::issue_intermediate(s.pki.ca, s.ca_name, "CN=Old Int", crypto::KeyType::ecdsa_p256,
                                       kCacNow - 90 * 86400, kCacNow - 86400, s.rng, 9);
  auto under = s.leaf(old, "CN=Old Int", x509::oid::kp_client_auth);
  auto d = x509::first_out_of_date({under.der, old.der}, kCacNow);
  REQUIRE(d);
  CHECK(d->index == 1);
  CHECK(d->describe() == "intermediate CN=Old Int expired on 2025-12-31T00:00:00Z");
}

TEST_CASE("client_auth_check: missing intermediate and same-name CA") {
  CacSetup s;
  auto inter = *x509::issue_intermediate(s.pki.ca, s.ca_name, "CN=Issuing", crypto::KeyType::ecdsa_p256,
                                         kCacNow - 3600, kCacNow + 86400, s.rng, 8);
  auto leaf = s.leaf(inter, "CN=Issuing", x509::oid::kp_client_auth);
  auto names = x509::subjects_of({s.pki.ca.der});
  auto end = x509::chain_end({leaf.der}, names, {s.pki.ca.der, inter.der});
  CHECK(end.kind == x509::ChainEnd::Kind::missing_intermediate);
  CHECK(end.issuer == "CN=Issuing");
  CHECK(end.found_link == "CN=Issuing (issued by CN=Check CA,O=glasstls)");
  CHECK(x509::chain_end({leaf.der, inter.der}, names, {s.pki.ca.der}).kind ==
        x509::ChainEnd::Kind::trusted);
  // A server trusting the intermediate stops there, the root sent or not.
  auto at_inter = x509::chain_end({leaf.der, inter.der, s.pki.ca.der}, x509::subjects_of({inter.der}),
                                  {inter.der});
  CHECK(at_inter.kind == x509::ChainEnd::Kind::trusted);
  CHECK(at_inter.at == 0);
  CHECK(at_inter.issuer == "CN=Issuing");

  x509::PkiOptions o;
  o.now = kCacNow;
  o.ca_name = s.ca_name;  // same name, another key
  auto other = *x509::make_test_pki(o, s.rng);
  auto same = x509::chain_end({other.client.der, other.ca.der}, names, {s.pki.ca.der});
  CHECK(same.kind == x509::ChainEnd::Kind::same_name_other_key);
  CHECK(same.our_key_id != same.their_key_id);
  CHECK(x509::chain_end({other.client.der}, names, {s.pki.ca.der}).kind ==
        x509::ChainEnd::Kind::same_name_other_key);
  CHECK(x509::chain_end({other.ca.der}, names, {s.pki.ca.der}).kind ==
        x509::ChainEnd::Kind::same_name_other_key);  // the root itself, by key bits
  // A root nobody trusts is no missing intermediate.
  CHECK(x509::chain_end({other.client.der, other.ca.der}, x509::subjects_of({inter.der}), {}).kind ==
        x509::ChainEnd::Kind::untrusted_root);
}

TEST_CASE("pkcs12 report: printable escapes controls and bidi overrides, oid_label names OIDs") {
  using x509::pkcs12::printable;
  CHECK(printable("a\x1b[31mb\tc") == "a\\x1b[31mb\\x09c");
  CHECK(printable("x\xe2\x80\xaey") == "x\\u{202e}y");
  CHECK(printable("\xc2\x85") == "\\u{0085}");
  CHECK(printable("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(printable("\xff") == "\\xff");
  CHECK(x509::pkcs12::oid_label("friendlyName", "1.2.840.113549.1.9.20") ==
        "friendlyName (1.2.840.113549.1.9.20)");
  CHECK(x509::pkcs12::oid_label("1.2.3.4", "1.2.3.4") == "1.2.3.4 (unnamed OID)");
}
