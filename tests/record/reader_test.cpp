// RecordReader: incremental input and every header / protection error path.
#include <doctest/doctest.h>

#include <limits>
#include <random>

#include "helpers.hpp"
#include "record/writer.hpp"

using namespace glass;
using namespace glass::record;
using core::Alert;
using crypto::AeadAlg;
using rtest::hex;
using rtest::record_bytes;

namespace {

const Bytes key16 = hex("000102030405060708090a0b0c0d0e0f");
const Bytes iv12 = hex("a0a1a2a3a4a5a6a7a8a9aaab");

RecordReader reader13() {
  RecordReader r;
  r.set_version(Version::tls13);
  r.set_protection(rtest::p13(AeadAlg::aes128_gcm, key16, iv12));
  return r;
}

// One protected TLS 1.3 record of `type` with `content` (and padding).
Bytes sealed13(std::uint8_t type, ByteView content, std::size_t pad = 0, std::uint64_t seq = 0) {
  auto p = rtest::p13(AeadAlg::aes128_gcm, key16, iv12);
  p->set_sequence(seq);
  auto r = p->seal(type, wire_tls12, content, pad);
  REQUIRE(r.ok());
  return *r;
}

// A stream with a bit of everything, written by our writer (TLS 1.3 keys).
Bytes mixed_stream13(std::vector<Bytes>& contents) {
  RecordWriter w;
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::aes128_gcm, key16, iv12)).ok());
  w.set_padding(PaddingPolicy::to_multiple(32));
  std::mt19937 rng(7);
  for (int i = 0; i < 40; ++i) {
    Bytes data(rng() % 3000);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    REQUIRE(w.write(ContentType::application_data, data).ok());
    contents.push_back(data);
  }
  auto out = w.take_output();
  REQUIRE(out.ok());
  return *out;
}

}  // namespace

TEST_CASE("record: reader asks for exactly the bytes it is missing") {
  RecordReader r;
  Bytes rec = record_bytes(22, 0x0303, hex("0e000000"));
  r.feed(ByteView(rec).first(3));
  auto ev = r.next();
  REQUIRE(ev.ok());
  REQUIRE(std::holds_alternative<NeedMore>(*ev));
  CHECK(std::get<NeedMore>(*ev).bytes == 2);
  r.feed(ByteView(rec).subspan(3, 3));
  ev = r.next();
  REQUIRE(ev.ok());
  CHECK(std::get<NeedMore>(*ev).bytes == 3);
  r.feed(ByteView(rec).subspan(6));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].fragment == hex("0e000000"));
  CHECK(recs[0].wire_size == 9);
  CHECK(r.buffered() == 0);
}

TEST_CASE("record: reader gives the same records for one-byte and random chunking") {
  std::vector<Bytes> contents;
  Bytes stream = mixed_stream13(contents);
  std::size_t expected_records = 0;
  for (auto& c : contents) expected_records += c.empty() ? 1 : (c.size() + 16383) / 16384;

  auto read_all = [&](auto chunker) {
    auto r = reader13();
    std::vector<Bytes> got;
    std::size_t off = 0;
    while (off < stream.size()) {
      std::size_t n = std::min(chunker(), stream.size() - off);
      r.feed(ByteView(stream).subspan(off, n));
      off += n;
      for (auto& rec : rtest::drain(r)) got.push_back(rec.fragment);
    }
    CHECK(r.buffered() == 0);
    CHECK(r.records_read() == expected_records);
    return got;
  };
  auto one = read_all([] { return std::size_t{1}; });
  std::mt19937 rng(42);
  auto random = read_all([&] { return std::size_t{1 + rng() % 700}; });
  auto whole = read_all([&] { return stream.size(); });
  CHECK(one == contents);
  CHECK(random == contents);
  CHECK(whole == contents);
}

TEST_CASE("record: reader rejects unknown content types as unexpected_message") {
  RecordReader r;
  auto why = rtest::expect_error(r, record_bytes(24, 0x0303, hex("01")), Alert::unexpected_message);
  CHECK(why.find("heartbeat(24)") != std::string::npos);
  RecordReader h;
  why = rtest::expect_error(h, core::as_bytes("GET / HTTP/1.1\r\n"), Alert::unexpected_message);
  CHECK(why.find("plaintext HTTP") != std::string::npos);
  // The error is sticky.
  auto again = h.next();
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().alert == Alert::unexpected_message);
}

