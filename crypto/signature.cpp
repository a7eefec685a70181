// Signing and verifying keys: Ed25519 over libsodium, ECDSA and RSA over mbedTLS
// (ecp/ecdsa/rsa/bignum only). ECDSA signatures travel as DER, which we encode and
// decode ourselves (ecdsa_der.cpp).
#include "crypto/signature.hpp"

#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/rsa.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>

#include "crypto/ecdsa_der.hpp"
#include "crypto/ecp_group_cache.hpp"
#include "crypto/p256_ecdsa.hpp"

namespace glass::crypto {

using core::Alert;
using core::make_error;
using core::SecretBytes;
using core::Status;

namespace {

// RSA moduli outside this range are refused: below 1024 bits is breakable, above
// 8192 is mbedTLS's MBEDTLS_MPI_MAX_SIZE.
constexpr std::size_t kMinRsaBits = 1024;
constexpr std::size_t kMaxRsaBits = 8192;

void ensure_sodium() {
  static const int ok = sodium_init();
  (void)ok;  // 0 or 1 (already initialised); -1 cannot happen on Linux
}

// mbedTLS's f_rng callback backed by our injected Rng.
int rng_callback(void* ctx, unsigned char* out, std::size_t n) {
  static_cast<Rng*>(ctx)->fill(MutByteView(out, n));
  return 0;
}

std::string mbed_code(int rc) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-0x%04x", static_cast<unsigned>(-rc));
  return buf;
}

mbedtls_md_type_t md_type(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return MBEDTLS_MD_SHA1;
    case HashAlg::sha256: return MBEDTLS_MD_SHA256;
    case HashAlg::sha384: return MBEDTLS_MD_SHA384;
    case HashAlg::sha512: return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

std::string hash_label(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return "SHA-1";
    case HashAlg::sha256: return "SHA-256";
    case HashAlg::sha384: return "SHA-384";
    case HashAlg::sha512: return "SHA-512";
  }
  return "unknown hash";
}

Bytes digest(HashAlg h, ByteView m) {
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md_type(h));
  Bytes out(mbedtls_md_get_size(info));
  mbedtls_md(info, m.data(), m.size(), out.data());
  return out;
}

// "ECDSA with SHA-384", "RSA-PSS (SHA-256, MGF1 SHA-256, salt 32)".
std::string alg_label(const SigAlgorithm& a) {
  switch (a.kind) {
    case SigAlgorithm::Kind::ed25519: return "Ed25519";
    case SigAlgorithm::Kind::ecdsa: return "ECDSA with " + hash_label(a.hash);
    case SigAlgorithm::Kind::rsa_pkcs1: return "RSA PKCS#1 v1.5 with " + hash_label(a.hash);
    case SigAlgorithm::Kind::rsa_pss:
      return "RSA-PSS (" + hash_label(a.hash) + ", MGF1 " + hash_label(a.mgf1_hash) +
             ", salt " + std::to_string(a.salt_len) + ")";
  }
  return "unknown algorithm";
}

// Whether algorithm a can be computed with a key of type t at all.
Status check_kind(const SigAlgorithm& a, KeyType t) {
  bool fits = false;
  switch (a.kind) {
    case SigAlgorithm::Kind::ed25519: fits = t == KeyType::ed25519; break;
    case SigAlgorithm::Kind::ecdsa:
      fits = t == KeyType::ecdsa_p256 || t == KeyType::ecdsa_p384;
      break;
    case SigAlgorithm::Kind::rsa_pkcs1:
      if (t == KeyType::rsa_pss)
        return make_error(Alert::illegal_parameter,
                          "an RSA-PSS (id-RSASSA-PSS) key may only make RSA-PSS signatures, "
                          "not " + alg_label(a) + " (RFC 4055 section 1.2)");
      fits = t == KeyType::rsa;
      break;
    case SigAlgorithm::Kind::rsa_pss: fits = t == KeyType::rsa || t == KeyType::rsa_pss; break;
  }
  if (!fits)
    return make_error(Alert::illegal_parameter, alg_label(a) + " cannot be used with an " +
                                                    std::string(key_type_name(t)) + " key");
  if (a.kind != SigAlgorithm::Kind::ed25519 && md_type(a.hash) == MBEDTLS_MD_NONE)
    return make_error(Alert::illegal_parameter, "unknown hash algorithm in signature algorithm");
  // mbedTLS 2.28 hashes M' with the MGF1 hash (rsa.c, rsa_rsassa_pss_sign and
  // hash_mprime), which is only right when both hashes agree. Refuse rather than
  // make or accept signatures no one else computes the same way. TLS never mixes
  // them; X.509 RSASSA-PSS-params practically never do.
  if (a.kind == SigAlgorithm::Kind::rsa_pss && a.mgf1_hash != a.hash)
    return make_error(Alert::illegal_parameter,
                      "RSA-PSS with MGF1 " + hash_label(a.mgf1_hash) + " and message hash " +
                          hash_label(a.hash) + " is not supported (the hashes must match)");
  return {};
}

