#pragma once
// ML-KEM-768 (FIPS 203): key generation, encapsulation, decapsulation with
// implicit rejection, and the input checks of FIPS 203 7.2 / 7.3. Our own code
// (neither libsodium 1.0.18 nor mbedTLS 2.28 has ML-KEM), constant time in the
// secrets: no secret-dependent branches, memory indices or divisions.
#include <cstddef>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "crypto/random.hpp"

namespace glass::crypto::mlkem768 {

inline constexpr std::size_t kEncapsKeySize = 1184;  // 384k + 32
inline constexpr std::size_t kDecapsKeySize = 2400;  // 768k + 96
inline constexpr std::size_t kCiphertextSize = 1088;  // 32 (du k + dv)
inline constexpr std::size_t kSharedSecretSize = 32;

struct KeyPair {
  Bytes encaps_key;              // ek, public
  core::SecretBytes decaps_key;  // dk = dk_pke || ek || H(ek) || z
};

struct Encapsulation {
  Bytes ciphertext;
  core::SecretBytes shared_secret;
};

// ML-KEM.KeyGen_internal (FIPS 203 Algorithm 16): d and z are 32 bytes each;
// anything else aborts (caller bug).
KeyPair keygen_internal(ByteView d, ByteView z);
// ML-KEM.KeyGen: d and z drawn from the Rng.
KeyPair keygen(Rng& rng);

// FIPS 203 7.2: the length check and the modulus check (every 12-bit
// coefficient of t̂ below q). illegal_parameter with a reason on failure.
core::Status check_encaps_key(ByteView ek);
// FIPS 203 7.3: the length check and H(ek) stored in dk matches ek.
core::Status check_decaps_key(ByteView dk);

// ML-KEM.Encaps_internal (Algorithm 17) from a 32-byte m (m of another size
// aborts), after check_encaps_key.
core::Result<Encapsulation> encaps_internal(ByteView ek, ByteView m);
// ML-KEM.Encaps: m drawn from the Rng.
core::Result<Encapsulation> encaps(ByteView ek, Rng& rng);

// ML-KEM.Decaps (Algorithm 18, after the checks of 7.3). A ciphertext of the
// wrong length is illegal_parameter; a well-formed but wrong ciphertext gives
// the implicit-rejection key J(z || c), never an error.
core::Result<core::SecretBytes> decaps(ByteView dk, ByteView ct);

}  // namespace glass::crypto::mlkem768