TEST_CASE("record: reader checks the legacy record version") {
  RecordReader a;
  rtest::expect_error(a, record_bytes(22, 0x0200, hex("01")), Alert::protocol_version);
  RecordReader b;
  b.set_version(Version::tls12);
  auto why = rtest::expect_error(b, record_bytes(22, 0x0301, hex("01")), Alert::protocol_version);
  CHECK(why.find("0x0301") != std::string::npos);
  // Before negotiation any 3.x is fine; TLS 1.3 ignores the minor version.
  for (Version v : {Version::unknown, Version::tls13}) {
    RecordReader c;
    c.set_version(v);
    c.feed(record_bytes(22, 0x0301, hex("01")));
    CHECK(rtest::drain(c).size() == 1);
  }
}

TEST_CASE("record: reader refuses oversized records as soon as the header arrives") {
  RecordReader a;
  Bytes hdr = {22, 3, 3, 0x40, 0x01};  // 2^14 + 1
  rtest::expect_error(a, hdr, Alert::record_overflow);
  RecordReader b;
  b.set_max_plaintext(1000);
  rtest::expect_error(b, record_bytes(22, 0x0303, Bytes(1001, 1)), Alert::record_overflow);
  RecordReader ok;
  ok.feed(record_bytes(22, 0x0303, Bytes(16384, 1)));
  CHECK(rtest::drain(ok).size() == 1);
  // TLS 1.3 ciphertext may be 2^14 + 256 (and then fails to decrypt), not more.
  auto c = reader13();
  rtest::expect_error(c, Bytes{23, 3, 3, 0x41, 0x01}, Alert::record_overflow);
  auto d = reader13();
  rtest::expect_error(d, record_bytes(23, 0x0303, Bytes(16384 + 256, 0)), Alert::bad_record_mac);
  // TLS 1.2: 2^14 + 2048.
  RecordReader e;
  e.set_version(Version::tls12);
  e.set_protection(rtest::p12(AeadAlg::aes128_gcm, key16, hex("01020304")));
  rtest::expect_error(e, Bytes{23, 3, 3, 0x48, 0x01}, Alert::record_overflow);
}

TEST_CASE("record: decrypted content above the configured limit is record_overflow") {
  auto r = reader13();
  r.set_max_plaintext(512);
  rtest::expect_error(r, sealed13(23, Bytes(513, 7)), Alert::record_overflow);
  auto ok = reader13();
  ok.set_max_plaintext(512);
  ok.feed(sealed13(23, Bytes(512, 7), 100));  // padding does not count
  CHECK(rtest::drain(ok).size() == 1);
}

TEST_CASE("record: TLSInnerPlaintext over 2^14 + 1 bytes is record_overflow") {
  auto aead = crypto::Aead::create(AeadAlg::aes128_gcm, key16);
  REQUIRE(aead.ok());
  auto p = rtest::p13(AeadAlg::aes128_gcm, key16, iv12);
  Bytes inner(16384 + 2, 0);
  inner[0] = 23;  // content byte, then the type byte right after: all the rest is padding
  inner[1] = 23;
  Bytes hdr = {23, 3, 3, static_cast<std::uint8_t>((inner.size() + 16) >> 8),
               static_cast<std::uint8_t>(inner.size() + 16)};
  Bytes ct = aead->seal(p->nonce(0), hdr, inner);
  auto r = reader13();
  auto why = rtest::expect_error(r, core::concat({hdr, ct}), Alert::record_overflow);
  CHECK(why.find("2^14 + 1") != std::string::npos);

  // 2^14 + 1 bytes of content and no padding at all: the same alert.
  Bytes full(16384 + 1, 'a');
  full.push_back(23);
  Bytes hdr2 = {23, 3, 3, static_cast<std::uint8_t>((full.size() + 16) >> 8),
                static_cast<std::uint8_t>(full.size() + 16)};
  Bytes ct2 = aead->seal(p->nonce(0), hdr2, full);
  auto r2 = reader13();
  rtest::expect_error(r2, core::concat({hdr2, ct2}), Alert::record_overflow);
}

