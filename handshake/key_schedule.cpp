#include "handshake/key_schedule.hpp"

#include <string>

#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"

namespace glass::handshake::tls13 {

namespace {

SecretBytes report(core::Observer* obs, std::string_view label, core::Bytes&& value) {
  SecretBytes s(std::move(value));
  if (obs && !label.empty()) obs->on_secret(label, s);
  return s;
}

// Derive-Secret(secret, label, "") uses the hash of the empty string.
core::Bytes empty_hash(HashAlg alg) { return crypto::hash(alg, {}); }

core::Bytes zeros(HashAlg alg) { return core::Bytes(crypto::hash_size(alg), 0); }

}  // namespace

EarlySecret::EarlySecret(HashAlg alg, ByteView psk, core::Observer* obs) : alg_(alg), obs_(obs) {
  core::Bytes z = zeros(alg);
  ByteView ikm = psk.empty() ? ByteView(z) : psk;
  secret_ = report(obs_, "early_secret", crypto::hkdf_extract(alg, z, ikm));
}

SecretBytes EarlySecret::binder_key(bool resumption) const {
  return report(obs_, "binder_key",
                crypto::derive_secret(alg_, secret_, resumption ? "res binder" : "ext binder",
                                      empty_hash(alg_)));
}

SecretBytes EarlySecret::client_early_traffic_secret(ByteView hash_client_hello) const {
  return report(obs_, "client_early_traffic_secret",
                crypto::derive_secret(alg_, secret_, "c e traffic", hash_client_hello));
}

SecretBytes EarlySecret::early_exporter_master_secret(ByteView hash_client_hello) const {
  return report(obs_, "early_exporter_master_secret",
                crypto::derive_secret(alg_, secret_, "e exp master", hash_client_hello));
}

HandshakeSecret EarlySecret::handshake_secret(ByteView ecdhe_shared_secret) const {
  SecretBytes salt(crypto::derive_secret(alg_, secret_, "derived", empty_hash(alg_)));
  core::Bytes z = zeros(alg_);
  ByteView ikm = ecdhe_shared_secret.empty() ? ByteView(z) : ecdhe_shared_secret;
  SecretBytes hs = report(obs_, "handshake_secret", crypto::hkdf_extract(alg_, salt, ikm));
  return HandshakeSecret(alg_, std::move(hs), obs_);
}

SecretBytes HandshakeSecret::client_handshake_traffic_secret(ByteView h) const {
  return report(obs_, "client_handshake_traffic_secret",
                crypto::derive_secret(alg_, secret_, "c hs traffic", h));
}

SecretBytes HandshakeSecret::server_handshake_traffic_secret(ByteView h) const {
  return report(obs_, "server_handshake_traffic_secret",
                crypto::derive_secret(alg_, secret_, "s hs traffic", h));
}

MasterSecret HandshakeSecret::master_secret() const {
  SecretBytes salt(crypto::derive_secret(alg_, secret_, "derived", empty_hash(alg_)));
  SecretBytes ms = report(obs_, "master_secret", crypto::hkdf_extract(alg_, salt, zeros(alg_)));
  return MasterSecret(alg_, std::move(ms), obs_);
}

SecretBytes MasterSecret::client_application_traffic_secret_0(ByteView h) const {
  return report(obs_, "client_application_traffic_secret_0",
                crypto::derive_secret(alg_, secret_, "c ap traffic", h));
}

SecretBytes MasterSecret::server_application_traffic_secret_0(ByteView h) const {
  return report(obs_, "server_application_traffic_secret_0",
                crypto::derive_secret(alg_, secret_, "s ap traffic", h));
}

SecretBytes MasterSecret::exporter_master_secret(ByteView h) const {
  return report(obs_, "exporter_master_secret",
                crypto::derive_secret(alg_, secret_, "exp master", h));
}

SecretBytes MasterSecret::resumption_master_secret(ByteView h) const {
  return report(obs_, "resumption_master_secret",
                crypto::derive_secret(alg_, secret_, "res master", h));
}

TrafficKeys traffic_keys(HashAlg alg, crypto::AeadAlg aead, ByteView traffic_secret,
                         core::Observer* obs, std::string_view name) {
  TrafficKeys k;
  k.key = SecretBytes(
      crypto::hkdf_expand_label(alg, traffic_secret, "key", {}, crypto::aead_key_size(aead)));
  k.iv = SecretBytes(
      crypto::hkdf_expand_label(alg, traffic_secret, "iv", {}, crypto::aead_nonce_size));
  if (obs && !name.empty()) {
    obs->on_secret(std::string(name) + " key", k.key);
    obs->on_secret(std::string(name) + " iv", k.iv);
  }
  return k;
}

SecretBytes next_application_traffic_secret(HashAlg alg, ByteView secret, core::Observer* obs,
                                            std::string_view label) {
  return report(obs, label,
                crypto::hkdf_expand_label(alg, secret, "traffic upd", {}, crypto::hash_size(alg)));
}

SecretBytes finished_key(HashAlg alg, ByteView base_key) {
  return SecretBytes(
      crypto::hkdf_expand_label(alg, base_key, "finished", {}, crypto::hash_size(alg)));
}

core::Bytes finished_verify_data(HashAlg alg, ByteView base_key, ByteView transcript_hash) {
  SecretBytes key = finished_key(alg, base_key);
  return crypto::hmac(alg, key, transcript_hash);
}

SecretBytes resumption_psk(HashAlg alg, ByteView resumption_master_secret, ByteView ticket_nonce) {
  return SecretBytes(crypto::hkdf_expand_label(alg, resumption_master_secret, "resumption",
                                               ticket_nonce, crypto::hash_size(alg)));
}

core::Bytes export_keying_material(HashAlg alg, ByteView exporter_master_secret,
                                   std::string_view label, ByteView context, std::size_t length) {
  SecretBytes s(crypto::derive_secret(alg, exporter_master_secret, label, empty_hash(alg)));
  return crypto::hkdf_expand_label(alg, s, "exporter", crypto::hash(alg, context), length);
}

}  // namespace glass::handshake::tls13
