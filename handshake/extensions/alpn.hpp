#pragma once
// application_layer_protocol_negotiation (RFC 7301). Which protocol we pick is
// negotiation.hpp's business; this is the wire form.
#include <string>
#include <vector>

#include "handshake/extensions.hpp"

namespace glass::handshake {

// RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>, each <1..2^8-1>.
struct Alpn {
  static constexpr ExtensionType type = ExtensionType::application_layer_protocol_negotiation;
  std::vector<std::string> protocols;
  static core::Result<Alpn> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Alpn&) const = default;
};

}  // namespace glass::handshake