TEST_CASE("record: application data before keys is unexpected_message") {
  RecordReader r;
  rtest::expect_error(r, record_bytes(23, 0x0303, hex("00")), Alert::unexpected_message);
}

TEST_CASE("record: zero-length handshake, alert and CCS records are errors, app data is not") {
  for (std::uint8_t t : {22, 21, 20}) {
    RecordReader r;
    auto why = rtest::expect_error(r, record_bytes(t, 0x0303, {}), Alert::unexpected_message);
    CHECK(why.find("zero-length") != std::string::npos);
  }
  for (std::uint8_t t : {22, 21}) {
    auto r = reader13();
    rtest::expect_error(r, sealed13(t, {}), Alert::unexpected_message);
  }
  auto r = reader13();
  r.feed(sealed13(23, {}));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].type == ContentType::application_data);
  CHECK(recs[0].fragment.empty());
}

TEST_CASE("record: too many empty records in a row is unexpected_message") {
  RecordWriter w;
  REQUIRE(w.set_protection(rtest::p13(AeadAlg::aes128_gcm, key16, iv12)).ok());
  for (unsigned i = 0; i < RecordReader::max_empty_records; ++i)
    REQUIRE(w.write(ContentType::application_data, {}).ok());
  auto fine = w.take_output();
  REQUIRE(fine.ok());
  auto r = reader13();
  r.feed(*fine);
  CHECK(rtest::drain(r).size() == RecordReader::max_empty_records);
  REQUIRE(w.write(ContentType::application_data, {}).ok());
  auto one_more = w.take_output();
  REQUIRE(one_more.ok());
  rtest::expect_error(r, *one_more, Alert::unexpected_message);
}

TEST_CASE("record: TLS 1.3 refuses plaintext handshake and warning alert records after keys") {
  auto a = reader13();
  rtest::expect_error(a, record_bytes(22, 0x0303, hex("14000000")), Alert::unexpected_message);
  auto b = reader13();
  auto why = rtest::expect_error(b, record_bytes(21, 0x0303, hex("015a")),
                                 Alert::unexpected_message);
  CHECK(why.find("warning user_canceled (90)") != std::string::npos);
}

TEST_CASE("record: a plaintext fatal alert where protected records are expected is delivered") {
  // Clients that reject our certificate send their alert unprotected; it must
  // reach the application as that alert, not be answered with unexpected_message.
  for (bool tls13 : {true, false}) {
    RecordReader r;
    if (tls13) {
      r = reader13();
    } else {
      r.set_version(Version::tls12);
      r.set_protection(rtest::p12(AeadAlg::aes128_gcm, key16, hex("01020304")));
    }
    // One byte at a time: the header alone must not be judged yet.
    std::vector<Record> recs;
    for (auto b : record_bytes(21, 0x0303, hex("022a"))) {
      r.feed(core::ByteView(&b, 1));
      for (auto& x : rtest::drain(r)) recs.push_back(std::move(x));
    }
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].type == ContentType::alert);
    CHECK_FALSE(recs[0].was_protected);
    CHECK(recs[0].fragment == hex("022a"));
  }
}

TEST_CASE("record: TLS 1.3 decryption failure is bad_record_mac") {
  Bytes rec = sealed13(23, core::as_bytes("hello"));
  SUBCASE("ciphertext bit flip") { rec[8] ^= 1; }
  SUBCASE("tag bit flip") { rec.back() ^= 0x80; }
  SUBCASE("header is authenticated") { rec[2] = 1; }
  SUBCASE("wrong sequence number") { rec = sealed13(23, core::as_bytes("hello"), 0, 5); }
  SUBCASE("shorter than a tag") { rec = record_bytes(23, 0x0303, Bytes(15, 0)); }
  auto r = reader13();
  auto why = rtest::expect_error(r, rec, Alert::bad_record_mac);
  CHECK_FALSE(why.empty());
}

