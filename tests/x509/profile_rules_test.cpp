// RFC 5280 profile rules, key rules and the strict (CA/B Forum BR) profile.
// Each case builds the one certificate that breaks a rule and checks the
// refusal names the rule and the certificate.
#include <doctest/doctest.h>

#include "x509/pki.hpp"
#include "x509_test_util.hpp"

using namespace xt;
using glass::core::Alert;
using glass::x509::CertificateTemplate;
using glass::x509::Profile;
using glass::x509::Purpose;
using glass::x509::ValidationOptions;
namespace x509 = glass::x509;

namespace {

struct Pki {
  Node root = make("CN=Rules Root", ec(0), nullptr, Kind::ca);
  Node inter = make("CN=Rules CA", ec(1), &root, Kind::ca);
  core::Result<std::vector<std::string>> leaf(
      const std::function<void(CertificateTemplate&)>& tweak, ValidationOptions o = {}) {
    Node l = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf, tweak);
    return verify(l, {&inter}, {&root}, o);
  }
  core::Result<std::vector<std::string>> ca(const std::function<void(CertificateTemplate&)>& tweak,
                                            ValidationOptions o = {}) {
    Node c = make("CN=Rules CA", ec(1), &root, Kind::ca, tweak);
    Node l = make("CN=leaf.example.com", ec(2), &c, Kind::leaf);
    return verify(l, {&c}, {&root}, o);
  }
};

ValidationOptions strict() {
  ValidationOptions o;
  o.profile = Profile::strict;
  return o;
}

Bytes raw_aki(bool with_key_id, const Bytes& id = {}) {
  x509::der::Writer w;
  w.sequence([&] {
    if (with_key_id) w.element(x509::der::tag::context(0, false), id);
  });
  return w.take();
}

}  // namespace

TEST_CASE("x509 rules: the well-formed test PKI passes both profiles") {
  Pki p;
  CHECK(p.leaf({}).ok());
  CHECK(p.leaf({}, strict()).ok());
}

TEST_CASE("x509 rules: serial numbers are positive and at most 20 octets (RFC 5280 4.1.2.2)") {
  Pki p;
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) { t.serial = {0x00}; }), Alert::bad_certificate,
                "leaf CN=leaf.example.com has a serial number that is not positive (RFC 5280 4.1.2.2)");
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) { t.serial = Bytes(21, 0x01); }),
                Alert::bad_certificate, "serial number of 21 octets (at most 20) (RFC 5280 4.1.2.2)");
  CHECK(p.leaf([](CertificateTemplate& t) { t.serial = Bytes(20, 0x01); }).ok());
}

TEST_CASE("x509 rules: a CA has a subject, a critical basicConstraints and an SKI") {
  Pki p;
  CHECK_REFUSED(p.ca([](CertificateTemplate& t) { t.basic_constraints->critical = false; }),
                Alert::bad_certificate,
                "intermediate CN=Rules CA is a CA certificate whose basicConstraints is not "
                "critical (RFC 5280 4.2.1.9)");
  // Without an SKI the leaf's authority key identifier names no candidate.
  CHECK_REFUSED(p.ca([](CertificateTemplate& t) { t.subject_key_id = false; }),
                Alert::bad_certificate, "no subjectKeyIdentifier to match its authority key "
                                        "identifier (RFC 5280 4.2.1.2)");
  // An SKI-less CA reached without key identifiers is refused by the CA rule itself.
  Node ca = make("CN=Rules CA", ec(1), &p.root, Kind::ca,
                 [](CertificateTemplate& t) { t.subject_key_id = false; });
  Node self_issued_leaf = make("CN=Rules CA", ec(1), &ca, Kind::leaf, [](CertificateTemplate& t) {
    t.authority_key_id.reset();
    t.subject_key_id = false;
  });
  CHECK_REFUSED(verify(self_issued_leaf, {}, {&ca}), Alert::bad_certificate,
                "is a CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2)");
  // cA=TRUE makes a CA certificate even as a leaf: it needs a subject.
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    t.subject = "";
    t.basic_constraints->ca = true;
    *t.key_usage |= x509::key_usage::key_cert_sign;
  }),
                Alert::bad_certificate,
                "is a CA certificate with an empty subject (RFC 5280 4.1.2.6)");
}

