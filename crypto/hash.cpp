#include "crypto/hash.hpp"

#include <mbedtls/sha1.h>
#include <mbedtls/sha512.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace glass::crypto {

// SHA-256 runs on libsodium (measured ~45% faster than mbedTLS 2.28 here), SHA-1,
// SHA-384 and SHA-512 on mbedTLS (libsodium has no SHA-1/384; its SHA-512 was
// slower). All three contexts are plain structs, so snapshots are cheap.
struct Hash::State {
  HashAlg alg;
  union {
    crypto_hash_sha256_state s256;
    mbedtls_sha1_context s1;
    mbedtls_sha512_context s512;  // also SHA-384 (is384 = 1)
  };

  explicit State(HashAlg a) : alg(a) {
    switch (alg) {
      case HashAlg::sha256:
        crypto_hash_sha256_init(&s256);
        break;
      case HashAlg::sha1:
        mbedtls_sha1_init(&s1);
        check(mbedtls_sha1_starts_ret(&s1));
        break;
      case HashAlg::sha384:
      case HashAlg::sha512:
        mbedtls_sha512_init(&s512);
        check(mbedtls_sha512_starts_ret(&s512, alg == HashAlg::sha384 ? 1 : 0));
        break;
    }
  }
  State(const State& o) : alg(o.alg) {
    switch (alg) {
      case HashAlg::sha256:
        s256 = o.s256;
        break;
      case HashAlg::sha1:
        mbedtls_sha1_init(&s1);
        mbedtls_sha1_clone(&s1, &o.s1);
        break;
      case HashAlg::sha384:
      case HashAlg::sha512:
        mbedtls_sha512_init(&s512);
        mbedtls_sha512_clone(&s512, &o.s512);
        break;
    }
  }
  State& operator=(const State&) = delete;
  // The running state is derived from secrets inside HMAC: wipe it.
  ~State() {
    switch (alg) {
      case HashAlg::sha256: sodium_memzero(&s256, sizeof s256); break;
      case HashAlg::sha1: mbedtls_sha1_free(&s1); break;
      case HashAlg::sha384:
      case HashAlg::sha512: mbedtls_sha512_free(&s512); break;
    }
  }

  void update(const std::uint8_t* p, std::size_t n) {
    switch (alg) {
      case HashAlg::sha256: crypto_hash_sha256_update(&s256, p, n); break;
      case HashAlg::sha1: check(mbedtls_sha1_update_ret(&s1, p, n)); break;
      case HashAlg::sha384:
      case HashAlg::sha512: check(mbedtls_sha512_update_ret(&s512, p, n)); break;
    }
  }
  // Destroys this state's ability to continue; callers finish a copy.
  void finish(std::uint8_t* out) {
    std::uint8_t buf[64];
    switch (alg) {
      case HashAlg::sha256: crypto_hash_sha256_final(&s256, out); return;
      case HashAlg::sha1: check(mbedtls_sha1_finish_ret(&s1, out)); return;
      case HashAlg::sha512: check(mbedtls_sha512_finish_ret(&s512, out)); return;
      case HashAlg::sha384:
        // mbedTLS writes 64 bytes even for SHA-384.
        check(mbedtls_sha512_finish_ret(&s512, buf));
        std::copy(buf, buf + 48, out);
        sodium_memzero(buf, sizeof buf);
        return;
    }
  }

  static void check(int rc) {
    // The mbedTLS hash calls only fail on bad parameters or hardware-accelerator
    // errors; neither can happen with valid contexts, so this is a bug.
    if (rc != 0) {
      std::fprintf(stderr, "glasstls: mbedTLS hash call failed (%d)\n", rc);
      std::abort();
    }
  }
};

std::size_t hash_size(HashAlg a) {
  switch (a) {
    case HashAlg::sha1: return 20;
    case HashAlg::sha256: return 32;
    case HashAlg::sha384: return 48;
    case HashAlg::sha512: return 64;
  }
  return 0;
}

std::size_t hash_block_size(HashAlg a) {
  return (a == HashAlg::sha384 || a == HashAlg::sha512) ? 128 : 64;
}

std::string_view hash_name(HashAlg a) {
  switch (a) {
    case HashAlg::sha1: return "SHA-1";
    case HashAlg::sha256: return "SHA-256";
    case HashAlg::sha384: return "SHA-384";
    case HashAlg::sha512: return "SHA-512";
  }
  return "unknown hash";
}

static_assert(sizeof(Hash::State) <= 240 && alignof(Hash::State) <= 16,
              "Hash::storage_ must hold the largest library context");

Hash::State& Hash::st() { return *std::launder(reinterpret_cast<State*>(storage_)); }
const Hash::State& Hash::st() const {
  return *std::launder(reinterpret_cast<const State*>(storage_));
}

Hash::Hash(HashAlg alg) : alg_(alg) { new (storage_) State(alg); }
Hash::Hash(const Hash& other) : alg_(other.alg_) { new (storage_) State(other.st()); }
Hash& Hash::operator=(const Hash& other) {
  if (this != &other) {
    st().~State();  // wipes / frees the library context
    alg_ = other.alg_;
    new (storage_) State(other.st());
  }
  return *this;
}
// A move is a copy: the source keeps a valid (wiped on destruction) state.
Hash::Hash(Hash&& other) noexcept : Hash(static_cast<const Hash&>(other)) {}
Hash& Hash::operator=(Hash&& other) noexcept { return *this = static_cast<const Hash&>(other); }
Hash::~Hash() { st().~State(); }

void Hash::update(ByteView data) {
  if (!data.empty()) st().update(data.data(), data.size());
}

Bytes Hash::digest() const {
  State snapshot(st());
  Bytes out(hash_size(alg_));
  snapshot.finish(out.data());
  return out;
}

void Hash::digest_into(std::uint8_t* out, ByteView tail) const {
  State snapshot(st());
  if (!tail.empty()) snapshot.update(tail.data(), tail.size());
  snapshot.finish(out);
}

void Hash::assign_state(const Hash& other) { *this = other; }

Bytes hash(HashAlg alg, ByteView data) {
  Hash h(alg);
  h.update(data);
  return h.digest();
}

void hash_into(HashAlg alg, ByteView data, std::uint8_t* out) {
  Hash::State st(alg);
  if (!data.empty()) st.update(data.data(), data.size());
  st.finish(out);
}

}  // namespace glass::crypto
