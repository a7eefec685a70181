#include "handshake/key_shares.hpp"

#include <algorithm>

#include "crypto/hybrid_kex.hpp"
#include "handshake/extensions_typed.hpp"

namespace glass::handshake {

Random make_random(Channel& ch) {
  Random r;
  ch.rng.fill(r);
  return r;
}

core::Result<crypto::KeyShare> make_key_share(Channel& ch, crypto::NamedGroup g) {
  for (auto& [group, key] : ch.cfg.fixed_ephemeral_keys)
    if (group == g) return crypto::KeyShare::from_private(g, key);
  return crypto::KeyShare::generate(g, ch.rng);
}

core::Result<crypto::KeyShareReply> respond_key_share(Channel& ch, crypto::NamedGroup g,
                                                      core::ByteView client_share) {
  for (auto& [group, key] : ch.cfg.fixed_ephemeral_keys)
    if (group == g && !crypto::is_hybrid_group(g)) {
      GLASS_TRY(auto ours, crypto::KeyShare::from_private(g, key));
      GLASS_TRY(auto secret, ours.shared_secret(client_share));
      crypto::KeyShareReply reply;
      reply.group = g;
      reply.share = core::to_bytes(ours.public_key());
      reply.secret = std::move(secret);
      return reply;
    }
  return crypto::KeyShare::respond(g, client_share, ch.rng);
}

std::vector<crypto::NamedGroup> initial_share_groups(const Config& c) {
  if (!c.key_share_groups.empty()) return c.key_share_groups;
  std::vector<crypto::NamedGroup> out;
  if (c.groups.empty()) return out;
  out.push_back(c.groups.front());
  const auto x = crypto::NamedGroup::x25519;
  if (crypto::is_hybrid_group(c.groups.front()) &&
      std::find(c.groups.begin(), c.groups.end(), x) != c.groups.end())
    out.push_back(x);
  return out;
}

std::optional<crypto::NamedGroup> preferred_hybrid_without_share(
    const std::vector<crypto::NamedGroup>& ours, const std::vector<crypto::NamedGroup>& client_groups,
    const KeyShareClientHello& shares, crypto::NamedGroup chosen) {
  if (crypto::is_hybrid_group(chosen)) return std::nullopt;
  const auto chosen_at = std::find(client_groups.begin(), client_groups.end(), chosen);
  for (auto g : ours) {
    if (g == chosen) break;
    if (!crypto::is_hybrid_group(g) || !crypto::group_supported(g) || shares.find(g)) continue;
    if (std::find(client_groups.begin(), chosen_at, g) != chosen_at) return g;
  }
  return std::nullopt;
}

}  // namespace glass::handshake
