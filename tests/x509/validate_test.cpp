// Path validation rules (RFC 5280 section 6) on test PKIs made with our builder.
#include <doctest/doctest.h>

#include "x509_test_util.hpp"

using namespace xt;
using glass::core::Alert;
using glass::x509::CertificateTemplate;
using glass::x509::Purpose;
using glass::x509::ValidationOptions;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// root → "Issuing CA 2" → leaf, all ECDSA P-256.
struct Chain {
  Node root = make("CN=Root CA,O=Glass Test", ec(0), nullptr, Kind::ca);
  Node inter = make("CN=Issuing CA 2,O=Glass Test", ec(1), &root, Kind::ca);
  Node leaf = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
};

#define CHECK_REJECTED(result, alert_, text)                                  \
  do {                                                                         \
    auto r_ = (result);                                                        \
    REQUIRE_FALSE(r_.ok());                                                    \
    INFO(r_.error().reason);                                                   \
    CHECK(r_.error().alert == (alert_));                                       \
    CHECK(has(r_.error().reason, text));                                       \
  } while (0)

}  // namespace

TEST_CASE("x509: path validation accepts a valid chain and returns it leaf to anchor") {
  Chain c;
  auto r = verify(c.leaf, {&c.inter}, {&c.root});
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().reason));
  REQUIRE(r->size() == 3);
  CHECK((*r)[0] == "CN=leaf.example.com");
  CHECK((*r)[1] == "CN=Issuing CA 2,O=Glass Test");
  CHECK((*r)[2] == "CN=Root CA,O=Glass Test");
}

TEST_CASE("x509: path validation rejects an expired leaf and names it") {
  Chain c;
  Node leaf = make("CN=leaf.example.com", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.not_after = glass::x509::der::make_time(2026, 3, 1, 0, 0, 0);
  });
  CHECK_REJECTED(verify(leaf, {&c.inter}, {&c.root}), Alert::certificate_expired,
                 "leaf CN=leaf.example.com expired 2026-03-01T00:00:00Z");
}

TEST_CASE("x509: path validation rejects an expired intermediate and names it") {
  Chain c;
  Node inter = make("CN=Issuing CA 2,O=Glass Test", ec(1), &c.root, Kind::ca,
                    [](CertificateTemplate& t) { t.not_after = kNow - 86400 * 30; });
  CHECK_REJECTED(verify(c.leaf, {&inter}, {&c.root}), Alert::certificate_expired,
                 "intermediate CN=Issuing CA 2 expired 2026-05-02T00:00:00Z");
}

TEST_CASE("x509: path validation rejects a not-yet-valid leaf") {
  Chain c;
  Node leaf = make("CN=leaf.example.com", ec(2), &c.inter, Kind::leaf,
                   [](CertificateTemplate& t) { t.not_before = kNow + 3600; });
  CHECK_REJECTED(verify(leaf, {&c.inter}, {&c.root}), Alert::certificate_expired,
                 "leaf CN=leaf.example.com is not yet valid (notBefore 2026-06-01T01:00:00Z)");
}

TEST_CASE("x509: path validation rejects an expired trust anchor") {
  Chain c;
  ValidationOptions o;
  o.time = kEnd + 10;
  CHECK_REJECTED(verify(c.leaf, {&c.inter}, {&c.root}, o), Alert::certificate_expired, "expired");
}

TEST_CASE("x509: path validation rejects a leaf whose extKeyUsage lacks the purpose") {
  Chain c;
  Node leaf = make("CN=client", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.ext_key_usage = {std::string(glass::x509::oid::kp_client_auth)};
  });
  CHECK_REJECTED(verify(leaf, {&c.inter}, {&c.root}), Alert::certificate_unknown,
                 "leaf CN=client has extKeyUsage clientAuth, which does not allow serverAuth");
  ValidationOptions o;
  o.purpose = Purpose::client_auth;
  CHECK(verify(leaf, {&c.inter}, {&c.root}, o).ok());
}

