// Certificate parsing (strict DER, fields, extensions, offsets), names, host
// name matching and IP parsing, on certificates made with our builder.
#include <doctest/doctest.h>

#include "core/hex.hpp"
#include "x509/certificate_file.hpp"
#include "x509/hostname.hpp"
#include "x509/pem.hpp"
#include "x509/private_key.hpp"
#include "x509/name.hpp"
#include "x509/public_key.hpp"
#include "x509/signature_algorithm.hpp"
#include "x509_test_util.hpp"

using namespace xt;
using glass::core::Alert;
using glass::core::hex;
using glass::x509::CertificateTemplate;

namespace {

std::string reason_of(const glass::core::Result<glass::x509::Certificate>& r) {
  return r.ok() ? std::string("(parsed)") : r.error().reason;
}

// Re-signs nothing: swaps bytes in a DER image (for structural negatives).
Bytes replace_once(const Bytes& in, const Bytes& from, const Bytes& to) {
  auto it = std::search(in.begin(), in.end(), from.begin(), from.end());
  REQUIRE(it != in.end());
  Bytes out(in.begin(), it);
  out.insert(out.end(), to.begin(), to.end());
  out.insert(out.end(), it + static_cast<std::ptrdiff_t>(from.size()), in.end());
  return out;
}

}  // namespace

TEST_CASE("x509: certificate fields parse as views into the DER") {
  Node root = make("CN=Root CA,O=Glass Test,C=DE", ec(0), nullptr, Kind::ca);
  Node leaf = make("CN=leaf.example.com,O=Glass Test", ec(2), &root, Kind::leaf,
                   [](CertificateTemplate& t) {
                     t.serial = hex("00ff0102030405060708090a0b0c0d0e0f10111213");
                     t.subject_alt_names = {glass::x509::dns("leaf.example.com"),
                                            glass::x509::dns("*.leaf.example.com"),
                                            glass::x509::ip("192.0.2.7"),
                                            glass::x509::ip("2001:db8::7"),
                                            glass::x509::email("ops@example.com"),
                                            glass::x509::uri("https://example.com/x")};
                   });
  auto c = parse(leaf.der);
  CHECK(c.version() == 3);
  CHECK(c.serial_hex() == "00:ff:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13");
  CHECK(c.subject().to_string() == "CN=leaf.example.com,O=Glass Test");
  CHECK(c.issuer().to_string() == "CN=Root CA,O=Glass Test,C=DE");
  CHECK(c.subject().common_name() == "leaf.example.com");
  CHECK(c.not_before() == kStart);
  CHECK(c.not_after() == kEnd);
  CHECK(c.signature_algorithm_name() == "ecdsa-with-SHA256");
  CHECK(glass::x509::oid::name(c.public_key_algorithm()) == "id-ecPublicKey");
  auto pk = c.public_key();
  REQUIRE(pk.ok());
  CHECK(pk->type == glass::crypto::KeyType::ecdsa_p256);
  CHECK(glass::x509::verify_signature(c, ec(0).public_key()).ok());
  CHECK_FALSE(glass::x509::verify_signature(c, ec(2).public_key()).ok());

  const auto& e = c.extensions();
  REQUIRE(e.basic_constraints);
  CHECK_FALSE(e.basic_constraints->ca);
  REQUIRE(e.key_usage);
  CHECK(*e.key_usage == glass::x509::key_usage::digital_signature);
  CHECK(e.eku_server_auth);
  CHECK(e.eku_client_auth);
  CHECK_FALSE(e.eku_any);
  REQUIRE(e.subject_key_id);
  REQUIRE(e.authority_key_id);
  auto root_c = parse(root.der);
  CHECK(glass::core::equal(*e.authority_key_id, *root_c.extensions().subject_key_id));
  std::vector<std::string> sans;
  glass::x509::GeneralNameIterator it(*e.subject_alt_name);
  glass::x509::GeneralName g;
  while (it.next(g)) sans.push_back(glass::x509::general_name_to_string(g));
  CHECK(sans == std::vector<std::string>{"DNS:leaf.example.com", "DNS:*.leaf.example.com",
                                         "IP Address:192.0.2.7", "IP Address:2001:db8::7",
                                         "email:ops@example.com", "URI:https://example.com/x"});

  // Spans point into the input and offsets add up.
  const auto& f = c.fields();
  CHECK(f.certificate.data() == leaf.der.data());
  CHECK(c.offset_of(f.tbs) == 4);
  CHECK(c.offset_of(f.signature_algorithm) == c.offset_of(f.tbs) + f.tbs.size());
  CHECK(c.offset_of(f.issuer) < c.offset_of(f.subject));
  CHECK(f.not_before.size() == 15);  // UTCTime 17 0d YYMMDDHHMMSSZ
  CHECK(c.offset_of(f.not_after) == c.offset_of(f.not_before) + 15);

  auto rc = parse(root.der);
  CHECK(rc.is_ca());
  CHECK(rc.self_issued());
}

