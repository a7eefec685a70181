#pragma once
// ClientHello (RFC 8446 4.1.2; RFC 5246 7.4.1.2 for the TLS 1.2 form).
//   ProtocolVersion legacy_version; Random random;
//   opaque legacy_session_id<0..32>; CipherSuite cipher_suites<2..2^16-2>;
//   opaque legacy_compression_methods<1..2^8-1>; Extension extensions<8..2^16-1>;
// Pure shape: rules such as "TLS 1.3 needs compression methods == {0}" or
// "supported_versions must be present" belong to the state machine.
#include <vector>

#include "handshake/extensions.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct ClientHello {
  static constexpr HandshakeType msg_type = HandshakeType::client_hello;

  ProtocolVersion legacy_version = ProtocolVersion::tls12;
  Random random{};
  core::Bytes legacy_session_id;
  std::vector<CipherSuite> cipher_suites;
  core::Bytes legacy_compression_methods{0};
  Extensions extensions;
  // A TLS 1.2-or-older hello may end after the compression methods (RFC 5246
  // 7.4.1.2); this records whether the extensions block was on the wire.
  bool extensions_present = true;

  bool offers(CipherSuite s) const;

  // The extension block is read with the RFC 5246 bounds <0..2^16-1> because the
  // version is not known yet when the hello is parsed: a valid TLS 1.2 hello may
  // carry a single empty extension (4 bytes), below TLS 1.3's minimum of 8.
  static core::Result<ClientHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const ClientHello&) const = default;
};

}  // namespace glass::handshake
