// ECDSA on secp256r1 and secp384r1. secp256r1 keys made while our P-256 is enabled
// sign and verify with it (p256_ecdsa.hpp); the others use mbedTLS ECP/ECDSA
// (ecp/ecdsa/bignum only). Signatures travel as DER, which ecdsa_der.cpp encodes
// and decodes. Nonces are RFC 6979 on every path and in both signature providers,
// so a signature depends only on the key and the message; the Rng only blinds.
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "crypto/ecdsa_der.hpp"
#include "crypto/ecp_group_cache.hpp"
#include "crypto/p256_ecdsa.hpp"
#include "crypto/sig_provider.hpp"

namespace glass::crypto {

using core::Alert;
using core::make_error;
using core::SecretBytes;

namespace {

std::string curve_label(NamedGroup g) {
  if (g == NamedGroup::secp256r1) return "secp256r1";
  if (g == NamedGroup::secp384r1) return "secp384r1";
  char buf[24];
  std::snprintf(buf, sizeof buf, "group 0x%04x", static_cast<unsigned>(g));
  return buf;
}

std::size_t curve_bytes(NamedGroup g) { return g == NamedGroup::secp384r1 ? 48 : 32; }

core::Result<mbedtls_ecp_group_id> curve_id(NamedGroup g) {
  if (g == NamedGroup::secp256r1) return MBEDTLS_ECP_DP_SECP256R1;
  if (g == NamedGroup::secp384r1) return MBEDTLS_ECP_DP_SECP384R1;
  return make_error(Alert::illegal_parameter,
                    "ECDSA on curve " + curve_label(g) + " is not supported (only secp256r1, secp384r1)");
}

KeyType ec_key_type(NamedGroup g) {
  return g == NamedGroup::secp384r1 ? KeyType::ecdsa_p384 : KeyType::ecdsa_p256;
}

// The P-256 group order n, big-endian.
constexpr std::uint8_t kP256Order[32] = {0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
                                         0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc,
                                         0x63, 0x25, 0x51};

bool below_p256_order(const Bytes& v) {
  return v.size() < 32 ||
         (v.size() == 32 && std::lexicographical_compare(v.begin(), v.end(), kP256Order, kP256Order + 32));
}

struct EcdsaVerifier final : VerifyingKey::Impl {
  NamedGroup curve = NamedGroup::secp256r1;
  // mbedTLS caches precomputed tables in the group, so operations mutate it; the
  // mutex keeps shared copies thread-safe.
  mutable mbedtls_ecp_group grp;
  mbedtls_ecp_point q;
  mutable std::mutex mu;
  bool p256 = false;  // verify with our P-256 (p256_ecdsa.hpp)
  p256::Affine p256_q{};

  EcdsaVerifier() {
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
  }
  ~EcdsaVerifier() override {
    mbedtls_ecp_group_free(&grp);
    mbedtls_ecp_point_free(&q);
  }
  EcdsaVerifier(const EcdsaVerifier&) = delete;
  EcdsaVerifier& operator=(const EcdsaVerifier&) = delete;

  std::size_t bits() const override { return curve == NamedGroup::secp384r1 ? 384 : 256; }
  NamedGroup ec_curve() const override { return curve; }
  core::Status verify(const SigAlgorithm& a, ByteView message, ByteView sig,
                      const SigLabel& what) const override {
    auto fail = [&](const std::string& why) { return make_error(Alert::decrypt_error, what.text() + " " + why); };
    auto decoded = ecdsa_sig_decode(sig);
    if (!decoded) return fail("is malformed: " + decoded.error().reason);
    Bytes h = digest(a.hash, message);
    if (p256) {
      // p256::verify checks the range too; these say which integer is out of it.
      if (!below_p256_order(decoded->r)) return fail("is invalid: r is not below the curve order");
      if (!below_p256_order(decoded->s)) return fail("is invalid: s is not below the curve order");
      if (!p256::verify(p256_q, h, decoded->r, decoded->s)) return fail("does not verify");
      return {};
    }
    return verify_mbedtls(h, *decoded, fail);
  }

  template <typename Fail>
  core::Status verify_mbedtls(const Bytes& h, const EcdsaSigValue& rs, const Fail& fail) const {
    std::lock_guard<std::mutex> lock(mu);
    Mpi r, s;
    if (mbedtls_mpi_read_binary(&r.v, rs.r.data(), rs.r.size()) != 0 ||
        mbedtls_mpi_read_binary(&s.v, rs.s.data(), rs.s.size()) != 0)
      return fail("has oversized integers");
    if (mbedtls_mpi_cmp_mpi(&r.v, &grp.N) >= 0) return fail("is invalid: r is not below the curve order");
    if (mbedtls_mpi_cmp_mpi(&s.v, &grp.N) >= 0) return fail("is invalid: s is not below the curve order");
    // The shared group already holds the table of multiples of G (see
    // ecp_group_cache.hpp); this key's own group would rebuild it every time.
    if (mbedtls_ecdsa_verify(warm_ecp_group(grp.id), h.data(), h.size(), &q, &r.v, &s.v) != 0)
      return fail("does not verify");
    return {};
  }
};

struct EcdsaSigner final : SigningKey::Impl {
  NamedGroup curve = NamedGroup::secp256r1;
  mutable mbedtls_ecp_group grp;
  mbedtls_mpi d;
  mutable std::mutex mu;
  SecretBytes p256_d;  // 32 bytes when our P-256 signs for this key