TEST_CASE("x509: certificate_fields finds the issuer and subject a full parse finds") {
  Node root = make("CN=Root CA,O=Glass Test,C=DE", ec(0), nullptr, Kind::ca);
  Node leaf = make("CN=peek.example.com", ec(2), &root, Kind::leaf);
  for (const Bytes* der : {&root.der, &leaf.der}) {
    auto c = parse(*der);
    auto n = glass::x509::certificate_fields(*der);
    REQUIRE(n.ok());
    CHECK(glass::core::equal(n->issuer, c.issuer().der()));
    CHECK(glass::core::equal(n->subject, c.subject().der()));
  }
  // Cut inside the validity: the subject is not there, so no names.
  auto c = parse(leaf.der);
  const std::size_t cut = c.subject().der().data() - leaf.der.data();
  auto short_one = glass::x509::certificate_fields(Bytes(leaf.der.begin(), leaf.der.begin() + cut));
  CHECK(!short_one.ok());
  CHECK(!glass::x509::certificate_fields(Bytes{0x30, 0x03, 0x02, 0x01, 0x01}).ok());
}

TEST_CASE("x509: certificate parsing rejects duplicate extensions") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca, [](CertificateTemplate& t) {
    // A second basicConstraints through the raw extension list.
    t.extra.push_back({std::string(glass::x509::oid::ext_basic_constraints), true,
                       hex("3003 0101ff")});
  });
  auto r = glass::x509::Certificate::parse(root.der);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().alert == Alert::bad_certificate);
  CHECK(r.error().reason.find("duplicate extension basicConstraints") != std::string::npos);
}

TEST_CASE("x509: certificate parsing rejects malformed and non-DER encodings") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  // Truncation anywhere is a decode_error, never a crash.
  for (std::size_t n = 0; n < root.der.size(); n += 7) {
    Bytes cut(root.der.begin(), root.der.begin() + static_cast<std::ptrdiff_t>(n));
    auto r = glass::x509::Certificate::parse(cut);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == Alert::decode_error);
  }
  // Trailing data after the certificate.
  Bytes extra = root.der;
  extra.push_back(0);
  CHECK_FALSE(glass::x509::Certificate::parse(extra).ok());

  // basicConstraints with an explicit default cA FALSE (30 03 01 01 00) is not DER.
  Node leaf = make("CN=x", ec(2), &root, Kind::leaf, [](CertificateTemplate& t) {
    t.basic_constraints.reset();
    t.extra.push_back({std::string(glass::x509::oid::ext_basic_constraints), true,
                       hex("3003 010100")});
  });
  auto r = glass::x509::Certificate::parse(leaf.der);
  REQUIRE_FALSE(r.ok());
  CHECK(reason_of(r).find("default cA FALSE") != std::string::npos);

  // TBS signature algorithm different from the outer one.
  auto c = parse(root.der);
  Bytes alg = glass::core::to_bytes(c.fields().tbs_signature);
  Bytes other = glass::x509::encode_signature_algorithm(
      {glass::crypto::SigAlgorithm::Kind::ecdsa, glass::crypto::HashAlg::sha384,
       glass::crypto::HashAlg::sha384, 0});
  REQUIRE(alg.size() == other.size());
  Bytes swapped = replace_once(root.der, alg, other);  // replaces the TBS copy only
  auto m = glass::x509::Certificate::parse(swapped);
  REQUIRE_FALSE(m.ok());
  CHECK(reason_of(m).find("signatureAlgorithm differs") != std::string::npos);
}

