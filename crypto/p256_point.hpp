#pragma once
// P-256 points: projective (X:Y:Z) with the complete addition and doubling
// formulas of Renes-Costello-Batina 2016 for a = -3 (no exceptional cases, so no
// branches), constant-time scalar multiplication, and validated decoding.
// Coordinates are field elements in Montgomery form (p256_field.hpp).
#include <cstdint>

#include "crypto/p256_field.hpp"

namespace glass::crypto::p256 {

struct Point {  // projective; the identity is (0:1:0)
  Limbs x, y, z;
};
struct Affine {  // affine, never the identity
  Limbs x, y;
};

void point_identity(Point& r);
void point_from_affine(Point& r, const Affine& a);
void point_add(Point& r, const Point& a, const Point& b);   // RCB Algorithm 4
void point_madd(Point& r, const Point& a, const Affine& b);  // RCB Algorithm 5
void point_dbl(Point& r, const Point& a);                    // RCB Algorithm 6
// Affine form; returns all-ones, or 0 for the identity (r then holds zeros).
u64 point_to_affine(Affine& r, const Point& a);

// k*P for any 256-bit k (plain integer limbs, not Montgomery), constant time in k:
// signed 5-bit windows, table of 0..16 P read by scanning every entry.
void scalar_mult(Point& r, const Limbs& k, const Affine& p);
// k*G with a table of j*32^i*G (built once per process on first use).
void scalar_mult_base(Point& r, const Limbs& k);
// u1*G + u2*Q for verification, variable time: public inputs only, u1, u2 < 2^256
// (p256_vartime.cpp).
void double_scalar_mult(Point& r, const Limbs& u1, const Limbs& u2, const Affine& q);

// Uncompressed 04||X||Y: exact length, X and Y below p, on the curve. The
// identity has no such encoding, so it is refused too.
bool point_decode(Affine& r, const std::uint8_t* in, std::size_t len);
void point_encode(std::uint8_t out[65], const Affine& a);

const Affine& generator();

}  // namespace glass::crypto::p256
