#pragma once
// A complete test PKI made with our own certificate builder: a root CA, a
// server certificate (SAN localhost and 127.0.0.1, EKU serverAuth) and a client
// certificate (EKU clientAuth), all with keys of one type. Used by the tests,
// the benchmarks, `glasstls pki` and `glasstls demo`, so none of them needs an
// outside tool to get started.
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/crl_writer.hpp"
#include "x509/der.hpp"

namespace glass::x509 {

struct IssuedCertificate {
  std::shared_ptr<crypto::SigningKey> key;
  core::Bytes der;
};

struct PkiOptions {
  crypto::KeyType key_type = crypto::KeyType::ecdsa_p256;
  der::Time now = 0;                 // validity starts one hour before this
  std::int64_t validity_days = 30;
  std::string ca_name = "CN=glasstls Test CA,O=glasstls";
  std::string server_name = "CN=localhost,O=glasstls";
  std::string client_name = "CN=glasstls test client,O=glasstls";
  std::vector<std::string> server_dns = {"localhost"};
  std::vector<std::string> server_ips = {"127.0.0.1"};
};

struct TestPki {
  IssuedCertificate ca;
  IssuedCertificate server;
  IssuedCertificate client;
};

core::Result<TestPki> make_test_pki(const PkiOptions& options, crypto::Rng& rng);

// A leaf for `subject` issued by `issuer` (for extra clients, expired ones, ...).
// purpose_oid is an extKeyUsage OID (serverAuth / clientAuth).
core::Result<IssuedCertificate> issue_leaf(const IssuedCertificate& issuer,
                                           const std::string& issuer_name,
                                           const std::string& subject,
                                           crypto::KeyType key_type, der::Time not_before,
                                           der::Time not_after, std::string_view purpose_oid,
                                           const std::vector<std::string>& dns_names,
                                           const std::vector<std::string>& ips, crypto::Rng& rng,
                                           std::uint64_t serial);

// An intermediate CA certificate for `subject` issued by `issuer` (keyCertSign,
// cRLSign, no path length limit), with a new key of `key_type`.
core::Result<IssuedCertificate> issue_intermediate(const IssuedCertificate& issuer,
                                                   const std::string& issuer_name,
                                                   const std::string& subject,
                                                   crypto::KeyType key_type, der::Time not_before,
                                                   der::Time not_after, crypto::Rng& rng,
                                                   std::uint64_t serial);

// A v2 CRL of `ca` (its certificate and key) listing `entries`: thisUpdate an
// hour before `now` (clock skew), nextUpdate `validity_days` after `now`, with
// cRLNumber and the CA's key identifier.
core::Result<core::Bytes> issue_crl(const IssuedCertificate& ca,
                                    const std::vector<CrlEntryTemplate>& entries, der::Time now,
                                    std::int64_t validity_days, std::uint64_t crl_number,
                                    crypto::Rng& rng);

}  // namespace glass::x509