TEST_CASE("x509 rules: an issuing trust anchor needs cA=TRUE; a pinned self-signed leaf does not") {
  Node root = make("CN=Leafy Root", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    t.basic_constraints->ca = false;
    t.key_usage.reset();
  });
  Node leaf = make("CN=leaf.example.com", ec(2), &root, Kind::leaf);
  CHECK_REFUSED(verify(leaf, {}, {&root}), Alert::bad_certificate,
                "trust anchor CN=Leafy Root is a trust anchor that issues certificates but is not "
                "a CA (basicConstraints cA is FALSE) (RFC 5280 4.2.1.9)");
  Node pinned = make("CN=self.example.com", ec(3), nullptr, Kind::leaf, [](CertificateTemplate& t) {
    t.subject_alt_names = {x509::dns("self.example.com")};
    t.authority_key_id.reset();
  });
  CHECK(verify(pinned, {}, {&pinned}).ok());
}

TEST_CASE("x509 rules: authorityKeyIdentifier (RFC 5280 4.2.1.1)") {
  Pki p;
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) { t.authority_key_id.reset(); }),
                Alert::bad_certificate,
                "leaf CN=leaf.example.com is not self-signed and has no authorityKeyIdentifier "
                "(RFC 5280 4.2.1.1)");
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    t.extra.push_back({"2.5.29.35", true, raw_aki(true, *t.authority_key_id)});
    t.authority_key_id.reset();
  }),
                Alert::bad_certificate, "has a critical authorityKeyIdentifier (RFC 5280 4.2.1.1)");
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    t.authority_key_id.reset();
    t.extra.push_back({"2.5.29.35", false, raw_aki(false)});
  }),
                Alert::bad_certificate,
                "has an authorityKeyIdentifier without keyIdentifier (RFC 5280 4.2.1.1)");
  // A self-signed anchor's AKI must be its own SKI.
  Node odd_root = make("CN=Odd Root", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    t.authority_key_id = Bytes(20, 0x5a);
  });
  Node leaf = make("CN=leaf.example.com", ec(2), &odd_root, Kind::leaf);
  CHECK_REFUSED(verify(leaf, {}, {&odd_root}), Alert::bad_certificate,
                "self-signed trust anchor whose authorityKeyIdentifier differs from its "
                "subjectKeyIdentifier (RFC 5280 4.2.1.1)");
  Node bare_root = make("CN=Bare Root", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    t.authority_key_id.reset();
    t.extra.push_back({"2.5.29.35", false, raw_aki(false)});
  });
  Node leaf2 = make("CN=leaf.example.com", ec(2), &bare_root, Kind::leaf);
  CHECK_REFUSED(verify(leaf2, {}, {&bare_root}), Alert::bad_certificate,
                "trust anchor whose authorityKeyIdentifier has no keyIdentifier");
}

TEST_CASE("x509 rules: keyCertSign and cA=TRUE go together (RFC 5280 4.2.1.3, 4.2.1.9)") {
  Pki p;
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    *t.key_usage |= x509::key_usage::key_cert_sign;
  }),
                Alert::bad_certificate,
                "has keyUsage keyCertSign without basicConstraints cA=TRUE (RFC 5280 4.2.1.3)");
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) { t.basic_constraints->ca = true; }),
                Alert::bad_certificate,
                "leaf CN=leaf.example.com has basicConstraints cA=TRUE but its keyUsage Digital "
                "Signature lacks keyCertSign (RFC 5280 4.2.1.9)");
}

