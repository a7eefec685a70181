#include "capture/packet.hpp"

#include <cstdio>

namespace glass::capture {

namespace {

using core::Alert;
using core::ByteView;
using core::make_error;

core::Error bad(const std::string& what) { return make_error(Alert::decode_error, what); }

std::uint16_t be16(ByteView b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}
std::uint32_t be32(ByteView b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 |
         std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

constexpr std::uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86dd;

// The IP packet inside a link-layer frame, or 0 in `ethertype` when unknown.
struct Inner {
  ByteView ip;
  std::uint16_t ethertype = 0;
};

core::Result<Inner> ethernet(ByteView f) {
  std::size_t at = 12;
  for (int tags = 0;; ++tags) {
    if (f.size() < at + 2) return bad("Ethernet header truncated at offset " + std::to_string(at));
    std::uint16_t t = be16(f, at);
    if ((t == 0x8100 || t == 0x88a8) && tags < 2) {
      at += 4;  // 802.1Q / 802.1ad tag
      continue;
    }
    return Inner{f.subspan(at + 2), t};
  }
}

// BSD loopback: the address family, host order (null) or network order (loop).
core::Result<Inner> loopback(ByteView f, bool network_order) {
  if (f.size() < 4) return bad("loopback header truncated (4 bytes needed)");
  std::uint32_t fam = network_order || f[0] == 0 ? be32(f, 0)
                                                 : std::uint32_t{f[0]} | std::uint32_t{f[1]} << 8 |
                                                       std::uint32_t{f[2]} << 16 | std::uint32_t{f[3]} << 24;
  std::uint16_t t = fam == 2 ? kEtherIpv4 : (fam == 24 || fam == 28 || fam == 30) ? kEtherIpv6 : 0;
  return Inner{f.subspan(4), t};
}

core::Result<Inner> by_version(ByteView f) {
  if (f.empty()) return bad("empty raw IP frame");
  int v = f[0] >> 4;
  return Inner{f, static_cast<std::uint16_t>(v == 4 ? kEtherIpv4 : v == 6 ? kEtherIpv6 : 0)};
}

core::Result<Inner> link(std::uint32_t lt, ByteView f) {
  switch (static_cast<LinkType>(lt)) {
    case LinkType::ethernet: return ethernet(f);
    case LinkType::null: return loopback(f, false);
    case LinkType::loop: return loopback(f, true);
    case LinkType::linux_sll:
      if (f.size() < 16) return bad("Linux cooked (SLL) header truncated (16 bytes needed)");
      return Inner{f.subspan(16), be16(f, 14)};
    case LinkType::linux_sll2:
      if (f.size() < 20) return bad("Linux cooked (SLL2) header truncated (20 bytes needed)");
      return Inner{f.subspan(20), be16(f, 0)};
    case LinkType::raw:
    case LinkType::ipv4:
    case LinkType::ipv6: return by_version(f);
  }
  return bad("link-layer type " + std::to_string(lt) + " is not supported");
}

struct Transport {
  Address src, dst;
  ByteView segment;
};

core::Result<Transport> ipv4(ByteView p) {
  if (p.size() < 20) return bad("IPv4 header truncated (" + std::to_string(p.size()) + " bytes)");
  if ((p[0] >> 4) != 4) return bad("IPv4 header with version " + std::to_string(p[0] >> 4));
  std::size_t ihl = std::size_t{p[0] & 0x0fu} * 4, total = be16(p, 2);
  if (ihl < 20 || total < ihl) return bad("IPv4 header length or total length is invalid");
  if (total > p.size()) return bad("IPv4 packet cut short by the capture (snaplen)");
  if ((be16(p, 6) & 0x3fff) != 0) return bad("IPv4 fragment (fragments are not reassembled)");
  if (p[9] != 6) return bad("IPv4 protocol " + std::to_string(p[9]) + " is not TCP");
  Transport t;
  std::copy(p.begin() + 12, p.begin() + 16, t.src.bytes.begin());
  std::copy(p.begin() + 16, p.begin() + 20, t.dst.bytes.begin());
  t.segment = p.subspan(ihl, total - ihl);
  return t;
}

core::Result<Transport> ipv6(ByteView p) {
  if (p.size() < 40) return bad("IPv6 header truncated (" + std::to_string(p.size()) + " bytes)");
  if ((p[0] >> 4) != 6) return bad("IPv6 header with version " + std::to_string(p[0] >> 4));
  std::size_t len = be16(p, 4);
  if (len == 0) return bad("IPv6 jumbogram (not supported)");
  if (40 + len > p.size()) return bad("IPv6 packet cut short by the capture (snaplen)");
  Transport t;
  t.src.v6 = t.dst.v6 = true;
  std::copy(p.begin() + 8, p.begin() + 24, t.src.bytes.begin());
  std::copy(p.begin() + 24, p.begin() + 40, t.dst.bytes.begin());
  ByteView rest = p.subspan(40, len);
  std::uint8_t next = p[6];
  for (int hops = 0; next != 6; ++hops) {
    if (next == 44) return bad("IPv6 fragment (fragments are not reassembled)");
    if ((next != 0 && next != 43 && next != 60) || hops >= 8)
      return bad("IPv6 next header " + std::to_string(next) + " is not TCP");
    if (rest.size() < 8) return bad("IPv6 extension header truncated");
    std::size_t hl = (std::size_t{rest[1]} + 1) * 8;
    if (hl > rest.size()) return bad("IPv6 extension header truncated");
    next = rest[0];
    rest = rest.subspan(hl);
  }
  t.segment = rest;
  return t;
}

}  // namespace

bool link_type_supported(std::uint32_t lt) {
  switch (static_cast<LinkType>(lt)) {
    case LinkType::null: case LinkType::ethernet: case LinkType::raw: case LinkType::loop:
    case LinkType::linux_sll: case LinkType::ipv4: case LinkType::ipv6: case LinkType::linux_sll2:
      return true;
  }
  return false;
}

std::string endpoint_name(const Endpoint& e) {
  char buf[64];
  const auto& b = e.addr.bytes;
  if (!e.addr.v6) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3], e.port);
    return buf;
  }
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  unsigned g[8];
  int best = -1, best_len = 1;
  for (int i = 0; i < 8; ++i) g[i] = unsigned(b[2 * i] << 8 | b[2 * i + 1]);
  for (int i = 0, run = 0; i < 8; ++i) {
    run = g[i] == 0 ? run + 1 : 0;
    if (run > best_len) {
      best_len = run;
      best = i - run + 1;
    }
  }
  std::string s = "[";
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    // No ':' first or right after "::" (best + best_len is 0 when there is none).
    std::snprintf(buf, sizeof buf, "%s%x", i && i != best + best_len ? ":" : "", g[i]);
    s += buf;
  }
  return s + "]:" + std::to_string(e.port);
}

