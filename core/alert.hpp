#pragma once
// TLS alert codes (RFC 8446 section 6, RFC 5246 section 7.2) and their names.
#include <cstdint>
#include <string_view>

namespace glass::core {

enum class AlertLevel : std::uint8_t { warning = 1, fatal = 2 };

enum class Alert : std::uint8_t {
  close_notify = 0,
  unexpected_message = 10,
  bad_record_mac = 20,
  decryption_failed_RESERVED = 21,
  record_overflow = 22,
  decompression_failure_RESERVED = 30,
  handshake_failure = 40,
  no_certificate_RESERVED = 41,
  bad_certificate = 42,
  unsupported_certificate = 43,
  certificate_revoked = 44,
  certificate_expired = 45,
  certificate_unknown = 46,
  illegal_parameter = 47,
  unknown_ca = 48,
  access_denied = 49,
  decode_error = 50,
  decrypt_error = 51,
  export_restriction_RESERVED = 60,
  protocol_version = 70,
  insufficient_security = 71,
  internal_error = 80,
  inappropriate_fallback = 86,
  user_canceled = 90,
  no_renegotiation = 100,
  missing_extension = 109,
  unsupported_extension = 110,
  certificate_unobtainable_RESERVED = 111,
  unrecognized_name = 112,
  bad_certificate_status_response = 113,
  bad_certificate_hash_value_RESERVED = 114,
  unknown_psk_identity = 115,
  certificate_required = 116,
  no_application_protocol = 120,
};

// "decode_error", or "unknown(123)" style text for values outside the registry.
std::string_view alert_name(Alert a);
std::string_view alert_level_name(AlertLevel l);
// True for the alert values defined by RFC 8446 / RFC 5246 (including reserved ones).
bool alert_is_known(std::uint8_t v);

}  // namespace glass::core
