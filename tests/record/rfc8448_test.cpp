// RFC 8448 section 3: the record layer reproduces every record of the simple
// 1-RTT trace byte for byte, in both directions.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "rfc8448_data.hpp"
#include "record/alert.hpp"
#include "record/handshake_assembler.hpp"
#include "record/traffic_keys.hpp"
#include "record/writer.hpp"

using namespace glass;
using namespace glass::record;
using rtest::hex;
using crypto::AeadAlg;
using crypto::HashAlg;

namespace {

std::unique_ptr<Protection13> from_secret(const char* secret) {
  auto p = Protection13::from_secret(HashAlg::sha256, AeadAlg::aes128_gcm, hex(secret));
  REQUIRE(p.ok());
  return std::move(*p);
}

RecordReader reader13(const char* secret) {
  RecordReader r;
  r.set_version(Version::tls13);
  r.set_protection(from_secret(secret));
  return r;
}

// Decrypts `record` (expected to be the reader's next) and checks type and plaintext.
void check_decrypts(RecordReader& r, const char* record, ContentType type, const char* payload,
                    std::uint64_t seq) {
  r.feed(hex(record));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].type == type);
  CHECK(recs[0].outer_type == 23);
  CHECK(recs[0].was_protected);
  CHECK(recs[0].seq == seq);
  CHECK(recs[0].padding == 0);
  CHECK(core::to_hex(recs[0].fragment) == core::to_hex(hex(payload)));
}

void check_encrypts(RecordWriter& w, ContentType type, const char* payload, const char* record) {
  REQUIRE(w.write(type, hex(payload)).ok());
  auto out = w.take_output();
  REQUIRE(out.ok());
  CHECK(core::to_hex(*out) == core::to_hex(hex(record)));
}

}  // namespace

TEST_CASE("record: RFC 8448 3 traffic keys and ivs derive from the traffic secrets") {
  struct Case { const char *secret, *key, *iv; };
  for (auto c : {Case{rfc8448::s_hs_traffic, rfc8448::s_hs_key, rfc8448::s_hs_iv},
                 Case{rfc8448::c_hs_traffic, rfc8448::c_hs_key, rfc8448::c_hs_iv},
                 Case{rfc8448::s_ap_traffic, rfc8448::s_ap_key, rfc8448::s_ap_iv},
                 Case{rfc8448::c_ap_traffic, rfc8448::c_ap_key, rfc8448::c_ap_iv}}) {
    auto k = derive_traffic_keys13(HashAlg::sha256, AeadAlg::aes128_gcm, hex(c.secret));
    CHECK(core::to_hex(k.key) == c.key);
    CHECK(core::to_hex(k.iv) == c.iv);
  }
}

TEST_CASE("record: RFC 8448 3 server encrypted flight decrypts to the exact plaintext") {
  auto r = reader13(rfc8448::s_hs_traffic);
  check_decrypts(r, rfc8448::server_flight_record, ContentType::handshake,
                 rfc8448::server_flight_payload, 0);
  CHECK(r.protection()->sequence() == 1);
}

TEST_CASE("record: RFC 8448 3 server flight reassembles into EE, Certificate, CV, Finished") {
  auto r = reader13(rfc8448::s_hs_traffic);
  r.feed(hex(rfc8448::server_flight_record));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  rtest::LogObserver log;
  HandshakeAssembler hs(&log);
  REQUIRE(hs.add(recs[0].fragment).ok());
  std::vector<std::uint8_t> types;
  std::vector<std::size_t> sizes;
  for (;;) {
    auto m = hs.next();
    REQUIRE(m.ok());
    if (!*m) break;
    types.push_back((*m)->type);
    sizes.push_back((*m)->raw.size());
  }
  CHECK(types == std::vector<std::uint8_t>{8, 11, 15, 20});
  CHECK(sizes == std::vector<std::size_t>{40, 445, 136, 36});
  CHECK(hs.empty());
  CHECK(hs.check_key_change("server Finished").ok());
  CHECK(log.messages.size() == 4);
}

TEST_CASE("record: RFC 8448 3 server encrypted flight encrypts to the exact record") {
  RecordWriter w;
  REQUIRE(w.set_protection(from_secret(rfc8448::s_hs_traffic)).ok());
  // Four messages written one by one share a single record, as in the trace.
  Bytes flight = hex(rfc8448::server_flight_payload);
  std::size_t off = 0;
  for (std::size_t n : {40, 445, 136, 36}) {
    REQUIRE(w.write_handshake_message(ByteView(flight).subspan(off, n)).ok());
    off += n;
  }
  auto out = w.take_output();
  REQUIRE(out.ok());
  CHECK(core::to_hex(*out) == core::to_hex(hex(rfc8448::server_flight_record)));
  CHECK(w.records_written() == 1);
}

TEST_CASE("record: RFC 8448 3 client Finished record decrypts and encrypts exactly") {
  auto r = reader13(rfc8448::c_hs_traffic);
  check_decrypts(r, rfc8448::client_finished_record, ContentType::handshake,
                 rfc8448::client_finished_payload, 0);
  RecordWriter w;
  REQUIRE(w.set_protection(from_secret(rfc8448::c_hs_traffic)).ok());
  check_encrypts(w, ContentType::handshake, rfc8448::client_finished_payload,
                 rfc8448::client_finished_record);
}

