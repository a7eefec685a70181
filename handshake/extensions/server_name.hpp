#pragma once
// server_name (RFC 6066 3): the client's list and the server's empty acknowledgement.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handshake/extensions/empty_extension.hpp"

namespace glass::handshake {

// RFC 6066 3: ServerName server_name_list<1..2^16-1>; only host_name (0) is defined.
struct ServerNameList {
  static constexpr ExtensionType type = ExtensionType::server_name;
  static constexpr std::uint8_t host_name_type = 0;
  struct Entry {
    std::uint8_t name_type = host_name_type;
    core::Bytes name;  // HostName<1..2^16-1>
    bool operator==(const Entry&) const = default;
  };
  std::vector<Entry> names;

  // The host_name entry, if any.
  std::optional<std::string> host_name() const;
  static ServerNameList for_host(std::string_view host);
  static core::Result<ServerNameList> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const ServerNameList&) const = default;
};

using ServerNameAck = EmptyExtension<ExtensionType::server_name>;  // EE / TLS 1.2 SH

}  // namespace glass::handshake
