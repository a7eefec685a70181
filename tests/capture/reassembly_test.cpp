#include <doctest/doctest.h>

#include "capture/packet.hpp"
#include "capture/tcp_reassembly.hpp"

using namespace glass;
using namespace glass::capture;

namespace {

core::Bytes tcp(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags,
                std::string_view payload = {}) {
  core::Bytes s = {std::uint8_t(sport >> 8), std::uint8_t(sport), std::uint8_t(dport >> 8), std::uint8_t(dport),
                   std::uint8_t(seq >> 24), std::uint8_t(seq >> 16), std::uint8_t(seq >> 8), std::uint8_t(seq),
                   0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0};
  core::append(s, core::as_bytes(payload));
  return s;
}

core::Bytes ipv4(std::uint8_t src, std::uint8_t dst, const core::Bytes& seg) {
  std::size_t len = 20 + seg.size();
  core::Bytes p = {0x45, 0, std::uint8_t(len >> 8), std::uint8_t(len), 0, 1, 0x40, 0, 64, 6, 0, 0,
                   127, 0, 0, src, 127, 0, 0, dst};
  core::append(p, seg);
  return p;
}

core::Bytes ethernet(const core::Bytes& ip) {
  core::Bytes f(12, 0);
  f.push_back(0x08);
  f.push_back(0x00);
  core::append(f, ip);
  f.resize(f.size() + 6, 0);  // Ethernet padding after the IP packet
  return f;
}

TcpSegment seg(bool from_client, std::uint32_t seq, std::uint8_t flags, std::string_view data = {}) {
  TcpSegment s;
  s.src.addr.bytes[0] = from_client ? 1 : 2;
  s.dst.addr.bytes[0] = from_client ? 2 : 1;
  s.src.port = from_client ? 50000 : 443;
  s.dst.port = from_client ? 443 : 50000;
  s.seq = seq;
  s.flags = flags;
  s.payload = core::as_bytes(data);
  return s;
}

std::string stream(const Connection& c, Dir d) {
  std::string out;
  for (const auto& ch : c.chunks)
    if (ch.dir == d) out += std::string(core::as_chars(ch.data));
  return out;
}

}  // namespace

TEST_CASE("parse_frame reads Ethernet, IPv4 and TCP, trimming the padding") {
  auto f = ethernet(ipv4(1, 2, tcp(50000, 443, 7, tcp_flag::ack, "hello")));
  auto s = parse_frame(1, f);
  REQUIRE(s);
  CHECK(endpoint_name(s->src) == "127.0.0.1:50000");
  CHECK(endpoint_name(s->dst) == "127.0.0.2:443");
  CHECK(s->seq == 7);
  CHECK(std::string(core::as_chars(s->payload)) == "hello");
}

TEST_CASE("parse_frame: Linux cooked SLL2, loopback and raw IPv6") {
  auto ip = ipv4(1, 2, tcp(1, 2, 3, tcp_flag::syn));
  core::Bytes sll2 = {0x08, 0x00, 0, 0, 0, 0, 0, 1, 0x03, 0x04, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0};
  core::append(sll2, ip);
  CHECK(parse_frame(276, sll2));
  core::Bytes null = {2, 0, 0, 0};
  core::append(null, ip);
  CHECK(parse_frame(0, null));
  core::Bytes v6 = {0x60, 0, 0, 0, 0, 20, 6, 64};
  v6.resize(40, 0);
  v6[23] = 1;
  v6[39] = 1;
  core::append(v6, tcp(8080, 40000, 1, tcp_flag::ack));
  auto s = parse_frame(101, v6);
  REQUIRE(s);
  CHECK(endpoint_name(s->src) == "[::1]:8080");
  TcpSegment t;
  t.src.addr.v6 = true;
  t.src.port = 1;
  t.src.addr.bytes = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
  CHECK(endpoint_name(t.src) == "[2001:db8::1:0:0:1]:1");
  t.src.addr.bytes = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  CHECK(endpoint_name(t.src) == "[fe80::]:1");
  t.src.addr.bytes = {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8};
  CHECK(endpoint_name(t.src) == "[1:2:3:4:5:6:7:8]:1");
}

TEST_CASE("parse_frame refuses truncated and non-TCP frames with a reason") {
  auto f = ethernet(ipv4(1, 2, tcp(1, 2, 3, 0, "abc")));
  for (std::size_t n = 0; n < 14 + 20 + 20; ++n)
    CHECK_FALSE(parse_frame(1, core::ByteView(f).first(n)));
  auto udp = ipv4(1, 2, tcp(1, 2, 3, 0));
  udp[9] = 17;
  auto r = parse_frame(101, udp);
  REQUIRE_FALSE(r);
  CHECK(r.error().reason.find("not TCP") != std::string::npos);
  CHECK_FALSE(parse_frame(147, udp));
}

