#pragma once
// PKCS#12 writer. Profiles: `modern` (OpenSSL 3 defaults: PBES2 with
// PBKDF2-HMAC-SHA256 and AES-256-CBC for key and certificates, HMAC-SHA256 MAC)
// and `legacy` (pbeWithSHAAnd3-KeyTripleDES-CBC key, pbeWithSHAAnd40BitRC2-CBC
// certificates, HMAC-SHA1 MAC) for Windows < 2019, Java 8 and macOS. Salts and
// IVs come from the injected Rng, so output is reproducible under SeededRng.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/pbe.hpp"
#include "x509/pkcs12_report.hpp"

namespace glass::x509::pkcs12 {

enum class Profile : std::uint8_t { modern, legacy };

struct WriterOptions {
  std::optional<pbe::Algorithm> key_encryption;   // nullopt: plain keyBag
  std::optional<pbe::Algorithm> cert_encryption;  // nullopt: certificates in a Data safe
  MacKind mac = MacKind::pkcs12_kdf;
  crypto::HashAlg mac_hash = crypto::HashAlg::sha256;
  std::uint32_t mac_iterations = 2048;
  crypto::HashAlg pbmac1_prf = crypto::HashAlg::sha256;  // PBMAC1's PBKDF2 PRF
  bool local_key_id = true;  // localKeyID = SHA-1 of the leaf certificate, as OpenSSL does
};

// Options of a profile, with fresh salts/IVs from rng. legacy_3des_certs picks
// 3DES instead of RC2-40 for the certificate safe of the legacy profile.
WriterOptions profile_options(Profile p, crypto::Rng& rng, std::uint32_t iterations = 2048,
                              bool legacy_3des_certs = false);

struct Entry {
  const crypto::SigningKey* key = nullptr;  // may be null (certificate-only entry)
  Bytes certificate;                        // leaf DER (may be empty with a key)
  std::vector<Bytes> chain;                 // further certificates
  std::string friendly_name;
};

core::Result<Bytes> write(const std::vector<Entry>& entries, const pbe::Password& pw,
                          const WriterOptions& opts, crypto::Rng& rng);

}  // namespace glass::x509::pkcs12
