#pragma once
// SHA-256 compression with the x86 SHA extensions. Call only when
// cpu_features().sha_ni is true (compiled for the target; executing it elsewhere
// is an illegal instruction).
#include <cstddef>
#include <cstdint>

namespace glass::crypto::detail {

// state = H0..H7 as FIPS 180-4 numbers them; `blocks` 64-byte blocks at `data`.
void sha256_ni_blocks(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks);

}  // namespace glass::crypto::detail
