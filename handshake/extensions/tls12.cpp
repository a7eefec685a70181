#include "handshake/extensions/tls12.hpp"

namespace glass::handshake {

using core::Reader;
using core::Result;
using core::Writer;

Result<RenegotiationInfo> RenegotiationInfo::parse(Reader& r) {
  GLASS_TRY(auto v, r.opaque8("renegotiated_connection", 0, 0xff));
  return RenegotiationInfo{core::to_bytes(v)};
}
void RenegotiationInfo::serialize(Writer& w) const { w.opaque8(renegotiated_connection); }

Result<EcPointFormats> EcPointFormats::parse(Reader& r) {
  GLASS_TRY(auto v, r.opaque8("ec_point_format_list", 1, 0xff));
  return EcPointFormats{core::to_bytes(v)};
}
void EcPointFormats::serialize(Writer& w) const { w.opaque8(formats); }

}  // namespace glass::handshake
