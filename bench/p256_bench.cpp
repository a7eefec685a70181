// glass_p256_bench: ECDSA P-256 sign / verify and P-256 ECDH (key generation +
// shared secret) through crypto/'s public API on our P-256 and on mbedTLS (the
// backend switched at run time), beside OpenSSL's EVP. Medians of per-thread CPU
// time over rounds, interleaved ours / mbedTLS / OpenSSL.
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "crypto/p256_ecdsa.hpp"
#include "crypto/signature.hpp"

using namespace glass;

namespace {

double cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "glass_p256_bench: %s failed\n", what);
  std::exit(1);
}

struct Row {
  std::string name;
  std::function<void()> fn[3];  // ours, mbedTLS, OpenSSL
  std::vector<double> samples[3];
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

EVP_PKEY* ossl_p256_key() {
  EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (!k) fail("EVP_PKEY_Q_keygen");
  return k;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 15;
  const int iters = argc > 2 ? std::atoi(argv[2]) : 40;
  auto& rng = crypto::system_rng();
  const std::string msg(130, 'm');
  const core::ByteView m = core::as_bytes(msg);
  const auto scheme = crypto::SignatureScheme::ecdsa_secp256r1_sha256;

  // Keys on each backend (a key remembers the backend it was made with).
  crypto::p256::set_native_enabled(true);
  auto key_ours = crypto::SigningKey::generate(crypto::KeyType::ecdsa_p256, rng).value();
  auto ks_ours = crypto::KeyShare::generate(crypto::NamedGroup::secp256r1, rng).value();
  crypto::p256::set_native_enabled(false);
  auto key_mbed = crypto::SigningKey::ecdsa(crypto::NamedGroup::secp256r1, key_ours.ec_scalar()).value();
  crypto::p256::set_native_enabled(true);
  const core::Bytes sig = key_ours.sign(scheme, m, rng).value();
  if (!key_mbed.public_key().verify(scheme, m, sig)) fail("cross verify");

  EVP_PKEY* okey = ossl_p256_key();
  EVP_PKEY* opeer = ossl_p256_key();
  std::vector<unsigned char> osig(80);
  {
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    std::size_t len = osig.size();
    if (EVP_DigestSignInit(c, nullptr, EVP_sha256(), nullptr, okey) != 1 ||
        EVP_DigestSign(c, osig.data(), &len, m.data(), m.size()) != 1)
      fail("EVP_DigestSign");
    osig.resize(len);
    EVP_MD_CTX_free(c);
  }

  std::vector<Row> rows(3);
  rows[0].name = "ECDSA P-256 SHA-256 sign";
  rows[0].fn[0] = [&] { if (!key_ours.sign(scheme, m, rng)) fail("sign"); };
  rows[0].fn[1] = [&] { if (!key_mbed.sign(scheme, m, rng)) fail("sign"); };
  rows[0].fn[2] = [&] {
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    unsigned char out[80];
    std::size_t len = sizeof out;
    if (EVP_DigestSignInit(c, nullptr, EVP_sha256(), nullptr, okey) != 1 ||
        EVP_DigestSign(c, out, &len, m.data(), m.size()) != 1)
      fail("EVP_DigestSign");
    EVP_MD_CTX_free(c);
  };
  rows[1].name = "ECDSA P-256 SHA-256 verify";
  rows[1].fn[0] = [&] { if (!key_ours.public_key().verify(scheme, m, sig)) fail("verify"); };
  rows[1].fn[1] = [&] { if (!key_mbed.public_key().verify(scheme, m, sig)) fail("verify"); };
  rows[1].fn[2] = [&] {
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    if (EVP_DigestVerifyInit(c, nullptr, EVP_sha256(), nullptr, okey) != 1 ||
        EVP_DigestVerify(c, osig.data(), osig.size(), m.data(), m.size()) != 1)
      fail("EVP_DigestVerify");
    EVP_MD_CTX_free(c);
  };
  // ECDH as a TLS side does it: a fresh key pair, then the shared secret.
  rows[2].name = "P-256 ECDH (keygen + shared secret)";
  const core::Bytes peer(ks_ours.public_key().begin(), ks_ours.public_key().end());
  auto ecdh_glass = [&](bool native) {
    crypto::p256::set_native_enabled(native);
    auto k = crypto::KeyShare::generate(crypto::NamedGroup::secp256r1, rng);
    if (!k || !k->shared_secret(peer)) fail("KeyShare");
    crypto::p256::set_native_enabled(true);
  };
  rows[2].fn[0] = [&] { ecdh_glass(true); };
  rows[2].fn[1] = [&] { ecdh_glass(false); };
  rows[2].fn[2] = [&] {
    EVP_PKEY* k = ossl_p256_key();
    EVP_PKEY_CTX* c = EVP_PKEY_CTX_new(k, nullptr);
    unsigned char out[32];
    std::size_t len = sizeof out;
    if (EVP_PKEY_derive_init(c) != 1 || EVP_PKEY_derive_set_peer(c, opeer) != 1 ||
        EVP_PKEY_derive(c, out, &len) != 1)
      fail("EVP_PKEY_derive");
    EVP_PKEY_CTX_free(c);
    EVP_PKEY_free(k);
  };

  for (auto& r : rows)
    for (auto& f : r.fn) f();  // warm up (builds our table of multiples of G)
  for (int round = 0; round < rounds; ++round)
    for (auto& r : rows)
      for (int lib = 0; lib < 3; ++lib) {
        const int n = lib == 1 ? std::max(1, iters / 8) : iters;  // mbedTLS is slow
        const double t0 = cpu_ns();
        for (int i = 0; i < n; ++i) r.fn[lib]();
        r.samples[lib].push_back((cpu_ns() - t0) / n);
      }

  double load[3] = {0, 0, 0};
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  std::printf("%d rounds, median per-thread CPU time; load average %.2f %.2f %.2f\n\n", rounds,
              load[0], load[1], load[2]);
  std::printf("| operation | glasstls µs | mbedTLS µs | OpenSSL µs | glasstls ÷ OpenSSL |\n");
  std::printf("|---|---:|---:|---:|---:|\n");
  for (auto& r : rows) {
    const double a = median(r.samples[0]) / 1e3, b = median(r.samples[1]) / 1e3,
                 c = median(r.samples[2]) / 1e3;
    std::printf("| %s | %.1f | %.1f | %.1f | %.2f |\n", r.name.c_str(), a, b, c, a / c);
  }
  EVP_PKEY_free(okey);
  EVP_PKEY_free(opeer);
  return 0;
}
