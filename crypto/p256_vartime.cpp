// Variable-time u1*G + u2*Q for ECDSA verification, where every input is public.
// u2*Q uses Jacobian coordinates (cheaper doubling than the complete projective
// formulas: 3M + 5S against 8M + 3S + 2 mult-by-b) and a width-5 NAF of u2, with
// branches on the special cases; u1*G reuses the comb of p256_point.cpp.
#include <cstring>

#include "crypto/p256_point.hpp"

namespace glass::crypto::p256 {

namespace {

struct Jacobian {  // x = X/Z^2, y = Y/Z^3; Z = 0 is the identity
  Limbs x, y, z;
};

bool is_zero(const Limbs& a) { return (a.v[0] | a.v[1] | a.v[2] | a.v[3]) == 0; }
bool equal(const Limbs& a, const Limbs& b) { return std::memcmp(a.v, b.v, sizeof a.v) == 0; }

// dbl-2001-b (a = -3), Bernstein.
void jdbl(Jacobian& r, const Jacobian& p) {
  if (is_zero(p.z)) {
    r = p;
    return;
  }
  Limbs delta, gamma, beta, alpha, t, u;
  fe_sqr(delta, p.z);
  fe_sqr(gamma, p.y);
  fe_mul(beta, p.x, gamma);
  fe_sub(t, p.x, delta);
  fe_add(u, p.x, delta);
  fe_mul(alpha, t, u);
  fe_add(t, alpha, alpha);
  fe_add(alpha, t, alpha);  // 3 (x - delta)(x + delta)
  Limbs x3, y3, z3, beta4, beta8;
  fe_add(beta4, beta, beta);
  fe_add(beta4, beta4, beta4);
  fe_add(beta8, beta4, beta4);
  fe_sqr(x3, alpha);
  fe_sub(x3, x3, beta8);
  fe_add(z3, p.y, p.z);
  fe_sqr(z3, z3);
  fe_sub(z3, z3, gamma);
  fe_sub(z3, z3, delta);
  fe_sub(t, beta4, x3);
  fe_mul(y3, alpha, t);
  fe_sqr(t, gamma);
  fe_add(t, t, t);
  fe_add(t, t, t);
  fe_add(t, t, t);  // 8 gamma^2
  fe_sub(y3, y3, t);
  r.x = x3;
  r.y = y3;
  r.z = z3;
}

// add-2007-bl, with the cases it does not cover handled by branches.
void jadd(Jacobian& r, const Jacobian& p, const Jacobian& q) {
  if (is_zero(p.z)) {
    r = q;
    return;
  }
  if (is_zero(q.z)) {
    r = p;
    return;
  }
  Limbs z1z1, z2z2, u1, u2, s1, s2, t;
  fe_sqr(z1z1, p.z);
  fe_sqr(z2z2, q.z);
  fe_mul(u1, p.x, z2z2);
  fe_mul(u2, q.x, z1z1);
  fe_mul(t, q.z, z2z2);
  fe_mul(s1, p.y, t);
  fe_mul(t, p.z, z1z1);
  fe_mul(s2, q.y, t);
  if (equal(u1, u2)) {
    if (equal(s1, s2)) {
      jdbl(r, p);
    } else {
      r.z = Limbs{{0, 0, 0, 0}};
    }
    return;
  }
  Limbs h, i, j, rr, v, x3, y3, z3;
  fe_sub(h, u2, u1);
  fe_add(i, h, h);
  fe_sqr(i, i);
  fe_mul(j, h, i);
  fe_sub(rr, s2, s1);
  fe_add(rr, rr, rr);
  fe_mul(v, u1, i);
  fe_sqr(x3, rr);
  fe_sub(x3, x3, j);
  fe_sub(x3, x3, v);
  fe_sub(x3, x3, v);
  fe_sub(t, v, x3);
  fe_mul(y3, rr, t);
  fe_mul(t, s1, j);
  fe_add(t, t, t);
  fe_sub(y3, y3, t);
  fe_add(z3, p.z, q.z);
  fe_sqr(z3, z3);
  fe_sub(z3, z3, z1z1);
  fe_sub(z3, z3, z2z2);
  fe_mul(z3, z3, h);
  r.x = x3;
  r.y = y3;
  r.z = z3;
}

// Width-5 NAF of k < 2^256: digits odd in [-15, 15] or 0, at most one non-zero
// digit in any 5 consecutive; returns the number of digits.
int wnaf5(int digits[258], const Limbs& k) {
  u64 w[5] = {k.v[0], k.v[1], k.v[2], k.v[3], 0};
  int n = 0;
  while ((w[0] | w[1] | w[2] | w[3] | w[4]) != 0) {
    int d = 0;
    if (w[0] & 1) {
      d = static_cast<int>(w[0] & 31);
      if (d > 16) d -= 32;
      // w -= d: add -d sign-extended over the five words (the result stays >= 0).
      const u64 v = static_cast<u64>(-static_cast<std::int64_t>(d));
      const u64 ext = d > 0 ? ~0ULL : 0;
      unsigned char c = 0;
      w[0] = detail::adc(w[0], v, c);
      for (int i = 1; i < 5; ++i) w[i] = detail::adc(w[i], ext, c);
    }
    digits[n++] = d;
    for (int i = 0; i < 4; ++i) w[i] = (w[i] >> 1) | (w[i + 1] << 63);
    w[4] >>= 1;
  }
  return n;
}

}  // namespace

void double_scalar_mult(Point& r, const Limbs& u1, const Limbs& u2, const Affine& q) {
  // Odd multiples Q, 3Q, ..., 15Q.
  Jacobian table[8];
  table[0].x = q.x;
  table[0].y = q.y;
  table[0].z = Limbs{{kP.one[0], kP.one[1], kP.one[2], kP.one[3]}};
  Jacobian q2;
  jdbl(q2, table[0]);
  for (int i = 1; i < 8; ++i) jadd(table[i], table[i - 1], q2);

  int digits[258];
  const int n = wnaf5(digits, u2);
  Jacobian acc;
  acc.x = acc.y = table[0].z;
  acc.z = Limbs{{0, 0, 0, 0}};
  for (int i = n - 1; i >= 0; --i) {
    jdbl(acc, acc);
    const int d = digits[i];
    if (d > 0) {
      jadd(acc, acc, table[d / 2]);
    } else if (d < 0) {
      Jacobian neg = table[-d / 2];
      const Limbs zero = {{0, 0, 0, 0}};
      fe_sub(neg.y, zero, neg.y);
      jadd(acc, acc, neg);
    }
  }
  Point b;
  if (is_zero(acc.z)) {
    point_identity(b);
  } else {
    // Jacobian (X:Y:Z) is projective (X*Z : Y : Z^3).
    Limbs z2;
    fe_sqr(z2, acc.z);
    fe_mul(b.x, acc.x, acc.z);
    b.y = acc.y;
    fe_mul(b.z, z2, acc.z);
  }
  Point a;
  scalar_mult_base(a, u1);
  point_add(r, a, b);
}

}  // namespace glass::crypto::p256
