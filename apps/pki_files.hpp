#pragma once
// Writing a test PKI to a folder (used by `glasstls pki` and `glasstls demo`).
#include <string>

#include "core/result.hpp"
#include "crypto/signature.hpp"
#include "x509/pbe.hpp"
#include "x509/pki.hpp"

namespace glass::apps {

core::Result<crypto::KeyType> parse_key_type(const std::string& name);

struct PkiRequest {
  std::string dir;
  crypto::KeyType key_type = crypto::KeyType::ecdsa_p256;
  int days = 30;
  bool legacy_p12 = false;
  std::int64_t now = 0;  // 0: the system clock
  crypto::Rng* rng = nullptr;  // nullptr: the system generator (--seed passes a seeded one)
  // A word put in every subject, so PKIs made apart have different names: the CA's
  // and the client's CN end with it, the server's O (its CN stays "localhost").
  std::string name;
};

// A short random tag for PkiRequest::name: 6 lowercase hex digits from rng.
std::string pki_tag(crypto::Rng& rng);
// Empty when `name` can go into a distinguished name as given, else the reason.
std::string check_pki_name(const std::string& name);

// Writes ca.pem, ca.key, server.pem, server.key, client.pem, client.key, client.p12.
core::Result<x509::TestPki> write_test_pki(const PkiRequest& req, const x509::pbe::Password& pw);

struct RevokeRequest {
  std::string dir;          // holds ca.pem and ca.key; crl.pem is read (if present) and rewritten
  std::string cert;         // certificate file to revoke (its first certificate)
  x509::RevocationReason reason = x509::RevocationReason::key_compromise;
  int crl_days = 7;         // nextUpdate
  std::int64_t now = 0;     // 0: the system clock
  crypto::Rng* rng = nullptr;
};
struct RevokeResult {
  std::string subject, serial_hex, crl_path;
  std::size_t listed = 0;   // certificates the new CRL lists
  std::uint64_t crl_number = 0;
  x509::der::Time next_update = 0;
  bool already = false;     // the serial was listed before
};
// Adds the certificate's serial to DIR/crl.pem (signed with DIR/ca.key), keeping the
// entries of the previous crl.pem and raising its cRLNumber.
core::Result<RevokeResult> revoke_certificate(const RevokeRequest& req);

}  // namespace glass::apps
