#include "handshake/wire_lists.hpp"

namespace glass::handshake::detail {

core::Result<std::vector<core::Bytes>> read_distinguished_names(core::Reader& r,
                                                                const char* what,
                                                                std::size_t min) {
  GLASS_TRY(auto list, r.vec16(what, min, 0xffff));
  std::vector<core::Bytes> out;
  while (!list.empty()) {
    GLASS_TRY(auto dn, list.opaque16("DistinguishedName", 1, 0xffff));
    out.push_back(core::to_bytes(dn));
  }
  return out;
}

void write_distinguished_names(core::Writer& w, const std::vector<core::Bytes>& names) {
  w.vec16([&] {
    for (const auto& dn : names) w.opaque16(dn);
  });
}

}  // namespace glass::handshake::detail
