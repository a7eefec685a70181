#include "crypto/aes_gcm_ni.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cstring>

#include "crypto/aes_gcm_vaes.hpp"
#include "crypto/cpu.hpp"
#include "crypto/ghash_ni.hpp"

namespace glass::crypto::detail {

namespace {

using namespace ni;

// ---- key expansion (FIPS 197 section 5.2) ----------------------------------

// w[i] ^= w[i-1] ^ w[i-2] ^ ... across the four words of the previous round key.
GLASS_NI_INLINE V prefix_xor(V k) {
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  return _mm_xor_si128(k, _mm_slli_si128(k, 4));
}

// aeskeygenassist takes the round constant as an immediate, hence the template.
template <int Rcon>
GLASS_NI_INLINE V next128(V prev) {
  const V t = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(prev, Rcon), 0xff);
  return _mm_xor_si128(prefix_xor(prev), t);
}

// AES-256: even round keys use RotWord+SubWord+Rcon of the last word of the
// previous odd key, odd ones SubWord only of the last word of the new even key.
template <int Rcon>
GLASS_NI_INLINE void next256(V* rk, int i) {
  V t = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[i - 1], Rcon), 0xff);
  rk[i] = _mm_xor_si128(prefix_xor(rk[i - 2]), t);
  if (i + 1 < 15) {
    t = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[i], 0), 0xaa);
    rk[i + 1] = _mm_xor_si128(prefix_xor(rk[i - 1]), t);
  }
}

GLASS_NI void expand_key(V* rk, const std::uint8_t* key, std::size_t key_len) {
  if (key_len == 16) {
    rk[0] = load(key);
    rk[1] = next128<0x01>(rk[0]);
    rk[2] = next128<0x02>(rk[1]);
    rk[3] = next128<0x04>(rk[2]);
    rk[4] = next128<0x08>(rk[3]);
    rk[5] = next128<0x10>(rk[4]);
    rk[6] = next128<0x20>(rk[5]);
    rk[7] = next128<0x40>(rk[6]);
    rk[8] = next128<0x80>(rk[7]);
    rk[9] = next128<0x1b>(rk[8]);
    rk[10] = next128<0x36>(rk[9]);
  } else {
    rk[0] = load(key);
    rk[1] = load(key + 16);
    next256<0x01>(rk, 2);
    next256<0x02>(rk, 4);
    next256<0x04>(rk, 6);
    next256<0x08>(rk, 8);
    next256<0x10>(rk, 10);
    next256<0x20>(rk, 12);
    next256<0x40>(rk, 14);
  }
}

template <int Rounds>
GLASS_NI_INLINE V encrypt1(const V* rk, V b) {
  b = _mm_xor_si128(b, rk[0]);
#pragma GCC unroll 14
  for (int r = 1; r < Rounds; ++r) b = _mm_aesenc_si128(b, rk[r]);
  return _mm_aesenclast_si128(b, rk[Rounds]);
}

// Hashes whole and then partial (zero-padded) blocks of data.
GLASS_NI_INLINE V ghash_bytes(V y, const std::uint8_t* p, std::size_t n, const V* hp,
                              const V* hk) {
  V x[8];
  while (n >= 128) {
    for (int i = 0; i < 8; ++i) x[i] = rev(load(p + 16 * i));
    y = ghash_8(y, x, hp, hk);
    p += 128;
    n -= 128;
  }
  int k = 0;
  while (n >= 16) {
    x[k++] = rev(load(p));
    p += 16;
    n -= 16;
  }
  if (n > 0) {
    alignas(16) std::uint8_t last[16] = {};
    std::memcpy(last, p, n);
    x[k++] = rev(load(last));
  }
  return k > 0 ? ghash_n(y, x, k, hp, hk) : y;
}

// ---- GCM ---------------------------------------------------------------------

