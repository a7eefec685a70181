#pragma once
// Signatures for TLS (CertificateVerify, ServerKeyExchange) and X.509:
// Ed25519 (libsodium), ECDSA P-256/P-384 (mbedTLS ECP, DER-encoded signatures
// encoded/decoded by us), RSA PKCS#1 v1.5 and RSASSA-PSS (mbedTLS RSA).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/random.hpp"

namespace glass::crypto {

// TLS SignatureScheme code points (RFC 8446 4.2.3).
enum class SignatureScheme : std::uint16_t {
  rsa_pkcs1_sha1 = 0x0201,
  ecdsa_sha1 = 0x0203,
  rsa_pkcs1_sha256 = 0x0401,
  rsa_pkcs1_sha384 = 0x0501,
  rsa_pkcs1_sha512 = 0x0601,
  ecdsa_secp256r1_sha256 = 0x0403,
  ecdsa_secp384r1_sha384 = 0x0503,
  ecdsa_secp521r1_sha512 = 0x0603,
  rsa_pss_rsae_sha256 = 0x0804,
  rsa_pss_rsae_sha384 = 0x0805,
  rsa_pss_rsae_sha512 = 0x0806,
  ed25519 = 0x0807,
  ed448 = 0x0808,
  rsa_pss_pss_sha256 = 0x0809,
  rsa_pss_pss_sha384 = 0x080a,
  rsa_pss_pss_sha512 = 0x080b,
};

// "ecdsa_secp256r1_sha256", or "unknown(0x1234)".
std::string name_of(SignatureScheme s);
bool scheme_supported(SignatureScheme s);

enum class KeyType : std::uint8_t {
  rsa,         // rsaEncryption keys
  rsa_pss,     // id-RSASSA-PSS keys (only rsa_pss_pss_* schemes)
  ecdsa_p256,
  ecdsa_p384,
  ed25519,
};
std::string_view key_type_name(KeyType t);  // "ECDSA P-256"

// How a signature is computed, independent of TLS code points; X.509 needs
// combinations TLS forbids (e.g. ecdsa-with-SHA384 by a P-256 key).
struct SigAlgorithm {
  enum class Kind : std::uint8_t { rsa_pkcs1, rsa_pss, ecdsa, ed25519 } kind;
  HashAlg hash = HashAlg::sha256;  // ignored for ed25519
  HashAlg mgf1_hash = HashAlg::sha256;  // PSS only
  std::size_t salt_len = 32;            // PSS only
};

// The algorithm a TLS scheme stands for; illegal_parameter for unsupported ones.
core::Result<SigAlgorithm> sig_algorithm(SignatureScheme s);
// Whether a key of type t may produce scheme s in TLS 1.3 (curve bound to hash, PSS
// rules of RFC 8446 4.2.3). TLS 1.2 callers pass tls13 = false (ECDSA curve not bound,
// rsa_pkcs1 allowed).
bool scheme_fits_key(SignatureScheme s, KeyType t, bool tls13);

struct RsaPrivateParts {
  Bytes n, e, d, p, q, dp, dq, qinv;  // big-endian unsigned; dp/dq/qinv may be empty
  ~RsaPrivateParts();
};

class VerifyingKey {
 public:
  static core::Result<VerifyingKey> ed25519(ByteView public_key32);
  // Uncompressed point 04‖X‖Y on secp256r1 / secp384r1.
  static core::Result<VerifyingKey> ecdsa(NamedGroup curve, ByteView point);
  // Big-endian modulus and exponent; pss_only for id-RSASSA-PSS keys.
  static core::Result<VerifyingKey> rsa(ByteView n, ByteView e, bool pss_only = false);
  VerifyingKey(const VerifyingKey&);
  VerifyingKey& operator=(const VerifyingKey&);
  VerifyingKey(VerifyingKey&&) noexcept;
  VerifyingKey& operator=(VerifyingKey&&) noexcept;
  ~VerifyingKey();

  KeyType type() const { return type_; }
  std::size_t bits() const;
  // Canonical public key bytes for "same key?" checks: the Ed25519 key, the EC point,
  // or for RSA len(n) as 2 bytes ‖ n ‖ e (no leading zeros; the length keeps it unambiguous).
  const Bytes& identity() const { return identity_; }
  bool same_key(const VerifyingKey& o) const { return type_ == o.type_ && identity_ == o.identity_; }
  // Components for key writers (SubjectPublicKeyInfo): Ed25519 key or EC point,
  // the EC curve, and the RSA modulus/exponent (big-endian, no leading zeros).
  Bytes raw_public() const;
  NamedGroup ec_curve() const;
  Bytes rsa_modulus() const;
  Bytes rsa_exponent() const;

  // decrypt_error when the signature does not verify; illegal_parameter when the
  // algorithm cannot apply to this key.
  // RSA-PSS requires mgf1_hash == hash (mbedTLS 2.28 limit; illegal_parameter otherwise).
  core::Status verify(const SigAlgorithm& alg, ByteView message, ByteView signature) const;
  // Checks the scheme against the key with the TLS 1.2 rules of scheme_fits_key; TLS 1.3
  // callers must also check scheme_fits_key(s, type(), true) (curve bound to hash).
  core::Status verify(SignatureScheme s, ByteView message, ByteView signature) const;

  struct Impl;

 private:
  VerifyingKey(KeyType t, Bytes identity, std::shared_ptr<const Impl> impl);
  KeyType type_;
  Bytes identity_;
  std::shared_ptr<const Impl> impl_;
};

class SigningKey {
 public:
  static core::Result<SigningKey> ed25519(ByteView seed32);
  // Big-endian private scalar on secp256r1 / secp384r1.
  static core::Result<SigningKey> ecdsa(NamedGroup curve, ByteView scalar);
  static core::Result<SigningKey> rsa(const RsaPrivateParts& parts, bool pss_only = false);
  static core::Result<SigningKey> generate(KeyType t, Rng& rng, std::size_t rsa_bits = 2048);
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  ~SigningKey();

  KeyType type() const { return type_; }
  const VerifyingKey& public_key() const { return *public_; }

  // ECDSA signatures are deterministic (RFC 6979); PSS salts and blinding come from
  // rng, and a replayable rng (rng.deterministic()) selects the deterministic signature
  // provider (sig_provider.hpp). The scheme form applies the same TLS 1.2 key check as
  // VerifyingKey::verify.
  core::Result<Bytes> sign(const SigAlgorithm& alg, ByteView message, Rng& rng) const;
  core::Result<Bytes> sign(SignatureScheme s, ByteView message, Rng& rng) const;

  // Private material for key writers (PKCS#8, PKCS#12). Callers wipe what they copy.
  // Each returns empty (or NamedGroup{0}) for a key of another type.
  core::SecretBytes ed25519_seed() const;  // 32 bytes
  core::SecretBytes ec_scalar() const;     // curve-size big-endian
  RsaPrivateParts rsa_parts() const;       // all eight fields filled
  NamedGroup ec_curve() const;

  struct Impl;

 private:
  SigningKey(KeyType t, std::unique_ptr<Impl> impl, std::unique_ptr<VerifyingKey> pub);
  KeyType type_;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<VerifyingKey> public_;
};

}  // namespace glass::crypto
