#include "crypto/random.hpp"

#include <sodium.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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
// The process's generator: a ChaCha20 key from the OS (getrandom(2)), expanded
// into one page of output at a time; each refill first draws the next key from
// the stream and overwrites the old one (fast key erasure: bytes already handed
// out cannot be recomputed from memory), and every 64th refill takes a fresh key
// from the OS. Output is handed out in order and wiped as it leaves. The page is
// MADV_WIPEONFORK, so a forked child finds it zeroed (lock free, no key, pool
// empty) and reseeds from the OS: parent and child never share bytes. Where the
// kernel lacks the flag there is no pool and every request goes to the OS.
class SharedPool {
 public:
  static constexpr std::size_t max_request = 256;
  static constexpr std::uint32_t refills_per_seed = 64;

  static SharedPool& get() {
    static SharedPool pool;
    return pool;
  }
  bool available() const { return page_ != nullptr; }
  // False when there is no pool: the caller asks the OS directly.
  bool take(MutByteView out) {
    if (!page_ || out.empty() || out.size() > max_request) return false;
    std::atomic_ref<std::uint32_t> lock(page_->lock);
    while (lock.exchange(1, std::memory_order_acquire) != 0) {
      while (lock.load(std::memory_order_relaxed) != 0) sched_yield();
    }
    // `left` counts down, so the zero of a fresh or wiped page means empty.
    if (page_->left < out.size()) refill();
    std::uint8_t* from = page_->bytes + sizeof page_->bytes - page_->left;
    std::memcpy(out.data(), from, out.size());
    core::secure_wipe(from, out.size());
    page_->left -= static_cast<std::uint32_t>(out.size());
    lock.store(0, std::memory_order_release);
    return true;
  }

 private:
  struct Page {
    alignas(8) std::uint32_t lock;
    std::uint32_t left;
    std::uint32_t until_reseed;  // refills left on this OS key; 0 = take a new one
    std::uint32_t unused;
    std::uint8_t key[32];
    std::uint8_t bytes[4096 - 48];
  };
  static_assert(sizeof(Page) == 4096);

  void refill() {
    core::secure_wipe(page_->bytes, sizeof page_->bytes);
    if (page_->until_reseed == 0) {
      randombytes_buf(page_->key, sizeof page_->key);
      page_->until_reseed = refills_per_seed;
    }
    --page_->until_reseed;
    // Block 0 of the keystream becomes the next key, blocks 1.. the output; each
    // key is used for one refill, so the all-zero nonce never repeats under it.
    static const std::uint8_t nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = {};
    std::uint8_t block0[64];
    crypto_stream_chacha20_ietf(block0, sizeof block0, nonce, page_->key);
    crypto_stream_chacha20_ietf_xor_ic(page_->bytes, page_->bytes, sizeof page_->bytes, nonce, 1,
                                       page_->key);
    std::memcpy(page_->key, block0, sizeof page_->key);
    core::secure_wipe(block0, sizeof block0);
    page_->left = sizeof page_->bytes;
  }

  SharedPool() {
    void* p = mmap(nullptr, sizeof(Page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
#ifdef MADV_WIPEONFORK
    if (madvise(p, sizeof(Page), MADV_WIPEONFORK) == 0) {
      // Kept out of core dumps too, like other key material would want to be.
#ifdef MADV_DONTDUMP
      (void)madvise(p, sizeof(Page), MADV_DONTDUMP);
#endif
      page_ = static_cast<Page*>(p);
      return;
    }
#endif
    munmap(p, sizeof(Page));
  }
  Page* page_ = nullptr;  // never unmapped: other statics may draw during exit
};

}  // namespace

void SystemRng::fill(MutByteView out) {
  if (out.empty()) return;  // an empty span's data() may be null, which libsodium refuses
  static SodiumInit init;
  if (SharedPool::get().take(out)) return;
  randombytes_buf(out.data(), out.size());
}

bool system_rng_pooled() { return SharedPool::get().available(); }

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
