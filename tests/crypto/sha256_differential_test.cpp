// SHA-256 and SHA-1 as Hash computes them (SHA-NI when the CPU has it) against
// libsodium's crypto_hash_sha256 and mbedTLS's SHA-1, on random lengths up to
// 70,000 bytes and on every split of a streaming update for short inputs, so
// buffering and padding are covered at every block boundary.
#include <doctest/doctest.h>
#include <mbedtls/sha1.h>
#include <sodium.h>

#include <random>
#include <vector>

#include "crypto/hash.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(rng());
  return v;
}

std::vector<std::uint8_t> sodium_sha256(const std::vector<std::uint8_t>& m) {
  std::vector<std::uint8_t> out(32);
  crypto_hash_sha256(out.data(), m.data(), m.size());
  return out;
}

std::vector<std::uint8_t> ours(ByteView m) {
  Hash h(HashAlg::sha256);
  h.update(m);
  auto d = h.digest();
  return {d.begin(), d.end()};
}

}  // namespace

TEST_CASE("crypto: SHA-256 matches libsodium on random lengths 0..70000") {
  REQUIRE(sodium_init() >= 0);
  std::mt19937_64 rng(0x5a256);
  std::vector<std::size_t> lengths = {0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129,
                                      1000, 4096, 16384, 65535, 65536, 70000};
  for (int i = 0; i < 120; ++i) lengths.push_back(rng() % 70001);
  for (auto n : lengths) {
    CAPTURE(n);
    auto m = random_bytes(rng, n);
    const auto want = sodium_sha256(m);
    CHECK(ours(m) == want);
    std::vector<std::uint8_t> out(32);
    hash_into(HashAlg::sha256, m, out.data());
    CHECK(out == want);
    // Random chunking of the same message.
    Hash h(HashAlg::sha256);
    std::size_t at = 0;
    while (at < n) {
      const std::size_t take = std::min<std::size_t>(n - at, rng() % 300);
      h.update(ByteView(m.data() + at, take));
      at += take;
    }
    auto d = h.digest();
    CHECK(std::vector<std::uint8_t>(d.begin(), d.end()) == want);
  }
}

TEST_CASE("crypto: SHA-256 streaming gives the one-shot digest at every split point") {
  REQUIRE(sodium_init() >= 0);
  std::mt19937_64 rng(256);
  for (std::size_t n = 0; n <= 200; ++n) {
    auto m = random_bytes(rng, n);
    const auto want = sodium_sha256(m);
    for (std::size_t split = 0; split <= n; ++split) {
      Hash h(HashAlg::sha256);
      h.update(ByteView(m.data(), split));
      Hash snapshot = h;  // a copy taken mid-stream finishes the same way
      h.update(ByteView(m.data() + split, n - split));
      snapshot.update(ByteView(m.data() + split, n - split));
      auto d = h.digest();
      auto s = snapshot.digest();
      const bool ok = std::vector<std::uint8_t>(d.begin(), d.end()) == want &&
                      std::vector<std::uint8_t>(s.begin(), s.end()) == want;
      if (!ok) {
        CAPTURE(n);
        CAPTURE(split);
        CHECK(ok);
      }
    }
    // digest_into with a tail equals hashing message ‖ tail.
    Hash h(HashAlg::sha256);
    h.update(ByteView(m.data(), n / 2));
    std::vector<std::uint8_t> out(32);
    h.digest_into(out.data(), ByteView(m.data() + n / 2, n - n / 2));
    CHECK(out == want);
  }
}

TEST_CASE("crypto: SHA-1 matches mbedTLS on random lengths and every split point") {
  std::mt19937_64 rng(0x5a1);
  auto mbed_sha1 = [](const std::vector<std::uint8_t>& m) {
    std::vector<std::uint8_t> out(20);
    REQUIRE(mbedtls_sha1_ret(m.data(), m.size(), out.data()) == 0);
    return out;
  };
  auto as_vec = [](const Bytes& d) { return std::vector<std::uint8_t>(d.begin(), d.end()); };
  std::vector<std::size_t> lengths = {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 4096, 70000};
  for (int i = 0; i < 60; ++i) lengths.push_back(rng() % 70001);
  for (auto n : lengths) {
    CAPTURE(n);
    auto m = random_bytes(rng, n);
    CHECK(as_vec(hash(HashAlg::sha1, m)) == mbed_sha1(m));
  }
  for (std::size_t n = 0; n <= 150; ++n) {
    auto m = random_bytes(rng, n);
    const auto want = mbed_sha1(m);
    for (std::size_t split = 0; split <= n; ++split) {
      Hash h(HashAlg::sha1);
      h.update(ByteView(m.data(), split));
      Hash snapshot = h;
      h.update(ByteView(m.data() + split, n - split));
      snapshot.update(ByteView(m.data() + split, n - split));
      const bool ok = as_vec(h.digest()) == want && as_vec(snapshot.digest()) == want;
      if (!ok) {
        CAPTURE(split);
        CHECK(ok);
      }
    }
  }
}