core::Result<TcpSegment> parse_frame(std::uint32_t link_type, ByteView frame) {
  GLASS_TRY(Inner in, link(link_type, frame));
  core::Result<Transport> tr = bad("");
  if (in.ethertype == kEtherIpv4) tr = ipv4(in.ip);
  else if (in.ethertype == kEtherIpv6) tr = ipv6(in.ip);
  else return bad("link-layer payload is not IP (type 0x" + [&] {
    char b[8];
    std::snprintf(b, sizeof b, "%04x", in.ethertype);
    return std::string(b);
  }() + ")");
  if (!tr) return std::move(tr).error();
  ByteView s = tr->segment;
  if (s.size() < 20) return bad("TCP header truncated (" + std::to_string(s.size()) + " bytes)");
  std::size_t off = static_cast<std::size_t>(s[12] >> 4) * 4;
  if (off < 20 || off > s.size()) return bad("TCP data offset " + std::to_string(off) + " is invalid");
  TcpSegment seg;
  seg.src = {tr->src, be16(s, 0)};
  seg.dst = {tr->dst, be16(s, 2)};
  seg.seq = be32(s, 4);
  seg.ack = be32(s, 8);
  seg.flags = s[13];
  seg.payload = s.subspan(off);
  return seg;
}

}  // namespace glass::capture
