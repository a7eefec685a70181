#include "crypto/p256_ecdsa.hpp"

#include <atomic>
#include <cstring>

#include "crypto/hmac.hpp"

namespace glass::crypto::p256 {

namespace {

#ifdef GLASS_P256_MBEDTLS
std::atomic<bool> g_native{false};
#else
std::atomic<bool> g_native{true};
#endif

// Limbs from a big-endian integer of up to 32 bytes (after leading zeros).
bool limbs_from_be_var(Limbs& r, core::ByteView in) {
  std::size_t z = 0;
  while (z < in.size() && in[z] == 0) ++z;
  if (in.size() - z > 32) return false;
  std::uint8_t buf[32] = {};
  std::memcpy(buf + 32 - (in.size() - z), in.data() + z, in.size() - z);
  limbs_from_be(r, buf);
  return true;
}

// bits2int(digest) mod n (RFC 6979 2.3.2 and 2.3.4): the leftmost 256 bits.
Limbs digest_scalar(core::ByteView digest) {
  std::uint8_t buf[32] = {};
  const std::size_t take = digest.size() < 32 ? digest.size() : 32;
  std::memcpy(buf + 32 - take, digest.data(), take);
  Limbs z;
  limbs_from_be(z, buf);
  mod_reduce_once(kN, z, z);
  return z;
}

bool in_range_n(const Limbs& x) { return !limbs_is_zero(x) && limbs_lt(x, kN.m); }

// HMAC_DRBG as RFC 6979 3.2 steps b-h uses it.
class NonceDrbg {
 public:
  NonceDrbg(HashAlg alg, const std::uint8_t x[32], const std::uint8_t h1[32])
      : alg_(alg), len_(hash_size(alg)) {
    std::memset(v_, 0x01, len_);
    std::memset(k_, 0x00, len_);
    for (std::uint8_t sep : {std::uint8_t{0}, std::uint8_t{1}}) {
      Hmac m(alg_, core::ByteView(k_, len_));
      m.update(core::ByteView(v_, len_));
      m.update(core::ByteView(&sep, 1));
      m.update(core::ByteView(x, 32));
      m.update(core::ByteView(h1, 32));
      m.finish_into(k_);
      mac_v();
    }
  }
  ~NonceDrbg() {
    core::secure_wipe(k_, sizeof k_);
    core::secure_wipe(v_, sizeof v_);
  }
  // Step h: the next candidate k (32 bytes of T).
  void next(std::uint8_t out[32]) {
    std::size_t have = 0;
    while (have < 32) {
      mac_v();
      const std::size_t n = len_ < 32 - have ? len_ : 32 - have;
      std::memcpy(out + have, v_, n);
      have += n;
    }
  }
  // Step h.3, after a candidate was refused.
  void reseed() {
    const std::uint8_t zero = 0;
    Hmac m(alg_, core::ByteView(k_, len_));
    m.update(core::ByteView(v_, len_));
    m.update(core::ByteView(&zero, 1));
    m.finish_into(k_);
    mac_v();
  }

