#pragma once
// EncryptedExtensions (RFC 8446 4.3.1): Extension extensions<0..2^16-1>;
#include "handshake/extensions.hpp"

namespace glass::handshake {

struct EncryptedExtensions {
  static constexpr HandshakeType msg_type = HandshakeType::encrypted_extensions;
  Extensions extensions;

  static core::Result<EncryptedExtensions> parse(core::Reader& r);
  void serialize(core::Writer& w) const { extensions.serialize(w); }
  bool operator==(const EncryptedExtensions&) const = default;
};

// EndOfEarlyData (RFC 8446 4.5): an empty body.
struct EndOfEarlyData {
  static constexpr HandshakeType msg_type = HandshakeType::end_of_early_data;
  static core::Result<EndOfEarlyData> parse(core::Reader& r);
  void serialize(core::Writer&) const {}
  bool operator==(const EndOfEarlyData&) const = default;
};

}  // namespace glass::handshake
