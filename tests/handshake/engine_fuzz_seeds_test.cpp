#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../../fuzz/engine_common.hpp"

using namespace glass;

namespace {
core::Bytes slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return core::Bytes((std::istreambuf_iterator<char>(in)), {});
}
const char* kHint = "stale seed: regenerate with build/fuzz/make_engine_corpus fuzz/corpus";
}  // namespace

TEST_CASE("handshake: engine fuzz seeds still drive both engines to CONNECTED") {
  auto root = std::filesystem::path(GLASS_SOURCE_DIR) / "fuzz" / "corpus";
  int seen = 0;
  for (auto& e : std::filesystem::directory_iterator(root / "client_engine")) {
    auto data = slurp(e.path());
    REQUIRE(data.size() > 1);
    crypto::SeededRng rng(fuzz::kClientSeed);
    handshake::Connection client(fuzz::client_config(rng, data[0] & 0x80));
    REQUIRE(client.start().ok());
    auto st = client.feed(core::ByteView(data).subspan(1));
    INFO(e.path().filename().string() << ": " << (st ? "ok" : st.error().to_string()) << "; " << kHint);
    CHECK(client.is_handshake_done());
    ++seen;
  }
  for (auto& e : std::filesystem::directory_iterator(root / "server_engine")) {
    auto data = slurp(e.path());
    REQUIRE(data.size() > 1);
    crypto::SeededRng rng(fuzz::kServerSeed);
    handshake::Connection server(fuzz::server_config(rng));
    auto st = server.feed(core::ByteView(data).subspan(1));
    INFO(e.path().filename().string() << ": " << (st ? "ok" : st.error().to_string()) << "; " << kHint);
    CHECK(server.is_handshake_done());
    CHECK(server.info().client_cert_sent);
    ++seen;
  }
  CHECK(seen == 10);
}
