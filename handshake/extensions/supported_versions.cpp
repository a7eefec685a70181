#include "handshake/extensions/supported_versions.hpp"

#include <algorithm>

#include "handshake/wire_lists.hpp"

namespace glass::handshake {

using core::Reader;
using core::Result;
using core::Writer;

bool SupportedVersionsClientHello::offers(ProtocolVersion v) const {
  return std::find(versions.begin(), versions.end(), v) != versions.end();
}
Result<SupportedVersionsClientHello> SupportedVersionsClientHello::parse(Reader& r) {
  GLASS_TRY(auto v, detail::read_u16_list<ProtocolVersion>(r, "versions", 1, 2, 254));
  return SupportedVersionsClientHello{std::move(v)};
}
void SupportedVersionsClientHello::serialize(Writer& w) const {
  detail::write_u16_list(w, versions, 1);
}

Result<SupportedVersionsServerHello> SupportedVersionsServerHello::parse(Reader& r) {
  GLASS_TRY(auto v, r.u16("selected_version"));
  return SupportedVersionsServerHello{static_cast<ProtocolVersion>(v)};
}
void SupportedVersionsServerHello::serialize(Writer& w) const {
  w.u16(static_cast<std::uint16_t>(selected_version));
}

}  // namespace glass::handshake
