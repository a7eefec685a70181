#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "x509/der.hpp"
#include "x509/oid.hpp"

using namespace glass;
using namespace glass::x509;
using core::hex;

TEST_CASE("x509: DER reader walks nested elements with absolute offsets") {
  // SEQUENCE { INTEGER 5, OCTET STRING 'ab', BOOLEAN TRUE }
  auto b = hex("30 0a 02 01 05 04 02 61 62 01 01 ff");
  der::Reader r(b);
  auto seq = r.sequence("outer");
  REQUIRE(seq.ok());
  CHECK(seq->offset() == 2);
  CHECK(*seq->small_integer("i") == 5);
  CHECK(seq->offset() == 5);
  CHECK(core::as_chars(*seq->octet_string("s")) == "ab");
  CHECK(*seq->boolean("b") == true);
  CHECK(seq->expect_end("outer").ok());
  CHECK(r.expect_end("top").ok());
}

TEST_CASE("x509: DER reader rejects non-DER encodings") {
  struct Case {
    const char* hex;
    const char* why;
  } cases[] = {
      {"30 80 00 00", "indefinite length"},
      {"04 81 05 0102030405", "non-minimal length"},
      {"04 82 0005 0102030405", "leading zero"},
      {"02 02 00 05", "non-minimal INTEGER"},
      {"02 02 ff 85", "non-minimal INTEGER"},
      {"02 00", "empty INTEGER"},
      {"01 01 01", "00 or FF"},
      {"03 02 08 00", "unused-bits octet above 7"},
      {"03 02 01 01", "padding bits must be zero"},
      {"05 01 00", "NULL with contents"},
      {"06 02 80 01", "non-minimal OBJECT IDENTIFIER"},
      {"06 01 81", "ends mid-arc"},
      {"04 05 0102", "truncated"},
      {"1f 20 00", "high tag"},
      {"10 02 0500", "SEQUENCE with the primitive bit (tag 0x10) is not DER"},  // differential finding
      {"11 00", "SET with the primitive bit"},
      {"22 03 020101", "INTEGER with the constructed bit"},
      {"26 00", "OBJECT IDENTIFIER with the constructed bit"},
      {"2d 00", "with the constructed bit (tag 0x2d)"},  // RELATIVE-OID; differential finding
      {"2f 00", "with the constructed bit (tag 0x2f)"},  // reserved number 15; differential finding
      {"24 03 040100", "OCTET STRING with the constructed bit"},  // BER constructed string
      {"01 02 ffff", "BOOLEAN of length 2"},
      {"00 00", "end-of-contents (tag 0) is not a value"},  // differential finding (SPKI parameters)
  };
  for (auto& c : cases) {
    auto b = hex(c.hex);
    der::Reader r2(b);
    std::string reason;
    bool ok = true;
    if (b[0] == 0x02) {
      auto x = r2.integer("x");
      ok = x.ok();
      if (!ok) reason = x.error().reason;
    } else if (b[0] == 0x01) {
      auto x = r2.boolean("x");
      ok = x.ok();
      if (!ok) reason = x.error().reason;
    } else if (b[0] == 0x03) {
      auto x = r2.bit_string("x");
      ok = x.ok();
      if (!ok) reason = x.error().reason;
    } else if (b[0] == 0x05) {
      auto x = r2.null("x");
      ok = x.ok();
      if (!ok) reason = x.error().reason;
    } else if (b[0] == 0x06) {
      auto x = r2.oid("x");
      ok = x.ok();
      if (!ok) reason = x.error().reason;
    } else {
      auto x = r2.next("x");
      ok = x.ok();
      if (!ok) reason = x.error().reason;
    }
    INFO(c.hex);
    CHECK_FALSE(ok);
    CHECK(reason.find(c.why) != std::string::npos);
  }
  // An ANY read with next() (e.g. key parameters nobody decodes) still obeys NULL's
  // fixed size: a differential-fuzzing finding (OpenSSL: "null is wrong length").
  auto any = hex("05 08 0000000000000000");
  der::Reader r3(any);
  auto e = r3.next("parameters");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().reason.find("NULL with contents (X.690 8.8.2)") != std::string::npos);
  // Likewise an OID kept as bytes (curve parameters): "invalid object encoding" to OpenSSL.
  auto curve = hex("06 08 2a8648ce3d0301f8");
  der::Reader r4(curve);
  auto o = r4.next("parameters");
  REQUIRE_FALSE(o.ok());
  CHECK(o.error().reason.find("OBJECT IDENTIFIER ends mid-arc") != std::string::npos);
  // BOOLEAN in the long tag form (1f 01) where a BOOLEAN may stand: named as the
  // encoding problem, not as a missing element (differential finding, critical flag).
  auto long_form = hex("1f 01 01 ff");
  der::Reader r5(long_form);
  auto lf = r5.expect(der::tag::octet_string, "extnValue");
  REQUIRE_FALSE(lf.ok());
  CHECK(lf.error().reason.find("high tag numbers are not used here") != std::string::npos);
}

