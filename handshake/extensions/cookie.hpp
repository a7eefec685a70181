#pragma once
// cookie (RFC 8446 4.2.2): sent in a HelloRetryRequest, echoed in the second ClientHello.
#include "handshake/extensions.hpp"

namespace glass::handshake {

// RFC 8446 4.2.2: opaque cookie<1..2^16-1>.
struct Cookie {
  static constexpr ExtensionType type = ExtensionType::cookie;
  core::Bytes cookie;
  static core::Result<Cookie> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Cookie&) const = default;
};

}  // namespace glass::handshake
