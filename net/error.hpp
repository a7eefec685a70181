#pragma once
// glasstls errors as std::error_code, the way Asio users expect them. The value
// is the TLS alert number; whether we sent it or the peer did, and the reason in
// words, stay reachable through the stream's last_error().
#include <string>
#include <system_error>

#include "core/result.hpp"

namespace glass::net {

const std::error_category& tls_category();

inline std::error_code make_error_code(core::Alert a) {
  return {static_cast<int>(a), tls_category()};
}

}  // namespace glass::net

template <>
struct std::is_error_code_enum<glass::core::Alert> : std::true_type {};
