// Alert records: the two-byte format and what a received alert means.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "record/alert.hpp"

using namespace glass;
using namespace glass::record;
using core::Alert;
using rtest::hex;

TEST_CASE("record: alerts parse and serialize as two bytes") {
  auto a = parse_alert(hex("0228"), Version::tls12);
  REQUIRE(a.ok());
  CHECK(a->level == 2);
  CHECK(a->description == Alert::handshake_failure);
  CHECK(serialize_alert(*a) == hex("0228"));
  CHECK(describe_alert(*a) == "fatal handshake_failure (40)");
  CHECK(describe_alert({1, static_cast<Alert>(200)}) == "warning unknown_alert (200)");
  for (const char* bad : {"", "02", "022800"}) {
    auto e = parse_alert(hex(bad), Version::tls13);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().alert == Alert::decode_error);
  }
}

TEST_CASE("record: alert level is checked in TLS 1.2 and ignored in TLS 1.3") {
  auto e = parse_alert(hex("0300"), Version::tls12);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().alert == Alert::illegal_parameter);
  auto ok = parse_alert(hex("0300"), Version::tls13);
  REQUIRE(ok.ok());
  CHECK(classify_alert(*ok, Version::tls13) == AlertClass::closure);
}

TEST_CASE("record: we send close_notify and user_canceled as warnings, errors as fatal") {
  CHECK(serialize_alert(make_alert(Alert::close_notify)) == hex("0100"));
  CHECK(serialize_alert(make_alert(Alert::user_canceled)) == hex("015a"));
  CHECK(serialize_alert(make_alert(Alert::no_renegotiation)) == hex("0164"));
  CHECK(serialize_alert(make_alert(Alert::bad_record_mac)) == hex("0214"));
  CHECK(serialize_alert(make_alert(Alert::certificate_required)) == hex("0274"));
}

TEST_CASE("record: TLS 1.3 alert classes ignore the level") {
  auto v = Version::tls13;
  CHECK(classify_alert({1, Alert::close_notify}, v) == AlertClass::closure);
  CHECK(classify_alert({1, Alert::user_canceled}, v) == AlertClass::warning);
  CHECK(classify_alert({1, Alert::bad_certificate}, v) == AlertClass::fatal);
  CHECK(classify_alert({1, static_cast<Alert>(250)}, v) == AlertClass::fatal);
  CHECK(classify_alert({2, Alert::unknown_ca}, v) == AlertClass::fatal);
}

TEST_CASE("record: TLS 1.2 alert classes follow the level except always-fatal alerts") {
  auto v = Version::tls12;
  CHECK(classify_alert({1, Alert::close_notify}, v) == AlertClass::closure);
  CHECK(classify_alert({1, Alert::no_renegotiation}, v) == AlertClass::warning);
  CHECK(classify_alert({1, Alert::certificate_expired}, v) == AlertClass::warning);
  CHECK(classify_alert({2, Alert::certificate_expired}, v) == AlertClass::fatal);
  CHECK(classify_alert({1, Alert::unexpected_message}, v) == AlertClass::fatal);
  CHECK(classify_alert({1, Alert::decode_error}, v) == AlertClass::fatal);
  CHECK(classify_alert({1, static_cast<Alert>(250)}, v) == AlertClass::fatal);
  CHECK(alert_class_name(AlertClass::closure) == "closure");
}

TEST_CASE("record: content types have names a learner can read") {
  CHECK(content_type_name(ContentType::handshake) == "handshake");
  CHECK(content_type_name(ContentType::change_cipher_spec) == "change_cipher_spec");
  CHECK(content_type_name(24) == "heartbeat(24)");
  CHECK(content_type_name(99) == "unknown(99)");
  CHECK(content_type_known(23));
  CHECK_FALSE(content_type_known(24));
  CHECK_FALSE(content_type_known(0));
  CHECK(version_name(Version::tls13) == "TLS 1.3");
}
