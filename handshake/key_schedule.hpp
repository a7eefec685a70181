#pragma once
// The TLS 1.3 key schedule (RFC 8446 7.1) in typed stages:
//
//   EarlySecret(PSK or zeros)  --handshake_secret(ECDHE)-->  HandshakeSecret
//   HandshakeSecret            --master_secret()-->           MasterSecret
//
// Each stage derives only the secrets that exist at that point, and each method
// says which transcript hash it takes. The transcript is a separate object
// (transcript.hpp); this file never hashes messages itself. Every derived secret
// is reported to the Observer, if one is given, under the RFC's name
// ("client_handshake_traffic_secret", ...), which is what key logs and the
// teaching views print.
#include <optional>
#include <string_view>

#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/hmac.hpp"
#include "handshake/certificate_verify.hpp"  // Side

namespace glass::handshake::tls13 {

using core::ByteView;
using core::SecretBytes;
using crypto::HashAlg;

class HandshakeSecret;
class MasterSecret;

class EarlySecret {
 public:
  // Early Secret = HKDF-Extract(0, PSK); without a PSK, PSK = Hash.length zeros.
  explicit EarlySecret(HashAlg alg, ByteView psk = {}, core::Observer* obs = nullptr);

  HashAlg alg() const { return alg_; }
  const SecretBytes& secret() const { return secret_; }

  // binder_key = Derive-Secret(., "res binder" or "ext binder", "").
  SecretBytes binder_key(bool resumption) const;
  // Both from Transcript-Hash(ClientHello).
  SecretBytes client_early_traffic_secret(ByteView hash_client_hello) const;
  SecretBytes early_exporter_master_secret(ByteView hash_client_hello) const;

  // Handshake Secret = HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE).
  // For a psk_ke handshake pass an empty shared secret (zeros are used).
  HandshakeSecret handshake_secret(ByteView ecdhe_shared_secret) const;

 private:
  HashAlg alg_;
  SecretBytes secret_;
  core::Observer* obs_;
  bool no_psk_;
};

class HandshakeSecret {
 public:
  HashAlg alg() const { return alg_; }
  const SecretBytes& secret() const { return secret_; }

  // Both from Transcript-Hash(ClientHello ... ServerHello).
  SecretBytes client_handshake_traffic_secret(ByteView hash_through_server_hello) const;
  SecretBytes server_handshake_traffic_secret(ByteView hash_through_server_hello) const;

  // Master Secret = HKDF-Extract(Derive-Secret(., "derived", ""), zeros).
  MasterSecret master_secret() const;

 private:
  friend class EarlySecret;
  HandshakeSecret(HashAlg alg, SecretBytes s, core::Observer* obs);
  HashAlg alg_;
  SecretBytes secret_;
  crypto::Hmac keyed_;  // secret_ keyed once for its three labels
  core::Observer* obs_;
};

class MasterSecret {
 public:
  HashAlg alg() const { return alg_; }
  const SecretBytes& secret() const { return secret_; }

  // These three from Transcript-Hash(ClientHello ... server Finished).
  SecretBytes client_application_traffic_secret_0(ByteView hash_through_server_finished) const;
  SecretBytes server_application_traffic_secret_0(ByteView hash_through_server_finished) const;
  SecretBytes exporter_master_secret(ByteView hash_through_server_finished) const;
  // From Transcript-Hash(ClientHello ... client Finished).
  SecretBytes resumption_master_secret(ByteView hash_through_client_finished) const;

 private:
  friend class HandshakeSecret;
  MasterSecret(HashAlg alg, SecretBytes s, core::Observer* obs);
  HashAlg alg_;
  SecretBytes secret_;
  crypto::Hmac keyed_;  // secret_ keyed once for its four labels
  core::Observer* obs_;
};

// RFC 8446 7.3: the record protection key and IV of one direction.
struct TrafficKeys {
  SecretBytes key;  // aead_key_size(aead) bytes
  SecretBytes iv;   // 12 bytes
};
// key = HKDF-Expand-Label(secret, "key", "", key_length); iv = ... "iv" ... 12.
// If obs is set and `name` is a traffic secret's label, they are reported as its
// record key and iv (core::record_key_of).
TrafficKeys traffic_keys(HashAlg alg, crypto::AeadAlg aead, ByteView traffic_secret,
                         core::Observer* obs = nullptr, std::string_view name = {});

// RFC 8446 7.2: application_traffic_secret_N+1 =
//   HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length).
// Reported as `kind` (client_/server_application_traffic_secret_next) if given.
SecretBytes next_application_traffic_secret(HashAlg alg, ByteView secret,
                                            core::Observer* obs = nullptr,
                                            std::optional<core::Secret> kind = {});

// RFC 8446 4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length).
SecretBytes finished_key(HashAlg alg, ByteView base_key);
// verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*,
// CertificateVerify*)). base_key is the sender's handshake traffic secret (or, after
// the handshake, its application traffic secret).
core::Bytes finished_verify_data(HashAlg alg, ByteView base_key, ByteView transcript_hash);

// RFC 8446 4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption",
// ticket_nonce, Hash.length).
SecretBytes resumption_psk(HashAlg alg, ByteView resumption_master_secret, ByteView ticket_nonce);

// RFC 8446 7.5: TLS-Exporter(label, context, length) =
//   HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""), "exporter",
//                     Hash(context), length).
core::Bytes export_keying_material(HashAlg alg, ByteView exporter_master_secret,
                                   std::string_view label, ByteView context, std::size_t length);

}  // namespace glass::handshake::tls13
