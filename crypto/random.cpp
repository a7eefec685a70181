#include "crypto/random.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace glass::crypto {

namespace {
struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) {
      std::fprintf(stderr, "glasstls: libsodium failed to initialise\n");
      std::abort();
    }
  }
};
}  // namespace

void SystemRng::fill(MutByteView out) {
  static SodiumInit init;
  randombytes_buf(out.data(), out.size());
}

SeededRng::SeededRng(std::uint64_t seed) {
  std::uint8_t s[8];
  for (int i = 0; i < 8; ++i) s[i] = static_cast<std::uint8_t>(seed >> (56 - 8 * i));
  crypto_hash_sha256(key_, s, sizeof s);
}

SeededRng::SeededRng(ByteView seed) { crypto_hash_sha256(key_, seed.data(), seed.size()); }

void SeededRng::fill(MutByteView out) {
  std::size_t done = 0;
  while (done < out.size()) {
    if (used_ == sizeof block_) {
      // One ChaCha20 block per counter value, with a zero nonce: a keyed stream.
      static const std::uint8_t nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = {};
      std::memset(block_, 0, sizeof block_);
      crypto_stream_chacha20_ietf_xor_ic(block_, block_, sizeof block_, nonce,
                                         static_cast<std::uint32_t>(counter_++), key_);
      used_ = 0;
    }
    std::size_t n = std::min(out.size() - done, sizeof block_ - used_);
    std::memcpy(out.data() + done, block_ + used_, n);
    used_ += n;
    done += n;
  }
}

void FixedRng::fill(MutByteView out) {
  if (out.size() > remaining()) {
    std::fprintf(stderr, "FixedRng: asked for %zu bytes, only %zu left\n", out.size(),
                 remaining());
    std::abort();
  }
  std::memcpy(out.data(), data_.data() + pos_, out.size());
  pos_ += out.size();
}

PooledRng::~PooledRng() { core::secure_wipe(pool_, sizeof pool_); }

void PooledRng::fill(MutByteView out) {
  if (out.size() > block) return source_.fill(out);
  std::size_t done = 0;
  while (done < out.size()) {
    if (used_ == block) {
      source_.fill(MutByteView(pool_, block));
      used_ = 0;
    }
    const std::size_t n = std::min(out.size() - done, block - used_);
    std::memcpy(out.data() + done, pool_ + used_, n);
    core::secure_wipe(pool_ + used_, n);
    used_ += n;
    done += n;
  }
}

Rng& system_rng() {
  static SystemRng rng;
  return rng;
}

}  // namespace glass::crypto
