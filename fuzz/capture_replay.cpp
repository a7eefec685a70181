// Fuzz what `glasstls explain` does after TCP reassembly: the NSS key log parser
// and the TLS replay (records, handshake messages, decryption with key-log
// secrets, inferred states) over two attacker-controlled byte streams.
// Input: 2-byte big-endian key log length, the key log text, then chunks, each a
// direction byte (even: client to server), a 2-byte length and the bytes.
// Seeds: fuzz/make_capture_replay_corpus.py from the captures in tests/data/capture.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "capture/keylog_file.hpp"
#include "capture/tls_replay.hpp"

using namespace glass;

namespace {

struct Counter final : core::Observer {
  std::size_t events = 0;
  void on_record(core::Direction, std::uint8_t, core::ByteView, std::uint8_t, core::ByteView) override { ++events; }
  void on_handshake_message(core::Direction, std::uint8_t, core::ByteView m) override {
    if (m.size() < 4) std::abort();  // a message always has its header
    ++events;
  }
  void on_state(core::Side, core::HandshakeState, std::string_view, core::HandshakeState) override { ++events; }
  void on_secret(core::Secret, core::ByteView) override { ++events; }
  void on_alert(core::Direction, core::AlertLevel, core::Alert) override { ++events; }
  void on_note(std::string_view) override { ++events; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t klen = std::size_t{data[0]} << 8 | data[1];
  if (klen > size - 2) klen = size - 2;
  auto keys = capture::KeyLog::parse(
      std::string_view(reinterpret_cast<const char*>(data + 2), klen));
  capture::Connection conn;
  std::uint64_t next[2] = {0, 0};
  for (std::size_t pos = 2 + klen; pos + 3 <= size;) {
    int d = data[pos] & 1;
    std::size_t len = std::size_t{data[pos + 1]} << 8 | data[pos + 2];
    pos += 3;
    if (len > size - pos) len = size - pos;
    if (len == 0) continue;
    capture::Chunk c;
    c.dir = static_cast<capture::Dir>(d);
    c.offset = next[d];
    c.data.assign(data + pos, data + pos + len);
    next[d] += len;
    conn.bytes[static_cast<std::size_t>(d)] += len;
    conn.chunks.push_back(std::move(c));
    pos += len;
  }
  Counter client, server;
  auto r = capture::replay_tls(conn, keys, &client, &server);
  if (r.finished[0] && r.messages.empty()) std::abort();
  return 0;
}
