#pragma once
// AlgorithmIdentifier of a certificate signature (RFC 5280 4.1.1.2) to and from
// crypto::SigAlgorithm: sha256/384/512WithRSAEncryption (RFC 4055 5),
// RSASSA-PSS with RSASSA-PSS-params (RFC 4055 3.1), ecdsa-with-SHA256/384/512
// (RFC 5758 3.2) and Ed25519 (RFC 8410 3).
#include <string>

#include "crypto/signature.hpp"
#include "x509/der.hpp"

namespace glass::x509 {

// Parses a whole AlgorithmIdentifier element. Malformed encodings are
// decode_error; well-formed but unsupported ones (SHA-1, MD5, DSA, PSS with
// trailer != 1, ...) are unsupported_certificate with a reason naming them.
core::Result<crypto::SigAlgorithm> parse_signature_algorithm(core::ByteView alg_id);

// DER AlgorithmIdentifier for alg (PSS parameters written explicitly).
core::Bytes encode_signature_algorithm(const crypto::SigAlgorithm& alg);

// "sha256WithRSAEncryption", "ecdsa-with-SHA384", "rsassaPss", "ED25519", or the
// dotted OID for anything else; never fails (used by printers).
std::string signature_algorithm_name(core::ByteView alg_id);
// "RSA-PSS (SHA-256, MGF1 SHA-256, salt 32)"-style description of parsed params.
std::string describe(const crypto::SigAlgorithm& alg);

}  // namespace glass::x509
