#pragma once
// glasstls errors as std::error_code. The value is the TLS alert number, in the
// category named "glasstls"; the error codes Asio hands to stream handlers
// (boost::system::error_code) convert to exactly these, so
//   std::error_code(ec) == glass::alert::unknown_ca
// works in a completion handler. The reason in words (and whether the peer sent
// the alert) is in stream::last_error(), or in glass::system_error::what().
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace glass {

// TLS alerts (RFC 8446 section 6, RFC 5246 section 7.2; the IANA TLS Alerts
// registry). The value is the alert number on the wire. A peer may send a number
// not listed here; it keeps its value and alert_name() says "unknown_alert".
enum class alert : std::uint8_t {
  close_notify = 0,
  unexpected_message = 10,
  bad_record_mac = 20,
  decryption_failed_reserved = 21,  // the _reserved ones: from older TLS versions
  record_overflow = 22,
  decompression_failure_reserved = 30,
  handshake_failure = 40,
  no_certificate_reserved = 41,
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
  export_restriction_reserved = 60,
  protocol_version = 70,
  insufficient_security = 71,
  internal_error = 80,
  inappropriate_fallback = 86,
  user_canceled = 90,
  no_renegotiation = 100,
  missing_extension = 109,
  unsupported_extension = 110,
  certificate_unobtainable_reserved = 111,
  unrecognized_name = 112,
  bad_certificate_status_response = 113,
  bad_certificate_hash_value_reserved = 114,
  unknown_psk_identity = 115,
  certificate_required = 116,
  no_application_protocol = 120,
};

// The "glasstls" category; message() is "TLS alert <name>".
const std::error_category& error_category() noexcept;
std::error_code make_error_code(alert a) noexcept;
// The registry's name: "unknown_ca", "decryption_failed_RESERVED", "unknown_alert".
std::string_view alert_name(alert a) noexcept;

// Why a connection failed: the alert, who sent it, and a sentence saying why.
struct error_info {
  glass::alert alert = glass::alert::internal_error;
  bool from_peer = false;  // the peer sent the alert (else we did)
  std::string reason;      // "the client certificate was not signed by any CA ..."
  std::error_code code() const { return make_error_code(alert); }
};

// Thrown by the context's loaders (and by the stream's throwing overloads via
// boost::system::system_error). what() is the reason; code() the alert (or an
// errno-style code when a file cannot be read).
class system_error : public std::system_error {
 public:
  system_error(std::error_code ec, std::string reason)
      : std::system_error(ec), reason_(std::move(reason)) {}
  const char* what() const noexcept override { return reason_.c_str(); }

 private:
  std::string reason_;
};

}  // namespace glass

template <>
struct std::is_error_code_enum<glass::alert> : std::true_type {};
