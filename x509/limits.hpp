#pragma once
// Every bound on the work path validation may do, in one place (defaults in
// x509/README.md). A peer controls what it sends, so each limit turns a chain
// built to burn CPU into a refusal that names the limit.
#include <cstddef>
#include <cstdint>

namespace glass::x509 {

struct ValidationLimits {
  // Certificates in the chain as received (leaf + intermediates the peer sent).
  unsigned max_certificates = 16;
  // Total DER bytes of those certificates.
  std::size_t max_chain_bytes = 128 * 1024;
  // Intermediates in one path (like `openssl verify -verify_depth`).
  unsigned max_intermediates = 8;
  // Issuer candidates (name and key identifier match) examined while building paths.
  unsigned max_candidates = 200;
  // Signature verifications per validation (each costs up to milliseconds).
  unsigned max_signature_checks = 16;
  // Name-constraint comparisons (names x constraints) per validation.
  std::uint64_t max_name_comparisons = 65536;
};

}  // namespace glass::x509
