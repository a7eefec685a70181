#pragma once
// The seam behind SigningKey and VerifyingKey (internal to crypto/).
//
// Algorithms: each family lives in one file (sig_ed25519.cpp, sig_ecdsa.cpp,
// sig_rsa.cpp) and implements the key classes below plus a SigAlgorithmProvider;
// sig_registry.cpp is the one table that says which provider serves a KeyType.
// Adding an algorithm is a new sig_<name>.cpp and one line in that table.
//
// Randomness: a SignatureProvider says where a signature's salt and blinding come
// from. The standard one passes the caller's Rng to the library as it asks for bytes;
// the deterministic one (seeded runs, fuzz replays) makes each signature a function
// of the key, the message and a fixed number of bytes from the caller's Rng.
// signature_provider_for() is the switch: the Rng decides (Rng::deterministic()).
#include <mbedtls/bignum.h>
#include <mbedtls/md.h>

#include <optional>
#include <string>
#include <string_view>

#include "crypto/signature.hpp"

namespace glass::crypto {

// ------------------------------------------------------------- randomness

class SignatureProvider {
 public:
  virtual ~SignatureProvider() = default;
  virtual std::string_view name() const = 0;
  // The Rng a library private-key operation (mbedTLS RSA: PSS salt, base and
  // exponent blinding) draws from. `own` is per-signature storage the provider may
  // fill and return; it lives as long as the operation.
  virtual Rng& private_op_rng(Rng& caller, std::optional<SeededRng>& own) const = 0;
};

const SignatureProvider& standard_signature_provider();
const SignatureProvider& deterministic_signature_provider();
// Deterministic for a replayable Rng (SeededRng, FixedRng), standard otherwise.
const SignatureProvider& signature_provider_for(const Rng& rng);

// ------------------------------------------------------------- algorithms

// Names a signature in error reasons; the text is built only on failure.
struct SigLabel {
  const SigAlgorithm& alg;
  KeyType key;
  std::string text() const;
};

struct VerifyingKey::Impl {
  virtual ~Impl() = default;
  virtual std::size_t bits() const = 0;
  virtual NamedGroup ec_curve() const { return NamedGroup{0}; }
  virtual Bytes rsa_modulus() const { return {}; }
  virtual Bytes rsa_exponent() const { return {}; }
  // Called after the algorithm was checked against the key (check_kind). `what`
  // names the signature for decrypt_error reasons ("ECDSA with SHA-256 signature
  // by ECDSA P-256 key"), rendered only when one is needed.
  virtual core::Status verify(const SigAlgorithm& a, ByteView message, ByteView sig,
                              const SigLabel& what) const = 0;
};

struct SigningKey::Impl {
  virtual ~Impl() = default;
  // Called after check_kind; `rng` and `provider` as described above.
  virtual core::Result<Bytes> sign(const SigAlgorithm& a, ByteView message, Rng& rng,
                                   const SignatureProvider& provider) const = 0;
  virtual core::SecretBytes ed25519_seed() const { return {}; }
  virtual core::SecretBytes ec_scalar() const { return {}; }
  virtual RsaPrivateParts rsa_parts() const { return {}; }
  virtual NamedGroup ec_curve() const { return NamedGroup{0}; }
};

// One algorithm family: the key types it serves, which algorithms fit them, and
// key generation. Signing and verifying are the key classes' own.
class SigAlgorithmProvider {
 public:
  virtual ~SigAlgorithmProvider() = default;
  virtual std::string_view name() const = 0;
  virtual bool serves(KeyType t) const = 0;
  // Whether `a` can be computed with a key of type t (one this provider serves).
  virtual core::Status fits(const SigAlgorithm& a, KeyType t) const = 0;
  virtual core::Result<SigningKey> generate(KeyType t, Rng& rng, std::size_t rsa_bits) const = 0;
};

// sig_registry.cpp: the provider serving t; nullptr for a value no provider serves.
const SigAlgorithmProvider* sig_algorithm_provider(KeyType t);

// ------------------------------------------------------------- shared helpers (sig_common.cpp)

// mbedTLS's f_rng callback over an Rng.
int rng_callback(void* ctx, unsigned char* out, std::size_t n);
// "-0x4380"
std::string mbed_code(int rc);
// MBEDTLS_MD_NONE for a hash mbedTLS does not know.
mbedtls_md_type_t md_type(HashAlg h);
std::string hash_label(HashAlg h);
Bytes digest(HashAlg h, ByteView m);
// "ECDSA with SHA-384", "RSA-PSS (SHA-256, MGF1 SHA-256, salt 32)".
std::string alg_label(const SigAlgorithm& a);
// illegal_parameter "<alg> cannot be used with an <key type> key".
core::Error kind_mismatch(const SigAlgorithm& a, KeyType t);
Bytes strip_zeros(ByteView v);
Bytes mpi_bytes(const mbedtls_mpi& x);
void ensure_sodium();

// RAII holder so that every early return frees (and mbedTLS zeroises) a bignum.
struct Mpi {
  mbedtls_mpi v;
  Mpi() { mbedtls_mpi_init(&v); }
  ~Mpi() { mbedtls_mpi_free(&v); }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;
};

}  // namespace glass::crypto
