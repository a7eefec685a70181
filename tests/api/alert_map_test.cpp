// The public alert enum is the API's own; detail::public_alert maps the engine's.
#include <doctest/doctest.h>

#include <glasstls/error.hpp>
#include <set>
#include <string>

#include "api/alert_map.hpp"
#include "core/alert.hpp"
#include "net/error.hpp"

TEST_CASE("api: every engine alert maps to a public alert with its number and name") {
  std::set<int> seen;
  for (int v = 0; v < 256; ++v) {
    auto engine = static_cast<glass::core::Alert>(v);
    glass::alert pub = glass::detail::public_alert(engine);
    CAPTURE(v);
    CHECK(static_cast<int>(pub) == v);  // error codes carry the alert number
    CHECK(glass::alert_name(pub) == glass::core::alert_name(engine));
    if (glass::core::alert_is_known(static_cast<std::uint8_t>(v))) {
      CHECK(glass::alert_name(pub) != "unknown_alert");
      seen.insert(v);
    }
  }
  CHECK(seen.size() == 34);  // RFC 8446 section 6 and the reserved values of the registry
}

TEST_CASE("api: a handler's error code for any engine alert equals make_error_code of its public alert") {
  for (int v = 0; v < 256; ++v) {
    if (!glass::core::alert_is_known(static_cast<std::uint8_t>(v))) continue;
    auto engine = static_cast<glass::core::Alert>(v);
    std::error_code handler = glass::net::make_error_code(engine);
    CAPTURE(v);
    CHECK(handler == glass::make_error_code(glass::detail::public_alert(engine)));
    CHECK(handler.message() == "TLS alert " + std::string(glass::alert_name(glass::detail::public_alert(engine))));
  }
  CHECK(glass::alert_name(static_cast<glass::alert>(200)) == "unknown_alert");
  CHECK(glass::make_error_code(static_cast<glass::alert>(200)).value() == 200);
}
