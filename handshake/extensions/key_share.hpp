#pragma once
// supported_groups and key_share (RFC 8446 4.2.7, 4.2.8) in their ClientHello,
// ServerHello and HelloRetryRequest forms. Which groups get a share is key_shares.hpp's
// business; this is the wire form.
#include <vector>

#include "crypto/key_exchange.hpp"
#include "handshake/extensions.hpp"

namespace glass::handshake {

using crypto::NamedGroup;

// RFC 8446 4.2.7: NamedGroup named_group_list<2..2^16-1>.
struct SupportedGroups {
  static constexpr ExtensionType type = ExtensionType::supported_groups;
  std::vector<NamedGroup> groups;
  static core::Result<SupportedGroups> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SupportedGroups&) const = default;
};

// RFC 8446 4.2.8: struct { NamedGroup group; opaque key_exchange<1..2^16-1>; }
struct KeyShareEntry {
  NamedGroup group{};
  core::Bytes key_exchange;
  static core::Result<KeyShareEntry> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareEntry&) const = default;
};
// ClientHello: KeyShareEntry client_shares<0..2^16-1>. Two shares for one group are
// illegal_parameter (RFC 8446 4.2.8).
struct KeyShareClientHello {
  static constexpr ExtensionType type = ExtensionType::key_share;
  std::vector<KeyShareEntry> client_shares;
  const KeyShareEntry* find(NamedGroup g) const;
  static core::Result<KeyShareClientHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareClientHello&) const = default;
};
// ServerHello: one KeyShareEntry.
struct KeyShareServerHello {
  static constexpr ExtensionType type = ExtensionType::key_share;
  KeyShareEntry server_share;
  static core::Result<KeyShareServerHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareServerHello&) const = default;
};
// HelloRetryRequest: the group the server wants a share for.
struct KeyShareHelloRetryRequest {
  static constexpr ExtensionType type = ExtensionType::key_share;
  NamedGroup selected_group{};
  static core::Result<KeyShareHelloRetryRequest> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareHelloRetryRequest&) const = default;
};

}  // namespace glass::handshake
