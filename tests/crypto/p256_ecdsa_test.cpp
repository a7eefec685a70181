// Our P-256 ECDSA and ECDH: RFC 6979 A.2.5 known answers, and the public API run
// on both backends (ours and mbedTLS) in one binary, which must agree byte for byte.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hex.hpp"
#include "crypto/ecdsa_der.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/p256_ecdsa.hpp"
#include "crypto/signature.hpp"
#include "rfc6979_p256.hpp"

using namespace glass::crypto;
using glass::core::as_bytes;
using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;
using glass::core::to_hex;

namespace {

// Switches the P-256 backend for one scope.
struct P256Backend {
  bool prev;
  explicit P256Backend(bool native) : prev(p256::set_native_enabled(native)) {}
  ~P256Backend() { p256::set_native_enabled(prev); }
};

const char* kRfcKey = glass::test::kRfc6979P256Key;
const char* kRfcPub =
    "0460FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
    "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";


SigAlgorithm p256_ecdsa_alg(HashAlg h) {
  SigAlgorithm a{};
  a.kind = SigAlgorithm::Kind::ecdsa;
  a.hash = h;
  return a;
}

const char* kOrderHex = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";

// n - v for 32-byte big-endian v < n.
Bytes order_minus(ByteView v) {
  Bytes n = hex(kOrderHex), out(32);
  int borrow = 0;
  for (int i = 31; i >= 0; --i) {
    int d = n[i] - (i >= 32 - static_cast<int>(v.size()) ? v[i - (32 - v.size())] : 0) - borrow;
    borrow = d < 0;
    out[i] = static_cast<std::uint8_t>(d + (borrow ? 256 : 0));
  }
  return out;
}

std::string verdict(const glass::core::Status& st) { return st.ok() ? "ok" : st.error().reason; }

}  // namespace

TEST_CASE("p256: RFC 6979 A.2.5 signatures and public key, directly and through SigningKey") {
  const Bytes d = hex(kRfcKey);
  std::uint8_t u[65];
  p256::public_key(u, d.data());
  CHECK(to_hex(ByteView(u, 65)) == to_hex(hex(kRfcPub)));
  p256::Affine q;
  REQUIRE(p256::point_decode(q, u, 65));
  for (const auto& v : glass::test::kRfc6979P256) {
    CAPTURE(v.message);
    CAPTURE(hash_name(v.hash));
    const Bytes h = hash(v.hash, as_bytes(v.message));
    std::uint8_t r[32], s[32];
    p256::sign(r, s, d.data(), v.hash, h);
    CHECK(to_hex(ByteView(r, 32)) == to_hex(hex(v.r)));
    CHECK(to_hex(ByteView(s, 32)) == to_hex(hex(v.s)));
    CHECK(p256::verify(q, h, ByteView(r, 32), ByteView(s, 32)));
    Bytes h2 = h;
    h2[0] ^= 1;
    CHECK_FALSE(p256::verify(q, h2, ByteView(r, 32), ByteView(s, 32)));
    for (bool native : {true, false}) {
      P256Backend b(native);
      auto key = SigningKey::ecdsa(NamedGroup::secp256r1, d);
      REQUIRE(key);
      SystemRng rng;
      auto sig = key->sign(p256_ecdsa_alg(v.hash), as_bytes(v.message), rng);
      REQUIRE(sig);
      CHECK(*sig == ecdsa_sig_encode(hex(v.r), hex(v.s)));
      CHECK(key->public_key().verify(p256_ecdsa_alg(v.hash), as_bytes(v.message), *sig).ok());
    }
  }
}

