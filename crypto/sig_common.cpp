// Helpers every signature algorithm file shares: mbedTLS glue, labels for
// error reasons, digests.
#include <sodium.h>

#include <cstdio>

#include "crypto/sig_provider.hpp"

namespace glass::crypto {

int rng_callback(void* ctx, unsigned char* out, std::size_t n) {
  static_cast<Rng*>(ctx)->fill(MutByteView(out, n));
  return 0;
}

std::string mbed_code(int rc) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-0x%04x", static_cast<unsigned>(-rc));
  return buf;
}

mbedtls_md_type_t md_type(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return MBEDTLS_MD_SHA1;
    case HashAlg::sha256: return MBEDTLS_MD_SHA256;
    case HashAlg::sha384: return MBEDTLS_MD_SHA384;
    case HashAlg::sha512: return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

std::string hash_label(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return "SHA-1";
    case HashAlg::sha256: return "SHA-256";
    case HashAlg::sha384: return "SHA-384";
    case HashAlg::sha512: return "SHA-512";
  }
  return "unknown hash";
}

Bytes digest(HashAlg h, ByteView m) {
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md_type(h));
  Bytes out(mbedtls_md_get_size(info));
  mbedtls_md(info, m.data(), m.size(), out.data());
  return out;
}

std::string alg_label(const SigAlgorithm& a) {
  switch (a.kind) {
    case SigAlgorithm::Kind::ed25519: return "Ed25519";
    case SigAlgorithm::Kind::ecdsa: return "ECDSA with " + hash_label(a.hash);
    case SigAlgorithm::Kind::rsa_pkcs1: return "RSA PKCS#1 v1.5 with " + hash_label(a.hash);
    case SigAlgorithm::Kind::rsa_pss:
      return "RSA-PSS (" + hash_label(a.hash) + ", MGF1 " + hash_label(a.mgf1_hash) +
             ", salt " + std::to_string(a.salt_len) + ")";
  }
  return "unknown algorithm";
}

std::string SigLabel::text() const {
  return alg_label(alg) + " signature by " + std::string(key_type_name(key)) + " key";
}

core::Error kind_mismatch(const SigAlgorithm& a, KeyType t) {
  return core::make_error(core::Alert::illegal_parameter,
                          alg_label(a) + " cannot be used with an " +
                              std::string(key_type_name(t)) + " key");
}

Bytes strip_zeros(ByteView v) {
  std::size_t z = 0;
  while (z < v.size() && v[z] == 0) ++z;
  return Bytes(v.begin() + static_cast<std::ptrdiff_t>(z), v.end());
}

Bytes mpi_bytes(const mbedtls_mpi& x) {
  Bytes out(mbedtls_mpi_size(&x));
  mbedtls_mpi_write_binary(&x, out.data(), out.size());
  return out;
}

void ensure_sodium() {
  static const int ok = sodium_init();
  (void)ok;  // 0 or 1 (already initialised); -1 cannot happen on Linux
}

}  // namespace glass::crypto
