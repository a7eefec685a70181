#pragma once
// Building and signing certificates with our DER writer: for tests (a whole
// test PKI in milliseconds) and for `glasstls pki`. The template says what goes
// in; build_certificate() encodes the TBSCertificate, signs it and returns DER.
#include <optional>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/der.hpp"
#include "x509/extensions.hpp"

namespace glass::x509 {

// A GeneralName given as text: DNS "example.com", IP "10.0.0.1" (or
// "10.0.0.0/8", "2001:db8::/32" inside name constraints), email "a@b", URI,
// directoryName as RFC 4514 text.
struct NameEntry {
  GeneralNameType type = GeneralNameType::dns_name;
  std::string value;
};
inline NameEntry dns(std::string v) { return {GeneralNameType::dns_name, std::move(v)}; }
inline NameEntry ip(std::string v) { return {GeneralNameType::ip_address, std::move(v)}; }
inline NameEntry email(std::string v) { return {GeneralNameType::rfc822_name, std::move(v)}; }
inline NameEntry uri(std::string v) { return {GeneralNameType::uri, std::move(v)}; }
inline NameEntry dir_name(std::string v) {
  return {GeneralNameType::directory_name, std::move(v)};
}

struct RawExtension {
  std::string oid;  // dotted
  bool critical = false;
  Bytes value;      // extnValue contents
};

struct CertificateTemplate {
  int version = 3;                 // 1 writes no version field and no extensions
  Bytes serial = {0x01};           // unsigned big-endian magnitude
  std::string subject = "CN=glasstls test";  // RFC 4514 text
  std::string issuer;              // empty: same as subject (self-issued)
  der::Time not_before = 0;
  der::Time not_after = 0;
  // Subject key; encoded with encode_spki.
  const crypto::VerifyingKey* subject_key = nullptr;
  // A SubjectPublicKeyInfo written as given instead (tests of refused keys); its
  // key identifier is then the SHA-1 of these bytes.
  std::optional<Bytes> raw_spki;

  struct Basic {
    bool ca = false;
    std::optional<std::uint32_t> path_len;
    bool critical = true;
  };
  std::optional<Basic> basic_constraints;
  std::optional<std::uint16_t> key_usage;  // key_usage:: bits; written critical
  std::vector<std::string> ext_key_usage;  // dotted OIDs
  std::vector<NameEntry> subject_alt_names;
  // RFC 5280 4.2.1.6: critical exactly when the subject is empty, unless set.
  std::optional<bool> subject_alt_name_critical;
  bool subject_key_id = true;              // SHA-1 of the key bits (RFC 5280 4.2.1.2 (1))
  std::optional<Bytes> authority_key_id;   // keyIdentifier of the issuer
  std::vector<NameEntry> permitted, excluded;  // nameConstraints
  bool name_constraints_critical = true;       // RFC 5280 4.2.1.10: MUST be critical
  std::vector<RawExtension> extra;
  // issuerUniqueID [1] / subjectUniqueID [2] contents as written (the
  // unused-bits octet first); unchecked, so tests can write broken ones.
  std::optional<Bytes> issuer_unique_id, subject_unique_id;
};

// Key identifier of a public key as written into SKI/AKI: SHA-1 of the
// subjectPublicKey bits.
core::Result<Bytes> key_identifier(const crypto::VerifyingKey& key);

// Signs the template with issuer_key using alg (rsa_pkcs1/rsa_pss/ecdsa/ed25519).
core::Result<Bytes> build_certificate(const CertificateTemplate& t,
                                      const crypto::SigningKey& issuer_key,
                                      const crypto::SigAlgorithm& alg, crypto::Rng& rng);

// The usual algorithm for a key: ecdsa-with-SHA256/384 by curve, Ed25519,
// sha256WithRSAEncryption, or RSA-PSS SHA-256 for id-RSASSA-PSS keys.
crypto::SigAlgorithm default_algorithm(const crypto::SigningKey& key);

// Replaces the signature bytes of a certificate by the same number of other
// bytes, for "bad signature" tests.
Bytes corrupt_signature(ByteView der);

}  // namespace glass::x509
