// The public error category is the engine's own ("glasstls", value = alert), seen
// through Boost's std::error_category bridge, so error codes from stream handlers
// and from make_error_code(glass::alert) compare equal.
#include "glasstls/error.hpp"

#include "glasstls/stream.hpp"
#include "core/alert.hpp"
#include "net/error.hpp"

namespace glass {

static_assert(static_cast<int>(alert::bad_certificate) == static_cast<int>(core::Alert::bad_certificate));
static_assert(static_cast<int>(alert::certificate_required) ==
              static_cast<int>(core::Alert::certificate_required));
static_assert(static_cast<int>(alert::no_application_protocol) ==
              static_cast<int>(core::Alert::no_application_protocol));

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

std::string_view alert_name(alert a) noexcept { return core::alert_name(static_cast<core::Alert>(a)); }

}  // namespace glass