// One batch of eight counter blocks. Hash: fold eight ciphertext blocks into y
// while the AES rounds run (open: this batch's input; seal: `pending`, the
// previous batch's output). Seal leaves this batch's ciphertext in `pending`.
template <int Rounds, bool Seal, bool Hash>
GLASS_NI_INLINE void batch8(const V* rk, const V* hp, const V* hk, V& ctr,
                            const std::uint8_t* in, std::uint8_t* out, V& y, V* pending) {
  const V one = _mm_set_epi32(0, 0, 0, 1);
  V b[8], d[8], hx[8];
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    ctr = _mm_add_epi32(ctr, one);
    b[i] = _mm_xor_si128(rev(ctr), rk[0]);
    d[i] = load(in + 16 * i);
    if (Hash) hx[i] = Seal ? pending[i] : rev(d[i]);
  }
  Wide w = zero_wide();
  if (Hash) hx[0] = _mm_xor_si128(hx[0], y);
#pragma GCC unroll 14
  for (int r = 1; r < Rounds; ++r) {
#pragma GCC unroll 8
    for (int i = 0; i < 8; ++i) b[i] = _mm_aesenc_si128(b[i], rk[r]);
    if (Hash && r <= 8) mul_acc(w, hx[r - 1], hp[8 - r], hk[8 - r]);
  }
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    const V o = _mm_xor_si128(d[i], _mm_aesenclast_si128(b[i], rk[Rounds]));
    store(out + 16 * i, o);
    if (Seal) pending[i] = rev(o);
  }
  if (Hash) y = reduce(w);
}

// Counter blocks are kept byte-reversed: the 32-bit big-endian counter of the
// block is then lane 0, so _mm_add_epi32 is GCM's inc32.
struct GcmRun {
  V j0;   // J0 (the tag's mask block), as stored
  V ctr;  // last counter used, byte-reversed
  V y;    // running GHASH, byte-reversed
};

GLASS_NI_INLINE GcmRun gcm_start(const AesGcmNiKey& key, const std::uint8_t* nonce,
                                 const std::uint8_t* aad, std::size_t aad_len) {
  alignas(16) std::uint8_t j0[16];
  std::memcpy(j0, nonce, 12);
  j0[12] = 0;
  j0[13] = 0;
  j0[14] = 0;
  j0[15] = 1;
  GcmRun g;
  g.j0 = load(j0);
  g.ctr = rev(g.j0);
  g.y = ghash_bytes(_mm_setzero_si128(), aad, aad_len, reinterpret_cast<const V*>(key.h_powers),
                    reinterpret_cast<const V*>(key.h_karatsuba));
  return g;
}

// En/decrypts len bytes, continuing the counter and the hash of `g`. Only the last
// piece of a message may end inside a block (its zero-padded tail is hashed).
template <int Rounds, bool Seal>
GLASS_NI void gcm_piece(const AesGcmNiKey& key, GcmRun& g, const std::uint8_t* in,
                        std::size_t len, std::uint8_t* out) {
  const V* rk = reinterpret_cast<const V*>(key.round_keys);
  const V* hp = reinterpret_cast<const V*>(key.h_powers);
  const V* hk = reinterpret_cast<const V*>(key.h_karatsuba);
  const V one = _mm_set_epi32(0, 0, 0, 1);
  V ctr = g.ctr, y = g.y;
  if (key.vaes && len >= 256) aes_gcm_vaes_bulk(key, Seal, &ctr, &y, &in, &out, &len);

  // Eight blocks per batch. GHASH runs between the AES rounds of a batch: on
  // open over the batch's own ciphertext, on seal over the previous batch's.
  V pending[8];
  bool have_pending = false;
  while (len >= 128) {
    if (Seal && !have_pending)
      batch8<Rounds, true, false>(rk, hp, hk, ctr, in, out, y, pending);
    else
      batch8<Rounds, Seal, true>(rk, hp, hk, ctr, in, out, y, pending);
    have_pending = true;
    in += 128;
    out += 128;
    len -= 128;
  }
  if (Seal && have_pending) y = ghash_8(y, pending, hp, hk);
  // Fewer than eight blocks left: one at a time, hashed together at the end.
  V x[8];
  int k = 0;
  while (len >= 16) {
    ctr = _mm_add_epi32(ctr, one);
    const V d = load(in);
    const V o = _mm_xor_si128(d, encrypt1<Rounds>(rk, rev(ctr)));
    store(out, o);
    x[k++] = rev(Seal ? o : d);
    in += 16;
    out += 16;
    len -= 16;
  }
  if (len > 0) {
    ctr = _mm_add_epi32(ctr, one);
    alignas(16) std::uint8_t buf[16] = {};
    std::memcpy(buf, in, len);
    const V d = load(buf);
    V o = _mm_xor_si128(d, encrypt1<Rounds>(rk, rev(ctr)));
    store(buf, o);
    std::memcpy(out, buf, len);
    std::memset(buf + len, 0, 16 - len);  // the hash covers the ciphertext zero-padded
    x[k++] = rev(Seal ? load(buf) : d);
  }
  if (k > 0) y = ghash_n(y, x, k, hp, hk);
  g.ctr = ctr;
  g.y = y;
}

