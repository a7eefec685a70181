#pragma once
// CBC-mode block ciphers with PKCS#7 padding, for PKCS#8/PKCS#12 only (never
// for TLS records): AES-128/192/256 and DES-EDE3 (mbedTLS), RC2 (ours, RFC 2268).
#include <cstdint>
#include <string_view>

#include "core/result.hpp"
#include "core/bytes.hpp"

namespace glass::crypto {

using core::ByteView;
using core::Bytes;

enum class CbcCipher : std::uint8_t { aes128, aes192, aes256, des_ede3, rc2 };

std::size_t cbc_key_size(CbcCipher c, unsigned rc2_key_bits = 128);  // bytes
std::size_t cbc_block_size(CbcCipher c);                             // 16 or 8
std::string_view cbc_name(CbcCipher c);                              // "AES-256-CBC"

// rc2_effective_bits is RC2's "effective key bits" (40 or 128 in PKCS#12; 1..1024,
// 0 means 8 * key size). RC2 keys may be 1..128 bytes.
// decode_error on a bad key/IV size or ciphertext not a multiple of the block;
// bad_record_mac on bad padding (for PKCS#12 this usually means a wrong password).
core::Result<Bytes> cbc_decrypt(CbcCipher c, ByteView key, ByteView iv, ByteView ciphertext,
                                unsigned rc2_effective_bits = 0);
core::Result<Bytes> cbc_encrypt(CbcCipher c, ByteView key, ByteView iv, ByteView plaintext,
                                unsigned rc2_effective_bits = 0);

// CBC without padding (input a whole number of blocks): the primitive the padded
// calls wrap, exposed for the NIST SP 800-38A known-answer tests. Same errors as above.
core::Result<Bytes> cbc_encrypt_unpadded(CbcCipher c, ByteView key, ByteView iv, ByteView data,
                                         unsigned rc2_effective_bits = 0);
core::Result<Bytes> cbc_decrypt_unpadded(CbcCipher c, ByteView key, ByteView iv, ByteView data,
                                         unsigned rc2_effective_bits = 0);

// RC2 block cipher (RFC 2268), exposed for its known-answer tests.
class Rc2 {
 public:
  Rc2(ByteView key, unsigned effective_bits);
  ~Rc2();
  void encrypt_block(const std::uint8_t in[8], std::uint8_t out[8]) const;
  void decrypt_block(const std::uint8_t in[8], std::uint8_t out[8]) const;

 private:
  std::uint16_t k_[64];
};

}  // namespace glass::crypto