TEST_CASE("x509: signature algorithm parsing follows RFC 4055 and rejects unsupported combos") {
  using glass::x509::parse_signature_algorithm;
  // sha256WithRSAEncryption with NULL and with absent parameters.
  CHECK(parse_signature_algorithm(hex("300d06092a864886f70d01010b0500")).ok());
  CHECK(parse_signature_algorithm(hex("300b06092a864886f70d01010b")).ok());
  // ecdsa-with-SHA256 must have absent parameters.
  CHECK(parse_signature_algorithm(hex("300a06082a8648ce3d040302")).ok());
  CHECK_FALSE(parse_signature_algorithm(hex("300c06082a8648ce3d0403020500")).ok());
  // RSASSA-PSS without parameters means SHA-1 defaults: unsupported, with the reason.
  auto pss_default = parse_signature_algorithm(hex("300b06092a864886f70d01010a"));
  REQUIRE_FALSE(pss_default.ok());
  CHECK(pss_default.error().alert == Alert::unsupported_certificate);
  CHECK(pss_default.error().reason.find("SHA-1") != std::string::npos);
  // PSS SHA-256 / MGF1 SHA-256 / salt 32 round-trips through our encoder.
  glass::crypto::SigAlgorithm pss{glass::crypto::SigAlgorithm::Kind::rsa_pss,
                                  glass::crypto::HashAlg::sha256, glass::crypto::HashAlg::sha256,
                                  32};
  auto enc = glass::x509::encode_signature_algorithm(pss);
  auto back = parse_signature_algorithm(enc);
  REQUIRE(back.ok());
  CHECK(back->salt_len == 32);
  CHECK(back->mgf1_hash == glass::crypto::HashAlg::sha256);
  // Mismatched MGF1 hash is refused by name.
  pss.mgf1_hash = glass::crypto::HashAlg::sha384;
  auto mixed = parse_signature_algorithm(glass::x509::encode_signature_algorithm(pss));
  REQUIRE_FALSE(mixed.ok());
  CHECK(mixed.error().reason.find("MGF1 SHA-384") != std::string::npos);
  // sha1WithRSAEncryption and md5 are unsupported.
  auto sha1 = parse_signature_algorithm(hex("300d06092a864886f70d0101050500"));
  REQUIRE_FALSE(sha1.ok());
  CHECK(sha1.error().alert == Alert::unsupported_certificate);
  auto md5 = parse_signature_algorithm(hex("300d06092a864886f70d0101040500"));
  REQUIRE_FALSE(md5.ok());
  CHECK(md5.error().reason.find("1.2.840.113549.1.1.4") != std::string::npos);
}

TEST_CASE("x509: names print as RFC 4514 and parse back from text") {
  auto der = glass::x509::name_from_string("CN=Doe\\, John+UID=jd,OU=R&D,O=Example \\#1,C=DE");
  REQUIRE(der.ok());
  auto n = glass::x509::Name::parse(*der);
  REQUIRE(n.ok());
  CHECK(n->rdn_count() == 4);
  CHECK(n->to_string() == "CN=Doe\\, John+UID=jd,OU=R&D,O=Example #1,C=DE");
  CHECK(n->common_name() == "Doe, John");
  auto lead = glass::x509::name_from_string("CN=\\#hash\\20");
  REQUIRE(lead.ok());
  CHECK(glass::x509::Name::parse(*lead)->to_string() == "CN=\\#hash\\ ");
  auto utf = glass::x509::name_from_string("CN=Jos\xc3\xa9");
  REQUIRE(utf.ok());
  CHECK(glass::x509::Name::parse(*utf)->to_string() == "CN=Jos\xc3\xa9");
  CHECK(glass::x509::Name::parse(*utf)->to_string(true) == "CN=Jos\\C3\\A9");
  // Unknown attribute types print as dotted OID = #hex of the value.
  auto odd = glass::x509::name_from_string("1.2.3.4=abc");
  REQUIRE(odd.ok());
  CHECK(glass::x509::Name::parse(*odd)->to_string() == "1.2.3.4=#0C03616263");
}

