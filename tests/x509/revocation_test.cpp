// Revocation checking (RFC 5280 6.3) over validated paths, with CRLs made by
// `openssl ca -gencrl` and by our CRL writer: accepted and revoked leaves,
// expired and unusable CRLs, wrong signers, missing CRLs, leaf and chain modes.
#include <doctest/doctest.h>

#include <ctime>

#include "openssl_ca_fixture.hpp"
#include "x509/crl_writer.hpp"
#include "x509/private_key.hpp"
#include "x509/revocation.hpp"

using namespace xt;
using glass::core::Alert;
using glass::x509::CrlCheck;

namespace {

struct Openssl {
  const TempDir& dir = openssl_ca();
  glass::x509::der::Time now = static_cast<glass::x509::der::Time>(std::time(nullptr)) + 5;
  glass::x509::Certificate ca = load_one_cert(dir / "ca.pem");
  glass::x509::Certificate inter = load_one_cert(dir / "inter.pem");

  glass::x509::Certificate cert(const std::string& name) { return load_one_cert(dir / (name + ".pem")); }
  std::vector<glass::x509::Crl> crls(std::initializer_list<std::string> names) {
    std::vector<glass::x509::Crl> out;
    for (const auto& n : names) out.push_back(load_one_crl(dir / (n + ".pem")));
    return out;
  }
  // Validates `leaf` (through the intermediate when needed) to `anchor`, then checks revocation.
  glass::core::Status check(const glass::x509::Certificate& leaf,
                            const std::vector<glass::x509::Crl>& list, CrlCheck mode,
                            const glass::x509::Certificate* anchor = nullptr,
                            std::optional<glass::x509::der::Time> at = std::nullopt) {
    glass::x509::ValidationOptions opt;
    opt.time = now;
    opt.purpose = glass::x509::Purpose::client_auth;
    std::vector<glass::x509::Certificate> inters = {inter}, anchors = {anchor ? *anchor : ca};
    auto path = glass::x509::validate_path(leaf, inters, anchors, opt);
    REQUIRE_MESSAGE(path.ok(), (path.ok() ? "" : path.error().reason));
    return glass::x509::check_revocation(*path, list, mode, at.value_or(now));
  }
};

void expect_fail(const glass::core::Status& st, Alert alert, const std::string& text) {
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == alert);
  CHECK_MESSAGE(st.error().reason.find(text) != std::string::npos, st.error().reason);
}

}  // namespace

TEST_CASE("x509: revocation: openssl CRLs accept a good leaf and refuse the revoked one") {
  Openssl o;
  auto good = o.cert("good"), revoked = o.cert("revoked");
  CHECK(o.check(good, o.crls({"crl"}), CrlCheck::leaf).ok());
  CHECK(o.check(revoked, o.crls({"crl-empty"}), CrlCheck::leaf).ok());
  auto st = o.check(revoked, o.crls({"crl"}), CrlCheck::leaf);
  expect_fail(st, Alert::certificate_revoked,
              "leaf CN=revoked client is revoked (keyCompromise) since ");
  CHECK(st.error().reason.find("by the CRL of CN=Revocation Test CA") != std::string::npos);
  // One covering CRL listing the serial is enough, whatever the others say.
  expect_fail(o.check(revoked, o.crls({"crl-empty", "crl"}), CrlCheck::leaf),
              Alert::certificate_revoked, "is revoked");
  // Without checking, nothing is looked at.
  CHECK(o.check(revoked, o.crls({"crl"}), CrlCheck::none).ok());
}

TEST_CASE("x509: revocation: a missing, expired, not yet valid or unusable CRL is status unknown") {
  Openssl o;
  auto good = o.cert("good");
  expect_fail(o.check(good, {}, CrlCheck::leaf), Alert::certificate_unknown,
              "revocation status of leaf CN=good client is unknown: no CRL from "
              "CN=Revocation Test CA covers this certificate");
  // The intermediate's CRL does not speak for the root's certificates.
  expect_fail(o.check(good, o.crls({"inter-crl"}), CrlCheck::leaf), Alert::certificate_unknown,
              "no CRL from CN=Revocation Test CA covers this certificate");
  expect_fail(o.check(good, o.crls({"crl-expired-empty"}), CrlCheck::leaf),
              Alert::certificate_unknown, "expired 2020-01-08T00:00:00Z (nextUpdate)");
  auto crl = o.crls({"crl"});
  expect_fail(o.check(good, crl, CrlCheck::leaf, nullptr, crl[0].this_update() - 1),
              Alert::certificate_unknown, "is not yet valid (thisUpdate ");
  // nextUpdate itself is already too late (thisUpdate <= time < nextUpdate).
  expect_fail(o.check(good, crl, CrlCheck::leaf, nullptr, *crl[0].next_update()),
              Alert::certificate_unknown, "expired");
  CHECK(o.check(good, crl, CrlCheck::leaf, nullptr, *crl[0].next_update() - 1).ok());
  expect_fail(o.check(good, o.crls({"x-delta"}), CrlCheck::leaf), Alert::certificate_unknown,
              "is unusable: it is a delta CRL");
  expect_fail(o.check(good, o.crls({"x-unknown_crit"}), CrlCheck::leaf),
              Alert::certificate_unknown, "unsupported critical extension");
  // An expired CRL next to a current one does not matter.
  CHECK(o.check(good, o.crls({"crl-expired", "crl"}), CrlCheck::leaf).ok());
}

