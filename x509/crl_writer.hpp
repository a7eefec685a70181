#pragma once
// Building and signing CRLs (RFC 5280 5) with our DER writer: for
// `glasstls pki --revoke` and for tests that need CRLs openssl would not make
// (wrong signers, indirect entries, stale dates).
#include <optional>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/crl.hpp"

namespace glass::x509 {

struct CrlEntryTemplate {
  Bytes serial;  // unsigned big-endian magnitude
  der::Time revocation_date = 0;
  std::optional<RevocationReason> reason;
  std::optional<der::Time> invalidity_date;
  std::vector<RawExtension> extra;  // further entry extensions, written as given
};

struct CrlTemplate {
  Bytes issuer_der;            // the issuer's subject Name DER, copied as is (exact match)
  der::Time this_update = 0;
  std::optional<der::Time> next_update;
  std::optional<Bytes> crl_number;        // unsigned magnitude
  std::optional<Bytes> authority_key_id;  // keyIdentifier of the issuer's key
  std::vector<CrlEntryTemplate> entries;
  std::vector<RawExtension> extra;        // further crlExtensions, written as given
};

// Encodes a v2 CRL and signs it with issuer_key using alg.
core::Result<Bytes> build_crl(const CrlTemplate& t, const crypto::SigningKey& issuer_key,
                              const crypto::SigAlgorithm& alg, crypto::Rng& rng);

}  // namespace glass::x509
