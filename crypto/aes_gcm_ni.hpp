#pragma once
// AES-128/256-GCM on AES-NI and PCLMULQDQ (96-bit nonces, 16-byte tags). Call
// only when cpu_features().aes_gcm is true. No table lookups: the S-box is the
// AESENC instruction and GHASH is carry-less multiplication.
#include <cstddef>
#include <cstdint>

namespace glass::crypto::detail {

struct AesGcmNiKey {
  alignas(16) std::uint8_t round_keys[15 * 16];
  // H^1..H^8 (H = AES_K(0^128)) byte-reversed, the form the GHASH code multiplies.
  alignas(16) std::uint8_t h_powers[8 * 16];
  // For each power, its two 64-bit halves XORed (Karatsuba's middle operand).
  alignas(16) std::uint8_t h_karatsuba[8 * 16];
  int rounds;  // 10 or 14
  // 256-bit path (VAES + VPCLMULQDQ, when the CPU has them): H^16..H^1 descending
  // with their Karatsuba halves, so one 256-bit load gives the powers for two
  // consecutive blocks.
  bool vaes;
  alignas(32) std::uint8_t h_desc[16 * 16];
  alignas(32) std::uint8_t hk_desc[16 * 16];
};

// key_len 16 or 32.
void aes_gcm_ni_init(AesGcmNiKey& k, const std::uint8_t* key, std::size_t key_len);
// out may equal in (exact aliasing). tag receives 16 bytes.
void aes_gcm_ni_seal(const AesGcmNiKey& k, const std::uint8_t* nonce, const std::uint8_t* aad,
                     std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                     std::uint8_t* out, std::uint8_t* tag);
// Seals head ‖ tail (the TLS 1.3 record content and its type + padding) to out
// (head_len + tail_len bytes) without joining them first. head may equal out;
// tail may equal out + head_len (then it is not moved); no other overlap.
void aes_gcm_ni_seal2(const AesGcmNiKey& k, const std::uint8_t* nonce, const std::uint8_t* aad,
                      std::size_t aad_len, const std::uint8_t* head, std::size_t head_len,
                      const std::uint8_t* tail, std::size_t tail_len, std::uint8_t* out,
                      std::uint8_t* tag);
// Decrypts to out (may equal in) and returns whether the tag matched, compared in
// constant time. The caller wipes out on failure.
bool aes_gcm_ni_open(const AesGcmNiKey& k, const std::uint8_t* nonce, const std::uint8_t* aad,
                     std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                     const std::uint8_t* tag, std::uint8_t* out);

}  // namespace glass::crypto::detail
