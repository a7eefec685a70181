#include "apps/pki_files.hpp"

#include <cctype>
#include <chrono>
#include <filesystem>

#include "apps/files.hpp"
#include "x509/certificate_file.hpp"
#include "x509/crl.hpp"
#include "x509/pem.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/private_key.hpp"
#include "x509/identity.hpp"

namespace glass::apps {

using core::Alert;
using core::make_error;

core::Result<crypto::KeyType> parse_key_type(const std::string& name) {
  if (name == "ecdsa" || name == "p256" || name == "ecdsa-p256") return crypto::KeyType::ecdsa_p256;
  if (name == "p384" || name == "ecdsa-p384") return crypto::KeyType::ecdsa_p384;
  if (name == "ed25519") return crypto::KeyType::ed25519;
  if (name == "rsa") return crypto::KeyType::rsa;
  return make_error(Alert::internal_error,
                    "unknown key type '" + name + "' (ecdsa, p384, ed25519 or rsa)");
}

std::string pki_tag(crypto::Rng& rng) {
  auto b = rng.bytes(3);
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (auto x : b) {
    out += hex[x >> 4];
    out += hex[x & 15];
  }
  return out;
}

std::string check_pki_name(const std::string& name) {
  if (name.empty() || name.size() > 32) return "--name takes 1 to 32 characters";
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' && c != ' ')
      return "--name takes letters, digits, space, '-', '_' and '.'";
  if (name.front() == ' ' || name.back() == ' ') return "--name must not start or end with a space";
  return {};
}

core::Result<x509::TestPki> write_test_pki(const PkiRequest& req, const x509::pbe::Password& pw) {
  std::error_code ec;
  std::filesystem::create_directories(req.dir, ec);
  if (ec) return make_error(Alert::internal_error, "cannot create " + req.dir + ": " + ec.message());
  x509::PkiOptions o;
  o.key_type = req.key_type;
  o.validity_days = req.days;
  o.now = req.now ? req.now
                  : std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  auto& rng = req.rng ? *req.rng : crypto::system_rng();
  if (!req.name.empty()) {
    o.ca_name = "CN=glasstls Test CA " + req.name + ",O=glasstls";
    o.server_name = "CN=localhost,O=glasstls " + req.name;
    o.client_name = "CN=glasstls test client " + req.name + ",O=glasstls";
  }
  GLASS_TRY(auto pki, x509::make_test_pki(o, rng));
  auto path = [&](const char* f) { return (std::filesystem::path(req.dir) / f).string(); };
  auto cert_pem = [](core::ByteView der) { return x509::pem::encode("CERTIFICATE", der); };
  std::string ca = cert_pem(pki.ca.der);
  GLASS_CHECK(write_file(path("ca.pem"), core::as_bytes(ca)));
  std::string server = cert_pem(pki.server.der) + ca;
  GLASS_CHECK(write_file(path("server.pem"), core::as_bytes(server)));
  std::string client = cert_pem(pki.client.der) + ca;
  GLASS_CHECK(write_file(path("client.pem"), core::as_bytes(client)));
  for (auto [file, key] : {std::pair{"ca.key", pki.ca.key.get()},
                           std::pair{"server.key", pki.server.key.get()},
                           std::pair{"client.key", pki.client.key.get()}}) {
    GLASS_TRY(auto der, x509::encode_pkcs8(*key));
    std::string pem = x509::pem::encode("PRIVATE KEY", der);
    auto st = write_file(path(file), core::as_bytes(pem), true);
    core::secure_wipe(pem);
    GLASS_CHECK(st);
  }
  auto opts = x509::pkcs12::profile_options(
      req.legacy_p12 ? x509::pkcs12::Profile::legacy : x509::pkcs12::Profile::modern, rng);
  x509::pkcs12::Entry e;
  e.key = pki.client.key.get();
  e.certificate = pki.client.der;
  e.chain = {pki.ca.der};
  e.friendly_name = "glasstls test client";
  GLASS_TRY(auto p12, x509::pkcs12::write({e}, pw, opts, rng));
  GLASS_CHECK(write_file(path("client.p12"), p12, true));
  return pki;
}

core::Result<RevokeResult> revoke_certificate(const RevokeRequest& req) {
  auto path = [&](const char* f) { return (std::filesystem::path(req.dir) / f).string(); };
  GLASS_TRY(auto cas, x509::load_certificate_file(path("ca.pem")));
  GLASS_TRY(auto key_file, x509::read_file(path("ca.key")));
  auto loaded = x509::load_private_key(key_file);
  core::secure_wipe(key_file);
  if (!loaded) return make_error(loaded.error().alert, path("ca.key") + ": " + loaded.error().reason);
  x509::IssuedCertificate ca;
  ca.der = core::to_bytes(cas[0].der());
  ca.key = std::make_shared<crypto::SigningKey>(std::move(loaded->key));
  auto ca_pub = cas[0].public_key();
  if (!ca_pub || !ca_pub->key || !ca.key->public_key().same_key(*ca_pub->key))
    return make_error(Alert::internal_error, path("ca.key") + " is not the key of " + path("ca.pem"));
  GLASS_TRY(auto certs, x509::load_certificate_file(req.cert));
  const x509::Certificate& cert = certs[0];
  if (!cert.issuer().matches(cas[0].subject()))
    return make_error(Alert::internal_error,
                      req.cert + " was issued by " + cert.issuer().short_form() + ", not by " +
                          cas[0].subject().short_form() + " (" + path("ca.pem") + ")");
  std::int64_t now = req.now ? req.now
                             : std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
  RevokeResult out;
  out.crl_path = path("crl.pem");
  out.subject = cert.subject().short_form();
  out.serial_hex = cert.serial_hex();
  std::vector<x509::CrlEntryTemplate> entries;
  std::uint64_t number = 1;
  // Keep what the previous CRL of this CA listed.
  if (std::filesystem::exists(out.crl_path)) {
    GLASS_TRY(auto old, x509::load_crl_file(out.crl_path));
    const auto& prev = old[0];
    GLASS_CHECK(x509::verify_signature(prev, ca.key->public_key()));
    if (auto n = prev.crl_number(); n && n->size() <= 7) {
      std::uint64_t v = 0;
      for (auto b : *n) v = (v << 8) | b;
      number = v + 1;
    }
    auto it = prev.revoked();
    x509::RevokedEntry e;
    while (it.next(e)) {
      x509::CrlEntryTemplate t;
      x509::der::Reader sr(e.whole);
      auto seq = sr.sequence("entry");
      if (!seq) continue;
      auto mag = seq->unsigned_integer("serial");
      if (!mag) continue;
      t.serial = core::to_bytes(*mag);
      t.revocation_date = e.revocation_date;
      t.reason = e.reason;
      t.invalidity_date = e.invalidity_date;
      if (core::equal(e.serial, cert.serial())) out.already = true;
      entries.push_back(std::move(t));
    }
  }
  if (!out.already) {
    x509::CrlEntryTemplate t;
    x509::der::Reader sr(cert.fields().serial);
    GLASS_TRY(auto mag, sr.unsigned_integer("serial"));
    t.serial = core::to_bytes(mag);
    t.revocation_date = now;
    t.reason = req.reason;
    entries.push_back(std::move(t));
  }
  auto& rng = req.rng ? *req.rng : crypto::system_rng();
  GLASS_TRY(auto der, x509::issue_crl(ca, entries, now, req.crl_days, number, rng));
  std::string pem = x509::pem::encode("X509 CRL", der);
  GLASS_CHECK(write_file(out.crl_path, core::as_bytes(pem)));
  out.listed = entries.size();
  out.crl_number = number;
  out.next_update = now + std::int64_t{req.crl_days} * 86400;
  return out;
}

}  // namespace glass::apps