TEST_CASE("x509 rules: subjectAltName criticality and dNSName syntax (RFC 5280 4.2.1.6)") {
  Pki p;
  // Empty subject: SAN must be critical (the builder's default), in every profile.
  CHECK(p.leaf([](CertificateTemplate& t) { t.subject = ""; }).ok());
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    t.subject = "";
    t.subject_alt_name_critical = false;
  }),
                Alert::bad_certificate,
                "has an empty subject and a non-critical subjectAltName (RFC 5280 4.2.1.6)");
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    t.subject = "";
    t.subject_alt_names.clear();
  }),
                Alert::bad_certificate, "has an empty subject and no subjectAltName");
  // A subject and a critical SAN: only the strict profile objects.
  auto critical_san = [](CertificateTemplate& t) { t.subject_alt_name_critical = true; };
  CHECK(p.leaf(critical_san).ok());
  CHECK_REFUSED(p.leaf(critical_san, strict()), Alert::bad_certificate,
                "has a subject and a critical subjectAltName (CA/B Forum BR 7.1.2.7.12, strict");
  for (const char* bad : {"foo_bar.example.com", "a..example.com", ".example.com",
                          "*.*.example.com", "w*.example.com", "-a.example.com", "*.com"}) {
    CAPTURE(bad);
    CHECK_REFUSED(p.leaf([&](CertificateTemplate& t) { t.subject_alt_names = {x509::dns(bad)}; }),
                  Alert::bad_certificate, "which is not a valid DNS name");
  }
  CHECK(p.leaf([](CertificateTemplate& t) {
    t.subject_alt_names = {x509::dns("*.example.com"), x509::dns("1a.example.com.")};
  }).ok());
}

TEST_CASE("x509 rules: nameConstraints and policyConstraints placement and criticality") {
  Pki p;
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) { t.permitted = {x509::dns("example.com")}; }),
                Alert::bad_certificate,
                "leaf CN=leaf.example.com has nameConstraints but is not a CA (RFC 5280 4.2.1.10)");
  CHECK_REFUSED(p.ca([](CertificateTemplate& t) {
    t.permitted = {x509::dns("example.com")};
    t.name_constraints_critical = false;
  }),
                Alert::bad_certificate, "has a non-critical nameConstraints (RFC 5280 4.2.1.10)");
  // policyConstraints { inhibitPolicyMapping 0 }
  Bytes pc = {0x30, 0x03, 0x81, 0x01, 0x00};
  CHECK_REFUSED(p.ca([&](CertificateTemplate& t) { t.extra.push_back({"2.5.29.36", false, pc}); }),
                Alert::bad_certificate, "has a non-critical policyConstraints (RFC 5280 4.2.1.11)");
  CHECK(p.ca([&](CertificateTemplate& t) { t.extra.push_back({"2.5.29.36", true, pc}); }).ok());
}

TEST_CASE("x509 rules: a malformed authorityInfoAccess makes the certificate unusable") {
  Pki p;
  // AccessDescription { id-ad-ocsp, URI "http://ocsp.example" }
  Bytes good = {0x30, 0x1f, 0x30, 0x1d, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30,
                0x01, 0x86, 0x11};
  for (char c : std::string("http://ocsp.examp")) good.push_back(static_cast<std::uint8_t>(c));
  CHECK(p.leaf([&](CertificateTemplate& t) { t.extra.push_back({"1.3.6.1.5.5.7.1.1", false, good}); })
            .ok());
  Node l = make("CN=leaf.example.com", ec(2), &p.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.extra.push_back({"1.3.6.1.5.5.7.1.1", false, {0x30, 0x00}});
  });
  auto c = x509::Certificate::parse(l.der);
  REQUIRE_FALSE(c.ok());
  CHECK(contains(c.error().reason, "authorityInfoAccess is empty"));
  Node l2 = make("CN=leaf.example.com", ec(2), &p.inter, Kind::leaf, [](CertificateTemplate& t) {
    t.extra.push_back({"1.3.6.1.5.5.7.1.1", false, {0x30, 0x03, 0x30, 0x01, 0x05}});
  });
  CHECK_FALSE(x509::Certificate::parse(l2.der).ok());
}

