#pragma once
// Arithmetic modulo the P-256 prime p and the group order n: 4 x 64-bit limbs
// (little-endian), Montgomery form (R = 2^256), no branches or memory accesses
// that depend on the values. Used by p256_point and p256_ecdsa only.
#include <cstdint>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace glass::crypto::p256 {

using u64 = std::uint64_t;

struct Limbs {
  u64 v[4];
};

// A modulus m with 2^255 < m < 2^256, n0 = -m^-1 mod 2^64 and rr = R^2 mod m.
struct Modulus {
  u64 m[4];
  u64 n0;
  u64 rr[4];
  u64 one[4];  // R mod m: 1 in Montgomery form
};

inline constexpr Modulus kP = {  // field prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1
    {0xffffffffffffffffULL, 0x00000000ffffffffULL, 0x0000000000000000ULL, 0xffffffff00000001ULL},
    0x0000000000000001ULL,
    {0x0000000000000003ULL, 0xfffffffbffffffffULL, 0xfffffffffffffffeULL, 0x00000004fffffffdULL},
    {0x0000000000000001ULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL, 0x00000000fffffffeULL}};
inline constexpr Modulus kN = {  // group order n
    {0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL, 0xffffffffffffffffULL, 0xffffffff00000000ULL},
    0xccd1c8aaee00bc4fULL,
    {0x83244c95be79eea2ULL, 0x4699799c49bd6fa6ULL, 0x2845b2392b6bec59ULL, 0x66e12d94f3d95620ULL},
    {0x0c46353d039cdaafULL, 0x4319055258e8617bULL, 0x0000000000000000ULL, 0x00000000ffffffffULL}};

// All values below are reduced (< m); results are reduced.
void mod_mul(const Modulus& m, Limbs& r, const Limbs& a, const Limbs& b);  // a*b/R
void mod_add(const Modulus& m, Limbs& r, const Limbs& a, const Limbs& b);
void mod_sub(const Modulus& m, Limbs& r, const Limbs& a, const Limbs& b);
void mod_to_mont(const Modulus& m, Limbs& r, const Limbs& a);    // a*R
void mod_from_mont(const Modulus& m, Limbs& r, const Limbs& a);  // a/R
// a^(m-2) in Montgomery form: the inverse for a != 0, 0 for a == 0. The
// exponent is public, so its fixed sequence of squarings and products is too.
void mod_inv(const Modulus& m, Limbs& r, const Limbs& a);
// x mod m for any 256-bit x (one conditional subtraction, since x < 2m).
void mod_reduce_once(const Modulus& m, Limbs& r, const Limbs& x);

// Big-endian 32 bytes <-> limbs.
void limbs_from_be(Limbs& r, const std::uint8_t in[32]);
void limbs_to_be(std::uint8_t out[32], const Limbs& a);
// All-ones when a < m, else 0 (constant time).
u64 limbs_lt(const Limbs& a, const u64 m[4]);
// All-ones when a == 0, else 0 (constant time).
u64 limbs_is_zero(const Limbs& a);
// r = mask ? b : r, mask all-ones or 0.
inline void limbs_cmov(Limbs& r, const Limbs& b, u64 mask) {
  for (int i = 0; i < 4; ++i) r.v[i] ^= mask & (r.v[i] ^ b.v[i]);
}
void limbs_wipe(Limbs& a);

// Field operations mod p (Montgomery form), inline so the point formulas compile
// to straight-line code. Carries go through add-with-carry helpers, which compile
// to adc/sbb chains on x86-64.
namespace detail {
using u128 = unsigned __int128;
constexpr u64 kP1 = 0x00000000ffffffffULL;
constexpr u64 kP3 = 0xffffffff00000001ULL;

#if defined(__x86_64__)
inline u64 adc(u64 a, u64 b, unsigned char& c) {
  unsigned long long r;
  c = _addcarry_u64(c, a, b, &r);
  return r;
}
inline u64 sbb(u64 a, u64 b, unsigned char& c) {
  unsigned long long r;
  c = _subborrow_u64(c, a, b, &r);
  return r;
}
#else
inline u64 adc(u64 a, u64 b, unsigned char& c) {
  const u128 t = static_cast<u128>(a) + b + c;
  c = static_cast<unsigned char>(t >> 64);
  return static_cast<u64>(t);
}
inline u64 sbb(u64 a, u64 b, unsigned char& c) {
  const u128 t = static_cast<u128>(a) - b - c;
  c = static_cast<unsigned char>((t >> 64) & 1);
  return static_cast<u64>(t);
}
#endif

// r = t - m when (top:t) is at least m, else t; masks only. Both Montgomery
// products end with it (m = p with its zero limb folded by the compiler, or n).
[[gnu::always_inline]] inline void final_sub(Limbs& r, u64 t0, u64 t1, u64 t2, u64 t3,
                                            u64 top, u64 m0, u64 m1, u64 m2, u64 m3) {
  unsigned char b = 0;
  const u64 d0 = sbb(t0, m0, b);
  const u64 d1 = sbb(t1, m1, b);
  const u64 d2 = sbb(t2, m2, b);
  const u64 d3 = sbb(t3, m3, b);
  sbb(top, 0, b);
  const u64 keep = 0 - static_cast<u64>(b);
  r.v[0] = (t0 & keep) | (d0 & ~keep);
  r.v[1] = (t1 & keep) | (d1 & ~keep);
  r.v[2] = (t2 & keep) | (d2 & ~keep);
  r.v[3] = (t3 & keep) | (d3 & ~keep);
}
[[gnu::always_inline]] inline void fe_final_sub(Limbs& r, u64 t0, u64 t1, u64 t2, u64 t3,
                                               u64 top) {
  final_sub(r, t0, t1, t2, t3, top, ~0ULL, kP1, 0, kP3);
}
}  // namespace detail

