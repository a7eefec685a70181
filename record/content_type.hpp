#pragma once
// Record content types (RFC 8446 5.1, RFC 5246 6.2.1), wire versions and the size
// limits every part of the record layer agrees on.
#include <cstddef>
#include <cstdint>
#include <string>

namespace glass::record {

enum class ContentType : std::uint8_t {
  invalid = 0,  // TLS 1.3 only: never on the wire
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
  // heartbeat (24) exists in the registry but we do not speak it: "unknown".
};

// True for the four types we accept on the wire (20..23).
bool content_type_known(std::uint8_t v);
// "handshake", "heartbeat(24)", "unknown(99)".
std::string content_type_name(std::uint8_t v);
inline std::string content_type_name(ContentType t) {
  return content_type_name(static_cast<std::uint8_t>(t));
}

// Which record rules apply. `unknown` is the time before the version is negotiated
// (ClientHello / ServerHello travel in plaintext records of either version).
enum class Version : std::uint8_t { unknown, tls12, tls13 };
std::string version_name(Version v);  // "TLS 1.2"

// legacy_record_version values.
inline constexpr std::uint16_t wire_tls10 = 0x0301;  // first ClientHello, for old middleboxes
inline constexpr std::uint16_t wire_tls12 = 0x0303;  // everything else (TLS 1.3 too)

inline constexpr std::size_t header_size = 5;
inline constexpr std::size_t max_plaintext = 16384;                  // 2^14
inline constexpr std::size_t max_ciphertext_13 = max_plaintext + 256;  // RFC 8446 5.2
inline constexpr std::size_t max_ciphertext_12 = max_plaintext + 2048;  // RFC 5246 6.2.3

}  // namespace glass::record
