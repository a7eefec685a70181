#pragma once
#include "crypto/hash.hpp"

namespace glass::crypto {

// HMAC (RFC 2104) over our Hash.
class Hmac {
 public:
  Hmac(HashAlg alg, ByteView key);
  ~Hmac();
  Hmac(const Hmac&) = default;
  void update(ByteView data);
  Bytes finish() const;

 private:
  HashAlg alg_;
  Bytes opad_key_;  // key XOR opad, block-sized (wiped on destruction)
  Hash inner_;
};

Bytes hmac(HashAlg alg, ByteView key, ByteView data);

}  // namespace glass::crypto