TEST_CASE("x509 rules: keys are RSA 2048..8192 in whole octets with a sane exponent, no P-192, "
          "no DSA") {
  Pki p;
  auto with_spki = [&](Bytes spki) {
    return p.leaf([spki](CertificateTemplate& t) {
      t.subject_key = nullptr;
      t.raw_spki = spki;
    });
  };
  Bytes e65537 = {0x01, 0x00, 0x01};
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(1024, 1), e65537)), Alert::unsupported_certificate,
                "the public key of leaf CN=leaf.example.com is an RSA key of 1024 bits (2048..8192");
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(2047, 1), e65537)), Alert::unsupported_certificate,
                "RSA key of 2047 bits");
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(2052, 1), e65537)), Alert::unsupported_certificate,
                "RSA key of 2052 bits");
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(8200, 1), e65537)), Alert::unsupported_certificate,
                "RSA key of 8200 bits");
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(2048, 1), {0x01, 0x00, 0x00})),
                Alert::unsupported_certificate, "public exponent (17 bits) is not odd");
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(2048, 1), {0x01})), Alert::unsupported_certificate,
                "public exponent (1 bits)");
  CHECK_REFUSED(with_spki(rsa_spki(odd_number(2048, 1), odd_number(33, 2))),
                Alert::unsupported_certificate, "public exponent (33 bits)");
  CHECK_REFUSED(with_spki(ec_spki("1.2.840.10045.3.1.1", 49)), Alert::unsupported_certificate,
                "is on P-192, which is not accepted");
  Bytes dsa = {0x30, 0x12, 0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01,
               0x03, 0x05, 0x00, 0x02, 0x02, 0x01, 0x01};
  CHECK_REFUSED(with_spki(dsa), Alert::unsupported_certificate, "is a DSA key");
  // A real RSA-2048 leaf passes.
  Node rsa_leaf = make("CN=leaf.example.com", key(glass::crypto::KeyType::rsa), &p.inter, Kind::leaf);
  CHECK(verify(rsa_leaf, {&p.inter}, {&p.root}).ok());
}

TEST_CASE("x509 rules: the strict profile adds the CA/B Forum BR checks") {
  Pki p;
  auto any_only = [](CertificateTemplate& t) { t.ext_key_usage = {std::string(x509::oid::kp_any)}; };
  CHECK(p.leaf(any_only).ok());
  CHECK_REFUSED(p.leaf(any_only, strict()), Alert::certificate_unknown,
                "anyExtendedKeyUsage does not count in the strict profile");
  auto no_eku = [](CertificateTemplate& t) { t.ext_key_usage.clear(); };
  CHECK(p.leaf(no_eku).ok());
  CHECK_REFUSED(p.leaf(no_eku, strict()), Alert::bad_certificate,
                "leaf CN=leaf.example.com is a leaf without extKeyUsage");
  auto critical_eku = [](CertificateTemplate& t) {
    t.extra.push_back({"2.5.29.37", true, {0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05,
                                           0x07, 0x03, 0x01}});
    t.ext_key_usage.clear();
  };
  CHECK(p.leaf(critical_eku).ok());
  CHECK_REFUSED(p.leaf(critical_eku, strict()), Alert::bad_certificate, "has a critical extKeyUsage");
  auto cn_not_san = [](CertificateTemplate& t) { t.subject = "CN=other.example.com"; };
  CHECK(p.leaf(cn_not_san).ok());
  CHECK_REFUSED(p.leaf(cn_not_san, strict()), Alert::bad_certificate,
                "has subject CN \"other.example.com\", which is not one of its subjectAltName");
  CHECK(p.leaf([](CertificateTemplate& t) {
    t.subject = "CN=10.0.0.1";
    t.subject_alt_names = {x509::ip("10.0.0.1")};
  }, strict()).ok());
  auto psl = [](CertificateTemplate& t) {
    t.subject = "CN=*.co.uk";
    t.subject_alt_names = {x509::dns("*.co.uk")};
  };
  CHECK(p.leaf(psl).ok());
  CHECK_REFUSED(p.leaf(psl, strict()), Alert::bad_certificate,
                "has wildcard DNS:*.co.uk directly under a public suffix");
  Node eku_root = make("CN=EKU Root", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    t.ext_key_usage = {std::string(x509::oid::kp_server_auth)};
  });
  Node l = make("CN=leaf.example.com", ec(2), &eku_root, Kind::leaf);
  CHECK(verify(l, {}, {&eku_root}).ok());
  CHECK_REFUSED(verify(l, {}, {&eku_root}, strict()), Alert::bad_certificate,
                "trust anchor CN=EKU Root is a root with an extKeyUsage");
}