TEST_CASE("record: TLS 1.3 inner plaintext rules (all zeros, unknown type, CCS)") {
  auto a = reader13();
  auto why = rtest::expect_error(a, sealed13(0, {}, 10), Alert::unexpected_message);
  CHECK(why.find("all zeros") != std::string::npos);
  auto b = reader13();
  rtest::expect_error(b, sealed13(24, hex("01")), Alert::unexpected_message);
  auto c = reader13();
  why = rtest::expect_error(c, sealed13(20, hex("01")), Alert::unexpected_message);
  CHECK(why.find("encrypted change_cipher_spec") != std::string::npos);
}

TEST_CASE("record: TLS 1.3 padding is stripped and reported") {
  auto r = reader13();
  r.feed(sealed13(22, hex("14000000"), 200));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].fragment == hex("14000000"));
  CHECK(recs[0].padding == 200);
  CHECK(recs[0].wire_size == 5 + 4 + 1 + 200 + 16);
}

TEST_CASE("record: TLS 1.3 drops any number of middlebox ChangeCipherSpec records") {
  const Bytes ccs = record_bytes(20, 0x0303, hex("01"));
  rtest::LogObserver log;
  auto r = reader13();
  r.set_observer(&log);
  // Java sends two around a HelloRetryRequest; RFC 8446 5 sets no number.
  r.feed(core::concat({ccs, ccs, sealed13(22, hex("14000000")), ccs, ccs, ccs}));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);  // the CCS records were dropped
  CHECK(recs[0].type == ContentType::handshake);
  CHECK(log.records.size() == 6);
  REQUIRE_FALSE(log.notes.empty());
  CHECK(log.notes[0].find("middlebox") != std::string::npos);
  CHECK_FALSE(r.failed());

  RecordReader plain;  // before keys, e.g. a server after ClientHello
  plain.set_version(Version::tls13);
  plain.feed(core::concat({ccs, ccs}));
  CHECK(rtest::drain(plain).empty());

  auto bad_value = reader13();
  rtest::expect_error(bad_value, record_bytes(20, 0x0303, hex("02")), Alert::unexpected_message);
  auto too_long = reader13();
  rtest::expect_error(too_long, record_bytes(20, 0x0303, hex("0101")), Alert::unexpected_message);
  auto after = reader13();
  after.allow_compat_ccs(false);
  auto why = rtest::expect_error(after, ccs, Alert::unexpected_message);
  CHECK(why.find("outside the handshake") != std::string::npos);
  auto inside = reader13();
  inside.set_handshake_pending(true);
  why = rtest::expect_error(inside, ccs, Alert::unexpected_message);
  CHECK(why.find("inside a fragmented handshake message") != std::string::npos);
}

TEST_CASE("record: TLS 1.2 ChangeCipherSpec is returned and must be the byte 1") {
  RecordReader r;
  r.set_version(Version::tls12);
  r.feed(record_bytes(20, 0x0303, hex("01")));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].type == ContentType::change_cipher_spec);
  // OpenSSL answers unexpected_message too: such a record is not a CCS.
  for (Bytes body : {hex("02"), hex("0101"), hex("00")}) {
    RecordReader bad;
    bad.set_version(Version::tls12);
    rtest::expect_error(bad, record_bytes(20, 0x0303, body), Alert::unexpected_message);
  }
}