// a*b/R mod p, word by word: add a[i]*b, then divide by 2^64 after adding q*p
// for q = the low limb, using p's shape: q*p = q*2^96 - q + q*0xffffffff00000001*2^192
// (the -q cancels the low limb). The running value stays below 2p, in 6 words.
// Its rows are those of mont_mul (p256_field.cpp) written out: as shared inline
// functions, g++ 12 materialised more carries (setb) and P-256 sign, verify and
// ECDH measured 3-5% slower.
inline void fe_mul(Limbs& r, const Limbs& a, const Limbs& b) {
  using detail::adc;
  using detail::u128;
  u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    const u64 ai = a.v[i];
    const u128 p0 = static_cast<u128>(ai) * b.v[0];
    const u128 p1 = static_cast<u128>(ai) * b.v[1];
    const u128 p2 = static_cast<u128>(ai) * b.v[2];
    const u128 p3 = static_cast<u128>(ai) * b.v[3];
    unsigned char c = 0;
    t0 = adc(t0, static_cast<u64>(p0), c);
    t1 = adc(t1, static_cast<u64>(p1), c);
    t2 = adc(t2, static_cast<u64>(p2), c);
    t3 = adc(t3, static_cast<u64>(p3), c);
    t4 = adc(t4, 0, c);
    t5 = c;
    c = 0;
    t1 = adc(t1, static_cast<u64>(p0 >> 64), c);
    t2 = adc(t2, static_cast<u64>(p1 >> 64), c);
    t3 = adc(t3, static_cast<u64>(p2 >> 64), c);
    t4 = adc(t4, static_cast<u64>(p3 >> 64), c);
    t5 += c;
    const u64 q = t0;
    const u128 m = static_cast<u128>(q) * detail::kP3;
    c = 0;
    t1 = adc(t1, q << 32, c);
    t2 = adc(t2, q >> 32, c);
    t3 = adc(t3, static_cast<u64>(m), c);
    t4 = adc(t4, static_cast<u64>(m >> 64), c);
    t5 += c;
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;
    t4 = t5;
  }
  detail::fe_final_sub(r, t0, t1, t2, t3, t4);
}
inline void fe_sqr(Limbs& r, const Limbs& a) { fe_mul(r, a, a); }

inline void fe_add(Limbs& r, const Limbs& a, const Limbs& b) {
  using detail::adc;
  unsigned char c = 0;
  const u64 s0 = adc(a.v[0], b.v[0], c);
  const u64 s1 = adc(a.v[1], b.v[1], c);
  const u64 s2 = adc(a.v[2], b.v[2], c);
  const u64 s3 = adc(a.v[3], b.v[3], c);
  detail::fe_final_sub(r, s0, s1, s2, s3, c);
}

inline void fe_sub(Limbs& r, const Limbs& a, const Limbs& b) {
  using detail::adc;
  using detail::sbb;
  unsigned char bw = 0;
  const u64 d0 = sbb(a.v[0], b.v[0], bw);
  const u64 d1 = sbb(a.v[1], b.v[1], bw);
  const u64 d2 = sbb(a.v[2], b.v[2], bw);
  const u64 d3 = sbb(a.v[3], b.v[3], bw);
  const u64 mask = 0 - static_cast<u64>(bw);  // add p back on borrow
  unsigned char c = 0;
  r.v[0] = adc(d0, mask, c);
  r.v[1] = adc(d1, mask & detail::kP1, c);
  r.v[2] = adc(d2, 0, c);
  r.v[3] = adc(d3, mask & detail::kP3, c);
}

}  // namespace glass::crypto::p256
