#pragma once
// Certificate revocation lists (RFC 5280 section 5) as views over their DER,
// in the style of Certificate: every field is a span into the input and the
// revoked entries are walked on demand, so parsing allocates nothing.
//
//   CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }
//
// Malformed bytes are a parse error (decode_error). A well-formed CRL whose
// scope or features we do not implement (delta CRLs, indirect CRLs, partitioned
// or reason-limited CRLs, unknown critical extensions) still parses, but
// unusable() says why it cannot decide anyone's status.
#include <memory>
#include <optional>
#include <string>

#include "crypto/signature.hpp"
#include "x509/der.hpp"
#include "x509/name.hpp"

namespace glass::x509 {

// CRLReason (RFC 5280 5.3.1); 7 is unused.
enum class RevocationReason : std::uint8_t {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  remove_from_crl = 8,
  privilege_withdrawn = 9,
  aa_compromise = 10,
};
std::string_view reason_name(RevocationReason r);  // "keyCompromise"
// The reason named as reason_name() spells it (case-insensitive); nullopt otherwise.
std::optional<RevocationReason> parse_reason(std::string_view name);

struct RevokedEntry {
  ByteView serial;  // INTEGER contents, as encoded (compare with Certificate::serial())
  der::Time revocation_date = 0;
  std::optional<RevocationReason> reason;
  std::optional<der::Time> invalidity_date;
  ByteView whole;
};

// Walks revokedCertificates (validated when the CRL was parsed).
class RevokedIterator {
 public:
  explicit RevokedIterator(ByteView contents) : r_(contents) {}
  bool next(RevokedEntry& out);

 private:
  der::Reader r_;
};

// issuingDistributionPoint (RFC 5280 5.2.5), as far as checking needs it.
struct IssuingDistributionPoint {
  bool has_distribution_point = false;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  bool only_some_reasons = false;
  bool indirect = false;
  bool only_attribute_certs = false;
};

class Crl {
 public:
  Crl() = default;

  // Strict DER parse of one CRL occupying all of `der`, which must outlive the view.
  static core::Result<Crl> parse(ByteView der);
  // Same, but the CRL owns a copy of the bytes (shared between copies).
  static core::Result<Crl> parse_owned(Bytes der);

  ByteView der() const { return der_; }
  ByteView tbs() const { return tbs_; }
  int version() const { return version_; }  // 1 or 2
  ByteView signature_algorithm_der() const { return sig_alg_; }
  core::Result<crypto::SigAlgorithm> signature_algorithm() const;
  std::string signature_algorithm_name() const;
  ByteView signature() const { return signature_; }

  const Name& issuer() const { return issuer_; }
  der::Time this_update() const { return this_update_; }
  std::optional<der::Time> next_update() const { return next_update_; }

  // revokedCertificates contents (empty when nobody is revoked).
  ByteView revoked_der() const { return revoked_; }
  std::size_t revoked_count() const { return revoked_count_; }
  RevokedIterator revoked() const { return RevokedIterator(revoked_); }
  // The entry for a certificate serial (INTEGER contents), if listed.
  std::optional<RevokedEntry> find(ByteView serial) const;

  std::optional<ByteView> crl_number() const { return crl_number_; }  // unsigned magnitude
  std::optional<ByteView> authority_key_id() const { return aki_; }   // keyIdentifier
  std::optional<IssuingDistributionPoint> issuing_distribution_point() const { return idp_; }
  std::size_t extension_count() const { return ext_count_; }

  // Why this CRL cannot be used to decide revocation status; nullopt when it can.
  const std::optional<std::string>& unusable() const { return unusable_; }

  // Keys whose signature check of these (owned, immutable) bytes already passed, shared
  // by copies, so a server checking every client against one CRL verifies it once per key.
  struct VerifiedKeys;

 private:
  // Steps of parse().
  core::Status parse_revoked(der::Reader& t);
  core::Status parse_crl_extensions(const der::Element& exts);
  core::Status parse_crl_extension(int ce, ByteView oid, bool critical, ByteView value);
  void judge_scope();

  ByteView der_, tbs_, sig_alg_, signature_, revoked_;
  int version_ = 1;
  Name issuer_;
  der::Time this_update_ = 0;
  std::optional<der::Time> next_update_;
  std::size_t revoked_count_ = 0, ext_count_ = 0;
  std::optional<ByteView> crl_number_, aki_;
  std::optional<IssuingDistributionPoint> idp_;
  std::optional<std::string> unusable_;
  std::shared_ptr<const Bytes> owned_;
  std::shared_ptr<VerifiedKeys> verified_;  // only for parse_owned CRLs
  friend core::Status verify_signature(const Crl& crl, const crypto::VerifyingKey& issuer_key);
};

// Verifies the CRL's signature with its issuer's key (bad_certificate when it does not);
// a success is remembered for owned CRLs.
core::Status verify_signature(const Crl& crl, const crypto::VerifyingKey& issuer_key);

// CRLs from a file or buffer: PEM (any number of "X509 CRL" blocks; other blocks
// and text between them ignored) or one DER CRL. The CRLs own their bytes.
core::Result<std::vector<Crl>> load_crls(ByteView file);
core::Result<std::vector<Crl>> load_crl_file(const std::string& path);

}  // namespace glass::x509
