#pragma once
// glasstls errors as error codes, the way Asio users expect them. The value is
// the TLS alert number; whether we sent it or the peer did, and the reason in
// words, stay reachable through the stream's last_error(). Boost 1.74's
// error_code converts to std::error_code for code that wants that.
#include <boost/system/error_code.hpp>
#include <string>

#include "core/result.hpp"

namespace glass::net {

const boost::system::error_category& tls_category();

inline boost::system::error_code make_error_code(core::Alert a) {
  return {static_cast<int>(a), tls_category()};
}

}  // namespace glass::net
