// RecordWriter: fragmentation, coalescing, key-change boundaries, padding, limits.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "record/writer.hpp"

using namespace glass;
using namespace glass::record;
using crypto::AeadAlg;
using rtest::hex;

namespace {

const Bytes key32 = Bytes(32, 0x42);
const Bytes iv12 = hex("000102030405060708090a0b");

Bytes pattern(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return b;
}

// Record lengths (header field) in a stream.
std::vector<std::size_t> lengths(ByteView s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + 5 <= s.size();) {
    std::size_t n = (std::size_t{s[i + 3]} << 8) | s[i + 4];
    out.push_back(n);
    i += 5 + n;
  }
  return out;
}

Bytes take(RecordWriter& w) {
  auto out = w.take_output();
  REQUIRE(out.ok());
  return *out;
}

}  // namespace

TEST_CASE("record: writer fragments long data into records of at most 2^14") {
  RecordWriter w;
  REQUIRE(w.write(ContentType::handshake, pattern(40000)).ok());
  Bytes out = take(w);
  CHECK(lengths(out) == std::vector<std::size_t>{16384, 16384, 7232});
  RecordReader r;
  r.feed(out);
  Bytes joined;
  for (auto& rec : rtest::drain(r)) core::append(joined, rec.fragment);
  CHECK(joined == pattern(40000));
}

TEST_CASE("record: writer honours a smaller fragment limit, protected or not") {
  RecordWriter w;
  w.set_max_fragment(100);
  REQUIRE(w.write(ContentType::handshake, pattern(250)).ok());
  CHECK(lengths(take(w)) == std::vector<std::size_t>{100, 100, 50});
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12)).ok());
  REQUIRE(w.write(ContentType::application_data, pattern(250)).ok());
  // content + type byte + 16-byte tag
  CHECK(lengths(take(w)) == std::vector<std::size_t>{117, 117, 67});
  w.set_max_fragment(0);  // clamped to 1
  CHECK(w.max_fragment() == 1);
  w.set_max_fragment(1 << 20);
  CHECK(w.max_fragment() == max_plaintext);
}

TEST_CASE("record: writer coalesces handshake messages and flushes before a key change") {
  rtest::LogObserver log;
  RecordWriter w(&log);
  REQUIRE(w.write_handshake_message(hex("0200000401020304")).ok());
  REQUIRE(w.write_handshake_message(hex("0e000000")).ok());
  CHECK(w.pending_handshake() == 12);
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12)).ok());
  CHECK(w.pending_handshake() == 0);
  REQUIRE(w.write_handshake_message(hex("14000000")).ok());
  Bytes out = take(w);
  CHECK(lengths(out) == std::vector<std::size_t>{12, 4 + 1 + 16});
  CHECK(out[0] == 22);
  CHECK(out[5 + 12] == 23);  // the second record is protected
  CHECK(log.messages.size() == 3);
  CHECK(log.records.size() == 2);
  CHECK(log.records[1].plain == hex("14000000"));
  CHECK(log.records[1].inner == 22);
}

TEST_CASE("record: writer sends other types at once, after pending handshake data") {
  RecordWriter w;
  REQUIRE(w.write(ContentType::handshake, hex("0e000000")).ok());
  REQUIRE(w.write_alert(make_alert(core::Alert::close_notify)).ok());
  Bytes out = take(w);
  CHECK(core::to_hex(out) == "16030300040e000000" "15030300020100");
}

TEST_CASE("record: TLS 1.3 writer keeps ChangeCipherSpec in plaintext") {
  RecordWriter w;
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12)).ok());
  REQUIRE(w.write_change_cipher_spec().ok());
  CHECK(core::to_hex(take(w)) == "140303000101");
  CHECK(w.protection()->sequence() == 0);
}

TEST_CASE("record: writer refuses malformed writes") {
  RecordWriter w;
  CHECK_FALSE(w.write(ContentType::handshake, {}).ok());
  CHECK_FALSE(w.write(ContentType::alert, hex("01")).ok());
  CHECK_FALSE(w.write(ContentType::change_cipher_spec, hex("0101")).ok());
  CHECK_FALSE(w.write(ContentType::invalid, hex("01")).ok());
  CHECK_FALSE(w.write_handshake_message(hex("0e00")).ok());
  // Empty application data is one empty record (allowed, e.g. as a heartbeat).
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12)).ok());
  REQUIRE(w.write(ContentType::application_data, {}).ok());
  CHECK(lengths(take(w)) == std::vector<std::size_t>{17});
}

