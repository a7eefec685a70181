// The identities the client-certificate probes play with, made in memory: a
// leaf from a CA the server has never seen; an expired leaf, a serverAuth-only leaf
// and a leaf behind two intermediates (issued by the user's CA when its key is
// given); and an
// unrelated key of the same type for a CertificateVerify made with the wrong key.
#include <ctime>

#include "conform/runner.hpp"
#include "x509/certificate.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/oid.hpp"
#include "x509/pki.hpp"

namespace glass::conform {

namespace {

using core::Alert;
using core::make_error;

std::uint64_t random_serial(crypto::Rng& rng) {
  std::uint8_t b[8];
  rng.fill(b);
  std::uint64_t v = 0;
  for (auto x : b) v = (v << 8) | x;
  return (v >> 1) | 1;  // positive, non-zero
}

core::Bytes serial_bytes(std::uint64_t v) {
  core::Bytes b;
  for (int i = 7; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  return b;
}

// An intermediate CA certificate for `subject`, signed by `issuer`.
core::Result<x509::IssuedCertificate> issue_ca(const x509::IssuedCertificate& issuer,
                                              const std::string& issuer_name,
                                              const std::string& subject, crypto::KeyType type,
                                              std::int64_t now, crypto::Rng& rng) {
  GLASS_TRY(auto k, crypto::SigningKey::generate(type, rng));
  auto key = std::make_shared<crypto::SigningKey>(std::move(k));
  x509::CertificateTemplate t;
  t.serial = serial_bytes(random_serial(rng));
  t.subject = subject;
  t.issuer = issuer_name;
  t.not_before = now - 3600;
  t.not_after = now + 7 * 86400;
  t.subject_key = &key->public_key();
  t.basic_constraints = x509::CertificateTemplate::Basic{true, std::nullopt, true};
  t.key_usage = x509::key_usage::key_cert_sign | x509::key_usage::digital_signature;
  GLASS_TRY(auto aki, x509::key_identifier(issuer.key->public_key()));
  t.authority_key_id = aki;
  GLASS_TRY(auto der, x509::build_certificate(t, *issuer.key, x509::default_algorithm(*issuer.key), rng));
  return x509::IssuedCertificate{key, std::move(der)};
}

handshake::Identity identity_of(const x509::IssuedCertificate& c, std::vector<core::Bytes> rest,
                                std::string label) {
  handshake::Identity id;
  id.chain.push_back(c.der);
  for (auto& r : rest) id.chain.push_back(std::move(r));
  id.key = c.key;
  id.label = std::move(label);
  return id;
}

}  // namespace

core::Result<Context> make_context(const ContextOptions& o) {
  Context ctx;
  auto& rng = crypto::system_rng();
  std::int64_t now = o.now ? o.now : static_cast<std::int64_t>(std::time(nullptr));

  ctx.base.role = handshake::Role::client;
  ctx.base.server_name = o.server_name;
  ctx.base.trust_anchors = o.server_cas;
  ctx.base.verify_peer = !o.server_cas.empty();
  ctx.base.now = [now] { return now; };
  ctx.base.send_cert = o.send_cert;
  if (o.identity) ctx.base.identities.push_back(*o.identity);
  ctx.identity = o.identity;
  ctx.client_cas = o.client_cas;

  auto type = o.identity && o.identity->key ? o.identity->key->type() : crypto::KeyType::ecdsa_p256;
  {
    GLASS_TRY(auto k, crypto::SigningKey::generate(type, rng));
    ctx.other_key = std::make_shared<crypto::SigningKey>(std::move(k));
  }

  // A leaf from a CA nobody trusts. The user's CA is appended so our own client
  // offers it when the server names that CA; the probe strips it on the wire.
  x509::PkiOptions po;
  po.key_type = type;
  po.now = now;
  po.ca_name = "CN=glasstls conform unknown CA,O=glasstls";
  po.client_name = "CN=glasstls conform unknown-CA client,O=glasstls";
  GLASS_TRY(auto foreign, x509::make_test_pki(po, rng));
  ctx.unknown_ca = identity_of(foreign.client, {foreign.ca.der}, "leaf from an unknown CA");
  for (auto& ca : o.client_cas) ctx.unknown_ca->chain.push_back(ca);

  if (!o.ca_signer || o.ca_signer->chain.empty() || !o.ca_signer->key) {
    ctx.missing_ca_key = "needs the client CA's private key (--client-ca-key) to issue test certificates";
    return ctx;
  }
  auto ca_cert = x509::Certificate::parse(o.ca_signer->chain.front());
  if (!ca_cert) return make_error(Alert::bad_certificate, "--client-ca-key's certificate: " + ca_cert.error().reason);
  std::string ca_name = ca_cert->subject().to_string();
  x509::IssuedCertificate ca{std::const_pointer_cast<crypto::SigningKey>(o.ca_signer->key),
                             o.ca_signer->chain.front()};
  auto ca_type = ca.key->type();

  GLASS_TRY(auto expired, x509::issue_leaf(ca, ca_name, "CN=glasstls conform expired client,O=glasstls",
                                           type, now - 10 * 86400, now - 86400,
                                           x509::oid::kp_client_auth, {}, {}, rng,
                                           random_serial(rng)));
  ctx.expired = identity_of(expired, {}, "expired leaf");

  // Valid in time and signed by the CA, but for serverAuth only (RFC 5280 4.2.1.12).
  GLASS_TRY(auto server_only, x509::issue_leaf(ca, ca_name, "CN=glasstls conform serverAuth-only client,O=glasstls",
                                               type, now - 3600, now + 7 * 86400,
                                               x509::oid::kp_server_auth, {}, {}, rng,
                                               random_serial(rng)));
  ctx.wrong_eku = identity_of(server_only, {}, "leaf with extendedKeyUsage serverAuth only");

  const std::string i1_name = "CN=glasstls conform intermediate 1,O=glasstls";
  const std::string i2_name = "CN=glasstls conform intermediate 2,O=glasstls";
  GLASS_TRY(auto i1, issue_ca(ca, ca_name, i1_name, ca_type, now, rng));
  GLASS_TRY(auto i2, issue_ca(i1, i1_name, i2_name, ca_type, now, rng));
  GLASS_TRY(auto leaf, x509::issue_leaf(i2, i2_name, "CN=glasstls conform chained client,O=glasstls",
                                        type, now - 3600, now + 7 * 86400,
                                        x509::oid::kp_client_auth, {}, {}, rng, random_serial(rng)));
  ctx.via_intermediates = identity_of(leaf, {i2.der, i1.der}, "leaf behind two intermediates");
  return ctx;
}

}  // namespace glass::conform