TEST_CASE("x509: path validation accepts anyExtendedKeyUsage on the leaf") {
  Chain c;
  Node leaf = make("CN=any", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.ext_key_usage = {std::string(glass::x509::oid::kp_any)};
  });
  ValidationOptions o;
  o.purpose = Purpose::client_auth;
  CHECK(verify(leaf, {&c.inter}, {&c.root}, o).ok());
}

TEST_CASE("x509: path validation rejects an intermediate whose extKeyUsage excludes the purpose") {
  Chain c;
  Node inter = make("CN=Client Only CA", ec(1), &c.root, Kind::ca, [](CertificateTemplate& t) {
    t.ext_key_usage = {std::string(glass::x509::oid::kp_client_auth)};
  });
  Node leaf = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
  CHECK_REJECTED(verify(leaf, {&inter}, {&c.root}), Alert::certificate_unknown,
                 "intermediate CN=Client Only CA has extKeyUsage clientAuth");
}

TEST_CASE("x509: path validation rejects a leaf whose keyUsage lacks digitalSignature") {
  Chain c;
  Node leaf = make("CN=leaf.example.com", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.key_usage = glass::x509::key_usage::key_encipherment;
  });
  CHECK_REJECTED(verify(leaf, {&c.inter}, {&c.root}), Alert::certificate_unknown,
                 "lacks digitalSignature");
}

TEST_CASE("x509: path validation rejects a CA without keyCertSign") {
  Chain c;
  Node inter = make("CN=Issuing CA 2", ec(1), &c.root, Kind::ca, [](CertificateTemplate& t) {
    t.key_usage = glass::x509::key_usage::digital_signature | glass::x509::key_usage::crl_sign;
  });
  Node leaf = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
  CHECK_REJECTED(verify(leaf, {&inter}, {&c.root}), Alert::bad_certificate,
                 "intermediate CN=Issuing CA 2 may not sign certificates (keyUsage Digital "
                 "Signature, CRL Sign lacks keyCertSign)");
}

TEST_CASE("x509: path validation rejects an issuer with basicConstraints CA:FALSE") {
  Chain c;
  Node inter = make("CN=Not A CA", ec(1), &c.root, Kind::leaf);
  Node leaf = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
  CHECK_REJECTED(verify(leaf, {&inter}, {&c.root}), Alert::bad_certificate,
                 "intermediate CN=Not A CA is not a CA (basicConstraints cA is FALSE)");
  Node inter2 = make("CN=No BC", ec(1), &c.root, Kind::ca,
                     [](CertificateTemplate& t) { t.basic_constraints.reset(); });
  Node leaf2 = make("CN=leaf.example.com", ec(2), &inter2, Kind::leaf);
  CHECK_REJECTED(verify(leaf2, {&inter2}, {&c.root}), Alert::bad_certificate,
                 "is not a CA (basicConstraints cA is absent)");
}

TEST_CASE("x509: path validation enforces pathLenConstraint") {
  Node root = make("CN=Root pathlen 0", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    t.basic_constraints->path_len = 0;
  });
  Node inter = make("CN=Issuing CA 2", ec(1), &root, Kind::ca);
  Node leaf = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
  CHECK_REJECTED(verify(leaf, {&inter}, {&root}), Alert::bad_certificate,
                 "trust anchor CN=Root pathlen 0 allows 0 intermediate certificate(s) below it");
  // A leaf directly under the pathlen-0 root is fine.
  Node leaf2 = make("CN=leaf.example.com", ec(2), &root, Kind::leaf);
  CHECK(verify(leaf2, {}, {&root}).ok());
  // pathlen 0 on an intermediate with another intermediate below it.
  Chain c;
  Node i1 = make("CN=CA one", ec(1), &c.root, Kind::ca,
                 [](CertificateTemplate& t) { t.basic_constraints->path_len = 0; });
  Node i2 = make("CN=CA two", ec(3), &i1, Kind::ca);
  Node leaf3 = make("CN=leaf.example.com", ec(2), &i2, Kind::leaf);
  CHECK_REJECTED(verify(leaf3, {&i1, &i2}, {&c.root}), Alert::bad_certificate,
                 "intermediate CN=CA one allows 0 intermediate certificate(s) below it "
                 "(pathLenConstraint) but the path has 1");
  Node i1b = make("CN=CA one", ec(1), &c.root, Kind::ca,
                  [](CertificateTemplate& t) { t.basic_constraints->path_len = 1; });
  CHECK(verify(leaf3, {&i1b, &i2}, {&c.root}).ok());
}

