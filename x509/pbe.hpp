#pragma once
// Password-based encryption for PKCS#8 and PKCS#12: PBES2 (RFC 8018 6.2) with
// PBKDF2 and AES/3DES/RC2-CBC, and the PKCS#12 PBE schemes (RFC 7292 appendix C)
// whose key and IV come from the PKCS#12 KDF (appendix B). Parsing is pure; the
// KDF runs only in decrypt()/encrypt(), and iteration counts are bounded so a
// hostile file cannot make us spin.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "crypto/cbc.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "x509/der.hpp"

namespace glass::x509::pbe {

using core::ByteView;
using core::Bytes;
using core::SecretBytes;

// Iteration counts above this are refused: 10 million PBKDF2 rounds already take
// seconds, and the count comes from the (untrusted) file.
inline constexpr std::uint32_t kMaxIterations = 10'000'000;

// A password as the user typed it (UTF-8), or none at all. The PKCS#12 KDF wants
// it as a BMPString with a terminating zero; PBES2 and PBMAC1 use the UTF-8 bytes.
class Password {
 public:
  Password() = default;  // absent
  static Password utf8(std::string_view text);
  static Password utf8(ByteView text);
  bool absent() const { return !present_; }
  bool empty() const { return utf8_.empty(); }  // absent or ""
  ByteView bytes() const { return utf8_.view(); }

 private:
  core::SecretBytes utf8_;
  bool present_ = false;
};

// One way of turning a password into PKCS#12 KDF input; readers try them in turn.
struct Pkcs12PasswordForm {
  std::string description;  // "BMPString with terminator", "empty (zero-length, RFC 7292 B.1 absent)"
  SecretBytes bytes;
};
// For a non-empty password: the RFC 7292 BMPString, then (for non-ASCII input) the
// "each UTF-8 byte widened" form older OpenSSL wrote. For an empty or absent
// password: both encodings found in the wild, 00 00 and zero bytes.
std::vector<Pkcs12PasswordForm> pkcs12_password_forms(const Password& pw);

enum class Scheme : std::uint8_t { pbes2, pkcs12 };

// A parsed (or to-be-written) encryption AlgorithmIdentifier.
struct Algorithm {
  Scheme scheme = Scheme::pbes2;
  std::string oid;                 // dotted OID of the outer algorithm
  Bytes salt;
  std::uint32_t iterations = 0;
  crypto::HashAlg hash = crypto::HashAlg::sha1;  // PBKDF2 PRF, or the PKCS#12 KDF hash
  crypto::CbcCipher cipher = crypto::CbcCipher::aes256;
  std::size_t key_len = 32;        // bytes
  unsigned rc2_bits = 0;           // RC2 effective key bits
  bool two_key_3des = false;       // pbeWithSHAAnd2-KeyTripleDES-CBC: K1‖K2‖K1
  Bytes iv;                        // PBES2 only (the PKCS#12 PBE derives it)

  // "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, 2048 iterations)" or
  // "pbeWithSHAAnd3-KeyTripleDES-CBC (2048 iterations)".
  std::string describe() const;
  // Short names: "AES-256-CBC", "3DES-CBC", "RC2-40-CBC".
  std::string cipher_name() const;
  // True for ciphers OpenSSL 3 only reads with -legacy (RC2, RC4, single DES).
  bool needs_openssl_legacy() const;
};

// Parses an AlgorithmIdentifier element. Unknown or unsupported schemes are
// illegal_parameter "unsupported encryption NAME (OID)"; malformed ones decode_error.
core::Result<Algorithm> parse_algorithm(der::Reader& r);
core::Result<Algorithm> parse_algorithm(ByteView algorithm_identifier_der);
// DER AlgorithmIdentifier for an Algorithm.
Bytes encode_algorithm(const Algorithm& a);

// `password` is already in the scheme's form (PKCS#12 KDF form, or UTF-8 for PBES2).
// A padding failure is decrypt_error "wrong password (decryption failed)".
core::Result<SecretBytes> decrypt(const Algorithm& a, ByteView password, ByteView ciphertext);
core::Result<Bytes> encrypt(const Algorithm& a, ByteView password, ByteView plaintext);

// Decrypts with a user password, trying each applicable encoding; `used` receives
// the description of the one that worked.
core::Result<SecretBytes> decrypt_with(const Algorithm& a, const Password& pw, ByteView ciphertext,
                                       std::string* used = nullptr);
core::Result<Bytes> encrypt_with(const Algorithm& a, const Password& pw, ByteView plaintext);

// Writer presets with fresh salt/IV from rng.
Algorithm pbes2(crypto::HashAlg prf, crypto::CbcCipher cipher, std::uint32_t iterations,
                crypto::Rng& rng);
// oid is one of the pkcs12_pbe_sha1_* constants (3DES, 2DES, RC2-128, RC2-40).
core::Result<Algorithm> pkcs12_pbe(std::string_view oid, std::uint32_t iterations, crypto::Rng& rng);

// Iteration count from an INTEGER, bounded by kMaxIterations.
core::Result<std::uint32_t> read_iterations(der::Reader& r, const char* what);
// HMAC PRF from an AlgorithmIdentifier (hmacWithSHA1/256/384/512).
core::Result<crypto::HashAlg> parse_hmac_algorithm(der::Reader& r, const char* what);
std::string_view hmac_oid(crypto::HashAlg h);

}  // namespace glass::x509::pbe
