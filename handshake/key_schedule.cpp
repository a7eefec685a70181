#include "handshake/key_schedule.hpp"

#include <array>
#include <optional>
#include <string>

#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "record/traffic_keys.hpp"

namespace glass::handshake::tls13 {

namespace {

SecretBytes report(core::Observer* obs, std::optional<core::Secret> kind, core::Bytes&& value) {
  SecretBytes s(std::move(value));
  if (obs && kind) obs->on_secret(*kind, s);
  return s;
}

std::size_t index_of(HashAlg alg) { return static_cast<std::size_t>(alg); }
constexpr std::size_t kAlgs = 4;

// Derive-Secret(secret, label, "") uses the hash of the empty string.
const core::Bytes& empty_hash(HashAlg alg) {
  static const auto table = [] {
    std::array<core::Bytes, kAlgs> t;
    for (auto a : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512})
      t[index_of(a)] = crypto::hash(a, {});
    return t;
  }();
  return table[index_of(alg)];
}

core::Bytes zeros(HashAlg alg) { return core::Bytes(crypto::hash_size(alg), 0); }

// Without a PSK the Early Secret and its "derived" salt are the same for every
// handshake (RFC 8446 7.1 with PSK = zeros): computed once per hash, not per
// connection. They protect nothing on their own.
struct NoPsk {
  core::Bytes early, derived;
  std::optional<crypto::Hmac> derived_keyed;  // HKDF-Extract's HMAC keyed with `derived`
};
const NoPsk& no_psk(HashAlg alg) {
  static const auto table = [] {
    std::array<NoPsk, kAlgs> t;
    for (auto a : {HashAlg::sha256, HashAlg::sha384}) {
      core::Bytes z = zeros(a);
      t[index_of(a)].early = crypto::hkdf_extract(a, z, z);
      t[index_of(a)].derived = crypto::derive_secret(a, t[index_of(a)].early, "derived", empty_hash(a));
      t[index_of(a)].derived_keyed.emplace(a, t[index_of(a)].derived);
    }
    return t;
  }();
  return table[index_of(alg)];
}

bool cached(HashAlg alg) { return alg == HashAlg::sha256 || alg == HashAlg::sha384; }

}  // namespace

EarlySecret::EarlySecret(HashAlg alg, ByteView psk, core::Observer* obs)
    : alg_(alg), obs_(obs), no_psk_(psk.empty()) {
  if (no_psk_ && cached(alg)) {
    secret_ = report(obs_, core::Secret::early_secret, core::to_bytes(no_psk(alg).early));
    return;
  }
  core::Bytes z = zeros(alg);
  ByteView ikm = psk.empty() ? ByteView(z) : psk;
  secret_ = report(obs_, core::Secret::early_secret, crypto::hkdf_extract(alg, z, ikm));
}

SecretBytes EarlySecret::binder_key(bool resumption) const {
  return report(obs_, core::Secret::binder_key,
                crypto::derive_secret(alg_, secret_, resumption ? "res binder" : "ext binder",
                                      empty_hash(alg_)));
}

SecretBytes EarlySecret::client_early_traffic_secret(ByteView hash_client_hello) const {
  return report(obs_, core::Secret::client_early_traffic_secret,
                crypto::derive_secret(alg_, secret_, "c e traffic", hash_client_hello));
}

SecretBytes EarlySecret::early_exporter_master_secret(ByteView hash_client_hello) const {
  return report(obs_, core::Secret::early_exporter_master_secret,
                crypto::derive_secret(alg_, secret_, "e exp master", hash_client_hello));
}

HandshakeSecret EarlySecret::handshake_secret(ByteView ecdhe_shared_secret) const {
  core::Bytes z = zeros(alg_);
  ByteView ikm = ecdhe_shared_secret.empty() ? ByteView(z) : ecdhe_shared_secret;
  core::Bytes extracted;
  if (no_psk_ && cached(alg_)) {
    extracted = core::Bytes(crypto::hash_size(alg_));
    no_psk(alg_).derived_keyed->mac_into(ikm, extracted.data());
  } else {
    SecretBytes salt(crypto::derive_secret(alg_, secret_, "derived", empty_hash(alg_)));
    extracted = crypto::hkdf_extract(alg_, salt, ikm);
  }
  SecretBytes hs = report(obs_, core::Secret::handshake_secret, std::move(extracted));
  return HandshakeSecret(alg_, std::move(hs), obs_);
}

HandshakeSecret::HandshakeSecret(HashAlg alg, SecretBytes s, core::Observer* obs)
    : alg_(alg), secret_(std::move(s)), keyed_(alg, secret_), obs_(obs) {}

SecretBytes HandshakeSecret::client_handshake_traffic_secret(ByteView h) const {
  return report(obs_, core::Secret::client_handshake_traffic_secret,
                crypto::derive_secret(keyed_, "c hs traffic", h));
}

SecretBytes HandshakeSecret::server_handshake_traffic_secret(ByteView h) const {
  return report(obs_, core::Secret::server_handshake_traffic_secret,
                crypto::derive_secret(keyed_, "s hs traffic", h));
}

MasterSecret HandshakeSecret::master_secret() const {
  SecretBytes salt(crypto::derive_secret(keyed_, "derived", empty_hash(alg_)));
  SecretBytes ms = report(obs_, core::Secret::master_secret, crypto::hkdf_extract(alg_, salt, zeros(alg_)));
  return MasterSecret(alg_, std::move(ms), obs_);
}

MasterSecret::MasterSecret(HashAlg alg, SecretBytes s, core::Observer* obs)
    : alg_(alg), secret_(std::move(s)), keyed_(alg, secret_), obs_(obs) {}

SecretBytes MasterSecret::client_application_traffic_secret_0(ByteView h) const {
  return report(obs_, core::Secret::client_application_traffic_secret_0,
                crypto::derive_secret(keyed_, "c ap traffic", h));
}

SecretBytes MasterSecret::server_application_traffic_secret_0(ByteView h) const {
  return report(obs_, core::Secret::server_application_traffic_secret_0,
                crypto::derive_secret(keyed_, "s ap traffic", h));
}

SecretBytes MasterSecret::exporter_master_secret(ByteView h) const {
  return report(obs_, core::Secret::exporter_master_secret,
                crypto::derive_secret(keyed_, "exp master", h));
}

SecretBytes MasterSecret::resumption_master_secret(ByteView h) const {
  return report(obs_, core::Secret::resumption_master_secret,
                crypto::derive_secret(keyed_, "res master", h));
}

TrafficKeys traffic_keys(HashAlg alg, crypto::AeadAlg aead, ByteView traffic_secret,
                         core::Observer* obs, std::string_view name) {
  auto r = record::derive_traffic_keys13(alg, aead, traffic_secret);
  TrafficKeys k{std::move(r.key), std::move(r.iv)};
  auto secret = core::secret_from_label(name);
  if (obs && secret && core::record_key_of(*secret, false)) {
    obs->on_secret(*core::record_key_of(*secret, false), k.key);
    obs->on_secret(*core::record_key_of(*secret, true), k.iv);
  }
  return k;
}

SecretBytes next_application_traffic_secret(HashAlg alg, ByteView secret, core::Observer* obs,
                                            std::optional<core::Secret> kind) {
  return report(obs, kind,
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