 private:
  void mac_v() {
    Hmac m(alg_, core::ByteView(k_, len_));
    m.update(core::ByteView(v_, len_));
    m.finish_into(v_);
  }
  HashAlg alg_;
  std::size_t len_;
  std::uint8_t k_[64];
  std::uint8_t v_[64];
};

// x(P) mod n as an integer; false for the identity.
bool x_mod_n(Limbs& r, const Point& p) {
  Affine a;
  const u64 finite = point_to_affine(a, p);
  mod_from_mont(kP, r, a.x);
  mod_reduce_once(kN, r, r);  // x < p < 2n
  return finite != 0;
}

}  // namespace

bool native_enabled() { return g_native.load(std::memory_order_relaxed); }
bool set_native_enabled(bool on) { return g_native.exchange(on); }

bool private_key_valid(const std::uint8_t d[32]) {
  Limbs x;
  limbs_from_be(x, d);
  const bool ok = in_range_n(x);
  limbs_wipe(x);
  return ok;
}

void public_key(std::uint8_t out[65], const std::uint8_t d[32]) {
  Limbs k;
  limbs_from_be(k, d);
  Point q;
  scalar_mult_base(q, k);
  Affine a;
  point_to_affine(a, q);
  point_encode(out, a);
  limbs_wipe(k);
}

bool generate_private(std::uint8_t d[32], Rng& rng) {
  for (int tries = 0; tries < 30; ++tries) {
    rng.fill(core::MutByteView(d, 32));
    if (private_key_valid(d)) return true;
  }
  core::secure_wipe(d, 32);
  return false;
}

void sign(std::uint8_t r_out[32], std::uint8_t s_out[32], const std::uint8_t d[32], HashAlg alg,
          core::ByteView digest) {
  const Limbs z = digest_scalar(digest);
  std::uint8_t h1[32];
  limbs_to_be(h1, z);
  Limbs dl, dm, zm, km, kinv, t, r, rm;
  limbs_from_be(dl, d);
  mod_to_mont(kN, dm, dl);
  mod_to_mont(kN, zm, z);
  NonceDrbg drbg(alg, d, h1);
  std::uint8_t kb[32];
  for (;;) {
    drbg.next(kb);
    Limbs k;
    limbs_from_be(k, kb);
    // Refusals happen with probability about 2^-32 (k >= n) or 2^-256 (r or s = 0).
    if (!in_range_n(k)) {
      drbg.reseed();
      continue;
    }
    Point big_r;
    scalar_mult_base(big_r, k);
    x_mod_n(r, big_r);
    mod_to_mont(kN, km, k);
    limbs_wipe(k);
    mod_inv(kN, kinv, km);
    mod_to_mont(kN, rm, r);
    mod_mul(kN, t, rm, dm);  // r*d
    mod_add(kN, t, t, zm);   // z + r*d
    mod_mul(kN, t, kinv, t);
    Limbs s;
    mod_from_mont(kN, s, t);
    if (limbs_is_zero(r) || limbs_is_zero(s)) {
      drbg.reseed();
      continue;
    }
    limbs_to_be(r_out, r);
    limbs_to_be(s_out, s);
    break;
  }
  for (Limbs* l : {&dl, &dm, &km, &kinv, &t}) limbs_wipe(*l);
  core::secure_wipe(kb, sizeof kb);
}

bool verify(const Affine& q, core::ByteView digest, core::ByteView r_in, core::ByteView s_in) {
  Limbs r, s;
  if (!limbs_from_be_var(r, r_in) || !limbs_from_be_var(s, s_in)) return false;
  if (!in_range_n(r) || !in_range_n(s)) return false;
  const Limbs z = digest_scalar(digest);
  Limbs sm, w, u1, u2;
  mod_to_mont(kN, sm, s);
  mod_inv(kN, w, sm);        // s^-1 * R
  mod_mul(kN, u1, z, w);     // z / s
  mod_mul(kN, u2, r, w);     // r / s
  Point p;
  double_scalar_mult(p, u1, u2, q);
  Limbs x;
  if (!x_mod_n(x, p)) return false;
  return ((x.v[0] ^ r.v[0]) | (x.v[1] ^ r.v[1]) | (x.v[2] ^ r.v[2]) | (x.v[3] ^ r.v[3])) == 0;
}

bool ecdh(std::uint8_t out[32], const std::uint8_t d[32], const std::uint8_t* peer,
          std::size_t peer_len) {
  Affine q;
  if (!point_decode(q, peer, peer_len)) return false;
  Limbs k;
  limbs_from_be(k, d);
  Point p;
  scalar_mult(p, k, q);
  limbs_wipe(k);
  Affine a;
  const u64 finite = point_to_affine(a, p);
  Limbs x;
  mod_from_mont(kP, x, a.x);
  limbs_to_be(out, x);
  limbs_wipe(x);
  limbs_wipe(a.x);
  return finite != 0;
}

}  // namespace glass::crypto::p256
