#include "capture/read_capture.hpp"

#include "capture/pcap_file.hpp"

namespace glass::capture {

core::Result<Capture> read_capture(const std::string& path, const ReassemblyLimits& limits) {
  GLASS_TRY(PcapFile file, PcapFile::open(path));
  Capture cap{Reassembler(limits), {}};
  for (;;) {
    auto next = file.next();
    if (!next) {
      cap.stats.damaged = next.error().reason;
      break;
    }
    auto& frame = *next;
    if (!frame) break;
    ++cap.stats.frames;
    auto seg = parse_frame(frame->link_type, frame->data);
    if (!seg) {
      if (cap.stats.skipped++ == 0)
        cap.stats.first_skip = "frame " + std::to_string(frame->number) + ": " + seg.error().reason;
      continue;
    }
    ++cap.stats.tcp_segments;
    cap.tcp.add(*seg, frame->number, frame->time_us);
  }
  cap.tcp.finish();
  return cap;
}

}  // namespace glass::capture