TEST_CASE("x509: names with broken UTF8String, BMPString or UniversalString contents are refused") {
  // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3 (CN), <tag> <value> } } }
  auto name = [](std::uint8_t tag, std::vector<std::uint8_t> v) {
    std::vector<std::uint8_t> atv = {0x06, 0x03, 0x55, 0x04, 0x03, tag, static_cast<std::uint8_t>(v.size())};
    atv.insert(atv.end(), v.begin(), v.end());
    std::vector<std::uint8_t> set = {0x30, static_cast<std::uint8_t>(atv.size())};
    set.insert(set.end(), atv.begin(), atv.end());
    std::vector<std::uint8_t> rdn = {0x31, static_cast<std::uint8_t>(set.size())};
    rdn.insert(rdn.end(), set.begin(), set.end());
    std::vector<std::uint8_t> out = {0x30, static_cast<std::uint8_t>(rdn.size())};
    out.insert(out.end(), rdn.begin(), rdn.end());
    return out;
  };
  auto refused = [&](std::uint8_t tag, std::vector<std::uint8_t> v, const char* type) {
    auto der = name(tag, std::move(v));
    auto n = glass::x509::Name::parse(glass::core::ByteView(der.data(), der.size()));
    REQUIRE_FALSE(n.ok());
    CHECK(n.error().reason.find(std::string("invalid ") + type + " contents at offset 11") != std::string::npos);
  };
  refused(0x0c, {'G', 0xff, 'z'}, "UTF8String");          // 0xff never occurs in UTF-8
  refused(0x0c, {0xc0, 0xaf}, "UTF8String");              // overlong '/'
  refused(0x0c, {0xed, 0xa0, 0x80}, "UTF8String");        // a surrogate
  refused(0x1e, {0x00, 'a', 0x00}, "BMPString");          // odd length
  refused(0x1e, {0xd8, 0x00}, "BMPString");               // a surrogate
  refused(0x1c, {0x00, 0x00, 0x00, 'a', 0x00}, "UniversalString");  // not a multiple of 4
  refused(0x1c, {0x00, 0x11, 0x00, 0x00}, "UniversalString");        // beyond U+10FFFF
  // 8-bit text in PrintableString / IA5String stays readable: real certificates carry it.
  auto latin = name(0x13, {'J', 'o', 's', 0xe9});
  auto n = glass::x509::Name::parse(glass::core::ByteView(latin.data(), latin.size()));
  REQUIRE(n.ok());
  CHECK(n->to_string() == "CN=#13044A6F73E9");
  // A constructed value is ANY and kept as bytes, but must hold complete DER
  // elements (OpenSSL does not look inside; a differential finding).
  auto seq = name(0x30, {0x04, 0x01, 'x'});
  auto s = glass::x509::Name::parse(glass::core::ByteView(seq.data(), seq.size()));
  REQUIRE(s.ok());
  CHECK(s->to_string() == "CN=#3003040178");
  auto cut = name(0x30, {0x47, 0x6c, 'l', 'a'});
  auto c = glass::x509::Name::parse(glass::core::ByteView(cut.data(), cut.size()));
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().reason.find("constructed value at offset 11 does not hold complete DER elements") !=
        std::string::npos);
  CHECK(c.error().reason.find("truncated") != std::string::npos);
  // Primitive values with rules of their own are checked as such (a BIT STRING
  // with 8 unused bits was a differential finding).
  auto bits = name(0x03, {0x08, 0xff});
  auto b = glass::x509::Name::parse(glass::core::ByteView(bits.data(), bits.size()));
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().reason.find("unused-bits octet above 7") != std::string::npos);
  auto wide = name(0x02, {0x00, 0x01});
  auto w = glass::x509::Name::parse(glass::core::ByteView(wide.data(), wide.size()));
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().reason.find("non-minimal INTEGER") != std::string::npos);
  auto odd = name(0x30, {0x1e, 0x01, 'x'});  // a BMPString of odd length inside a SEQUENCE
  auto o = glass::x509::Name::parse(glass::core::ByteView(odd.data(), odd.size()));
  REQUIRE_FALSE(o.ok());
  CHECK(o.error().reason.find("BMPString of odd length") != std::string::npos);
  auto good = name(0x1e, {0x00, 'h', 0x00, 'i'});
  auto g = glass::x509::Name::parse(glass::core::ByteView(good.data(), good.size()));
  REQUIRE(g.ok());
  CHECK(g->to_string() == "CN=hi");
}

