#pragma once
// Extensions whose body is empty: post_handshake_auth, extended_master_secret,
// the server's server_name acknowledgement, early_data in ClientHello/EE, ...
// Each family header names its own aliases of EmptyExtension.
#include "handshake/extensions.hpp"

namespace glass::handshake {

template <ExtensionType T>
struct EmptyExtension {
  static constexpr ExtensionType type = T;
  static core::Result<EmptyExtension> parse(core::Reader&) { return EmptyExtension{}; }
  void serialize(core::Writer&) const {}
  bool operator==(const EmptyExtension&) const = default;
};

}  // namespace glass::handshake
