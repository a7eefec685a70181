// glass_p256_dudect: a dudect-style check (Reparaz, Balasch, Verbauwhede 2017) of
// our P-256's secret-scalar operations. Each measurement picks at random one of two
// classes, a fixed scalar or a fresh random one, and times the operation in cycles;
// Welch's t-statistic between the classes is printed, over all measurements and
// over those below a few percentiles (dudect's cropping of noisy tails). |t| above
// ~4.5 would point to a timing difference; the program prints, it does not assert.
#include <x86intrin.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

#include "crypto/p256_ecdsa.hpp"

using namespace glass::crypto::p256;

namespace {

struct Welch {
  double n[2] = {0, 0}, mean[2] = {0, 0}, m2[2] = {0, 0};
  void add(int cls, double x) {
    n[cls] += 1;
    const double d = x - mean[cls];
    mean[cls] += d / n[cls];
    m2[cls] += d * (x - mean[cls]);
  }
  double t() const {
    if (n[0] < 2 || n[1] < 2) return 0;
    const double v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1);
    return (mean[0] - mean[1]) / std::sqrt(v0 / n[0] + v1 / n[1]);
  }
};

void run(const char* name, int count, const std::function<void(const std::uint8_t*)>& op,
         const std::uint8_t fixed[32]) {
  std::mt19937_64 gen(12345);
  std::vector<std::uint8_t> cls(count);
  std::vector<std::uint8_t> inputs(32 * static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    cls[i] = gen() & 1;
    std::uint8_t* in = &inputs[32 * static_cast<std::size_t>(i)];
    if (cls[i] == 0) {
      std::copy(fixed, fixed + 32, in);
    } else {
      do {
        for (int j = 0; j < 32; ++j) in[j] = static_cast<std::uint8_t>(gen());
      } while (!private_key_valid(in));
    }
  }
  std::vector<double> cycles(count);
  for (int i = 0; i < count; ++i) {
    const std::uint8_t* in = &inputs[32 * static_cast<std::size_t>(i)];
    unsigned aux;
    const unsigned long long t0 = __rdtscp(&aux);
    op(in);
    const unsigned long long t1 = __rdtscp(&aux);
    cycles[i] = static_cast<double>(t1 - t0);
  }
  std::vector<double> sorted = cycles;
  std::sort(sorted.begin(), sorted.end());
  std::printf("%-34s n=%d median %.0f cycles", name, count, sorted[count / 2]);
  for (double pct : {1.0, 0.9, 0.5}) {
    const double cut = sorted[std::min<std::size_t>(count - 1, static_cast<std::size_t>(pct * count))];
    Welch w;
    for (int i = 0; i < count; ++i)
      if (cycles[i] <= cut) w.add(cls[i], cycles[i]);
    std::printf("  t(<=p%.0f) %+6.2f", pct * 100, w.t());
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 20000;
  // Fixed scalars chosen to be extreme: 1 (all window digits zero but one) and n - 1.
  std::uint8_t one[32] = {};
  one[31] = 1;
  std::uint8_t n_minus_1[32] = {0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff,
                                0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
                                0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc,
                                0x63, 0x25, 0x50};
  std::uint8_t peer[65];
  public_key(peer, n_minus_1);  // -G: a valid public point
  std::uint8_t out[65], r[32], s[32];
  const std::uint8_t digest[32] = {1, 2, 3};
  std::printf("Welch t between a fixed and random secret scalars (|t| > 4.5 suggests a leak)\n");
  for (const std::uint8_t* fixed : {one, n_minus_1}) {
    std::printf("fixed scalar = %s\n", fixed == one ? "1" : "n - 1");
    run("k*G (public_key)", count, [&](const std::uint8_t* k) { public_key(out, k); }, fixed);
    run("k*P (ecdh)", count / 4, [&](const std::uint8_t* k) { ecdh(out, k, peer, 65); }, fixed);
    run("ECDSA sign (key varies)", count / 2,
        [&](const std::uint8_t* k) { sign(r, s, k, glass::crypto::HashAlg::sha256, glass::core::ByteView(digest, 32)); },
        fixed);
  }
  return 0;
}