TEST_CASE("record: TLS 1.3 padding policies shape the records and are stripped on read") {
  struct Case {
    PaddingPolicy p;
    std::size_t content;
    std::size_t inner;  // expected TLSInnerPlaintext length
  };
  for (auto c : {Case{PaddingPolicy::none(), 10, 11}, Case{PaddingPolicy::fixed(20), 10, 31},
                 Case{PaddingPolicy::to_multiple(64), 10, 64},
                 Case{PaddingPolicy::to_multiple(64), 63, 64},
                 Case{PaddingPolicy::to_multiple(64), 64, 128},
                 Case{PaddingPolicy::full(), 10, 513},
                 Case{PaddingPolicy::fixed(1000), 500, 513}}) {
    RecordWriter w;
    w.set_max_fragment(512);
    w.set_padding(c.p);
    REQUIRE(w.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12)).ok());
    REQUIRE(w.write(ContentType::application_data, pattern(c.content)).ok());
    Bytes out = take(w);
    CHECK(lengths(out) == std::vector<std::size_t>{c.inner + 16});
    RecordReader r;
    r.set_version(Version::tls13);
    r.set_max_plaintext(512);
    r.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12));
    r.feed(out);
    auto recs = rtest::drain(r);
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].fragment == pattern(c.content));
    CHECK(recs[0].padding == c.inner - c.content - 1);
  }
}

TEST_CASE("record: TLS 1.2 writer output reads back through Protection12") {
  for (AeadAlg alg : {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm, AeadAlg::chacha20_poly1305}) {
    const Bytes key(crypto::aead_key_size(alg), 0x11);
    const Bytes iv(alg == AeadAlg::chacha20_poly1305 ? 12 : 4, 0x22);
    RecordWriter w;
    w.set_padding(PaddingPolicy::fixed(5));  // ignored: 1.2 has no padding
    REQUIRE(w.set_protection(rtest::p12(alg, key, iv)).ok());
    REQUIRE(w.write(ContentType::handshake, hex("1400000c000102030405060708090a0b")).ok());
    REQUIRE(w.write(ContentType::application_data, pattern(20000)).ok());
    Bytes out = take(w);
    const std::size_t ov = alg == AeadAlg::chacha20_poly1305 ? 16 : 24;
    CHECK(lengths(out) == std::vector<std::size_t>{16 + ov, 16384 + ov, 3616 + ov});
    RecordReader r;
    r.set_version(Version::tls12);
    r.set_protection(rtest::p12(alg, key, iv));
    r.feed(out);
    auto recs = rtest::drain(r);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].type == ContentType::handshake);
    CHECK(recs[2].seq == 2);
    Bytes joined = core::concat({recs[1].fragment, recs[2].fragment});
    CHECK(joined == pattern(20000));
  }
}

TEST_CASE("record: per-key record limit signals that a KeyUpdate is due") {
  RecordWriter w;
  auto p = rtest::p13(AeadAlg::aes128_gcm, Bytes(16, 1), iv12);
  CHECK(p->record_limit() == 23726566);  // 2^24.5, RFC 8446 5.5
  p->set_record_limit(3);
  REQUIRE(w.set_protection(std::move(p)).ok());
  CHECK_FALSE(w.key_update_due());
  REQUIRE(w.write(ContentType::application_data, pattern(40000)).ok());  // 3 records
  CHECK(w.key_update_due());
  // A new key resets the count.
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12)).ok());
  CHECK_FALSE(w.key_update_due());
  CHECK(w.protection()->record_limit() == std::numeric_limits<std::uint64_t>::max());
}

TEST_CASE("record: writer reports the sequence-number wrap instead of reusing a nonce") {
  RecordWriter w;
  auto p = rtest::p13(AeadAlg::chacha20_poly1305, key32, iv12);
  p->set_sequence(std::numeric_limits<std::uint64_t>::max());
  REQUIRE(w.set_protection(std::move(p)).ok());
  REQUIRE(w.write(ContentType::application_data, hex("01")).ok());
  auto st = w.write(ContentType::application_data, hex("02"));
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().reason.find("KeyUpdate") != std::string::npos);
}
