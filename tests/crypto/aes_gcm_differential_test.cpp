// Our AES-GCM (AES-NI + PCLMULQDQ) against mbedTLS and libsodium on random keys,
// nonces, AAD and lengths 0..70,000: every byte of ciphertext and tag must agree,
// open must invert seal in place, and any flipped bit must fail with zeroed output.
#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <vector>

#include "crypto/aead.hpp"
#include "crypto/aes_gcm_ni.hpp"
#include "crypto/cpu.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

core::Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
  core::Bytes v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(rng());
  return v;
}

// Our AES-GCM and mbedTLS's, keyed alike.
struct OursAndMbed {
  Aead ours, mbed;
};
OursAndMbed ours_and_mbed(AeadAlg alg, core::ByteView key) {
  auto ours = Aead::create(alg, key, AeadBackend::glasstls);
  auto mbed = Aead::create(alg, key, AeadBackend::mbedtls);
  REQUIRE(ours.ok());
  REQUIRE(mbed.ok());
  return {std::move(*ours), std::move(*mbed)};
}

}  // namespace

TEST_CASE("crypto: our AES-GCM matches mbedTLS and libsodium on random inputs") {
  if (!cpu_features().aes_gcm) {
    // Nothing of ours to compare: the fallback run (or a CPU without AES-NI) must
    // refuse the backend rather than silently run something else.
    CHECK_FALSE(Aead::create(AeadAlg::aes128_gcm, core::Bytes(16), AeadBackend::glasstls).ok());
    return;
  }
  std::mt19937_64 rng(0x6c6d);
  std::vector<std::size_t> lengths = {0, 1, 15, 16, 17, 111, 112, 127, 128, 129, 143, 144,
                                      255, 256, 257, 16384, 16385, 16400, 65536, 70000};
  for (int i = 0; i < 100; ++i) lengths.push_back(rng() % 70001);
  for (int i = 0; i < 100; ++i) lengths.push_back(rng() % 300);
  int compared_sodium = 0;
  for (auto alg : {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm}) {
    for (auto n : lengths) {
      const auto key = random_bytes(rng, aead_key_size(alg));
      const auto nonce = random_bytes(rng, 12);
      const std::size_t aad_len = (rng() & 1) ? rng() % 40 : rng() % 600;
      const auto aad = random_bytes(rng, aad_len);
      const auto pt = random_bytes(rng, n);
      auto am = ours_and_mbed(alg, key);
      CAPTURE(aead_name(alg));
      CAPTURE(n);
      CAPTURE(aad_len);
      const auto want = am.mbed.seal(nonce, aad, pt);
      core::Bytes buf(n + aead_tag_size);
      std::copy(pt.begin(), pt.end(), buf.begin());
      am.ours.seal_into(nonce, aad, core::ByteView(buf).first(n), buf.data());  // in place
      REQUIRE(buf == want);
      if (auto sod = Aead::create(alg, key, AeadBackend::libsodium); sod.ok()) {
        CHECK(sod->seal(nonce, aad, pt) == want);
        ++compared_sodium;
      }
      REQUIRE(am.ours.open_into(nonce, aad, buf, buf.data()).ok());
      CHECK(core::equal(core::ByteView(buf).first(n), pt));
      // Ours opens what mbedTLS sealed, and a flipped bit anywhere fails with zeros.
      auto sealed = want;
      auto opened = am.ours.open(nonce, aad, sealed);
      REQUIRE(opened.ok());
      CHECK(*opened == pt);
      const std::size_t pos = rng() % sealed.size();
      sealed[pos] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
      core::Bytes bad = sealed;
      REQUIRE_FALSE(am.ours.open_into(nonce, aad, bad, bad.data()).ok());
      bool zero = true;
      for (std::size_t i = 0; i < n; ++i) zero = zero && bad[i] == 0;
      CHECK(zero);
      CHECK_FALSE(am.mbed.open(nonce, aad, sealed).ok());
      if (!aad.empty()) {
        auto aad2 = aad;
        aad2[rng() % aad2.size()] ^= 0x40;
        CHECK_FALSE(am.ours.open(nonce, aad2, want).ok());
      }
    }
  }
  MESSAGE("compared with libsodium " << compared_sodium << " times (AES-256-GCM)");
}