Status check_scheme(SignatureScheme s, KeyType t) {
  // Version-neutral check (TLS 1.2 rules); TLS 1.3 callers also ask scheme_fits_key.
  if (!scheme_fits_key(s, t, /*tls13=*/false))
    return make_error(Alert::illegal_parameter, "signature scheme " + name_of(s) +
                                                    " cannot be used with an " +
                                                    std::string(key_type_name(t)) + " key");
  return {};
}

Bytes strip_zeros(ByteView v) {
  std::size_t z = 0;
  while (z < v.size() && v[z] == 0) ++z;
  return Bytes(v.begin() + static_cast<std::ptrdiff_t>(z), v.end());
}

Bytes mpi_bytes(const mbedtls_mpi& x) {
  Bytes out(mbedtls_mpi_size(&x));
  mbedtls_mpi_write_binary(&x, out.data(), out.size());
  return out;
}

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

// RAII holders so that every early return frees (and mbedTLS zeroises) bignums.
struct Mpi {
  mbedtls_mpi v;
  Mpi() { mbedtls_mpi_init(&v); }
  ~Mpi() { mbedtls_mpi_free(&v); }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;
};

struct Rsa {
  mbedtls_rsa_context ctx;
  Rsa() { mbedtls_rsa_init(&ctx, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE); }
  ~Rsa() { mbedtls_rsa_free(&ctx); }
  Rsa(const Rsa&) = delete;
  Rsa& operator=(const Rsa&) = delete;
};

Status check_rsa_size(std::size_t bits) {
  if (bits < kMinRsaBits || bits > kMaxRsaBits)
    return make_error(Alert::illegal_parameter,
                      "RSA modulus of " + std::to_string(bits) + " bits is outside the supported " +
                          std::to_string(kMinRsaBits) + ".." + std::to_string(kMaxRsaBits) +
                          " range");
  return {};
}

}  // namespace

RsaPrivateParts::~RsaPrivateParts() {
  for (Bytes* b : {&n, &e, &d, &p, &q, &dp, &dq, &qinv}) core::secure_wipe(*b);
}

// ---------------------------------------------------------------- VerifyingKey

struct VerifyingKey::Impl {
  std::uint8_t ed_pk[32] = {};
  NamedGroup curve = NamedGroup::secp256r1;
  // mbedTLS caches precomputed tables in the group and RN in the RSA context, so
  // operations mutate them; the mutex keeps shared copies thread-safe.
  mutable mbedtls_ecp_group grp;
  mbedtls_ecp_point q;
  mutable mbedtls_rsa_context rsa;
  mutable std::mutex mu;
  // secp256r1 keys made while our P-256 is enabled verify with it (p256_ecdsa.hpp).
  bool p256 = false;
  p256::Affine p256_q{};

