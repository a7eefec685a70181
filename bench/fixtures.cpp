#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>

#include "bench/bench.hpp"
#include "crypto/random.hpp"
#include "x509/private_key.hpp"

namespace glass::bench {

using handshake::CipherSuite;
using crypto::KeyType;
using crypto::SignatureScheme;

std::vector<Case> handshake_cases() {
  return {
      {"TLS 1.3 mTLS, Ed25519, X25519", KeyType::ed25519, true, true,
       CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256", SignatureScheme::ed25519},
      {"TLS 1.3 mTLS, ECDSA P-256, X25519", KeyType::ecdsa_p256, true, true,
       CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256",
       SignatureScheme::ecdsa_secp256r1_sha256},
      {"TLS 1.3 mTLS, Ed25519, X25519MLKEM768 (OpenSSL: X25519)", KeyType::ed25519, true, true,
       CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256", SignatureScheme::ed25519,
       true},
      {"TLS 1.3 mTLS, RSA-2048 PSS, X25519", KeyType::rsa, true, true,
       CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256",
       SignatureScheme::rsa_pss_rsae_sha256},
      {"TLS 1.3 server auth, ECDSA P-256, X25519", KeyType::ecdsa_p256, true, false,
       CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256",
       SignatureScheme::ecdsa_secp256r1_sha256},
      {"TLS 1.2 mTLS, ECDHE-ECDSA-AES128-GCM, X25519", KeyType::ecdsa_p256, false, true,
       CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256",
       SignatureScheme::ecdsa_secp256r1_sha256},
  };
}

const Material& material(KeyType t) {
  static std::map<KeyType, std::unique_ptr<Material>> cache;
  auto& slot = cache[t];
  if (!slot) {
    crypto::SeededRng rng(0x62656e6368ULL + static_cast<unsigned>(t));
    x509::PkiOptions o;
    o.key_type = t;
    o.now = static_cast<x509::der::Time>(std::time(nullptr));  // OpenSSL checks the real clock
    auto pki = x509::make_test_pki(o, rng);
    if (!pki) fail("test PKI: " + pki.error().to_string());
    auto m = std::make_unique<Material>();
    m->key_type = t;
    m->pki = std::move(pki).value();
    auto sk = x509::encode_pkcs8(*m->pki.server.key);
    auto ck = x509::encode_pkcs8(*m->pki.client.key);
    if (!sk || !ck) fail("PKCS#8 encoding of the test keys failed");
    m->server_key_pkcs8.assign(sk->data(), sk->data() + sk->size());
    m->client_key_pkcs8.assign(ck->data(), ck->data() + ck->size());
    slot = std::move(m);
  }
  return *slot;
}

std::int64_t thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void run_interleaved(std::vector<Op*> ops, const Timing& t) {
  for (Op* op : ops) {
    op->fn();  // warm-up (lazy initialisation, caches)
    int n = 1;
    for (;;) {
      auto t0 = thread_cpu_ns();
      for (int i = 0; i < n; ++i) op->fn();
      double secs = static_cast<double>(thread_cpu_ns() - t0) / 1e9;
      if (secs >= t.batch_seconds / 4 || n >= (1 << 22)) {
        double per = secs / n;
        op->batch = std::max(1, static_cast<int>(t.batch_seconds / std::max(per, 1e-9)));
        break;
      }
      n *= 2;
    }
  }
  for (int r = 0; r < t.rounds; ++r) {
    for (Op* op : ops) {
      auto t0 = thread_cpu_ns();
      for (int i = 0; i < op->batch; ++i) op->fn();
      op->ns.push_back(static_cast<double>(thread_cpu_ns() - t0) / op->batch);
    }
  }
}

void fail(const std::string& what) {
  std::fprintf(stderr, "glass_bench: %s\n", what.c_str());
  std::exit(1);
}

}  // namespace glass::bench
