#include "crypto/p256_field.hpp"

#include "core/bytes.hpp"

namespace glass::crypto::p256 {

namespace {

using u128 = unsigned __int128;

// The running value of mont_mul: (t5:t4:t3:t2:t1:t0).
struct Acc {
  u64 t0, t1, t2, t3, t4, t5;
};
// t + ai * b, the row each step adds twice (a[i] * b, then q * m); t5 receives
// the carry out of t4, its old value is dropped.
[[gnu::always_inline]] inline Acc add_row(Acc t, u64 ai, const Limbs& b) {
  const u128 p0 = static_cast<u128>(ai) * b.v[0];
  const u128 p1 = static_cast<u128>(ai) * b.v[1];
  const u128 p2 = static_cast<u128>(ai) * b.v[2];
  const u128 p3 = static_cast<u128>(ai) * b.v[3];
  unsigned char c = 0;
  t.t0 = detail::adc(t.t0, static_cast<u64>(p0), c);
  t.t1 = detail::adc(t.t1, static_cast<u64>(p1), c);
  t.t2 = detail::adc(t.t2, static_cast<u64>(p2), c);
  t.t3 = detail::adc(t.t3, static_cast<u64>(p3), c);
  t.t4 = detail::adc(t.t4, 0, c);
  t.t5 = c;
  c = 0;
  t.t1 = detail::adc(t.t1, static_cast<u64>(p0 >> 64), c);
  t.t2 = detail::adc(t.t2, static_cast<u64>(p1 >> 64), c);
  t.t3 = detail::adc(t.t3, static_cast<u64>(p2 >> 64), c);
  t.t4 = detail::adc(t.t4, static_cast<u64>(p3 >> 64), c);
  t.t5 += c;
  return t;
}
// The running value divided by 2^64 once a reduction step has zeroed its low word.
[[gnu::always_inline]] inline Acc drop_low_word(const Acc& t) {
  return Acc{t.t1, t.t2, t.t3, t.t4, t.t5, 0};
}

// Montgomery product, word by word (CIOS) like fe_mul but for any modulus given
// as a compile-time constant (used for n). The running value stays below 2m.
template <const Modulus& M>
inline void mont_mul(Limbs& r, const Limbs& a, const Limbs& b) {
  static constexpr Limbs m = {{M.m[0], M.m[1], M.m[2], M.m[3]}};
  Acc t{0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    t = add_row(t, a.v[i], b);
    // Adding q*m for q = t0 * n0 mod 2^64 zeroes the low word.
    const u64 top = t.t5;
    t = add_row(t, t.t0 * M.n0, m);
    t.t5 += top;
    t = drop_low_word(t);
  }
  detail::final_sub(r, t.t0, t.t1, t.t2, t.t3, t.t4, M.m[0], M.m[1], M.m[2], M.m[3]);
}

// r = x - m[] with the borrow out (0 or 1).
inline u64 sub_limbs(u64 r[4], const u64 x[4], const u64 m[4]) {
  u64 borrow = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 d = static_cast<u128>(x[i]) - m[i] - borrow;
    r[i] = static_cast<u64>(d);
    borrow = static_cast<u64>(d >> 64) & 1;
  }
  return borrow;
}

}  // namespace

void mod_mul(const Modulus& m, Limbs& r, const Limbs& a, const Limbs& b) {
  // Which modulus is public; both products are constant time.
  if (&m == &kP)
    fe_mul(r, a, b);
  else
    mont_mul<kN>(r, a, b);
}

void mod_add(const Modulus& m, Limbs& r, const Limbs& a, const Limbs& b) {
  u64 s[4];
  u64 carry = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 t = static_cast<u128>(a.v[i]) + b.v[i] + carry;
    s[i] = static_cast<u64>(t);
    carry = static_cast<u64>(t >> 64);
  }
  u64 d[4];
  const u64 borrow = sub_limbs(d, s, m.m);
  // Keep the sum when it did not overflow and is below m.
  const u64 keep_s = 0 - (borrow & (carry ^ 1));
  for (int i = 0; i < 4; ++i) r.v[i] = (s[i] & keep_s) | (d[i] & ~keep_s);
}

void mod_sub(const Modulus& m, Limbs& r, const Limbs& a, const Limbs& b) {
  u64 d[4];
  const u64 mask = 0 - sub_limbs(d, a.v, b.v);
  u64 carry = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 t = static_cast<u128>(d[i]) + (m.m[i] & mask) + carry;
    r.v[i] = static_cast<u64>(t);
    carry = static_cast<u64>(t >> 64);
  }
}

void mod_to_mont(const Modulus& m, Limbs& r, const Limbs& a) {
  Limbs rr;
  for (int i = 0; i < 4; ++i) rr.v[i] = m.rr[i];
  mod_mul(m, r, a, rr);
}

void mod_from_mont(const Modulus& m, Limbs& r, const Limbs& a) {
  const Limbs one = {{1, 0, 0, 0}};
  mod_mul(m, r, a, one);
}

void mod_inv(const Modulus& m, Limbs& r, const Limbs& a) {
  // Fixed 4-bit windows over the public exponent m - 2: 252 squarings and
  // 64 products (plus 14 for the table), the same for every input.
  u64 e[4];
  const u64 two[4] = {2, 0, 0, 0};
  sub_limbs(e, m.m, two);
  Limbs table[16];
  for (int i = 0; i < 4; ++i) table[0].v[i] = m.one[i];
  table[1] = a;
  for (int i = 2; i < 16; ++i) mod_mul(m, table[i], table[i - 1], a);
  Limbs acc = table[0];
  for (int w = 63; w >= 0; --w) {
    if (w != 63)
      for (int k = 0; k < 4; ++k) mod_mul(m, acc, acc, acc);
    const unsigned nib = static_cast<unsigned>(e[w / 16] >> (4 * (w % 16))) & 15;
    mod_mul(m, acc, acc, table[nib]);
  }
  r = acc;
  for (auto& t : table) limbs_wipe(t);
  limbs_wipe(acc);
}

void mod_reduce_once(const Modulus& m, Limbs& r, const Limbs& x) {
  u64 d[4];
  const u64 keep_x = 0 - sub_limbs(d, x.v, m.m);
  for (int i = 0; i < 4; ++i) r.v[i] = (x.v[i] & keep_x) | (d[i] & ~keep_x);
}

void limbs_from_be(Limbs& r, const std::uint8_t in[32]) {
  for (int i = 0; i < 4; ++i) {
    u64 w = 0;
    for (int j = 0; j < 8; ++j) w = (w << 8) | in[(3 - i) * 8 + j];
    r.v[i] = w;
  }
}

void limbs_to_be(std::uint8_t out[32], const Limbs& a) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 8; ++j)
      out[(3 - i) * 8 + j] = static_cast<std::uint8_t>(a.v[i] >> (56 - 8 * j));
}

u64 limbs_lt(const Limbs& a, const u64 m[4]) {
  u64 d[4];
  return 0 - sub_limbs(d, a.v, m);
}

u64 limbs_is_zero(const Limbs& a) {
  const u64 x = a.v[0] | a.v[1] | a.v[2] | a.v[3];
  // (x | -x) has its top bit set exactly when x != 0.
  return ((x | (0 - x)) >> 63) - 1;
}

void limbs_wipe(Limbs& a) { core::secure_wipe(a.v, sizeof a.v); }

}  // namespace glass::crypto::p256