TEST_CASE("x509: name matching folds case and spaces (RFC 5280 7.1)") {
  auto a = glass::x509::name_from_string("CN=Issuing  CA,O=Example");
  auto b = glass::x509::name_from_string("CN= issuing ca ,O=EXAMPLE");
  auto c = glass::x509::name_from_string("CN=Issuing CA,O=Other");
  REQUIRE((a.ok() && b.ok() && c.ok()));
  auto na = *glass::x509::Name::parse(*a);
  auto nb = *glass::x509::Name::parse(*b);
  auto nc = *glass::x509::Name::parse(*c);
  CHECK(na.matches(nb));
  CHECK_FALSE(na.matches(nc));
  // Plain ASCII values are compared without decoding; the verdicts must not change.
  auto same = [](const char* x, const char* y) {
    auto dx = glass::x509::name_from_string(x), dy = glass::x509::name_from_string(y);
    REQUIRE((dx.ok() && dy.ok()));
    return glass::x509::Name::parse(*dx)->matches(*glass::x509::Name::parse(*dy));
  };
  CHECK(same("CN=a  b", "CN=A B"));
  CHECK_FALSE(same("CN=Issuing CA", "CN=Issuing CA2"));
  CHECK_FALSE(same("CN=Issuing CA2", "CN=Issuing CA"));
  CHECK_FALSE(same("CN=ab", "CN=a b"));
  CHECK(same("CN=Zürich CA", "CN=zürich ca"));  // non-ASCII: the decoding path decides
  CHECK_FALSE(same("CN=Zürich CA", "CN=Zurich CA"));
  auto base = *glass::x509::name_from_string("O=Example");
  CHECK(na.within(*glass::x509::Name::parse(base)));
  CHECK_FALSE(nc.within(*glass::x509::Name::parse(base)));
}

