#include <doctest/doctest.h>

#include "core/field_recorder.hpp"
#include "core/hex.hpp"
#include "core/reader.hpp"

using namespace glass::core;
using K = RecordedField::Kind;

namespace {

// A small TLS-like parser: version, a vec16 list of u16 items, an opaque8.
Status parse_sample(Reader& r) {
  GLASS_TRY(auto v, r.u16("version"));
  (void)v;
  GLASS_TRY(auto list, r.vec16("suites", 2, 0xfffe));
  while (!list.empty()) {
    GLASS_TRY(auto s, list.u16("suite"));
    (void)s;
  }
  GLASS_TRY(auto sid, r.opaque8("session_id"));
  (void)sid;
  return r.expect_end("sample");
}

}  // namespace

TEST_CASE("core: FieldRecorder logs every read with absolute offsets and vector nesting") {
  Bytes b = hex("0303 0004 1301 1302 02 aabb");
  FieldRecorder rec;
  Reader r(b, 5);  // as if the bytes started at offset 5 of a record
  r.record_into(&rec);
  REQUIRE(parse_sample(r).ok());
  const auto& f = rec.fields();
  REQUIRE(f.size() == 5);
  CHECK(f[0].name == "version");
  CHECK(f[0].kind == K::scalar);
  CHECK(f[0].offset == 5);
  CHECK(f[0].length == 2);
  CHECK(f[0].value == 0x0303);
  CHECK(f[0].parent == RecordedField::top);
  CHECK(f[1].name == "suites");
  CHECK(f[1].kind == K::vector);
  CHECK(f[1].offset == 7);
  CHECK(f[1].length == 6);
  CHECK(f[1].prefix == 2);
  CHECK(f[1].value == 4);
  CHECK(f[2].name == "suite");
  CHECK(f[2].parent == 1);
  CHECK(f[2].offset == 9);
  CHECK(f[2].value == 0x1301);
  CHECK(f[3].parent == 1);
  CHECK(f[3].offset == 11);
  CHECK(f[4].name == "session_id");
  CHECK(f[4].kind == K::opaque);
  CHECK(f[4].offset == 13);
  CHECK(f[4].length == 3);
  CHECK(f[4].parent == RecordedField::top);
  CHECK(rec.children(1) == std::vector<std::size_t>{2, 3});
  CHECK(rec.children(RecordedField::top) == std::vector<std::size_t>{0, 1, 4});
  CHECK_FALSE(rec.failed());
}

TEST_CASE("core: FieldRecorder marks where a read failed and keeps what came before") {
  // The list announces 4 bytes but only 3 follow.
  Bytes b = hex("0303 0004 1301 13");
  FieldRecorder rec;
  Reader r(b);
  r.record_into(&rec);
  auto st = parse_sample(r);
  REQUIRE_FALSE(st.ok());
  CHECK(rec.failed());
  const auto& f = rec.fields();
  REQUIRE(f.size() == 3);
  CHECK(f[0].name == "version");
  CHECK(f[1].name == "suites");
  CHECK_FALSE(f[1].complete);
  CHECK(f[1].length == 2 + 3);  // prefix + what is there
  CHECK(f[2].kind == K::error);
  CHECK(f[2].parent == 1);      // the error sits inside the cut-short vector
  CHECK(f[2].error == st.error().reason);
  CHECK(f[2].error.find("suites truncated at offset 4") != std::string::npos);

  // A failure inside a sub-reader nests under its vector too.
  Bytes odd = hex("0303 0003 130113 00");
  FieldRecorder rec2;
  Reader r2(odd);
  r2.record_into(&rec2);
  REQUIRE_FALSE(parse_sample(r2).ok());
  const auto& g = rec2.fields();
  REQUIRE(g.size() == 4);
  CHECK(g[1].complete);
  CHECK(g[2].name == "suite");
  CHECK(g[3].kind == K::error);
  CHECK(g[3].name == "suite");
  CHECK(g[3].parent == 1);
  CHECK(g[3].offset == 6);

  // Length outside the allowed range, and trailing data.
  Bytes range = hex("0303 0000");
  FieldRecorder rec3;
  Reader r3(range);
  r3.record_into(&rec3);
  REQUIRE_FALSE(parse_sample(r3).ok());
  REQUIRE(rec3.fields().size() == 3);
  CHECK_FALSE(rec3.fields()[1].complete);
  CHECK(rec3.fields()[1].length == 2);
  CHECK(rec3.fields()[2].error.find("outside allowed range 2..65534") != std::string::npos);

  // Not even the length prefix: the block's node (prefix 0) holds the error.
  Bytes no_prefix = hex("0303 00");
  FieldRecorder rec5;
  Reader r5(no_prefix);
  r5.record_into(&rec5);
  REQUIRE_FALSE(parse_sample(r5).ok());
  REQUIRE(rec5.fields().size() == 3);
  CHECK(rec5.fields()[1].name == "suites");
  CHECK(rec5.fields()[1].prefix == 0);
  CHECK(rec5.fields()[1].length == 0);
  CHECK_FALSE(rec5.fields()[1].complete);
  CHECK(rec5.fields()[2].parent == 1);
  CHECK(rec5.fields()[2].error.find("suites truncated at offset 2 (need 2 bytes, have 1)") !=
        std::string::npos);

  Bytes trailing = hex("0303 0002 1301 00 ff");
  FieldRecorder rec4;
  Reader r4(trailing);
  r4.record_into(&rec4);
  REQUIRE_FALSE(parse_sample(r4).ok());
  CHECK(rec4.fields().back().kind == K::error);
  CHECK(rec4.fields().back().name == "sample");
  CHECK(rec4.fields().back().offset == 7);
}