TEST_CASE("x509 rules: a TLS leaf needs digitalSignature (RFC 8446 4.4.2.2)") {
  Pki p;
  CHECK_REFUSED(p.leaf([](CertificateTemplate& t) {
    t.key_usage = x509::key_usage::key_encipherment;
  }),
                Alert::certificate_unknown, "lacks digitalSignature (RFC 8446 4.4.2.2)");
}

TEST_CASE("x509 rules: --at times are RFC 3339 with fractions and offsets, compared exactly") {
  using x509::der::parse_rfc3339_precise;
  auto t = parse_rfc3339_precise("2026-06-01T02:00:00.25+02:00");
  REQUIRE(t.ok());
  CHECK(t->seconds == kNow);
  CHECK(t->nanos == 250000000u);
  auto t2 = parse_rfc3339_precise("2026-05-31T19:30:00-04:30");
  REQUIRE(t2.ok());
  CHECK(t2->seconds == kNow);
  CHECK(parse_rfc3339_precise("2026-06-01T00:00:00Z").ok());
  for (const char* bad : {"2026-06-01T00:00:00", "2026-06-01T00:00:00.Z", "2026-06-01T00:00:00+2:00",
                          "2026-06-01T00:00:00+02:00x", "2026-06-01 00:00:00Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_rfc3339_precise(bad).ok());
  }
  // At notAfter exactly the leaf is valid; a quarter second later it has expired.
  Pki p;
  Node l = make("CN=leaf.example.com", ec(2), &p.inter, Kind::leaf,
                [](CertificateTemplate& t) { t.not_after = kNow; });
  ValidationOptions o;
  o.time = kNow;
  CHECK(verify(l, {&p.inter}, {&p.root}, o).ok());
  o.time_nanos = 250000000;
  CHECK_REFUSED(verify(l, {&p.inter}, {&p.root}, o), Alert::certificate_expired, "expired");
}

TEST_CASE("x509 rules: glasstls pki certificates pass both profiles; RSA servers can encipher keys") {
  for (auto type : {glass::crypto::KeyType::ecdsa_p256, glass::crypto::KeyType::rsa}) {
    x509::PkiOptions po;
    po.key_type = type;
    po.now = kNow;
    glass::crypto::SeededRng rng(5);
    auto pki = x509::make_test_pki(po, rng);
    REQUIRE(pki.ok());
    std::vector<x509::Certificate> anchors = {parse(pki->ca.der)};
    auto server = parse(pki->server.der), client = parse(pki->client.der);
    for (auto profile : {Profile::standard, Profile::strict}) {
      ValidationOptions o;
      o.time = kNow;
      o.profile = profile;
      o.host = "localhost";
      CHECK(x509::validate_path(server, {}, anchors, o).ok());
      o.host.clear();
      o.purpose = Purpose::client_auth;
      // Client names are not server names: CN without SAN is fine in strict too.
      CHECK(x509::validate_path(client, {}, anchors, o).ok());
    }
    auto ku = *server.extensions().key_usage;
    CHECK((ku & x509::key_usage::digital_signature) != 0);
    CHECK(((ku & x509::key_usage::key_encipherment) != 0) == (type == glass::crypto::KeyType::rsa));
    CHECK(*client.extensions().key_usage == x509::key_usage::digital_signature);
  }
}
