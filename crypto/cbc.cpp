// CBC with PKCS#7 padding for PKCS#8/PKCS#12 payloads: AES and DES-EDE3 from
// mbedTLS, RC2 from rc2.cpp. Never used for TLS records.
#include "crypto/cbc.hpp"

#include <mbedtls/aes.h>
#include <mbedtls/des.h>

#include <cstring>
#include <string>

namespace glass::crypto {

using core::Alert;
using core::make_error;

std::size_t cbc_key_size(CbcCipher c, unsigned rc2_key_bits) {
  switch (c) {
    case CbcCipher::aes128: return 16;
    case CbcCipher::aes192: return 24;
    case CbcCipher::aes256: return 32;
    case CbcCipher::des_ede3: return 24;
    case CbcCipher::rc2: return (rc2_key_bits + 7) / 8;
  }
  return 0;
}

std::size_t cbc_block_size(CbcCipher c) {
  switch (c) {
    case CbcCipher::aes128:
    case CbcCipher::aes192:
    case CbcCipher::aes256: return 16;
    case CbcCipher::des_ede3:
    case CbcCipher::rc2: return 8;
  }
  return 16;
}

std::string_view cbc_name(CbcCipher c) {
  switch (c) {
    case CbcCipher::aes128: return "AES-128-CBC";
    case CbcCipher::aes192: return "AES-192-CBC";
    case CbcCipher::aes256: return "AES-256-CBC";
    case CbcCipher::des_ede3: return "DES-EDE3-CBC";
    case CbcCipher::rc2: return "RC2-CBC";
  }
  return "unknown cipher";
}

namespace {

core::Status check_args(CbcCipher c, ByteView key, ByteView iv, std::size_t data_len,
                        unsigned rc2_bits, bool decrypting) {
  std::string name(cbc_name(c));
  std::size_t bs = cbc_block_size(c);
  if (c == CbcCipher::rc2) {
    if (key.empty() || key.size() > 128)
      return make_error(Alert::decode_error, "RC2 key must be 1..128 bytes, got " +
                                                 std::to_string(key.size()));
    if (rc2_bits > 1024)
      return make_error(Alert::decode_error, "RC2 effective key bits must be 1..1024, got " +
                                                 std::to_string(rc2_bits));
  } else if (key.size() != cbc_key_size(c)) {
    return make_error(Alert::decode_error, name + " needs a " + std::to_string(cbc_key_size(c)) +
                                               "-byte key, got " + std::to_string(key.size()));
  }
  if (iv.size() != bs)
    return make_error(Alert::decode_error, name + " needs a " + std::to_string(bs) +
                                               "-byte IV, got " + std::to_string(iv.size()));
  if (data_len % bs != 0)
    return make_error(Alert::decode_error,
                      name + (decrypting ? " ciphertext" : " input") + " of " +
                          std::to_string(data_len) + " bytes is not a multiple of the " +
                          std::to_string(bs) + "-byte block");
  return {};
}

// Runs CBC over whole blocks; arguments already checked.
Bytes run_cbc(CbcCipher c, ByteView key, ByteView iv_in, ByteView in, unsigned rc2_bits,
              bool encrypt) {
  Bytes out(in.size());
  if (in.empty()) return out;
  std::uint8_t iv[16];
  std::memcpy(iv, iv_in.data(), iv_in.size());
  switch (c) {
    case CbcCipher::aes128:
    case CbcCipher::aes192:
    case CbcCipher::aes256: {
      mbedtls_aes_context ctx;
      mbedtls_aes_init(&ctx);
      unsigned bits = static_cast<unsigned>(key.size() * 8);
      if (encrypt)
        mbedtls_aes_setkey_enc(&ctx, key.data(), bits);
      else
        mbedtls_aes_setkey_dec(&ctx, key.data(), bits);
      mbedtls_aes_crypt_cbc(&ctx, encrypt ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT, in.size(),
                            iv, in.data(), out.data());
      mbedtls_aes_free(&ctx);  // zeroises the round keys
      break;
    }
    case CbcCipher::des_ede3: {
      mbedtls_des3_context ctx;
      mbedtls_des3_init(&ctx);
      if (encrypt)
        mbedtls_des3_set3key_enc(&ctx, key.data());
      else
        mbedtls_des3_set3key_dec(&ctx, key.data());
      mbedtls_des3_crypt_cbc(&ctx, encrypt ? MBEDTLS_DES_ENCRYPT : MBEDTLS_DES_DECRYPT, in.size(),
                             iv, in.data(), out.data());
      mbedtls_des3_free(&ctx);
      break;
    }
    case CbcCipher::rc2: {
      Rc2 rc2(key, rc2_bits == 0 ? static_cast<unsigned>(key.size() * 8) : rc2_bits);
      std::uint8_t x[8];
      for (std::size_t off = 0; off < in.size(); off += 8) {
        if (encrypt) {
          for (int i = 0; i < 8; ++i) x[i] = static_cast<std::uint8_t>(in[off + i] ^ iv[i]);
          rc2.encrypt_block(x, &out[off]);
          std::memcpy(iv, &out[off], 8);
        } else {
          rc2.decrypt_block(&in[off], x);
          for (int i = 0; i < 8; ++i) out[off + i] = static_cast<std::uint8_t>(x[i] ^ iv[i]);
          std::memcpy(iv, &in[off], 8);
        }
      }
      core::secure_wipe(x, sizeof x);
      break;
    }
  }
  return out;
}

}  // namespace

core::Result<Bytes> cbc_encrypt_unpadded(CbcCipher c, ByteView key, ByteView iv, ByteView data,
                                         unsigned rc2_effective_bits) {
  GLASS_CHECK(check_args(c, key, iv, data.size(), rc2_effective_bits, false));
  return run_cbc(c, key, iv, data, rc2_effective_bits, true);
}

core::Result<Bytes> cbc_decrypt_unpadded(CbcCipher c, ByteView key, ByteView iv, ByteView data,
                                         unsigned rc2_effective_bits) {
  GLASS_CHECK(check_args(c, key, iv, data.size(), rc2_effective_bits, true));
  return run_cbc(c, key, iv, data, rc2_effective_bits, false);
}

core::Result<Bytes> cbc_encrypt(CbcCipher c, ByteView key, ByteView iv, ByteView plaintext,
                                unsigned rc2_effective_bits) {
  // PKCS#7 (RFC 5652 section 6.3): always 1..block bytes, each equal to the count.
  std::size_t bs = cbc_block_size(c);
  std::size_t pad = bs - plaintext.size() % bs;
  Bytes padded(plaintext.begin(), plaintext.end());
  padded.insert(padded.end(), pad, static_cast<std::uint8_t>(pad));
  auto out = cbc_encrypt_unpadded(c, key, iv, padded, rc2_effective_bits);
  core::secure_wipe(padded);
  return out;
}

core::Result<Bytes> cbc_decrypt(CbcCipher c, ByteView key, ByteView iv, ByteView ciphertext,
                                unsigned rc2_effective_bits) {
  if (ciphertext.empty())
    return make_error(Alert::decode_error,
                      std::string(cbc_name(c)) + " ciphertext is empty (padding needs a block)");
  GLASS_TRY(Bytes plain, cbc_decrypt_unpadded(c, key, iv, ciphertext, rc2_effective_bits));
  // Check the padding without branching on its bytes.
  std::size_t bs = cbc_block_size(c);
  std::uint8_t pad = plain.back();
  unsigned bad = (pad == 0) | (pad > bs);
  for (std::size_t i = 0; i < bs; ++i) {
    unsigned in_pad = i < pad;
    bad |= in_pad & (plain[plain.size() - 1 - i] != pad);
  }
  if (bad) {
    core::secure_wipe(plain);
    return make_error(Alert::bad_record_mac, "bad padding after decryption (wrong password?)");
  }
  plain.resize(plain.size() - pad);
  return plain;
}

}  // namespace glass::crypto
