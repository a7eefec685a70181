// Differential fuzzing of SHA-256: Hash (SHA-NI when the CPU has it) against
// libsodium's crypto_hash_sha256. The first two input bytes choose a split point;
// the rest is hashed one-shot, streamed in two pieces, and streamed through a
// copy taken at the split. All must give libsodium's digest.
#include <sodium.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/bytes.hpp"
#include "crypto/hash.hpp"

using namespace glass;
using namespace glass::crypto;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  static const bool init = sodium_init() >= 0;
  if (!init) std::abort();
  const std::size_t split_seed = static_cast<std::size_t>(data[0]) << 8 | data[1];
  data += 2;
  size -= 2;
  const std::size_t split = size == 0 ? 0 : split_seed % (size + 1);
  std::uint8_t want[32], got[32];
  crypto_hash_sha256(want, data, size);
  hash_into(HashAlg::sha256, core::ByteView(data, size), got);
  Hash h(HashAlg::sha256);
  h.update(core::ByteView(data, split));
  Hash copy = h;
  h.update(core::ByteView(data + split, size - split));
  copy.update(core::ByteView(data + split, size - split));
  const auto d1 = h.digest(), d2 = copy.digest();
  if (!core::equal(core::ByteView(got, 32), core::ByteView(want, 32)) ||
      !core::equal(d1, core::ByteView(want, 32)) || !core::equal(d2, core::ByteView(want, 32))) {
    std::fprintf(stderr, "sha256_differential: digest differs from libsodium at %zu bytes\n", size);
    std::abort();
  }
  return 0;
}
