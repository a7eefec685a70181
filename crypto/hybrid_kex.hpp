#pragma once
// Post-quantum hybrid key exchange for TLS 1.3 (draft-ietf-tls-ecdhe-mlkem):
// ML-KEM-768 combined with X25519 (X25519MLKEM768, 0x11EC) or with secp256r1
// (SecP256r1MLKEM768, 0x11EB). Wire layouts and secret order follow the draft:
//   X25519MLKEM768     client: ek (1184) || X25519 key (32)    server: ct (1088) || X25519 key (32)
//                      secret: ML-KEM secret || X25519 secret
//   SecP256r1MLKEM768  client: 04||X||Y (65) || ek (1184)     server: 04||X||Y (65) || ct (1088)
//                      secret: ECDH secret || ML-KEM secret
// The client generates a share and later decapsulates; the server answers a
// client share with an encapsulation (KeyShare::respond) instead of a key pair.
#include "crypto/key_exchange.hpp"

namespace glass::crypto {

bool is_hybrid_group(NamedGroup g);
// The server's share size (the client's is group_public_size); 0 for other groups.
std::size_t hybrid_server_share_size(NamedGroup g);

class HybridKeyShare {
 public:
  static core::Result<HybridKeyShare> generate(NamedGroup g, Rng& rng);
  // private_key = d (32) || z (32) || the classical private key (32 bytes for
  // X25519, a 32-byte big-endian scalar for secp256r1).
  static core::Result<HybridKeyShare> from_private(NamedGroup g, ByteView private_key);

  NamedGroup group() const { return group_; }
  ByteView public_share() const { return share_; }
  // The client's side: the server's share -> the concatenated secret.
  // illegal_parameter for a share of the wrong length or a bad classical half.
  core::Result<core::SecretBytes> decapsulate(ByteView server_share) const;

 private:
  HybridKeyShare(NamedGroup g, KeyShare classical, core::SecretBytes dk, Bytes share)
      : group_(g), classical_(std::move(classical)), dk_(std::move(dk)), share_(std::move(share)) {}
  NamedGroup group_;
  KeyShare classical_;
  core::SecretBytes dk_;  // ML-KEM-768 decapsulation key
  Bytes share_;
};

// The server's side: checks the client's share (length, FIPS 203 7.2 modulus
// check, classical point), encapsulates and runs the classical exchange.
core::Result<KeyShareReply> hybrid_encapsulate(NamedGroup g, ByteView client_share, Rng& rng);

}  // namespace glass::crypto
