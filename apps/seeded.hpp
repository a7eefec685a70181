#pragma once
// `--seed N`: our side's randoms and ephemeral keys come from a seed, so a run
// is reproducible byte for byte and a teacher can hand out the exact values.
// Being SeededRngs, these streams also select crypto's deterministic signature
// provider (crypto/sig_provider.hpp): RSA-PSS salts and blinding come from them in
// fixed amounts, so signatures repeat too, whatever a key signed before.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "crypto/random.hpp"
#include "handshake/config.hpp"

namespace glass::apps {

struct SeededSide {
  std::unique_ptr<crypto::SeededRng> rng;
  std::vector<std::pair<crypto::NamedGroup, core::Bytes>> ephemeral_keys;
};

// Streams for one purpose ("client", "server", "pki") of one seed; different
// purposes never share bytes.
std::unique_ptr<crypto::SeededRng> seeded_rng(std::uint64_t seed, std::string_view purpose);
// An rng and one ephemeral private key per group, all from the seed.
SeededSide seeded_side(std::uint64_t seed, std::string_view side);
// Puts the side's rng and keys into cfg (the SeededSide must outlive cfg's use).
void apply_seed(SeededSide& s, handshake::Config& cfg);

}  // namespace glass::apps