TEST_CASE("x509: host name matching follows RFC 9525 wildcard rules") {
  using glass::x509::dns_name_matches;
  CHECK(dns_name_matches("www.example.com", "www.example.com"));
  CHECK(dns_name_matches("WWW.Example.com", "www.EXAMPLE.com"));
  CHECK(dns_name_matches("www.example.com.", "www.example.com"));
  CHECK(dns_name_matches("*.example.com", "www.example.com"));
  CHECK(dns_name_matches("*.example.com", "WWW.example.com"));
  // One label only, never the bare domain.
  CHECK_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", ".example.com"));
  // Wildcard only as the whole leftmost label.
  CHECK_FALSE(dns_name_matches("w*.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("*w.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("www.*.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("**.example.com", "www.example.com"));
  // Not on two-label (public-suffix-like) names.
  CHECK_FALSE(dns_name_matches("*.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*", "example"));
  // A wildcard in the reference is never a match.
  CHECK_FALSE(dns_name_matches("*.example.com", "*.example.com"));
  CHECK_FALSE(dns_name_matches("", "example.com"));
  CHECK_FALSE(dns_name_matches("example.com", ""));
}

TEST_CASE("x509: IP literals parse in v4 and v6 forms and print canonically") {
  using glass::x509::ip_to_string;
  using glass::x509::parse_ip;
  CHECK(*parse_ip("192.0.2.1") == hex("c0000201"));
  CHECK_FALSE(parse_ip("192.0.2"));
  CHECK_FALSE(parse_ip("192.0.2.256"));
  CHECK_FALSE(parse_ip("192.0.02.1"));
  CHECK(*parse_ip("::1") == hex("00000000000000000000000000000001"));
  CHECK(*parse_ip("2001:DB8::") == hex("20010db8000000000000000000000000"));
  CHECK(*parse_ip("::ffff:192.0.2.1") == hex("00000000000000000000ffffc0000201"));
  CHECK(*parse_ip("1:2:3:4:5:6:7:8") == hex("00010002000300040005000600070008"));
  CHECK_FALSE(parse_ip("1:2:3:4:5:6:7:8:9"));
  CHECK_FALSE(parse_ip("1::2::3"));
  CHECK_FALSE(parse_ip(":1"));
  CHECK_FALSE(parse_ip("1:"));
  CHECK_FALSE(parse_ip("example.com"));
  CHECK(ip_to_string(hex("20010db8000000000000000000000001")) == "2001:db8::1");
  CHECK(ip_to_string(hex("00000000000000000000000000000000")) == "::");
  CHECK(ip_to_string(hex("20010db8000100000001000000000001")) == "2001:db8:1:0:1::1");
}

TEST_CASE("x509: certificate files load from PEM bundles and DER, naming the bad block") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node leaf = make("CN=leaf.example.com", ec(2), &root, Kind::leaf);
  std::string pem = "comment line\n" + glass::x509::pem::encode("CERTIFICATE", leaf.der) +
                    "text between blocks\n" + glass::x509::pem::encode("CERTIFICATE", root.der);
  auto both = glass::x509::load_certificates(glass::core::as_bytes(pem));
  REQUIRE(both.ok());
  REQUIRE(both->size() == 2);
  CHECK((*both)[0].subject().to_string() == "CN=leaf.example.com");
  CHECK((*both)[1].subject().to_string() == "CN=Root");
  auto der = glass::x509::load_certificates(root.der);
  REQUIRE(der.ok());
  CHECK(der->size() == 1);
  Bytes cut(root.der.begin(), root.der.end() - 3);
  std::string bad = glass::x509::pem::encode("CERTIFICATE", leaf.der) +
                    glass::x509::pem::encode("CERTIFICATE", cut);
  auto r = glass::x509::load_certificates(glass::core::as_bytes(bad));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().reason.rfind("certificate 2 (PEM line", 0) == 0);
  CHECK_FALSE(glass::x509::load_certificates(glass::core::as_bytes("no certificates here")).ok());
}

TEST_CASE("x509: cRLDistributionPoints is checked for shape, and a critical one stays unprocessed") {
  using glass::core::hex;
  glass::x509::Extensions ok;
  // One DistributionPoint, fullName = URI http://x.test/c.crl (what openssl writes).
  auto good = hex("30240603551d1f041d301b3019a017a0158613687474703a2f2f782e746573742f632e63726c");
  REQUIRE(glass::x509::parse_extensions(good, 0, ok).ok());
  CHECK_FALSE(ok.unknown_critical.has_value());
  // reasons alone is not a DistributionPoint (RFC 5280 4.2.1.13); a differential
  // finding was a nameConstraints body under this OID, which OpenSSL refuses.
  glass::x509::Extensions bad;
  auto only_reasons = glass::x509::parse_extensions(hex("300f0603551d1f04083006300481020780"), 0, bad);
  REQUIRE_FALSE(only_reasons.ok());
  CHECK(only_reasons.error().reason.find("needs distributionPoint or cRLIssuer") != std::string::npos);
  // Well-formed but critical: parsed, and left for path validation to refuse
  // (we do not check revocation, so we do not claim to process it).
  glass::x509::Extensions crit;
  auto c = glass::x509::parse_extensions(hex("30270603551d1f0101ff041d301b3019a017a0158613687474703a2f2f782e746573742f632e63726c"), 0, crit);
  REQUIRE(c.ok());
  CHECK(crit.unknown_critical.has_value());
}

TEST_CASE("x509: unique identifiers must be well-formed BIT STRINGs") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  auto with_ids = [&](Bytes issuer_id, Bytes subject_id) {
    return make("CN=x", ec(2), &root, Kind::leaf, [&](CertificateTemplate& t) {
      t.issuer_unique_id = issuer_id;
      t.subject_unique_id = subject_id;
    });
  };
  // Well-formed: kept as written, shown by the field view.
  Node ok = with_ids(hex("00abcd"), hex("04f0"));
  auto c = parse(ok.der);
  CHECK(glass::core::to_hex(c.fields().issuer_unique_id) == "810300abcd");
  CHECK(glass::core::to_hex(c.fields().subject_unique_id) == "820204f0");
  // A differential finding: OpenSSL refuses an unused-bits octet above 7; so do we.
  auto r = glass::x509::Certificate::parse(with_ids(hex("08ff"), hex("00")).der);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().alert == Alert::decode_error);
  CHECK(reason_of(r).find("issuerUniqueID") != std::string::npos);
  CHECK(reason_of(r).find("unused-bits octet above 7") != std::string::npos);
  auto empty = glass::x509::Certificate::parse(with_ids(hex("00"), Bytes{}).der);
  REQUIRE_FALSE(empty.ok());
  CHECK(reason_of(empty).find("subjectUniqueID") != std::string::npos);
  auto padding = glass::x509::Certificate::parse(with_ids(hex("0101"), hex("00")).der);
  REQUIRE_FALSE(padding.ok());
  CHECK(reason_of(padding).find("padding bits must be zero") != std::string::npos);
}

