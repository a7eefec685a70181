#pragma once
// AEADs used by TLS records: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305.
// 12-byte nonces and 16-byte tags throughout. Tag checks are constant time.
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/result.hpp"
#include "crypto/hash.hpp"

namespace glass::crypto {

enum class AeadAlg : std::uint8_t { aes128_gcm, aes256_gcm, chacha20_poly1305 };

inline constexpr std::size_t aead_nonce_size = 12;
inline constexpr std::size_t aead_tag_size = 16;
std::size_t aead_key_size(AeadAlg a);
std::string_view aead_name(AeadAlg a);  // "AES-128-GCM"
// Which code backs this AEAD in this process ("glasstls AES-NI" / "libsodium" /
// "mbedTLS").
std::string_view aead_backend(AeadAlg a);
// True when AES-GCM runs on AES-NI + PCLMULQDQ here (ours or libsodium's), i.e.
// AES-GCM records are cheaper than ChaCha20-Poly1305 ones on this CPU. Suite
// preference follows it.
bool aes_gcm_is_fast();

// Code choice for Aead::create. `automatic` is what production code uses (see
// crypto/README.md); the explicit ones exist so tests can run the same vectors
// through every implementation and benchmarks can compare them. `glasstls` is our
// AES-GCM on AES-NI + PCLMULQDQ (crypto/aes_gcm_ni.cpp). Asking for one that
// cannot do the AEAD here (ours or libsodium's AES-GCM without AES-NI or with the
// fallback forced, libsodium AES-128-GCM, ours for ChaCha20-Poly1305) gives
// illegal_parameter.
enum class AeadBackend : std::uint8_t { automatic, libsodium, mbedtls, glasstls };

class Aead {
 public:
  // illegal_parameter for a key of the wrong size.
  static core::Result<Aead> create(AeadAlg alg, ByteView key,
                                   AeadBackend backend = AeadBackend::automatic);
  Aead(Aead&&) noexcept;
  Aead& operator=(Aead&&) noexcept;
  ~Aead();

  AeadAlg alg() const { return alg_; }
  // The code this instance runs on ("glasstls AES-NI" / "libsodium" / "mbedTLS").
  std::string_view backend() const;
  // Returns ciphertext ‖ tag.
  Bytes seal(ByteView nonce, ByteView aad, ByteView plaintext) const;
  // `out` must hold plaintext.size() + 16 bytes; may alias plaintext exactly.
  // The nonce must be 12 bytes (a caller bug otherwise: the process aborts).
  void seal_into(ByteView nonce, ByteView aad, ByteView plaintext, std::uint8_t* out) const;
  // The same for plaintext = head ‖ tail, without the caller joining them (a TLS 1.3
  // record: content ‖ type ‖ padding). `out` holds head.size() + tail.size() + 16
  // bytes; head may equal out, tail may equal out + head.size(); no other overlap.
  // Our AES-GCM seals the pieces where they are; the other backends move them into
  // out first.
  void seal_into(ByteView nonce, ByteView aad, ByteView head, ByteView tail,
                 std::uint8_t* out) const;
  // bad_record_mac if the tag does not verify (or input is shorter than a tag).
  core::Result<Bytes> open(ByteView nonce, ByteView aad, ByteView ciphertext_and_tag) const;
  // `out` must hold ciphertext_and_tag.size() - 16 bytes; may alias the input.
  // On failure the first ciphertext_and_tag.size() - 16 bytes of `out` are zeroed.
  core::Status open_into(ByteView nonce, ByteView aad, ByteView ciphertext_and_tag,
                         std::uint8_t* out) const;

  struct Impl;

 private:
  Aead(AeadAlg alg, std::unique_ptr<Impl> impl);
  AeadAlg alg_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace glass::crypto
