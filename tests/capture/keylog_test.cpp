#include <doctest/doctest.h>

#include "capture/keylog_file.hpp"
#include "core/hex.hpp"

using namespace glass;

TEST_CASE("KeyLog reads NSS key log lines by client random and skips bad ones") {
  std::string cr(64, 'a');
  auto log = capture::KeyLog::parse(
      "# comment\n"
      "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + cr + " 0102\r\n"
      "CLIENT_RANDOM " + cr + " " + std::string(96, 'b') + "\n"
      "SERVER_TRAFFIC_SECRET_0 abcd 0102\n"
      "BROKEN\n");
  CHECK(log.entries() == 2);
  CHECK(log.bad_lines() == 2);
  CHECK(log.first_bad().starts_with("line 4: the client random"));
  auto random = *core::from_hex(cr);
  auto* s = log.find(random, "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
  REQUIRE(s);
  CHECK(core::to_hex(s->view()) == "0102");
  CHECK(log.find(random, "SERVER_HANDSHAKE_TRAFFIC_SECRET") == nullptr);
  CHECK(log.labels_for(random) == "CLIENT_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM");
}
