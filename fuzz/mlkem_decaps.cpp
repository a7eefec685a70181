// Fuzzes ML-KEM-768 decapsulation inputs (crypto/mlkem768.cpp). The first byte's
// low bit picks the mode: 0 the rest is a ciphertext for a fixed key; 1 the next
// two bytes pick a byte of the key's secret part (dk_pke, which the FIPS 203 7.3
// hash check does not cover) to xor with the third, then the rest is the ciphertext.
// Besides "no crash, no OOB read": a ciphertext of the wrong length is
// illegal_parameter, any 1088-byte one gives 32 bytes (implicit rejection, never an
// error), deterministically, and the rejection key is J(z || c) whenever the
// ciphertext is not the one Encaps made.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "crypto/keccak.hpp"
#include "crypto/mlkem768.hpp"

using namespace glass;
namespace mlkem = glass::crypto::mlkem768;

namespace {
const mlkem::KeyPair& fixed_key() {
  static const mlkem::KeyPair kp = [] {
    core::Bytes d(32), z(32);
    for (int i = 0; i < 32; ++i) {
      d[i] = static_cast<std::uint8_t>(i);
      z[i] = static_cast<std::uint8_t>(32 + i);
    }
    return mlkem::keygen_internal(d, z);
  }();
  return kp;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  core::SecretBytes dk(fixed_key().decaps_key.view());
  std::size_t skip = 1;
  if (data[0] & 1) {
    if (size < 4) return 0;
    const std::size_t at = ((std::size_t{data[1]} << 8) | data[2]) % 1152;
    dk[at] ^= data[3];
    skip = 4;
  }
  const core::ByteView ct(data + skip, size - skip);
  auto k = mlkem::decaps(dk, ct);
  if (ct.size() != mlkem::kCiphertextSize) {
    if (k || k.error().alert != core::Alert::illegal_parameter) std::abort();
    return 0;
  }
  if (!k || k->size() != mlkem::kSharedSecretSize) std::abort();
  auto again = mlkem::decaps(dk, ct);
  if (!again || std::memcmp(again->data(), k->data(), 32) != 0) std::abort();
  // Not J(z || c)? Then c must re-encrypt exactly, which the fixed key's own
  // encapsulations do; with an altered dk_pke even they mostly reject.
  std::uint8_t j[32];
  crypto::Shake256 h;
  h.absorb(dk.view().subspan(mlkem::kDecapsKeySize - 32));
  h.absorb(ct);
  h.squeeze(core::MutByteView(j, 32));
  if (std::memcmp(j, k->data(), 32) != 0) {
    // The only way to a non-rejection key is a valid ciphertext: decaps is then a
    // function of (m, H(ek)), so decapsulating with the pristine key agrees.
    auto clean = mlkem::decaps(fixed_key().decaps_key, ct);
    if (!clean || std::memcmp(clean->data(), k->data(), 32) != 0) std::abort();
  }
  return 0;
}