template <int Rounds>
GLASS_NI_INLINE void gcm_tag(const AesGcmNiKey& key, const GcmRun& g, std::size_t aad_len,
                             std::size_t total, std::uint8_t* tag_out) {
  const V* rk = reinterpret_cast<const V*>(key.round_keys);
  const V* hp = reinterpret_cast<const V*>(key.h_powers);
  // Lengths block [len(A)]64 ‖ [len(C)]64 in bits; byte-reversed it is (len(A), len(C))
  // as the (high, low) 64-bit halves.
  const V lengths = _mm_set_epi64x(static_cast<long long>(aad_len * 8),
                                   static_cast<long long>(total * 8));
  const V y = gf_mul(_mm_xor_si128(g.y, lengths), hp[0]);
  store(tag_out, _mm_xor_si128(rev(y), encrypt1<Rounds>(rk, g.j0)));
}

template <int Rounds, bool Seal>
GLASS_NI void gcm_crypt(const AesGcmNiKey& key, const std::uint8_t* nonce,
                        const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* in,
                        std::size_t len, std::uint8_t* out, std::uint8_t* tag_out) {
  GcmRun g = gcm_start(key, nonce, aad, aad_len);
  gcm_piece<Rounds, Seal>(key, g, in, len, out);
  gcm_tag<Rounds>(key, g, aad_len, len, tag_out);
}

// head ‖ tail sealed to out without joining them first: head's whole blocks
// straight from head, then its last partial block and the tail moved to their
// place in out (at most 15 bytes of head; tail not at all when it is already
// there) and sealed in place.
template <int Rounds>
GLASS_NI void gcm_seal2(const AesGcmNiKey& key, const std::uint8_t* nonce,
                        const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* head,
                        std::size_t head_len, const std::uint8_t* tail, std::size_t tail_len,
                        std::uint8_t* out, std::uint8_t* tag_out) {
  GcmRun g = gcm_start(key, nonce, aad, aad_len);
  const std::size_t whole = head_len & ~std::size_t{15};
  gcm_piece<Rounds, true>(key, g, head, whole, out);
  std::uint8_t* rest = out + whole;
  if (tail_len != 0 && out + head_len != tail) std::memmove(out + head_len, tail, tail_len);
  if (head_len != whole && rest != head + whole) std::memmove(rest, head + whole, head_len - whole);
  gcm_piece<Rounds, true>(key, g, rest, head_len - whole + tail_len, rest);
  gcm_tag<Rounds>(key, g, aad_len, head_len + tail_len, tag_out);
}

}  // namespace

