#include "bench/openssl_side.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <vector>

namespace glass::bench {

std::string ossl_errors() {
  std::string s;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    s += (s.empty() ? "" : "; ") + std::string(buf);
  }
  return s.empty() ? "(no OpenSSL error queued)" : s;
}

X509* ossl_cert(const core::Bytes& der) {
  const unsigned char* p = der.data();
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!x) fail("d2i_X509: " + ossl_errors());
  return x;
}

EVP_PKEY* ossl_key(const core::Bytes& pkcs8) {
  const unsigned char* p = pkcs8.data();
  EVP_PKEY* k = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(pkcs8.size()));
  if (!k) fail("d2i_AutoPrivateKey: " + ossl_errors());
  return k;
}

OsslEnv::~OsslEnv() {
  SSL_CTX_free(client);
  SSL_CTX_free(server);
}

std::unique_ptr<OsslEnv> ossl_env(const Case& c, const Material& m, bool release_buffers) {
  auto env = std::make_unique<OsslEnv>();
  X509* ca = ossl_cert(m.pki.ca.der);
  auto common = [&](SSL_CTX* ctx) {
    int v = c.tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, v);
    SSL_CTX_set_max_proto_version(ctx, v);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    // Each side sends only its leaf, like ours.
    SSL_CTX_set_mode(ctx, SSL_MODE_NO_AUTO_CHAIN);
    if (release_buffers) SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    // TLS 1.2 ties the ECDSA certificate's curve to supported_groups (RFC 8422 5.1),
    // so P-256 is offered too; X25519 comes first and is what ECDHE uses.
    if (!SSL_CTX_set1_groups_list(ctx, c.tls13 ? "X25519" : "X25519:P-256"))
      fail("groups: " + ossl_errors());
    int ok = c.tls13 ? SSL_CTX_set_ciphersuites(ctx, c.openssl_suite)
                     : SSL_CTX_set_cipher_list(ctx, c.openssl_suite);
    if (!ok) fail("cipher suite: " + ossl_errors());
    X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), ca);
  };
  auto identity = [&](SSL_CTX* ctx, const x509::IssuedCertificate& leaf, const core::Bytes& key) {
    X509* x = ossl_cert(leaf.der);
    EVP_PKEY* k = ossl_key(key);
    if (SSL_CTX_use_certificate(ctx, x) != 1 || SSL_CTX_use_PrivateKey(ctx, k) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1)
      fail("OpenSSL identity: " + ossl_errors());
    X509_free(x);
    EVP_PKEY_free(k);
  };
  env->client = SSL_CTX_new(TLS_client_method());
  env->server = SSL_CTX_new(TLS_server_method());
  if (!env->client || !env->server) fail("SSL_CTX_new: " + ossl_errors());
  common(env->client);
  common(env->server);
  // Client: check the server's chain and name (ours checks "localhost" too).
  SSL_CTX_set_verify(env->client, SSL_VERIFY_PEER, nullptr);
  X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(env->client), "localhost", 0);
  if (c.mutual) identity(env->client, m.pki.client, m.client_key_pkcs8);
  identity(env->server, m.pki.server, m.server_key_pkcs8);
  if (c.mutual) {
    SSL_CTX_set_verify(env->server, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    // Name the CA in CertificateRequest, as ours does (certificate_authorities).
    SSL_CTX_add_client_CA(env->server, ca);
  }
  X509_free(ca);
  return env;
}

OsslPair::OsslPair(OsslPair&& o) noexcept
    : client(o.client), server(o.server), wire_bytes(o.wire_bytes) {
  o.client = o.server = nullptr;
}
OsslPair::~OsslPair() {
  free_client();
  free_server();
}
void OsslPair::free_client() {
  SSL_free(client);
  client = nullptr;
}
void OsslPair::free_server() {
  SSL_free(server);
  server = nullptr;
}

