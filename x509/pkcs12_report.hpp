#pragma once
// What a PKCS#12 file is made of, layer by layer: filled by the reader as it
// parses (so `glasstls p12` prints it without parsing again), and rendered here
// as text together with an "importable by" matrix for common consumers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "crypto/hash.hpp"
#include "x509/pbe.hpp"

namespace glass::x509::pkcs12 {

using core::ByteView;
using core::Bytes;

enum class MacKind : std::uint8_t { none, pkcs12_kdf, pbmac1 };

struct MacInfo {
  MacKind kind = MacKind::none;
  crypto::HashAlg hash = crypto::HashAlg::sha1;      // HMAC hash
  std::uint32_t iterations = 0;                      // KDF iterations (PKCS#12 KDF or PBKDF2)
  Bytes salt;
  crypto::HashAlg kdf_hash = crypto::HashAlg::sha1;  // PBMAC1: the PBKDF2 PRF
  std::size_t key_len = 0;                           // PBMAC1: PBKDF2 keyLength
  bool verified = false;
  std::string password_form;  // the password encoding that verified
  std::size_t offset = 0;
  // "HMAC-SHA256, key from the PKCS#12 KDF, 2048 iterations, 8-byte salt"
  std::string describe() const;
};

struct AttributeInfo {
  std::string name;   // "friendlyName", "localKeyID", or the OID's name
  std::string oid;    // dotted
  std::string value;  // text (friendlyName) or hex
};

enum class BagKind : std::uint8_t { key, shrouded_key, cert, crl, secret, safe_contents, unknown };

struct BagInfo {
  BagKind kind = BagKind::unknown;
  std::string type;  // "pkcs8ShroudedKeyBag"
  std::string type_oid;
  std::size_t offset = 0;  // offset inside its SafeContents
  unsigned depth = 0;      // > 0 inside safeContentsBag nesting
  std::optional<pbe::Algorithm> encryption;  // shrouded key bags
  std::string friendly_name;
  Bytes local_key_id;
  std::vector<AttributeInfo> attributes;
  std::string summary;  // "ECDSA P-256 private key", "certificate CN=leaf (issuer CN=CA)"
  int key_index = -1;   // index into Analysis::keys order (-1: none)
  int cert_index = -1;  // index into Report::certificates
  std::string notice;   // why it was skipped, etc.
};

enum class SafeKind : std::uint8_t { data, encrypted_data, enveloped_data, unknown };

struct SafeInfo {
  SafeKind kind = SafeKind::unknown;
  std::string type;  // "data", "encryptedData"
  std::string type_oid;
  std::size_t offset = 0;
  std::optional<pbe::Algorithm> encryption;
  bool decrypted = false;
  std::string password_form;
  std::vector<BagInfo> bags;
  std::string notice;
};

struct CertInfo {
  std::string subject;  // short text
  std::string issuer;
  bool self_issued = false;
  Bytes local_key_id;
  std::string friendly_name;
};

struct PairingInfo {
  int key_index = -1;
  int cert_index = -1;    // -1: no certificate for this key
  std::string matched_by; // "localKeyID and public key", "public key"
  std::vector<int> chain; // cert indices after the leaf, leaf → root
  bool chain_complete = false;  // ends in a self-issued certificate
  std::vector<std::string> warnings;
};

struct Report {
  std::size_t size = 0;
  bool ber = false;  // input needed BER → DER normalisation
  std::int64_t version = 0;
  std::string auth_safe_type;
  std::string auth_safe_oid;
  MacInfo mac;
  std::vector<SafeInfo> safes;
  std::vector<std::string> keys;  // "ECDSA P-256 (pkcs8ShroudedKeyBag, PBES2 ...)"
  std::vector<CertInfo> certificates;
  std::vector<PairingInfo> pairings;
  std::vector<int> unpaired_certs;  // neither a leaf nor in a chain
  std::vector<std::string> notices;
  std::string error;  // the error that stopped the reader, if any
};

struct Compat {
  std::string consumer;  // "OpenSSL 3 (default provider)"
  bool ok = true;
  std::string why;
};
// Which common consumers can import this encoding, from the algorithms used.
std::vector<Compat> compatibility(const Report& r);

// What OpenSSL 3 does with this file by default (no -legacy), exactly: each
// algorithm it refuses ("safe #1: pbeWithSHAAnd40BitRC2-CBC: RC2 is only in the
// legacy provider"), then what it reads but is weak (prefixed "weak: ").
// No refusal lines: OpenSSL 3.0 reads it without -legacy.
struct OpensslVerdict {
  std::vector<std::string> refused;
  std::vector<std::string> weak;
};
OpensslVerdict openssl3_verdict(const Report& r);

// Text from the file made safe for a terminal: control characters, DEL, C1
// controls and bidirectional overrides become \xNN / \u{NNNN} escapes.
std::string printable(std::string_view text);
// "friendlyName (1.2.840.113549.1.9.20)"; an OID without a name: "1.2.3 (unnamed OID)".
std::string oid_label(const std::string& name, const std::string& dotted);

// Multi-line human-readable description (the `glasstls p12` doctor output).
std::string render(const Report& r);

std::string_view safe_kind_name(SafeKind k);
std::string_view hash_display(crypto::HashAlg h);  // "SHA-256"

}  // namespace glass::x509::pkcs12
