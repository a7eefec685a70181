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

struct Args {
  int rounds = 15;
  int iters = 40;  // calls per round (mbedTLS: an eighth)
};

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc > 1) a.rounds = std::atoi(argv[1]);
  if (argc > 2) a.iters = std::atoi(argv[2]);
  return a;
}

crypto::SigningKey native_key(crypto::Rng& rng) {
  crypto::p256::set_native_enabled(true);
  return crypto::SigningKey::generate(crypto::KeyType::ecdsa_p256, rng).value();
}

crypto::KeyShare native_share(crypto::Rng& rng) {
  crypto::p256::set_native_enabled(true);
  return crypto::KeyShare::generate(crypto::NamedGroup::secp256r1, rng).value();
}

// The same key on mbedTLS (a key remembers the backend it was made with).
crypto::SigningKey mbed_key(const crypto::SigningKey& ours) {
  crypto::p256::set_native_enabled(false);
  auto k = crypto::SigningKey::ecdsa(crypto::NamedGroup::secp256r1, ours.ec_scalar()).value();
  crypto::p256::set_native_enabled(true);
  return k;
}

// Keys, message and signatures the measured operations use, on each backend.
struct Fixture {
  crypto::Rng& rng = crypto::system_rng();
  const std::string msg = std::string(130, 'm');
  const core::ByteView m = core::as_bytes(msg);
  const crypto::SignatureScheme scheme = crypto::SignatureScheme::ecdsa_secp256r1_sha256;
  crypto::SigningKey key_ours = native_key(rng);
  crypto::KeyShare ks_ours = native_share(rng);
  crypto::SigningKey key_mbed = mbed_key(key_ours);
  const core::Bytes sig = key_ours.sign(scheme, m, rng).value();
  EVP_PKEY* okey = ossl_p256_key();
  EVP_PKEY* opeer = ossl_p256_key();
  std::vector<unsigned char> osig;

  Fixture() {
    if (!key_mbed.public_key().verify(scheme, m, sig)) fail("cross verify");
    osig.resize(80);
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    std::size_t len = osig.size();
    if (EVP_DigestSignInit(c, nullptr, EVP_sha256(), nullptr, okey) != 1 ||
        EVP_DigestSign(c, osig.data(), &len, m.data(), m.size()) != 1)
      fail("EVP_DigestSign");
    osig.resize(len);
    EVP_MD_CTX_free(c);
  }
  ~Fixture() {
    EVP_PKEY_free(okey);
    EVP_PKEY_free(opeer);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
};

Row sign_row(Fixture& f) {
  Row r;
  r.name = "ECDSA P-256 SHA-256 sign";
  r.fn[0] = [&f] { if (!f.key_ours.sign(f.scheme, f.m, f.rng)) fail("sign"); };
  r.fn[1] = [&f] { if (!f.key_mbed.sign(f.scheme, f.m, f.rng)) fail("sign"); };
  r.fn[2] = [&f] {
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    unsigned char out[80];
    std::size_t len = sizeof out;
    if (EVP_DigestSignInit(c, nullptr, EVP_sha256(), nullptr, f.okey) != 1 ||
        EVP_DigestSign(c, out, &len, f.m.data(), f.m.size()) != 1)
      fail("EVP_DigestSign");
    EVP_MD_CTX_free(c);
  };
  return r;
}

Row verify_row(Fixture& f) {
  Row r;
  r.name = "ECDSA P-256 SHA-256 verify";
  r.fn[0] = [&f] { if (!f.key_ours.public_key().verify(f.scheme, f.m, f.sig)) fail("verify"); };
  r.fn[1] = [&f] { if (!f.key_mbed.public_key().verify(f.scheme, f.m, f.sig)) fail("verify"); };
  r.fn[2] = [&f] {
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    if (EVP_DigestVerifyInit(c, nullptr, EVP_sha256(), nullptr, f.okey) != 1 ||
        EVP_DigestVerify(c, f.osig.data(), f.osig.size(), f.m.data(), f.m.size()) != 1)
      fail("EVP_DigestVerify");
    EVP_MD_CTX_free(c);
  };
  return r;
}

// ECDH as a TLS side does it: a fresh key pair, then the shared secret.
Row ecdh_row(Fixture& f) {
  Row r;
  r.name = "P-256 ECDH (keygen + shared secret)";
  const core::Bytes peer(f.ks_ours.public_key().begin(), f.ks_ours.public_key().end());
  auto ecdh_glass = [&f, peer](bool native) {
    crypto::p256::set_native_enabled(native);
    auto k = crypto::KeyShare::generate(crypto::NamedGroup::secp256r1, f.rng);
    if (!k || !k->shared_secret(peer)) fail("KeyShare");
    crypto::p256::set_native_enabled(true);
  };
  r.fn[0] = [ecdh_glass] { ecdh_glass(true); };
  r.fn[1] = [ecdh_glass] { ecdh_glass(false); };
  r.fn[2] = [&f] {
    EVP_PKEY* k = ossl_p256_key();
    EVP_PKEY_CTX* c = EVP_PKEY_CTX_new(k, nullptr);
    unsigned char out[32];
    std::size_t len = sizeof out;
    if (EVP_PKEY_derive_init(c) != 1 || EVP_PKEY_derive_set_peer(c, f.opeer) != 1 ||
        EVP_PKEY_derive(c, out, &len) != 1)
      fail("EVP_PKEY_derive");
    EVP_PKEY_CTX_free(c);
    EVP_PKEY_free(k);
  };
  return r;
}

void measure(std::vector<Row>& rows, const Args& a) {
  for (auto& r : rows)
    for (auto& f : r.fn) f();  // warm up (builds our table of multiples of G)
  for (int round = 0; round < a.rounds; ++round)
    for (auto& r : rows)
      for (int lib = 0; lib < 3; ++lib) {
        const int n = lib == 1 ? std::max(1, a.iters / 8) : a.iters;  // mbedTLS is slow
        const double t0 = cpu_ns();
        for (int i = 0; i < n; ++i) r.fn[lib]();
        r.samples[lib].push_back((cpu_ns() - t0) / n);
      }
}

void report(const std::vector<Row>& rows, const Args& args) {
  double load[3] = {0, 0, 0};
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  std::printf("%d rounds, median per-thread CPU time; load average %.2f %.2f %.2f\n\n", args.rounds,
              load[0], load[1], load[2]);
  std::printf("| operation | glasstls µs | mbedTLS µs | OpenSSL µs | glasstls ÷ OpenSSL |\n");
  std::printf("|---|---:|---:|---:|---:|\n");
  for (auto& r : rows) {
    const double a = median(r.samples[0]) / 1e3, b = median(r.samples[1]) / 1e3,
                 c = median(r.samples[2]) / 1e3;
    std::printf("| %s | %.1f | %.1f | %.1f | %.2f |\n", r.name.c_str(), a, b, c, a / c);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  Fixture f;
  std::vector<Row> rows;
  rows.push_back(sign_row(f));
  rows.push_back(verify_row(f));
  rows.push_back(ecdh_row(f));
  measure(rows, args);
  report(rows, args);
  return 0;
}