  EcdsaSigner() {
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&d);
  }
  ~EcdsaSigner() override {  // mbedTLS zeroises bignums as it frees them
    mbedtls_ecp_group_free(&grp);
    mbedtls_mpi_free(&d);
  }
  EcdsaSigner(const EcdsaSigner&) = delete;
  EcdsaSigner& operator=(const EcdsaSigner&) = delete;

  core::Result<Bytes> sign(const SigAlgorithm& a, ByteView message, Rng& rng,
                           const SignatureProvider&) const override {
    Bytes h = digest(a.hash, message);
    if (!p256_d.empty()) {
      // Same RFC 6979 nonce as mbedTLS, so the same signature. mbedTLS also draws
      // three 32-byte blinding values from rng; so do we, to keep seeded runs equal.
      std::uint8_t skip[32];
      for (int i = 0; i < 3; ++i) rng.fill(MutByteView(skip, 32));
      std::uint8_t r[32], s[32];
      p256::sign(r, s, p256_d.data(), a.hash, h);
      return ecdsa_sig_encode(ByteView(r, 32), ByteView(s, 32));
    }
    std::lock_guard<std::mutex> lock(mu);
    // RFC 6979: k is derived from the key and the digest; rng only blinds.
    Mpi r, s;
    int rc = mbedtls_ecdsa_sign_det_ext(warm_ecp_group(grp.id), &r.v, &s.v, &d, h.data(), h.size(),
                                        md_type(a.hash), rng_callback, &rng);
    if (rc != 0)
      return make_error(Alert::internal_error, "ECDSA signing failed (mbedTLS " + mbed_code(rc) + ")");
    return ecdsa_sig_encode(mpi_bytes(r.v), mpi_bytes(s.v));
  }
  SecretBytes ec_scalar() const override {
    SecretBytes out(curve_bytes(curve));
    mbedtls_mpi_write_binary(&d, out.data(), out.size());
    return out;
  }
  NamedGroup ec_curve() const override { return curve; }
};

// Q = d*G on mbedTLS, encoded 04‖X‖Y.
core::Result<Bytes> mbedtls_public_point(const EcdsaSigner& key, mbedtls_ecp_group_id id) {
  mbedtls_ecp_point q;
  mbedtls_ecp_point_init(&q);
  // The RNG only blinds the scalar multiplication; it does not change Q.
  // The shared group has the comb table of G; this key's own group would build
  // it here (about 1 ms for P-256 on a .p12 load).
  mbedtls_ecp_group* warm = warm_ecp_group(id);
  int rc = mbedtls_ecp_mul(warm, &q, &key.d, &warm->G, rng_callback, &system_rng());
  Bytes point(1 + 2 * curve_bytes(key.curve));
  std::size_t olen = 0;
  if (rc == 0)
    rc = mbedtls_ecp_point_write_binary(&key.grp, &q, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                        point.data(), point.size());
  mbedtls_ecp_point_free(&q);
  if (rc != 0) return make_error(Alert::internal_error, "ECDSA public key computation failed");
  return point;
}

// A private scalar drawn from rng (as mbedTLS 2.28 draws it, on either backend).
core::Result<SigningKey> generate_ec(NamedGroup g, Rng& rng) {
  GLASS_TRY(mbedtls_ecp_group_id id, curve_id(g));
  if (g == NamedGroup::secp256r1 && p256::native_enabled()) {
    SecretBytes scalar(32);
    if (!p256::generate_private(scalar.data(), rng))
      return make_error(Alert::internal_error, "EC key generation failed (no valid scalar drawn)");
    // mbedTLS draws two more 32-byte blinding values here; drawing them too
    // keeps a seeded Rng's stream the same on either backend.
    std::uint8_t skip[32];
    rng.fill(MutByteView(skip, 32));
    rng.fill(MutByteView(skip, 32));
    return SigningKey::ecdsa(g, scalar);
  }
  mbedtls_ecp_point q;
  mbedtls_ecp_point_init(&q);
  Mpi d;
  int rc = mbedtls_ecp_gen_keypair(warm_ecp_group(id), &d.v, &q, rng_callback, &rng);
  SecretBytes scalar(curve_bytes(g));
  if (rc == 0) rc = mbedtls_mpi_write_binary(&d.v, scalar.data(), scalar.size());
  mbedtls_ecp_point_free(&q);
  if (rc != 0) return make_error(Alert::internal_error, "EC key generation failed (mbedTLS " + mbed_code(rc) + ")");
  return SigningKey::ecdsa(g, scalar);
}

class EcdsaProvider final : public SigAlgorithmProvider {
 public:
  std::string_view name() const override { return "ECDSA (our P-256, mbedTLS ECP)"; }
  bool serves(KeyType t) const override { return t == KeyType::ecdsa_p256 || t == KeyType::ecdsa_p384; }
  core::Status fits(const SigAlgorithm& a, KeyType t) const override {
    if (a.kind != SigAlgorithm::Kind::ecdsa) return kind_mismatch(a, t);
    return {};
  }
  core::Result<SigningKey> generate(KeyType t, Rng& rng, std::size_t) const override {
    return generate_ec(t == KeyType::ecdsa_p256 ? NamedGroup::secp256r1 : NamedGroup::secp384r1, rng);
  }
};

}  // namespace

