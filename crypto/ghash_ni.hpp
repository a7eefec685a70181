#pragma once
// Shared inline helpers of the AES-NI / VAES GCM code (x86 only; included by
// aes_gcm_ni.cpp and aes_gcm_vaes.cpp, nowhere else).
#include <immintrin.h>

#include <cstdint>

// Every function that touches AES-NI/PCLMUL intrinsics carries the target
// attribute, so the rest of the build needs no -maes and runs on any x86-64.
#define GLASS_NI __attribute__((target("aes,pclmul,sse4.1,ssse3")))
#define GLASS_NI_INLINE __attribute__((target("aes,pclmul,sse4.1,ssse3"), always_inline)) inline

namespace glass::crypto::detail::ni {

using V = __m128i;

GLASS_NI_INLINE V load(const std::uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const V*>(p)); }
GLASS_NI_INLINE void store(std::uint8_t* p, V v) { _mm_storeu_si128(reinterpret_cast<V*>(p), v); }
GLASS_NI_INLINE V bswap_mask() {
  return _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}
GLASS_NI_INLINE V rev(V v) { return _mm_shuffle_epi8(v, bswap_mask()); }

// ---- GHASH -------------------------------------------------------------------
// Blocks are byte-reversed so bit 127 of the integer is GCM's x^0: the carry-less
// product of two such values is the field product reflected into 255 bits, which
// one left shift aligns before reduction by x^128 + x^7 + x^2 + x + 1. Products of
// several blocks are summed unreduced (shift and reduction are linear), so eight
// blocks cost one reduction.

struct Wide {
  V lo, mid, hi;  // Σ a0·b0, Σ (a0^a1)·(b0^b1), Σ a1·b1 (Karatsuba, fixed up in reduce)
};

GLASS_NI_INLINE Wide zero_wide() {
  return {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
}

GLASS_NI_INLINE V halves_xor(V v) { return _mm_xor_si128(v, _mm_srli_si128(v, 8)); }

// acc += a·h, where hk = halves_xor(h) is precomputed for the powers of H.
GLASS_NI_INLINE void mul_acc(Wide& acc, V a, V h, V hk) {
  acc.lo = _mm_xor_si128(acc.lo, _mm_clmulepi64_si128(a, h, 0x00));
  acc.hi = _mm_xor_si128(acc.hi, _mm_clmulepi64_si128(a, h, 0x11));
  acc.mid = _mm_xor_si128(acc.mid, _mm_clmulepi64_si128(halves_xor(a), hk, 0x00));
}

GLASS_NI_INLINE V reduce(const Wide& w) {
  const V mid = _mm_xor_si128(w.mid, _mm_xor_si128(w.lo, w.hi));
  V lo = _mm_xor_si128(w.lo, _mm_slli_si128(mid, 8));
  V hi = _mm_xor_si128(w.hi, _mm_srli_si128(mid, 8));
  // <hi:lo> <<= 1
  const V carry_lo = _mm_srli_epi32(lo, 31), carry_hi = _mm_srli_epi32(hi, 31);
  lo = _mm_slli_epi32(lo, 1);
  hi = _mm_slli_epi32(hi, 1);
  hi = _mm_or_si128(hi, _mm_or_si128(_mm_slli_si128(carry_hi, 4), _mm_srli_si128(carry_lo, 12)));
  lo = _mm_or_si128(lo, _mm_slli_si128(carry_lo, 4));
  // Fold the low half (the x^128..x^255 terms) into the high half in two steps.
  const V a = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi32(lo, 31), _mm_slli_epi32(lo, 30)),
                            _mm_slli_epi32(lo, 25));
  lo = _mm_xor_si128(lo, _mm_slli_si128(a, 12));
  V b = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi32(lo, 1), _mm_srli_epi32(lo, 2)),
                      _mm_srli_epi32(lo, 7));
  b = _mm_xor_si128(b, _mm_srli_si128(a, 4));
  return _mm_xor_si128(hi, _mm_xor_si128(lo, b));
}

GLASS_NI_INLINE V gf_mul(V a, V b) {
  Wide w = zero_wide();
  mul_acc(w, a, b, halves_xor(b));
  return reduce(w);
}

// y = (y ^ x[0])·H^n ^ x[1]·H^(n-1) ^ ... ^ x[n-1]·H, x already byte-reversed, n 1..8.
GLASS_NI_INLINE V ghash_n(V y, const V* x, int n, const V* hp, const V* hk) {
  Wide w = zero_wide();
  mul_acc(w, _mm_xor_si128(y, x[0]), hp[n - 1], hk[n - 1]);
  for (int i = 1; i < n; ++i) mul_acc(w, x[i], hp[n - 1 - i], hk[n - 1 - i]);
  return reduce(w);
}

GLASS_NI_INLINE V ghash_8(V y, const V* x, const V* hp, const V* hk) {
  Wide w = zero_wide();
  mul_acc(w, _mm_xor_si128(y, x[0]), hp[7], hk[7]);
#pragma GCC unroll 8
  for (int i = 1; i < 8; ++i) mul_acc(w, x[i], hp[7 - i], hk[7 - i]);
  return reduce(w);
}

}  // namespace glass::crypto::detail::ni
