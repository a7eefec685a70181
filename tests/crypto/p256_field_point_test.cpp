// Our P-256 field, scalar and point arithmetic against mbedTLS's bignum and ECP
// code: random values and the edges (0, 1, m-1, values near 2^256).
#include <doctest/doctest.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>

#include <cstring>
#include <vector>

#include "crypto/p256_point.hpp"
#include "crypto/random.hpp"

using namespace glass::crypto::p256;

namespace {

struct P256Mpi {
  mbedtls_mpi v;
  P256Mpi() { mbedtls_mpi_init(&v); }
  explicit P256Mpi(const Limbs& l) : P256Mpi() {
    std::uint8_t b[32];
    limbs_to_be(b, l);
    REQUIRE(mbedtls_mpi_read_binary(&v, b, 32) == 0);
  }
  explicit P256Mpi(const u64 m[4]) : P256Mpi(Limbs{{m[0], m[1], m[2], m[3]}}) {}
  ~P256Mpi() { mbedtls_mpi_free(&v); }
  Limbs limbs() const {
    std::uint8_t b[32];
    REQUIRE(mbedtls_mpi_write_binary(&v, b, 32) == 0);
    Limbs l;
    limbs_from_be(l, b);
    return l;
  }
};

bool same_limbs(const Limbs& a, const Limbs& b) { return std::memcmp(a.v, b.v, sizeof a.v) == 0; }

Limbs p256_random_limbs(glass::crypto::Rng& rng) {
  std::uint8_t b[32];
  rng.fill(glass::core::MutByteView(b, 32));
  Limbs l;
  limbs_from_be(l, b);
  return l;
}

// Values below m covering the edges and random ones.
std::vector<Limbs> p256_samples(const Modulus& m, glass::crypto::Rng& rng) {
  const Limbs mm = {{m.m[0], m.m[1], m.m[2], m.m[3]}};
  std::vector<Limbs> out = {{{0, 0, 0, 0}}, {{1, 0, 0, 0}}, {{2, 0, 0, 0}},
                            {{~0ULL, 0, 0, 0}}, {{0, 0, 0, 1ULL << 63}}};
  Limbs t = mm;
  t.v[0] -= 1;
  out.push_back(t);  // m - 1
  t.v[0] -= 1;
  out.push_back(t);  // m - 2
  for (int i = 0; i < 60; ++i) {
    Limbs r = p256_random_limbs(rng);
    mod_reduce_once(m, r, r);
    out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("p256 field and scalar arithmetic match mbedTLS bignum") {
  glass::crypto::SeededRng rng(256);
  for (const Modulus* m : {&kP, &kN}) {
    CAPTURE(m == &kP);
    P256Mpi mod(m->m);
    // R^2 and R (1 in Montgomery form) constants.
    P256Mpi r, rr, t;
    REQUIRE(mbedtls_mpi_lset(&r.v, 1) == 0);
    REQUIRE(mbedtls_mpi_shift_l(&r.v, 256) == 0);
    REQUIRE(mbedtls_mpi_mod_mpi(&t.v, &r.v, &mod.v) == 0);
    CHECK(same_limbs(t.limbs(), Limbs{{m->one[0], m->one[1], m->one[2], m->one[3]}}));
    REQUIRE(mbedtls_mpi_mul_mpi(&rr.v, &t.v, &t.v) == 0);
    REQUIRE(mbedtls_mpi_mod_mpi(&rr.v, &rr.v, &mod.v) == 0);
    CHECK(same_limbs(rr.limbs(), Limbs{{m->rr[0], m->rr[1], m->rr[2], m->rr[3]}}));

    const auto vals = p256_samples(*m, rng);
    for (std::size_t i = 0; i < vals.size(); ++i) {
      const Limbs& a = vals[i];
      const Limbs& b = vals[(i * 7 + 3) % vals.size()];
      P256Mpi ma(a), mb(b), want;
      Limbs got, am, bm, prod;
      // a*b mod m through Montgomery form.
      mod_to_mont(*m, am, a);
      mod_to_mont(*m, bm, b);
      mod_mul(*m, prod, am, bm);
      mod_from_mont(*m, got, prod);
      REQUIRE(mbedtls_mpi_mul_mpi(&want.v, &ma.v, &mb.v) == 0);
      REQUIRE(mbedtls_mpi_mod_mpi(&want.v, &want.v, &mod.v) == 0);
      CHECK(same_limbs(got, want.limbs()));
      // The field's specialised product agrees with the generic one.
      if (m == &kP) {
        Limbs f;
        fe_mul(f, am, bm);
        CHECK(same_limbs(f, prod));
      }
      mod_add(*m, got, a, b);
      REQUIRE(mbedtls_mpi_add_mpi(&want.v, &ma.v, &mb.v) == 0);
      REQUIRE(mbedtls_mpi_mod_mpi(&want.v, &want.v, &mod.v) == 0);
      CHECK(same_limbs(got, want.limbs()));
      if (m == &kP) {  // the inline field forms used by the point formulas
        fe_add(got, a, b);
        CHECK(same_limbs(got, want.limbs()));
      }
      mod_sub(*m, got, a, b);
      REQUIRE(mbedtls_mpi_sub_mpi(&want.v, &ma.v, &mb.v) == 0);
      REQUIRE(mbedtls_mpi_mod_mpi(&want.v, &want.v, &mod.v) == 0);
      CHECK(same_limbs(got, want.limbs()));
      if (m == &kP) {
        fe_sub(got, a, b);
        CHECK(same_limbs(got, want.limbs()));
      }
      // Inverse (0 maps to 0).
      Limbs inv_m, inv;
      mod_inv(*m, inv_m, am);
      mod_from_mont(*m, inv, inv_m);
      if (limbs_is_zero(a)) {
        CHECK(limbs_is_zero(inv));
      } else {
        REQUIRE(mbedtls_mpi_inv_mod(&want.v, &ma.v, &mod.v) == 0);
        CHECK(same_limbs(inv, want.limbs()));
      }
    }
    // Reduction of values at and above m, up to 2^256 - 1.
    for (Limbs x : {Limbs{{m->m[0], m->m[1], m->m[2], m->m[3]}}, Limbs{{~0ULL, ~0ULL, ~0ULL, ~0ULL}},
                    Limbs{{m->m[0], m->m[1] + 1, m->m[2], m->m[3]}}}) {  // m, 2^256-1, m + 2^64
      P256Mpi mx(x), want;
      REQUIRE(mbedtls_mpi_mod_mpi(&want.v, &mx.v, &mod.v) == 0);
      Limbs got;
      mod_reduce_once(*m, got, x);
      CHECK(same_limbs(got, want.limbs()));
      CHECK(limbs_lt(x, m->m) == 0);
    }
  }
}

namespace {

// k*G or k*P by mbedTLS, encoded; empty for the identity.
std::vector<std::uint8_t> mbed_mul(const Limbs& k, const std::uint8_t* point65) {
  mbedtls_ecp_group grp;
  mbedtls_ecp_group_init(&grp);
  REQUIRE(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) == 0);
  mbedtls_ecp_point p, r;
  mbedtls_ecp_point_init(&p);
  mbedtls_ecp_point_init(&r);
  if (point65)
    REQUIRE(mbedtls_ecp_point_read_binary(&grp, &p, point65, 65) == 0);
  else
    REQUIRE(mbedtls_ecp_copy(&p, &grp.G) == 0);
  // mbedTLS wants k < n: reduce (k*P depends only on k mod n).
  Limbs kr;
  mod_reduce_once(kN, kr, k);
  P256Mpi mk(kr);
  std::vector<std::uint8_t> out;
  // mbedTLS refuses k = 0 (mod n); 0*P is the identity.
  if (!limbs_is_zero(kr)) REQUIRE(mbedtls_ecp_mul(&grp, &r, &mk.v, &p, nullptr, nullptr) == 0);
  if (!limbs_is_zero(kr) && !mbedtls_ecp_is_zero(&r)) {
    out.resize(65);
    std::size_t olen = 0;
    REQUIRE(mbedtls_ecp_point_write_binary(&grp, &r, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, out.data(), 65) == 0);
  }
  mbedtls_ecp_point_free(&p);
  mbedtls_ecp_point_free(&r);
  mbedtls_ecp_group_free(&grp);
  return out;
}

// u1*G + u2*P by mbedTLS (mbedtls_ecp_muladd), empty for the identity.
std::vector<std::uint8_t> mbed_mul_add(const Limbs& u1, const Limbs& u2, const std::uint8_t* point65) {
  mbedtls_ecp_group grp;
  mbedtls_ecp_group_init(&grp);
  REQUIRE(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) == 0);
  mbedtls_ecp_point p, r;
  mbedtls_ecp_point_init(&p);
  mbedtls_ecp_point_init(&r);
  REQUIRE(mbedtls_ecp_point_read_binary(&grp, &p, point65, 65) == 0);
  Limbs a, b;
  mod_reduce_once(kN, a, u1);
  mod_reduce_once(kN, b, u2);
  P256Mpi ma(a), mb(b);
  REQUIRE(mbedtls_ecp_muladd(&grp, &r, &ma.v, &grp.G, &mb.v, &p) == 0);
  std::vector<std::uint8_t> out;
  if (!mbedtls_ecp_is_zero(&r)) {
    out.resize(65);
    std::size_t olen = 0;
    REQUIRE(mbedtls_ecp_point_write_binary(&grp, &r, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, out.data(), 65) == 0);
  }
  mbedtls_ecp_point_free(&p);
  mbedtls_ecp_point_free(&r);
  mbedtls_ecp_group_free(&grp);
  return out;
}

std::vector<std::uint8_t> ours_encoded(const Point& p) {
  Affine a;
  if (!point_to_affine(a, p)) return {};
  std::vector<std::uint8_t> out(65);
  point_encode(out.data(), a);
  return out;
}

std::vector<Limbs> p256_edge_scalars(glass::crypto::Rng& rng) {
  const Limbs n = {{kN.m[0], kN.m[1], kN.m[2], kN.m[3]}};
  std::vector<Limbs> ks = {{{0, 0, 0, 0}}, {{1, 0, 0, 0}}, {{2, 0, 0, 0}}, {{16, 0, 0, 0}},
                           {{31, 0, 0, 0}}, {{32, 0, 0, 0}}, n};
  Limbs t = n;
  t.v[0] -= 1;
  ks.push_back(t);  // n - 1
  t.v[0] -= 1;
  ks.push_back(t);  // n - 2
  t = n;
  t.v[0] += 1;
  ks.push_back(t);  // n + 1
  ks.push_back(Limbs{{~0ULL, ~0ULL, ~0ULL, ~0ULL}});          // 2^256 - 1
  ks.push_back(Limbs{{~0ULL - 5, ~0ULL, ~0ULL, ~0ULL}});      // near 2^256
  ks.push_back(Limbs{{0x8421084210842108ULL, 0x4210842108421084ULL, 0x2108421084210842ULL,
                      0x1084210842108421ULL}});  // every 5th bit: long runs of equal digits
  for (int i = 0; i < 24; ++i) ks.push_back(p256_random_limbs(rng));
  return ks;
}

}  // namespace

TEST_CASE("p256 doubling equals adding a point to itself, and identity rules hold") {
  Point g, d, a, id, s;
  point_from_affine(g, generator());
  point_dbl(d, g);
  point_add(a, g, g);
  CHECK(ours_encoded(d) == ours_encoded(a));
  point_madd(s, g, generator());
  CHECK(ours_encoded(s) == ours_encoded(a));
  point_identity(id);
  point_add(s, id, g);
  CHECK(ours_encoded(s) == ours_encoded(g));
  point_madd(s, id, generator());
  CHECK(ours_encoded(s) == ours_encoded(g));
  point_dbl(s, id);
  CHECK(ours_encoded(s).empty());
  // P + (-P) is the identity (the complete formula has no exception here).
  Point neg = g;
  Limbs zero = {{0, 0, 0, 0}};
  fe_sub(neg.y, zero, neg.y);
  point_add(s, g, neg);
  CHECK(ours_encoded(s).empty());
}

TEST_CASE("p256 scalar multiplication matches mbedTLS for random and edge scalars") {
  glass::crypto::SeededRng rng(2561);
  // A second base point: 7*G.
  Point p7;
  scalar_mult_base(p7, Limbs{{7, 0, 0, 0}});
  auto q = ours_encoded(p7);
  REQUIRE(q.size() == 65);
  Affine qa;
  REQUIRE(point_decode(qa, q.data(), 65));
  for (const Limbs& k : p256_edge_scalars(rng)) {
    CAPTURE(k.v[0]);
    CAPTURE(k.v[3]);
    Point r;
    scalar_mult_base(r, k);
    CHECK(ours_encoded(r) == mbed_mul(k, nullptr));
    scalar_mult(r, k, generator());
    CHECK(ours_encoded(r) == mbed_mul(k, nullptr));
    scalar_mult(r, k, qa);
    CHECK(ours_encoded(r) == mbed_mul(k, q.data()));
  }
  // u1*G + u2*Q (variable time) against the constant-time routines: random values,
  // then small and edge u2 that exercise the NAF's carries and the addition's special cases.
  std::vector<Limbs> u2s;
  for (u64 v : {0ULL, 1ULL, 2ULL, 3ULL, 15ULL, 16ULL, 17ULL, 31ULL, 32ULL, 33ULL, 0x5555ULL})
    u2s.push_back(Limbs{{v, 0, 0, 0}});
  for (const Limbs& k : p256_edge_scalars(rng)) u2s.push_back(k);
  for (std::size_t i = 0; i < u2s.size(); ++i) {
    Limbs u1 = p256_random_limbs(rng), u2 = u2s[i];
    mod_reduce_once(kN, u1, u1);
    Point r, a, b, sum;
    double_scalar_mult(r, u1, u2, qa);
    scalar_mult_base(a, u1);
    scalar_mult(b, u2, qa);
    point_add(sum, a, b);
    CHECK(ours_encoded(r) == ours_encoded(sum));
    CHECK(ours_encoded(r) == mbed_mul_add(u1, u2, q.data()));
  }
  // u1*G + u2*G with u1 + u2 = n is the identity; u1 = u2 makes the final sum P + P.
  {
    Limbs u1 = {{5, 0, 0, 0}}, u2 = {{kN.m[0] - 5, kN.m[1], kN.m[2], kN.m[3]}};
    Point r;
    double_scalar_mult(r, u1, u2, generator());
    CHECK(ours_encoded(r).empty());
    double_scalar_mult(r, u1, u1, generator());
    CHECK(ours_encoded(r) == mbed_mul(Limbs{{10, 0, 0, 0}}, nullptr));
  }
}

TEST_CASE("p256 point decoding refuses what mbedTLS refuses") {
  const Affine& g = generator();
  std::uint8_t enc[65];
  point_encode(enc, g);
  Affine out;
  CHECK(point_decode(out, enc, 65));
  CHECK(std::memcmp(out.x.v, g.x.v, 32) == 0);
  std::uint8_t bad[65];
  std::memcpy(bad, enc, 65);
  bad[64] ^= 1;  // off the curve
  CHECK_FALSE(point_decode(out, bad, 65));
  std::memcpy(bad, enc, 65);
  bad[0] = 0x02;  // compressed tag
  CHECK_FALSE(point_decode(out, bad, 65));
  CHECK_FALSE(point_decode(out, enc, 64));  // short
  const std::uint8_t infinity[1] = {0x00};
  CHECK_FALSE(point_decode(out, infinity, 1));
  std::uint8_t zeros[65] = {0x04};
  CHECK_FALSE(point_decode(out, zeros, 65));  // (0, 0) is not on the curve
  // x >= p: x = p + x0 for a curve point with x0 small enough is the same point mod p,
  // which mbedTLS also refuses; build one by searching small x with a square rhs.
  mbedtls_ecp_group grp;
  mbedtls_ecp_group_init(&grp);
  REQUIRE(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) == 0);
  int found = 0;
  for (std::uint8_t x0 = 0; x0 < 40 && found < 3; ++x0) {
    // y = sqrt(x0^3 - 3x0 + b) via y = rhs^((p+1)/4).
    P256Mpi x, rhs, t, e, y;
    REQUIRE(mbedtls_mpi_lset(&x.v, x0) == 0);
    REQUIRE(mbedtls_mpi_mul_mpi(&t.v, &x.v, &x.v) == 0);
    REQUIRE(mbedtls_mpi_mul_mpi(&t.v, &t.v, &x.v) == 0);
    REQUIRE(mbedtls_mpi_sub_int(&t.v, &t.v, 3 * x0) == 0);
    REQUIRE(mbedtls_mpi_add_mpi(&t.v, &t.v, &grp.B) == 0);
    REQUIRE(mbedtls_mpi_mod_mpi(&rhs.v, &t.v, &grp.P) == 0);
    REQUIRE(mbedtls_mpi_add_int(&e.v, &grp.P, 1) == 0);
    REQUIRE(mbedtls_mpi_shift_r(&e.v, 2) == 0);
    REQUIRE(mbedtls_mpi_exp_mod(&y.v, &rhs.v, &e.v, &grp.P, nullptr) == 0);
    REQUIRE(mbedtls_mpi_mul_mpi(&t.v, &y.v, &y.v) == 0);
    REQUIRE(mbedtls_mpi_mod_mpi(&t.v, &t.v, &grp.P) == 0);
    if (mbedtls_mpi_cmp_mpi(&t.v, &rhs.v) != 0) continue;
    ++found;
    std::uint8_t p[65] = {0x04};
    REQUIRE(mbedtls_mpi_write_binary(&x.v, p + 1, 32) == 0);
    REQUIRE(mbedtls_mpi_write_binary(&y.v, p + 33, 32) == 0);
    CHECK(point_decode(out, p, 65));  // canonical form accepted
    P256Mpi xp;
    REQUIRE(mbedtls_mpi_add_mpi(&xp.v, &x.v, &grp.P) == 0);
    REQUIRE(mbedtls_mpi_write_binary(&xp.v, p + 1, 32) == 0);
    CHECK_FALSE(point_decode(out, p, 65));  // x + p refused
    mbedtls_ecp_point mp;
    mbedtls_ecp_point_init(&mp);
    bool mbed_ok = mbedtls_ecp_point_read_binary(&grp, &mp, p, 65) == 0 &&
                   mbedtls_ecp_check_pubkey(&grp, &mp) == 0;
    CHECK_FALSE(mbed_ok);
    mbedtls_ecp_point_free(&mp);
  }
  CHECK(found >= 1);
  mbedtls_ecp_group_free(&grp);
}
