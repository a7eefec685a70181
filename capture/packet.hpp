#pragma once
// One captured frame down to its TCP segment: link layer (Ethernet with VLAN
// tags, Linux cooked SLL and SLL2, raw IP, BSD loopback), IPv4 or IPv6, TCP.
// Everything is bounds-checked; a frame that is not TCP, or is cut short, gives
// an error naming the layer and the offset, never a read past the end.
#include <array>
#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::capture {

// Link-layer header types we read (libpcap's DLT_/LINKTYPE_ numbers).
enum class LinkType : std::uint32_t {
  null = 0,         // BSD loopback: 4-byte address family in host order
  ethernet = 1,
  raw = 101,        // LINKTYPE_RAW: the frame starts with the IP header
  loop = 108,       // OpenBSD loopback: the family in network order
  linux_sll = 113,
  ipv4 = 228,
  ipv6 = 229,
  linux_sll2 = 276,
};
bool link_type_supported(std::uint32_t link_type);

struct Address {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in the first four bytes
  bool v6 = false;
  bool operator==(const Address&) const = default;
  auto operator<=>(const Address&) const = default;
};

struct Endpoint {
  Address addr;
  std::uint16_t port = 0;
  bool operator==(const Endpoint&) const = default;
  auto operator<=>(const Endpoint&) const = default;
};
// "127.0.0.1:4433", "[::1]:4433"
std::string endpoint_name(const Endpoint& e);

namespace tcp_flag {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, ack = 0x10;
}

struct TcpSegment {
  Endpoint src, dst;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t flags = 0;
  core::ByteView payload;  // inside the frame given to parse_frame
};

// Parses one frame as captured. IPv4 fragments, non-TCP packets and IPv6 extension
// headers other than hop-by-hop/routing/destination options are errors (the
// caller skips the frame). An IP total length shorter than the frame trims
// Ethernet padding; a longer one means the capture was truncated (snaplen).
core::Result<TcpSegment> parse_frame(std::uint32_t link_type, core::ByteView frame);

}  // namespace glass::capture
