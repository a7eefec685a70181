#pragma once
// KeyUpdate (RFC 8446 4.6.3): enum { update_not_requested(0), update_requested(1) }.
// Any other value is illegal_parameter.
#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

enum class KeyUpdateRequest : std::uint8_t { update_not_requested = 0, update_requested = 1 };

struct KeyUpdate {
  static constexpr HandshakeType msg_type = HandshakeType::key_update;
  KeyUpdateRequest request_update = KeyUpdateRequest::update_not_requested;

  static core::Result<KeyUpdate> parse(core::Reader& r);
  void serialize(core::Writer& w) const { w.u8(static_cast<std::uint8_t>(request_update)); }
  bool operator==(const KeyUpdate&) const = default;
};

}  // namespace glass::handshake