TEST_CASE("x509: path validation rejects an unknown critical extension") {
  Chain c;
  Node leaf = make("CN=leaf.example.com", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.extra.push_back({"1.3.6.1.4.1.55555.1", true, {0x05, 0x00}});
  });
  CHECK_REJECTED(verify(leaf, {&c.inter}, {&c.root}), Alert::unsupported_certificate,
                 "leaf CN=leaf.example.com has an unsupported critical extension "
                 "1.3.6.1.4.1.55555.1");
  // The same extension marked non-critical is ignored.
  Node ok = make("CN=leaf.example.com", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.extra.push_back({"1.3.6.1.4.1.55555.1", false, {0x05, 0x00}});
  });
  CHECK(verify(ok, {&c.inter}, {&c.root}).ok());
}

TEST_CASE("x509: path validation rejects a bad signature") {
  Chain c;
  Node leaf = c.leaf;
  leaf.der = glass::x509::corrupt_signature(c.leaf.der);
  CHECK_REJECTED(verify(leaf, {&c.inter}, {&c.root}), Alert::bad_certificate,
                 "signature of leaf CN=leaf.example.com by CN=Issuing CA 2");
  // A certificate signed by a different key with the right issuer name.
  Node fake_inter = make("CN=Issuing CA 2,O=Glass Test", ec(5), &c.root, Kind::ca,
                         [](CertificateTemplate& t) { t.subject_key_id = false; });
  Node leaf2 = make("CN=leaf.example.com", ec(2), &fake_inter, Kind::leaf,
                    [](CertificateTemplate& t) { t.authority_key_id.reset(); });
  CHECK_REJECTED(verify(leaf2, {&c.inter}, {&c.root}), Alert::bad_certificate, "does not verify");
}

TEST_CASE("x509: path validation reports unknown_ca when no issuer is known") {
  Chain c;
  CHECK_REJECTED(verify(c.leaf, {}, {&c.root}), Alert::unknown_ca,
                 "no path to a trust anchor");
  Node other_root = make("CN=Other Root", ec(6), nullptr, Kind::ca);
  CHECK_REJECTED(verify(c.leaf, {&c.inter}, {&other_root}), Alert::unknown_ca,
                 "no path to a trust anchor");
}