TEST_CASE("x509: revocation: issuingDistributionPoint scope decides which certificates a CRL covers") {
  Openssl o;
  auto revoked = o.cert("revoked");
  expect_fail(o.check(revoked, o.crls({"x-idp_user"}), CrlCheck::leaf),
              Alert::certificate_revoked, "is revoked (keyCompromise)");
  expect_fail(o.check(revoked, o.crls({"x-idp_ca"}), CrlCheck::leaf), Alert::certificate_unknown,
              "covers only CA certificates");
  // An intermediate is a CA: a user-only CRL does not cover it.
  auto sub = o.cert("sub");
  expect_fail(o.check(sub, o.crls({"inter-crl", "x-idp_user"}), CrlCheck::chain),
              Alert::certificate_unknown,
              "revocation status of intermediate CN=Revocation Test Intermediate is unknown: "
              "the CRL of CN=Revocation Test CA covers only end-entity certificates");
  CHECK(o.check(sub, o.crls({"inter-crl", "x-idp_ca"}), CrlCheck::chain).ok());
}

TEST_CASE("x509: revocation: leaf mode checks the leaf only, chain mode every certificate below the anchor") {
  Openssl o;
  auto sub = o.cert("sub");
  CHECK(o.check(sub, o.crls({"inter-crl"}), CrlCheck::leaf).ok());
  CHECK(o.check(sub, o.crls({"inter-crl", "crl-inter-revoked"}), CrlCheck::leaf).ok());
  expect_fail(o.check(sub, o.crls({"inter-crl", "crl-inter-revoked"}), CrlCheck::chain),
              Alert::certificate_revoked,
              "intermediate CN=Revocation Test Intermediate is revoked (cACompromise)");
  CHECK(o.check(sub, o.crls({"inter-crl", "crl-empty"}), CrlCheck::chain).ok());
  expect_fail(o.check(sub, o.crls({"inter-crl"}), CrlCheck::chain), Alert::certificate_unknown,
              "no CRL from CN=Revocation Test CA covers this certificate");
  // The leaf's issuer is the intermediate: the root's CRL alone does not cover it.
  expect_fail(o.check(sub, o.crls({"crl-empty"}), CrlCheck::leaf), Alert::certificate_unknown,
              "no CRL from CN=Revocation Test Intermediate covers");
}

TEST_CASE("x509: revocation: a CRL signer without cRLSign or with another key does not count") {
  Openssl o;
  auto good = o.cert("good");
  // Same name and key as the CA, but keyUsage keyCertSign only.
  auto nocrlsign = o.cert("ca-nocrlsign");
  expect_fail(o.check(good, o.crls({"crl"}), CrlCheck::leaf, &nocrlsign),
              Alert::certificate_unknown, "may not sign CRLs (keyUsage Certificate Sign lacks cRLSign)");

  // A CRL in the CA's name signed by another key.
  glass::x509::CrlTemplate t;
  t.issuer_der = glass::core::to_bytes(o.ca.subject().der());
  t.this_update = o.now - 60;
  t.next_update = o.now + 3600;
  t.crl_number = Bytes{0x01};
  glass::crypto::SeededRng rng(3);
  auto der = glass::x509::build_crl(t, ec(5), glass::x509::default_algorithm(ec(5)), rng);
  REQUIRE(der.ok());
  auto forged = glass::x509::Crl::parse_owned(*der);
  REQUIRE(forged.ok());
  expect_fail(o.check(good, {*forged}, CrlCheck::leaf), Alert::certificate_unknown,
              "the CRL naming CN=Revocation Test CA as issuer is not signed by it");
  // With an AKI naming another key, it is not even tried.
  t.authority_key_id = Bytes(20, 0xab);
  der = glass::x509::build_crl(t, ec(5), glass::x509::default_algorithm(ec(5)), rng);
  REQUIRE(der.ok());
  forged = glass::x509::Crl::parse_owned(*der);
  REQUIRE(forged.ok());
  expect_fail(o.check(good, {*forged}, CrlCheck::leaf), Alert::certificate_unknown,
              "names another key of that CA");
}