TEST_CASE("p256: keys, signatures and verdicts are identical on our code and mbedTLS") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    // Key generation from a seeded Rng: same key, and the Rng left at the same place.
    SeededRng r1(seed), r2(seed);
    P256Backend ours_on(true);
    auto k1 = SigningKey::generate(KeyType::ecdsa_p256, r1);
    Bytes next1(16);
    r1.fill(next1);
    p256::set_native_enabled(false);
    auto k2 = SigningKey::generate(KeyType::ecdsa_p256, r2);
    Bytes next2(16);
    r2.fill(next2);
    p256::set_native_enabled(true);
    REQUIRE(k1);
    REQUIRE(k2);
    CHECK(to_hex(k1->ec_scalar()) == to_hex(k2->ec_scalar()));
    CHECK(k1->public_key().identity() == k2->public_key().identity());
    CHECK(next1 == next2);

    const std::string msg = "message " + std::to_string(seed);
    for (HashAlg h : {HashAlg::sha256, HashAlg::sha384, HashAlg::sha1}) {
      SeededRng s1(seed), s2(seed);
      auto sig1 = k1->sign(p256_ecdsa_alg(h), as_bytes(msg), s1);  // ours
      auto sig2 = k2->sign(p256_ecdsa_alg(h), as_bytes(msg), s2);  // mbedTLS
      REQUIRE(sig1);
      REQUIRE(sig2);
      CHECK(to_hex(*sig1) == to_hex(*sig2));
      Bytes a(8), b(8);
      s1.fill(a);
      s2.fill(b);
      CHECK(a == b);  // signing drew as much from the Rng on both
    }

    // Verification verdicts and reasons: good, tampered, high-s, r/s out of range.
    auto sig = k2->sign(p256_ecdsa_alg(HashAlg::sha256), as_bytes(msg), r2);
    REQUIRE(sig);
    auto parts = ecdsa_sig_decode(*sig);
    REQUIRE(parts);
    const Bytes n = hex(kOrderHex);
    Bytes n_plus_1 = n;
    n_plus_1.back() += 1;
    const Bytes r_pad(parts->r.begin(), parts->r.end());
    std::vector<Bytes> sigs = {
        *sig,
        ecdsa_sig_encode(parts->r, order_minus(parts->s)),  // high-s twin: valid
        ecdsa_sig_encode(n, parts->s),                  // r = n
        ecdsa_sig_encode(parts->r, n),                  // s = n
        ecdsa_sig_encode(n_plus_1, parts->s),
        ecdsa_sig_encode(parts->r, hex(std::string(64, 'F'))),  // s near 2^256
        ecdsa_sig_encode(hex("01" + std::string(64, '0')), parts->s),  // r = 2^256
        ecdsa_sig_encode(order_minus(hex("01")), parts->s),  // r = n - 1
        ecdsa_sig_encode(hex("01"), hex("01")),
    };
    for (std::size_t i = 0; i < sigs.size(); ++i) {
      CAPTURE(i);
      for (const std::string& m : {msg, msg + "!"}) {
        auto v1 = k1->public_key().verify(p256_ecdsa_alg(HashAlg::sha256), as_bytes(m), sigs[i]);
        auto v2 = k2->public_key().verify(p256_ecdsa_alg(HashAlg::sha256), as_bytes(m), sigs[i]);
        CHECK(verdict(v1) == verdict(v2));
        if (i < 2 && m == msg) CHECK(v1.ok());
        if (i >= 2 || m != msg) CHECK_FALSE(v1.ok());
      }
    }
  }
}

