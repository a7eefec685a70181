#pragma once
// Streaming, copyable hashes: copying a Hash snapshots the state, which is what a
// TLS transcript needs (hash "so far" without disturbing the running hash).
#include <cstdint>
#include <string_view>

#include "core/bytes.hpp"

namespace glass::crypto {

using core::ByteView;
using core::Bytes;

enum class HashAlg : std::uint8_t { sha1, sha256, sha384, sha512 };

std::size_t hash_size(HashAlg a);        // output bytes
std::size_t hash_block_size(HashAlg a);  // 64 or 128
std::string_view hash_name(HashAlg a);   // "SHA-256"
// The code computing SHA-256 in this process: "SHA-NI" (our compression on the
// x86 SHA extensions) or "libsodium" (CPU without them, or the fallback forced).
std::string_view sha256_backend();
// The same for SHA-1: "SHA-NI" or "mbedTLS".
std::string_view sha1_backend();

// A digest held inline (at most 64 bytes), so taking one allocates nothing: the
// handshake takes a transcript hash a dozen times per connection.
class Digest {
 public:
  Digest() = default;
  const std::uint8_t* data() const { return b_; }
  std::size_t size() const { return n_; }
  ByteView view() const { return ByteView(b_, n_); }
  operator ByteView() const { return view(); }
  Bytes bytes() const { return Bytes(b_, b_ + n_); }
  bool operator==(const Digest& o) const { return core::equal(view(), o.view()); }

 private:
  friend class Hash;
  std::uint8_t b_[64] = {};
  std::size_t n_ = 0;
};

class Hash {
 public:
  explicit Hash(HashAlg alg);
  Hash(const Hash& other);
  Hash& operator=(const Hash& other);
  Hash(Hash&&) noexcept;
  Hash& operator=(Hash&&) noexcept;
  ~Hash();

  HashAlg alg() const { return alg_; }
  void update(ByteView data);
  // Digest of everything so far; the running state is left untouched.
  Bytes digest() const;
  Digest digest_inline() const;
  // Allocation-free forms for the KDF loops (PBKDF2, PKCS#12): the digest of
  // everything so far followed by `tail`, written to out (hash_size(alg()) bytes),
  // state untouched; and taking over another Hash's state in place.
  void digest_into(std::uint8_t* out, ByteView tail = {}) const;
  void assign_state(const Hash& other);

  struct State;  // library context, defined in hash.cpp

 private:
  State& st();
  const State& st() const;
  HashAlg alg_;
  // The library context lives inline (no allocation per Hash or per copy: the key
  // schedule and the KDF loops copy hashes constantly); hash.cpp checks it fits.
  alignas(16) unsigned char storage_[240];
};

Bytes hash(HashAlg alg, ByteView data);
// One-shot and allocation-free: hash_size(alg) bytes to out (out may alias data).
void hash_into(HashAlg alg, ByteView data, std::uint8_t* out);

}  // namespace glass::crypto
