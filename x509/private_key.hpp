#pragma once
// Private keys: PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958) for
// RSA, EC P-256/P-384 (RFC 5915 ECPrivateKey inside) and Ed25519 (RFC 8410
// CurvePrivateKey); EncryptedPrivateKeyInfo (PBES2, PKCS#12 PBE); SEC1 "EC
// PRIVATE KEY" and PKCS#1 "RSA PRIVATE KEY". All parsers are pure functions over
// bytes; decoded key material lives only in SecretBytes and crypto::SigningKey.
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "crypto/signature.hpp"
#include "x509/pbe.hpp"

namespace glass::x509 {

using core::ByteView;
using core::Bytes;
using core::SecretBytes;

enum class KeyFormat : std::uint8_t { pkcs8, encrypted_pkcs8, sec1, pkcs1 };
// "PKCS#8", "encrypted PKCS#8", "SEC1 ECPrivateKey", "PKCS#1 RSAPrivateKey".
std::string_view key_format_name(KeyFormat f);

// DER parsers. unsupported algorithms/curves are illegal_parameter naming the OID.
core::Result<crypto::SigningKey> parse_pkcs8(ByteView der);
core::Result<crypto::SigningKey> parse_sec1(ByteView der);
core::Result<crypto::SigningKey> parse_pkcs1(ByteView der);

// EncryptedPrivateKeyInfo → the PKCS#8 plaintext. `alg` receives the parsed scheme.
// A wrong password is decrypt_error "wrong password ...".
core::Result<SecretBytes> decrypt_pkcs8(ByteView encrypted_der, const pbe::Password& pw,
                                        pbe::Algorithm* alg = nullptr);
// Just the algorithm of an EncryptedPrivateKeyInfo (no password needed).
core::Result<pbe::Algorithm> encrypted_pkcs8_algorithm(ByteView encrypted_der);
core::Result<Bytes> encrypt_pkcs8(ByteView pkcs8_der, const pbe::Password& pw,
                                  const pbe::Algorithm& alg);

// Writers (DER). SEC1 only for EC keys, PKCS#1 only for RSA keys.
core::Result<SecretBytes> encode_pkcs8(const crypto::SigningKey& key);
core::Result<SecretBytes> encode_sec1(const crypto::SigningKey& key);
core::Result<SecretBytes> encode_pkcs1(const crypto::SigningKey& key);

struct LoadedKey {
  crypto::SigningKey key;
  KeyFormat format;
  std::optional<pbe::Algorithm> encryption;  // for encrypted PKCS#8
};

// A DER key of any supported format (detected from its structure).
core::Result<LoadedKey> parse_private_key_der(ByteView der, const pbe::Password& pw = {});
// A key file: PEM (PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE
// KEY; the first key block wins, other blocks such as certificates are skipped)
// or DER. Legacy "Proc-Type: 4,ENCRYPTED" PEM is refused with a conversion hint.
core::Result<LoadedKey> load_private_key(ByteView file, const pbe::Password& pw = {});

// The fields of a certificate needed to pair keys with certificates and order a
// chain, read with a minimal walk of Certificate → TBSCertificate.
struct CertificateFields {
  ByteView issuer;   // whole Name elements
  ByteView subject;
  ByteView spki;     // whole SubjectPublicKeyInfo
};
core::Result<CertificateFields> certificate_fields(ByteView cert_der);

// Whether the certificate's public key is the key's public half (VerifyingKey::same_key).
core::Result<bool> key_matches_certificate(const crypto::SigningKey& key, ByteView cert_der);

}  // namespace glass::x509
