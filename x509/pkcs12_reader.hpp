#pragma once
// PKCS#12 reader (RFC 7292): PFX → MAC check (PKCS#12 KDF with SHA-1/2, or RFC
// 9579 PBMAC1, or none) → AuthenticatedSafe (Data, EncryptedData) → SafeBags.
// BER input (Java keytool, Windows) is normalised to DER at every wrapper.
// Keys are paired with certificates (localKeyID confirmed by public key, else
// public key alone) and each leaf's chain is ordered leaf → root by names.
// A wrong password or any error yields no keys and no certificates.
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "crypto/signature.hpp"
#include "x509/pbe.hpp"
#include "x509/pkcs12_report.hpp"

namespace glass::x509::pkcs12 {

struct Identity {
  crypto::SigningKey key;
  Bytes certificate;         // DER of the matching leaf (empty if none matched)
  std::vector<Bytes> chain;  // the rest of the chain, leaf's issuer first
  std::string friendly_name;
  Bytes local_key_id;
};

struct Analysis {
  Report report;
  std::optional<core::Error> error;     // set when reading failed: nothing below is filled
  std::vector<Identity> identities;     // one per private key, in file order
  std::vector<Bytes> certificates;      // every certificate, in file order (Report indices)
};

struct Options {
  // Depth of safeContentsBag nesting accepted.
  unsigned max_nesting = 4;
  // Iteration counts above this are refused (fuzzers lower it to stay fast).
  std::uint32_t max_iterations = pbe::kMaxIterations;
};

// Never fails: errors land in Analysis::error (and Report::error) so the doctor
// can still show the layers it got through.
Analysis analyze(ByteView file, const pbe::Password& pw, const Options& opts = {});
// Same, as a Result (the usual entry point for loaders).
core::Result<Analysis> open(ByteView file, const pbe::Password& pw, const Options& opts = {});
// The first identity (key + matching leaf + chain); an error when the file holds no key.
core::Result<Identity> load(ByteView file, const pbe::Password& pw);

}  // namespace glass::x509::pkcs12
