// SignatureScheme code points: names, what this build supports, the algorithm each
// stands for, and which key may produce which scheme (RFC 8446 section 4.2.3).
#include <cstdio>

#include "crypto/signature.hpp"

namespace glass::crypto {

using core::Alert;
using core::make_error;

namespace {

std::size_t digest_len(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return 20;
    case HashAlg::sha256: return 32;
    case HashAlg::sha384: return 48;
    case HashAlg::sha512: return 64;
  }
  return 0;
}

SigAlgorithm make(SigAlgorithm::Kind k, HashAlg h) {
  SigAlgorithm a{};
  a.kind = k;
  a.hash = h;
  a.mgf1_hash = h;
  a.salt_len = digest_len(h);  // RFC 8446: salt as long as the digest
  return a;
}

}  // namespace

std::string name_of(SignatureScheme s) {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha1: return "rsa_pkcs1_sha1";
    case SignatureScheme::ecdsa_sha1: return "ecdsa_sha1";
    case SignatureScheme::rsa_pkcs1_sha256: return "rsa_pkcs1_sha256";
    case SignatureScheme::rsa_pkcs1_sha384: return "rsa_pkcs1_sha384";
    case SignatureScheme::rsa_pkcs1_sha512: return "rsa_pkcs1_sha512";
    case SignatureScheme::ecdsa_secp256r1_sha256: return "ecdsa_secp256r1_sha256";
    case SignatureScheme::ecdsa_secp384r1_sha384: return "ecdsa_secp384r1_sha384";
    case SignatureScheme::ecdsa_secp521r1_sha512: return "ecdsa_secp521r1_sha512";
    case SignatureScheme::rsa_pss_rsae_sha256: return "rsa_pss_rsae_sha256";
    case SignatureScheme::rsa_pss_rsae_sha384: return "rsa_pss_rsae_sha384";
    case SignatureScheme::rsa_pss_rsae_sha512: return "rsa_pss_rsae_sha512";
    case SignatureScheme::ed25519: return "ed25519";
    case SignatureScheme::ed448: return "ed448";
    case SignatureScheme::rsa_pss_pss_sha256: return "rsa_pss_pss_sha256";
    case SignatureScheme::rsa_pss_pss_sha384: return "rsa_pss_pss_sha384";
    case SignatureScheme::rsa_pss_pss_sha512: return "rsa_pss_pss_sha512";
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "unknown(0x%04x)", static_cast<unsigned>(s));
  return buf;
}

// SHA-1 schemes are left out on purpose (RFC 8446 forbids them in CertificateVerify
// and we never offer them); P-521 and Ed448 have no KeyType, so
// ecdsa_secp521r1_sha512 only serves TLS 1.2's hash-only reading on P-256/P-384.
bool scheme_supported(SignatureScheme s) { return sig_algorithm(s).ok(); }

core::Result<SigAlgorithm> sig_algorithm(SignatureScheme s) {
  using K = SigAlgorithm::Kind;
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha256: return make(K::rsa_pkcs1, HashAlg::sha256);
    case SignatureScheme::rsa_pkcs1_sha384: return make(K::rsa_pkcs1, HashAlg::sha384);
    case SignatureScheme::rsa_pkcs1_sha512: return make(K::rsa_pkcs1, HashAlg::sha512);
    case SignatureScheme::ecdsa_secp256r1_sha256: return make(K::ecdsa, HashAlg::sha256);
    case SignatureScheme::ecdsa_secp384r1_sha384: return make(K::ecdsa, HashAlg::sha384);
    // Only in TLS 1.2, where it means "ECDSA with SHA-512" on any of our curves.
    case SignatureScheme::ecdsa_secp521r1_sha512: return make(K::ecdsa, HashAlg::sha512);
    case SignatureScheme::rsa_pss_rsae_sha256:
    case SignatureScheme::rsa_pss_pss_sha256: return make(K::rsa_pss, HashAlg::sha256);
    case SignatureScheme::rsa_pss_rsae_sha384:
    case SignatureScheme::rsa_pss_pss_sha384: return make(K::rsa_pss, HashAlg::sha384);
    case SignatureScheme::rsa_pss_rsae_sha512:
    case SignatureScheme::rsa_pss_pss_sha512: return make(K::rsa_pss, HashAlg::sha512);
    case SignatureScheme::ed25519: return make(K::ed25519, HashAlg::sha512);
    default: break;
  }
  char code[8];
  std::snprintf(code, sizeof code, "0x%04x", static_cast<unsigned>(s));
  return make_error(Alert::illegal_parameter,
                    "signature scheme " + name_of(s) + " (" + code + ") is not supported");
}

bool scheme_fits_key(SignatureScheme s, KeyType t, bool tls13) {
  switch (s) {
    case SignatureScheme::ed25519: return t == KeyType::ed25519;
    // TLS 1.3 binds the curve to the hash; TLS 1.2's ecdsa_* only names the hash.
    case SignatureScheme::ecdsa_secp256r1_sha256:
      return t == KeyType::ecdsa_p256 || (!tls13 && t == KeyType::ecdsa_p384);
    case SignatureScheme::ecdsa_secp384r1_sha384:
      return t == KeyType::ecdsa_p384 || (!tls13 && t == KeyType::ecdsa_p256);
    case SignatureScheme::ecdsa_secp521r1_sha512:
      return !tls13 && (t == KeyType::ecdsa_p256 || t == KeyType::ecdsa_p384);
    // rsae: the key is an rsaEncryption key; pss: an id-RSASSA-PSS key.
    case SignatureScheme::rsa_pss_rsae_sha256:
    case SignatureScheme::rsa_pss_rsae_sha384:
    case SignatureScheme::rsa_pss_rsae_sha512: return t == KeyType::rsa;
    case SignatureScheme::rsa_pss_pss_sha256:
    case SignatureScheme::rsa_pss_pss_sha384:
    case SignatureScheme::rsa_pss_pss_sha512: return t == KeyType::rsa_pss;
    // PKCS#1 v1.5 never signs TLS 1.3 handshake messages (only certificates).
    case SignatureScheme::rsa_pkcs1_sha256:
    case SignatureScheme::rsa_pkcs1_sha384:
    case SignatureScheme::rsa_pkcs1_sha512: return !tls13 && t == KeyType::rsa;
    default: return false;
  }
}

std::string_view key_type_name(KeyType t) {
  switch (t) {
    case KeyType::rsa: return "RSA";
    case KeyType::rsa_pss: return "RSA-PSS";
    case KeyType::ecdsa_p256: return "ECDSA P-256";
    case KeyType::ecdsa_p384: return "ECDSA P-384";
    case KeyType::ed25519: return "Ed25519";
  }
  return "unknown key type";
}

}  // namespace glass::crypto