  Impl() {
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
  }
  ~Impl() {
    mbedtls_ecp_group_free(&grp);
    mbedtls_ecp_point_free(&q);
    mbedtls_rsa_free(&rsa);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

VerifyingKey::VerifyingKey(KeyType t, Bytes identity, std::shared_ptr<const Impl> impl)
    : type_(t), identity_(std::move(identity)), impl_(std::move(impl)) {}
VerifyingKey::VerifyingKey(const VerifyingKey&) = default;
VerifyingKey& VerifyingKey::operator=(const VerifyingKey&) = default;
VerifyingKey::VerifyingKey(VerifyingKey&&) noexcept = default;
VerifyingKey& VerifyingKey::operator=(VerifyingKey&&) noexcept = default;
VerifyingKey::~VerifyingKey() = default;

core::Result<VerifyingKey> VerifyingKey::ed25519(ByteView pk) {
  if (pk.size() != 32)
    return make_error(Alert::illegal_parameter, "Ed25519 public key must be 32 bytes, got " +
                                                    std::to_string(pk.size()));
  auto impl = std::make_shared<Impl>();
  std::copy(pk.begin(), pk.end(), impl->ed_pk);
  return VerifyingKey(KeyType::ed25519, core::to_bytes(pk), std::move(impl));
}

core::Result<VerifyingKey> VerifyingKey::ecdsa(NamedGroup curve, ByteView point) {
  GLASS_TRY(mbedtls_ecp_group_id id, curve_id(curve));
  std::size_t cs = curve_bytes(curve);
  if (point.size() != 1 + 2 * cs || point[0] != 0x04)
    return make_error(Alert::illegal_parameter,
                      "ECDSA " + curve_label(curve) + " public key must be an uncompressed point (04‖X‖Y, " +
                          std::to_string(1 + 2 * cs) + " bytes), got " +
                          std::to_string(point.size()) + " bytes");
  auto impl = std::make_shared<Impl>();
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

core::Result<VerifyingKey> VerifyingKey::rsa(ByteView n_in, ByteView e_in, bool pss_only) {
  Bytes n = strip_zeros(n_in), e = strip_zeros(e_in);
  if (n.empty() || e.empty())
    return make_error(Alert::illegal_parameter, "RSA public key has a zero modulus or exponent");
  if (n.size() > kMaxRsaBits / 8)
    return make_error(Alert::illegal_parameter,
                      "RSA modulus of " + std::to_string(n.size()) + " bytes is too large");
  // A huge exponent makes each verification cost as much as a private-key operation.
  if (e.size() > 4)
    return make_error(Alert::illegal_parameter, "RSA public exponent of " +
                                                    std::to_string(e.size()) +
                                                    " bytes is too large (below 2^32 accepted)");
  auto impl = std::make_shared<Impl>();
  if (mbedtls_rsa_import_raw(&impl->rsa, n.data(), n.size(), nullptr, 0, nullptr, 0, nullptr, 0,
                             e.data(), e.size()) != 0 ||
      mbedtls_rsa_complete(&impl->rsa) != 0)
    return make_error(Alert::illegal_parameter, "RSA public key cannot be imported");
  GLASS_CHECK(check_rsa_size(mbedtls_mpi_bitlen(&impl->rsa.N)));
  if (mbedtls_rsa_check_pubkey(&impl->rsa) != 0)
    return make_error(Alert::illegal_parameter,
                      "RSA public key is invalid (the modulus must be odd; the exponent odd, "
                      "at least 3 and below the modulus)");
  // identity = len(n) as 2 bytes ‖ n ‖ e: unambiguous, leading zeros removed.
  Bytes id{static_cast<std::uint8_t>(n.size() >> 8), static_cast<std::uint8_t>(n.size())};
  core::append(id, n);
  core::append(id, e);
  return VerifyingKey(pss_only ? KeyType::rsa_pss : KeyType::rsa, std::move(id), std::move(impl));
}

std::size_t VerifyingKey::bits() const {
  switch (type_) {
    case KeyType::ed25519: return 256;
    case KeyType::ecdsa_p256: return 256;
    case KeyType::ecdsa_p384: return 384;
    case KeyType::rsa:
    case KeyType::rsa_pss: return mbedtls_mpi_bitlen(&impl_->rsa.N);
  }
  return 0;
}

Bytes VerifyingKey::raw_public() const {
  if (type_ == KeyType::rsa || type_ == KeyType::rsa_pss) return {};
  return identity_;  // the Ed25519 key or the uncompressed EC point
}

NamedGroup VerifyingKey::ec_curve() const {
  if (type_ != KeyType::ecdsa_p256 && type_ != KeyType::ecdsa_p384) return NamedGroup{0};
  return impl_->curve;
}

Bytes VerifyingKey::rsa_modulus() const {
  if (type_ != KeyType::rsa && type_ != KeyType::rsa_pss) return {};
  return mpi_bytes(impl_->rsa.N);  // N and E are never modified after import
}

Bytes VerifyingKey::rsa_exponent() const {
  if (type_ != KeyType::rsa && type_ != KeyType::rsa_pss) return {};
  return mpi_bytes(impl_->rsa.E);
}

Status VerifyingKey::verify(SignatureScheme s, ByteView message, ByteView signature) const {
  GLASS_TRY(SigAlgorithm alg, sig_algorithm(s));
  GLASS_CHECK(check_scheme(s, type_));
  return verify(alg, message, signature);
}

Status VerifyingKey::verify(const SigAlgorithm& alg, ByteView message, ByteView sig) const {
  GLASS_CHECK(check_kind(alg, type_));
  const std::string what = alg_label(alg) + " signature by " + std::string(key_type_name(type_)) + " key";
  auto fail = [&](const std::string& why) {
    return make_error(Alert::decrypt_error, what + " " + why);
  };

  if (alg.kind == SigAlgorithm::Kind::ed25519) {
    ensure_sodium();
    if (sig.size() != crypto_sign_BYTES)
      return fail("has " + std::to_string(sig.size()) + " bytes, expected 64");
    if (crypto_sign_verify_detached(sig.data(), message.data(), message.size(), impl_->ed_pk) != 0)
      return fail("does not verify");
    return {};
  }

  Bytes h = digest(alg.hash, message);
  if (alg.kind == SigAlgorithm::Kind::ecdsa && impl_->p256) {
    auto decoded = ecdsa_sig_decode(sig);
    if (!decoded) return fail("is malformed: " + decoded.error().reason);
    // verify() checks the range too; these say which integer is out of it.
    const std::uint8_t n[32] = {0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff,
                                0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
                                0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc,
                                0x63, 0x25, 0x51};
    auto below_n = [&](const Bytes& v) {
      return v.size() < 32 || (v.size() == 32 && std::lexicographical_compare(
                                                     v.begin(), v.end(), n, n + 32));
    };
    if (!below_n(decoded->r)) return fail("is invalid: r is not below the curve order");
    if (!below_n(decoded->s)) return fail("is invalid: s is not below the curve order");
    if (!p256::verify(impl_->p256_q, h, decoded->r, decoded->s)) return fail("does not verify");
    return {};
  }
  std::lock_guard<std::mutex> lock(impl_->mu);

  if (alg.kind == SigAlgorithm::Kind::ecdsa) {
    auto decoded = ecdsa_sig_decode(sig);
    if (!decoded) return fail("is malformed: " + decoded.error().reason);
    Mpi r, s;
    if (mbedtls_mpi_read_binary(&r.v, decoded->r.data(), decoded->r.size()) != 0 ||
        mbedtls_mpi_read_binary(&s.v, decoded->s.data(), decoded->s.size()) != 0)
      return fail("has oversized integers");
    if (mbedtls_mpi_cmp_mpi(&r.v, &impl_->grp.N) >= 0)
      return fail("is invalid: r is not below the curve order");
    if (mbedtls_mpi_cmp_mpi(&s.v, &impl_->grp.N) >= 0)
      return fail("is invalid: s is not below the curve order");
    // The shared group already holds the table of multiples of G (see
    // ecp_group_cache.hpp); this key's own group would rebuild it every time.
    if (mbedtls_ecdsa_verify(warm_ecp_group(impl_->grp.id), h.data(), h.size(), &impl_->q, &r.v,
                             &s.v) != 0)
      return fail("does not verify");
    return {};
  }

  // RSA: mbedTLS reads exactly modulus-size bytes, so the length is checked first.
  std::size_t k = mbedtls_rsa_get_len(&impl_->rsa);
  if (sig.size() != k)
    return fail("has " + std::to_string(sig.size()) + " bytes, expected " + std::to_string(k) +
                " (the modulus size)");
  int rc;
  if (alg.kind == SigAlgorithm::Kind::rsa_pkcs1) {
    mbedtls_rsa_set_padding(&impl_->rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
    rc = mbedtls_rsa_rsassa_pkcs1_v15_verify(&impl_->rsa, nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                             md_type(alg.hash), 0, h.data(), sig.data());
  } else {
    if (md_type(alg.mgf1_hash) == MBEDTLS_MD_NONE || alg.salt_len > k)
      return make_error(Alert::illegal_parameter, "invalid RSA-PSS parameters");
    mbedtls_rsa_set_padding(&impl_->rsa, MBEDTLS_RSA_PKCS_V21, md_type(alg.mgf1_hash));
    rc = mbedtls_rsa_rsassa_pss_verify_ext(&impl_->rsa, nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                           md_type(alg.hash), 0, h.data(),
                                           md_type(alg.mgf1_hash),
                                           static_cast<int>(alg.salt_len), sig.data());
  }
  if (rc != 0) return fail("does not verify (mbedTLS " + mbed_code(rc) + ")");
  return {};
}

// ------------------------------------------------------------------ SigningKey

struct SigningKey::Impl {
  SecretBytes ed_sk;  // libsodium's 64-byte secret key: seed ‖ public key
  NamedGroup curve = NamedGroup::secp256r1;
  mutable mbedtls_ecp_group grp;
  mbedtls_mpi d;
  mutable mbedtls_rsa_context rsa;
  mutable std::mutex mu;
  SecretBytes p256_d;  // 32 bytes when our P-256 signs for this key

  Impl() {
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&d);
    mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
  }
  ~Impl() {  // mbedTLS zeroises bignums as it frees them
    mbedtls_ecp_group_free(&grp);
    mbedtls_mpi_free(&d);
    mbedtls_rsa_free(&rsa);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

SigningKey::SigningKey(KeyType t, std::unique_ptr<Impl> impl, std::unique_ptr<VerifyingKey> pub)
    : type_(t), impl_(std::move(impl)), public_(std::move(pub)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

core::Result<SigningKey> SigningKey::ed25519(ByteView seed) {
  if (seed.size() != crypto_sign_SEEDBYTES)
    return make_error(Alert::illegal_parameter, "Ed25519 private key (seed) must be 32 bytes, got " +
                                                    std::to_string(seed.size()));
  ensure_sodium();
  auto impl = std::make_unique<Impl>();
  impl->ed_sk = SecretBytes(crypto_sign_SECRETKEYBYTES);
  std::uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, impl->ed_sk.data(), seed.data());
  GLASS_TRY(VerifyingKey pub, VerifyingKey::ed25519(ByteView(pk, sizeof pk)));
  return SigningKey(KeyType::ed25519, std::move(impl),
                    std::make_unique<VerifyingKey>(std::move(pub)));
}

core::Result<SigningKey> SigningKey::ecdsa(NamedGroup curve, ByteView scalar) {
  GLASS_TRY(mbedtls_ecp_group_id id, curve_id(curve));
  std::size_t z = 0;
  while (z < scalar.size() && scalar[z] == 0) ++z;
  ByteView d = scalar.subspan(z);
  if (d.size() > curve_bytes(curve))
    return make_error(Alert::illegal_parameter, "ECDSA private key is longer than the " +
                                                    curve_label(curve) + " order");
  auto impl = std::make_unique<Impl>();
  impl->curve = curve;
  if (mbedtls_ecp_group_load(&impl->grp, id) != 0)
    return make_error(Alert::internal_error, "cannot load curve " + curve_label(curve));
  if (mbedtls_mpi_read_binary(&impl->d, d.data(), d.size()) != 0 ||
      mbedtls_ecp_check_privkey(&impl->grp, &impl->d) != 0)
    return make_error(Alert::illegal_parameter,
                      "ECDSA private key is not in 1..n-1 for " + curve_label(curve));
  if (curve == NamedGroup::secp256r1 && p256::native_enabled()) {
    impl->p256_d = SecretBytes(32);
    if (mbedtls_mpi_write_binary(&impl->d, impl->p256_d.data(), 32) != 0)
      return make_error(Alert::internal_error, "ECDSA private key export failed");
    std::uint8_t point[65];
    p256::public_key(point, impl->p256_d.data());
    GLASS_TRY(VerifyingKey pub, VerifyingKey::ecdsa(curve, ByteView(point, sizeof point)));
    return SigningKey(ec_key_type(curve), std::move(impl),
                      std::make_unique<VerifyingKey>(std::move(pub)));
  }
  mbedtls_ecp_point q;
  mbedtls_ecp_point_init(&q);
  // The RNG only blinds the scalar multiplication; it does not change Q.
  // The shared group has the comb table of G; this key's own group would build
  // it here (about 1 ms for P-256 on a .p12 load).
  mbedtls_ecp_group* warm = warm_ecp_group(id);
  int rc = mbedtls_ecp_mul(warm, &q, &impl->d, &warm->G, rng_callback, &system_rng());
  Bytes point(1 + 2 * curve_bytes(curve));
  std::size_t olen = 0;
  if (rc == 0)
    rc = mbedtls_ecp_point_write_binary(&impl->grp, &q, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                        point.data(), point.size());
  mbedtls_ecp_point_free(&q);
  if (rc != 0) return make_error(Alert::internal_error, "ECDSA public key computation failed");
  GLASS_TRY(VerifyingKey pub, VerifyingKey::ecdsa(curve, point));
  return SigningKey(ec_key_type(curve), std::move(impl),
                    std::make_unique<VerifyingKey>(std::move(pub)));
}

namespace {

// Builds the public half of a completed private RSA context.
core::Result<VerifyingKey> rsa_public_of(const mbedtls_rsa_context& ctx, bool pss_only) {
  Mpi n, e;
  if (mbedtls_rsa_export(&ctx, &n.v, nullptr, nullptr, nullptr, &e.v) != 0)
    return make_error(Alert::internal_error, "RSA public key export failed");
  return VerifyingKey::rsa(mpi_bytes(n.v), mpi_bytes(e.v), pss_only);
}

// Fast path for keys that carry all five private values (every PKCS#1 file):
// mbedtls_rsa_complete would re-derive dP, dQ and qInv with a modular inversion
// (a 2048-bit key took ~355 µs to load that way, ~30 µs this way). Taken as
// given, they are still checked: mbedtls_rsa_check_privkey tests n = p·q,
// d·e ≡ 1, dP ≡ d mod p-1, dQ ≡ d mod q-1 and qInv·q ≡ 1 mod p; the range
// checks keep the reduced form DER files have.
// False leaves `rsa` half-filled; the caller then takes the deriving path, whose
// errors name the value that is wrong.
bool import_with_crt(mbedtls_rsa_context& rsa, const RsaPrivateParts& parts) {
  if (parts.p.empty() || parts.q.empty() || parts.dp.empty() || parts.dq.empty() ||
      parts.qinv.empty())
    return false;
  if (mbedtls_rsa_import_raw(&rsa, parts.n.data(), parts.n.size(), parts.p.data(),
                             parts.p.size(), parts.q.data(), parts.q.size(), parts.d.data(),
                             parts.d.size(), parts.e.data(), parts.e.size()) != 0 ||
      mbedtls_mpi_read_binary(&rsa.DP, parts.dp.data(), parts.dp.size()) != 0 ||
      mbedtls_mpi_read_binary(&rsa.DQ, parts.dq.data(), parts.dq.size()) != 0 ||
      mbedtls_mpi_read_binary(&rsa.QP, parts.qinv.data(), parts.qinv.size()) != 0)
    return false;
  rsa.len = mbedtls_mpi_size(&rsa.N);
  return mbedtls_mpi_cmp_mpi(&rsa.DP, &rsa.P) < 0 && mbedtls_mpi_cmp_mpi(&rsa.DQ, &rsa.Q) < 0 &&
         mbedtls_mpi_cmp_mpi(&rsa.QP, &rsa.P) < 0 &&
         check_rsa_size(mbedtls_mpi_bitlen(&rsa.N)).ok() && mbedtls_rsa_check_privkey(&rsa) == 0;
}

}  // namespace

core::Result<SigningKey> SigningKey::rsa(const RsaPrivateParts& parts, bool pss_only) {
  auto ptr = [](const Bytes& b) { return b.empty() ? nullptr : b.data(); };
  auto impl = std::make_unique<Impl>();
  if (parts.n.empty() || parts.e.empty() || parts.d.empty())
    return make_error(Alert::illegal_parameter, "RSA private key lacks n, e or d");
  if (parts.n.size() > kMaxRsaBits / 8 + 1)
    return make_error(Alert::illegal_parameter,
                      "RSA modulus of " + std::to_string(parts.n.size()) + " bytes is too large");
  if (import_with_crt(impl->rsa, parts)) {
    GLASS_TRY(VerifyingKey pub, rsa_public_of(impl->rsa, pss_only));
    return SigningKey(pss_only ? KeyType::rsa_pss : KeyType::rsa, std::move(impl),
                      std::make_unique<VerifyingKey>(std::move(pub)));
  }
  impl = std::make_unique<Impl>();
  if (mbedtls_rsa_import_raw(&impl->rsa, ptr(parts.n), parts.n.size(), ptr(parts.p),
                             parts.p.size(), ptr(parts.q), parts.q.size(), ptr(parts.d),
                             parts.d.size(), ptr(parts.e), parts.e.size()) != 0)
    return make_error(Alert::illegal_parameter, "RSA private key parts cannot be imported");
  if (mbedtls_rsa_complete(&impl->rsa) != 0)
    return make_error(Alert::illegal_parameter,
                      "RSA private key is inconsistent (p, q, d do not fit n and e)");
  GLASS_CHECK(check_rsa_size(mbedtls_mpi_bitlen(&impl->rsa.N)));
  if (mbedtls_rsa_check_privkey(&impl->rsa) != 0)
    return make_error(Alert::illegal_parameter,
                      "RSA private key fails its consistency check (n != p*q or d*e != 1)");
  // Given CRT values must agree with the ones mbedTLS derived from p, q and d.
  {
    Mpi dp, dq, qp;
    if (mbedtls_rsa_export_crt(&impl->rsa, &dp.v, &dq.v, &qp.v) != 0)
      return make_error(Alert::internal_error, "RSA CRT export failed");
    const struct { const Bytes& given; const mbedtls_mpi& derived; const char* name; } crt[] = {
        {parts.dp, dp.v, "dP (exponent1)"},
        {parts.dq, dq.v, "dQ (exponent2)"},
        {parts.qinv, qp.v, "qInv (coefficient)"}};
    for (const auto& c : crt) {
      if (c.given.empty()) continue;
      Bytes got = mpi_bytes(c.derived);
      Bytes want = strip_zeros(c.given);
      bool same = core::ct_equal(got, want);
      core::secure_wipe(got);
      core::secure_wipe(want);
      if (!same)
        return make_error(Alert::illegal_parameter,
                          std::string("RSA private key CRT parameter ") + c.name +
                              " does not match p, q and d");
    }
  }
  GLASS_TRY(VerifyingKey pub, rsa_public_of(impl->rsa, pss_only));
  return SigningKey(pss_only ? KeyType::rsa_pss : KeyType::rsa, std::move(impl),
                    std::make_unique<VerifyingKey>(std::move(pub)));
}

core::Result<SigningKey> SigningKey::generate(KeyType t, Rng& rng, std::size_t rsa_bits) {
  switch (t) {
    case KeyType::ed25519: {
      SecretBytes seed(32);
      rng.fill(seed.mut());
      return ed25519(seed);
    }
    case KeyType::ecdsa_p256:
    case KeyType::ecdsa_p384: {
      NamedGroup g = t == KeyType::ecdsa_p256 ? NamedGroup::secp256r1 : NamedGroup::secp384r1;
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
        return ecdsa(g, scalar);
      }
      mbedtls_ecp_point q;
      mbedtls_ecp_point_init(&q);
      Mpi d;
      int rc = mbedtls_ecp_gen_keypair(warm_ecp_group(id), &d.v, &q, rng_callback, &rng);
      SecretBytes scalar(curve_bytes(g));
      if (rc == 0) rc = mbedtls_mpi_write_binary(&d.v, scalar.data(), scalar.size());
      mbedtls_ecp_point_free(&q);
      if (rc != 0) return make_error(Alert::internal_error, "EC key generation failed (mbedTLS " + mbed_code(rc) + ")");
      return ecdsa(g, scalar);
    }
    case KeyType::rsa:
    case KeyType::rsa_pss: {
      if (rsa_bits < kMinRsaBits || rsa_bits > kMaxRsaBits || rsa_bits % 2 != 0)
        return make_error(Alert::illegal_parameter,
                          "RSA key size must be even and in " + std::to_string(kMinRsaBits) +
                              ".." + std::to_string(kMaxRsaBits) + " bits, got " +
                              std::to_string(rsa_bits));
      auto impl = std::make_unique<Impl>();
      int rc = mbedtls_rsa_gen_key(&impl->rsa, rng_callback, &rng,
                                   static_cast<unsigned>(rsa_bits), 65537);
      if (rc != 0)
        return make_error(Alert::internal_error, "RSA key generation failed (mbedTLS " + mbed_code(rc) + ")");
      bool pss = t == KeyType::rsa_pss;
      GLASS_TRY(VerifyingKey pub, rsa_public_of(impl->rsa, pss));
      return SigningKey(t, std::move(impl), std::make_unique<VerifyingKey>(std::move(pub)));
    }
  }
  return make_error(Alert::internal_error, "unknown key type");
}

core::Result<Bytes> SigningKey::sign(SignatureScheme s, ByteView message, Rng& rng) const {
  GLASS_TRY(SigAlgorithm alg, sig_algorithm(s));
  GLASS_CHECK(check_scheme(s, type_));
  return sign(alg, message, rng);
}

core::Result<Bytes> SigningKey::sign(const SigAlgorithm& alg, ByteView message, Rng& rng) const {
  GLASS_CHECK(check_kind(alg, type_));
  if (alg.kind == SigAlgorithm::Kind::ed25519) {
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), impl_->ed_sk.data());
    return sig;
  }

  Bytes h = digest(alg.hash, message);
  if (alg.kind == SigAlgorithm::Kind::ecdsa && !impl_->p256_d.empty()) {
    // Same RFC 6979 nonce as mbedTLS, so the same signature. mbedTLS also draws
    // three 32-byte blinding values from rng; so do we, to keep seeded runs equal.
    std::uint8_t skip[32];
    for (int i = 0; i < 3; ++i) rng.fill(MutByteView(skip, 32));
    std::uint8_t r[32], s[32];
    p256::sign(r, s, impl_->p256_d.data(), alg.hash, h);
    return ecdsa_sig_encode(ByteView(r, 32), ByteView(s, 32));
  }
  std::lock_guard<std::mutex> lock(impl_->mu);

  if (alg.kind == SigAlgorithm::Kind::ecdsa) {
    // RFC 6979: k is derived from the key and the digest; rng only blinds.
    Mpi r, s;
    int rc = mbedtls_ecdsa_sign_det_ext(warm_ecp_group(impl_->grp.id), &r.v, &s.v, &impl_->d, h.data(), h.size(),
                                        md_type(alg.hash), rng_callback, &rng);
    if (rc != 0)
      return make_error(Alert::internal_error, "ECDSA signing failed (mbedTLS " + mbed_code(rc) + ")");
    return ecdsa_sig_encode(mpi_bytes(r.v), mpi_bytes(s.v));
  }

  Bytes sig(mbedtls_rsa_get_len(&impl_->rsa));
  int rc;
  if (alg.kind == SigAlgorithm::Kind::rsa_pkcs1) {
    mbedtls_rsa_set_padding(&impl_->rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
    rc = mbedtls_rsa_rsassa_pkcs1_v15_sign(&impl_->rsa, rng_callback, &rng, MBEDTLS_RSA_PRIVATE,
                                           md_type(alg.hash), 0, h.data(), sig.data());
  } else {
    // PSS: mbedTLS takes the MGF1 hash from the context's padding setting.
    if (md_type(alg.mgf1_hash) == MBEDTLS_MD_NONE ||
        alg.salt_len + h.size() + 2 > sig.size())
      return make_error(Alert::illegal_parameter,
                        "RSA-PSS salt of " + std::to_string(alg.salt_len) + " bytes with " +
                            hash_label(alg.hash) + " does not fit a " +
                            std::to_string(public_->bits()) + "-bit key");
    mbedtls_rsa_set_padding(&impl_->rsa, MBEDTLS_RSA_PKCS_V21, md_type(alg.mgf1_hash));
    rc = mbedtls_rsa_rsassa_pss_sign_ext(&impl_->rsa, rng_callback, &rng, md_type(alg.hash), 0,
                                         h.data(), static_cast<int>(alg.salt_len), sig.data());
  }
  if (rc != 0)
    return make_error(Alert::internal_error, alg_label(alg) + " signing failed (mbedTLS " + mbed_code(rc) + ")");
  return sig;
}

SecretBytes SigningKey::ed25519_seed() const {
  if (type_ != KeyType::ed25519) return {};
  return SecretBytes(impl_->ed_sk.view().first(crypto_sign_SEEDBYTES));
}

SecretBytes SigningKey::ec_scalar() const {
  if (type_ != KeyType::ecdsa_p256 && type_ != KeyType::ecdsa_p384) return {};
  SecretBytes out(curve_bytes(impl_->curve));
  mbedtls_mpi_write_binary(&impl_->d, out.data(), out.size());
  return out;
}

RsaPrivateParts SigningKey::rsa_parts() const {
  RsaPrivateParts parts;
  if (type_ != KeyType::rsa && type_ != KeyType::rsa_pss) return parts;
  std::lock_guard<std::mutex> lock(impl_->mu);
  Mpi n, p, q, d, e, dp, dq, qp;
  if (mbedtls_rsa_export(&impl_->rsa, &n.v, &p.v, &q.v, &d.v, &e.v) != 0 ||
      mbedtls_rsa_export_crt(&impl_->rsa, &dp.v, &dq.v, &qp.v) != 0)
    return parts;
  parts.n = mpi_bytes(n.v);
  parts.e = mpi_bytes(e.v);
  parts.d = mpi_bytes(d.v);
  parts.p = mpi_bytes(p.v);
  parts.q = mpi_bytes(q.v);
  parts.dp = mpi_bytes(dp.v);
  parts.dq = mpi_bytes(dq.v);
  parts.qinv = mpi_bytes(qp.v);
  return parts;
}

NamedGroup SigningKey::ec_curve() const {
  // Only meaningful for ECDSA keys; others get a value no curve uses.
  if (type_ != KeyType::ecdsa_p256 && type_ != KeyType::ecdsa_p384) return NamedGroup{0};
  return impl_->curve;
}

}  // namespace glass::crypto
