#include "x509/pbe.hpp"

#include "crypto/kdf.hpp"
#include "x509/oid.hpp"

namespace glass::x509::pbe {

using core::Alert;
using core::make_error;
using crypto::CbcCipher;
using crypto::HashAlg;

namespace {

core::Error unsupported(ByteView oid_contents) {
  return make_error(Alert::illegal_parameter, "unsupported encryption " + oid::name(oid_contents) +
                                                  " (" + der::oid_to_string(oid_contents) + ")");
}

std::string hash_label(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return "SHA1";
    case HashAlg::sha256: return "SHA256";
    case HashAlg::sha384: return "SHA384";
    case HashAlg::sha512: return "SHA512";
  }
  return "?";
}

// RC2-CBC-Parameter version numbers (RFC 8018 B.2.3).
unsigned rc2_bits_from_version(std::int64_t v) {
  if (v == 160) return 40;
  if (v == 120) return 64;
  if (v == 58) return 128;
  if (v >= 256 && v <= 1024) return static_cast<unsigned>(v);
  return 0;
}
std::int64_t rc2_version_from_bits(unsigned bits) {
  switch (bits) {
    case 40: return 160;
    case 64: return 120;
    case 128: return 58;
    default: return bits;
  }
}

// The PBES2 encryptionScheme AlgorithmIdentifier.
core::Status parse_pbes2_cipher(der::Reader& r, Algorithm& a, std::optional<std::int64_t> key_length) {
  GLASS_TRY(auto alg, r.sequence("PBES2 encryptionScheme"));
  GLASS_TRY(auto oidc, alg.oid("PBES2 encryptionScheme.algorithm"));
  std::size_t iv_len = 16;
  if (oid::equals(oidc, oid::aes128_cbc)) {
    a.cipher = CbcCipher::aes128;
  } else if (oid::equals(oidc, oid::aes192_cbc)) {
    a.cipher = CbcCipher::aes192;
  } else if (oid::equals(oidc, oid::aes256_cbc)) {
    a.cipher = CbcCipher::aes256;
  } else if (oid::equals(oidc, oid::des_ede3_cbc)) {
    a.cipher = CbcCipher::des_ede3;
    iv_len = 8;
  } else if (oid::equals(oidc, oid::rc2_cbc)) {
    a.cipher = CbcCipher::rc2;
    iv_len = 8;
  } else {
    return unsupported(oidc);
  }
  if (a.cipher == CbcCipher::rc2) {
    // RC2-CBC-Parameter ::= SEQUENCE { rc2ParameterVersion INTEGER OPTIONAL, iv OCTET STRING }
    GLASS_TRY(auto p, alg.sequence("RC2-CBC-Parameter"));
    a.rc2_bits = 32;
    if (p.peek(der::tag::integer)) {
      GLASS_TRY(auto v, p.small_integer("RC2-CBC-Parameter.rc2ParameterVersion"));
      a.rc2_bits = rc2_bits_from_version(v);
      if (a.rc2_bits == 0)
        return make_error(Alert::illegal_parameter,
                          "unsupported RC2 parameter version " + std::to_string(v));
    }
    GLASS_TRY(auto iv, p.octet_string("RC2-CBC-Parameter.iv"));
    GLASS_CHECK(p.expect_end("RC2-CBC-Parameter"));
    a.iv = core::to_bytes(iv);
    a.key_len = key_length ? static_cast<std::size_t>(*key_length) : 16;
    if (a.key_len < 1 || a.key_len > 128)
      return make_error(Alert::illegal_parameter, "RC2 key length out of range");
  } else {
    GLASS_TRY(auto iv, alg.octet_string("PBES2 encryptionScheme IV"));
    a.iv = core::to_bytes(iv);
    a.key_len = crypto::cbc_key_size(a.cipher);
    if (key_length && static_cast<std::size_t>(*key_length) != a.key_len)
      return make_error(Alert::illegal_parameter,
                        "PBKDF2 keyLength " + std::to_string(*key_length) + " does not fit " +
                            std::string(crypto::cbc_name(a.cipher)));
  }
  GLASS_CHECK(alg.expect_end("PBES2 encryptionScheme"));
  if (a.iv.size() != iv_len)
    return make_error(Alert::decode_error, "PBES2 IV must be " + std::to_string(iv_len) +
                                               " bytes, found " + std::to_string(a.iv.size()));
  return {};
}

core::Status parse_pbes2(der::Reader& params, Algorithm& a) {
  a.scheme = Scheme::pbes2;
  GLASS_TRY(auto p, params.sequence("PBES2-params"));
  GLASS_TRY(auto kdf, p.sequence("PBES2-params.keyDerivationFunc"));
  GLASS_TRY(auto kdf_oid, kdf.oid("keyDerivationFunc.algorithm"));
  if (!oid::equals(kdf_oid, oid::pbkdf2))
    return make_error(Alert::illegal_parameter, "unsupported PBES2 key derivation " +
                                                    oid::name(kdf_oid) + " (" +
                                                    der::oid_to_string(kdf_oid) + ")");
  GLASS_TRY(auto kp, kdf.sequence("PBKDF2-params"));
  if (!kp.peek(der::tag::octet_string))
    return make_error(Alert::illegal_parameter, "PBKDF2 salt from otherSource is not supported");
  GLASS_TRY(auto salt, kp.octet_string("PBKDF2-params.salt"));
  a.salt = core::to_bytes(salt);
  GLASS_TRY(a.iterations, read_iterations(kp, "PBKDF2-params.iterationCount"));
  std::optional<std::int64_t> key_length;
  if (kp.peek(der::tag::integer)) {
    GLASS_TRY(auto kl, kp.small_integer("PBKDF2-params.keyLength"));
    if (kl < 1 || kl > 1024) return make_error(Alert::illegal_parameter, "PBKDF2 keyLength out of range");
    key_length = kl;
  }
  a.hash = HashAlg::sha1;  // DEFAULT algid-hmacWithSHA1
  if (!kp.empty()) {
    GLASS_TRY(a.hash, parse_hmac_algorithm(kp, "PBKDF2-params.prf"));
  }
  GLASS_CHECK(kp.expect_end("PBKDF2-params"));
  GLASS_CHECK(kdf.expect_end("keyDerivationFunc"));
  GLASS_CHECK(parse_pbes2_cipher(p, a, key_length));
  GLASS_CHECK(p.expect_end("PBES2-params"));
  return {};
}

core::Status parse_pkcs12_pbe(der::Reader& params, Algorithm& a, ByteView oidc) {
  a.scheme = Scheme::pkcs12;
  a.hash = HashAlg::sha1;
  if (oid::equals(oidc, oid::pkcs12_pbe_sha1_3des)) {
    a.cipher = CbcCipher::des_ede3;
    a.key_len = 24;
  } else if (oid::equals(oidc, oid::pkcs12_pbe_sha1_2des)) {
    a.cipher = CbcCipher::des_ede3;
    a.key_len = 16;
    a.two_key_3des = true;
  } else if (oid::equals(oidc, oid::pkcs12_pbe_sha1_rc2_128)) {
    a.cipher = CbcCipher::rc2;
    a.key_len = 16;
    a.rc2_bits = 128;
  } else if (oid::equals(oidc, oid::pkcs12_pbe_sha1_rc2_40)) {
    a.cipher = CbcCipher::rc2;
    a.key_len = 5;
    a.rc2_bits = 40;
  } else {
    return unsupported(oidc);
  }
  // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
  GLASS_TRY(auto p, params.sequence("pkcs-12PbeParams"));
  GLASS_TRY(auto salt, p.octet_string("pkcs-12PbeParams.salt"));
  a.salt = core::to_bytes(salt);
  GLASS_TRY(a.iterations, read_iterations(p, "pkcs-12PbeParams.iterations"));
  GLASS_CHECK(p.expect_end("pkcs-12PbeParams"));
  return {};
}

}  // namespace

