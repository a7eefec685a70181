#pragma once
// supported_versions (RFC 8446 4.2.1) in its ClientHello and ServerHello/HRR forms.
#include <vector>

#include "handshake/extensions.hpp"

namespace glass::handshake {

// RFC 8446 4.2.1, ClientHello form: ProtocolVersion versions<2..254>.
struct SupportedVersionsClientHello {
  static constexpr ExtensionType type = ExtensionType::supported_versions;
  std::vector<ProtocolVersion> versions;
  bool offers(ProtocolVersion v) const;
  static core::Result<SupportedVersionsClientHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SupportedVersionsClientHello&) const = default;
};
// ServerHello / HelloRetryRequest form: one ProtocolVersion.
struct SupportedVersionsServerHello {
  static constexpr ExtensionType type = ExtensionType::supported_versions;
  ProtocolVersion selected_version = ProtocolVersion::tls13;
  static core::Result<SupportedVersionsServerHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SupportedVersionsServerHello&) const = default;
};

}  // namespace glass::handshake