TEST_CASE("x509: revocation: CRLs from our writer: reasons, invalidity dates, indirect entries") {
  Node root = make("CN=Writer Root", ec(0), nullptr, Kind::ca);
  Node leaf = make("CN=Writer Leaf", ec(1), &root, Kind::leaf);
  auto root_c = parse(root.der), leaf_c = parse(leaf.der);
  glass::x509::ValidationOptions opt;
  opt.time = kNow;
  std::vector<glass::x509::Certificate> none, anchors = {root_c};
  auto path = glass::x509::validate_path(leaf_c, none, anchors, opt);
  REQUIRE(path.ok());

  glass::x509::der::Reader sr(leaf_c.fields().serial);
  auto mag = sr.unsigned_integer("serial");
  REQUIRE(mag.ok());
  glass::x509::CrlTemplate t;
  t.issuer_der = glass::core::to_bytes(root_c.subject().der());
  t.this_update = kNow - 3600;
  t.next_update = kNow + 3600;
  t.crl_number = Bytes{0x02};
  REQUIRE(root_c.extensions().subject_key_id);
  t.authority_key_id = glass::core::to_bytes(*root_c.extensions().subject_key_id);
  glass::x509::CrlEntryTemplate e;
  e.serial = glass::core::to_bytes(*mag);
  e.revocation_date = glass::x509::der::make_time(2026, 3, 1, 0, 0, 0);
  e.reason = glass::x509::RevocationReason::certificate_hold;
  e.invalidity_date = glass::x509::der::make_time(2026, 2, 27, 12, 0, 0);
  t.entries.push_back(e);
  glass::crypto::SeededRng rng(4);
  auto sign = [&](const glass::x509::CrlTemplate& tt) {
    auto der = glass::x509::build_crl(tt, ec(0), glass::x509::default_algorithm(ec(0)), rng);
    REQUIRE(der.ok());
    auto c = glass::x509::Crl::parse_owned(*der);
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().reason));
    return *c;
  };
  auto crl = sign(t);
  auto hit = crl.find(leaf_c.serial());
  REQUIRE(hit);
  CHECK(hit->invalidity_date == e.invalidity_date);
  auto st = glass::x509::check_revocation(*path, std::vector{crl}, CrlCheck::leaf, kNow);
  expect_fail(st, Alert::certificate_revoked,
              "leaf CN=Writer Leaf is revoked (certificateHold) since 2026-03-01T00:00:00Z by the "
              "CRL of CN=Writer Root");
  // openssl reads our CRL the same way.
  TempDir dir;
  write_file(dir / "w.der", std::string(crl.der().begin(), crl.der().end()));
  std::string text = must("openssl crl -inform DER -in " + (dir / "w.der") + " -noout -text");
  CHECK(text.find("Certificate Hold") != std::string::npos);
  CHECK(text.find("Invalidity Date") != std::string::npos);
  CHECK(text.find("Feb 27 12:00:00 2026 GMT") != std::string::npos);

  // certificateIssuer (an indirect CRL) is not supported: the CRL is unusable.
  auto indirect = t;
  indirect.entries[0].extra.push_back({"2.5.29.29", true, Bytes{0x30, 0x00}});
  auto icrl = sign(indirect);
  REQUIRE(icrl.unusable());
  CHECK(icrl.unusable()->find("indirect CRL") != std::string::npos);
  // An unknown critical entry extension too; a non-critical one is ignored.
  auto crit = t;
  crit.entries[0].extra.push_back({"1.2.3.4", true, Bytes{0x05, 0x00}});
  CHECK(sign(crit).unusable());
  auto noncrit = t;
  noncrit.entries[0].extra.push_back({"1.2.3.4", false, Bytes{0x05, 0x00}});
  CHECK_FALSE(sign(noncrit).unusable());
  // A CRL without nextUpdate never goes stale, so it is not trusted either.
  auto open_ended = t;
  open_ended.next_update.reset();
  auto ocrl = sign(open_ended);
  REQUIRE(ocrl.unusable());
  expect_fail(glass::x509::check_revocation(*path, std::vector{ocrl}, CrlCheck::leaf, kNow),
              Alert::certificate_unknown, "no nextUpdate");
  // removeFromCRL belongs to delta CRLs only.
  auto remove = t;
  remove.entries[0].reason = glass::x509::RevocationReason::remove_from_crl;
  auto der = glass::x509::build_crl(remove, ec(0), glass::x509::default_algorithm(ec(0)), rng);
  REQUIRE(der.ok());
  CHECK_FALSE(glass::x509::Crl::parse(*der).ok());
}
