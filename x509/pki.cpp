#include "x509/pki.hpp"

#include "x509/certificate.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/extensions.hpp"
#include "x509/oid.hpp"

namespace glass::x509 {

namespace {

core::Bytes serial_bytes(std::uint64_t v) {
  core::Bytes b;
  for (int i = 7; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  return b;
}

core::Result<std::shared_ptr<crypto::SigningKey>> new_key(crypto::KeyType t, crypto::Rng& rng) {
  GLASS_TRY(auto k, crypto::SigningKey::generate(t, rng));
  return std::make_shared<crypto::SigningKey>(std::move(k));
}

// The fields every certificate issued by `issuer` shares: serial, names, validity,
// subject key and the issuer's key identifier.
core::Result<CertificateTemplate> issued_template(const IssuedCertificate& issuer,
                                                  const std::string& issuer_name,
                                                  const std::string& subject,
                                                  const crypto::SigningKey& key,
                                                  der::Time not_before, der::Time not_after,
                                                  std::uint64_t serial) {
  CertificateTemplate t;
  t.serial = serial_bytes(serial);
  t.subject = subject;
  t.issuer = issuer_name;
  t.not_before = not_before;
  t.not_after = not_after;
  t.subject_key = &key.public_key();
  GLASS_TRY(auto aki, key_identifier(issuer.key->public_key()));
  t.authority_key_id = aki;
  return t;
}

}  // namespace

core::Result<IssuedCertificate> issue_leaf(const IssuedCertificate& issuer,
                                           const std::string& issuer_name,
                                           const std::string& subject,
                                           crypto::KeyType key_type, der::Time not_before,
                                           der::Time not_after, std::string_view purpose_oid,
                                           const std::vector<std::string>& dns_names,
                                           const std::vector<std::string>& ips, crypto::Rng& rng,
                                           std::uint64_t serial) {
  GLASS_TRY(auto key, new_key(key_type, rng));
  GLASS_TRY(auto t, issued_template(issuer, issuer_name, subject, *key, not_before, not_after, serial));
  t.basic_constraints = CertificateTemplate::Basic{false, std::nullopt, true};
  t.key_usage = key_usage::digital_signature;
  // TLS 1.2 RSA key exchange encrypts to a server's rsaEncryption key (RFC 5246 7.4.2).
  if (key_type == crypto::KeyType::rsa && purpose_oid == oid::kp_server_auth)
    *t.key_usage |= key_usage::key_encipherment;
  t.ext_key_usage = {std::string(purpose_oid)};
  for (auto& d : dns_names) t.subject_alt_names.push_back(dns(d));
  for (auto& i : ips) t.subject_alt_names.push_back(ip(i));
  GLASS_TRY(auto der, build_certificate(t, *issuer.key, default_algorithm(*issuer.key), rng));
  return IssuedCertificate{key, std::move(der)};
}

core::Result<IssuedCertificate> issue_intermediate(const IssuedCertificate& issuer,
                                                   const std::string& issuer_name,
                                                   const std::string& subject,
                                                   crypto::KeyType key_type, der::Time not_before,
                                                   der::Time not_after, crypto::Rng& rng,
                                                   std::uint64_t serial) {
  GLASS_TRY(auto key, new_key(key_type, rng));
  GLASS_TRY(auto t, issued_template(issuer, issuer_name, subject, *key, not_before, not_after, serial));
  t.basic_constraints = CertificateTemplate::Basic{true, std::nullopt, true};
  t.key_usage = key_usage::key_cert_sign | key_usage::crl_sign | key_usage::digital_signature;
  GLASS_TRY(auto der, build_certificate(t, *issuer.key, default_algorithm(*issuer.key), rng));
  return IssuedCertificate{key, std::move(der)};
}

core::Result<TestPki> make_test_pki(const PkiOptions& o, crypto::Rng& rng) {
  TestPki pki;
  der::Time from = o.now - 3600;
  der::Time to = o.now + o.validity_days * 86400;
  GLASS_TRY(pki.ca.key, new_key(o.key_type, rng));
  CertificateTemplate ca;
  ca.serial = serial_bytes(1);
  ca.subject = o.ca_name;
  ca.not_before = from;
  ca.not_after = to + 86400;
  ca.subject_key = &pki.ca.key->public_key();
  ca.basic_constraints = CertificateTemplate::Basic{true, std::nullopt, true};
  ca.key_usage = key_usage::key_cert_sign | key_usage::crl_sign | key_usage::digital_signature;
  GLASS_TRY(pki.ca.der, build_certificate(ca, *pki.ca.key, default_algorithm(*pki.ca.key), rng));
  GLASS_TRY(pki.server, issue_leaf(pki.ca, o.ca_name, o.server_name, o.key_type, from, to,
                                   oid::kp_server_auth, o.server_dns, o.server_ips, rng, 2));
  GLASS_TRY(pki.client, issue_leaf(pki.ca, o.ca_name, o.client_name, o.key_type, from, to,
                                   oid::kp_client_auth, {}, {}, rng, 3));
  return pki;
}

core::Result<core::Bytes> issue_crl(const IssuedCertificate& ca,
                                    const std::vector<CrlEntryTemplate>& entries, der::Time now,
                                    std::int64_t validity_days, std::uint64_t crl_number,
                                    crypto::Rng& rng) {
  GLASS_TRY(auto cert, Certificate::parse(ca.der));
  CrlTemplate t;
  t.issuer_der = core::to_bytes(cert.subject().der());
  t.this_update = now - 3600;
  t.next_update = now + validity_days * 86400;
  t.crl_number = serial_bytes(crl_number);
  while (t.crl_number->size() > 1 && t.crl_number->front() == 0)
    t.crl_number->erase(t.crl_number->begin());
  GLASS_TRY(t.authority_key_id, key_identifier(ca.key->public_key()));
  t.entries = entries;
  return build_crl(t, *ca.key, default_algorithm(*ca.key), rng);
}

}  // namespace glass::x509
