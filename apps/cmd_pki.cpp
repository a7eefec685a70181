// `glasstls pki`: write a test PKI (CA, server certificate, client .p12) with
// our own certificate builder and PKCS#12 writer, so no outside tool is needed;
// `glasstls pki --revoke CERT` adds a certificate to the PKI's CRL (crl.pem).
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/files.hpp"
#include "apps/pass_spec.hpp"
#include "apps/pki_files.hpp"
#include "x509/crl.hpp"
#include "apps/seeded.hpp"

namespace glass::apps {

namespace {

struct PkiCmdOptions {
  std::string out = "pki";
  std::string key_type = "ecdsa";
  std::string pass_spec = "pass:glasstls";
  int days = 30;
  std::string profile = "modern";
  std::string revoke;
  std::string reason = "keyCompromise";
  int crl_days = 7;
  std::string name;            // --name: the word in every subject (default: a tag)
  std::optional<std::uint64_t> seed;  // --seed: keys and tag from a seed
};

int run_revoke(const PkiCmdOptions& o) {
  auto reason = x509::parse_reason(o.reason);
  if (!reason || *reason == x509::RevocationReason::remove_from_crl) {
    fmt::print(stderr,
               "glasstls pki: --reason must be a CRLReason: unspecified, keyCompromise, "
               "cACompromise, affiliationChanged, superseded, cessationOfOperation, "
               "certificateHold, privilegeWithdrawn or aACompromise\n");
    return 2;
  }
  RevokeRequest req;
  req.dir = o.out;
  req.cert = o.revoke;
  req.reason = *reason;
  req.crl_days = o.crl_days;
  auto r = revoke_certificate(req);
  if (!r) {
    fmt::print(stderr, "glasstls pki: --revoke: {}\n", r.error().reason);
    return 1;
  }
  if (r->already)
    fmt::print("{} (serial {}) was already revoked; {} re-issued\n", r->subject, r->serial_hex,
               r->crl_path);
  else
    fmt::print("revoked {} (serial {}, {})\n", r->subject, r->serial_hex,
               x509::reason_name(*reason));
  fmt::print("  {}: CRL number {}, lists {} certificate(s), next update {}\n", r->crl_path,
             r->crl_number, r->listed, x509::der::format_time(r->next_update));
  fmt::print("  use it with: glasstls server ... --crl {}   (or nginx ssl_crl, openssl -CRLfile)\n",
             r->crl_path);
  return 0;
}

int run_pki(const PkiCmdOptions& o) {
  if (!o.revoke.empty()) return run_revoke(o);
  auto kt = parse_key_type(o.key_type);
  if (!kt) {
    fmt::print(stderr, "glasstls pki: {}\n", kt.error().reason);
    return 2;
  }
  if (o.profile != "modern" && o.profile != "legacy") {
    fmt::print(stderr, "glasstls pki: --profile must be modern or legacy\n");
    return 2;
  }
  auto pw = read_password(o.pass_spec, "Password for client.p12: ");
  if (!pw) {
    fmt::print(stderr, "glasstls pki: {}\n", pw.error().reason);
    return 2;
  }
  std::unique_ptr<crypto::SeededRng> seeded;
  if (o.seed) seeded = seeded_rng(*o.seed, "pki");
  std::string name = o.name;
  if (name.empty()) {
    // Its own stream, so the tag does not shift the seeded keys.
    auto tag_rng = o.seed ? seeded_rng(*o.seed, "pki-name") : nullptr;
    name = pki_tag(tag_rng ? *tag_rng : crypto::system_rng());
  } else if (auto why = check_pki_name(name); !why.empty()) {
    fmt::print(stderr, "glasstls pki: {}\n", why);
    return 2;
  }
  PkiRequest req;
  req.dir = o.out;
  req.name = name;
  req.rng = seeded.get();
  req.key_type = *kt;
  req.days = o.days;
  req.legacy_p12 = o.profile == "legacy";
  auto files = write_test_pki(req, *pw);
  if (!files) {
    fmt::print(stderr, "glasstls pki: {}\n", files.error().reason);
    return 1;
  }
  fmt::print("wrote a test PKI ({} keys, name \"{}\") to {}/:\n", o.key_type, name, o.out);
  fmt::print("  ca.pem            the CA certificate (give it to --ca)\n");
  fmt::print("  ca.key            the CA private key (for pki --revoke; keep it off servers)\n");
  fmt::print("  server.pem        server certificate chain (SAN localhost, 127.0.0.1)\n");
  fmt::print("  server.key        server private key (PKCS#8, unencrypted)\n");
  fmt::print("  client.pem        client certificate chain (EKU clientAuth)\n");
  fmt::print("  client.key        client private key (PKCS#8, unencrypted)\n");
  fmt::print("  client.p12        client identity, {} PKCS#12 profile\n", o.profile);
  fmt::print("  subjects          CN=glasstls Test CA {0}; CN=localhost,O=glasstls {0}; "
             "CN=glasstls test client {0}\n", name);
  // A password given on the command line is shown back (the default one otherwise
  // goes unnoticed); one read from elsewhere is only named.
  if (o.pass_spec.rfind("pass:", 0) == 0)
    fmt::print("client.p12 password: {}\n", o.pass_spec.substr(5));
  else
    fmt::print("client.p12 password: the one read from {}\n", o.pass_spec);
  return 0;
}

}  // namespace

void register_pki(CLI::App& app) {
  auto o = std::make_shared<PkiCmdOptions>();
  auto* cmd = app.add_subcommand("pki", "Make a test PKI: a CA, a server certificate and a client .p12");
  cmd->add_option("--out", o->out, "Folder to write into (created if missing)");
  cmd->add_option("--key-type", o->key_type, "ecdsa (P-256), ed25519 or rsa (2048)");
  cmd->add_option("--pass", o->pass_spec, "Password for client.p12 (SPEC as for openssl)");
  cmd->add_option("--days", o->days, "Validity in days");
  cmd->add_option("--profile", o->profile, "PKCS#12 encoding: modern or legacy");
  cmd->add_option("--revoke", o->revoke,
                  "Revoke this certificate (issued by OUT/ca.pem): add it to OUT/crl.pem, "
                  "signed with OUT/ca.key, instead of making a PKI");
  cmd->add_option("--reason", o->reason, "CRL reason for --revoke (default keyCompromise)");
  cmd->add_option("--crl-days", o->crl_days, "Days until the CRL's nextUpdate (default 7)");
  cmd->add_option("--name", o->name,
                  "A word put in every subject (the CA's and client's CN, the server's O), so "
                  "two PKIs do not share names (default: a random 6-hex-digit tag)");
  cmd->add_option("--seed", o->seed,
                  "Derive the keys and the default name from N: the same N gives the same PKI "
                  "(for tests and teaching; never for real use)");
  cmd->callback([o] { set_exit_code(run_pki(*o)); });
}

}  // namespace glass::apps
