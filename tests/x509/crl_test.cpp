// CRLs made by `openssl ca -gencrl` (tests/revocation/openssl_ca.sh): our
// parser reads the fields `openssl crl` prints, verifies the CA's signature,
// marks the CRLs whose scope we do not implement as unusable, and refuses
// truncated or altered encodings without crashing.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "x509/crl.hpp"
#include "x509/certificate_file.hpp"
#include "x509/pem.hpp"
#include "openssl_ca_fixture.hpp"

using namespace xt;
using glass::x509::Crl;
using glass::x509::RevocationReason;

namespace {

std::string crl_field(const std::string& out, const std::string& key) {
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  FAIL("openssl output has no " << key << ": " << out);
  return {};
}

std::string crl_hex(glass::core::ByteView b) {
  static const char* d = "0123456789ABCDEF";
  std::string s;
  for (auto c : b) {
    s += d[c >> 4];
    s += d[c & 15];
  }
  return s;
}

}  // namespace

TEST_CASE("x509: CRLs made by openssl ca -gencrl match what openssl crl prints") {
  const auto& dir = openssl_ca();
  auto ca = glass::x509::load_certificate_file(dir / "ca.pem");
  REQUIRE(ca.ok());
  auto ca_key = (*ca)[0].public_key();
  REQUIRE(ca_key.ok());
  for (std::string name : {"crl-empty", "crl", "crl-inter-revoked", "crl-expired"}) {
    CAPTURE(name);
    std::string path = dir / (name + ".pem");
    Crl crl = load_one_crl(path);
    std::string out = must("openssl crl -in " + path +
                           " -noout -issuer -nameopt RFC2253 -lastupdate -nextupdate "
                           "-crlnumber -dateopt iso_8601");
    CHECK(crl.version() == 2);
    CHECK(crl_field(out, "issuer") == crl.issuer().to_string(true));
    std::string lu = crl_field(out, "lastUpdate"), nu = crl_field(out, "nextUpdate");
    lu[10] = 'T';
    nu[10] = 'T';
    CHECK(lu == glass::x509::der::format_time(crl.this_update()));
    REQUIRE(crl.next_update());
    CHECK(nu == glass::x509::der::format_time(*crl.next_update()));
    REQUIRE(crl.crl_number());
    std::string num = crl_field(out, "crlNumber");
    CHECK(num == "0x" + crl_hex(*crl.crl_number()));
    REQUIRE(crl.authority_key_id());
    REQUIRE((*ca)[0].extensions().subject_key_id);
    CHECK(glass::core::equal(*crl.authority_key_id(), *(*ca)[0].extensions().subject_key_id));
    CHECK_FALSE(crl.unusable());
    CHECK(crl.signature_algorithm_name() == "ecdsa-with-SHA256");
    auto sig = glass::x509::verify_signature(crl, *ca_key->key);
    CHECK_MESSAGE(sig.ok(), (sig.ok() ? "" : sig.error().reason));

    // Revoked entries: serials and reasons as `openssl crl -text` lists them.
    std::string text = must("openssl crl -in " + path + " -noout -text");
    std::regex entry_re("Serial Number: ([0-9A-F]+)\\s+Revocation Date: [^\\n]+\\n"
                        "\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code: \\n?\\s+([A-Za-z ]+)");
    std::vector<std::pair<std::string, std::string>> want;
    for (std::sregex_iterator it(text.begin(), text.end(), entry_re), end; it != end; ++it)
      want.emplace_back((*it)[1].str(), trim((*it)[2].str()));
    std::vector<std::pair<std::string, std::string>> got;
    auto it = crl.revoked();
    glass::x509::RevokedEntry e;
    while (it.next(e)) {
      REQUIRE(e.reason);
      std::string r(glass::x509::reason_name(*e.reason));
      // openssl prints "Key Compromise" / "CA Compromise".
      std::string pretty = r == "keyCompromise" ? "Key Compromise"
                           : r == "cACompromise" ? "CA Compromise" : r;
      got.emplace_back(crl_hex(e.serial), pretty);
      CHECK(e.revocation_date >= crl.this_update() - 60);
    }
    CHECK(got == want);
    CHECK(crl.revoked_count() == want.size());
    CHECK(crl.revoked_count() == (name == "crl-empty"           ? 0u
                                  : name == "crl-inter-revoked" ? 2u
                                  : name == "crl-expired"       ? 1u
                                                                : 1u));
  }
}

