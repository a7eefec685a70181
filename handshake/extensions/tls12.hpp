#pragma once
// Extensions only TLS 1.2 gives a meaning to: extended_master_secret (RFC 7627),
// encrypt_then_mac (RFC 7366), renegotiation_info (RFC 5746) and ec_point_formats
// (RFC 8422).
#include "handshake/extensions/empty_extension.hpp"

namespace glass::handshake {

using ExtendedMasterSecret = EmptyExtension<ExtensionType::extended_master_secret>;
using EncryptThenMac = EmptyExtension<ExtensionType::encrypt_then_mac>;

// RFC 5746 3.2: opaque renegotiated_connection<0..255>.
struct RenegotiationInfo {
  static constexpr ExtensionType type = ExtensionType::renegotiation_info;
  core::Bytes renegotiated_connection;
  static core::Result<RenegotiationInfo> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const RenegotiationInfo&) const = default;
};

// RFC 8422 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>; 0 = uncompressed.
struct EcPointFormats {
  static constexpr ExtensionType type = ExtensionType::ec_point_formats;
  static constexpr std::uint8_t uncompressed = 0;
  core::Bytes formats{uncompressed};
  static core::Result<EcPointFormats> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const EcPointFormats&) const = default;
};

}  // namespace glass::handshake