TEST_CASE("x509: path building skips junk and finds a path through cross-signed intermediates") {
  // Old root and new root; the intermediate is issued by the new root, and the
  // new root is cross-signed by the old one. Only the old root is trusted.
  Node old_root = make("CN=Old Root", ec(7), nullptr, Kind::ca);
  Node new_root = make("CN=New Root", ec(8), nullptr, Kind::ca);
  Node cross = make("CN=New Root", ec(8), &old_root, Kind::ca);
  Node inter = make("CN=Issuing CA 2", ec(1), &new_root, Kind::ca);
  Node leaf = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
  // Junk: an unrelated CA, a leaf, a CA with the right name but another key, and
  // an expired copy of the cross-sign.
  Node junk1 = make("CN=Unrelated CA", ec(9), nullptr, Kind::ca);
  Node junk2 = make("CN=someone.example", ec(10), &junk1, Kind::leaf);
  Node impostor = make("CN=Issuing CA 2", ec(11), &junk1, Kind::ca,
                       [](CertificateTemplate& t) { t.subject_key_id = false; });
  Node expired_cross = make("CN=New Root", ec(8), &old_root, Kind::ca,
                            [](CertificateTemplate& t) { t.not_after = kNow - 1; });
  auto r = verify(leaf, {&junk1, &impostor, &expired_cross, &junk2, &inter, &cross, &new_root},
                  {&old_root});
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().reason));
  REQUIRE(r->size() == 4);
  CHECK((*r)[1] == "CN=Issuing CA 2");
  CHECK((*r)[2] == "CN=New Root");
  CHECK((*r)[3] == "CN=Old Root");
  // Trusting the new root directly gives the short path.
  auto s = verify(leaf, {&cross, &inter}, {&new_root, &old_root});
  REQUIRE(s.ok());
  CHECK(s->size() == 3);
  // With only the expired cross-sign, the expiry is what gets reported.
  CHECK_REJECTED(verify(leaf, {&inter, &expired_cross}, {&old_root}),
                 Alert::certificate_expired, "intermediate CN=New Root expired");
}

TEST_CASE("x509: path building backtracks from an expired candidate to a valid one") {
  Chain c;
  Node old_inter = make("CN=Issuing CA 2,O=Glass Test", ec(1), &c.root, Kind::ca,
                        [](CertificateTemplate& t) { t.not_after = kNow - 1; });
  auto r = verify(c.leaf, {&old_inter, &c.inter}, {&c.root});
  CHECK_MESSAGE(r.ok(), (r.ok() ? "" : r.error().reason));
}

TEST_CASE("x509: path validation enforces the maximum number of intermediates") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  std::vector<Node> cas;
  cas.reserve(5);
  const Node* issuer = &root;
  for (int i = 0; i < 4; ++i) {
    cas.push_back(make("CN=CA " + std::to_string(i), ec(20 + i), issuer, Kind::ca));
    issuer = &cas.back();
  }
  Node leaf = make("CN=leaf.example.com", ec(2), issuer, Kind::leaf);
  std::vector<const Node*> bag;
  for (auto& n : cas) bag.push_back(&n);
  ValidationOptions o;
  o.limits.max_intermediates = 4;
  CHECK(verify(leaf, bag, {&root}, o).ok());
  o.limits.max_intermediates = 3;
  CHECK_REJECTED(verify(leaf, bag, {&root}, o), Alert::unknown_ca,
                 "within the maximum of 3 intermediate certificates");
}

TEST_CASE("x509: path building stops at its work limit") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  // Many same-named CAs with other keys that claim the real CA's key identifier:
  // every one is a candidate whose signature check fails.
  auto real_id = x509::key_identifier(ec(39).public_key());
  REQUIRE(real_id.ok());
  std::vector<Node> junk;
  for (int i = 0; i < 12; ++i)
    junk.push_back(make("CN=Busy CA", ec(40 + i), &root, Kind::ca,
                        [&](CertificateTemplate& t) { forge_ski(t, *real_id); }));
  Node real = make("CN=Busy CA", ec(39), &root, Kind::ca);
  Node leaf = make("CN=leaf.example.com", ec(2), &real, Kind::leaf);
  std::vector<const Node*> bag;
  for (auto& n : junk) bag.push_back(&n);
  bag.push_back(&real);
  ValidationOptions o;
  o.limits.max_candidates = 5;
  CHECK_REJECTED(verify(leaf, bag, {&root}, o), Alert::unknown_ca,
                 "gave up after examining 5 issuer candidates (max_candidates)");
  o.limits.max_candidates = 200;
  CHECK(verify(leaf, bag, {&root}, o).ok());
}

