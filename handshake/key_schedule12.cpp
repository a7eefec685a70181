#include "handshake/key_schedule12.hpp"

#include <string>

#include "crypto/aead.hpp"
#include "crypto/kdf.hpp"
#include "handshake/finished.hpp"

namespace glass::handshake::tls12 {

namespace {
SecretBytes report(core::Observer* obs, core::Secret label, SecretBytes s) {
  if (obs) obs->on_secret(label, s);
  return s;
}
}  // namespace

SecretBytes master_secret(HashAlg prf, ByteView pre_master_secret, const Random& client_random,
                          const Random& server_random, core::Observer* obs) {
  core::Bytes seed = core::concat({client_random, server_random});
  return report(obs, core::Secret::master_secret,
                SecretBytes(crypto::tls12_prf(prf, pre_master_secret, "master secret", seed,
                                              master_secret_size)));
}

SecretBytes extended_master_secret(HashAlg prf, ByteView pre_master_secret, ByteView session_hash,
                                   core::Observer* obs) {
  return report(obs, core::Secret::master_secret,
                SecretBytes(crypto::tls12_prf(prf, pre_master_secret, "extended master secret",
                                              session_hash, master_secret_size)));
}

KeyBlock key_block(HashAlg prf, ByteView master_secret, const Random& client_random,
                   const Random& server_random, std::size_t mac_key_length,
                   std::size_t key_length, std::size_t fixed_iv_length) {
  core::Bytes seed = core::concat({server_random, client_random});
  std::size_t total = 2 * (mac_key_length + key_length + fixed_iv_length);
  SecretBytes block(crypto::tls12_prf(prf, master_secret, "key expansion", seed, total));
  std::size_t at = 0;
  auto take = [&](std::size_t n) {
    SecretBytes s(block.view().subspan(at, n));
    at += n;
    return s;
  };
  KeyBlock kb;
  kb.client_write_mac_key = take(mac_key_length);
  kb.server_write_mac_key = take(mac_key_length);
  kb.client_write_key = take(key_length);
  kb.server_write_key = take(key_length);
  kb.client_write_iv = take(fixed_iv_length);
  kb.server_write_iv = take(fixed_iv_length);
  return kb;
}

core::Result<KeyBlock> key_block(CipherSuite suite, ByteView master_secret,
                                 const Random& client_random, const Random& server_random,
                                 core::Observer* obs) {
  auto p = suite_params(suite);
  if (!p || p->version != ProtocolVersion::tls12)
    return core::make_error(core::Alert::illegal_parameter,
                            "no TLS 1.2 key block layout for cipher suite " + name_of(suite));
  std::size_t iv = p->aead == crypto::AeadAlg::chacha20_poly1305 ? 12 : 4;
  KeyBlock kb = key_block(p->hash, master_secret, client_random, server_random, 0,
                          crypto::aead_key_size(p->aead), iv);
  if (obs) {
    obs->on_secret(core::Secret::client_write_key, kb.client_write_key);
    obs->on_secret(core::Secret::server_write_key, kb.server_write_key);
    obs->on_secret(core::Secret::client_write_iv, kb.client_write_iv);
    obs->on_secret(core::Secret::server_write_iv, kb.server_write_iv);
  }
  return kb;
}

core::Bytes finished_verify_data(HashAlg prf, ByteView master_secret, Side sender,
                                 ByteView handshake_hash) {
  return crypto::tls12_prf(prf, master_secret,
                           sender == Side::client ? "client finished" : "server finished",
                           handshake_hash, tls12_verify_data_size);
}

}  // namespace glass::handshake::tls12
