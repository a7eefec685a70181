// RSA PKCS#1 v1.5 and RSASSA-PSS over mbedTLS (rsa/bignum only): keys from parts
// or generated, signing with the blinded CRT private operation, verification.
// The PSS salt and all blinding values come from the signature provider's Rng
// (sig_provider.hpp): the caller's in the standard provider, a per-signature
// stream in the deterministic one.
#include <mbedtls/rsa.h>

#include <mutex>

#include "crypto/sig_provider.hpp"

namespace glass::crypto {

using core::Alert;
using core::make_error;
using core::Status;

namespace {

// RSA moduli outside this range are refused: below 1024 bits is breakable, above
// 8192 is mbedTLS's MBEDTLS_MPI_MAX_SIZE.
constexpr std::size_t kMinRsaBits = 1024;
constexpr std::size_t kMaxRsaBits = 8192;

Status check_rsa_size(std::size_t bits) {
  if (bits < kMinRsaBits || bits > kMaxRsaBits)
    return make_error(Alert::illegal_parameter,
                      "RSA modulus of " + std::to_string(bits) + " bits is outside the supported " +
                          std::to_string(kMinRsaBits) + ".." + std::to_string(kMaxRsaBits) +
                          " range");
  return {};
}

// An mbedTLS RSA context and the mutex that guards it: mbedTLS caches RN and the
// blinding values in the context, so operations mutate it.
struct RsaContext {
  mutable mbedtls_rsa_context rsa;
  mutable std::mutex mu;
  RsaContext() { mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE); }
  ~RsaContext() { mbedtls_rsa_free(&rsa); }
  RsaContext(const RsaContext&) = delete;
  RsaContext& operator=(const RsaContext&) = delete;
};

// All eight values of a private context; empty parts if mbedTLS cannot export them.
RsaPrivateParts export_parts(const mbedtls_rsa_context& rsa) {
  RsaPrivateParts parts;
  Mpi n, p, q, d, e, dp, dq, qp;
  if (mbedtls_rsa_export(&rsa, &n.v, &p.v, &q.v, &d.v, &e.v) != 0 ||
      mbedtls_rsa_export_crt(&rsa, &dp.v, &dq.v, &qp.v) != 0)
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

struct RsaVerifier final : VerifyingKey::Impl, RsaContext {
  std::size_t bits() const override { return mbedtls_mpi_bitlen(&rsa.N); }
  // N and E are never modified after import.
  Bytes rsa_modulus() const override { return mpi_bytes(rsa.N); }
  Bytes rsa_exponent() const override { return mpi_bytes(rsa.E); }

  Status verify(const SigAlgorithm& a, ByteView message, ByteView sig,
                const SigLabel& what) const override {
    Bytes h = digest(a.hash, message);
    std::lock_guard<std::mutex> lock(mu);
    // mbedTLS reads exactly modulus-size bytes, so the length is checked first.
    std::size_t k = mbedtls_rsa_get_len(&rsa);
    if (sig.size() != k)
      return make_error(Alert::decrypt_error, what.text() + " has " + std::to_string(sig.size()) +
                                                  " bytes, expected " + std::to_string(k) +
                                                  " (the modulus size)");
    int rc;
    if (a.kind == SigAlgorithm::Kind::rsa_pkcs1) {
      mbedtls_rsa_set_padding(&rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
      rc = mbedtls_rsa_rsassa_pkcs1_v15_verify(&rsa, nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                               md_type(a.hash), 0, h.data(), sig.data());
    } else {
      if (md_type(a.mgf1_hash) == MBEDTLS_MD_NONE || a.salt_len > k)
        return make_error(Alert::illegal_parameter, "invalid RSA-PSS parameters");
      mbedtls_rsa_set_padding(&rsa, MBEDTLS_RSA_PKCS_V21, md_type(a.mgf1_hash));
      rc = mbedtls_rsa_rsassa_pss_verify_ext(&rsa, nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                             md_type(a.hash), 0, h.data(), md_type(a.mgf1_hash),
                                             static_cast<int>(a.salt_len), sig.data());
    }
    if (rc != 0)
      return make_error(Alert::decrypt_error, what.text() + " does not verify (mbedTLS " + mbed_code(rc) + ")");
    return {};
  }
};

struct RsaSigner final : SigningKey::Impl, RsaContext {
  core::Result<Bytes> sign(const SigAlgorithm& a, ByteView message, Rng& rng,
                           const SignatureProvider& provider) const override {
    Bytes h = digest(a.hash, message);
    std::lock_guard<std::mutex> lock(mu);
    Bytes sig(mbedtls_rsa_get_len(&rsa));
    if (a.kind == SigAlgorithm::Kind::rsa_pss &&
        (md_type(a.mgf1_hash) == MBEDTLS_MD_NONE || a.salt_len + h.size() + 2 > sig.size()))
      return make_error(Alert::illegal_parameter,
                        "RSA-PSS salt of " + std::to_string(a.salt_len) + " bytes with " +
                            hash_label(a.hash) + " does not fit a " +
                            std::to_string(mbedtls_mpi_bitlen(&rsa.N)) + "-bit key");
    std::optional<SeededRng> own;
    Rng& op_rng = provider.private_op_rng(rng, own);
    int rc;
    if (a.kind == SigAlgorithm::Kind::rsa_pkcs1) {
      mbedtls_rsa_set_padding(&rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
      rc = mbedtls_rsa_rsassa_pkcs1_v15_sign(&rsa, rng_callback, &op_rng, MBEDTLS_RSA_PRIVATE,
                                             md_type(a.hash), 0, h.data(), sig.data());
    } else {
      // PSS: mbedTLS takes the MGF1 hash from the context's padding setting.
      mbedtls_rsa_set_padding(&rsa, MBEDTLS_RSA_PKCS_V21, md_type(a.mgf1_hash));
      rc = mbedtls_rsa_rsassa_pss_sign_ext(&rsa, rng_callback, &op_rng, md_type(a.hash), 0,
                                           h.data(), static_cast<int>(a.salt_len), sig.data());
    }
    if (rc != 0)
      return make_error(Alert::internal_error, alg_label(a) + " signing failed (mbedTLS " + mbed_code(rc) + ")");
    return sig;
  }

  RsaPrivateParts rsa_parts() const override {
    std::lock_guard<std::mutex> lock(mu);
    return export_parts(rsa);
  }
};

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

// Given CRT values must agree with the ones mbedTLS derived from p, q and d.
Status check_given_crt(const mbedtls_rsa_context& rsa, const RsaPrivateParts& parts) {
  Mpi dp, dq, qp;
  if (mbedtls_rsa_export_crt(&rsa, &dp.v, &dq.v, &qp.v) != 0)
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
      return make_error(Alert::illegal_parameter, std::string("RSA private key CRT parameter ") +
                                                      c.name + " does not match p, q and d");
  }
  return {};
}

// The slow path: p, q (if given) and d, with mbedTLS deriving what is missing.
Status import_deriving(mbedtls_rsa_context& rsa, const RsaPrivateParts& parts) {
  auto ptr = [](const Bytes& b) { return b.empty() ? nullptr : b.data(); };
  if (mbedtls_rsa_import_raw(&rsa, ptr(parts.n), parts.n.size(), ptr(parts.p), parts.p.size(),
                             ptr(parts.q), parts.q.size(), ptr(parts.d), parts.d.size(),
                             ptr(parts.e), parts.e.size()) != 0)
    return make_error(Alert::illegal_parameter, "RSA private key parts cannot be imported");
  if (mbedtls_rsa_complete(&rsa) != 0)
    return make_error(Alert::illegal_parameter,
                      "RSA private key is inconsistent (p, q, d do not fit n and e)");
  GLASS_CHECK(check_rsa_size(mbedtls_mpi_bitlen(&rsa.N)));
  if (mbedtls_rsa_check_privkey(&rsa) != 0)
    return make_error(Alert::illegal_parameter,
                      "RSA private key fails its consistency check (n != p*q or d*e != 1)");
  return check_given_crt(rsa, parts);
}

class RsaProvider final : public SigAlgorithmProvider {
 public:
  std::string_view name() const override { return "RSA PKCS#1 v1.5 and PSS (mbedTLS)"; }
  bool serves(KeyType t) const override { return t == KeyType::rsa || t == KeyType::rsa_pss; }
  Status fits(const SigAlgorithm& a, KeyType t) const override {
    if (a.kind == SigAlgorithm::Kind::rsa_pkcs1 && t == KeyType::rsa_pss)
      return make_error(Alert::illegal_parameter,
                        "an RSA-PSS (id-RSASSA-PSS) key may only make RSA-PSS signatures, "
                        "not " + alg_label(a) + " (RFC 4055 section 1.2)");
    if (a.kind != SigAlgorithm::Kind::rsa_pkcs1 && a.kind != SigAlgorithm::Kind::rsa_pss)
      return kind_mismatch(a, t);
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
  core::Result<SigningKey> generate(KeyType t, Rng& rng, std::size_t bits) const override {
    if (bits < kMinRsaBits || bits > kMaxRsaBits || bits % 2 != 0)
      return make_error(Alert::illegal_parameter,
                        "RSA key size must be even and in " + std::to_string(kMinRsaBits) + ".." +
                            std::to_string(kMaxRsaBits) + " bits, got " + std::to_string(bits));
    RsaContext ctx;
    int rc = mbedtls_rsa_gen_key(&ctx.rsa, rng_callback, &rng, static_cast<unsigned>(bits), 65537);
    if (rc != 0)
      return make_error(Alert::internal_error, "RSA key generation failed (mbedTLS " + mbed_code(rc) + ")");
    // Through the parts, so a generated key is checked and held like an imported one.
    RsaPrivateParts parts = export_parts(ctx.rsa);
    return SigningKey::rsa(parts, t == KeyType::rsa_pss);
  }
};

}  // namespace

const SigAlgorithmProvider& rsa_provider() {
  static const RsaProvider p;
  return p;
}

RsaPrivateParts::~RsaPrivateParts() {
  for (Bytes* b : {&n, &e, &d, &p, &q, &dp, &dq, &qinv}) core::secure_wipe(*b);
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
  auto impl = std::make_shared<RsaVerifier>();
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

core::Result<SigningKey> SigningKey::rsa(const RsaPrivateParts& parts, bool pss_only) {
  if (parts.n.empty() || parts.e.empty() || parts.d.empty())
    return make_error(Alert::illegal_parameter, "RSA private key lacks n, e or d");
  if (parts.n.size() > kMaxRsaBits / 8 + 1)
    return make_error(Alert::illegal_parameter,
                      "RSA modulus of " + std::to_string(parts.n.size()) + " bytes is too large");
  auto impl = std::make_unique<RsaSigner>();
  if (!import_with_crt(impl->rsa, parts)) {
    impl = std::make_unique<RsaSigner>();
    GLASS_CHECK(import_deriving(impl->rsa, parts));
  }
  GLASS_TRY(VerifyingKey pub, rsa_public_of(impl->rsa, pss_only));
  return SigningKey(pss_only ? KeyType::rsa_pss : KeyType::rsa, std::move(impl),
                    std::make_unique<VerifyingKey>(std::move(pub)));
}

}  // namespace glass::crypto
