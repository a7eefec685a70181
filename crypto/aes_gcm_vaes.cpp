#include "crypto/aes_gcm_vaes.hpp"

#if defined(__x86_64__) || defined(__i386__)

#include "crypto/ghash_ni.hpp"

#define GLASS_VAES __attribute__((target("aes,pclmul,sse4.1,ssse3,avx2,vaes,vpclmulqdq")))
#define GLASS_VAES_INLINE                                                                   \
  __attribute__((target("aes,pclmul,sse4.1,ssse3,avx2,vaes,vpclmulqdq"), always_inline)) \
  inline

namespace glass::crypto::detail {

namespace {

using namespace ni;
using Y = __m256i;

GLASS_VAES_INLINE Y load2(const std::uint8_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const Y*>(p));
}
GLASS_VAES_INLINE void store2(std::uint8_t* p, Y v) {
  _mm256_storeu_si256(reinterpret_cast<Y*>(p), v);
}
GLASS_VAES_INLINE Y rev2(Y v) {
  return _mm256_shuffle_epi8(v, _mm256_broadcastsi128_si256(bswap_mask()));
}

struct Wide2 {
  Y lo, mid, hi;  // per 128-bit lane, as Wide
};

GLASS_VAES_INLINE void mul_acc2(Wide2& acc, Y a, Y h, Y hk) {
  acc.lo = _mm256_xor_si256(acc.lo, _mm256_clmulepi64_epi128(a, h, 0x00));
  acc.hi = _mm256_xor_si256(acc.hi, _mm256_clmulepi64_epi128(a, h, 0x11));
  const Y a_halves = _mm256_xor_si256(a, _mm256_srli_si256(a, 8));
  acc.mid = _mm256_xor_si256(acc.mid, _mm256_clmulepi64_epi128(a_halves, hk, 0x00));
}

// The two lanes' sums added (GHASH terms are summed anyway), then one reduction.
GLASS_VAES_INLINE V lanes_xor(Y v) {
  return _mm_xor_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
}

GLASS_VAES_INLINE V fold_reduce(const Wide2& w) {
  return reduce(Wide{lanes_xor(w.lo), lanes_xor(w.mid), lanes_xor(w.hi)});
}

// Sixteen blocks as eight 256-bit vectors; as batch8 in aes_gcm_ni.cpp, the GHASH
// of sixteen ciphertext blocks (open: this batch's; seal: the previous batch's,
// kept in `pending`) runs between the AES rounds.
template <int Rounds, bool Seal, bool Hash>
GLASS_VAES_INLINE void batch16(const Y* rk, const Y* hd, const Y* hkd, Y& ctr2,
                               const std::uint8_t* in, std::uint8_t* out, V& y, Y* pending) {
  const Y two = _mm256_set_epi32(0, 0, 0, 2, 0, 0, 0, 2);
  Y b[8], d[8], hx[8];
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    b[i] = _mm256_xor_si256(rev2(ctr2), rk[0]);
    ctr2 = _mm256_add_epi32(ctr2, two);
    d[i] = load2(in + 32 * i);
    if (Hash) hx[i] = Seal ? pending[i] : rev2(d[i]);
  }
  Wide2 w{_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
  if (Hash) hx[0] = _mm256_xor_si256(hx[0], _mm256_set_m128i(_mm_setzero_si128(), y));
#pragma GCC unroll 14
  for (int r = 1; r < Rounds; ++r) {
#pragma GCC unroll 8
    for (int i = 0; i < 8; ++i) b[i] = _mm256_aesenc_epi128(b[i], rk[r]);
    if (Hash && r <= 8) mul_acc2(w, hx[r - 1], hd[r - 1], hkd[r - 1]);
  }
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    const Y o = _mm256_xor_si256(d[i], _mm256_aesenclast_epi128(b[i], rk[Rounds]));
    store2(out + 32 * i, o);
    if (Seal) pending[i] = rev2(o);
  }
  if (Hash) y = fold_reduce(w);
}

template <int Rounds, bool Seal>
GLASS_VAES_INLINE void bulk(const AesGcmNiKey& k, V* ctr, V* y, const std::uint8_t** in,
                            std::uint8_t** out, std::size_t* len) {
  // Round keys in both lanes, built per call rather than stored per key (the
  // key object lives in every connection; this costs 15 broadcasts per message).
  Y rk[15];
  const V* rk1 = reinterpret_cast<const V*>(k.round_keys);
  for (int i = 0; i <= Rounds; ++i) rk[i] = _mm256_broadcastsi128_si256(rk1[i]);
  const Y* hd = reinterpret_cast<const Y*>(k.h_desc);
  const Y* hkd = reinterpret_cast<const Y*>(k.hk_desc);
  // Lanes (low, high) = the next two counter blocks.
  Y ctr2 = _mm256_add_epi32(_mm256_broadcastsi128_si256(*ctr), _mm256_set_epi32(0, 0, 0, 2, 0, 0, 0, 1));
  Y pending[8];
  bool have_pending = false;
  std::uint32_t blocks = 0;
  while (*len >= 256) {
    if (Seal && !have_pending)
      batch16<Rounds, true, false>(rk, hd, hkd, ctr2, *in, *out, *y, pending);
    else
      batch16<Rounds, Seal, true>(rk, hd, hkd, ctr2, *in, *out, *y, pending);
    have_pending = true;
    blocks += 16;
    *in += 256;
    *out += 256;
    *len -= 256;
  }
  if (Seal && have_pending) {
    // The last batch's ciphertext, with no AES left to hide the multiplies behind.
    Wide2 w{_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
    pending[0] = _mm256_xor_si256(pending[0], _mm256_set_m128i(_mm_setzero_si128(), *y));
#pragma GCC unroll 8
    for (int i = 0; i < 8; ++i) mul_acc2(w, pending[i], hd[i], hkd[i]);
    *y = fold_reduce(w);
  }
  *ctr = _mm_add_epi32(*ctr, _mm_set_epi32(0, 0, 0, static_cast<int>(blocks)));
}

}  // namespace

GLASS_VAES void aes_gcm_vaes_bulk(const AesGcmNiKey& k, bool seal, __m128i* ctr, __m128i* y,
                                  const std::uint8_t** in, std::uint8_t** out,
                                  std::size_t* len) {
  if (k.rounds == 10) {
    if (seal)
      bulk<10, true>(k, ctr, y, in, out, len);
    else
      bulk<10, false>(k, ctr, y, in, out, len);
  } else {
    if (seal)
      bulk<14, true>(k, ctr, y, in, out, len);
    else
      bulk<14, false>(k, ctr, y, in, out, len);
  }
}

}  // namespace glass::crypto::detail

#endif