TEST_CASE("x509: a CRL lookup finds the revoked certificate's serial and not the others") {
  const auto& dir = openssl_ca();
  Crl crl = load_one_crl(dir / "crl.pem");
  auto revoked = glass::x509::load_certificate_file(dir / "revoked.pem");
  auto good = glass::x509::load_certificate_file(dir / "good.pem");
  REQUIRE(revoked.ok());
  REQUIRE(good.ok());
  auto hit = crl.find((*revoked)[0].serial());
  REQUIRE(hit);
  CHECK(hit->reason == RevocationReason::key_compromise);
  CHECK_FALSE(crl.find((*good)[0].serial()));

  // The same CRL in DER parses to the same fields.
  must("openssl crl -in " + (dir / "crl.pem") + " -outform DER -out " + (dir / "crl.der"));
  Crl der = load_one_crl(dir / "crl.der");
  CHECK(glass::core::equal(der.der(), crl.der()));
  CHECK(der.find((*revoked)[0].serial()));
}

TEST_CASE("x509: CRLs whose scope we do not implement are unusable, with the reason") {
  const auto& dir = openssl_ca();
  struct Case {
    const char* file;
    const char* reason;  // substring of unusable(); empty: usable
  };
  const Case cases[] = {
      {"x-idp_dp", "partitioned CRLs are not supported"},
      {"x-idp_reasons", "onlySomeReasons"},
      {"x-idp_indirect", "indirect CRL"},
      {"x-delta", "delta CRL"},
      {"x-unknown_crit", "unsupported critical extension 1.2.3.4"},
      {"x-unknown_noncrit", ""},
      {"x-idp_user", ""},
      {"x-idp_ca", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    Crl crl = load_one_crl(dir / (std::string(c.file) + ".pem"));
    if (*c.reason) {
      REQUIRE(crl.unusable());
      CHECK(crl.unusable()->find(c.reason) != std::string::npos);
    } else {
      CHECK_FALSE(crl.unusable());
    }
  }
  auto user = load_one_crl(dir / "x-idp_user.pem").issuing_distribution_point();
  REQUIRE(user);
  CHECK(user->only_user_certs);
  CHECK_FALSE(user->only_ca_certs);
  auto ca = load_one_crl(dir / "x-idp_ca.pem").issuing_distribution_point();
  REQUIRE(ca);
  CHECK(ca->only_ca_certs);
}

TEST_CASE("x509: truncated or altered CRL encodings are refused, never crash") {
  const auto& dir = openssl_ca();
  Crl crl = load_one_crl(dir / "crl-inter-revoked.pem");
  Bytes der(crl.der().begin(), crl.der().end());
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto r = Crl::parse(glass::core::ByteView(der.data(), n));
    CHECK_FALSE(r.ok());
  }
  Bytes longer = der;
  longer.push_back(0);
  CHECK_FALSE(Crl::parse(longer).ok());
  // Every single-byte change either fails to parse or still parses to a whole CRL.
  for (std::size_t i = 0; i < der.size(); ++i) {
    Bytes m = der;
    m[i] ^= 0x01;
    auto r = Crl::parse(m);
    if (r) CHECK(r->der().size() == m.size());
  }
  // A certificate is not a CRL, and a PEM file without a CRL block says so.
  auto cert = glass::x509::load_certificate_file(dir / "ca.pem");
  REQUIRE(cert.ok());
  CHECK_FALSE(Crl::parse((*cert)[0].der()).ok());
  auto none = glass::x509::load_crls(xt::read_file(dir / "ca.pem"));
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().reason.find("no X509 CRL") != std::string::npos);
}

TEST_CASE("x509: a remembered CRL signature check still refuses other keys") {
  const auto& dir = openssl_ca();
  Crl crl = load_one_crl(dir / "crl.pem");
  auto ca_key = load_one_cert(dir / "ca.pem").public_key();
  auto other_key = load_one_cert(dir / "inter.pem").public_key();
  REQUIRE(ca_key.ok());
  REQUIRE(other_key.ok());
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    CHECK(glass::x509::verify_signature(crl, *ca_key->key).ok());
    auto wrong = glass::x509::verify_signature(crl, *other_key->key);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().alert == glass::core::Alert::bad_certificate);
  }
  Crl copy = crl;  // copies share what was verified, and still refuse the wrong key
  CHECK(glass::x509::verify_signature(copy, *ca_key->key).ok());
  CHECK_FALSE(glass::x509::verify_signature(copy, *other_key->key).ok());
  // A view (not owned) is checked every time.
  auto view = Crl::parse(crl.der());
  REQUIRE(view.ok());
  CHECK(glass::x509::verify_signature(*view, *ca_key->key).ok());
  CHECK_FALSE(glass::x509::verify_signature(*view, *other_key->key).ok());
}
