#pragma once
// TCP reassembly: the two byte streams of each connection in a capture, in the
// order the data became contiguous. Handles out-of-order segments, retransmissions
// and overlaps (the first copy of a byte wins), SYN and FIN, sequence-number wrap,
// and captures that start mid-connection. Everything a capture can make us hold is
// bounded by ReassemblyLimits; reaching a limit truncates with a note, never fails.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "core/bytes.hpp"

namespace glass::capture {

struct ReassemblyLimits {
  std::size_t max_connections = 1024;              // further connections are ignored
  std::size_t max_stream_bytes = 16u << 20;        // in-order bytes kept per direction
  std::size_t max_pending_bytes = 1u << 20;        // out-of-order bytes held per direction
  std::size_t max_total_bytes = 256u << 20;        // everything kept, all connections together
};

// 0: client to server, 1: server to client.
enum class Dir : std::uint8_t { to_server = 0, to_client = 1 };

struct Chunk {
  Dir dir = Dir::to_server;
  std::uint64_t offset = 0;  // position in its direction's stream
  std::uint64_t frame = 0;   // frame whose arrival made the bytes contiguous
  std::int64_t time_us = 0;
  core::Bytes data;
};

struct Connection {
  std::size_t number = 0;  // 1-based, in order of first appearance
  Endpoint client, server;
  bool saw_syn = false;    // the client was identified by its SYN (else guessed)
  std::array<bool, 2> fin{}, truncated{};
  bool rst = false;
  std::uint64_t first_frame = 0, last_frame = 0;
  std::array<std::uint64_t, 2> bytes{};  // in-order bytes delivered per direction
  std::vector<Chunk> chunks;             // both directions, in arrival order
  std::vector<std::string> notes;        // gaps, limits, guesses
};

class Reassembler {
 public:
  explicit Reassembler(ReassemblyLimits l = {}) : limits_(l) {}
  void add(const TcpSegment& seg, std::uint64_t frame, std::int64_t time_us);
  // Call after the last frame: notes data that never became contiguous (lost).
  void finish();
  const std::vector<Connection>& connections() const { return conns_; }
  const std::vector<std::string>& notes() const { return notes_; }
  const ReassemblyLimits& limits() const { return limits_; }

 private:
  struct Side {
    bool have_base = false, fin = false, full = false, warned_pending = false;
    std::uint32_t base = 0;  // sequence number of stream offset 0
    std::uint64_t next = 0;  // next stream offset expected
    std::map<std::uint64_t, core::Bytes> pending;
    std::size_t pending_bytes = 0;
  };
  struct State {
    std::array<Side, 2> side;
  };
  using Key = std::pair<Endpoint, Endpoint>;

  Connection* find_or_open(const TcpSegment& seg, std::uint64_t frame);
  void take(std::size_t ci, Dir d, std::uint32_t seq, core::ByteView data, std::uint64_t frame,
            std::int64_t time_us);
  void deliver(std::size_t ci, Dir d, std::uint64_t offset, core::ByteView data,
               std::uint64_t frame, std::int64_t time_us);
  void drain(std::size_t ci, Dir d, std::uint64_t frame, std::int64_t time_us);

  ReassemblyLimits limits_;
  std::vector<Connection> conns_;
  std::vector<State> states_;
  std::map<Key, std::size_t> open_;
  std::vector<std::string> notes_;
  std::size_t total_ = 0, ignored_ = 0;
};

}  // namespace glass::capture