Password Password::utf8(std::string_view text) { return utf8(core::as_bytes(text)); }

Password Password::utf8(ByteView text) {
  Password p;
  p.utf8_ = core::SecretBytes(text);
  p.present_ = true;
  return p;
}

std::vector<Pkcs12PasswordForm> pkcs12_password_forms(const Password& pw) {
  std::vector<Pkcs12PasswordForm> out;
  if (pw.empty()) {
    out.push_back({"empty password as BMPString 00 00 (RFC 7292 B.1)", SecretBytes(Bytes{0, 0})});
    out.push_back({"empty password as zero bytes (absent password)", SecretBytes()});
    return out;
  }
  auto bmp = crypto::pkcs12_password(core::as_chars(pw.bytes()));
  if (bmp) {
    out.push_back({"password as BMPString with terminator (RFC 7292 B.1)", SecretBytes(std::move(*bmp))});
  }
  bool ascii = true;
  for (auto c : pw.bytes()) ascii = ascii && c < 0x80;
  if (!ascii || !bmp) {
    // OpenSSL before 1.1.0 widened each byte of the UTF-8 text (Latin-1 style).
    SecretBytes widened(pw.bytes().size() * 2 + 2);
    for (std::size_t i = 0; i < pw.bytes().size(); ++i) widened[2 * i + 1] = pw.bytes()[i];
    out.push_back({"password bytes widened to 16 bits (legacy OpenSSL encoding)", std::move(widened)});
  }
  return out;
}

