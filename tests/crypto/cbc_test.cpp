// CBC with PKCS#7 padding: AES (NIST SP 800-38A F.2), DES-EDE3 cross-checked with
// `openssl enc` run during the test, padding and size errors.
#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "crypto/cbc.hpp"
#include "tool_run.hpp"

using namespace glass::crypto;
using glass::core::Alert;
using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;
using glass::core::to_hex;
namespace gt = glass::testing;

namespace {

// NIST SP 800-38A appendix F.2: the same four plaintext blocks and IV for every key size.
const char* kPlain =
    "6bc1bee22e409f96e93d7e117393172a" "ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef" "f69f2445df4f9b17ad2b417be66c3710";
const char* kIv = "000102030405060708090a0b0c0d0e0f";

void check_sp800_38a(CbcCipher c, const char* key, const char* cipher) {
  CAPTURE(cbc_name(c));
  // F.2.x Encrypt / Decrypt on the raw blocks.
  auto enc = cbc_encrypt_unpadded(c, hex(key), hex(kIv), hex(kPlain));
  REQUIRE(enc.ok());
  CHECK(to_hex(*enc) == cipher);
  auto dec = cbc_decrypt_unpadded(c, hex(key), hex(kIv), hex(cipher));
  REQUIRE(dec.ok());
  CHECK(to_hex(*dec) == kPlain);
  // With PKCS#7 the same 64 bytes come first, then one whole block of padding.
  auto padded = cbc_encrypt(c, hex(key), hex(kIv), hex(kPlain));
  REQUIRE(padded.ok());
  REQUIRE(padded->size() == 80);
  CHECK(to_hex(ByteView(*padded).first(64)) == cipher);
  auto back = cbc_decrypt(c, hex(key), hex(kIv), *padded);
  REQUIRE(back.ok());
  CHECK(to_hex(*back) == kPlain);
}

}  // namespace

TEST_CASE("crypto: AES-128-CBC NIST SP 800-38A F.2.1 encrypt and F.2.2 decrypt") {
  check_sp800_38a(CbcCipher::aes128, "2b7e151628aed2a6abf7158809cf4f3c",
                  "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
                  "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7");
}

TEST_CASE("crypto: AES-192-CBC NIST SP 800-38A F.2.3 encrypt and F.2.4 decrypt") {
  check_sp800_38a(CbcCipher::aes192, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
                  "4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a"
                  "571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd");
}

TEST_CASE("crypto: AES-256-CBC NIST SP 800-38A F.2.5 encrypt and F.2.6 decrypt") {
  check_sp800_38a(CbcCipher::aes256,
                  "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
                  "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
                  "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");
}

TEST_CASE("crypto: DES-EDE3-CBC and AES-CBC with padding match openssl enc") {
  gt::TempDir dir;
  struct Case {
    CbcCipher cipher;
    const char* openssl;
    const char* key;
    const char* iv;
  };
  const Case cases[] = {
      {CbcCipher::des_ede3, "-des-ede3-cbc", "0123456789abcdeffedcba987654321089abcdef01234567",
       "1234567890abcdef"},
      {CbcCipher::aes128, "-aes-128-cbc", "000102030405060708090a0b0c0d0e0f",
       "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"},
      {CbcCipher::aes192, "-aes-192-cbc", "000102030405060708090a0b0c0d0e0f1011121314151617",
       "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"},
  };
  // Lengths around the block boundaries: empty, short, exactly one and two blocks.
  for (std::size_t len : {std::size_t{0}, std::size_t{5}, std::size_t{8}, std::size_t{16},
                          std::size_t{37}}) {
    Bytes msg(len);
    for (std::size_t i = 0; i < len; ++i) msg[i] = static_cast<std::uint8_t>(i * 7 + 1);
    gt::write_file(dir / "plain.bin", msg);
    for (const auto& c : cases) {
      CAPTURE(cbc_name(c.cipher));
      CAPTURE(len);
      std::string out;
      REQUIRE(gt::run(std::string("openssl enc ") + c.openssl + " -K " + c.key + " -iv " + c.iv +
                          " -in " + dir / "plain.bin" + " -out " + dir / "theirs.bin",
                      &out) == 0);
      Bytes theirs = gt::read_file(dir / "theirs.bin");
      auto ours = cbc_encrypt(c.cipher, hex(c.key), hex(c.iv), msg);
      REQUIRE(ours.ok());
      CHECK(to_hex(*ours) == to_hex(theirs));
      auto back = cbc_decrypt(c.cipher, hex(c.key), hex(c.iv), theirs);
      REQUIRE(back.ok());
      CHECK(*back == msg);
    }
  }
}

