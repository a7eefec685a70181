// Fuzzes the ML-KEM hybrid key shares (crypto/hybrid_kex.cpp). The first byte picks
// the side and group: 0/2 the server answering a client share (X25519MLKEM768 /
// SecP256r1MLKEM768: length, FIPS 203 modulus check, classical point, encapsulation),
// 1/3 the client decapsulating a server share with fixed keys. Besides "no crash,
// no OOB read": failures are illegal_parameter, a share accepted has the draft's
// sizes, and a server answer to our own client share decapsulates to the same secret.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "crypto/hybrid_kex.hpp"

using namespace glass;
using crypto::NamedGroup;

namespace {

// The fixed client keys: d = 0..31, z = 32..63, classical key = 64..95
// (fuzz/make_pq_corpora.py builds the seeds from the same bytes).
const crypto::KeyShare& client(NamedGroup g) {
  static const auto make = [](NamedGroup grp) {
    core::Bytes priv(96);
    for (int i = 0; i < 96; ++i) priv[i] = static_cast<std::uint8_t>(i);
    auto k = crypto::KeyShare::from_private(grp, priv);
    if (!k) std::abort();
    return std::move(*k);
  };
  static const crypto::KeyShare x = make(NamedGroup::X25519MLKEM768);
  static const crypto::KeyShare p = make(NamedGroup::SecP256r1MLKEM768);
  return g == NamedGroup::X25519MLKEM768 ? x : p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const NamedGroup g = (data[0] & 2) ? NamedGroup::SecP256r1MLKEM768 : NamedGroup::X25519MLKEM768;
  const bool server_side = (data[0] & 1) == 0;
  const core::ByteView share(data + 1, size - 1);
  const std::size_t secret_size = 64;
  if (server_side) {
    crypto::SeededRng rng(0x706b656d);
    auto reply = crypto::KeyShare::respond(g, share, rng);
    if (!reply) {
      if (reply.error().alert != core::Alert::illegal_parameter) std::abort();
      return 0;
    }
    if (share.size() != crypto::group_public_size(g)) std::abort();
    if (reply->share.size() != crypto::hybrid_server_share_size(g)) std::abort();
    if (reply->secret.size() != secret_size) std::abort();
    const auto mine = client(g).public_key();
    if (share.size() == mine.size() && std::memcmp(share.data(), mine.data(), mine.size()) == 0) {
      auto back = client(g).shared_secret(reply->share);
      if (!back || back->size() != secret_size ||
          std::memcmp(back->data(), reply->secret.data(), secret_size) != 0)
        std::abort();
    }
    return 0;
  }
  auto secret = client(g).shared_secret(share);
  if (!secret) {
    if (secret.error().alert != core::Alert::illegal_parameter) std::abort();
    return 0;
  }
  if (share.size() != crypto::hybrid_server_share_size(g)) std::abort();
  if (secret->size() != secret_size) std::abort();
  return 0;
}
