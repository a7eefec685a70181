// The NSS key log observer (teach/keylog.hpp): the client random comes from the
// parsed ClientHello, TLS 1.3 secrets get their NSS names, TLS 1.2 one CLIENT_RANDOM line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hex.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/message.hpp"
#include "teach/keylog.hpp"

using namespace glass;

namespace {

core::Bytes hello_bytes(std::uint8_t fill) {
  handshake::ClientHello ch;
  for (std::size_t i = 0; i < ch.random.size(); ++i) ch.random[i] = static_cast<std::uint8_t>(fill + i);
  ch.cipher_suites = {handshake::CipherSuite::TLS_AES_128_GCM_SHA256};
  auto b = handshake::encode(ch);
  REQUIRE(b);
  return *b;
}

}  // namespace

TEST_CASE("keylog observer: TLS 1.3 lines carry the parsed client random") {
  std::vector<std::string> lines;
  teach::KeyLogObserver k([&](const std::string& l) { lines.push_back(l); });
  const core::Bytes secret(32, 0xab);
  k.on_secret(core::Secret::client_handshake_traffic_secret, secret);  // no hello yet: nothing
  CHECK(lines.empty());
  k.on_handshake_message(core::Direction::sent, 1, hello_bytes(0x10));
  k.on_secret(core::Secret::client_handshake_traffic_secret, secret);
  k.on_secret(core::Secret::exporter_master_secret, secret);
  k.on_secret(core::Secret::master_secret, secret);  // TLS 1.3's: not a CLIENT_RANDOM line
  REQUIRE(lines.size() == 2);
  std::string random;
  for (int i = 0; i < 32; ++i) random += core::to_hex(core::Bytes{static_cast<std::uint8_t>(0x10 + i)});
  CHECK(lines[0] == "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + random + " " + core::to_hex(secret));
  CHECK(lines[1].rfind("EXPORTER_SECRET " + random + " ", 0) == 0);
}

TEST_CASE("keylog observer: TLS 1.2 master secret; a hello that does not parse gives no random") {
  std::vector<std::string> lines;
  teach::KeyLogObserver k([&](const std::string& l) { lines.push_back(l); });
  core::Bytes bad = hello_bytes(0x20);
  bad.resize(40);  // the random is there, the rest of the hello is cut off
  k.on_handshake_message(core::Direction::received, 1, bad);
  k.on_secret(core::Secret::master_secret, core::Bytes(48, 1));
  CHECK(lines.empty());
  k.on_handshake_message(core::Direction::received, 1, hello_bytes(0x20));
  k.on_secret(core::Secret::master_secret, core::Bytes(48, 1));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("CLIENT_RANDOM 2021", 0) == 0);
}
