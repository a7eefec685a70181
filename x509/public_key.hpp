#pragma once
// SubjectPublicKeyInfo (RFC 5280 4.1.2.7) for RSA (RFC 3279/4055), EC P-256/P-384
// (RFC 5480) and Ed25519 (RFC 8410), turned into a crypto::VerifyingKey.
#include <optional>

#include "crypto/signature.hpp"
#include "x509/der.hpp"

namespace glass::x509 {

using core::Bytes;
using core::ByteView;

struct PublicKeyInfo {
  crypto::KeyType type = crypto::KeyType::rsa;
  crypto::NamedGroup curve = crypto::NamedGroup::secp256r1;  // EC keys only
  ByteView der;             // the whole SubjectPublicKeyInfo
  ByteView algorithm_oid;   // contents of the algorithm OID
  ByteView algorithm_params;  // whole parameters element, empty when absent
  ByteView key_bits;        // subjectPublicKey BIT STRING contents
  std::optional<crypto::VerifyingKey> key;
};

// Parses one SubjectPublicKeyInfo element from r. Unsupported algorithms are
// unsupported_certificate naming the OID; malformed ones decode_error.
core::Result<PublicKeyInfo> parse_spki(der::Reader& r);
core::Result<PublicKeyInfo> parse_spki(ByteView der);

// DER SubjectPublicKeyInfo for a public key (used by the PKI and key writers).
core::Result<Bytes> encode_spki(const crypto::VerifyingKey& key);

}  // namespace glass::x509