TEST_CASE("x509: a v1 certificate is neither an intermediate nor an issuing trust anchor") {
  Node root_v1 = make("CN=Old v1 Root", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    t.version = 1;
  });
  CHECK(parse(root_v1.der).version() == 1);
  // (A v1 root has no key identifier for the leaf to name.)
  auto no_aki = [](CertificateTemplate& t) { t.authority_key_id.reset(); };
  Node leaf = make("CN=leaf.example.com", ec(2), &root_v1, Kind::leaf, no_aki);
  // Documented choice: a trust anchor that issues the next certificate must say cA=TRUE.
  CHECK_REJECTED(verify(leaf, {}, {&root_v1}), Alert::bad_certificate,
                 "trust anchor CN=Old v1 Root is a trust anchor that issues certificates but is "
                 "not a CA (basicConstraints cA is absent) (RFC 5280 4.2.1.9)");
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node inter_v1 = make("CN=v1 CA", ec(1), &root, Kind::ca,
                       [](CertificateTemplate& t) { t.version = 1; });
  Node leaf2 = make("CN=leaf.example.com", ec(2), &inter_v1, Kind::leaf, no_aki);
  CHECK_REJECTED(verify(leaf2, {&inter_v1}, {&root}), Alert::bad_certificate,
                 "intermediate CN=v1 CA is a v1 certificate and cannot act as a CA");
}

TEST_CASE("x509: path validation checks the host name against the leaf") {
  Chain c;
  ValidationOptions o;
  o.host = "leaf.example.com";
  CHECK(verify(c.leaf, {&c.inter}, {&c.root}, o).ok());
  o.host = "LEAF.Example.COM";
  CHECK(verify(c.leaf, {&c.inter}, {&c.root}, o).ok());
  o.host = "other.example.com";
  CHECK_REJECTED(verify(c.leaf, {&c.inter}, {&c.root}, o), Alert::bad_certificate,
                 "is not valid for name other.example.com: its subjectAltName lists "
                 "DNS:leaf.example.com");
  Node ipleaf = make("CN=10.1.2.3", ec(2), &c.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.subject_alt_names = {glass::x509::ip("10.1.2.3"), glass::x509::ip("2001:db8::1")};
  });
  o.host = "10.1.2.3";
  CHECK(verify(ipleaf, {&c.inter}, {&c.root}, o).ok());
  o.host = "2001:DB8:0::1";
  CHECK(verify(ipleaf, {&c.inter}, {&c.root}, o).ok());
  o.host = "10.1.2.4";
  CHECK_REJECTED(verify(ipleaf, {&c.inter}, {&c.root}, o), Alert::bad_certificate,
                 "IP address 10.1.2.4");
  // No CN fallback: the CN says 10.1.2.3 but a DNS lookup of it is not in the SAN.
  Node cn_only = make("CN=cn.example.com", ec(2), &c.inter, Kind::leaf,
                      [](CertificateTemplate& t) { t.subject_alt_names.clear(); });
  o.host = "cn.example.com";
  CHECK_REJECTED(verify(cn_only, {&c.inter}, {&c.root}, o), Alert::bad_certificate,
                 "the subject CN is not used");
}

TEST_CASE("x509: a trusted leaf validates on its own") {
  Node self = make("CN=self.example.com", ec(3), nullptr, Kind::leaf,
                   [](CertificateTemplate& t) { t.subject_alt_names = {glass::x509::dns("self.example.com")}; });
  auto r = verify(self, {}, {&self});
  REQUIRE(r.ok());
  CHECK(r->size() == 1);
}

// ---- name constraints -------------------------------------------------------

namespace {
Node constrained_ca(const Node& root, std::vector<glass::x509::NameEntry> permitted,
                    std::vector<glass::x509::NameEntry> excluded) {
  return make("CN=Constrained CA", ec(1), &root, Kind::ca, [&](CertificateTemplate& t) {
    t.permitted = permitted;
    t.excluded = excluded;
  });
}
Node leaf_with(const Node& ca, const std::string& subject,
               std::vector<glass::x509::NameEntry> sans) {
  return make(subject, ec(2), &ca, Kind::leaf,
              [&](CertificateTemplate& t) { t.subject_alt_names = sans; });
}
}  // namespace

