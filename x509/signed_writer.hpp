#pragma once
// What the certificate and CRL writers share: both are SIGNED{ToBeSigned}
// (RFC 5280 4.1, 5.1) and carry Extensions (RFC 5280 4.1, 5.2, 5.3).
#include <string_view>

#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/der.hpp"

namespace glass::x509 {

// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
void write_extension(der::Writer& w, std::string_view oid_dotted, bool critical,
                     core::ByteView value);

// The DER that f writes into a fresh writer (an extension's value).
template <class F>
core::Bytes der_of(F&& f) {
  der::Writer v;
  f(v);
  return v.take();
}

// SEQUENCE { tbs, signatureAlgorithm, signatureValue BIT STRING } with tbs_der
// signed by issuer_key.
core::Result<core::Bytes> sign_tbs(core::ByteView tbs_der, core::ByteView alg_id,
                                   const crypto::SigningKey& issuer_key,
                                   const crypto::SigAlgorithm& alg, crypto::Rng& rng);

}  // namespace glass::x509
