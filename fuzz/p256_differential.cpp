// Differential fuzzing of our P-256 (crypto/p256_*.cpp) against mbedTLS. The first
// byte picks the operation, the rest is its input (short inputs are zero-padded):
//   0: field/scalar ops on a, b (32 bytes each): product, sum, difference, inverse
//   1: point decoding of 65 bytes, then k*P and k*G for a 32-byte k (any value)
//   2: ECDSA: key d, digest, and a candidate (r, s): signature and verdicts
//   3: ECDH: key d and a peer point
// Any disagreement aborts.
#include <mbedtls/bignum.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "crypto/p256_ecdsa.hpp"

using namespace glass::crypto::p256;

namespace {

struct Mpi {
  mbedtls_mpi v;
  Mpi() { mbedtls_mpi_init(&v); }
  ~Mpi() { mbedtls_mpi_free(&v); }
  void read(const std::uint8_t* b, std::size_t n = 32) {
    if (mbedtls_mpi_read_binary(&v, b, n) != 0) std::abort();
  }
  void write(std::uint8_t out[32]) const {
    if (mbedtls_mpi_write_binary(&v, out, 32) != 0) std::abort();
  }
};

mbedtls_ecp_group* group() {
  static mbedtls_ecp_group* g = [] {
    auto* grp = new mbedtls_ecp_group;
    mbedtls_ecp_group_init(grp);
    if (mbedtls_ecp_group_load(grp, MBEDTLS_ECP_DP_SECP256R1) != 0) std::abort();
    return grp;
  }();
  return g;
}

int fixed_rng(void*, unsigned char* out, std::size_t n) {
  std::memset(out, 0x5a, n);
  return 0;
}

void check(bool ok) {
  if (!ok) std::abort();
}

void same32(const std::uint8_t* a, const std::uint8_t* b) { check(std::memcmp(a, b, 32) == 0); }

// Encoded result of a point, or all zeros for the identity.
void encode_point(std::uint8_t out[65], const Point& p) {
  Affine a;
  std::memset(out, 0, 65);
  if (point_to_affine(a, p)) point_encode(out, a);
}

void mbed_encode(std::uint8_t out[65], const mbedtls_ecp_point& p) {
  std::memset(out, 0, 65);
  if (mbedtls_ecp_is_zero(const_cast<mbedtls_ecp_point*>(&p))) return;
  std::size_t olen = 0;
  check(mbedtls_ecp_point_write_binary(group(), &p, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, out, 65) ==
        0);
}

void field_ops(const std::uint8_t* in) {
  for (const Modulus* m : {&kP, &kN}) {
    Limbs a, b, am, bm, t, r;
    limbs_from_be(a, in);
    limbs_from_be(b, in + 32);
    mod_reduce_once(*m, a, a);
    mod_reduce_once(*m, b, b);
    Mpi ma, mb, mm, want;
    std::uint8_t buf[32], got[32], exp[32];
    limbs_to_be(buf, a);
    ma.read(buf);
    limbs_to_be(buf, b);
    mb.read(buf);
    Limbs ml = {{m->m[0], m->m[1], m->m[2], m->m[3]}};
    limbs_to_be(buf, ml);
    mm.read(buf);
    mod_to_mont(*m, am, a);
    mod_to_mont(*m, bm, b);
    mod_mul(*m, t, am, bm);
    mod_from_mont(*m, r, t);
    limbs_to_be(got, r);
    check(mbedtls_mpi_mul_mpi(&want.v, &ma.v, &mb.v) == 0);
    check(mbedtls_mpi_mod_mpi(&want.v, &want.v, &mm.v) == 0);
    want.write(exp);
    same32(got, exp);
    mod_add(*m, r, a, b);
    limbs_to_be(got, r);
    check(mbedtls_mpi_add_mpi(&want.v, &ma.v, &mb.v) == 0);
    check(mbedtls_mpi_mod_mpi(&want.v, &want.v, &mm.v) == 0);
    want.write(exp);
    same32(got, exp);
    mod_sub(*m, r, a, b);
    limbs_to_be(got, r);
    check(mbedtls_mpi_sub_mpi(&want.v, &ma.v, &mb.v) == 0);
    check(mbedtls_mpi_mod_mpi(&want.v, &want.v, &mm.v) == 0);
    want.write(exp);
    same32(got, exp);
    mod_inv(*m, t, am);
    mod_from_mont(*m, r, t);
    limbs_to_be(got, r);
    if (limbs_is_zero(a)) {
      check(limbs_is_zero(r) != 0);
    } else {
      check(mbedtls_mpi_inv_mod(&want.v, &ma.v, &mm.v) == 0);
      want.write(exp);
      same32(got, exp);
    }
  }
}

// Decodes with both; true when valid.
bool decode_both(Affine& q, mbedtls_ecp_point& mq, const std::uint8_t* enc, std::size_t len) {
  const bool ours = point_decode(q, enc, len);
  const bool theirs = mbedtls_ecp_point_read_binary(group(), &mq, enc, len) == 0 &&
                      mbedtls_ecp_check_pubkey(group(), &mq) == 0;
  check(ours == theirs);
  return ours;
}

void scalar_mults(const std::uint8_t* in) {
  Limbs k, kr;
  limbs_from_be(k, in);
  mod_reduce_once(kN, kr, k);
  std::uint8_t kb[32];
  limbs_to_be(kb, kr);
  Mpi mk;
  mk.read(kb);
  mbedtls_ecp_point mq, mr;
  mbedtls_ecp_point_init(&mq);
  mbedtls_ecp_point_init(&mr);
  std::uint8_t got[65], exp[65];
  Point r;
  Affine q;
  const bool zero = limbs_is_zero(kr) != 0;  // mbedTLS refuses k = 0 mod n
  // k*G
  scalar_mult_base(r, k);
  encode_point(got, r);
  if (zero) {
    for (std::uint8_t c : got) check(c == 0);
  } else {
    check(mbedtls_ecp_mul(group(), &mr, &mk.v, &group()->G, fixed_rng, nullptr) == 0);
    mbed_encode(exp, mr);
    check(std::memcmp(got, exp, 65) == 0);
  }
  // k*P; tag byte forced to 04 half the time so decoding gets past it.
  std::uint8_t enc[65];
  std::memcpy(enc, in + 32, 65);
  if (in[31] & 1) enc[0] = 0x04;
  if (decode_both(q, mq, enc, 65)) {
    scalar_mult(r, k, q);
    encode_point(got, r);
    if (zero) {
      for (std::uint8_t c : got) check(c == 0);
    } else {
      check(mbedtls_ecp_mul(group(), &mr, &mk.v, &mq, fixed_rng, nullptr) == 0);
      mbed_encode(exp, mr);
      check(std::memcmp(got, exp, 65) == 0);
    }
  }
  mbedtls_ecp_point_free(&mq);
  mbedtls_ecp_point_free(&mr);
}

void ecdsa(const std::uint8_t* in) {
  const std::uint8_t* d = in;
  const std::uint8_t* digest = in + 32;
  if (!private_key_valid(d)) return;
  Mpi md, mr, ms;
  md.read(d);
  std::uint8_t r[32], s[32], er[32], es[32], pub[65];
  sign(r, s, d, glass::crypto::HashAlg::sha256, glass::core::ByteView(digest, 32));
  check(mbedtls_ecdsa_sign_det_ext(group(), &mr.v, &ms.v, &md.v, digest, 32, MBEDTLS_MD_SHA256,
                                   fixed_rng, nullptr) == 0);
  mr.write(er);
  ms.write(es);
  same32(r, er);
  same32(s, es);
  public_key(pub, d);
  Affine q;
  mbedtls_ecp_point mq;
  mbedtls_ecp_point_init(&mq);
  check(decode_both(q, mq, pub, 65));
  // Candidate (r, s) from the input, sometimes the real one with one side tweaked.
  std::uint8_t cr[32], cs[32];
  std::memcpy(cr, in + 64, 32);
  std::memcpy(cs, in + 96, 32);
  if (in[63] & 1) std::memcpy(cr, r, 32);
  if (in[63] & 2) std::memcpy(cs, s, 32);
  Mpi vr, vs, n;
  vr.read(cr);
  vs.read(cs);
  const bool ours = verify(q, glass::core::ByteView(digest, 32), glass::core::ByteView(cr, 32),
                           glass::core::ByteView(cs, 32));
  // mbedTLS 2.28 checks 1 <= r, s < n itself.
  const bool theirs = mbedtls_ecdsa_verify(group(), digest, 32, &mq, &vr.v, &vs.v) == 0;
  check(ours == theirs);
  if ((in[63] & 3) == 3) check(ours);
  mbedtls_ecp_point_free(&mq);
}

void ecdh_op(const std::uint8_t* in) {
  const std::uint8_t* d = in;
  if (!private_key_valid(d)) return;
  std::uint8_t peer[65];
  std::memcpy(peer, in + 32, 65);
  if (in[31] & 1) {  // an honest peer: e*G for e from the input
    Limbs e;
    limbs_from_be(e, in + 32);
    Point p;
    scalar_mult_base(p, e);
    encode_point(peer, p);
  }
  std::uint8_t got[32];
  const bool ok = ecdh(got, d, peer, 65);
  Affine q;
  mbedtls_ecp_point mq;
  mbedtls_ecp_point_init(&mq);
  check(ok == decode_both(q, mq, peer, 65));
  if (ok) {
    Mpi md, z;
    md.read(d);
    check(mbedtls_ecdh_compute_shared(group(), &z.v, &mq, &md.v, fixed_rng, nullptr) == 0);
    std::uint8_t exp[32];
    z.write(exp);
    same32(got, exp);
  }
  mbedtls_ecp_point_free(&mq);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::uint8_t in[160] = {};
  std::memcpy(in, data + 1, size - 1 < sizeof in ? size - 1 : sizeof in);
  switch (data[0] % 4) {
    case 0: field_ops(in); break;
    case 1: scalar_mults(in); break;
    case 2: ecdsa(in); break;
    case 3: ecdh_op(in); break;
  }
  return 0;
}
