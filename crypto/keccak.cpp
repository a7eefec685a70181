#include "crypto/keccak.hpp"

#include <cstdio>
#include <cstdlib>

namespace glass::crypto {

namespace {

constexpr std::uint64_t rotl(std::uint64_t v, unsigned n) {
  return n == 0 ? v : (v << n) | (v >> (64 - n));
}

// FIPS 202 3.2.5: rc(t) from the degree-8 LFSR x^8 + x^6 + x^5 + x^4 + 1.
constexpr bool rc_bit(unsigned t) {
  t %= 255;
  if (t == 0) return true;
  unsigned r = 0x01;  // bit i = R[i]
  for (unsigned i = 1; i <= t; ++i) {
    const unsigned r8 = (r >> 7) & 1;
    r = (r << 1) & 0x1ff;  // R = 0 || R, R[8] dropped below
    r ^= r8;               // R[0] ^= R[8]
    r ^= r8 << 4;
    r ^= r8 << 5;
    r ^= r8 << 6;
    r &= 0xff;
  }
  return r & 1;
}

constexpr std::array<std::uint64_t, 24> make_round_constants() {
  std::array<std::uint64_t, 24> rc{};
  for (unsigned ir = 0; ir < 24; ++ir)
    for (unsigned j = 0; j <= 6; ++j)
      if (rc_bit(j + 7 * ir)) rc[ir] |= std::uint64_t{1} << ((1u << j) - 1);
  return rc;
}

// FIPS 202 3.2.2: offsets (t+1)(t+2)/2 along the walk (x, y) -> (y, 2x + 3y).
constexpr std::array<unsigned, 25> make_rho_offsets() {
  std::array<unsigned, 25> r{};
  unsigned x = 1, y = 0;
  for (unsigned t = 0; t < 24; ++t) {
    r[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
    const unsigned nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  return r;
}

constexpr auto kRoundConstants = make_round_constants();
constexpr auto kRho = make_rho_offsets();
static_assert(kRoundConstants[1] == 0x0000000000008082ull);
static_assert(kRoundConstants[23] == 0x8000000080008008ull);

}  // namespace

void keccak_f1600(std::uint64_t a[25]) {
  std::uint64_t b[25], c[5], d[5];
  for (unsigned round = 0; round < 24; ++round) {
    for (unsigned x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (unsigned x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
    for (unsigned i = 0; i < 25; ++i) a[i] ^= d[i % 5];
    // rho and pi: lane (x, y) moves to (y, 2x + 3y).
    for (unsigned y = 0; y < 5; ++y)
      for (unsigned x = 0; x < 5; ++x)
        b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], kRho[x + 5 * y]);
    for (unsigned y = 0; y < 5; ++y)
      for (unsigned x = 0; x < 5; ++x)
        a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
    a[0] ^= kRoundConstants[round];
  }
  // Intermediates of a permutation over secret input (G, J, PRF in ML-KEM).
  core::secure_wipe(b, sizeof b);
  core::secure_wipe(c, sizeof c);
  core::secure_wipe(d, sizeof d);
}

KeccakSponge::~KeccakSponge() { core::secure_wipe(s_, sizeof s_); }

void KeccakSponge::absorb(ByteView in) {
  if (squeezing_) {
    std::fprintf(stderr, "glasstls: KeccakSponge::absorb after squeeze\n");
    std::abort();
  }
  for (std::uint8_t byte : in) {
    s_[pos_ / 8] ^= std::uint64_t{byte} << (8 * (pos_ % 8));
    if (++pos_ == rate_) {
      keccak_f1600(s_);
      pos_ = 0;
    }
  }
}

void KeccakSponge::pad() {
  s_[pos_ / 8] ^= std::uint64_t{suffix_} << (8 * (pos_ % 8));
  s_[(rate_ - 1) / 8] ^= std::uint64_t{0x80} << (8 * ((rate_ - 1) % 8));
  keccak_f1600(s_);
  pos_ = 0;
  squeezing_ = true;
}

void KeccakSponge::squeeze(MutByteView out) {
  if (!squeezing_) pad();
  for (auto& byte : out) {
    if (pos_ == rate_) {
      keccak_f1600(s_);
      pos_ = 0;
    }
    byte = static_cast<std::uint8_t>(s_[pos_ / 8] >> (8 * (pos_ % 8)));
    ++pos_;
  }
}

std::array<std::uint8_t, 32> sha3_256(ByteView a, ByteView b) {
  KeccakSponge s(136, 0x06);
  s.absorb(a);
  s.absorb(b);
  std::array<std::uint8_t, 32> out;
  s.squeeze(out);
  return out;
}

std::array<std::uint8_t, 64> sha3_512(ByteView a, ByteView b) {
  KeccakSponge s(72, 0x06);
  s.absorb(a);
  s.absorb(b);
  std::array<std::uint8_t, 64> out;
  s.squeeze(out);
  return out;
}

std::array<std::uint8_t, 32> sha3_256(ByteView in) { return sha3_256(in, {}); }
std::array<std::uint8_t, 64> sha3_512(ByteView in) { return sha3_512(in, {}); }

void shake128(ByteView in, MutByteView out) {
  Shake128 s;
  s.absorb(in);
  s.squeeze(out);
}

void shake256(ByteView in, MutByteView out) {
  Shake256 s;
  s.absorb(in);
  s.squeeze(out);
}

}  // namespace glass::crypto
