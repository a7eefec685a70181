#include "handshake/extensions/server_name.hpp"

namespace glass::handshake {

using core::Reader;
using core::Result;
using core::Writer;

std::optional<std::string> ServerNameList::host_name() const {
  for (const auto& n : names)
    if (n.name_type == host_name_type) return std::string(core::as_chars(n.name));
  return std::nullopt;
}

ServerNameList ServerNameList::for_host(std::string_view host) {
  ServerNameList s;
  s.names.push_back({host_name_type, core::to_bytes(core::as_bytes(host))});
  return s;
}

Result<ServerNameList> ServerNameList::parse(Reader& r) {
  GLASS_TRY(auto list, r.vec16("server_name_list", 1, 0xffff));
  ServerNameList out;
  while (!list.empty()) {
    GLASS_TRY(auto type, list.u8("name_type"));
    // RFC 6066 3: only host_name exists, and unknown types cannot be skipped
    // because their layout is unknown; at most one name of each type.
    if (type != host_name_type)
      return core::make_error(core::Alert::illegal_parameter, "unknown server name type " +
                                                                  std::to_string(type) +
                                                                  " (RFC 6066 3)");
    GLASS_TRY(auto name, list.opaque16("host_name", 1, 0xffff));
    if (out.host_name())
      return core::make_error(core::Alert::illegal_parameter,
                              "more than one host_name (RFC 6066 3)");
    out.names.push_back({type, core::to_bytes(name)});
  }
  return out;
}

void ServerNameList::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& n : names) {
      w.u8(n.name_type);
      w.opaque16(n.name);
    }
  });
}

}  // namespace glass::handshake