TEST_CASE("crypto: our AES-GCM's 128-bit and 256-bit (VAES) bulk loops agree") {
  if (!cpu_features().vaes) {
    MESSAGE("no VAES here (or fallback forced): only the 128-bit loop exists to test");
    CHECK_FALSE(cpu_features().vaes);
    return;
  }
  std::mt19937_64 rng(0x7ae5);
  for (int t = 0; t < 80; ++t) {
    const std::size_t key_len = (t & 1) ? 32 : 16;
    const auto key = random_bytes(rng, key_len);
    const auto nonce = random_bytes(rng, 12);
    const auto aad = random_bytes(rng, rng() % 50);
    const std::size_t n = t < 10 ? 256 * static_cast<std::size_t>(t) + 15 : rng() % 20000;
    const auto pt = random_bytes(rng, n);
    auto wide = std::make_unique<detail::AesGcmNiKey>();
    detail::aes_gcm_ni_init(*wide, key.data(), key_len);
    REQUIRE(wide->vaes);
    auto narrow = std::make_unique<detail::AesGcmNiKey>(*wide);
    narrow->vaes = false;
    CAPTURE(n);
    core::Bytes c1(n + 16), c2(n + 16);
    detail::aes_gcm_ni_seal(*wide, nonce.data(), aad.data(), aad.size(), pt.data(), n, c1.data(),
                            c1.data() + n);
    detail::aes_gcm_ni_seal(*narrow, nonce.data(), aad.data(), aad.size(), pt.data(), n,
                            c2.data(), c2.data() + n);
    REQUIRE(c1 == c2);
    core::Bytes p1(n), p2(n);
    CHECK(detail::aes_gcm_ni_open(*wide, nonce.data(), aad.data(), aad.size(), c1.data(), n,
                                  c1.data() + n, p1.data()));
    CHECK(detail::aes_gcm_ni_open(*narrow, nonce.data(), aad.data(), aad.size(), c1.data(), n,
                                  c1.data() + n, p2.data()));
    CHECK(p1 == pt);
    CHECK(p2 == pt);
  }
}

// The two-piece seal (TLS 1.3 content and type + padding sealed where they lie)
// against mbedTLS sealing the joined plaintext, for every split point near block
// and batch boundaries, with the pieces apart, the head in place and the tail in place.
TEST_CASE("crypto: our two-piece AES-GCM seal matches mbedTLS on the joined plaintext") {
  if (!cpu_features().aes_gcm) {
    CHECK_FALSE(Aead::create(AeadAlg::aes256_gcm, core::Bytes(32), AeadBackend::glasstls).ok());
    return;
  }
  std::mt19937_64 rng(0x5ea12);
  std::vector<std::pair<std::size_t, std::size_t>> splits;  // head, tail lengths
  for (std::size_t h : {0u, 1u, 15u, 16u, 17u, 127u, 128u, 129u, 255u, 256u, 257u, 16384u})
    for (std::size_t t : {0u, 1u, 2u, 15u, 16u, 17u, 300u})
      splits.push_back({h, t});
  for (int i = 0; i < 150; ++i) splits.push_back({rng() % 20000, rng() % 40});
  for (auto alg : {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm}) {
    for (const auto& split : splits) {
      // Plain variables: CAPTURE refers to them from a lambda (clang 14 refuses bindings).
      const std::size_t h = split.first, t = split.second;
      const auto key = random_bytes(rng, aead_key_size(alg));
      const auto nonce = random_bytes(rng, 12);
      const auto aad = random_bytes(rng, 5);
      const auto head = random_bytes(rng, h);
      const auto tail = random_bytes(rng, t);
      core::Bytes joined = head;
      joined.insert(joined.end(), tail.begin(), tail.end());
      auto am = ours_and_mbed(alg, key);
      CAPTURE(aead_name(alg));
      CAPTURE(h);
      CAPTURE(t);
      const auto want = am.mbed.seal(nonce, aad, joined);
      core::Bytes apart(h + t + aead_tag_size, 0xee);  // both pieces elsewhere
      am.ours.seal_into(nonce, aad, head, tail, apart.data());
      CHECK(apart == want);
      core::Bytes tail_in(h + t + aead_tag_size, 0xee);  // tail already in place (records)
      std::copy(tail.begin(), tail.end(), tail_in.begin() + static_cast<std::ptrdiff_t>(h));
      am.ours.seal_into(nonce, aad, head, core::ByteView(tail_in).subspan(h, t), tail_in.data());
      CHECK(tail_in == want);
      core::Bytes both_in = joined;  // head and tail in place
      both_in.resize(h + t + aead_tag_size);
      const core::ByteView whole(both_in);
      am.ours.seal_into(nonce, aad, whole.first(h), whole.subspan(h, t), both_in.data());
      CHECK(both_in == want);
      REQUIRE(am.ours.open_into(nonce, aad, both_in, both_in.data()).ok());
      CHECK(core::equal(core::ByteView(both_in).first(h + t), joined));
    }
  }
}
