#pragma once
// SHA-3 and SHAKE (FIPS 202) over our own Keccak-f[1600]: neither libsodium 1.0.18
// nor mbedTLS 2.28 has them, and ML-KEM needs all four.
#include <array>
#include <cstdint>

#include "core/bytes.hpp"

namespace glass::crypto {

using core::ByteView;
using core::MutByteView;

// The 1600-bit permutation, 24 rounds, on 25 little-endian lanes (index x + 5y).
void keccak_f1600(std::uint64_t state[25]);

// A Keccak sponge: absorb any number of times, then squeeze any number of times.
// The state is wiped when the sponge dies.
class KeccakSponge {
 public:
  // rate in bytes (168 SHAKE128, 136 SHA3-256/SHAKE256, 72 SHA3-512); suffix is the
  // domain-separation bits with the first pad bit (0x06 SHA-3, 0x1f SHAKE).
  KeccakSponge(std::size_t rate, std::uint8_t suffix) : rate_(rate), suffix_(suffix) {}
  KeccakSponge(const KeccakSponge&) = default;
  KeccakSponge& operator=(const KeccakSponge&) = default;
  ~KeccakSponge();
  // Absorbing after the first squeeze is a caller bug and aborts.
  void absorb(ByteView in);
  void squeeze(MutByteView out);

 private:
  void pad();
  std::uint64_t s_[25] = {};
  std::size_t rate_;
  std::size_t pos_ = 0;
  std::uint8_t suffix_;
  bool squeezing_ = false;
};

class Shake128 : public KeccakSponge {
 public:
  Shake128() : KeccakSponge(168, 0x1f) {}
};
class Shake256 : public KeccakSponge {
 public:
  Shake256() : KeccakSponge(136, 0x1f) {}
};

std::array<std::uint8_t, 32> sha3_256(ByteView in);
std::array<std::uint8_t, 64> sha3_512(ByteView in);
// Several pieces hashed as their concatenation, without copying them together.
std::array<std::uint8_t, 32> sha3_256(ByteView a, ByteView b);
std::array<std::uint8_t, 64> sha3_512(ByteView a, ByteView b);
void shake128(ByteView in, MutByteView out);
void shake256(ByteView in, MutByteView out);

}  // namespace glass::crypto
