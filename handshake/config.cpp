#include "handshake/config.hpp"

#include "crypto/aead.hpp"

namespace glass::handshake {

std::string_view name_of(ClientAuthMode m) {
  switch (m) {
    case ClientAuthMode::none: return "none";
    case ClientAuthMode::request: return "request";
    case ClientAuthMode::require: return "require";
  }
  return "unknown";
}

std::string_view name_of(ClientCertPolicy p) {
  switch (p) {
    case ClientCertPolicy::automatic: return "auto";
    case ClientCertPolicy::always: return "always";
    case ClientCertPolicy::never: return "never";
  }
  return "unknown";
}

// Fastest first on this CPU: AES-GCM when it runs on AES-NI, ChaCha20-Poly1305
// otherwise. A client offers in this order and a server picks the first of these
// the client offers, so both follow the machine's speed unless configured.
std::vector<CipherSuite> Config::default_cipher_suites() {
  return default_cipher_suites(crypto::aes_gcm_is_fast());
}

std::vector<CipherSuite> Config::default_cipher_suites(bool aes_gcm_first) {
  using C = CipherSuite;
  if (aes_gcm_first) {
    return {C::TLS_AES_128_GCM_SHA256,
            C::TLS_AES_256_GCM_SHA384,
            C::TLS_CHACHA20_POLY1305_SHA256,
            C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
  }
  return {C::TLS_CHACHA20_POLY1305_SHA256,
          C::TLS_AES_128_GCM_SHA256,
          C::TLS_AES_256_GCM_SHA384,
          C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
          C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
          C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
          C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
          C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
          C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384};
}

std::vector<crypto::SignatureScheme> Config::default_signature_schemes() {
  using S = crypto::SignatureScheme;
  return {S::ed25519,          S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384,
          S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512,
          S::rsa_pss_pss_sha256,  S::rsa_pss_pss_sha384,  S::rsa_pss_pss_sha512,
          S::rsa_pkcs1_sha256,    S::rsa_pkcs1_sha384,    S::rsa_pkcs1_sha512};
}

}  // namespace glass::handshake
