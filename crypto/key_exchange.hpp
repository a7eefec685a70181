#pragma once
// Ephemeral (EC)DH for TLS key_share / ServerKeyExchange: X25519 (libsodium),
// secp256r1 and secp384r1 (mbedTLS ECP). Public keys use their TLS encodings:
// 32 raw bytes for X25519, the uncompressed point 04‖X‖Y for the NIST curves.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/random.hpp"

namespace glass::crypto {

enum class NamedGroup : std::uint16_t {
  secp256r1 = 0x0017,
  secp384r1 = 0x0018,
  secp521r1 = 0x0019,
  x25519 = 0x001d,
  x448 = 0x001e,
  ffdhe2048 = 0x0100,
  // Post-quantum hybrids (draft-ietf-tls-ecdhe-mlkem), TLS 1.3 only: crypto/hybrid_kex.hpp.
  SecP256r1MLKEM768 = 0x11eb,
  X25519MLKEM768 = 0x11ec,
};

// "x25519", "secp256r1", or "unknown(0x1234)".
std::string name_of(NamedGroup g);
// True for the groups this build can compute with.
bool group_supported(NamedGroup g);
// Expected public key length on the wire (0 for unsupported groups); for the
// hybrid KEM groups the client's share (the server's is hybrid_server_share_size).
std::size_t group_public_size(NamedGroup g);
// Groups that exist only in TLS 1.3 (the ML-KEM hybrids): never in a TLS 1.2 ServerKeyExchange.
bool group_tls13_only(NamedGroup g);

// What a server sends back for a client's share, and the secret both sides end with.
struct KeyShareReply {
  NamedGroup group{};
  Bytes share;
  core::SecretBytes secret;
};

class KeyShare {
 public:
  static core::Result<KeyShare> generate(NamedGroup g, Rng& rng);
  // From a known private key (RFC 8448 replays, tests): X25519 takes 32 bytes,
  // the NIST curves a big-endian scalar of the curve's size.
  static core::Result<KeyShare> from_private(NamedGroup g, ByteView private_key);
  // The server's side in one step: a fresh key pair and the (EC)DH secret, or
  // for a hybrid group an encapsulation against the client's share.
  static core::Result<KeyShareReply> respond(NamedGroup g, ByteView client_share, Rng& rng);
  KeyShare(KeyShare&&) noexcept;
  KeyShare& operator=(KeyShare&&) noexcept;
  ~KeyShare();

  NamedGroup group() const { return group_; }
  ByteView public_key() const { return public_; }
  // illegal_parameter for a malformed or off-curve point, or an all-zero X25519 result.
  core::Result<core::SecretBytes> shared_secret(ByteView peer_public) const;

  struct Impl;

 private:
  KeyShare(NamedGroup g, Bytes pub, std::unique_ptr<Impl> impl);
  NamedGroup group_;
  Bytes public_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace glass::crypto
