#include "crypto/p256_point.hpp"

#include <mutex>

namespace glass::crypto::p256 {

namespace {

// b of y^2 = x^3 - 3x + b, in Montgomery form.
constexpr Limbs kB = {
    {0xd89cdf6229c4bddfULL, 0xacf005cd78843090ULL, 0xe5a220abf7212ed6ULL, 0xdc30061d04874834ULL}};
constexpr Affine kG = {
    {{0x79e730d418a9143cULL, 0x75ba95fc5fedb601ULL, 0x79fb732b77622510ULL, 0x18905f76a53755c6ULL}},
    {{0xddf25357ce95560aULL, 0x8b4ab8e4ba19e45cULL, 0xd2e88688dd21f325ULL, 0x8571ff1825885d85ULL}}};

constexpr int kWindows = 52;  // ceil(257 / 5): the signed digits need bit 256 (zero)

Limbs one() {
  Limbs r;
  for (int i = 0; i < 4; ++i) r.v[i] = kP.one[i];
  return r;
}

inline u64 bit_at(const Limbs& k, int j) {
  if (j < 0 || j > 255) return 0;  // j is a public position
  return (k.v[j / 64] >> (j % 64)) & 1;
}

// Booth digit i of k in [-16, 16]: b(5i-1) + b(5i) + 2b(5i+1) + 4b(5i+2) + 8b(5i+3) - 16b(5i+4).
// Returns |digit| and sets neg to all-ones for a negative digit, without branches.
inline u64 booth_digit(const Limbs& k, int i, u64& neg) {
  const int j = 5 * i;
  const u64 pos = bit_at(k, j - 1) + bit_at(k, j) + 2 * bit_at(k, j + 1) + 4 * bit_at(k, j + 2) +
                  8 * bit_at(k, j + 3);
  const u64 d = pos - 16 * bit_at(k, j + 4);  // two's complement of a value in [-16, 16]
  neg = 0 - (d >> 63);
  return (d ^ neg) - neg;
}

inline u64 eq_mask(u64 a, u64 b) {
  const u64 x = a ^ b;
  return ((x | (0 - x)) >> 63) - 1;
}

void point_wipe(Point& p) {
  limbs_wipe(p.x);
  limbs_wipe(p.y);
  limbs_wipe(p.z);
}

void point_cmov(Point& r, const Point& a, u64 mask) {
  limbs_cmov(r.x, a.x, mask);
  limbs_cmov(r.y, a.y, mask);
  limbs_cmov(r.z, a.z, mask);
}

void cond_negate_y(Limbs& y, u64 mask) {
  Limbs zero = {{0, 0, 0, 0}}, ny;
  fe_sub(ny, zero, y);
  limbs_cmov(y, ny, mask);
}

// Table for the base point: kBase[i][j] = (j+1) * 32^i * G, affine.
Affine kBase[kWindows][16];
std::once_flag kBaseOnce;

void build_base_table() {
  static Point proj[kWindows][16];
  Point base;
  point_from_affine(base, kG);
  for (int i = 0; i < kWindows; ++i) {
    proj[i][0] = base;
    for (int j = 1; j < 16; ++j) point_add(proj[i][j], proj[i][j - 1], base);
    point_dbl(base, proj[i][15]);  // 32 * 32^i G
  }
  // Batch inversion of all Z (public data): prefix products, one inversion.
  constexpr int kCount = kWindows * 16;
  static Limbs prefix[kCount];
  Point* flat = &proj[0][0];
  Limbs acc = one();
  for (int i = 0; i < kCount; ++i) {
    prefix[i] = acc;
    fe_mul(acc, acc, flat[i].z);
  }
  Limbs inv;
  mod_inv(kP, inv, acc);
  for (int i = kCount - 1; i >= 0; --i) {
    Limbs zinv;
    fe_mul(zinv, inv, prefix[i]);
    fe_mul(inv, inv, flat[i].z);
    Affine& a = (&kBase[0][0])[i];
    fe_mul(a.x, flat[i].x, zinv);
    fe_mul(a.y, flat[i].y, zinv);
  }
}

}  // namespace

const Affine& generator() { return kG; }

void point_identity(Point& r) {
  r.x = Limbs{{0, 0, 0, 0}};
  r.y = one();
  r.z = Limbs{{0, 0, 0, 0}};
}

void point_from_affine(Point& r, const Affine& a) {
  r.x = a.x;
  r.y = a.y;
  r.z = one();
}

void point_add(Point& r, const Point& p, const Point& q) {
  Limbs t0, t1, t2, t3, t4, x3, y3, z3;
  fe_mul(t0, p.x, q.x);
  fe_mul(t1, p.y, q.y);
  fe_mul(t2, p.z, q.z);
  fe_add(t3, p.x, p.y);
  fe_add(t4, q.x, q.y);
  fe_mul(t3, t3, t4);
  fe_add(t4, t0, t1);
  fe_sub(t3, t3, t4);
  fe_add(t4, p.y, p.z);
  fe_add(x3, q.y, q.z);
  fe_mul(t4, t4, x3);
  fe_add(x3, t1, t2);
  fe_sub(t4, t4, x3);
  fe_add(x3, p.x, p.z);
  fe_add(y3, q.x, q.z);
  fe_mul(x3, x3, y3);
  fe_add(y3, t0, t2);
  fe_sub(y3, x3, y3);
  fe_mul(z3, kB, t2);
  fe_sub(x3, y3, z3);
  fe_add(z3, x3, x3);
  fe_add(x3, x3, z3);
  fe_sub(z3, t1, x3);
  fe_add(x3, t1, x3);
  fe_mul(y3, kB, y3);
  fe_add(t1, t2, t2);
  fe_add(t2, t1, t2);
  fe_sub(y3, y3, t2);
  fe_sub(y3, y3, t0);
  fe_add(t1, y3, y3);
  fe_add(y3, t1, y3);
  fe_add(t1, t0, t0);
  fe_add(t0, t1, t0);
  fe_sub(t0, t0, t2);
  fe_mul(t1, t4, y3);
  fe_mul(t2, t0, y3);
  fe_mul(y3, x3, z3);
  fe_add(y3, y3, t2);
  fe_mul(x3, t3, x3);
  fe_sub(x3, x3, t1);
  fe_mul(z3, t4, z3);
  fe_mul(t1, t3, t0);
  fe_add(z3, z3, t1);
  r.x = x3;
  r.y = y3;
  r.z = z3;
}

void point_madd(Point& r, const Point& p, const Affine& q) {
  Limbs t0, t1, t2, t3, t4, x3, y3, z3;
  fe_mul(t0, p.x, q.x);
  fe_mul(t1, p.y, q.y);
  fe_add(t3, q.x, q.y);
  fe_add(t4, p.x, p.y);
  fe_mul(t3, t3, t4);
  fe_add(t4, t0, t1);
  fe_sub(t3, t3, t4);
  fe_mul(t4, q.y, p.z);
  fe_add(t4, t4, p.y);
  fe_mul(y3, q.x, p.z);
  fe_add(y3, y3, p.x);
  fe_mul(z3, kB, p.z);
  fe_sub(x3, y3, z3);
  fe_add(z3, x3, x3);
  fe_add(x3, x3, z3);
  fe_sub(z3, t1, x3);
  fe_add(x3, t1, x3);
  fe_mul(y3, kB, y3);
  fe_add(t1, p.z, p.z);
  fe_add(t2, t1, p.z);
  fe_sub(y3, y3, t2);
  fe_sub(y3, y3, t0);
  fe_add(t1, y3, y3);
  fe_add(y3, t1, y3);
  fe_add(t1, t0, t0);
  fe_add(t0, t1, t0);
  fe_sub(t0, t0, t2);
  fe_mul(t1, t4, y3);
  fe_mul(t2, t0, y3);
  fe_mul(y3, x3, z3);
  fe_add(y3, y3, t2);
  fe_mul(x3, t3, x3);
  fe_sub(x3, x3, t1);
  fe_mul(z3, t4, z3);
  fe_mul(t1, t3, t0);
  fe_add(z3, z3, t1);
  r.x = x3;
  r.y = y3;
  r.z = z3;
}

void point_dbl(Point& r, const Point& p) {
  Limbs t0, t1, t2, t3, x3, y3, z3;
  fe_sqr(t0, p.x);
  fe_sqr(t1, p.y);
  fe_sqr(t2, p.z);
  fe_mul(t3, p.x, p.y);
  fe_add(t3, t3, t3);
  fe_mul(z3, p.x, p.z);
  fe_add(z3, z3, z3);
  fe_mul(y3, kB, t2);
  fe_sub(y3, y3, z3);
  fe_add(x3, y3, y3);
  fe_add(y3, x3, y3);
  fe_sub(x3, t1, y3);
  fe_add(y3, t1, y3);
  fe_mul(y3, x3, y3);
  fe_mul(x3, x3, t3);
  fe_add(t3, t2, t2);
  fe_add(t2, t2, t3);
  fe_mul(z3, kB, z3);
  fe_sub(z3, z3, t2);
  fe_sub(z3, z3, t0);
  fe_add(t3, z3, z3);
  fe_add(z3, z3, t3);
  fe_add(t3, t0, t0);
  fe_add(t0, t3, t0);
  fe_sub(t0, t0, t2);
  fe_mul(t0, t0, z3);
  fe_add(y3, y3, t0);
  fe_mul(t0, p.y, p.z);
  fe_add(t0, t0, t0);
  fe_mul(z3, t0, z3);
  fe_sub(x3, x3, z3);
  fe_mul(z3, t0, t1);
  fe_add(z3, z3, z3);
  fe_add(z3, z3, z3);
  r.x = x3;
  r.y = y3;
  r.z = z3;
}

u64 point_to_affine(Affine& r, const Point& a) {
  Limbs zinv;
  mod_inv(kP, zinv, a.z);  // 0 for the identity, so r becomes (0, 0)
  fe_mul(r.x, a.x, zinv);
  fe_mul(r.y, a.y, zinv);
  return ~limbs_is_zero(a.z);
}

void scalar_mult(Point& r, const Limbs& k, const Affine& p) {
  Point table[17];
  point_identity(table[0]);
  point_from_affine(table[1], p);
  for (int j = 2; j <= 16; ++j) {
    if (j % 2 == 0)
      point_dbl(table[j], table[j / 2]);
    else
      point_madd(table[j], table[j - 1], p);
  }
  Point acc, sel;
  point_identity(acc);
  for (int i = kWindows - 1; i >= 0; --i) {
    if (i != kWindows - 1)
      for (int d = 0; d < 5; ++d) point_dbl(acc, acc);
    u64 neg;
    const u64 idx = booth_digit(k, i, neg);
    sel = table[0];
    for (u64 j = 1; j <= 16; ++j) point_cmov(sel, table[j], eq_mask(idx, j));
    cond_negate_y(sel.y, neg);
    point_add(acc, acc, sel);
  }
  r = acc;
  for (auto& t : table) point_wipe(t);
  point_wipe(acc);
  point_wipe(sel);
}

void scalar_mult_base(Point& r, const Limbs& k) {
  std::call_once(kBaseOnce, build_base_table);
  Point acc, sum;
  point_identity(acc);
  for (int i = 0; i < kWindows; ++i) {
    u64 neg;
    const u64 idx = booth_digit(k, i, neg);
    Affine sel = {{{0, 0, 0, 0}}, {{0, 0, 0, 0}}};
    for (u64 j = 0; j < 16; ++j) {
      const u64 m = eq_mask(idx, j + 1);
      limbs_cmov(sel.x, kBase[i][j].x, m);
      limbs_cmov(sel.y, kBase[i][j].y, m);
    }
    cond_negate_y(sel.y, neg);
    // A zero digit selects nothing: the sum is computed and thrown away.
    point_madd(sum, acc, sel);
    point_cmov(acc, sum, ~eq_mask(idx, 0));
    limbs_wipe(sel.x);
    limbs_wipe(sel.y);
  }
  r = acc;
  point_wipe(acc);
  point_wipe(sum);
}

bool point_decode(Affine& r, const std::uint8_t* in, std::size_t len) {
  if (len != 65 || in[0] != 0x04) return false;
  Limbs x, y;
  limbs_from_be(x, in + 1);
  limbs_from_be(y, in + 33);
  if (!limbs_lt(x, kP.m) || !limbs_lt(y, kP.m)) return false;
  mod_to_mont(kP, r.x, x);
  mod_to_mont(kP, r.y, y);
  // y^2 == x^3 - 3x + b
  Limbs lhs, rhs, t;
  fe_sqr(lhs, r.y);
  fe_sqr(rhs, r.x);
  fe_mul(rhs, rhs, r.x);
  fe_add(t, r.x, r.x);
  fe_add(t, t, r.x);
  fe_sub(rhs, rhs, t);
  fe_add(rhs, rhs, kB);
  fe_sub(t, lhs, rhs);
  return limbs_is_zero(t) != 0;
}

void point_encode(std::uint8_t out[65], const Affine& a) {
  Limbs x, y;
  mod_from_mont(kP, x, a.x);
  mod_from_mont(kP, y, a.y);
  out[0] = 0x04;
  limbs_to_be(out + 1, x);
  limbs_to_be(out + 33, y);
}

}  // namespace glass::crypto::p256
