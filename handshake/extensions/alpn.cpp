#include "handshake/extensions/alpn.hpp"

namespace glass::handshake {

core::Result<Alpn> Alpn::parse(core::Reader& r) {
  GLASS_TRY(auto list, r.vec16("protocol_name_list", 2, 0xffff));
  Alpn out;
  while (!list.empty()) {
    GLASS_TRY(auto name, list.opaque8("ProtocolName", 1, 0xff));
    out.protocols.emplace_back(core::as_chars(name));
  }
  return out;
}
void Alpn::serialize(core::Writer& w) const {
  w.vec16([&] {
    for (const auto& p : protocols) w.opaque8(core::as_bytes(p));
  });
}

}  // namespace glass::handshake
