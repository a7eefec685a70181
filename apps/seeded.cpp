#include "apps/seeded.hpp"

#include <string>

namespace glass::apps {

std::unique_ptr<crypto::SeededRng> seeded_rng(std::uint64_t seed, std::string_view purpose) {
  std::string s = "glasstls seed " + std::to_string(seed) + " " + std::string(purpose);
  return std::make_unique<crypto::SeededRng>(core::as_bytes(s));
}

SeededSide seeded_side(std::uint64_t seed, std::string_view side) {
  SeededSide out;
  out.rng = seeded_rng(seed, side);
  auto keys = seeded_rng(seed, std::string(side) + " ephemeral keys");
  using G = crypto::NamedGroup;
  for (auto [g, len] : {std::pair{G::x25519, 32}, std::pair{G::secp256r1, 32},
                        std::pair{G::secp384r1, 48}}) {
    core::Bytes k = keys->bytes(static_cast<std::size_t>(len));
    // A NIST scalar must be below the group order: a clear top bit guarantees it.
    if (g != G::x25519) k[0] &= 0x7f;
    out.ephemeral_keys.emplace_back(g, std::move(k));
  }
  return out;
}

void apply_seed(SeededSide& s, handshake::Config& cfg) {
  cfg.rng = s.rng.get();
  cfg.fixed_ephemeral_keys = s.ephemeral_keys;
}

}  // namespace glass::apps
