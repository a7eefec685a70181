// Fuzzes the inspect dissectors and every renderer of their trees.
// Input: one selector byte, then the bytes to dissect.
//   bits 0-1: version context (0 unknown, 1 TLS 1.2, 2 TLS 1.3, 3 unknown)
//   bit 2: sender is the server (else the client)
//   bit 3: hello_retry_request / record_protected flag
//   bits 4-5: 0 handshake message, 1 record, 2 alert, 3 decrypted record body
//             (its first byte is the content type)
// Every field must lie inside the dissected bytes; a field outside aborts.
// Seeds: fuzz/corpus/inspect_dissect/ (written by test_inspect's sample test).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "inspect/dissect.hpp"
#include "inspect/recorder.hpp"
#include "inspect/report.hpp"
#include "inspect/text.hpp"

using namespace glass;

namespace {

void check_ranges(const inspect::Field& f, std::size_t size) {
  if (f.offset > size || f.length > size - f.offset) {
    std::fprintf(stderr, "field %s [%zu+%zu] outside %zu input bytes\n", f.name.c_str(), f.offset,
                 f.length, size);
    std::abort();
  }
  for (const auto& c : f.children) check_ranges(c, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t sel = data[0];
  core::ByteView in(data + 1, size - 1);
  inspect::DissectContext ctx;
  ctx.version = (sel & 3) == 1 ? inspect::Version::tls12
                : (sel & 3) == 2 ? inspect::Version::tls13
                                 : inspect::Version::unknown;
  ctx.sender = (sel & 4) ? inspect::Sender::server : inspect::Sender::client;
  ctx.hello_retry_request = (sel & 8) != 0;
  ctx.record_protected = (sel & 8) != 0;
  inspect::Field f;
  core::ByteView shown = in;
  switch ((sel >> 4) & 3) {
    case 0: f = inspect::dissect_handshake(in, ctx); break;
    case 1: f = inspect::dissect_record(in, ctx); break;
    case 2: f = inspect::dissect_alert(in); break;
    default:
      if (in.empty()) return 0;
      shown = in.subspan(1);
      f = inspect::dissect_plaintext(in[0], shown, ctx);
      break;
  }
  check_ranges(f, shown.size());
  (void)inspect::render_tree(f, shown, {});
  (void)inspect::field_to_json(f);
  // Through the report renderers as one recorded message.
  inspect::EventLog log;
  inspect::Recorder rec(log, ctx.sender == inspect::Sender::server ? "server" : "client");
  if (((sel >> 4) & 3) == 0 && !in.empty())
    rec.on_handshake_message(core::Direction::sent, in[0], in);
  else if (in.size() >= 5)
    rec.on_record(core::Direction::received, in[0], in, in[0], in.subspan(5));
  // The other side's copy and an alert: the HTML model pairs copies into arrows.
  inspect::Recorder peer(log, ctx.sender == inspect::Sender::server ? "client" : "server");
  if (((sel >> 4) & 3) == 0 && !in.empty())
    peer.on_handshake_message(core::Direction::received, in[0], in);
  else if (in.size() >= 5)
    peer.on_record(core::Direction::sent, in[0], in, in[0], in.subspan(5));
  if (in.size() >= 2) peer.on_alert(core::Direction::sent, core::AlertLevel::fatal, static_cast<core::Alert>(in[1]));
  inspect::ReportMeta meta;
  (void)inspect::to_json(log, meta);
  (void)inspect::to_html(log, meta);
  return 0;
}
