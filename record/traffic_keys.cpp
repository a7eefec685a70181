#include "record/traffic_keys.hpp"

#include "crypto/kdf.hpp"

namespace glass::record {

TrafficKeys derive_traffic_keys13(crypto::HashAlg hash, crypto::AeadAlg alg,
                                  core::ByteView traffic_secret) {
  const crypto::Hmac keyed(hash, traffic_secret);  // one keying for both labels
  TrafficKeys k;
  k.key = core::SecretBytes(crypto::hkdf_expand_label(keyed, "key", {}, crypto::aead_key_size(alg)));
  k.iv = core::SecretBytes(crypto::hkdf_expand_label(keyed, "iv", {}, crypto::aead_nonce_size));
  return k;
}

std::size_t tls12_fixed_iv_size(crypto::AeadAlg alg) {
  return alg == crypto::AeadAlg::chacha20_poly1305 ? 12 : 4;
}

KeyBlock12 derive_key_block12(crypto::HashAlg prf_hash, crypto::AeadAlg alg,
                              core::ByteView master_secret, core::ByteView client_random,
                              core::ByteView server_random) {
  const std::size_t key_len = crypto::aead_key_size(alg);
  const std::size_t iv_len = tls12_fixed_iv_size(alg);
  core::SecretBytes block(crypto::tls12_prf(prf_hash, master_secret, "key expansion",
                                            core::concat({server_random, client_random}),
                                            2 * key_len + 2 * iv_len));
  core::ByteView b = block.view();
  KeyBlock12 out;
  out.client_write.key = core::SecretBytes(b.subspan(0, key_len));
  out.server_write.key = core::SecretBytes(b.subspan(key_len, key_len));
  out.client_write.iv = core::SecretBytes(b.subspan(2 * key_len, iv_len));
  out.server_write.iv = core::SecretBytes(b.subspan(2 * key_len + iv_len, iv_len));
  return out;
}

}  // namespace glass::record
