#include "handshake/extensions/cookie.hpp"

namespace glass::handshake {

core::Result<Cookie> Cookie::parse(core::Reader& r) {
  GLASS_TRY(auto c, r.opaque16("cookie", 1, 0xffff));
  return Cookie{core::to_bytes(c)};
}
void Cookie::serialize(core::Writer& w) const { w.opaque16(cookie); }

}  // namespace glass::handshake