core::Result<std::uint32_t> read_iterations(der::Reader& r, const char* what) {
  std::size_t off = r.offset();
  auto v = r.small_integer(what);
  if (!v) return std::move(v).error();
  if (*v < 1)
    return make_error(Alert::decode_error, std::string(what) + ": iteration count " +
                                               std::to_string(*v) + " must be positive at offset " +
                                               std::to_string(off));
  if (*v > static_cast<std::int64_t>(kMaxIterations))
    return make_error(Alert::illegal_parameter,
                      std::string(what) + ": iteration count " + std::to_string(*v) +
                          " exceeds the limit of " + std::to_string(kMaxIterations) +
                          " (refusing to spend unbounded time on this file)");
  return static_cast<std::uint32_t>(*v);
}

std::string_view hmac_oid(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return oid::hmac_sha1;
    case HashAlg::sha256: return oid::hmac_sha256;
    case HashAlg::sha384: return oid::hmac_sha384;
    case HashAlg::sha512: return oid::hmac_sha512;
  }
  return oid::hmac_sha256;
}

core::Result<HashAlg> parse_hmac_algorithm(der::Reader& r, const char* what) {
  GLASS_TRY(auto alg, r.sequence(what));
  GLASS_TRY(auto o, alg.oid(what));
  if (!alg.empty()) GLASS_CHECK(alg.null(what));  // NULL or absent parameters
  GLASS_CHECK(alg.expect_end(what));
  for (HashAlg h : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512})
    if (oid::equals(o, hmac_oid(h))) return h;
  return make_error(Alert::illegal_parameter, std::string("unsupported PRF ") + oid::name(o) +
                                                  " (" + der::oid_to_string(o) + ")");
}

core::Result<Algorithm> parse_algorithm(der::Reader& outer) {
  GLASS_TRY(auto r, outer.sequence("encryption AlgorithmIdentifier"));
  GLASS_TRY(auto oidc, r.oid("encryption algorithm"));
  Algorithm a;
  a.oid = der::oid_to_string(oidc);
  if (oid::equals(oidc, oid::pbes2)) {
    GLASS_CHECK(parse_pbes2(r, a));
  } else {
    GLASS_CHECK(parse_pkcs12_pbe(r, a, oidc));
  }
  GLASS_CHECK(r.expect_end("encryption AlgorithmIdentifier"));
  return a;
}

core::Result<Algorithm> parse_algorithm(ByteView der_bytes) {
  der::Reader r(der_bytes);
  GLASS_TRY(auto a, parse_algorithm(r));
  GLASS_CHECK(r.expect_end("encryption AlgorithmIdentifier"));
  return a;
}

Bytes encode_algorithm(const Algorithm& a) {
  der::Writer w;
  w.sequence([&] {
    w.oid(a.oid);
    if (a.scheme == Scheme::pkcs12) {
      w.sequence([&] {
        w.octet_string(a.salt);
        w.small_integer(a.iterations);
      });
      return;
    }
    w.sequence([&] {
      w.sequence([&] {
        w.oid(oid::pbkdf2);
        w.sequence([&] {
          w.octet_string(a.salt);
          w.small_integer(a.iterations);
          if (a.cipher == CbcCipher::rc2) w.small_integer(static_cast<std::int64_t>(a.key_len));
          if (a.hash != HashAlg::sha1) {
            w.sequence([&] {
              w.oid(hmac_oid(a.hash));
              w.null();
            });
          }
        });
      });
      w.sequence([&] {
        switch (a.cipher) {
          case CbcCipher::aes128: w.oid(oid::aes128_cbc); break;
          case CbcCipher::aes192: w.oid(oid::aes192_cbc); break;
          case CbcCipher::aes256: w.oid(oid::aes256_cbc); break;
          case CbcCipher::des_ede3: w.oid(oid::des_ede3_cbc); break;
          case CbcCipher::rc2: w.oid(oid::rc2_cbc); break;
        }
        if (a.cipher == CbcCipher::rc2) {
          w.sequence([&] {
            // An absent version means 32 effective bits (RFC 8018 B.2.3).
            if (a.rc2_bits != 32) w.small_integer(rc2_version_from_bits(a.rc2_bits));
            w.octet_string(a.iv);
          });
        } else {
          w.octet_string(a.iv);
        }
      });
    });
  });
  return w.take();
}

std::string Algorithm::cipher_name() const {
  if (cipher == CbcCipher::rc2) return "RC2-" + std::to_string(rc2_bits) + "-CBC";
  if (cipher == CbcCipher::des_ede3) return two_key_3des ? "2-key 3DES-CBC" : "3DES-CBC";
  return std::string(crypto::cbc_name(cipher));
}

bool Algorithm::needs_openssl_legacy() const { return cipher == CbcCipher::rc2; }

