#include <doctest/doctest.h>

#include "core/alert.hpp"
#include "core/bytes.hpp"
#include "core/hex.hpp"
#include "core/result.hpp"

using namespace glass::core;

TEST_CASE("core: hex encodes lower case and decodes RFC dump layouts") {
  CHECK(to_hex(hex("00ff10")) == "00ff10");
  auto b = from_hex("  01 02\n 0A:0b ");
  REQUIRE(b.ok());
  CHECK(to_hex(*b) == "01020a0b");
  CHECK_FALSE(from_hex("abc").ok());
  auto bad = from_hex("0g");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().reason.find("invalid hex character 'g'") != std::string::npos);
  CHECK(from_hex("")->empty());
}

TEST_CASE("core: alert names follow RFC 8446 section 6") {
  CHECK(alert_name(Alert::certificate_required) == "certificate_required");
  CHECK(static_cast<int>(Alert::certificate_required) == 116);
  CHECK(alert_name(Alert::unknown_ca) == "unknown_ca");
  CHECK(static_cast<int>(Alert::unknown_ca) == 48);
  CHECK(static_cast<int>(Alert::no_application_protocol) == 120);
  CHECK(alert_name(static_cast<Alert>(200)) == "unknown_alert");
  CHECK(alert_is_known(51));
  CHECK_FALSE(alert_is_known(52));
  CHECK(alert_level_name(AlertLevel::fatal) == "fatal");
}

namespace {
Result<int> parse_positive(int x) {
  if (x <= 0) return make_error(Alert::illegal_parameter, "must be positive");
  return x;
}
Result<int> twice(int x) {
  GLASS_TRY(int v, parse_positive(x));
  return v * 2;
}
Status check(int x) {
  GLASS_CHECK(parse_positive(x));
  return {};
}
}  // namespace

TEST_CASE("core: Result propagates errors with GLASS_TRY and GLASS_CHECK") {
  CHECK(*twice(4) == 8);
  auto e = twice(-1);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().alert == Alert::illegal_parameter);
  CHECK(e.error().to_string() == "illegal_parameter: must be positive");
  CHECK(check(1).ok());
  CHECK_FALSE(check(0).ok());
}

TEST_CASE("core: ct_equal and secure_wipe") {
  Bytes a = hex("01020304"), b = hex("01020304"), c = hex("01020305");
  CHECK(ct_equal(a, b));
  CHECK_FALSE(ct_equal(a, c));
  CHECK_FALSE(ct_equal(a, hex("010203")));
  secure_wipe(a);
  CHECK(a == Bytes(4, 0));
  SecretBytes s(hex("aabbcc"));
  s.resize(100);
  CHECK(s.size() == 100);
  CHECK(s[0] == 0xaa);
  SecretBytes moved(std::move(s));
  CHECK(moved.size() == 100);
  CHECK(s.empty());
}
