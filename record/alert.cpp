#include "record/alert.hpp"

namespace glass::record {

using core::Alert;

namespace {
bool always_fatal_12(Alert a) {
  switch (a) {
    case Alert::unexpected_message:
    case Alert::bad_record_mac:
    case Alert::decryption_failed_RESERVED:
    case Alert::record_overflow:
    case Alert::decompression_failure_RESERVED:
    case Alert::handshake_failure:
    case Alert::illegal_parameter:
    case Alert::unknown_ca:
    case Alert::access_denied:
    case Alert::decode_error:
    case Alert::decrypt_error:
    case Alert::export_restriction_RESERVED:
    case Alert::protocol_version:
    case Alert::insufficient_security:
    case Alert::internal_error:
    case Alert::unsupported_extension:
      return true;
    default:
      return false;
  }
}
}  // namespace

core::Result<AlertMessage> parse_alert(core::ByteView fragment, Version v) {
  if (fragment.size() != 2)
    return core::make_error(Alert::decode_error,
                            "alert record holds " + std::to_string(fragment.size()) +
                                " bytes; an alert is exactly 2 bytes (level, description) and "
                                "must not be fragmented or coalesced");
  AlertMessage a;
  a.level = fragment[0];
  a.description = static_cast<Alert>(fragment[1]);
  if (v != Version::tls13 && a.level != 1 && a.level != 2)
    return core::make_error(Alert::illegal_parameter,
                            "alert level " + std::to_string(a.level) +
                                " is neither warning (1) nor fatal (2)");
  return a;
}

core::Bytes serialize_alert(const AlertMessage& a) {
  return {a.level, static_cast<std::uint8_t>(a.description)};
}

AlertMessage make_alert(Alert description) {
  AlertMessage a;
  a.description = description;
  const bool warning = description == Alert::close_notify ||
                       description == Alert::user_canceled ||
                       description == Alert::no_renegotiation;
  a.level = static_cast<std::uint8_t>(warning ? core::AlertLevel::warning
                                              : core::AlertLevel::fatal);
  return a;
}

AlertClass classify_alert(const AlertMessage& a, Version v) {
  if (a.description == Alert::close_notify) {
    // A "fatal close_notify" is an odd thing to send; 1.2 takes the level at its word.
    if (v != Version::tls13 && a.level == 2) return AlertClass::fatal;
    return AlertClass::closure;
  }
  const bool known = core::alert_is_known(static_cast<std::uint8_t>(a.description));
  if (v == Version::tls13)
    return a.description == Alert::user_canceled ? AlertClass::warning : AlertClass::fatal;
  if (a.level == 2 || !known || always_fatal_12(a.description)) return AlertClass::fatal;
  return AlertClass::warning;
}

std::string alert_class_name(AlertClass c) {
  switch (c) {
    case AlertClass::closure: return "closure";
    case AlertClass::warning: return "warning";
    case AlertClass::fatal: break;
  }
  return "fatal";
}

std::string describe_alert(const AlertMessage& a) {
  std::string level = a.level == 1   ? "warning"
                      : a.level == 2 ? "fatal"
                                     : "level(" + std::to_string(a.level) + ")";
  const auto d = static_cast<std::uint8_t>(a.description);
  std::string name = core::alert_is_known(d) ? std::string(core::alert_name(a.description))
                                             : std::string("unknown_alert");
  return level + " " + name + " (" + std::to_string(d) + ")";
}

}  // namespace glass::record
