#pragma once
// Randoms and ephemeral keys from the injected sources (Config::rng,
// Config::fixed_ephemeral_keys), and which groups get a key share.
#include <optional>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "handshake/engine.hpp"

namespace glass::handshake {

Random make_random(Channel& ch);
// An ephemeral key for g: the fixed one from the config if given, else fresh.
core::Result<crypto::KeyShare> make_key_share(Channel& ch, crypto::NamedGroup g);
// The server's answer to a client share: a fixed key from the config if given
// (RFC 8448 replays), else crypto::KeyShare::respond (an encapsulation for hybrids).
core::Result<crypto::KeyShareReply> respond_key_share(Channel& ch, crypto::NamedGroup g,
                                                      core::ByteView client_share);
// Client: the groups the first ClientHello sends key shares for (Config::key_share_groups).
std::vector<crypto::NamedGroup> initial_share_groups(const Config& c);
struct KeyShareClientHello;
// Server: a post-quantum hybrid worth a HelloRetryRequest although the client sent a
// share we could use for `chosen`: one we rank above `chosen`, that the client lists
// before `chosen` in supported_groups, with no share for it (what a browser sending
// only x25519 first would get from servers that prefer the hybrid).
std::optional<crypto::NamedGroup> preferred_hybrid_without_share(
    const std::vector<crypto::NamedGroup>& ours, const std::vector<crypto::NamedGroup>& client_groups,
    const KeyShareClientHello& shares, crypto::NamedGroup chosen);

}  // namespace glass::handshake
