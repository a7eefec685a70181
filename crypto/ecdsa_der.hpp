#pragma once
// DER codec for ECDSA-Sig-Value (RFC 3279 section 2.2.3):
//   Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
// TLS and X.509 carry ECDSA signatures in this form. mbedTLS's asn1 module is off
// limits, so the codec is ours, and strict: definite minimal lengths, minimal
// positive INTEGERs, nothing after the SEQUENCE. Range checks against the curve
// order happen in VerifyingKey::verify, which knows the curve.
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::crypto {

struct EcdsaSigValue {
  core::Bytes r;  // big-endian, no leading zero bytes, never empty or zero
  core::Bytes s;
};

// decode_error naming the offset and what is wrong ("r is negative", "trailing
// byte at offset 72", "INTEGER s at offset 38 is not minimally encoded", ...).
core::Result<EcdsaSigValue> ecdsa_sig_decode(core::ByteView der);

// r and s are big-endian unsigned; leading zeros are dropped and a 0x00 is added
// where the top bit is set. Decoding the output gives r and s back.
core::Bytes ecdsa_sig_encode(core::ByteView r, core::ByteView s);

}  // namespace glass::crypto
