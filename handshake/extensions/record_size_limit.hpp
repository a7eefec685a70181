#pragma once
// record_size_limit (RFC 8449). The limit we apply is negotiation.hpp's business.
#include "handshake/extensions.hpp"

namespace glass::handshake {

// RFC 8449 4: uint16 RecordSizeLimit, at least 64 (illegal_parameter otherwise).
struct RecordSizeLimit {
  static constexpr ExtensionType type = ExtensionType::record_size_limit;
  std::uint16_t limit = 0x4001;
  static core::Result<RecordSizeLimit> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const RecordSizeLimit&) const = default;
};

}  // namespace glass::handshake
