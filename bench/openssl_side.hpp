#pragma once
// OpenSSL under test: SSL_CTX pair with the same certificates and settings as
// glass_env, and SSL objects wired through memory BIOs.
#include <cstddef>
#include <memory>
#include <string>

#include <openssl/ssl.h>

#include "bench/bench.hpp"

namespace glass::bench {

struct OsslEnv {
  SSL_CTX* client = nullptr;
  SSL_CTX* server = nullptr;
  OsslEnv() = default;
  OsslEnv(const OsslEnv&) = delete;
  OsslEnv& operator=(const OsslEnv&) = delete;
  ~OsslEnv();
};
// release_buffers: SSL_MODE_RELEASE_BUFFERS on both sides.
std::unique_ptr<OsslEnv> ossl_env(const Case& c, const Material& m, bool release_buffers = false);

struct OsslPair {
  SSL* client = nullptr;
  SSL* server = nullptr;
  std::size_t wire_bytes = 0;
  OsslPair() = default;
  OsslPair(OsslPair&& o) noexcept;
  OsslPair& operator=(OsslPair&&) = delete;
  ~OsslPair();
  void free_client();
  void free_server();
};
// session: offered for resumption (SSL_set_session), or null.
OsslPair ossl_connect(const OsslEnv& env, SSL_SESSION* session = nullptr);
std::string ossl_describe(const OsslPair& p);
std::size_t ossl_transfer(OsslPair& p, std::size_t total, std::size_t chunk);

// DER helpers shared with the parse benchmarks.
X509* ossl_cert(const core::Bytes& der);
EVP_PKEY* ossl_key(const core::Bytes& pkcs8);
std::string ossl_errors();

}  // namespace glass::bench
