#include "crypto/hybrid_kex.hpp"

#include <cstring>
#include <string>

#include "crypto/mlkem768.hpp"

namespace glass::crypto {

namespace {

struct Layout {
  NamedGroup classical;
  std::size_t classical_size;  // public key bytes on the wire
  bool mlkem_first;            // ML-KEM part first on the wire and in the secret
};

Layout layout_of(NamedGroup g) {
  if (g == NamedGroup::X25519MLKEM768) return {NamedGroup::x25519, 32, true};
  return {NamedGroup::secp256r1, 65, false};
}

core::Error illegal(std::string why) {
  return core::make_error(core::Alert::illegal_parameter, std::move(why));
}

std::string sizes(NamedGroup g, std::size_t kem_size, const char* kem_what) {
  const Layout l = layout_of(g);
  const std::string kem = std::to_string(kem_size) + "-byte ML-KEM-768 " + kem_what;
  const std::string cl = std::to_string(l.classical_size) + "-byte " + name_of(l.classical) + " key";
  return l.mlkem_first ? kem + " + " + cl : cl + " + " + kem;
}

// Splits a hybrid share into its ML-KEM and classical halves.
void split(NamedGroup g, ByteView share, std::size_t kem_size, ByteView& kem, ByteView& classical) {
  const Layout l = layout_of(g);
  if (l.mlkem_first) {
    kem = share.first(kem_size);
    classical = share.subspan(kem_size);
  } else {
    classical = share.first(l.classical_size);
    kem = share.subspan(l.classical_size);
  }
}

core::SecretBytes join(NamedGroup g, ByteView kem_secret, ByteView classical_secret) {
  const bool kem_first = layout_of(g).mlkem_first;
  ByteView a = kem_first ? kem_secret : classical_secret;
  ByteView b = kem_first ? classical_secret : kem_secret;
  core::SecretBytes out(a.size() + b.size());
  std::memcpy(out.data(), a.data(), a.size());
  std::memcpy(out.data() + a.size(), b.data(), b.size());
  return out;
}

Bytes join_public(NamedGroup g, ByteView kem_part, ByteView classical_part) {
  const bool kem_first = layout_of(g).mlkem_first;
  Bytes out;
  out.reserve(kem_part.size() + classical_part.size());
  ByteView a = kem_first ? kem_part : classical_part;
  ByteView b = kem_first ? classical_part : kem_part;
  out.insert(out.end(), a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

core::Error with_group(NamedGroup g, core::Error e) {
  e.reason = name_of(g) + ": " + e.reason;
  return e;
}

}  // namespace

bool is_hybrid_group(NamedGroup g) {
  return g == NamedGroup::X25519MLKEM768 || g == NamedGroup::SecP256r1MLKEM768;
}

std::size_t hybrid_server_share_size(NamedGroup g) {
  return is_hybrid_group(g) ? mlkem768::kCiphertextSize + layout_of(g).classical_size : 0;
}

core::Result<HybridKeyShare> HybridKeyShare::generate(NamedGroup g, Rng& rng) {
  core::SecretBytes priv(64 + 32);
  rng.fill(MutByteView(priv.data(), 64));
  if (g == NamedGroup::X25519MLKEM768) {
    rng.fill(MutByteView(priv.data() + 64, 32));
    return from_private(g, priv);
  }
  if (!is_hybrid_group(g)) return illegal(name_of(g) + " is not a hybrid group");
  // secp256r1: let mbedTLS draw a scalar in [1, n-1] from the same Rng.
  GLASS_TRY(auto classical, KeyShare::generate(NamedGroup::secp256r1, rng));
  auto kp = mlkem768::keygen_internal(priv.view().first(32), priv.view().subspan(32, 32));
  Bytes share = join_public(g, kp.encaps_key, classical.public_key());
  return HybridKeyShare(g, std::move(classical), std::move(kp.decaps_key), std::move(share));
}

core::Result<HybridKeyShare> HybridKeyShare::from_private(NamedGroup g, ByteView private_key) {
  if (!is_hybrid_group(g)) return illegal(name_of(g) + " is not a hybrid group");
  if (private_key.size() != 96)
    return illegal(name_of(g) + " private key must be 96 bytes (d, z, classical key), got " +
                   std::to_string(private_key.size()));
  GLASS_TRY(auto classical, KeyShare::from_private(layout_of(g).classical, private_key.subspan(64)));
  auto kp = mlkem768::keygen_internal(private_key.first(32), private_key.subspan(32, 32));
  Bytes share = join_public(g, kp.encaps_key, classical.public_key());
  return HybridKeyShare(g, std::move(classical), std::move(kp.decaps_key), std::move(share));
}

core::Result<core::SecretBytes> HybridKeyShare::decapsulate(ByteView server_share) const {
  const std::size_t want = hybrid_server_share_size(group_);
  if (server_share.size() != want)
    return illegal(name_of(group_) + " server key share must be " + std::to_string(want) +
                   " bytes (" + sizes(group_, mlkem768::kCiphertextSize, "ciphertext") +
                   "), got " + std::to_string(server_share.size()));
  ByteView ct, classical;
  split(group_, server_share, mlkem768::kCiphertextSize, ct, classical);
  auto kem_secret = mlkem768::decaps(dk_, ct);
  if (!kem_secret) return with_group(group_, kem_secret.error());
  auto classical_secret = classical_.shared_secret(classical);
  if (!classical_secret) return with_group(group_, classical_secret.error());
  return join(group_, *kem_secret, *classical_secret);
}

core::Result<KeyShareReply> hybrid_encapsulate(NamedGroup g, ByteView client_share, Rng& rng) {
  if (!is_hybrid_group(g)) return illegal(name_of(g) + " is not a hybrid group");
  const std::size_t want = group_public_size(g);
  if (client_share.size() != want)
    return illegal(name_of(g) + " client key share must be " + std::to_string(want) + " bytes (" +
                   sizes(g, mlkem768::kEncapsKeySize, "encapsulation key") + "), got " +
                   std::to_string(client_share.size()));
  ByteView ek, classical_peer;
  split(g, client_share, mlkem768::kEncapsKeySize, ek, classical_peer);
  auto enc = mlkem768::encaps(ek, rng);
  if (!enc) return with_group(g, enc.error());
  GLASS_TRY(auto classical, KeyShare::generate(layout_of(g).classical, rng));
  auto classical_secret = classical.shared_secret(classical_peer);
  if (!classical_secret) return with_group(g, classical_secret.error());
  KeyShareReply reply;
  reply.group = g;
  reply.share = join_public(g, enc->ciphertext, classical.public_key());
  reply.secret = join(g, enc->shared_secret, *classical_secret);
  return reply;
}

}  // namespace glass::crypto