TEST_CASE("x509: DER times follow RFC 5280 4.1.2.5") {
  auto utc = hex("17 0d 3236303130313030303030305a");  // 260101000000Z
  der::Reader r(utc);
  auto t = r.time("notAfter");
  REQUIRE(t.ok());
  CHECK(der::format_time(*t) == "2026-01-01T00:00:00Z");
  CHECK(*t == 1767225600);
  auto old = hex("17 0d 3530303130313030303030305a");  // 500101000000Z -> 1950
  der::Reader r1(old);
  CHECK(der::format_time(*r1.time("t")) == "1950-01-01T00:00:00Z");
  auto gen = hex("18 0f 32303530303232383233353935395a");  // 20500228235959Z
  der::Reader r2(gen);
  CHECK(der::format_time(*r2.time("t")) == "2050-02-28T23:59:59Z");
  auto frac = hex("18 11 3230353030323238323335393539 2e 30 5a");
  der::Reader r3(frac);
  CHECK_FALSE(r3.time("t").ok());
  auto feb30 = hex("17 0d 3236303233303030303030305a");
  der::Reader r4(feb30);
  CHECK_FALSE(r4.time("t").ok());
  CHECK(*der::parse_rfc3339("2024-02-29T12:34:56Z") == der::make_time(2024, 2, 29, 12, 34, 56));
  CHECK_FALSE(der::parse_rfc3339("2023-02-29T12:34:56Z").ok());
}

TEST_CASE("x509: OIDs encode, decode and have names") {
  auto b = der::oid_from_string("1.2.840.113549.1.1.11");
  CHECK(core::to_hex(b) == "2a864886f70d01010b");
  CHECK(der::oid_to_string(b) == "1.2.840.113549.1.1.11");
  CHECK(oid::name(b) == "sha256WithRSAEncryption");
  CHECK(oid::equals(b, oid::sha256_with_rsa));
  CHECK(der::oid_to_string(der::oid_from_string("2.999.3")) == "2.999.3");
  CHECK(oid::name(der::oid_from_string("1.2.3.4")) == "1.2.3.4");
}

TEST_CASE("x509: oid::equals compares with the encoding of any dotted text") {
  // Known constants, OIDs outside the name table, and big arcs (2.999 = 0x88 0x37).
  CHECK(oid::equals(hex("2a864886f70d01010b"), oid::sha256_with_rsa));
  CHECK_FALSE(oid::equals(hex("2a864886f70d01010c"), oid::sha256_with_rsa));
  CHECK_FALSE(oid::equals(hex("2a864886f70d0101"), oid::sha256_with_rsa));
  CHECK(oid::equals(hex("2a8648ce380401"), "1.2.840.10040.4.1"));
  CHECK(oid::equals(hex("883703"), "2.999.3"));
  CHECK(oid::equals(hex("2b0601040182371101"), oid::ms_key_set));
  CHECK_FALSE(oid::equals(hex(""), "1.2"));
  // The same buffer holding other text of the same length must not reuse the
  // encoding remembered for the first text.
  std::string text = "1.2.3.4";
  CHECK(oid::equals(hex("2a0304"), text));
  text = "1.2.3.5";
  CHECK_FALSE(oid::equals(hex("2a0304"), text));
  CHECK(oid::equals(hex("2a0305"), text));
  // A long OID (beyond the remembered sizes) still compares.
  std::string long_oid = "1.3.6.1.4.1.311.21.8.1234567.7654321.1111111.2222222.3333333.44444";
  CHECK(oid::equals(der::oid_from_string(long_oid), long_oid));
  CHECK_FALSE(oid::equals(der::oid_from_string("1.3.6.1.4.1.311.21.8.1234567"), long_oid));
}

TEST_CASE("x509: DER writer produces canonical encodings") {
  der::Writer w;
  w.sequence([&] {
    w.small_integer(0);
    w.small_integer(128);
    w.small_integer(-129);
    w.unsigned_integer(hex("00 00 ff"));
    w.boolean(true);
    w.null();
    w.bit_string(hex("0a"), 0);
  });
  CHECK(core::to_hex(w.take()) == "3018020100020200800202ff7f020200ff0101ff0500030200" "0a");
  der::Writer big;
  big.octet_string(core::Bytes(300, 7));
  auto bb = big.take();
  CHECK(core::to_hex(core::ByteView(bb).first(4)) == "0482012c");
  der::Writer t;
  t.time(der::make_time(2049, 12, 31, 23, 59, 59));
  t.time(der::make_time(2050, 1, 1, 0, 0, 0));
  CHECK(core::to_hex(t.take()) ==
        "170d3439313233313233353935395a" "180f32303530303130313030303030305a");
}

TEST_CASE("x509: BER to DER handles indefinite lengths and constructed strings") {
  // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { '01', '0203' } }
  auto ber = hex("30 80 24 80 04 01 01 04 02 02 03 00 00 00 00");
  auto d = der::ber_to_der(ber);
  REQUIRE(d.ok());
  CHECK(core::to_hex(*d) == "3005040301" "0203");
  // Already-DER input is unchanged.
  auto same = hex("30 03 02 01 05");
  CHECK(*der::ber_to_der(same) == same);
  CHECK_FALSE(der::ber_to_der(hex("30 80 02 01 05")).ok());          // no end-of-contents
  CHECK_FALSE(der::ber_to_der(hex("24 80 02 01 05 00 00")).ok());    // mixed types
  core::Bytes deep;
  for (int i = 0; i < 40; ++i) { deep.push_back(0x30); deep.push_back(0x80); }
  for (int i = 0; i < 40; ++i) { deep.push_back(0); deep.push_back(0); }
  CHECK_FALSE(der::ber_to_der(deep).ok());
}
