#pragma once
// Where record keys come from. TLS 1.3: each traffic secret expands to a key and
// an iv (RFC 8446 7.3). TLS 1.2: the key block PRF(master_secret, "key expansion",
// server_random ‖ client_random) is cut into client/server keys and fixed ivs
// (RFC 5246 6.3); AEAD suites have no MAC keys. The handshake layer owns the
// secrets and calls these when it installs keys.
#include "core/bytes.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace glass::record {

struct TrafficKeys {
  core::SecretBytes key;
  core::SecretBytes iv;  // TLS 1.3: 12 bytes; TLS 1.2: the fixed (implicit) part
};

TrafficKeys derive_traffic_keys13(crypto::HashAlg hash, crypto::AeadAlg alg,
                                  core::ByteView traffic_secret);

// Fixed iv length from the TLS 1.2 key block: 4-byte salt for AES-GCM (RFC 5288),
// the whole 12-byte iv for ChaCha20-Poly1305 (RFC 7905).
std::size_t tls12_fixed_iv_size(crypto::AeadAlg alg);

struct KeyBlock12 {
  TrafficKeys client_write;
  TrafficKeys server_write;
};
KeyBlock12 derive_key_block12(crypto::HashAlg prf_hash, crypto::AeadAlg alg,
                              core::ByteView master_secret, core::ByteView client_random,
                              core::ByteView server_random);

}  // namespace glass::record
