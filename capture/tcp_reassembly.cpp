#include "capture/tcp_reassembly.hpp"

#include <algorithm>

namespace glass::capture {

namespace {

const char* dir_name(Dir d) { return d == Dir::to_server ? "client-to-server" : "server-to-client"; }

}  // namespace

Connection* Reassembler::find_or_open(const TcpSegment& seg, std::uint64_t frame) {
  Key key = std::minmax(seg.src, seg.dst);
  const bool syn = seg.flags & tcp_flag::syn, ack = seg.flags & tcp_flag::ack;
  auto it = open_.find(key);
  if (it != open_.end()) {
    Connection& c = conns_[it->second];
    // A fresh SYN on the same addresses after the old connection ended: port reuse.
    if (!(syn && !ack && (c.rst || (c.fin[0] && c.fin[1])))) return &c;
  }
  if (conns_.size() >= limits_.max_connections) {
    if (ignored_++ == 0)
      notes_.push_back("more than " + std::to_string(limits_.max_connections) +
                       " TCP connections: the later ones are ignored");
    return nullptr;
  }
  Connection c;
  c.number = conns_.size() + 1;
  c.first_frame = frame;
  if (syn) {
    c.saw_syn = true;
    c.client = ack ? seg.dst : seg.src;
    c.server = ack ? seg.src : seg.dst;
  } else {
    // No handshake in the capture: the higher port is usually the client's.
    bool src_client = seg.src.port >= seg.dst.port;
    c.client = src_client ? seg.src : seg.dst;
    c.server = src_client ? seg.dst : seg.src;
    c.notes.push_back("the capture has no SYN for this connection: " + endpoint_name(c.client) +
                      " (the higher port) is taken to be the client");
  }
  conns_.push_back(std::move(c));
  states_.emplace_back();
  open_[key] = conns_.size() - 1;
  return &conns_.back();
}

void Reassembler::add(const TcpSegment& seg, std::uint64_t frame, std::int64_t time_us) {
  Connection* c = find_or_open(seg, frame);
  if (!c) return;
  const std::size_t ci = static_cast<std::size_t>(c - conns_.data());
  const Dir d = seg.src == c->client ? Dir::to_server : Dir::to_client;
  Side& s = states_[ci].side[static_cast<int>(d)];
  c->last_frame = frame;
  if (seg.flags & tcp_flag::rst) c->rst = true;
  std::uint32_t seq = seg.seq;
  if (seg.flags & tcp_flag::syn) {
    ++seq;  // the SYN takes one sequence number; data (TCP Fast Open) follows it
    if (!s.have_base) s.base = seq;
    s.have_base = true;
  }
  if (!s.have_base) {
    s.have_base = true;
    s.base = seq;
    if (c->saw_syn)
      c->notes.push_back(std::string("the ") + dir_name(d) +
                         " stream's SYN is not in the capture: it is read from its first segment");
  }
  if (!seg.payload.empty() && !s.fin && !(seg.flags & tcp_flag::rst))
    take(ci, d, seq, seg.payload, frame, time_us);
  if (seg.flags & tcp_flag::fin) c->fin[static_cast<int>(d)] = s.fin = true;
}

void Reassembler::take(std::size_t ci, Dir d, std::uint32_t seq, core::ByteView data,
                       std::uint64_t frame, std::int64_t time_us) {
  Side& s = states_[ci].side[static_cast<int>(d)];
  if (s.full) return;
  // Signed distance from the next expected byte, modulo 2^32 (sequence numbers wrap).
  auto delta = static_cast<std::int32_t>(seq - (s.base + static_cast<std::uint32_t>(s.next)));
  std::int64_t off = static_cast<std::int64_t>(s.next) + delta;
  if (off < 0) {
    if (static_cast<std::uint64_t>(-off) >= data.size()) return;  // before the stream began
    data = data.subspan(static_cast<std::size_t>(-off));
    off = 0;
  }
  const auto uoff = static_cast<std::uint64_t>(off);
  if (uoff + data.size() <= s.next) return;  // a retransmission of what we have
  if (uoff <= s.next) {
    deliver(ci, d, s.next, data.subspan(static_cast<std::size_t>(s.next - uoff)), frame, time_us);
    drain(ci, d, frame, time_us);
    return;
  }
  if (s.pending_bytes + data.size() > limits_.max_pending_bytes) {
    if (!s.warned_pending)
      conns_[ci].notes.push_back(std::string("more than ") + std::to_string(limits_.max_pending_bytes) +
                                 " bytes out of order in the " + dir_name(d) +
                                 " stream: later out-of-order segments were dropped");
    s.warned_pending = true;
    return;
  }
  auto& slot = s.pending[uoff];
  if (slot.size() >= data.size()) return;  // an equal or longer copy is held already
  s.pending_bytes = s.pending_bytes - slot.size() + data.size();
  slot.assign(data.begin(), data.end());
}

void Reassembler::deliver(std::size_t ci, Dir d, std::uint64_t offset, core::ByteView data,
                          std::uint64_t frame, std::int64_t time_us) {
  Side& s = states_[ci].side[static_cast<int>(d)];
  Connection& c = conns_[ci];
  std::size_t room = s.next < limits_.max_stream_bytes
                         ? static_cast<std::size_t>(limits_.max_stream_bytes - s.next) : 0;
  room = std::min(room, limits_.max_total_bytes - std::min(total_, limits_.max_total_bytes));
  std::size_t n = std::min(room, data.size());
  if (n > 0) {
    c.chunks.push_back(Chunk{d, offset, frame, time_us, core::Bytes(data.begin(), data.begin() + n)});
    s.next += n;
    c.bytes[static_cast<int>(d)] += n;
    total_ += n;
  }
  if (n < data.size()) {
    s.full = true;
    c.truncated[static_cast<int>(d)] = true;
    c.notes.push_back(std::string("the ") + dir_name(d) + " stream is cut at " +
                      std::to_string(s.next) + " bytes (limit " +
                      std::to_string(limits_.max_stream_bytes) + " per stream, " +
                      std::to_string(limits_.max_total_bytes) + " in all)");
    s.pending.clear();
    s.pending_bytes = 0;
  }
}

void Reassembler::drain(std::size_t ci, Dir d, std::uint64_t frame, std::int64_t time_us) {
  Side& s = states_[ci].side[static_cast<int>(d)];
  while (!s.pending.empty() && !s.full) {
    auto it = s.pending.begin();
    if (it->first > s.next) break;
    core::Bytes piece = std::move(it->second);
    std::uint64_t off = it->first;
    s.pending_bytes -= piece.size();
    s.pending.erase(it);
    if (off + piece.size() > s.next)
      deliver(ci, d, s.next,
              core::ByteView(piece).subspan(static_cast<std::size_t>(s.next - off)), frame, time_us);
  }
}

void Reassembler::finish() {
  for (std::size_t ci = 0; ci < conns_.size(); ++ci) {
    for (int i = 0; i < 2; ++i) {
      Side& s = states_[ci].side[i];
      if (s.pending.empty()) continue;
      conns_[ci].notes.push_back(
          std::to_string(s.pending_bytes) + " bytes of the " + dir_name(static_cast<Dir>(i)) +
          " stream follow a gap at offset " + std::to_string(s.next) +
          " (segments missing from the capture); the stream is read up to the gap");
      s.pending.clear();
      s.pending_bytes = 0;
    }
  }
  if (ignored_ > 1) notes_.push_back(std::to_string(ignored_) + " segments of further connections ignored");
}

}  // namespace glass::capture
