#pragma once
// ServerHello and HelloRetryRequest (RFC 8446 4.1.3, 4.1.4; RFC 5246 7.4.1.3).
//   ProtocolVersion legacy_version; Random random; opaque legacy_session_id_echo<0..32>;
//   CipherSuite cipher_suite; uint8 legacy_compression_method; Extension extensions<6..2^16-1>;
// A HelloRetryRequest is a ServerHello whose random is the SHA-256 of
// "HelloRetryRequest"; is_hello_retry_request() tells them apart.
#include "handshake/extensions.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

// RFC 8446 4.1.3 special value of Random for HelloRetryRequest.
inline constexpr Random hello_retry_request_random = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

// RFC 8446 4.1.3 downgrade protection: a TLS 1.3-capable server that negotiates
// TLS 1.2 (or below) puts "DOWNGRD" 01 (or 00) in the last 8 bytes of its random.
enum class DowngradeMarker : std::uint8_t { none, tls12, tls11_or_below };
DowngradeMarker downgrade_marker(const Random& server_random);
void set_downgrade_marker(Random& server_random, DowngradeMarker m);

struct ServerHello {
  static constexpr HandshakeType msg_type = HandshakeType::server_hello;

  ProtocolVersion legacy_version = ProtocolVersion::tls12;
  Random random{};
  core::Bytes legacy_session_id_echo;
  CipherSuite cipher_suite{};
  std::uint8_t legacy_compression_method = 0;
  Extensions extensions;
  bool extensions_present = true;  // TLS 1.2 and older may omit the block

  bool is_hello_retry_request() const { return random == hello_retry_request_random; }
  // The 1.3 table column that applies to this message's extensions.
  ExtensionContext extension_context() const {
    return is_hello_retry_request() ? ExtensionContext::hello_retry_request
                                    : ExtensionContext::server_hello;
  }

  // Extensions are read with RFC 5246 bounds, as in ClientHello::parse.
  static core::Result<ServerHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const ServerHello&) const = default;
};

}  // namespace glass::handshake
