#pragma once
// ECDSA (RFC 6979 deterministic nonces) and ECDH on P-256 over p256_point.
// sig_ecdsa.cpp and key_exchange.cpp call these for secp256r1 unless the build
// forces mbedTLS (GLASS_P256_MBEDTLS) or a test switches the backend.
#include <cstdint>

#include "core/bytes.hpp"
#include "crypto/hash.hpp"
#include "crypto/p256_point.hpp"
#include "crypto/random.hpp"

namespace glass::crypto::p256 {

// True when secp256r1 uses this code; false with GLASS_P256_MBEDTLS.
bool native_enabled();
// Tests only: compare both backends in one binary. Returns the previous value.
// Not thread-safe with respect to operations in flight.
bool set_native_enabled(bool on);

// d (32 bytes big-endian) is in [1, n-1].
bool private_key_valid(const std::uint8_t d[32]);
// out = d*G encoded 04||X||Y; d must be valid.
void public_key(std::uint8_t out[65], const std::uint8_t d[32]);
// Draws d the way mbedTLS 2.28 does (32 bytes big-endian, redrawn while not in
// [1, n-1], at most 30 times) so a seeded Rng gives the same key on either backend.
bool generate_private(std::uint8_t d[32], Rng& rng);

// RFC 6979 section 3.2 with HMAC over `alg`, the hash that produced `digest`
// (any length: bits2int keeps its leftmost 256 bits). d must be valid.
void sign(std::uint8_t r[32], std::uint8_t s[32], const std::uint8_t d[32], HashAlg alg,
          core::ByteView digest);
// r and s big-endian of any length; false unless both are in [1, n-1] and the
// signature holds. Any s in range is accepted (no low-s rule), as mbedTLS does.
bool verify(const Affine& q, core::ByteView digest, core::ByteView r, core::ByteView s);

// X coordinate of d*peer; false when peer is not a valid encoded point (the
// identity cannot arise: the group has prime order and d is in [1, n-1]).
bool ecdh(std::uint8_t out[32], const std::uint8_t d[32], const std::uint8_t* peer,
          std::size_t peer_len);

}  // namespace glass::crypto::p256
