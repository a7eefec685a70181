// One case per engine alert: -Wswitch names any alert core adds and this misses.
#include "api/alert_map.hpp"

namespace glass::detail {

alert public_alert(core::Alert a) noexcept {
  using C = core::Alert;
  switch (a) {
    case C::close_notify: return alert::close_notify;
    case C::unexpected_message: return alert::unexpected_message;
    case C::bad_record_mac: return alert::bad_record_mac;
    case C::decryption_failed_RESERVED: return alert::decryption_failed_reserved;
    case C::record_overflow: return alert::record_overflow;
    case C::decompression_failure_RESERVED: return alert::decompression_failure_reserved;
    case C::handshake_failure: return alert::handshake_failure;
    case C::no_certificate_RESERVED: return alert::no_certificate_reserved;
    case C::bad_certificate: return alert::bad_certificate;
    case C::unsupported_certificate: return alert::unsupported_certificate;
    case C::certificate_revoked: return alert::certificate_revoked;
    case C::certificate_expired: return alert::certificate_expired;
    case C::certificate_unknown: return alert::certificate_unknown;
    case C::illegal_parameter: return alert::illegal_parameter;
    case C::unknown_ca: return alert::unknown_ca;
    case C::access_denied: return alert::access_denied;
    case C::decode_error: return alert::decode_error;
    case C::decrypt_error: return alert::decrypt_error;
    case C::export_restriction_RESERVED: return alert::export_restriction_reserved;
    case C::protocol_version: return alert::protocol_version;
    case C::insufficient_security: return alert::insufficient_security;
    case C::internal_error: return alert::internal_error;
    case C::inappropriate_fallback: return alert::inappropriate_fallback;
    case C::user_canceled: return alert::user_canceled;
    case C::no_renegotiation: return alert::no_renegotiation;
    case C::missing_extension: return alert::missing_extension;
    case C::unsupported_extension: return alert::unsupported_extension;
    case C::certificate_unobtainable_RESERVED: return alert::certificate_unobtainable_reserved;
    case C::unrecognized_name: return alert::unrecognized_name;
    case C::bad_certificate_status_response: return alert::bad_certificate_status_response;
    case C::bad_certificate_hash_value_RESERVED: return alert::bad_certificate_hash_value_reserved;
    case C::unknown_psk_identity: return alert::unknown_psk_identity;
    case C::certificate_required: return alert::certificate_required;
    case C::no_application_protocol: return alert::no_application_protocol;
  }
  return static_cast<alert>(a);  // outside the registry: the peer's number as it is
}

}  // namespace glass::detail
