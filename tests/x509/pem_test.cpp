#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "x509/pem.hpp"

using namespace glass;
using namespace glass::x509;

namespace {
core::ByteView bv(const std::string& s) { return core::as_bytes(s); }
}  // namespace

TEST_CASE("x509: base64 matches the RFC 4648 section 10 test vectors") {
  const char* vec[][2] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},     {"foo", "Zm9v"},
                          {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (auto& v : vec) {
    CHECK(pem::base64_encode(core::as_bytes(v[0])) == v[1]);
    auto d = pem::base64_decode(v[1]);
    REQUIRE(d.ok());
    CHECK(core::as_chars(*d) == v[0]);
  }
  CHECK(!pem::base64_decode("Zg=").ok());
  CHECK(!pem::base64_decode("Z===").ok());
  CHECK(!pem::base64_decode("Zg==Zg==").ok());
  CHECK(!pem::base64_decode("Zm9*").ok());
}

TEST_CASE("x509: PEM decodes several blocks and ignores text between them") {
  std::string text =
      "Bag Attributes\n    friendlyName: test\n"
      "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"
      "subject=CN = junk between blocks\n\n"
      "-----BEGIN PRIVATE KEY-----\r\nBAUG\r\nBw==\r\n-----END PRIVATE KEY-----\r\n"
      "trailing words";
  auto blocks = pem::decode(bv(text));
  REQUIRE(blocks.ok());
  REQUIRE(blocks->size() == 2);
  CHECK((*blocks)[0].label == "CERTIFICATE");
  CHECK(core::to_hex((*blocks)[0].data) == "010203");
  CHECK((*blocks)[0].line == 3);
  CHECK((*blocks)[1].label == "PRIVATE KEY");
  CHECK(core::to_hex((*blocks)[1].data) == "04050607");
  CHECK((*blocks)[1].line == 8);
}

TEST_CASE("x509: PEM reports malformed base64 with its line number") {
  std::string text = "-----BEGIN CERTIFICATE-----\nAQID\nAQ*D\n-----END CERTIFICATE-----\n";
  auto r = pem::decode(bv(text));
  REQUIRE(!r.ok());
  CHECK(r.error().alert == core::Alert::decode_error);
  CHECK(r.error().reason.find("line 3") != std::string::npos);
  CHECK(r.error().reason.find("invalid base64 character '*'") != std::string::npos);

  std::string after_pad = "-----BEGIN X-----\nAQ==\nAQID\n-----END X-----\n";
  auto r2 = pem::decode(bv(after_pad));
  REQUIRE(!r2.ok());
  CHECK(r2.error().reason.find("line 3") != std::string::npos);

  std::string bad_len = "-----BEGIN X-----\nAQI\n-----END X-----\n";
  auto r3 = pem::decode(bv(bad_len));
  REQUIRE(!r3.ok());
  CHECK(r3.error().reason.find("multiple of 4") != std::string::npos);
}

TEST_CASE("x509: PEM rejects missing and mismatched END lines") {
  auto r1 = pem::decode(bv(std::string("-----BEGIN CERTIFICATE-----\nAQID\n")));
  REQUIRE(!r1.ok());
  CHECK(r1.error().reason.find("no END line") != std::string::npos);
  auto r2 = pem::decode(bv(std::string("-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n")));
  REQUIRE(!r2.ok());
  CHECK(r2.error().reason.find("does not match") != std::string::npos);
  auto r3 = pem::decode(bv(std::string("-----BEGIN A-----\nAQID\n-----BEGIN B-----\nAQID\n-----END B-----\n")));
  REQUIRE(!r3.ok());
  CHECK(r3.error().reason.find("line 3") != std::string::npos);
  auto r4 = pem::decode(bv(std::string("just text\n")));
  REQUIRE(!r4.ok());
  CHECK(r4.error().reason.find("no PEM block") != std::string::npos);
}

TEST_CASE("x509: PEM keeps RFC 1421 headers of legacy encrypted keys") {
  std::string text =
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233\n\nAQID\n"
      "-----END RSA PRIVATE KEY-----\n";
  auto r = pem::decode(bv(text));
  REQUIRE(r.ok());
  CHECK((*r)[0].header("Proc-Type") == "4,ENCRYPTED");
  CHECK((*r)[0].header("DEK-Info") == "AES-128-CBC,00112233");
  CHECK(core::to_hex((*r)[0].data) == "010203");
}

TEST_CASE("x509: PEM encoding round-trips with 64-column lines") {
  core::Bytes data(200);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7);
  std::string text = pem::encode("CERTIFICATE", data);
  CHECK(text.rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
  CHECK(text.find("\n", 28) - 28 == 64);
  auto back = pem::decode(bv(text));
  REQUIRE(back.ok());
  CHECK(core::equal((*back)[0].data, data));
}

TEST_CASE("x509: PEM or DER input is detected") {
  auto der = core::hex("30 03 02 01 05");
  auto r = pem::decode_any(der);
  REQUIRE(r.ok());
  CHECK((*r)[0].from_der);
  CHECK((*r)[0].label.empty());
  CHECK(core::equal((*r)[0].data, der));
  auto junk = core::hex("01 02 03");
  auto j = pem::decode_any(junk);
  REQUIRE(!j.ok());
  CHECK(j.error().reason.find("neither PEM") != std::string::npos);
  CHECK(!pem::decode_any({}).ok());
}
