#include <doctest/doctest.h>

#include "core/hex.hpp"
#include "core/reader.hpp"
#include "core/writer.hpp"

using namespace glass::core;

TEST_CASE("core: Reader reads big-endian integers and fails cleanly past the end") {
  Bytes b = hex("01 0203 040506 0708090a 0b0c0d0e0f101112");
  Reader r(b);
  CHECK(*r.u8() == 0x01);
  CHECK(*r.u16() == 0x0203);
  CHECK(*r.u24() == 0x040506);
  CHECK(*r.u32() == 0x0708090aU);
  CHECK(*r.u64() == 0x0b0c0d0e0f101112ULL);
  CHECK(r.empty());
  auto past = r.u8("cookie");
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().alert == Alert::decode_error);
  CHECK(past.error().reason.find("cookie truncated at offset 18") != std::string::npos);
}

TEST_CASE("core: Reader truncated multi-byte reads do not consume anything") {
  Bytes b = hex("0102");
  Reader r(b);
  CHECK_FALSE(r.u24().ok());
  CHECK(r.remaining() == 2);
  CHECK(*r.u16() == 0x0102);
}

TEST_CASE("core: vec16 gives a sub-reader with absolute offsets and checks bounds") {
  Bytes b = hex("aa 0003 bbccdd ee");
  Reader r(b);
  CHECK(*r.u8() == 0xaa);
  auto sub = r.vec16("list", 1, 10);
  REQUIRE(sub.ok());
  CHECK(sub->remaining() == 3);
  CHECK(sub->offset() == 3);
  CHECK(*sub->u8() == 0xbb);
  CHECK(sub->offset() == 4);
  CHECK(*r.u8() == 0xee);
  CHECK(r.expect_end().ok());

  Bytes sl = hex("0005 0102");
  Reader short_len(sl);
  auto bad = short_len.vec16("extensions");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().alert == Alert::decode_error);

  Bytes ts = hex("00");
  Reader too_small(ts);
  auto empty_forbidden = too_small.vec8("cipher_suites", 2, 0xfe);
  REQUIRE_FALSE(empty_forbidden.ok());
  CHECK(empty_forbidden.error().reason.find("outside allowed range 2..254") != std::string::npos);

  Bytes tb = hex("03 010203");
  Reader too_big(tb);
  CHECK_FALSE(too_big.vec8("x", 0, 2).ok());
}

TEST_CASE("core: vec24 and opaque8 read nested blocks") {
  Bytes b = hex("000004 02 abcd 00");
  Reader r(b);
  auto outer = r.vec24("certificate_list");
  REQUIRE(outer.ok());
  auto inner = outer->opaque8("entry");
  REQUIRE(inner.ok());
  CHECK(to_hex(*inner) == "abcd");
  CHECK(*outer->u8() == 0);
  CHECK(outer->expect_end().ok());
}

TEST_CASE("core: expect_end reports trailing bytes") {
  Bytes b = hex("0102");
  Reader r(b);
  (void)r.u8();
  auto s = r.expect_end("Finished");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().alert == Alert::decode_error);
  CHECK(s.error().reason == "1 bytes of trailing data after Finished at offset 1");
}

TEST_CASE("core: Writer back-patches nested length prefixes") {
  Writer w;
  w.u8(0x16);
  w.vec16([&] {
    w.u16(0x0303);
    w.vec8([&] { w.bytes(hex("0102")); });
    w.vec24([&] { w.u32(0xdeadbeef); });
  });
  auto out = w.take();
  REQUIRE(out.ok());
  CHECK(to_hex(*out) == "16000c0303020102000004deadbeef");
}

TEST_CASE("core: Writer refuses a block longer than its prefix") {
  Writer w;
  w.vec8([&] { w.zeros(256); });
  CHECK_FALSE(w.ok());
  auto out = w.take();
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().alert == Alert::internal_error);
  Writer ok;
  ok.vec8([&] { ok.zeros(255); });
  CHECK(ok.take().ok());
  Writer big;
  big.u24(0x1000000);
  CHECK_FALSE(big.ok());
}

TEST_CASE("core: reader and writer round-trip a random structure") {
  for (unsigned n = 0; n < 300; n += 7) {
    Writer w;
    w.vec16([&] {
      for (unsigned i = 0; i < n; ++i) w.u8(static_cast<std::uint8_t>(i * 31));
    });
    auto bytes = w.take();
    REQUIRE(bytes.ok());
    Reader r(*bytes);
    auto v = r.opaque16();
    REQUIRE(v.ok());
    REQUIRE(v->size() == n);
    for (unsigned i = 0; i < n; ++i) CHECK((*v)[i] == static_cast<std::uint8_t>(i * 31));
    CHECK(r.expect_end().ok());
  }
}
