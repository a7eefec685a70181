#include "handshake/extensions/record_size_limit.hpp"

namespace glass::handshake {

core::Result<RecordSizeLimit> RecordSizeLimit::parse(core::Reader& r) {
  GLASS_TRY(auto v, r.u16("RecordSizeLimit"));
  if (v < 64)
    return core::make_error(core::Alert::illegal_parameter,
                            "record_size_limit " + std::to_string(v) +
                                " is below the minimum of 64 (RFC 8449 4)");
  return RecordSizeLimit{v};
}
void RecordSizeLimit::serialize(core::Writer& w) const { w.u16(limit); }

}  // namespace glass::handshake
