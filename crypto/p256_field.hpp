#pragma once
// Arithmetic modulo the P-256 prime p and the group order n: 4 x 64-bit limbs
// (little-endian), Montgomery form (R = 2^256), no branches or memory accesses
// that depend on the values. Used by p256_point and p256_ecdsa only.
#include <cstdint>

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

// Field shorthands (Montgomery form mod p).
void fe_mul(Limbs& r, const Limbs& a, const Limbs& b);  // specialised for p
inline void fe_sqr(Limbs& r, const Limbs& a) { fe_mul(r, a, a); }
inline void fe_add(Limbs& r, const Limbs& a, const Limbs& b) { mod_add(kP, r, a, b); }
inline void fe_sub(Limbs& r, const Limbs& a, const Limbs& b) { mod_sub(kP, r, a, b); }

}  // namespace glass::crypto::p256
