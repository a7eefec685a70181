// `glasstls pki`: write a test PKI (CA, server certificate, client .p12) with
// our own certificate builder and PKCS#12 writer, so no outside tool is needed.
#include <filesystem>

#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/files.hpp"
#include "apps/pass_spec.hpp"
#include "apps/pki_files.hpp"

namespace glass::apps {

namespace {

struct PkiCmdOptions {
  std::string out = "pki";
  std::string key_type = "ecdsa";
  std::string pass_spec = "pass:glasstls";
  int days = 30;
  std::string profile = "modern";
};

int run_pki(const PkiCmdOptions& o) {
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
  PkiRequest req;
  req.dir = o.out;
  req.key_type = *kt;
  req.days = o.days;
  req.legacy_p12 = o.profile == "legacy";
  auto files = write_test_pki(req, *pw);
  if (!files) {
    fmt::print(stderr, "glasstls pki: {}\n", files.error().reason);
    return 1;
  }
  fmt::print("wrote a test PKI ({} keys) to {}/:\n", o.key_type, o.out);
  fmt::print("  ca.pem            the CA certificate (give it to --ca)\n");
  fmt::print("  server.pem        server certificate chain (SAN localhost, 127.0.0.1)\n");
  fmt::print("  server.key        server private key (PKCS#8, unencrypted)\n");
  fmt::print("  client.pem        client certificate chain (EKU clientAuth)\n");
  fmt::print("  client.key        client private key (PKCS#8, unencrypted)\n");
  fmt::print("  client.p12        client identity, {} PKCS#12 profile, password from --pass\n",
             o.profile);
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
  cmd->callback([o] { set_exit_code(run_pki(*o)); });
}

}  // namespace glass::apps