namespace {
// Moves what `from` wrote into `to`'s read BIO; returns the byte count.
std::size_t move_bytes(SSL* from, SSL* to) {
  static unsigned char buf[1 << 16];
  BIO* w = SSL_get_wbio(from);
  BIO* r = SSL_get_rbio(to);
  std::size_t total = 0;
  while (BIO_ctrl_pending(w) > 0) {
    int n = BIO_read(w, buf, sizeof buf);
    if (n <= 0) break;
    if (BIO_write(r, buf, n) != n) fail("BIO_write failed");
    total += static_cast<std::size_t>(n);
  }
  return total;
}

SSL* new_ssl(SSL_CTX* ctx) {
  SSL* s = SSL_new(ctx);
  if (!s) fail("SSL_new: " + ossl_errors());
  SSL_set_bio(s, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
  return s;
}
}  // namespace

OsslPair ossl_connect(const OsslEnv& env, SSL_SESSION* session) {
  OsslPair p;
  p.client = new_ssl(env.client);
  p.server = new_ssl(env.server);
  if (session) SSL_set_session(p.client, session);
  SSL_set_tlsext_host_name(p.client, "localhost");  // SNI, as ours sends
  SSL_set_connect_state(p.client);
  SSL_set_accept_state(p.server);
  for (int round = 0; round < 20; ++round) {
    if (!SSL_is_init_finished(p.client)) SSL_do_handshake(p.client);
    std::size_t c = move_bytes(p.client, p.server);
    if (!SSL_is_init_finished(p.server)) SSL_do_handshake(p.server);
    std::size_t s = move_bytes(p.server, p.client);
    p.wire_bytes += c + s;
    if (c == 0 && s == 0 && SSL_is_init_finished(p.client) && SSL_is_init_finished(p.server))
      break;
  }
  if (!SSL_is_init_finished(p.client) || !SSL_is_init_finished(p.server))
    fail("OpenSSL handshake did not complete: " + ossl_errors());
  return p;
}

std::string ossl_describe(const OsslPair& p) {
  std::string s = std::string(SSL_get_version(p.client)) + " " + SSL_get_cipher_name(p.client);
  int nid = 0;
  s += ", server signs ";
  s += SSL_get_peer_signature_type_nid(p.client, &nid) ? OBJ_nid2sn(nid) : "-";
  int hnid = 0;
  if (SSL_get_peer_signature_nid(p.client, &hnid)) s += std::string("+") + OBJ_nid2sn(hnid);
  s += ", client signs ";
  nid = 0;
  s += SSL_get_peer_signature_type_nid(p.server, &nid) ? OBJ_nid2sn(nid) : "-";
  STACK_OF(X509)* sc = SSL_get_peer_cert_chain(p.client);  // includes the leaf on the client
  STACK_OF(X509)* cc = SSL_get_peer_cert_chain(p.server);  // excludes it on the server
  X509* cl = SSL_get1_peer_certificate(p.server);
  s += ", certs sent: server " + std::to_string(sc ? sk_X509_num(sc) : 0) + " client " +
       std::to_string((cc ? sk_X509_num(cc) : 0) + (cl ? 1 : 0));
  s += ", verified: " +
       std::string(SSL_get_verify_result(p.client) == X509_V_OK ? "yes" : "no") + "/" +
       (!cl ? "-" : SSL_get_verify_result(p.server) == X509_V_OK ? "yes" : "no");
  X509_free(cl);
  s += ", wire " + std::to_string(p.wire_bytes) + " B";
  return s;
}

std::size_t ossl_transfer(OsslPair& p, std::size_t total, std::size_t chunk) {
  static std::vector<unsigned char> data(1 << 20, 0x5a), sink(1 << 16);
  std::size_t got = 0;
  for (std::size_t sent = 0; sent < total; sent += chunk) {
    if (SSL_write(p.client, data.data(), static_cast<int>(chunk)) != static_cast<int>(chunk))
      fail("SSL_write: " + ossl_errors());
    move_bytes(p.client, p.server);
    for (;;) {
      int n = SSL_read(p.server, sink.data(), static_cast<int>(sink.size()));
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
  }
  if (got != total) fail("OpenSSL transfer lost bytes");
  return got;
}

}  // namespace glass::bench