TEST_CASE("x509: name constraints permit and exclude DNS subtrees") {
  using namespace glass::x509;
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node ca = constrained_ca(root, {dns("example.com")}, {dns("secret.example.com")});
  CHECK(verify(leaf_with(ca, "CN=a", {dns("www.example.com"), dns("example.com")}), {&ca}, {&root})
            .ok());
  CHECK_REJECTED(verify(leaf_with(ca, "CN=b", {dns("www.example.org")}), {&ca}, {&root}),
                 Alert::bad_certificate,
                 "leaf CN=b: DNS:www.example.org is outside the permitted subtrees of the "
                 "nameConstraints of CN=Constrained CA");
  // "example.com" must not cover "badexample.com".
  CHECK_REJECTED(verify(leaf_with(ca, "CN=c", {dns("badexample.com")}), {&ca}, {&root}),
                 Alert::bad_certificate, "outside the permitted subtrees");
  CHECK_REJECTED(verify(leaf_with(ca, "CN=d", {dns("x.secret.example.com")}), {&ca}, {&root}),
                 Alert::bad_certificate,
                 "DNS:x.secret.example.com is in an excluded subtree (DNS:secret.example.com)");
  // Constraints of an intermediate also bind CAs below it.
  Node sub = make("CN=Sub CA", ec(3), &ca, Kind::ca);
  Node leaf = leaf_with(sub, "CN=e", {dns("evil.org")});
  CHECK_REJECTED(verify(leaf, {&ca, &sub}, {&root}), Alert::bad_certificate, "DNS:evil.org");
}

TEST_CASE("x509: name constraints permit and exclude IP ranges") {
  using namespace glass::x509;
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node ca = constrained_ca(root, {ip("10.0.0.0/8"), ip("2001:db8::/32")}, {ip("10.9.0.0/16")});
  CHECK(verify(leaf_with(ca, "CN=a", {ip("10.1.2.3"), ip("2001:db8::5")}), {&ca}, {&root}).ok());
  CHECK_REJECTED(verify(leaf_with(ca, "CN=b", {ip("192.168.1.1")}), {&ca}, {&root}),
                 Alert::bad_certificate, "IP Address:192.168.1.1 is outside the permitted");
  CHECK_REJECTED(verify(leaf_with(ca, "CN=c", {ip("10.9.1.1")}), {&ca}, {&root}),
                 Alert::bad_certificate,
                 "IP Address:10.9.1.1 is in an excluded subtree (IP Address:10.9.0.0/255.255.0.0)");
  CHECK_REJECTED(verify(leaf_with(ca, "CN=d", {ip("2001:db9::1")}), {&ca}, {&root}),
                 Alert::bad_certificate, "2001:db9::1");
}

TEST_CASE("x509: name constraints permit and exclude email addresses") {
  using namespace glass::x509;
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node ca = constrained_ca(root, {email("example.com"), email(".corp.example")},
                           {email("ceo@example.com")});
  CHECK(verify(leaf_with(ca, "CN=a", {email("alice@example.com"), email("bob@eu.corp.example")}),
               {&ca}, {&root})
            .ok());
  CHECK_REJECTED(verify(leaf_with(ca, "CN=b", {email("alice@sub.example.com")}), {&ca}, {&root}),
                 Alert::bad_certificate, "email:alice@sub.example.com is outside the permitted");
  CHECK_REJECTED(verify(leaf_with(ca, "CN=c", {email("ceo@example.com")}), {&ca}, {&root}),
                 Alert::bad_certificate, "email:ceo@example.com is in an excluded subtree");
  // The subject's emailAddress attribute is checked too (RFC 5280 4.2.1.10).
  CHECK_REJECTED(verify(leaf_with(ca, "CN=d,emailAddress=x@other.org", {}), {&ca}, {&root}),
                 Alert::bad_certificate, "email:x@other.org is outside the permitted");
}