const SigAlgorithmProvider& ecdsa_provider() {
  static const EcdsaProvider p;
  return p;
}

core::Result<VerifyingKey> VerifyingKey::ecdsa(NamedGroup curve, ByteView point) {
  GLASS_TRY(mbedtls_ecp_group_id id, curve_id(curve));
  std::size_t cs = curve_bytes(curve);
  if (point.size() != 1 + 2 * cs || point[0] != 0x04)
    return make_error(Alert::illegal_parameter,
                      "ECDSA " + curve_label(curve) + " public key must be an uncompressed point (04‖X‖Y, " +
                          std::to_string(1 + 2 * cs) + " bytes), got " +
                          std::to_string(point.size()) + " bytes");
  auto impl = std::make_shared<EcdsaVerifier>();
  impl->curve = curve;
  if (mbedtls_ecp_group_load(&impl->grp, id) != 0)
    return make_error(Alert::internal_error, "cannot load curve " + curve_label(curve));
  if (mbedtls_ecp_point_read_binary(&impl->grp, &impl->q, point.data(), point.size()) != 0 ||
      mbedtls_ecp_check_pubkey(&impl->grp, &impl->q) != 0)
    return make_error(Alert::illegal_parameter,
                      "ECDSA public key is not a valid point on " + curve_label(curve));
  if (curve == NamedGroup::secp256r1 && p256::native_enabled()) {
    if (!p256::point_decode(impl->p256_q, point.data(), point.size()))
      return make_error(Alert::illegal_parameter,
                        "ECDSA public key is not a valid point on " + curve_label(curve));
    impl->p256 = true;
  }
  return VerifyingKey(ec_key_type(curve), core::to_bytes(point), std::move(impl));
}

core::Result<SigningKey> SigningKey::ecdsa(NamedGroup curve, ByteView scalar) {
  GLASS_TRY(mbedtls_ecp_group_id id, curve_id(curve));
  std::size_t z = 0;
  while (z < scalar.size() && scalar[z] == 0) ++z;
  ByteView d = scalar.subspan(z);
  if (d.size() > curve_bytes(curve))
    return make_error(Alert::illegal_parameter, "ECDSA private key is longer than the " +
                                                    curve_label(curve) + " order");
  auto impl = std::make_unique<EcdsaSigner>();
  impl->curve = curve;
  if (mbedtls_ecp_group_load(&impl->grp, id) != 0)
    return make_error(Alert::internal_error, "cannot load curve " + curve_label(curve));
  if (mbedtls_mpi_read_binary(&impl->d, d.data(), d.size()) != 0 ||
      mbedtls_ecp_check_privkey(&impl->grp, &impl->d) != 0)
    return make_error(Alert::illegal_parameter,
                      "ECDSA private key is not in 1..n-1 for " + curve_label(curve));
  Bytes point;
  if (curve == NamedGroup::secp256r1 && p256::native_enabled()) {
    impl->p256_d = SecretBytes(32);
    if (mbedtls_mpi_write_binary(&impl->d, impl->p256_d.data(), 32) != 0)
      return make_error(Alert::internal_error, "ECDSA private key export failed");
    point.resize(65);
    p256::public_key(point.data(), impl->p256_d.data());
  } else {
    GLASS_TRY(point, mbedtls_public_point(*impl, id));
  }
  GLASS_TRY(VerifyingKey pub, VerifyingKey::ecdsa(curve, point));
  return SigningKey(ec_key_type(curve), std::move(impl),
                    std::make_unique<VerifyingKey>(std::move(pub)));
}

}  // namespace glass::crypto
