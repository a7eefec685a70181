// The public error category is the engine's own ("glasstls", value = alert number),
// seen through Boost's std::error_category bridge, so error codes from stream
// handlers and from make_error_code(glass::alert) compare equal.
#include "glasstls/error.hpp"

#include "glasstls/stream.hpp"
#include "net/error.hpp"

namespace glass {

namespace detail {
const boost::system::error_category& boost_category() noexcept { return net::tls_category(); }
}  // namespace detail

const std::error_category& error_category() noexcept {
  static const std::error_category& cat = net::tls_category();  // Boost's bridge, made once
  return cat;
}

std::error_code make_error_code(alert a) noexcept {
  return {static_cast<int>(a), error_category()};
}

std::string_view alert_name(alert a) noexcept {
  switch (a) {
    case alert::close_notify: return "close_notify";
    case alert::unexpected_message: return "unexpected_message";
    case alert::bad_record_mac: return "bad_record_mac";
    case alert::decryption_failed_reserved: return "decryption_failed_RESERVED";
    case alert::record_overflow: return "record_overflow";
    case alert::decompression_failure_reserved: return "decompression_failure_RESERVED";
    case alert::handshake_failure: return "handshake_failure";
    case alert::no_certificate_reserved: return "no_certificate_RESERVED";
    case alert::bad_certificate: return "bad_certificate";
    case alert::unsupported_certificate: return "unsupported_certificate";
    case alert::certificate_revoked: return "certificate_revoked";
    case alert::certificate_expired: return "certificate_expired";
    case alert::certificate_unknown: return "certificate_unknown";
    case alert::illegal_parameter: return "illegal_parameter";
    case alert::unknown_ca: return "unknown_ca";
    case alert::access_denied: return "access_denied";
    case alert::decode_error: return "decode_error";
    case alert::decrypt_error: return "decrypt_error";
    case alert::export_restriction_reserved: return "export_restriction_RESERVED";
    case alert::protocol_version: return "protocol_version";
    case alert::insufficient_security: return "insufficient_security";
    case alert::internal_error: return "internal_error";
    case alert::inappropriate_fallback: return "inappropriate_fallback";
    case alert::user_canceled: return "user_canceled";
    case alert::no_renegotiation: return "no_renegotiation";
    case alert::missing_extension: return "missing_extension";
    case alert::unsupported_extension: return "unsupported_extension";
    case alert::certificate_unobtainable_reserved: return "certificate_unobtainable_RESERVED";
    case alert::unrecognized_name: return "unrecognized_name";
    case alert::bad_certificate_status_response: return "bad_certificate_status_response";
    case alert::bad_certificate_hash_value_reserved: return "bad_certificate_hash_value_RESERVED";
    case alert::unknown_psk_identity: return "unknown_psk_identity";
    case alert::certificate_required: return "certificate_required";
    case alert::no_application_protocol: return "no_application_protocol";
  }
  return "unknown_alert";
}

}  // namespace glass
