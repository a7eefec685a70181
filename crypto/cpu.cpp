#include "crypto/cpu.hpp"

#include <cstdlib>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace glass::crypto {

namespace {

CpuFeatures detect() {
  CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(0, &a, &b, &c, &d) == 0) return f;
  const unsigned max_leaf = a;
  if (__get_cpuid(1, &a, &b, &c, &d) == 0) return f;
  const bool ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1, pclmul = (c >> 1) & 1,
             aesni = (c >> 25) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  bool ymm_state = false;
  if (osxsave && avx) {
    unsigned lo = 0, hi = 0;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    ymm_state = (lo & 6) == 6;  // the OS saves XMM and YMM registers
  }
  if (max_leaf >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    const bool sha = (b >> 29) & 1, avx2 = (b >> 5) & 1, vaes = (c >> 9) & 1,
               vpclmul = (c >> 10) & 1;
    f.sha_ni = sha && sse41 && ssse3;
    f.vaes = vaes && vpclmul && avx2 && ymm_state && aesni && pclmul && sse41;
  }
  f.aes_gcm = aesni && pclmul && ssse3 && sse41;
  if (!f.aes_gcm) f.vaes = false;
#endif
  return f;
}

#ifndef GLASS_CRYPTO_FALLBACK
bool env_forces_fallback() {
  const char* v = std::getenv("GLASS_CRYPTO_FALLBACK");
  return v != nullptr && v[0] != '\0' && !(v[0] == '0' && v[1] == '\0');
}
#endif

}  // namespace

bool crypto_fallback_forced() {
#ifdef GLASS_CRYPTO_FALLBACK
  return true;
#else
  static const bool forced = env_forces_fallback();
  return forced;
#endif
}

const CpuFeatures& cpu_features_detected() {
  static const CpuFeatures f = detect();
  return f;
}

const CpuFeatures& cpu_features() {
  static const CpuFeatures f = crypto_fallback_forced() ? CpuFeatures{} : cpu_features_detected();
  return f;
}

}  // namespace glass::crypto
