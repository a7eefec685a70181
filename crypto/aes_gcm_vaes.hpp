#pragma once
// The 256-bit bulk loop of our AES-GCM (VAES + VPCLMULQDQ + AVX2): 16 blocks per
// batch, two per instruction. Internal to aes_gcm_ni.cpp (x86 only).
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "crypto/aes_gcm_ni.hpp"

namespace glass::crypto::detail {

// While *len >= 256: encrypts (Seal) or decrypts 256 bytes from *in to *out,
// advancing both and shrinking *len, with *ctr the last counter used (byte-reversed
// form) and *y the running GHASH (byte-reversed), both updated. Returns with every
// processed ciphertext block already folded into *y.
void aes_gcm_vaes_bulk(const AesGcmNiKey& k, bool seal, __m128i* ctr, __m128i* y,
                       const std::uint8_t** in, std::uint8_t** out, std::size_t* len);

}  // namespace glass::crypto::detail
