#pragma once
// TLS 1.2 key derivation (RFC 5246 6.3, 7.4.9, 8.1; RFC 7627 4): master secret
// (with and without extended master secret), key block, Finished verify_data.
// The PRF hash is the cipher suite's (SHA-256 unless the suite says SHA-384).
#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "handshake/certificate_verify.hpp"  // Side
#include "handshake/types.hpp"

namespace glass::handshake::tls12 {

using core::ByteView;
using core::SecretBytes;
using crypto::HashAlg;

inline constexpr std::size_t master_secret_size = 48;

// master_secret = PRF(pre_master_secret, "master secret",
//                     ClientHello.random + ServerHello.random)[0..47]
// Reported as "master_secret".
SecretBytes master_secret(HashAlg prf, ByteView pre_master_secret, const Random& client_random,
                          const Random& server_random, core::Observer* obs = nullptr);
// RFC 7627 4: master_secret = PRF(pre_master_secret, "extended master secret",
//                                 session_hash)[0..47]
// where session_hash = Hash(handshake messages through ClientKeyExchange).
SecretBytes extended_master_secret(HashAlg prf, ByteView pre_master_secret, ByteView session_hash,
                                   core::Observer* obs = nullptr);

// RFC 5246 6.3: key_block = PRF(master_secret, "key expansion",
//                               server_random + client_random), cut in this order.
struct KeyBlock {
  SecretBytes client_write_mac_key, server_write_mac_key;
  SecretBytes client_write_key, server_write_key;
  SecretBytes client_write_iv, server_write_iv;
};
KeyBlock key_block(HashAlg prf, ByteView master_secret, const Random& client_random,
                   const Random& server_random, std::size_t mac_key_length,
                   std::size_t key_length, std::size_t fixed_iv_length);
// For the AEAD suites of types.hpp: no MAC key, fixed IV of 4 bytes for AES-GCM
// (RFC 5288 3) and 12 bytes for ChaCha20-Poly1305 (RFC 7905 2). illegal_parameter
// for suites without parameters or TLS 1.3 suites.
core::Result<KeyBlock> key_block(CipherSuite suite, ByteView master_secret,
                                 const Random& client_random, const Random& server_random,
                                 core::Observer* obs = nullptr);

// RFC 5246 7.4.9: verify_data = PRF(master_secret, "client finished" / "server finished",
//                                   Hash(handshake_messages))[0..11]
core::Bytes finished_verify_data(HashAlg prf, ByteView master_secret, Side sender,
                                 ByteView handshake_hash);

}  // namespace glass::handshake::tls12
