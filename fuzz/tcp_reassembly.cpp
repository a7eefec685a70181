// Fuzz the capture layer's frame parser (link layer, IPv4/IPv6, TCP) and the TCP
// reassembler behind it, with small limits so they are reached.
// Input: byte 0 picks the link type (low 3 bits); then frames, each a 2-byte
// big-endian length and that many bytes.
// Checks: each direction's chunks are contiguous from offset 0 and within the limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "capture/packet.hpp"
#include "capture/tcp_reassembly.hpp"

using namespace glass::capture;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const std::uint32_t link_types[] = {0, 1, 101, 108, 113, 228, 229, 276};
  const std::uint32_t lt = link_types[data[0] & 7];
  ReassemblyLimits limits;
  limits.max_connections = 4;
  limits.max_stream_bytes = 4096;
  limits.max_pending_bytes = 1024;
  limits.max_total_bytes = 8192;
  Reassembler r(limits);
  std::size_t pos = 1;
  std::uint64_t frame = 0;
  while (pos + 2 <= size) {
    std::size_t len = std::size_t{data[pos]} << 8 | data[pos + 1];
    pos += 2;
    if (len > size - pos) len = size - pos;
    auto seg = parse_frame(lt, glass::core::ByteView(data + pos, len));
    pos += len;
    ++frame;
    if (seg) {
      if (seg->payload.data() < data || seg->payload.data() + seg->payload.size() > data + size)
        std::abort();
      r.add(*seg, frame, 0);
    }
  }
  r.finish();
  std::size_t total = 0;
  for (const auto& c : r.connections()) {
    std::uint64_t next[2] = {0, 0};
    for (const auto& ch : c.chunks) {
      auto d = static_cast<int>(ch.dir);
      if (ch.offset != next[d] || ch.data.empty()) std::abort();
      next[d] += ch.data.size();
      total += ch.data.size();
    }
    for (int d = 0; d < 2; ++d)
      if (next[d] != c.bytes[d] || next[d] > limits.max_stream_bytes) std::abort();
  }
  if (total > limits.max_total_bytes || r.connections().size() > limits.max_connections)
    std::abort();
  return 0;
}