TEST_CASE("record: declined early data is skipped until a record deprotects, up to a limit") {
  // Trial decryption (a 1-RTT answer): records sealed with another key are dropped.
  const Bytes other_key = hex("ffeeddccbbaa99887766554433221100");
  auto early = [&](std::size_t n, std::uint64_t seq) {
    auto p = rtest::p13(AeadAlg::aes128_gcm, other_key, iv12);
    p->set_sequence(seq);
    auto rec = p->seal(23, wire_tls12, Bytes(n, 0x45));
    REQUIRE(rec.ok());
    return *rec;
  };
  auto r = reader13();
  r.skip_early_data();
  r.feed(core::concat({early(100, 0), early(5000, 1), sealed13(22, hex("14000000")),
                       sealed13(23, hex("61"), 0, 1)}));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].type == ContentType::handshake);
  CHECK(recs[1].type == ContentType::application_data);
  CHECK(r.early_data_skipped() == 5100);
  CHECK_FALSE(r.skipping_early_data());

  // Once the second flight started, a record that fails is bad_record_mac again.
  rtest::expect_error(r, early(10, 2), Alert::bad_record_mac);

  // Past the limit: unexpected_message (RFC 8446 4.2.10, 4.6.1).
  auto over = reader13();
  over.skip_early_data();
  over.feed(early(RecordReader::max_skipped_early_data, 0));
  CHECK(rtest::drain(over).empty());
  auto why = rtest::expect_error(over, early(1, 1), Alert::unexpected_message);
  CHECK(why.find("early data") != std::string::npos);

  // After a HelloRetryRequest there are no keys: outer application_data is skipped.
  RecordReader hrr;
  hrr.set_version(Version::tls13);
  hrr.skip_early_data();
  hrr.feed(core::concat({early(300, 0), record_bytes(22, 0x0303, hex("14000000"))}));
  recs = rtest::drain(hrr);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].type == ContentType::handshake);
  hrr.stop_skipping_early_data();
  rtest::expect_error(hrr, early(10, 1), Alert::unexpected_message);

  // Without the mode nothing is skipped.
  auto plain = reader13();
  rtest::expect_error(plain, early(10, 0), Alert::bad_record_mac);
}

TEST_CASE("record: TLS 1.2 AEAD failures and short records are bad_record_mac") {
  const Bytes salt = hex("01020304");
  auto w = rtest::p12(AeadAlg::aes128_gcm, key16, salt);
  auto rec = w->seal(23, wire_tls12, core::as_bytes("data"));
  REQUIRE(rec.ok());
  SUBCASE("type is authenticated") { (*rec)[0] = 22; }
  SUBCASE("explicit nonce is used") { (*rec)[6] ^= 1; }
  SUBCASE("too short for nonce and tag") { *rec = record_bytes(23, 0x0303, Bytes(23, 0)); }
  RecordReader r;
  r.set_version(Version::tls12);
  r.set_protection(rtest::p12(AeadAlg::aes128_gcm, key16, salt));
  rtest::expect_error(r, *rec, Alert::bad_record_mac);
}

TEST_CASE("record: sequence numbers refuse to wrap") {
  auto w = rtest::p13(AeadAlg::chacha20_poly1305, Bytes(32, 9), iv12);
  w->set_sequence(std::numeric_limits<std::uint64_t>::max());
  auto last = w->seal(23, wire_tls12, hex("01"));
  REQUIRE(last.ok());
  auto wrapped = w->seal(23, wire_tls12, hex("01"));
  REQUIRE_FALSE(wrapped.ok());
  CHECK(wrapped.error().reason.find("wrap") != std::string::npos);

  auto rp = rtest::p13(AeadAlg::chacha20_poly1305, Bytes(32, 9), iv12);
  rp->set_sequence(std::numeric_limits<std::uint64_t>::max());
  RecordReader r;
  r.set_version(Version::tls13);
  r.set_protection(std::move(rp));
  r.feed(*last);
  CHECK(rtest::drain(r).size() == 1);
  auto why = rtest::expect_error(r, *last, Alert::internal_error);
  CHECK(why.find("wrap") != std::string::npos);
}

TEST_CASE("record: every record read is reported to the observer, raw and decrypted") {
  rtest::LogObserver log;
  auto r = reader13();
  r.set_observer(&log);
  Bytes a = record_bytes(20, 0x0303, hex("01"));
  Bytes b = sealed13(23, core::as_bytes("secret"), 3);
  r.feed(core::concat({a, b}));
  REQUIRE(rtest::drain(r).size() == 1);
  REQUIRE(log.records.size() == 2);
  CHECK(log.records[1].dir == core::Direction::received);
  CHECK(log.records[1].wire == b);
  CHECK(log.records[1].plain == core::to_bytes(core::as_bytes("secret")));
  CHECK(log.records[1].outer == 23);
  CHECK(log.records[1].inner == 23);
  rtest::expect_error(r, record_bytes(99, 0x0303, hex("01")), Alert::unexpected_message);
  CHECK(log.notes.back().find("rejected") != std::string::npos);
}