TEST_CASE("record: RFC 8448 3 server application records (NewSessionTicket, data, alert)") {
  auto r = reader13(rfc8448::s_ap_traffic);
  check_decrypts(r, rfc8448::nst_record, ContentType::handshake, rfc8448::nst_payload, 0);
  check_decrypts(r, rfc8448::server_app_record, ContentType::application_data,
                 rfc8448::server_app_payload, 1);
  check_decrypts(r, rfc8448::server_alert_record, ContentType::alert,
                 rfc8448::server_alert_payload, 2);

  RecordWriter w;
  REQUIRE(w.set_protection(from_secret(rfc8448::s_ap_traffic)).ok());
  check_encrypts(w, ContentType::handshake, rfc8448::nst_payload, rfc8448::nst_record);
  check_encrypts(w, ContentType::application_data, rfc8448::server_app_payload,
                 rfc8448::server_app_record);
  REQUIRE(w.write_alert(make_alert(core::Alert::close_notify)).ok());
  auto out = w.take_output();
  REQUIRE(out.ok());
  CHECK(core::to_hex(*out) == rfc8448::server_alert_record);
}

TEST_CASE("record: RFC 8448 3 client application data and alert records") {
  auto r = reader13(rfc8448::c_ap_traffic);
  check_decrypts(r, rfc8448::client_app_record, ContentType::application_data,
                 rfc8448::client_app_payload, 0);
  check_decrypts(r, rfc8448::client_alert_record, ContentType::alert,
                 rfc8448::client_alert_payload, 1);
  RecordWriter w;
  REQUIRE(w.set_protection(from_secret(rfc8448::c_ap_traffic)).ok());
  check_encrypts(w, ContentType::application_data, rfc8448::client_app_payload,
                 rfc8448::client_app_record);
  check_encrypts(w, ContentType::alert, rfc8448::client_alert_payload,
                 rfc8448::client_alert_record);
}

TEST_CASE("record: RFC 8448 3 alerts decrypt to close_notify given their sequence numbers") {
  // The alerts alone, with sequence numbers set as the trace implies.
  auto client = Protection13::create(AeadAlg::aes128_gcm, hex(rfc8448::c_ap_key),
                                     hex(rfc8448::c_ap_iv));
  REQUIRE(client.ok());
  (*client)->set_sequence(1);
  Bytes rec = hex(rfc8448::client_alert_record);
  auto o = (*client)->open(ByteView(rec).first(5), ByteView(rec).subspan(5));
  REQUIRE(o.ok());
  CHECK(o->type == 21);
  auto a = parse_alert(o->content, Version::tls13);
  REQUIRE(a.ok());
  CHECK(a->description == core::Alert::close_notify);
  CHECK(classify_alert(*a, Version::tls13) == AlertClass::closure);

  auto server = Protection13::create(AeadAlg::aes128_gcm, hex(rfc8448::s_ap_key),
                                     hex(rfc8448::s_ap_iv));
  REQUIRE(server.ok());
  (*server)->set_sequence(2);
  rec = hex(rfc8448::server_alert_record);
  o = (*server)->open(ByteView(rec).first(5), ByteView(rec).subspan(5));
  REQUIRE(o.ok());
  CHECK(core::to_hex(o->content) == "0100");
  // The wrong sequence number cannot open it.
  (*server)->set_sequence(1);
  auto bad = (*server)->open(ByteView(rec).first(5), ByteView(rec).subspan(5));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().alert == core::Alert::bad_record_mac);
}

TEST_CASE("record: RFC 8448 3 plaintext ClientHello and ServerHello records frame exactly") {
  RecordWriter w;
  w.set_record_version(wire_tls10);  // the first ClientHello says 3,1
  REQUIRE(w.write_handshake_message(hex(rfc8448::client_hello_payload)).ok());
  auto out = w.take_output();
  REQUIRE(out.ok());
  CHECK(core::to_hex(*out) == core::to_hex(hex(rfc8448::client_hello_record)));
  w.set_record_version(wire_tls12);
  REQUIRE(w.write_handshake_message(hex(rfc8448::server_hello_payload)).ok());
  out = w.take_output();
  REQUIRE(out.ok());
  CHECK(core::to_hex(*out) == core::to_hex(hex(rfc8448::server_hello_record)));

  RecordReader r;
  r.feed(hex(rfc8448::client_hello_record));
  auto recs = rtest::drain(r);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].type == ContentType::handshake);
  CHECK(recs[0].version == 0x0301);
  CHECK_FALSE(recs[0].was_protected);
  CHECK(core::to_hex(recs[0].fragment) == core::to_hex(hex(rfc8448::client_hello_payload)));
}

TEST_CASE("record: RFC 8448 3 server stream read one byte at a time with a key change") {
  // What a client sees: ServerHello (plaintext), then the encrypted flight.
  Bytes stream = core::concat({hex(rfc8448::server_hello_record),
                               hex(rfc8448::server_flight_record)});
  rtest::LogObserver log;
  RecordReader r(&log);
  HandshakeAssembler hs;
  std::vector<std::uint8_t> types;
  for (std::uint8_t b : stream) {
    r.feed(ByteView(&b, 1));
    for (auto& rec : rtest::drain(r)) {
      REQUIRE(rec.type == ContentType::handshake);
      REQUIRE(hs.add(rec.fragment).ok());
      for (;;) {
        auto m = hs.next();
        REQUIRE(m.ok());
        if (!*m) break;
        types.push_back((*m)->type);
        if ((*m)->type == 2) {  // ServerHello: switch to the handshake keys
          REQUIRE(hs.check_key_change("ServerHello").ok());
          r.set_version(Version::tls13);
          r.set_protection(from_secret(rfc8448::s_hs_traffic));
        }
      }
    }
  }
  CHECK(types == std::vector<std::uint8_t>{2, 8, 11, 15, 20});
  CHECK(r.buffered() == 0);
  REQUIRE(log.records.size() == 2);
  CHECK(log.records[1].outer == 23);
  CHECK(log.records[1].inner == 22);
  CHECK(log.records[1].wire == hex(rfc8448::server_flight_record));
  CHECK(log.records[1].plain == hex(rfc8448::server_flight_payload));
}
