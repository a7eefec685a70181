#include "crypto/hmac.hpp"

#include <algorithm>

namespace glass::crypto {

Hmac::Hmac(HashAlg alg, ByteView key) : alg_(alg), inner_(alg), outer_(alg) {
  // RFC 2104: keys longer than a block are hashed first, then zero-padded.
  core::SecretBytes k(hash_block_size(alg));
  if (key.size() > k.size()) {
    Bytes hk = hash(alg, key);
    std::copy(hk.begin(), hk.end(), k.data());
    core::secure_wipe(hk);
  } else {
    std::copy(key.begin(), key.end(), k.data());
  }
  for (std::size_t i = 0; i < k.size(); ++i) k[i] ^= 0x36;
  inner_.update(k);
  // key^ipad -> key^opad in place: 0x36 ^ 0x5c = 0x6a.
  for (std::size_t i = 0; i < k.size(); ++i) k[i] ^= 0x6a;
  outer_.update(k);
}

Hmac::~Hmac() = default;

void Hmac::update(ByteView data) { inner_.update(data); }

Bytes Hmac::finish() const {
  Bytes inner = inner_.digest();
  Hash outer(outer_);
  outer.update(inner);
  core::secure_wipe(inner);
  return outer.digest();
}

void Hmac::finish_into(std::uint8_t* out) const {
  std::uint8_t inner[64];
  inner_.digest_into(inner);
  outer_.digest_into(out, ByteView(inner, hash_size(alg_)));
  core::secure_wipe(inner, sizeof inner);
}

void Hmac::reset(const Hmac& keyed) { inner_.assign_state(keyed.inner_); }

Bytes hmac(HashAlg alg, ByteView key, ByteView data) {
  Hmac h(alg, key);
  h.update(data);
  return h.finish();
}

}  // namespace glass::crypto
