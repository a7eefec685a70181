#pragma once
// X.509 v1/v3 certificate (RFC 5280 4.1) as a view over its DER: every field is
// a span into the input, names and the public key are decoded on demand, and
// parsing allocates nothing (unless parse_owned keeps a copy of the bytes).
//
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
#include <memory>
#include <optional>
#include <string>

#include "crypto/signature.hpp"
#include "x509/der.hpp"
#include "x509/extensions.hpp"
#include "x509/name.hpp"
#include "x509/public_key.hpp"

namespace glass::x509 {

// Byte ranges of each top-level field, for `glasstls x509 --offsets` and field trees.
struct CertificateLayout {
  ByteView certificate, tbs, version, serial, tbs_signature, issuer, validity, not_before,
      not_after, subject, spki, issuer_unique_id, subject_unique_id, extensions,
      signature_algorithm, signature_value;
};

class Certificate {
 public:
  Certificate() = default;

  // Strict DER parse of one certificate occupying all of `der`. The view keeps
  // pointers into `der`, which must outlive it. decode_error for malformed
  // bytes, bad_certificate for well-formed but invalid content (duplicate
  // extensions, mismatched signature algorithms, ...).
  static core::Result<Certificate> parse(ByteView der);
  // Same, but the certificate owns a copy of the bytes (shared between copies).
  static core::Result<Certificate> parse_owned(Bytes der);

  ByteView der() const { return f_.certificate; }
  ByteView tbs() const { return f_.tbs; }
  const CertificateLayout& fields() const { return f_; }
  // Offset of a span of this certificate from its first byte.
  std::size_t offset_of(ByteView part) const {
    return static_cast<std::size_t>(part.data() - f_.certificate.data());
  }

  int version() const { return version_; }  // 1, 2 or 3
  // INTEGER contents (two's complement, as encoded).
  ByteView serial() const { return serial_; }
  std::string serial_hex() const;  // "01:a3:...", hex_colon(serial())

  // The outer signatureAlgorithm (byte-identical to the TBS one, checked by parse).
  ByteView signature_algorithm_der() const { return f_.signature_algorithm; }
  core::Result<crypto::SigAlgorithm> signature_algorithm() const;
  std::string signature_algorithm_name() const;
  // signatureValue BIT STRING contents without the unused-bits octet.
  ByteView signature() const { return signature_; }

  const Name& issuer() const { return issuer_; }
  const Name& subject() const { return subject_; }
  der::Time not_before() const { return not_before_; }
  der::Time not_after() const { return not_after_; }
  bool self_issued() const { return issuer_.matches(subject_); }

  ByteView spki() const { return f_.spki; }
  ByteView public_key_algorithm() const { return spki_alg_; }  // OID contents
  // Decodes the SubjectPublicKeyInfo into a verifying key (done on demand).
  core::Result<PublicKeyInfo> public_key() const;

  const Extensions& extensions() const { return ext_; }
  // True when this is a CA by RFC 5280 rules (v3, basicConstraints cA TRUE).
  bool is_ca() const { return ext_.basic_constraints && ext_.basic_constraints->ca; }

 private:
  // Steps of parse(), in the order of the TBSCertificate fields.
  core::Status parse_version_serial(der::Reader& t);
  core::Status parse_validity(der::Reader& t, ByteView der);
  core::Status check_spki(der::Reader& t);
  core::Status parse_tbs_tail(der::Reader& t);

  CertificateLayout f_;
  int version_ = 1;
  ByteView serial_;
  ByteView signature_;
  ByteView spki_alg_;
  Name issuer_, subject_;
  der::Time not_before_ = 0, not_after_ = 0;
  Extensions ext_;
  std::shared_ptr<const Bytes> owned_;
};

// Verifies cert's signature with the issuer's key: bad_certificate when it does
// not verify or the algorithm does not fit the key, unsupported_certificate for
// algorithms we do not implement.
core::Status verify_signature(const Certificate& cert, const crypto::VerifyingKey& issuer_key);

// "01:a3:..." (upper: "01:A3:..."), as openssl -text prints serials and key ids.
std::string hex_colon(ByteView b, bool upper = false);

}  // namespace glass::x509
