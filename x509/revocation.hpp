#pragma once
// Revocation checking with CRLs (RFC 5280 6.3) over a path validate_path()
// accepted. For each certificate checked (the leaf, or every certificate but
// the trust anchor), a CRL counts only when:
//   - its issuer name matches the certificate's issuer (the next certificate
//     in the path) and, when both carry key identifiers, its AKI matches that
//     certificate's SKI;
//   - it verifies with that issuer's public key, and the issuer's keyUsage,
//     when present, includes cRLSign;
//   - thisUpdate <= time < nextUpdate;
//   - it is usable (Crl::unusable() is empty) and its issuingDistributionPoint
//     scope (onlyContainsUserCerts / onlyContainsCACerts) includes the certificate.
// Indirect and delta CRLs are not supported (such CRLs are unusable).
// Failures carry the TLS alert to send:
//   certificate_revoked  a counting CRL lists the serial: "leaf CN=x is revoked
//                        (keyCompromise) since 2026-03-01T10:00:00Z by the CRL of CN=CA"
//   certificate_unknown  no counting CRL covers the certificate (revocation status
//                        unknown): none from that issuer, or each one expired, not yet
//                        valid, badly signed or unusable (the reason says which)
#include <span>
#include <string_view>

#include "x509/crl.hpp"
#include "x509/validate.hpp"

namespace glass::x509 {

enum class CrlCheck : std::uint8_t {
  none,   // no revocation checking
  leaf,   // the end-entity certificate only (openssl -crl_check)
  chain,  // every certificate below the trust anchor (openssl -crl_check_all)
};
std::string_view crl_check_name(CrlCheck c);  // "none", "leaf", "chain"
// "leaf" / "chain" / "none"; nullopt for anything else.
std::optional<CrlCheck> parse_crl_check(std::string_view s);

// Checks `path` (leaf first, trust anchor last) against `crls` at `time`.
core::Status check_revocation(const ValidatedPath& path, std::span<const Crl> crls,
                              CrlCheck mode, der::Time time);

}  // namespace glass::x509
