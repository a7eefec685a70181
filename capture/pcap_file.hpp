#pragma once
// Reads a capture file (pcap or pcapng, as tcpdump, dumpcap and Wireshark write
// them) through libpcap, one frame at a time.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::capture {

struct Frame {
  std::uint64_t number = 0;     // 1-based, as Wireshark numbers frames
  std::int64_t time_us = 0;     // capture time, microseconds since the epoch
  std::uint32_t link_type = 0;  // LINKTYPE_ of the file
  core::Bytes data;             // the bytes captured (possibly fewer than on the wire)
  std::uint32_t wire_length = 0;
};

class PcapFile {
 public:
  // A clear error for a missing file, a file that is no capture, or a link type
  // we cannot read.
  static core::Result<PcapFile> open(const std::string& path);
  PcapFile(PcapFile&&) noexcept;
  PcapFile& operator=(PcapFile&&) noexcept;
  ~PcapFile();

  // The next frame; nullopt at the end. A damaged file ends with an error.
  core::Result<std::optional<Frame>> next();
  std::uint32_t link_type() const { return link_type_; }

 private:
  struct Handle;
  explicit PcapFile(std::unique_ptr<Handle> h, std::uint32_t lt);
  std::unique_ptr<Handle> h_;
  std::uint32_t link_type_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace glass::capture
