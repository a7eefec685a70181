#pragma once
// SHA-1 compression with the x86 SHA extensions. Call only when
// cpu_features().sha_ni is true.
#include <cstddef>
#include <cstdint>

namespace glass::crypto::detail {

// state = H0..H4 (FIPS 180-4 6.1); `blocks` 64-byte blocks at `data`.
void sha1_ni_blocks(std::uint32_t state[5], const std::uint8_t* data, std::size_t blocks);

}  // namespace glass::crypto::detail