TEST_CASE("core: without a recorder a Reader parses exactly as with one") {
  Bytes b = hex("0303 0004 1301 1302 02 aabb");
  Reader plain(b);
  CHECK(plain.recorder() == nullptr);
  REQUIRE(parse_sample(plain).ok());
  FieldRecorder rec;
  Reader logged(b);
  logged.record_into(&rec);
  REQUIRE(parse_sample(logged).ok());
  CHECK(plain.position() == logged.position());
  // Errors read the same with and without a recorder.
  Bytes bad = hex("0303 0004 1301 13");
  Reader p2(bad), l2(bad);
  l2.record_into(&rec);
  auto e1 = parse_sample(p2), e2 = parse_sample(l2);
  REQUIRE_FALSE(e1.ok());
  REQUIRE_FALSE(e2.ok());
  CHECK(e1.error().reason == e2.error().reason);
  CHECK(e1.error().alert == e2.error().alert);
  // A sub-reader of a reader without a recorder has none either.
  Reader p3(b);
  (void)p3.u16();
  auto sub = p3.vec16("suites");
  REQUIRE(sub.ok());
  CHECK(sub->recorder() == nullptr);
}

TEST_CASE("core: record_into places a second parse under an earlier field") {
  Bytes b = hex("0002 abcd");
  FieldRecorder rec;
  Reader r(b);
  r.record_into(&rec);
  auto body = r.opaque16("extension_data");
  REQUIRE(body.ok());
  // Parsing the body later (from a copy) still nests under the opaque block.
  Reader inner(*body, 2);
  inner.record_into(&rec, 0);
  REQUIRE(inner.u16("selected_group").ok());
  CHECK(inner.rest().empty());
  REQUIRE(rec.fields().size() == 3);
  CHECK(rec.fields()[1].parent == 0);
  CHECK(rec.fields()[1].offset == 2);
  CHECK(rec.fields()[1].value == 0xabcd);
  CHECK(rec.fields()[2].length == 0);  // rest() is logged even when empty
  CHECK(rec.children(0) == std::vector<std::size_t>{1, 2});
  // A parent that does not exist (yet) cannot be used: the field goes to the top.
  RecordedField stray;
  stray.parent = 99;
  std::size_t i = rec.add(stray);
  CHECK(rec.fields()[i].parent == RecordedField::top);
  CHECK(rec.children(RecordedField::top) == std::vector<std::size_t>{0, i});
  rec.clear();
  CHECK(rec.fields().empty());
  CHECK(rec.children(RecordedField::top).empty());
}
