// Private key DER parsers (PKCS#8, encrypted PKCS#8, SEC1, PKCS#1). Encrypted keys
// are decrypted with the password "fuzz" only when their iteration count is small.
#include <cstddef>
#include <cstdint>

#include "x509/private_key.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace glass::x509;
  glass::core::ByteView in(data, size);
  (void)parse_pkcs8(in);
  (void)parse_sec1(in);
  (void)parse_pkcs1(in);
  auto alg = encrypted_pkcs8_algorithm(in);
  if (alg) {
    (void)alg->describe();
    // Re-encoding a parsed algorithm must parse back.
    if (!pbe::parse_algorithm(pbe::encode_algorithm(*alg))) __builtin_trap();
    if (alg->iterations > 4096) return 0;
  }
  auto k = parse_private_key_der(in, pbe::Password::utf8("fuzz"));
  if (k) {
    // Whatever parsed re-encodes and parses back to the same public key.
    auto der = encode_pkcs8(k->key);
    if (!der) __builtin_trap();
    auto back = parse_pkcs8(*der);
    if (!back || !back->public_key().same_key(k->key.public_key())) __builtin_trap();
  }
  return 0;
}