TEST_CASE("x509: ANY values kept as bytes are still DER inside (parameters, otherName)") {
  using glass::core::hex;
  // Unknown key algorithm whose parameters are a constructed [UNIVERSAL 29]
  // holding a truncated element: a differential finding (OpenSSL refuses it).
  auto spki = glass::x509::parse_spki(hex("3016301006072a8648ce0206013d052b8104002203020000"));
  REQUIRE_FALSE(spki.ok());
  CHECK(spki.error().reason.find("parameters: constructed value at offset 13 does not hold complete DER elements") !=
        std::string::npos);
  // otherName (a UPN): the value must be one DER element, strings primitive.
  glass::x509::Extensions ok;
  REQUIRE(glass::x509::parse_extensions(
              hex("301e0603551d1104173015a013060a2b060104018237140203a0050c03614062"), 0, ok)
              .ok());
  glass::x509::Extensions bad;
  auto constructed = glass::x509::parse_extensions(
      hex("30200603551d1104193017a015060a2b060104018237140203a0072c050c03614062"), 0, bad);
  REQUIRE_FALSE(constructed.ok());
  CHECK(constructed.error().reason.find("UTF8String with the constructed bit (tag 0x2c) is not DER") !=
        std::string::npos);
  auto truncated = glass::x509::parse_extensions(
      hex("301d0603551d1104163014a012060a2b060104018237140203a00430020405"), 0, bad);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().reason.find("otherName.value: constructed value") != std::string::npos);
  // ediPartyName: [0] and [1] hold one DirectoryString each (a differential
  // finding: a Name in its place, which OpenSSL refuses).
  glass::x509::Extensions edi;
  REQUIRE(glass::x509::parse_extensions(hex("30100603551d1104093007a505a1030c0178"), 0, edi).ok());
  REQUIRE(glass::x509::parse_extensions(hex("30150603551d11040e300ca50aa0030c0161a1030c0178"), 0, edi).ok());
  auto not_edi = glass::x509::parse_extensions(hex("30100603551d1104093007a5053003310100"), 0, bad);
  REQUIRE_FALSE(not_edi.ok());
  CHECK(not_edi.error().reason.find("ediPartyName.partyName") != std::string::npos);
  auto not_string = glass::x509::parse_extensions(hex("30100603551d1104093007a505a103020105"), 0, bad);
  REQUIRE_FALSE(not_string.ok());
  CHECK(not_string.error().reason.find("not a DirectoryString") != std::string::npos);
  // registeredID is an OBJECT IDENTIFIER under [8] and must decode as one.
  REQUIRE(glass::x509::parse_extensions(hex("300e0603551d110407300588032a0304"), 0, edi).ok());
  auto bad_oid = glass::x509::parse_extensions(hex("300d0603551d110406300488028001"), 0, bad);
  REQUIRE_FALSE(bad_oid.ok());
  CHECK(bad_oid.error().reason.find("registeredID: non-minimal OBJECT IDENTIFIER arc") != std::string::npos);
}