TEST_CASE("reassembly: out of order, retransmitted and overlapping segments") {
  Reassembler r;
  r.add(seg(true, 100, tcp_flag::syn), 1, 0);
  r.add(seg(false, 900, tcp_flag::syn | tcp_flag::ack), 2, 0);
  r.add(seg(true, 106, tcp_flag::ack, "world"), 3, 0);   // early
  r.add(seg(true, 101, tcp_flag::ack, "hello"), 4, 0);   // fills the gap
  r.add(seg(true, 101, tcp_flag::ack, "hel"), 5, 0);     // retransmission
  r.add(seg(true, 109, tcp_flag::ack, "LDxyz"), 6, 0);   // overlap: first copy wins
  r.add(seg(false, 901, tcp_flag::ack | tcp_flag::fin, "reply"), 7, 0);
  r.finish();
  REQUIRE(r.connections().size() == 1);
  const auto& c = r.connections()[0];
  CHECK(c.saw_syn);
  CHECK(c.client.port == 50000);
  CHECK(stream(c, Dir::to_server) == "helloworldxyz");
  CHECK(stream(c, Dir::to_client) == "reply");
  CHECK(c.fin[1]);
  CHECK(c.notes.empty());
}

TEST_CASE("reassembly across the 2^32 sequence wrap, and a lost segment is noted") {
  Reassembler r;
  r.add(seg(true, 0xfffffffd, tcp_flag::syn), 1, 0);
  r.add(seg(true, 0xfffffffe, tcp_flag::ack, "abcd"), 2, 0);
  r.add(seg(true, 2, tcp_flag::ack, "efgh"), 3, 0);
  r.add(seg(true, 100, tcp_flag::ack, "lost before me"), 4, 0);
  r.finish();
  const auto& c = r.connections().at(0);
  CHECK(stream(c, Dir::to_server) == "abcdefgh");
  REQUIRE(c.notes.size() == 1);
  CHECK(c.notes[0].find("gap at offset 8") != std::string::npos);
}

TEST_CASE("reassembly limits: stream bytes, pending bytes, connections") {
  ReassemblyLimits l;
  l.max_stream_bytes = 8;
  l.max_pending_bytes = 4;
  l.max_connections = 1;
  Reassembler r(l);
  r.add(seg(true, 0, tcp_flag::syn), 1, 0);
  r.add(seg(true, 20, tcp_flag::ack, "toolong"), 2, 0);  // out of order, over the pending limit
  r.add(seg(true, 1, tcp_flag::ack, "0123456789"), 3, 0);
  auto other = seg(true, 5, tcp_flag::syn);
  other.src.port = 50001;
  r.add(other, 4, 0);
  r.finish();
  REQUIRE(r.connections().size() == 1);
  const auto& c = r.connections()[0];
  CHECK(stream(c, Dir::to_server) == "01234567");
  CHECK(c.truncated[0]);
  CHECK(c.notes.size() == 2);
  CHECK(r.notes().size() == 1);
}

TEST_CASE("reassembly without a SYN takes the higher port as the client") {
  Reassembler r;
  r.add(seg(false, 5000, tcp_flag::ack, "from server"), 1, 0);
  r.add(seg(true, 7000, tcp_flag::ack, "from client"), 2, 0);
  r.finish();
  const auto& c = r.connections().at(0);
  CHECK_FALSE(c.saw_syn);
  CHECK(c.client.port == 50000);
  CHECK(stream(c, Dir::to_client) == "from server");
  CHECK(stream(c, Dir::to_server) == "from client");
}

TEST_CASE("reassembly: a new SYN on the same ports after FIN/FIN or RST is a new connection") {
  Reassembler r;
  r.add(seg(true, 10, tcp_flag::syn), 1, 0);
  r.add(seg(true, 11, tcp_flag::ack, "first"), 2, 0);
  r.add(seg(true, 16, tcp_flag::ack | tcp_flag::fin), 3, 0);
  r.add(seg(false, 500, tcp_flag::ack | tcp_flag::fin), 4, 0);
  r.add(seg(true, 9000, tcp_flag::syn), 5, 0);  // port reuse
  r.add(seg(true, 9001, tcp_flag::ack, "second"), 6, 0);
  r.add(seg(false, 700, tcp_flag::rst), 7, 0);
  r.add(seg(true, 4000, tcp_flag::syn), 8, 0);  // after a reset
  r.add(seg(true, 4001, tcp_flag::ack, "third"), 9, 0);
  r.add(seg(true, 4006, tcp_flag::ack | tcp_flag::fin, "ignored after"), 10, 0);
  r.add(seg(true, 4020, tcp_flag::ack, "after FIN"), 11, 0);
  r.finish();
  REQUIRE(r.connections().size() == 3);
  CHECK(stream(r.connections()[0], Dir::to_server) == "first");
  CHECK(stream(r.connections()[1], Dir::to_server) == "second");
  CHECK(r.connections()[1].rst);
  CHECK(stream(r.connections()[2], Dir::to_server) == "thirdignored after");
  CHECK(r.connections()[2].first_frame == 8);
}
