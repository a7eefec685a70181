#pragma once
// A whole capture file read into reassembled TCP connections.
#include <string>

#include "capture/tcp_reassembly.hpp"
#include "core/result.hpp"

namespace glass::capture {

struct CaptureStats {
  std::uint64_t frames = 0, tcp_segments = 0, skipped = 0;
  std::string first_skip;  // why the first skipped frame was not TCP we could read
  std::string damaged;     // the file ended with an error (e.g. cut short): what libpcap said
};

struct Capture {
  Reassembler tcp;
  CaptureStats stats;
};

// Errors name the file and the problem (missing, not a capture). A file that is
// damaged or cut short further on keeps the frames before the damage (stats.damaged).
core::Result<Capture> read_capture(const std::string& path, const ReassemblyLimits& limits = {});

}  // namespace glass::capture
