#pragma once
#include "crypto/hash.hpp"

namespace glass::crypto {

// HMAC (RFC 2104) over our Hash. Both keyed states are kept after construction,
// so copying an Hmac (e.g. once per PBKDF2 iteration) skips re-keying.
class Hmac {
 public:
  Hmac(HashAlg alg, ByteView key);
  ~Hmac();
  Hmac(const Hmac&) = default;
  HashAlg alg() const { return alg_; }
  void update(ByteView data);
  Bytes finish() const;
  // Allocation-free forms for PBKDF2: finish() written to out (hash_size(alg())
  // bytes), and a return to the freshly keyed state of `keyed`, which must be
  // the Hmac this one was copied from (same key).
  void finish_into(std::uint8_t* out) const;
  // HMAC(key, absorbed so far || data) to out without touching this state: the
  // PBKDF2 step and the one-block HKDF-Expand use it on a keyed Hmac.
  void mac_into(ByteView data, std::uint8_t* out) const;
  void reset(const Hmac& keyed);

 private:
  HashAlg alg_;
  Hash inner_;  // has absorbed key XOR ipad
  Hash outer_;  // has absorbed key XOR opad (Hash states are wiped on destruction)
};

Bytes hmac(HashAlg alg, ByteView key, ByteView data);

}  // namespace glass::crypto
