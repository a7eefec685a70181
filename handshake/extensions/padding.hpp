#pragma once
// padding (RFC 7685): zero bytes that make a ClientHello a given length.
#include "handshake/extensions.hpp"

namespace glass::handshake {

// RFC 7685: padding bytes, which MUST all be zero (illegal_parameter otherwise).
struct Padding {
  static constexpr ExtensionType type = ExtensionType::padding;
  std::size_t length = 0;
  static core::Result<Padding> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Padding&) const = default;
};

}  // namespace glass::handshake