std::string Algorithm::describe() const {
  std::string it = std::to_string(iterations) + " iteration" + (iterations == 1 ? "" : "s");
  if (scheme == Scheme::pbes2)
    return "PBES2 (PBKDF2-HMAC-" + hash_label(hash) + ", " + cipher_name() + ", " + it + ")";
  std::string n(oid::known_name(oid));
  if (n.empty()) n = oid;
  return n + " (" + it + ")";
}

namespace {

struct KeyIv {
  SecretBytes key;
  Bytes iv;
};

core::Result<KeyIv> derive(const Algorithm& a, ByteView password) {
  if (a.iterations < 1 || a.iterations > kMaxIterations)
    return make_error(Alert::illegal_parameter, "iteration count out of range");
  KeyIv k;
  if (a.scheme == Scheme::pbes2) {
    k.key = SecretBytes(crypto::pbkdf2_hmac(a.hash, password, a.salt, a.iterations, a.key_len));
    k.iv = a.iv;
  } else {
    k.key = SecretBytes(crypto::pkcs12_kdf(a.hash, password, a.salt, 1, a.iterations, a.key_len));
    k.iv = crypto::pkcs12_kdf(a.hash, password, a.salt, 2, a.iterations, crypto::cbc_block_size(a.cipher));
    if (a.two_key_3des) {
      SecretBytes k3(24);
      for (std::size_t i = 0; i < 16; ++i) k3[i] = k.key[i];
      for (std::size_t i = 0; i < 8; ++i) k3[16 + i] = k.key[i];
      k.key = std::move(k3);
    }
  }
  return k;
}

}  // namespace

core::Result<SecretBytes> decrypt(const Algorithm& a, ByteView password, ByteView ciphertext) {
  GLASS_TRY(auto k, derive(a, password));
  auto pt = crypto::cbc_decrypt(a.cipher, k.key, k.iv, ciphertext, a.rc2_bits);
  if (!pt) {
    if (pt.error().alert == Alert::bad_record_mac)
      return make_error(Alert::decrypt_error,
                        "wrong password (decryption with " + a.cipher_name() + " gave bad padding)");
    return std::move(pt).error();
  }
  return SecretBytes(std::move(*pt));
}

core::Result<Bytes> encrypt(const Algorithm& a, ByteView password, ByteView plaintext) {
  GLASS_TRY(auto k, derive(a, password));
  return crypto::cbc_encrypt(a.cipher, k.key, k.iv, plaintext, a.rc2_bits);
}

core::Result<SecretBytes> decrypt_with(const Algorithm& a, const Password& pw, ByteView ciphertext,
                                       std::string* used) {
  if (a.scheme == Scheme::pbes2) {
    if (used) *used = pw.empty() ? "empty password (UTF-8, zero bytes)" : "password as UTF-8 (PBES2)";
    return decrypt(a, pw.bytes(), ciphertext);
  }
  std::optional<core::Error> first;
  for (const auto& form : pkcs12_password_forms(pw)) {
    auto r = decrypt(a, form.bytes, ciphertext);
    if (r) {
      if (used) *used = form.description;
      return r;
    }
    if (!first) first = std::move(r).error();
  }
  if (!first) return make_error(Alert::decrypt_error, "password cannot be encoded for PKCS#12");
  return *first;
}

core::Result<Bytes> encrypt_with(const Algorithm& a, const Password& pw, ByteView plaintext) {
  if (a.scheme == Scheme::pbes2) return encrypt(a, pw.bytes(), plaintext);
  auto forms = pkcs12_password_forms(pw);
  if (forms.empty()) return make_error(Alert::illegal_parameter, "password cannot be encoded for PKCS#12");
  return encrypt(a, forms.front().bytes, plaintext);
}

Algorithm pbes2(HashAlg prf, CbcCipher cipher, std::uint32_t iterations, crypto::Rng& rng) {
  Algorithm a;
  a.scheme = Scheme::pbes2;
  a.oid = std::string(oid::pbes2);
  a.hash = prf;
  a.cipher = cipher;
  a.iterations = iterations;
  a.salt = rng.bytes(16);
  a.key_len = crypto::cbc_key_size(cipher);
  if (cipher == CbcCipher::rc2) {
    a.rc2_bits = 128;
    a.key_len = 16;
  }
  a.iv = rng.bytes(crypto::cbc_block_size(cipher));
  return a;
}

core::Result<Algorithm> pkcs12_pbe(std::string_view o, std::uint32_t iterations, crypto::Rng& rng) {
  Algorithm a;
  Bytes oc = der::oid_from_string(o);
  der::Writer w;
  w.sequence([&] {
    w.octet_string(Bytes(8, 0));
    w.small_integer(1);
  });
  Bytes params = w.take();
  der::Reader r(params);
  GLASS_CHECK(parse_pkcs12_pbe(r, a, oc));
  a.oid = std::string(o);
  a.salt = rng.bytes(8);
  a.iterations = iterations;
  return a;
}

}  // namespace glass::x509::pbe
