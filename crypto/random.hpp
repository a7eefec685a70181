#pragma once
// Randomness comes in through an Rng so that tests, RFC 8448 replays and
// `--seed` runs are deterministic, while normal runs use the OS generator.
#include <cstdint>

#include "core/bytes.hpp"

namespace glass::crypto {

using core::ByteView;
using core::Bytes;
using core::MutByteView;

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(MutByteView out) = 0;
  // True for streams that replay (SeededRng, FixedRng): signing with such an Rng
  // uses the deterministic signature provider (crypto/README.md, "Signatures").
  virtual bool deterministic() const { return false; }
  Bytes bytes(std::size_t n) {
    Bytes b(n);
    fill(b);
    return b;
  }
};

// The operating system's generator, stretched: requests of up to 256 bytes come
// from one process-wide page filled with ChaCha20 keystream under a key from
// getrandom(2) (fresh key from the OS every 64 pages, the key replaced from the
// stream on every page), so handshakes neither make a system call each nor pay
// the kernel's per-byte cost. The page is wiped on fork (MADV_WIPEONFORK): parent
// and child never share bytes. Without that kernel feature, and for larger
// requests, every request goes to the OS (libsodium's randombytes_buf).
class SystemRng final : public Rng {
 public:
  void fill(MutByteView out) override;
};
// Whether SystemRng draws through the process-wide page on this kernel.
bool system_rng_pooled();

// Deterministic stream expanded from a seed (ChaCha20 keystream keyed by
// SHA-256(seed)); the same seed always gives the same bytes. Never for real keys.
class SeededRng final : public Rng {
 public:
  explicit SeededRng(std::uint64_t seed);
  explicit SeededRng(ByteView seed);
  void fill(MutByteView out) override;
  bool deterministic() const override { return true; }

 private:
  std::uint8_t key_[32];
  std::uint64_t counter_ = 0;  // 64-byte blocks consumed
  std::uint8_t block_[64];
  std::size_t used_ = 64;
};

// Hands out exactly the bytes it was given, in order (RFC 8448 replays);
// asking for more than it holds aborts, because that is a test bug.
class FixedRng final : public Rng {
 public:
  explicit FixedRng(Bytes data) : data_(std::move(data)) {}
  void fill(MutByteView out) override;
  bool deterministic() const override { return true; }
  std::size_t remaining() const { return data_.size() - pos_; }

 private:
  Bytes data_;
  std::size_t pos_ = 0;
};

// Takes `source` bytes a block at a time (with SystemRng: one getrandom(2) call
// per block) and hands them out in order, so a handshake's randoms and key shares
// cost one system call. Bytes are wiped from the pool as they are handed out and
// the rest when it dies. Requests above a block go straight to the source.
class PooledRng final : public Rng {
 public:
  static constexpr std::size_t block = 192;
  explicit PooledRng(Rng& source) : source_(source) {}
  ~PooledRng() override;
  PooledRng(const PooledRng&) = delete;
  PooledRng& operator=(const PooledRng&) = delete;
  void fill(MutByteView out) override;
  bool deterministic() const override { return source_.deterministic(); }

 private:
  Rng& source_;
  std::uint8_t pool_[block];
  std::size_t used_ = block;
};

// Process-wide SystemRng for callers that have no injected one.
Rng& system_rng();

}  // namespace glass::crypto
