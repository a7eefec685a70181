#pragma once
// Would a certificate chain and key work as a TLS client identity? The rules,
// each implemented once here and shared by `glasstls identity` (its report,
// x509/client_identity_check.hpp), the failure diagnoses, `glasstls p12` and
// conform --bisect: the leaf's extendedKeyUsage and keyUsage (RFC 5280
// 4.2.1.12, 4.2.1.3; RFC 8446 4.4.2.2), the key pair, the validity of every
// certificate, and where the chain ends compared with the CAs a server trusts
// or names.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "crypto/signature.hpp"
#include "x509/certificate.hpp"
#include "x509/crl.hpp"

namespace glass::x509 {

// Why a certificate's extensions forbid TLS client authentication, as a phrase
// for "its ..." / "the leaf's ...", or empty. An extendedKeyUsage without
// clientAuth (or anyExtendedKeyUsage); checked on the leaf and on intermediates.
std::string client_auth_eku_problem(const Certificate& c);
// A keyUsage without digitalSignature (the key could not sign CertificateVerify).
std::string client_auth_key_usage_problem(const Certificate& leaf);

// "the private key does not belong to the certificate" (or why they could not be
// compared), or empty when `key` is the key of `leaf`.
std::string key_mismatch_problem(const crypto::SigningKey& key, core::ByteView leaf);

// Whether `issuer`'s key verifies the signature on `c`.
bool signed_by(const Certificate& c, const Certificate& issuer);

// The first certificate of a chain (leaf first) that is not valid at `now`.
struct OutOfDate {
  std::size_t index = 0;  // 0: the leaf
  bool expired = true;    // false: not yet valid
  std::string subject;
  der::Time when = 0;     // notAfter (expired) or notBefore
  std::string describe() const;  // "intermediate CN=X expired on 2026-..."
  std::string describe_as(const std::string& who) const;  // who + " expired on 2026-..."
};
std::optional<OutOfDate> first_out_of_date(std::span<const Certificate* const> chain, der::Time now);
std::optional<OutOfDate> first_out_of_date(const std::vector<core::Bytes>& chain, der::Time now);

// Where a chain ends, seen against the CA names a server trusts (its trust
// anchors' subjects, or the certificate_authorities of its CertificateRequest)
// and the CA certificates we know (to compare keys and to find a missing link).
// A server stops at the first certificate whose issuer it trusts.
struct ChainEnd {
  enum class Kind : std::uint8_t {
    trusted,               // ends at a trusted name (and no known key contradicts it)
    same_name_other_key,   // ends at a trusted name, but the CA of that name did not sign it
    missing_intermediate,  // ends at an issuer that is neither sent nor trusted
    untrusted_root,        // ends in a self-issued certificate the server does not trust
    unknown,               // no trusted names to compare with
  };
  Kind kind = Kind::unknown;
  std::size_t at = 0;          // the certificate whose issuer ends the chain
  std::string issuer;          // the name the chain ends at (that certificate's issuer)
  std::string our_key_id;      // same_name_other_key: the key that signed it (hex)
  std::string their_key_id;    // same_name_other_key: the key of the trusted CA (hex)
  std::string found_link;      // missing_intermediate: "CN=Int (issued by CN=Root)" when known
};
ChainEnd chain_end(std::span<const Certificate* const> chain,
                   const std::vector<core::Bytes>& trusted_names,
                   const std::vector<core::Bytes>& known_cas);
ChainEnd chain_end(const std::vector<core::Bytes>& chain,
                   const std::vector<core::Bytes>& trusted_names,
                   const std::vector<core::Bytes>& known_cas);

// The subjects (DER Names) of certificates, e.g. of trust anchors.
std::vector<core::Bytes> subjects_of(const std::vector<core::Bytes>& certs);

// "the CRL of CN=CA lists its serial 01:02 (revoked 2026-..., keyCompromise)" when
// a CRL of the leaf's issuer (by name; the CRL's signature is not checked here)
// lists the leaf, else empty.
std::string listed_in_crl(const Certificate& leaf, const std::vector<Crl>& crls);

// Every reason the identity could not authenticate a TLS client, one line each
// (empty: none found). `key` may be null (not checked); `trusted` CA
// certificates, when given, are where the chain must end.
std::vector<std::string> client_identity_problems(const std::vector<core::Bytes>& chain,
                                                  const crypto::SigningKey* key,
                                                  const std::vector<core::Bytes>& trusted,
                                                  der::Time now,
                                                  const std::vector<Crl>& crls = {});

}  // namespace glass::x509