TEST_CASE("crypto: CBC rejects wrong padding as bad_record_mac") {
  Bytes key = hex("000102030405060708090a0b0c0d0e0f"), iv(16, 0x42);
  auto good = cbc_encrypt(CbcCipher::aes128, key, iv, glass::core::as_bytes("attack at dawn"));
  REQUIRE(good.ok());
  // Encrypt chosen final blocks without padding, then decrypt with padding checks.
  const char* bad_tails[] = {
      "000000000000000000000000000000" "00",  // pad byte 0
      "000000000000000000000000000000" "11",  // 17 > block size
      "000000000000000000000000000003" "02",  // 02 02 expected, 03 02 found
      "00000000000000000000000005" "040404",  // only three 04 bytes
  };
  for (const char* tail : bad_tails) {
    CAPTURE(tail);
    auto ct = cbc_encrypt_unpadded(CbcCipher::aes128, key, iv, hex(tail));
    REQUIRE(ct.ok());
    auto r = cbc_decrypt(CbcCipher::aes128, key, iv, *ct);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == Alert::bad_record_mac);
    CHECK(r.error().reason == "bad padding after decryption (wrong password?)");
  }
  // Valid edge cases: 01, and a full block of 10s.
  auto one = cbc_decrypt(CbcCipher::aes128, key, iv,
                         *cbc_encrypt_unpadded(CbcCipher::aes128, key, iv,
                                               hex("41414141414141414141414141414101")));
  REQUIRE(one.ok());
  CHECK(one->size() == 15);
  // A wrong key almost always breaks the padding (this one does, deterministically).
  Bytes wrong = key;
  wrong[0] ^= 1;
  auto r = cbc_decrypt(CbcCipher::aes128, wrong, iv, *good);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().alert == Alert::bad_record_mac);
  // Same for DES-EDE3 and RC2 (8-byte blocks).
  for (CbcCipher c : {CbcCipher::des_ede3, CbcCipher::rc2}) {
    CAPTURE(cbc_name(c));
    Bytes k(c == CbcCipher::rc2 ? 5 : 24, 0x33), iv8(8, 0);
    auto ct = cbc_encrypt_unpadded(c, k, iv8, hex("0102030405060709"), 40);
    REQUIRE(ct.ok());
    auto bad = cbc_decrypt(c, k, iv8, *ct, 40);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().alert == Alert::bad_record_mac);
  }
}

TEST_CASE("crypto: CBC rejects bad key, IV and ciphertext sizes as decode_error") {
  Bytes key16(16, 1), iv16(16, 2);
  auto r1 = cbc_decrypt(CbcCipher::aes256, key16, iv16, Bytes(32));
  REQUIRE_FALSE(r1.ok());
  CHECK(r1.error().alert == Alert::decode_error);
  CHECK(r1.error().reason == "AES-256-CBC needs a 32-byte key, got 16");
  auto r2 = cbc_decrypt(CbcCipher::aes128, key16, Bytes(8), Bytes(32));
  REQUIRE_FALSE(r2.ok());
  CHECK(r2.error().reason == "AES-128-CBC needs a 16-byte IV, got 8");
  auto r3 = cbc_decrypt(CbcCipher::aes128, key16, iv16, Bytes(33));
  REQUIRE_FALSE(r3.ok());
  CHECK(r3.error().reason ==
        "AES-128-CBC ciphertext of 33 bytes is not a multiple of the 16-byte block");
  auto r4 = cbc_decrypt(CbcCipher::des_ede3, Bytes(24), Bytes(8), Bytes{});
  REQUIRE_FALSE(r4.ok());
  CHECK(r4.error().alert == Alert::decode_error);
  CHECK_FALSE(cbc_decrypt(CbcCipher::rc2, Bytes{}, Bytes(8), Bytes(8)).ok());
  CHECK_FALSE(cbc_decrypt(CbcCipher::rc2, Bytes(129), Bytes(8), Bytes(8)).ok());
  CHECK_FALSE(cbc_decrypt(CbcCipher::rc2, Bytes(16), Bytes(8), Bytes(8), 1025).ok());
  CHECK_FALSE(cbc_encrypt_unpadded(CbcCipher::aes128, key16, iv16, Bytes(15)).ok());

  CHECK(cbc_key_size(CbcCipher::aes192) == 24);
  CHECK(cbc_key_size(CbcCipher::des_ede3) == 24);
  CHECK(cbc_key_size(CbcCipher::rc2, 40) == 5);
  CHECK(cbc_block_size(CbcCipher::rc2) == 8);
  CHECK(cbc_name(CbcCipher::des_ede3) == "DES-EDE3-CBC");
}

TEST_CASE("crypto: CBC round-trips every length around the block size") {
  const CbcCipher all[] = {CbcCipher::aes128, CbcCipher::aes192, CbcCipher::aes256,
                           CbcCipher::des_ede3, CbcCipher::rc2};
  for (CbcCipher c : all) {
    CAPTURE(cbc_name(c));
    Bytes key(c == CbcCipher::rc2 ? 16 : cbc_key_size(c), 0x5a), iv(cbc_block_size(c), 0xa5);
    for (std::size_t len = 0; len <= 34; ++len) {
      Bytes msg(len, static_cast<std::uint8_t>(len));
      auto ct = cbc_encrypt(c, key, iv, msg, 128);
      REQUIRE(ct.ok());
      CHECK(ct->size() == (len / cbc_block_size(c) + 1) * cbc_block_size(c));
      auto pt = cbc_decrypt(c, key, iv, *ct, 128);
      REQUIRE(pt.ok());
      CHECK(*pt == msg);
    }
  }
}
