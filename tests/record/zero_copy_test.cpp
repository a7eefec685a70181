// The copy-free record paths: ByteQueue, seal_append/open_append against
// seal/open, the reader's app-data sink and borrowed input.
#include <doctest/doctest.h>

#include <random>

#include "helpers.hpp"
#include "record/byte_queue.hpp"
#include "record/protection12.hpp"
#include "record/reader.hpp"
#include "record/writer.hpp"

using namespace glass;
using namespace glass::record;
using core::Alert;
using crypto::AeadAlg;
using rtest::hex;

namespace {

const Bytes zc_key = hex("000102030405060708090a0b0c0d0e0f");
const Bytes zc_iv = hex("a0a1a2a3a4a5a6a7a8a9aaab");
constexpr auto zc_app = static_cast<std::uint8_t>(ContentType::application_data);


Bytes zc_pattern(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

}  // namespace

TEST_CASE("record: ByteQueue appends, consumes and reuses its front") {
  ByteQueue q(true);
  CHECK(q.empty());
  q.append(hex("010203"));
  std::uint8_t* p = q.grow(2);
  p[0] = 4;
  p[1] = 5;
  CHECK(Bytes(q.view().begin(), q.view().end()) == hex("0102030405"));
  q.consume(2);
  CHECK(Bytes(q.view().begin(), q.view().end()) == hex("030405"));
  q.drop_back(1);
  CHECK(q.take() == hex("0304"));
  CHECK(q.empty());
  // Large appends after consuming keep every byte in order.
  Bytes all;
  for (unsigned i = 0; i < 50; ++i) {
    Bytes chunk = zc_pattern(100 + 37 * i, i);
    q.append(chunk);
    core::append(all, chunk);
    const std::size_t eat = q.size() / 3;
    CHECK(Bytes(q.view().begin(), q.view().begin() + static_cast<std::ptrdiff_t>(eat)) ==
          Bytes(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(eat)));
    q.consume(eat);
    all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(eat));
  }
  CHECK(q.take() == all);
  q.consume(5);  // more than held: nothing to consume, no crash
  CHECK(q.size() == 0);
}

TEST_CASE("record: seal_append/open_append give the bytes seal/open give (TLS 1.3 and 1.2)") {
  const Bytes content = zc_pattern(3000, 1);
  for (int v = 0; v < 2; ++v) {
    CAPTURE(v);
    auto make = [&]() -> std::unique_ptr<RecordProtection> {
      if (v == 0) return rtest::p13(AeadAlg::aes128_gcm, zc_key, zc_iv);
      auto p = Protection12::create(AeadAlg::aes128_gcm, zc_key, hex("a0a1a2a3"));
      REQUIRE(p.ok());
      return std::move(*p);
    };
    auto a = make(), b = make(), c = make();
    const std::size_t pad = v == 0 ? 7 : 0;
    auto rec = a->seal(zc_app, wire_tls12, content, pad);
    REQUIRE(rec.ok());
    ByteQueue out;
    out.append(hex("ffff"));  // appended after what is already queued
    REQUIRE(b->seal_append(out, zc_app, wire_tls12, content, pad).ok());
    CHECK(Bytes(out.view().begin() + 2, out.view().end()) == *rec);

    ByteQueue sink(true);
    sink.append(hex("aa"));
    auto o = c->open_append(ByteView(*rec).first(5), ByteView(*rec).subspan(5), sink);
    REQUIRE(o.ok());
    CHECK(o->type == zc_app);
    CHECK(o->length == content.size());
    CHECK(o->padding == pad);
    CHECK(Bytes(sink.view().begin() + 1, sink.view().end()) == content);

    // A modified record: bad_record_mac and the sink as it was.
    Bytes bad = *rec;
    bad.back() ^= 1;
    auto d = make();
    auto f = d->open_append(ByteView(bad).first(5), ByteView(bad).subspan(5), sink);
    REQUIRE(!f.ok());
    CHECK(f.error().alert == Alert::bad_record_mac);
    CHECK(sink.size() == 1 + content.size());
  }
}

TEST_CASE("record: reader decrypts application data into the sink, other types into fragment") {
  RecordWriter w;
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::aes128_gcm, zc_key, zc_iv)).ok());
  const Bytes data = zc_pattern(20000, 2);  // two records
  REQUIRE(w.write(ContentType::application_data, data).ok());
  REQUIRE(w.write_handshake_message(hex("18000001" "00")).ok());  // KeyUpdate
  REQUIRE(w.write(ContentType::application_data, {}).ok());       // empty record
  auto wire = w.output();
  REQUIRE(wire.ok());
  const Bytes stream(wire->begin(), wire->end());
  w.consume_output(stream.size());
  CHECK(!w.has_output());

  RecordReader r;
  r.set_version(Version::tls13);
  r.set_protection(rtest::p13(AeadAlg::aes128_gcm, zc_key, zc_iv));
  ByteQueue sink(true);
  r.set_app_data_sink(&sink);
  // Borrowed input, cut inside the second record: the rest is kept on return.
  const std::size_t cut = 16384 + 22 + 100;
  r.feed_borrowed(ByteView(stream).first(cut));
  auto e1 = r.next();
  REQUIRE(e1.ok());
  REQUIRE(std::holds_alternative<Record>(*e1));
  CHECK(std::get<Record>(*e1).in_sink == 16384);
  CHECK(std::get<Record>(*e1).fragment.empty());
  auto need = r.next();
  REQUIRE(need.ok());
  CHECK(std::holds_alternative<NeedMore>(*need));
  r.keep_unread();
  {
    Bytes rest(stream.begin() + static_cast<std::ptrdiff_t>(cut), stream.end());
    r.feed_borrowed(rest);  // copied: part of a record is buffered already
  }
  auto e2 = r.next();
  REQUIRE(e2.ok());
  CHECK(std::get<Record>(*e2).in_sink == data.size() - 16384);
  CHECK(Bytes(sink.view().begin(), sink.view().end()) == data);
  auto e3 = r.next();
  REQUIRE(e3.ok());
  CHECK(std::get<Record>(*e3).type == ContentType::handshake);
  CHECK(std::get<Record>(*e3).fragment == hex("1800000100"));
  CHECK(std::get<Record>(*e3).in_sink == 0);
  auto e4 = r.next();
  REQUIRE(e4.ok());
  CHECK(std::get<Record>(*e4).type == ContentType::application_data);
  CHECK(std::get<Record>(*e4).in_sink == 0);
  CHECK(sink.size() == data.size());
  CHECK(r.buffered() == 0);
}

TEST_CASE("record: a record failing after decryption is taken off the sink") {
  // Content larger than the announced limit decrypts, then is record_overflow.
  auto p = rtest::p13(AeadAlg::aes128_gcm, zc_key, zc_iv);
  auto rec = p->seal(zc_app, wire_tls12, zc_pattern(600, 3));
  REQUIRE(rec.ok());
  RecordReader r;
  r.set_version(Version::tls13);
  r.set_protection(rtest::p13(AeadAlg::aes128_gcm, zc_key, zc_iv));
  r.set_max_plaintext(512);
  ByteQueue sink(true);
  sink.append(hex("0102"));
  r.set_app_data_sink(&sink);
  r.feed_borrowed(*rec);
  auto e = r.next();
  r.keep_unread();
  REQUIRE(!e.ok());
  CHECK(e.error().alert == Alert::record_overflow);
  CHECK(sink.take() == hex("0102"));

}