TEST_CASE("x509: name constraints apply to directory names") {
  using namespace glass::x509;
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node ca = constrained_ca(root, {dir_name("O=Glass,C=DE")}, {dir_name("OU=Blocked,O=Glass,C=DE")});
  CHECK(verify(leaf_with(ca, "CN=a,OU=Web,O=Glass,C=DE", {}), {&ca}, {&root}).ok());
  CHECK_REJECTED(verify(leaf_with(ca, "CN=b,O=Other,C=DE", {}), {&ca}, {&root}),
                 Alert::bad_certificate, "outside the permitted subtrees");
  CHECK_REJECTED(verify(leaf_with(ca, "CN=c,OU=Blocked,O=Glass,C=DE", {}), {&ca}, {&root}),
                 Alert::bad_certificate, "excluded subtree");
}

TEST_CASE("x509: certificates signed with RSA, RSA-PSS, ECDSA P-384 and Ed25519 validate") {
  using glass::crypto::KeyType;
  using glass::crypto::SigAlgorithm;
  using glass::crypto::HashAlg;
  struct Case {
    KeyType type;
    SigAlgorithm alg;
    const char* name;
  } cases[] = {
      {KeyType::rsa, {SigAlgorithm::Kind::rsa_pkcs1, HashAlg::sha256, HashAlg::sha256, 0},
       "sha256WithRSAEncryption"},
      {KeyType::rsa, {SigAlgorithm::Kind::rsa_pss, HashAlg::sha256, HashAlg::sha256, 32},
       "rsassaPss"},
      {KeyType::rsa, {SigAlgorithm::Kind::rsa_pss, HashAlg::sha384, HashAlg::sha384, 48},
       "rsassaPss"},
      {KeyType::ecdsa_p384, {SigAlgorithm::Kind::ecdsa, HashAlg::sha384, HashAlg::sha384, 0},
       "ecdsa-with-SHA384"},
      {KeyType::ecdsa_p256, {SigAlgorithm::Kind::ecdsa, HashAlg::sha512, HashAlg::sha512, 0},
       "ecdsa-with-SHA512"},
      {KeyType::ed25519, {SigAlgorithm::Kind::ed25519, HashAlg::sha512, HashAlg::sha512, 0},
       "ED25519"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto& rk = key(c.type);
    auto t = base_template("CN=Root " + std::string(c.name), rk, nullptr, Kind::ca);
    glass::crypto::SeededRng rng(1);
    auto der = glass::x509::build_certificate(t, rk, c.alg, rng);
    REQUIRE(der.ok());
    Node root{*der, &rk, t.subject};
    auto cert = parse(root.der);
    CHECK(cert.signature_algorithm_name() == c.name);
    auto alg = cert.signature_algorithm();
    REQUIRE(alg.ok());
    CHECK(alg->kind == c.alg.kind);
    CHECK(alg->hash == c.alg.hash);
    if (c.alg.kind == SigAlgorithm::Kind::rsa_pss) CHECK(alg->salt_len == c.alg.salt_len);
    CHECK(glass::x509::verify_signature(cert, rk.public_key()).ok());
    Node leaf = make("CN=leaf.example.com", ec(2), &root, Kind::leaf);
    leaf.der = [&] {
      auto lt = base_template("CN=leaf.example.com", ec(2), &root, Kind::leaf);
      auto d = glass::x509::build_certificate(lt, rk, c.alg, rng);
      REQUIRE(d.ok());
      return *d;
    }();
    auto r = verify(leaf, {}, {&root});
    CHECK_MESSAGE(r.ok(), (r.ok() ? "" : r.error().reason));
  }
}
