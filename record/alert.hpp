#pragma once
// The two-byte alert record (RFC 8446 6, RFC 5246 7.2) and the rules for what a
// received alert means. A record of type alert must hold exactly one alert: we
// neither fragment nor coalesce them, and reject peers that do.
#include <cstdint>
#include <string>

#include "core/alert.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "record/content_type.hpp"

namespace glass::record {

struct AlertMessage {
  std::uint8_t level = 2;        // AlertLevel on the wire (1 warning, 2 fatal)
  core::Alert description = core::Alert::close_notify;
};

// decode_error unless exactly 2 bytes. In TLS 1.2 a level other than 1 or 2 is
// illegal_parameter; TLS 1.3 ignores the level (RFC 8446 6).
core::Result<AlertMessage> parse_alert(core::ByteView fragment, Version v);
core::Bytes serialize_alert(const AlertMessage& a);

// What we send: close_notify, user_canceled and no_renegotiation as warnings,
// everything else fatal (RFC 8446 6.2 requires fatal for every error alert).
AlertMessage make_alert(core::Alert description);

enum class AlertClass : std::uint8_t {
  closure,   // close_notify: the peer will send nothing more
  warning,   // may be ignored and the connection continues (user_canceled, 1.2 warnings)
  fatal,     // error alert: the connection is over
};
// TLS 1.3: close_notify is closure, user_canceled a warning, all else (unknown
// values too) fatal whatever the level. TLS 1.2: the level decides, except that
// alerts RFC 5246 7.2.2 calls "always fatal" are fatal at any level.
AlertClass classify_alert(const AlertMessage& a, Version v);
std::string alert_class_name(AlertClass c);

// "fatal handshake_failure (40)", "warning close_notify (0)".
std::string describe_alert(const AlertMessage& a);

}  // namespace glass::record
