#include "core/bytes.hpp"

#include <string.h>

namespace glass::core {

bool ct_equal(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  volatile std::uint8_t acc = 0;
  for (std::size_t i = 0; i < a.size(); ++i) acc = acc | (a[i] ^ b[i]);
  return acc == 0;
}

void secure_wipe(void* p, std::size_t n) {
  if (p != nullptr && n != 0) explicit_bzero(p, n);
}

void SecretBytes::resize(std::size_t n) {
  if (n <= b_.capacity()) {
    if (n < b_.size()) secure_wipe(b_.data() + n, b_.size() - n);
    b_.resize(n);
    return;
  }
  Bytes fresh(n);
  std::copy(b_.begin(), b_.end(), fresh.begin());
  secure_wipe(b_);
  b_ = std::move(fresh);
}

}  // namespace glass::core
