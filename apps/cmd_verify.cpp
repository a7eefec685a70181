// `glasstls verify --ca FILE [--untrusted FILE] [--purpose server|client]
//  [--name HOST] [--at TIME] [--profile default|strict] [--max-depth N] [--crl FILE]...
//  [--crl-check leaf|chain] CERT`: RFC 5280 path validation with our own builder, then
// revocation checking with the CRLs. Prints OK and the chain (exit 0) or the reason (exit 1).
#include <fmt/core.h>

#include <ctime>

#include "apps/commands.hpp"
#include "x509/certificate_file.hpp"
#include "x509/crl.hpp"
#include "x509/revocation.hpp"
#include "x509/validate.hpp"

namespace glass::apps {

namespace {

struct VerifyArgs {
  std::string ca, untrusted, purpose = "server", name, at, cert, profile = "default";
  unsigned max_depth = 8;
  std::vector<std::string> crls;
  std::string crl_check;
};

int run_verify(const VerifyArgs& a) {
  auto fail = [](const std::string& why) {
    fmt::print("{}\n", why);
    return 1;
  };
  auto usage = [](const std::string& why) {  // a bad option value: exit status 2
    fmt::print(stderr, "{}\n", why);
    return 2;
  };
  auto anchors = x509::load_certificate_file(a.ca);
  if (!anchors) return fail("error: --ca " + anchors.error().reason);
  std::vector<x509::Certificate> bag;
  if (!a.untrusted.empty()) {
    auto u = x509::load_certificate_file(a.untrusted);
    if (!u) return fail("error: --untrusted " + u.error().reason);
    bag = std::move(*u);
  }
  auto certs = x509::load_certificate_file(a.cert);
  if (!certs) return fail("error: " + certs.error().reason);
  // The first certificate is the leaf; any others in the file join the bag.
  for (std::size_t i = 1; i < certs->size(); ++i) bag.push_back((*certs)[i]);

  x509::ValidationOptions opt;
  opt.time = std::time(nullptr);
  if (!a.at.empty()) {
    auto t = x509::der::parse_rfc3339_precise(a.at);
    if (!t) return usage("error: --at " + t.error().reason);
    opt.time = t->seconds;
    opt.time_nanos = t->nanos;
  }
  if (a.purpose == "server") opt.purpose = x509::Purpose::server_auth;
  else if (a.purpose == "client") opt.purpose = x509::Purpose::client_auth;
  else if (a.purpose == "any") opt.purpose = x509::Purpose::any;
  else return usage("error: --purpose must be server, client or any");
  opt.host = a.name;
  opt.limits.max_intermediates = a.max_depth;
  auto profile = x509::parse_profile(a.profile);
  if (!profile) return usage("error: --profile must be default or strict");
  opt.profile = *profile;

  std::vector<x509::Crl> crls;
  for (const auto& f : a.crls) {
    auto c = x509::load_crl_file(f);
    if (!c) return fail("error: --crl " + c.error().reason);
    for (auto& crl : *c) crls.push_back(std::move(crl));
  }
  auto mode = a.crls.empty() ? x509::CrlCheck::none : x509::CrlCheck::leaf;
  if (!a.crl_check.empty()) {
    auto m = x509::parse_crl_check(a.crl_check);
    if (!m) return usage("error: --crl-check must be leaf, chain or none");
    mode = *m;
  }

  auto r = x509::validate_path(certs->front(), bag, *anchors, opt);
  if (!r) {
    return fail(fmt::format("{}: verification failed: {} (TLS alert {})", a.cert,
                            r.error().reason, core::alert_name(r.error().alert)));
  }
  if (auto rev = x509::check_revocation(*r, crls, mode, opt.time); !rev) {
    return fail(fmt::format("{}: verification failed: {} (TLS alert {})", a.cert,
                            rev.error().reason, core::alert_name(rev.error().alert)));
  }
  fmt::print("OK\n");
  const auto& chain = r->chain;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const char* role = i == 0 ? "leaf" : i + 1 == chain.size() ? "trust anchor" : "intermediate";
    fmt::print("  {}: {} {}\n", i, role, chain[i]->subject().to_string());
  }
  if (mode != x509::CrlCheck::none)
    fmt::print("  revocation ({}): not revoked, checked with {} CRL(s)\n",
               x509::crl_check_name(mode), crls.size());
  return 0;
}

}  // namespace

void register_verify(CLI::App& app) {
  auto* cmd = app.add_subcommand("verify", "Validate a certificate chain (RFC 5280 path validation)");
  static VerifyArgs a;
  cmd->add_option("--ca", a.ca, "Trust anchors (PEM or DER)")->required();
  cmd->add_option("--untrusted", a.untrusted, "Intermediate certificates, in any order");
  cmd->add_option("--purpose", a.purpose, "server, client or any (default server)");
  cmd->add_option("--name", a.name, "Host name or IP address the leaf must be valid for");
  cmd->add_option("--at", a.at,
                  "Validation time, RFC 3339 (2026-01-31T12:00:00Z, 2026-01-31T13:00:00.5+01:00); "
                  "default now");
  cmd->add_option("--profile", a.profile,
                  "default (RFC 5280 + TLS rules) or strict (adds CA/B Forum BR checks)");
  cmd->add_option("--max-depth", a.max_depth, "Maximum number of intermediates (default 8)");
  cmd->add_option("--crl", a.crls, "CRL file (PEM or DER); repeatable");
  cmd->add_option("--crl-check", a.crl_check,
                  "leaf (default with --crl) or chain: which certificates need a covering CRL");
  cmd->add_option("CERT", a.cert, "Leaf certificate, optionally followed by its chain")
      ->required();
  cmd->callback([] { set_exit_code(run_verify(a)); });
}

}  // namespace glass::apps
