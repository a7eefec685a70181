#include "crypto/hmac.hpp"

#include <algorithm>

namespace glass::crypto {

Hmac::Hmac(HashAlg alg, ByteView key) : alg_(alg), inner_(alg), outer_(alg) {
  // RFC 2104: keys longer than a block are hashed first, then zero-padded.
  std::uint8_t k[128];
  const std::size_t block = hash_block_size(alg);
  std::size_t used = key.size();
  if (key.size() > block) {
    Hash h(alg);
    h.update(key);
    h.digest_into(k);
    used = hash_size(alg);
  } else {
    std::copy(key.begin(), key.end(), k);
  }
  std::fill(k + used, k + block, std::uint8_t{0});
  for (std::size_t i = 0; i < block; ++i) k[i] ^= 0x36;
  inner_.update(ByteView(k, block));
  // key^ipad -> key^opad in place: 0x36 ^ 0x5c = 0x6a.
  for (std::size_t i = 0; i < block; ++i) k[i] ^= 0x6a;
  outer_.update(ByteView(k, block));
  core::secure_wipe(k, block);
}

Hmac::~Hmac() = default;

void Hmac::update(ByteView data) { inner_.update(data); }

Bytes Hmac::finish() const {
  Bytes out(hash_size(alg_));
  finish_into(out.data());
  return out;
}

void Hmac::finish_into(std::uint8_t* out) const {
  std::uint8_t inner[64];
  inner_.digest_into(inner);
  outer_.digest_into(out, ByteView(inner, hash_size(alg_)));
  core::secure_wipe(inner, sizeof inner);
}

void Hmac::mac_into(ByteView data, std::uint8_t* out) const {
  std::uint8_t inner[64];
  inner_.digest_into(inner, data);
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
