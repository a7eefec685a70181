#include "handshake/config.hpp"

namespace glass::handshake {

std::string_view name_of(ClientAuthMode m) {
  switch (m) {
    case ClientAuthMode::none: return "none";
    case ClientAuthMode::request: return "request";
    case ClientAuthMode::require: return "require";
  }
  return "unknown";
}

std::vector<CipherSuite> Config::default_cipher_suites() {
  return {CipherSuite::TLS_AES_128_GCM_SHA256,
          CipherSuite::TLS_AES_256_GCM_SHA384,
          CipherSuite::TLS_CHACHA20_POLY1305_SHA256,
          CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
          CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
          CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
          CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
          CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
          CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
}

std::vector<crypto::SignatureScheme> Config::default_signature_schemes() {
  using S = crypto::SignatureScheme;
  return {S::ed25519,          S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384,
          S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512,
          S::rsa_pss_pss_sha256,  S::rsa_pss_pss_sha384,  S::rsa_pss_pss_sha512,
          S::rsa_pkcs1_sha256,    S::rsa_pkcs1_sha384,    S::rsa_pkcs1_sha512};
}

}  // namespace glass::handshake
