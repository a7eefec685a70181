#include "core/alert.hpp"

namespace glass::core {

std::string_view alert_name(Alert a) {
  switch (a) {
    case Alert::close_notify: return "close_notify";
    case Alert::unexpected_message: return "unexpected_message";
    case Alert::bad_record_mac: return "bad_record_mac";
    case Alert::decryption_failed_RESERVED: return "decryption_failed_RESERVED";
    case Alert::record_overflow: return "record_overflow";
    case Alert::decompression_failure_RESERVED: return "decompression_failure_RESERVED";
    case Alert::handshake_failure: return "handshake_failure";
    case Alert::no_certificate_RESERVED: return "no_certificate_RESERVED";
    case Alert::bad_certificate: return "bad_certificate";
    case Alert::unsupported_certificate: return "unsupported_certificate";
    case Alert::certificate_revoked: return "certificate_revoked";
    case Alert::certificate_expired: return "certificate_expired";
    case Alert::certificate_unknown: return "certificate_unknown";
    case Alert::illegal_parameter: return "illegal_parameter";
    case Alert::unknown_ca: return "unknown_ca";
    case Alert::access_denied: return "access_denied";
    case Alert::decode_error: return "decode_error";
    case Alert::decrypt_error: return "decrypt_error";
    case Alert::export_restriction_RESERVED: return "export_restriction_RESERVED";
    case Alert::protocol_version: return "protocol_version";
    case Alert::insufficient_security: return "insufficient_security";
    case Alert::internal_error: return "internal_error";
    case Alert::inappropriate_fallback: return "inappropriate_fallback";
    case Alert::user_canceled: return "user_canceled";
    case Alert::no_renegotiation: return "no_renegotiation";
    case Alert::missing_extension: return "missing_extension";
    case Alert::unsupported_extension: return "unsupported_extension";
    case Alert::certificate_unobtainable_RESERVED: return "certificate_unobtainable_RESERVED";
    case Alert::unrecognized_name: return "unrecognized_name";
    case Alert::bad_certificate_status_response: return "bad_certificate_status_response";
    case Alert::bad_certificate_hash_value_RESERVED: return "bad_certificate_hash_value_RESERVED";
    case Alert::unknown_psk_identity: return "unknown_psk_identity";
    case Alert::certificate_required: return "certificate_required";
    case Alert::no_application_protocol: return "no_application_protocol";
  }
  return "unknown_alert";
}

std::string_view alert_level_name(AlertLevel l) {
  switch (l) {
    case AlertLevel::warning: return "warning";
    case AlertLevel::fatal: return "fatal";
  }
  return "unknown_level";
}

bool alert_is_known(std::uint8_t v) {
  return alert_name(static_cast<Alert>(v)) != "unknown_alert";
}

}  // namespace glass::core
