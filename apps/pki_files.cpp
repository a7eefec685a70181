#include "apps/pki_files.hpp"

#include <cctype>
#include <chrono>
#include <filesystem>

#include "apps/files.hpp"
#include "x509/pem.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/private_key.hpp"

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
  for (auto [file, key] : {std::pair{"server.key", pki.server.key.get()},
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

}  // namespace glass::apps
