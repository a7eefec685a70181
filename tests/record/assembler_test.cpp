// HandshakeAssembler: messages across records, records with many messages,
// key-change boundaries and limits.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "record/handshake_assembler.hpp"

using namespace glass;
using namespace glass::record;
using rtest::hex;

namespace {

Bytes message(std::uint8_t type, std::size_t body_len) {
  Bytes m = {type, static_cast<std::uint8_t>(body_len >> 16),
             static_cast<std::uint8_t>(body_len >> 8), static_cast<std::uint8_t>(body_len)};
  for (std::size_t i = 0; i < body_len; ++i) m.push_back(static_cast<std::uint8_t>(i));
  return m;
}

std::vector<HandshakeMessage> take_all(HandshakeAssembler& a) {
  std::vector<HandshakeMessage> out;
  for (;;) {
    auto m = a.next();
    REQUIRE(m.ok());
    if (!*m) return out;
    out.push_back(std::move(**m));
  }
}

}  // namespace

TEST_CASE("record: one handshake message across many records") {
  Bytes cert = message(11, 50000);  // larger than any record
  HandshakeAssembler a;
  std::size_t got = 0;
  for (std::size_t off = 0; off < cert.size(); off += 16384) {
    std::size_t n = std::min<std::size_t>(16384, cert.size() - off);
    REQUIRE(a.add(ByteView(cert).subspan(off, n)).ok());
    auto ms = take_all(a);
    got += ms.size();
    if (off + n < cert.size()) {
      CHECK(ms.empty());
      CHECK_FALSE(a.empty());
    } else {
      REQUIRE(ms.size() == 1);
      CHECK(ms[0].raw == cert);
      CHECK(ms[0].body().size() == 50000);
    }
  }
  CHECK(got == 1);
  CHECK(a.empty());
}

TEST_CASE("record: handshake messages fed one byte at a time, header split too") {
  Bytes stream = core::concat({message(2, 70), message(8, 0), message(11, 300), message(20, 32)});
  HandshakeAssembler a;
  std::vector<HandshakeMessage> ms;
  for (std::uint8_t b : stream) {
    REQUIRE(a.add(ByteView(&b, 1)).ok());
    for (auto& m : take_all(a)) ms.push_back(std::move(m));
  }
  REQUIRE(ms.size() == 4);
  CHECK(ms[1].type == 8);
  CHECK(ms[1].body().empty());
  CHECK(ms[0].offset == 0);
  CHECK(ms[1].offset == 74);
  CHECK(ms[2].offset == 78);
  CHECK(ms[3].offset == 382);
  CHECK(a.bytes_consumed() == stream.size());
}

TEST_CASE("record: many handshake messages in one record") {
  rtest::LogObserver log;
  HandshakeAssembler a(&log);
  REQUIRE(a.add(core::concat({message(8, 10), message(13, 5), message(14, 0)})).ok());
  auto ms = take_all(a);
  REQUIRE(ms.size() == 3);
  CHECK(ms[2].type == 14);
  CHECK(log.messages.size() == 3);
  CHECK(log.messages[0].second == message(8, 10));
}

TEST_CASE("record: leftover handshake data at a key change is unexpected_message") {
  HandshakeAssembler a;
  // ServerHello and the start of the next message in the same record.
  REQUIRE(a.add(core::concat({message(2, 40), hex("0800")})).ok());
  auto ms = take_all(a);
  REQUIRE(ms.size() == 1);
  auto st = a.check_key_change("ServerHello");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == core::Alert::unexpected_message);
  CHECK(st.error().reason.find("2 bytes of handshake data follow ServerHello") !=
        std::string::npos);
  auto il = a.check_interleave("application_data");
  REQUIRE_FALSE(il.ok());
  CHECK(il.error().alert == core::Alert::unexpected_message);

  HandshakeAssembler clean;
  REQUIRE(clean.add(message(20, 32)).ok());
  CHECK(take_all(clean).size() == 1);
  CHECK(clean.check_key_change("Finished").ok());
  CHECK(clean.check_interleave("alert").ok());
}

TEST_CASE("record: empty handshake fragments and oversized messages are refused") {
  HandshakeAssembler a;
  auto st = a.add({});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == core::Alert::unexpected_message);

  HandshakeAssembler b;
  b.set_max_message_size(1000);
  REQUIRE(b.add(hex("0b0003e9")).ok());  // 1001 bytes announced: refused before the body
  auto m = b.next();
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().alert == core::Alert::decode_error);
  CHECK(m.error().reason.find("1001") != std::string::npos);

  HandshakeAssembler c;  // default limit: 256 KiB; 2^24-1 is legal on the wire but refused
  REQUIRE(c.add(hex("0bffffff")).ok());
  CHECK_FALSE(c.next().ok());
}
