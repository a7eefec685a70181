// RC2 (RFC 2268), needed only to open legacy PKCS#12 files (pbeWithSHAAnd40BitRC2-CBC,
// still the default certificate encryption of many exporters). Written from the RFC:
// key expansion (section 2), mix/mash encryption (3), r-mix/r-mash decryption (4).
#include <cstring>

#include "crypto/cbc.hpp"

namespace glass::crypto {

namespace {

// PITABLE from RFC 2268 section 2: a permutation of 0..255 derived from the digits of pi.
constexpr std::uint8_t kPiTable[256] = {
    0xd9, 0x78, 0xf9, 0xc4, 0x19, 0xdd, 0xb5, 0xed, 0x28, 0xe9, 0xfd, 0x79, 0x4a, 0xa0, 0xd8, 0x9d,
    0xc6, 0x7e, 0x37, 0x83, 0x2b, 0x76, 0x53, 0x8e, 0x62, 0x4c, 0x64, 0x88, 0x44, 0x8b, 0xfb, 0xa2,
    0x17, 0x9a, 0x59, 0xf5, 0x87, 0xb3, 0x4f, 0x13, 0x61, 0x45, 0x6d, 0x8d, 0x09, 0x81, 0x7d, 0x32,
    0xbd, 0x8f, 0x40, 0xeb, 0x86, 0xb7, 0x7b, 0x0b, 0xf0, 0x95, 0x21, 0x22, 0x5c, 0x6b, 0x4e, 0x82,
    0x54, 0xd6, 0x65, 0x93, 0xce, 0x60, 0xb2, 0x1c, 0x73, 0x56, 0xc0, 0x14, 0xa7, 0x8c, 0xf1, 0xdc,
    0x12, 0x75, 0xca, 0x1f, 0x3b, 0xbe, 0xe4, 0xd1, 0x42, 0x3d, 0xd4, 0x30, 0xa3, 0x3c, 0xb6, 0x26,
    0x6f, 0xbf, 0x0e, 0xda, 0x46, 0x69, 0x07, 0x57, 0x27, 0xf2, 0x1d, 0x9b, 0xbc, 0x94, 0x43, 0x03,
    0xf8, 0x11, 0xc7, 0xf6, 0x90, 0xef, 0x3e, 0xe7, 0x06, 0xc3, 0xd5, 0x2f, 0xc8, 0x66, 0x1e, 0xd7,
    0x08, 0xe8, 0xea, 0xde, 0x80, 0x52, 0xee, 0xf7, 0x84, 0xaa, 0x72, 0xac, 0x35, 0x4d, 0x6a, 0x2a,
    0x96, 0x1a, 0xd2, 0x71, 0x5a, 0x15, 0x49, 0x74, 0x4b, 0x9f, 0xd0, 0x5e, 0x04, 0x18, 0xa4, 0xec,
    0xc2, 0xe0, 0x41, 0x6e, 0x0f, 0x51, 0xcb, 0xcc, 0x24, 0x91, 0xaf, 0x50, 0xa1, 0xf4, 0x70, 0x39,
    0x99, 0x7c, 0x3a, 0x85, 0x23, 0xb8, 0xb4, 0x7a, 0xfc, 0x02, 0x36, 0x5b, 0x25, 0x55, 0x97, 0x31,
    0x2d, 0x5d, 0xfa, 0x98, 0xe3, 0x8a, 0x92, 0xae, 0x05, 0xdf, 0x29, 0x10, 0x67, 0x6c, 0xba, 0xc9,
    0xd3, 0x00, 0xe6, 0xcf, 0xe1, 0x9e, 0xa8, 0x2c, 0x63, 0x16, 0x01, 0x3f, 0x58, 0xe2, 0x89, 0xa9,
    0x0d, 0x38, 0x34, 0x1b, 0xab, 0x33, 0xff, 0xb0, 0xbb, 0x48, 0x0c, 0x5f, 0xb9, 0xb1, 0xcd, 0x2e,
    0xc5, 0xf3, 0xdb, 0x47, 0xe5, 0xa5, 0x9c, 0x77, 0x0a, 0xa6, 0x20, 0x68, 0xfe, 0x7f, 0xc1, 0xad,
};

constexpr unsigned kRot[4] = {1, 2, 3, 5};  // s[i] of RFC 2268 section 3.1

inline std::uint16_t rol(std::uint16_t x, unsigned k) {
  return static_cast<std::uint16_t>((x << k) | (x >> (16 - k)));
}
inline std::uint16_t ror(std::uint16_t x, unsigned k) {
  return static_cast<std::uint16_t>((x >> k) | (x << (16 - k)));
}

}  // namespace

// Key lengths of 1..128 bytes and effective bits of 1..1024 are meaningful; the CBC
// entry points check that. Here out-of-range inputs are clamped so the object is
// always well defined.
Rc2::Rc2(ByteView key, unsigned effective_bits) {
  std::uint8_t L[128] = {};
  std::size_t T = key.size() > 128 ? 128 : key.size();
  if (T == 0) T = 1;  // an all-zero one-byte key rather than undefined behaviour
  std::memcpy(L, key.data(), key.size() > 128 ? 128 : key.size());
  unsigned T1 = effective_bits == 0 ? 1 : (effective_bits > 1024 ? 1024 : effective_bits);
  unsigned T8 = (T1 + 7) / 8;
  unsigned TM = 255u % (1u << (8 + T1 - 8 * T8));

  for (std::size_t i = T; i < 128; ++i)
    L[i] = kPiTable[static_cast<std::uint8_t>(L[i - 1] + L[i - T])];
  L[128 - T8] = kPiTable[L[128 - T8] & TM];
  for (int i = 127 - static_cast<int>(T8); i >= 0; --i)
    L[i] = kPiTable[L[i + 1] ^ L[i + T8]];

  // K[i] = L[2i] + 256 * L[2i+1] (little-endian words).
  for (int i = 0; i < 64; ++i)
    k_[i] = static_cast<std::uint16_t>(L[2 * i] | (L[2 * i + 1] << 8));
  core::secure_wipe(L, sizeof L);
}

Rc2::~Rc2() { core::secure_wipe(k_, sizeof k_); }

void Rc2::encrypt_block(const std::uint8_t in[8], std::uint8_t out[8]) const {
  std::uint16_t R[4];
  for (int i = 0; i < 4; ++i) R[i] = static_cast<std::uint16_t>(in[2 * i] | (in[2 * i + 1] << 8));
  int j = 0;
  auto mix_round = [&] {
    for (int i = 0; i < 4; ++i) {
      std::uint16_t a = R[(i + 3) & 3], b = R[(i + 2) & 3], c = R[(i + 1) & 3];
      R[i] = static_cast<std::uint16_t>(R[i] + k_[j++] + (a & b) + (static_cast<std::uint16_t>(~a) & c));
      R[i] = rol(R[i], kRot[i]);
    }
  };
  auto mash_round = [&] {
    for (int i = 0; i < 4; ++i) R[i] = static_cast<std::uint16_t>(R[i] + k_[R[(i + 3) & 3] & 63]);
  };
  for (int r = 0; r < 5; ++r) mix_round();
  mash_round();
  for (int r = 0; r < 6; ++r) mix_round();
  mash_round();
  for (int r = 0; r < 5; ++r) mix_round();
  for (int i = 0; i < 4; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(R[i]);
    out[2 * i + 1] = static_cast<std::uint8_t>(R[i] >> 8);
  }
}

void Rc2::decrypt_block(const std::uint8_t in[8], std::uint8_t out[8]) const {
  std::uint16_t R[4];
  for (int i = 0; i < 4; ++i) R[i] = static_cast<std::uint16_t>(in[2 * i] | (in[2 * i + 1] << 8));
  int j = 63;
  auto rmix_round = [&] {
    for (int i = 3; i >= 0; --i) {
      R[i] = ror(R[i], kRot[i]);
      std::uint16_t a = R[(i + 3) & 3], b = R[(i + 2) & 3], c = R[(i + 1) & 3];
      R[i] = static_cast<std::uint16_t>(R[i] - k_[j--] - (a & b) - (static_cast<std::uint16_t>(~a) & c));
    }
  };
  auto rmash_round = [&] {
    for (int i = 3; i >= 0; --i) R[i] = static_cast<std::uint16_t>(R[i] - k_[R[(i + 3) & 3] & 63]);
  };
  for (int r = 0; r < 5; ++r) rmix_round();
  rmash_round();
  for (int r = 0; r < 6; ++r) rmix_round();
  rmash_round();
  for (int r = 0; r < 5; ++r) rmix_round();
  for (int i = 0; i < 4; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(R[i]);
    out[2 * i + 1] = static_cast<std::uint8_t>(R[i] >> 8);
  }
}

}  // namespace glass::crypto
