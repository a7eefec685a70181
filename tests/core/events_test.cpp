// Typed observer events: every Secret has its RFC label and is found again by it,
// record keys lead back to their traffic secret, states print as the engines did.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/events.hpp"

using namespace glass::core;

TEST_CASE("core events: secret labels are distinct and round-trip") {
  std::set<std::string> seen;
  for (int i = 0; i <= static_cast<int>(Secret::server_write_iv); ++i) {
    auto s = static_cast<Secret>(i);
    std::string label(secret_label(s));
    CHECK_MESSAGE(seen.insert(label).second, "duplicate label ", label);
    REQUIRE(secret_from_label(label));
    CHECK(*secret_from_label(label) == s);
  }
  CHECK(secret_label(Secret::ecdhe_shared_secret) == "ECDHE shared secret");
  CHECK(secret_label(Secret::client_application_traffic_secret_next) ==
        "client_application_traffic_secret_N+1");
  CHECK_FALSE(secret_from_label("client_handshake_traffic_secret_1"));
}

TEST_CASE("core events: record keys and their traffic secrets") {
  auto key = record_key_of(Secret::server_handshake_traffic_secret, false);
  auto iv = record_key_of(Secret::server_handshake_traffic_secret, true);
  REQUIRE(key);
  REQUIRE(iv);
  CHECK(secret_label(*key) == "server_handshake_traffic_secret key");
  CHECK(secret_label(*iv) == "server_handshake_traffic_secret iv");
  CHECK(is_record_key(*key));
  CHECK(is_record_iv(*iv));
  CHECK_FALSE(is_record_key(*iv));
  CHECK(traffic_secret_of(*iv) == Secret::server_handshake_traffic_secret);
  CHECK(traffic_secret_of(Secret::master_secret) == Secret::master_secret);
  CHECK_FALSE(record_key_of(Secret::master_secret, false));
  CHECK(is_traffic_secret(Secret::client_application_traffic_secret_next));
  CHECK_FALSE(is_traffic_secret(Secret::exporter_master_secret));
  CHECK(client_secret(Secret::client_application_iv_0));
  CHECK_FALSE(client_secret(Secret::server_application_key_0));
}

TEST_CASE("core events: state labels as the narration prints them") {
  CHECK(state_label(HandshakeState::WAIT_CERT_CR) == "WAIT_CERT_CR");
  CHECK(state_label(HandshakeState::CONNECTED_12) == "CONNECTED");
  CHECK(state_label(HandshakeState::WAIT_FINISHED_12) == "WAIT_FINISHED");
  CHECK(state_label(HandshakeState::PHA_WAIT_CV) == "CONNECTED (post-handshake WAIT_CV)");
  CHECK(is_connected(HandshakeState::PHA_WAIT_CERT));
  CHECK_FALSE(is_connected(HandshakeState::WAIT_FINISHED));
  CHECK(side_label(Side::server) == "server");
}
