#pragma once
// Which instruction-set paths the crypto layer may take on this machine. Read once
// (CPUID) on first use; the library fallbacks run when a flag is false.
namespace glass::crypto {

struct CpuFeatures {
  bool sha_ni = false;   // SHA-256 compression (SHA extensions + SSE4.1)
  bool aes_gcm = false;  // AES-NI + PCLMULQDQ + SSSE3/SSE4.1
  bool vaes = false;     // VAES + VPCLMULQDQ + AVX2 (256-bit AES-GCM path)
};

// What the crypto code uses: the CPU's features, all false when the library was
// built with GLASS_CRYPTO_FALLBACK or the environment variable GLASS_CRYPTO_FALLBACK
// is set to a non-empty value other than "0" (read once; the test suite runs a
// second time with it so both paths are exercised).
const CpuFeatures& cpu_features();
// The CPU's own answer, ignoring the fallback switches (for reports and benches).
const CpuFeatures& cpu_features_detected();
// True when the build or the environment forces the library paths.
bool crypto_fallback_forced();

}  // namespace glass::crypto