GLASS_NI void aes_gcm_ni_init(AesGcmNiKey& k, const std::uint8_t* key, std::size_t key_len) {
  V* rk = reinterpret_cast<V*>(k.round_keys);
  expand_key(rk, key, key_len);
  k.rounds = key_len == 16 ? 10 : 14;
  const V h = rev(k.rounds == 10 ? encrypt1<10>(rk, _mm_setzero_si128())
                                 : encrypt1<14>(rk, _mm_setzero_si128()));
  V* hp = reinterpret_cast<V*>(k.h_powers);
  V* hk = reinterpret_cast<V*>(k.h_karatsuba);
  V pow[16];
  pow[0] = h;
  // H^(a+b) = H^a·H^b: doubling steps leave the multiplications of each step
  // independent, four rounds deep instead of a chain of fifteen (one per key
  // change, several per handshake).
  for (int have = 1; have < 16; have *= 2)
    for (int i = 0; i < have; ++i) pow[have + i] = gf_mul(pow[i], pow[have - 1]);
  for (int i = 0; i < 8; ++i) {
    hp[i] = pow[i];
    hk[i] = halves_xor(pow[i]);
  }
  V* hd = reinterpret_cast<V*>(k.h_desc);
  V* hkd = reinterpret_cast<V*>(k.hk_desc);
  for (int i = 0; i < 16; ++i) {
    hd[i] = pow[15 - i];
    hkd[i] = halves_xor(pow[15 - i]);
  }
  k.vaes = cpu_features().vaes;
}

GLASS_NI void aes_gcm_ni_seal(const AesGcmNiKey& k, const std::uint8_t* nonce,
                              const std::uint8_t* aad, std::size_t aad_len,
                              const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                              std::uint8_t* tag) {
  if (k.rounds == 10)
    gcm_crypt<10, true>(k, nonce, aad, aad_len, in, len, out, tag);
  else
    gcm_crypt<14, true>(k, nonce, aad, aad_len, in, len, out, tag);
}

GLASS_NI void aes_gcm_ni_seal2(const AesGcmNiKey& k, const std::uint8_t* nonce,
                               const std::uint8_t* aad, std::size_t aad_len,
                               const std::uint8_t* head, std::size_t head_len,
                               const std::uint8_t* tail, std::size_t tail_len, std::uint8_t* out,
                               std::uint8_t* tag) {
  if (k.rounds == 10)
    gcm_seal2<10>(k, nonce, aad, aad_len, head, head_len, tail, tail_len, out, tag);
  else
    gcm_seal2<14>(k, nonce, aad, aad_len, head, head_len, tail, tail_len, out, tag);
}

GLASS_NI bool aes_gcm_ni_open(const AesGcmNiKey& k, const std::uint8_t* nonce,
                              const std::uint8_t* aad, std::size_t aad_len,
                              const std::uint8_t* in, std::size_t len, const std::uint8_t* tag,
                              std::uint8_t* out) {
  alignas(16) std::uint8_t expect[16];
  if (k.rounds == 10)
    gcm_crypt<10, false>(k, nonce, aad, aad_len, in, len, out, expect);
  else
    gcm_crypt<14, false>(k, nonce, aad, aad_len, in, len, out, expect);
  // One vector compare: no early exit on the first differing byte.
  const V eq = _mm_cmpeq_epi8(load(expect), load(tag));
  return _mm_movemask_epi8(eq) == 0xffff;
}

}  // namespace glass::crypto::detail

#else

#include <cstdlib>

namespace glass::crypto::detail {
void aes_gcm_ni_init(AesGcmNiKey&, const std::uint8_t*, std::size_t) { std::abort(); }
void aes_gcm_ni_seal(const AesGcmNiKey&, const std::uint8_t*, const std::uint8_t*, std::size_t,
                     const std::uint8_t*, std::size_t, std::uint8_t*, std::uint8_t*) {
  std::abort();
}
void aes_gcm_ni_seal2(const AesGcmNiKey&, const std::uint8_t*, const std::uint8_t*, std::size_t,
                      const std::uint8_t*, std::size_t, const std::uint8_t*, std::size_t,
                      std::uint8_t*, std::uint8_t*) {
  std::abort();
}
bool aes_gcm_ni_open(const AesGcmNiKey&, const std::uint8_t*, const std::uint8_t*, std::size_t,
                     const std::uint8_t*, std::size_t, const std::uint8_t*, std::uint8_t*) {
  std::abort();
}
}  // namespace glass::crypto::detail

#endif
