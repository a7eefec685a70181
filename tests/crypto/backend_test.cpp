// Which code runs where: our SHA-NI / AES-NI paths when the CPU has the
// instructions, the libraries when it does not or when the fallback is forced
// (GLASS_CRYPTO_FALLBACK at build time, or in the environment as the ctest
// crypto_fallback sets it).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "crypto/cpu.hpp"
#include "crypto/hash.hpp"

using namespace glass::crypto;

TEST_CASE("crypto: the fallback switch decides which SHA-256 runs") {
#ifdef GLASS_CRYPTO_FALLBACK
  CHECK(crypto_fallback_forced());  // built with -DGLASS_CRYPTO_FALLBACK=ON
#else
  const char* env = std::getenv("GLASS_CRYPTO_FALLBACK");
  const bool env_on = env != nullptr && std::string(env) != "" && std::string(env) != "0";
  CHECK(crypto_fallback_forced() == env_on);
#endif
  if (crypto_fallback_forced()) {
    CHECK_FALSE(cpu_features().sha_ni);
    CHECK_FALSE(cpu_features().aes_gcm);
    CHECK_FALSE(cpu_features().vaes);
    CHECK(sha256_backend() == "libsodium");
    CHECK(sha1_backend() == "mbedTLS");
  } else {
    CHECK(cpu_features().sha_ni == cpu_features_detected().sha_ni);
    CHECK(cpu_features().aes_gcm == cpu_features_detected().aes_gcm);
    CHECK(sha256_backend() == (cpu_features_detected().sha_ni ? "SHA-NI" : "libsodium"));
    CHECK(sha1_backend() == (cpu_features_detected().sha_ni ? "SHA-NI" : "mbedTLS"));
  }
  MESSAGE("SHA-256 on " << sha256_backend() << "; CPU: sha_ni=" << cpu_features_detected().sha_ni
                        << " aes_gcm=" << cpu_features_detected().aes_gcm
                        << " vaes=" << cpu_features_detected().vaes
                        << "; fallback forced=" << crypto_fallback_forced());
}