TEST_CASE("p256: invalid public keys are refused by both backends with the same reason") {
  const Bytes good = hex(kRfcPub);
  std::vector<Bytes> bad;
  Bytes t = good;
  t[64] ^= 1;  // off the curve
  bad.push_back(t);
  t = good;
  t[0] = 0x02;
  bad.push_back(t);
  bad.push_back(Bytes(good.begin(), good.end() - 1));
  bad.push_back(hex("00"));
  Bytes zeros(65, 0);
  zeros[0] = 4;
  bad.push_back(zeros);
  // x = p (not canonical), and x = 2^256 - 1
  t = good;
  Bytes p = hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
  std::copy(p.begin(), p.end(), t.begin() + 1);
  bad.push_back(t);
  std::fill(t.begin() + 1, t.begin() + 33, 0xff);
  bad.push_back(t);
  // y = p - y0 + p would not fit; y = p + 0 with the real x is off-curve and non-canonical
  t = good;
  std::copy(p.begin(), p.end(), t.begin() + 33);
  bad.push_back(t);
  for (std::size_t i = 0; i < bad.size(); ++i) {
    CAPTURE(i);
    std::string reasons[2], ks_reasons[2];
    for (int native = 0; native < 2; ++native) {
      P256Backend b(native == 1);
      auto vk = VerifyingKey::ecdsa(NamedGroup::secp256r1, bad[i]);
      REQUIRE_FALSE(vk);
      reasons[native] = vk.error().reason;
      SeededRng rng(7);
      auto ks = KeyShare::generate(NamedGroup::secp256r1, rng);
      REQUIRE(ks);
      auto sh = ks->shared_secret(bad[i]);
      REQUIRE_FALSE(sh);
      CHECK(sh.error().alert == glass::core::Alert::illegal_parameter);
      ks_reasons[native] = sh.error().reason;
    }
    CHECK(reasons[0] == reasons[1]);
    CHECK(ks_reasons[0] == ks_reasons[1]);
  }
}

TEST_CASE("p256: ECDH key shares agree across backends and replay from a seeded Rng") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    SeededRng a1(seed), a2(seed), b(seed + 1000);
    P256Backend on(true);
    auto ours = KeyShare::generate(NamedGroup::secp256r1, a1);
    auto peer_ours = KeyShare::generate(NamedGroup::secp256r1, b);
    p256::set_native_enabled(false);
    auto mbed = KeyShare::generate(NamedGroup::secp256r1, a2);
    p256::set_native_enabled(true);
    REQUIRE(ours);
    REQUIRE(mbed);
    REQUIRE(peer_ours);
    CHECK(to_hex(ours->public_key()) == to_hex(mbed->public_key()));
    Bytes x1(8), x2(8);
    a1.fill(x1);
    a2.fill(x2);
    CHECK(x1 == x2);
    auto s1 = ours->shared_secret(peer_ours->public_key());
    auto s2 = mbed->shared_secret(peer_ours->public_key());
    auto s3 = peer_ours->shared_secret(mbed->public_key());
    REQUIRE(s1);
    REQUIRE(s2);
    REQUIRE(s3);
    CHECK(s1->size() == 32);
    CHECK(to_hex(*s1) == to_hex(*s2));
    CHECK(to_hex(*s1) == to_hex(*s3));
    // from_private: same public key; bad scalars refused alike.
    for (const char* d : {"01", kRfcKey, "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632550"}) {
      Bytes scalar(32 - hex(d).size(), 0);
      Bytes dd = hex(d);
      scalar.insert(scalar.end(), dd.begin(), dd.end());
      auto f1 = KeyShare::from_private(NamedGroup::secp256r1, scalar);
      p256::set_native_enabled(false);
      auto f2 = KeyShare::from_private(NamedGroup::secp256r1, scalar);
      p256::set_native_enabled(true);
      REQUIRE(f1);
      REQUIRE(f2);
      CHECK(to_hex(f1->public_key()) == to_hex(f2->public_key()));
    }
    const std::string all_ones(64, 'F');
    for (const std::string& d : {std::string("00"), std::string(kOrderHex), all_ones}) {
      Bytes dd = hex(d);
      Bytes scalar(32 - dd.size(), 0);
      scalar.insert(scalar.end(), dd.begin(), dd.end());
      auto f1 = KeyShare::from_private(NamedGroup::secp256r1, scalar);
      p256::set_native_enabled(false);
      auto f2 = KeyShare::from_private(NamedGroup::secp256r1, scalar);
      p256::set_native_enabled(true);
      REQUIRE_FALSE(f1);
      REQUIRE_FALSE(f2);
      CHECK(f1.error().reason == f2.error().reason);
    }
  }
}
