#include "bench/floor.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "bench/openssl_side.hpp"
#include "crypto/key_exchange.hpp"
#include "x509/certificate.hpp"

namespace glass::bench {

FloorCounts floor_counts(const Case& c) {
  FloorCounts f;
  int signers = c.mutual ? 2 : 1;
  f.sign = signers;
  f.verify = signers;
  f.cert_verify = signers;
  return f;
}

namespace {

// The TLS 1.3 CertificateVerify content for SHA-256: 64 spaces, context, 0, hash.
core::Bytes cv_content() {
  const char* ctx = "TLS 1.3, server CertificateVerify";
  core::Bytes b;
  b.reserve(130);
  b.resize(64, 0x20);
  for (const char* p = ctx; *p; ++p) b.push_back(static_cast<std::uint8_t>(*p));
  b.push_back(0);
  for (int i = 0; i < 32; ++i) b.push_back(static_cast<std::uint8_t>(i * 7));
  return b;
}

std::unique_ptr<Op> make_op(std::string name, std::function<void()> fn) {
  auto op = std::make_unique<Op>();
  op->name = std::move(name);
  op->fn = std::move(fn);
  return op;
}

const EVP_MD* md_for(crypto::KeyType t) { return t == crypto::KeyType::ed25519 ? nullptr : EVP_sha256(); }

void set_pss(EVP_PKEY_CTX* pctx, crypto::KeyType t) {
  if (t != crypto::KeyType::rsa) return;
  EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
  EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
}

std::vector<unsigned char> ossl_sign(EVP_PKEY* key, crypto::KeyType t, const core::Bytes& msg) {
  EVP_MD_CTX* m = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  if (EVP_DigestSignInit(m, &pctx, md_for(t), nullptr, key) != 1) fail("DigestSignInit");
  set_pss(pctx, t);
  std::vector<unsigned char> sig(EVP_PKEY_get_size(key));
  std::size_t len = sig.size();
  if (EVP_DigestSign(m, sig.data(), &len, msg.data(), msg.size()) != 1) fail("DigestSign");
  sig.resize(len);
  EVP_MD_CTX_free(m);
  return sig;
}

void ossl_verify(EVP_PKEY* key, crypto::KeyType t, const core::Bytes& msg,
                 const std::vector<unsigned char>& sig) {
  EVP_MD_CTX* m = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  if (EVP_DigestVerifyInit(m, &pctx, md_for(t), nullptr, key) != 1) fail("DigestVerifyInit");
  set_pss(pctx, t);
  if (EVP_DigestVerify(m, sig.data(), sig.size(), msg.data(), msg.size()) != 1)
    fail("OpenSSL signature does not verify");
  EVP_MD_CTX_free(m);
}

}  // namespace

std::vector<Op*> FloorSet::all() {
  std::vector<Op*> v = {&glass.keygen, &openssl.keygen, &glass.derive, &openssl.derive};
  for (auto& [t, op] : glass.sign) {
    v.push_back(op.get());
    v.push_back(openssl.sign[t].get());
    v.push_back(glass.verify[t].get());
    v.push_back(openssl.verify[t].get());
    v.push_back(glass.cert_verify[t].get());
    v.push_back(openssl.cert_verify[t].get());
  }
  return v;
}

std::unique_ptr<FloorSet> make_floor_ops(const std::vector<crypto::KeyType>& types) {
  auto fs = std::make_unique<FloorSet>();
  auto& rng = crypto::system_rng();
  // X25519, ours.
  fs->glass.keygen.name = "glass X25519 keygen";
  fs->glass.keygen.fn = [&rng] {
    auto k = crypto::KeyShare::generate(crypto::NamedGroup::x25519, rng);
    if (!k) fail("KeyShare::generate");
  };
  auto a = std::make_shared<crypto::KeyShare>(
      crypto::KeyShare::generate(crypto::NamedGroup::x25519, rng).value());
  auto b = std::make_shared<crypto::KeyShare>(
      crypto::KeyShare::generate(crypto::NamedGroup::x25519, rng).value());
  fs->glass.derive.name = "glass X25519 shared secret";
  fs->glass.derive.fn = [a, b] {
    if (!a->shared_secret(b->public_key())) fail("X25519 shared secret");
  };
  // X25519, OpenSSL (as libssl does it: a fresh EVP_PKEY, a derive context per secret).
  fs->openssl.keygen.name = "OpenSSL X25519 keygen";
  fs->openssl.keygen.fn = [] {
    EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519");
    if (!k) fail("EVP_PKEY_Q_keygen");
    EVP_PKEY_free(k);
  };
  std::shared_ptr<EVP_PKEY> oa(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"), EVP_PKEY_free);
  std::shared_ptr<EVP_PKEY> ob(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"), EVP_PKEY_free);
  fs->openssl.derive.name = "OpenSSL X25519 shared secret";
  fs->openssl.derive.fn = [oa, ob] {
    EVP_PKEY_CTX* c = EVP_PKEY_CTX_new(oa.get(), nullptr);
    unsigned char out[32];
    std::size_t len = sizeof out;
    if (EVP_PKEY_derive_init(c) != 1 || EVP_PKEY_derive_set_peer(c, ob.get()) != 1 ||
        EVP_PKEY_derive(c, out, &len) != 1)
      fail("EVP_PKEY_derive");
    EVP_PKEY_CTX_free(c);
  };

  auto msg = std::make_shared<core::Bytes>(cv_content());
  for (crypto::KeyType t : types) {
    const Material& m = material(t);
    std::string tn(crypto::key_type_name(t));
    crypto::SignatureScheme scheme = t == crypto::KeyType::ed25519 ? crypto::SignatureScheme::ed25519
                                     : t == crypto::KeyType::rsa
                                         ? crypto::SignatureScheme::rsa_pss_rsae_sha256
                                         : crypto::SignatureScheme::ecdsa_secp256r1_sha256;
    auto key = m.pki.server.key;
    auto sig = std::make_shared<core::Bytes>(key->sign(scheme, *msg, rng).value());
    fs->glass.sign[t] = make_op("glass sign " + tn, [key, scheme, msg, &rng] {
      if (!key->sign(scheme, *msg, rng)) fail("sign");
    });
    fs->glass.verify[t] = make_op("glass verify " + tn, [key, scheme, msg, sig] {
      if (!key->public_key().verify(scheme, *msg, *sig)) fail("verify");
    });
    // Certificate signature: the server leaf checked with the CA's key.
    auto leaf = std::make_shared<x509::Certificate>(x509::Certificate::parse(m.pki.server.der).value());
    auto ca_key = std::make_shared<crypto::VerifyingKey>(m.pki.ca.key->public_key());
    fs->glass.cert_verify[t] = make_op("glass cert signature " + tn, [leaf, ca_key] {
      if (!x509::verify_signature(*leaf, *ca_key)) fail("verify_signature");
    });

    std::shared_ptr<EVP_PKEY> okey(ossl_key(m.server_key_pkcs8), EVP_PKEY_free);
    auto osig = std::make_shared<std::vector<unsigned char>>(ossl_sign(okey.get(), t, *msg));
    fs->openssl.sign[t] = make_op("OpenSSL sign " + tn, [okey, t, msg] { ossl_sign(okey.get(), t, *msg); });
    fs->openssl.verify[t] = make_op("OpenSSL verify " + tn, [okey, t, msg, osig] {
      ossl_verify(okey.get(), t, *msg, *osig);
    });
    std::shared_ptr<X509> oleaf(ossl_cert(m.pki.server.der), X509_free);
    std::shared_ptr<X509> oca(ossl_cert(m.pki.ca.der), X509_free);
    std::shared_ptr<EVP_PKEY> ocak(X509_get_pubkey(oca.get()), EVP_PKEY_free);
    fs->openssl.cert_verify[t] = make_op("OpenSSL cert signature " + tn, [oleaf, ocak] {
      if (X509_verify(oleaf.get(), ocak.get()) != 1) fail("X509_verify");
    });
  }
  return fs;
}

double floor_ns(const PrimitiveOps& ops, const Case& c) {
  FloorCounts f = floor_counts(c);
  return f.keygen * ops.keygen.median_ns() + f.derive * ops.derive.median_ns() +
         f.sign * ops.sign.at(c.key_type)->median_ns() +
         f.verify * ops.verify.at(c.key_type)->median_ns() +
         f.cert_verify * ops.cert_verify.at(c.key_type)->median_ns();
}

}  // namespace glass::bench
