#include "crypto/sha1_ni.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define GLASS_SHA1_INLINE __attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline

namespace glass::crypto::detail {

namespace {

// sha1rnds4 runs four rounds on {A,B,C,D} with E (plus four message words) folded
// in by sha1nexte; E alternates between two registers. The schedule
// W[t] = rol1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) is built four words at a time:
// sha1msg1, then XOR, then sha1msg2, in the three groups before it is used.
struct Regs {
  __m128i abcd, e0, e1, w[4];
};

template <int G>
GLASS_SHA1_INLINE void group(Regs& r, const std::uint8_t* data) {
  const __m128i bswap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
  if (G < 4) {
    r.w[G] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * G)),
                              bswap);
  }
  __m128i& cur = r.w[G & 3];
  if (G == 0) {
    r.e0 = _mm_add_epi32(r.e0, cur);
    r.e1 = r.abcd;
    r.abcd = _mm_sha1rnds4_epu32(r.abcd, r.e0, 0);
    return;
  }
  __m128i& e_in = (G & 1) ? r.e1 : r.e0;
  __m128i& e_out = (G & 1) ? r.e0 : r.e1;
  e_in = _mm_sha1nexte_epu32(e_in, cur);
  e_out = r.abcd;
  if (G >= 3 && G <= 18) r.w[(G + 1) & 3] = _mm_sha1msg2_epu32(r.w[(G + 1) & 3], cur);
  r.abcd = _mm_sha1rnds4_epu32(r.abcd, e_in, G / 5);
  if (G >= 1 && G <= 16) r.w[(G + 3) & 3] = _mm_sha1msg1_epu32(r.w[(G + 3) & 3], cur);
  if (G >= 2 && G <= 17) r.w[(G + 2) & 3] = _mm_xor_si128(r.w[(G + 2) & 3], cur);
}

template <int G>
GLASS_SHA1_INLINE void groups(Regs& r, const std::uint8_t* data) {
  group<G>(r, data);
  if constexpr (G < 19) groups<G + 1>(r, data);
}

}  // namespace

__attribute__((target("sha,sse4.1,ssse3"))) void sha1_ni_blocks(std::uint32_t state[5],
                                                                const std::uint8_t* data,
                                                                std::size_t blocks) {
  Regs r;
  r.abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1B);
  r.e0 = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abcd0 = r.abcd, e_saved = r.e0;
    groups<0>(r, data);
    // After group 19, e0 holds the E for the next block's first rounds.
    r.e0 = _mm_sha1nexte_epu32(r.e0, e_saved);
    r.abcd = _mm_add_epi32(r.abcd, abcd0);
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_shuffle_epi32(r.abcd, 0x1B));
  state[4] = static_cast<std::uint32_t>(_mm_extract_epi32(r.e0, 3));
}

}  // namespace glass::crypto::detail

#else

#include <cstdlib>

namespace glass::crypto::detail {
void sha1_ni_blocks(std::uint32_t*, const std::uint8_t*, std::size_t) { std::abort(); }
}  // namespace glass::crypto::detail

#endif
