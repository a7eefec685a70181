// `glasstls p12 FILE`: a doctor for PKCS#12 files. Prints every layer (MAC, safes,
// bags, attributes), algorithms and iteration counts, which key matches which
// certificate, the chain order, which consumers can import the encoding (what
// OpenSSL 3 refuses without -legacy, exactly), and whether each key would work
// as a TLS client identity (optionally for a server trusting --ca);
// `--export OUT --profile modern|legacy` re-encodes it. Keys are printed only
// with --show-secrets.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>

#include "apps/commands.hpp"
#include "apps/files.hpp"
#include "apps/pass_spec.hpp"
#include "apps/tls_options.hpp"
#include "crypto/random.hpp"
#include "teach/diagnose.hpp"
#include "x509/client_auth_check.hpp"
#include "x509/identity.hpp"
#include "x509/pem.hpp"
#include "x509/pkcs12_reader.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/private_key.hpp"

namespace glass::apps {

namespace {

struct P12Options {
  std::string file;
  std::string pass;
  bool pass_given = false;
  bool no_pass = false;
  bool show_secrets = false;
  bool show_certs = false;
  std::string export_path;
  std::string profile = "modern";
  std::string export_pass;
  bool export_pass_given = false;
  unsigned iterations = 2048;
  bool pbmac1 = false;
  std::string ca;  // --ca: the CAs a server would trust for this identity
  std::vector<std::string> crls;  // --crl: is the leaf listed?
};

std::int64_t p12_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Whether each key and its chain would work as a TLS client identity.
void print_client_verdict(const x509::pkcs12::Analysis& a, const std::vector<core::Bytes>& trusted,
                          const std::string& ca_file, const std::vector<x509::Crl>& crls) {
  auto now = p12_clock();
  fmt::print("As a TLS client identity{} (at {}):\n",
             ca_file.empty() ? std::string() : " for a server trusting " + ca_file,
             x509::der::format_time(now));
  if (a.identities.empty()) fmt::print("  NOT usable: the file holds no private key\n");
  for (std::size_t i = 0; i < a.identities.size(); ++i) {
    const auto& id = a.identities[i];
    std::vector<std::string> problems;
    if (id.certificate.empty()) {
      problems.push_back("no certificate in the file matches this key");
    } else {
      std::vector<core::Bytes> chain{id.certificate};
      chain.insert(chain.end(), id.chain.begin(), id.chain.end());
      problems = x509::client_identity_problems(chain, &id.key, trusted, now, crls);
    }
    if (problems.empty()) {
      fmt::print("  key #{}: usable (key matches, clientAuth allowed, digitalSignature allowed, "
                 "every certificate valid now{})\n",
                 i + 1, trusted.empty() ? "" : ", chain ends at a CA in " + ca_file);
      continue;
    }
    fmt::print("  key #{}: NOT usable:\n", i + 1);
    for (auto& p : problems) fmt::print("    - {}\n", x509::pkcs12::printable(p));
    fmt::print("likely cause (when a server refuses this identity): {}\n",
               x509::pkcs12::printable(problems.front()));
  }
}

// --ca and --crl for the client verdict; 0 when read, else the exit code.
int read_trust_inputs(const P12Options& o, std::vector<core::Bytes>& trusted,
                      std::vector<x509::Crl>& crls) {
  if (!o.ca.empty()) {
    auto cas = load_certificates(o.ca);
    if (!cas) {
      fmt::print(stderr, "error: --ca {}: {}\n", o.ca, cas.error().reason);
      return 2;
    }
    trusted = std::move(*cas);
  }
  for (auto& f : o.crls) {
    auto c = x509::load_crl_file(f);
    if (!c) {
      fmt::print(stderr, "error: --crl {}: {}\n", f, c.error().reason);
      return 2;
    }
    for (auto& x : *c) crls.push_back(std::move(x));
  }
  return 0;
}

// --show-certs and --show-secrets; 0 or the exit code.
int show_contents(const P12Options& o, const x509::pkcs12::Analysis& a) {
  if (o.show_certs) {
    for (std::size_t i = 0; i < a.certificates.size(); ++i) {
      fmt::print("certificate #{}:\n{}", i + 1, x509::pem::encode("CERTIFICATE", a.certificates[i]));
    }
  }
  if (o.show_secrets) {
    for (std::size_t i = 0; i < a.identities.size(); ++i) {
      auto der = x509::encode_pkcs8(a.identities[i].key);
      if (!der) {
        fmt::print(stderr, "error: key #{}: {}\n", i + 1, der.error().reason);
        return 1;
      }
      std::string text = x509::pem::encode("PRIVATE KEY", *der);
      fmt::print("private key #{}:\n{}", i + 1, text);
      core::secure_wipe(text);
    }
  }
  return 0;
}

// Every identity, then each certificate no identity uses, as export entries.
std::vector<x509::pkcs12::Entry> export_entries(const x509::pkcs12::Analysis& a) {
  std::vector<x509::pkcs12::Entry> entries;
  std::vector<bool> used(a.certificates.size(), false);
  for (const auto& id : a.identities) {
    entries.push_back({&id.key, id.certificate, id.chain, id.friendly_name});
    for (std::size_t i = 0; i < a.certificates.size(); ++i) {
      if (a.certificates[i] == id.certificate) used[i] = true;
      for (const auto& c : id.chain)
        if (a.certificates[i] == c) used[i] = true;
    }
  }
  for (std::size_t i = 0; i < a.certificates.size(); ++i)
    if (!used[i]) entries.push_back({nullptr, a.certificates[i], {}, ""});
  return entries;
}

// --export: the contents rewritten with the chosen profile; 0 or the exit code.
int export_p12(P12Options& o, const x509::pkcs12::Analysis& a, const x509::pbe::Password& pw) {
  if (o.profile != "modern" && o.profile != "legacy") {
    fmt::print(stderr, "error: --profile must be modern or legacy\n");
    return 2;
  }
  x509::pbe::Password out_pw;
  if (o.export_pass_given) {
    auto p = read_password(o.export_pass, "Export password: ");
    if (!p) {
      fmt::print(stderr, "error: {}\n", p.error().reason);
      return 1;
    }
    out_pw = std::move(*p);
    core::secure_wipe(o.export_pass);
  } else {
    out_pw = pw;
  }
  crypto::SystemRng rng;
  auto profile = o.profile == "legacy" ? x509::pkcs12::Profile::legacy : x509::pkcs12::Profile::modern;
  auto opts = x509::pkcs12::profile_options(profile, rng, o.iterations);
  if (o.pbmac1) opts.mac = x509::pkcs12::MacKind::pbmac1;
  auto out = x509::pkcs12::write(export_entries(a), out_pw, opts, rng);
  if (!out) {
    fmt::print(stderr, "error: export failed: {}\n", out.error().reason);
    return 1;
  }
  if (auto st = write_file(o.export_path, *out, true); !st) {
    fmt::print(stderr, "error: {}\n", st.error().reason);
    return 1;
  }
  fmt::print("exported {} key(s) and {} certificate(s) to {} with the {} profile{}\n", a.identities.size(),
             a.certificates.size(), o.export_path, o.profile, o.pbmac1 ? " and a PBMAC1 MAC" : "");
  return 0;
}

int run_p12(P12Options& o) {
  auto read = x509::read_file(o.file);
  if (!read) {
    fmt::print(stderr, "error: {}\n", read.error().reason);
    return 1;
  }
  core::Bytes file = std::move(read).value();
  x509::pbe::Password pw;
  if (!o.no_pass) {
    auto p = read_password(o.pass_given ? o.pass : std::string(), "Password for " + o.file + ": ");
    if (!p) {
      fmt::print(stderr, "error: {}\n", p.error().reason);
      return 1;
    }
    pw = std::move(*p);
  }
  core::secure_wipe(o.pass);
  auto a = x509::pkcs12::analyze(file, pw);
  fmt::print("{}", x509::pkcs12::render(a.report));
  if (a.error) {
    fmt::print("{}", teach::diagnose_load_error(a.error->reason));
    return 1;
  }
  std::vector<core::Bytes> trusted;
  std::vector<x509::Crl> crls;
  if (int code = read_trust_inputs(o, trusted, crls)) return code;
  print_client_verdict(a, trusted, o.ca, crls);
  if (int code = show_contents(o, a)) return code;
  if (!o.export_path.empty()) return export_p12(o, a, pw);
  return 0;
}

}  // namespace

void register_p12(CLI::App& app) {
  auto o = std::make_shared<P12Options>();
  auto* cmd = app.add_subcommand("p12", "Inspect a PKCS#12 (.p12/.pfx) file layer by layer, and re-encode it");
  cmd->add_option("file", o->file, "The .p12/.pfx file")->required();
  auto* pass = cmd->add_option("--pass", o->pass,
                               "Password source: pass:TEXT, env:VAR, file:PATH, fd:N or stdin (default: prompt)");
  cmd->add_flag("--no-pass", o->no_pass, "The file has no password (tries both empty encodings)")->excludes(pass);
  cmd->add_flag("--show-secrets", o->show_secrets, "Also print the private keys (unencrypted PKCS#8 PEM)");
  cmd->add_flag("--certs", o->show_certs, "Also print the certificates as PEM");
  cmd->add_option("--ca", o->ca,
                  "Also check that each key's chain ends at one of these CAs (the CAs a server "
                  "trusts for clients)");
  cmd->add_option("--crl", o->crls,
                  "Also say whether a CRL (PEM or DER; repeatable) of the leaf's issuer lists it");
  cmd->add_option("--export", o->export_path, "Write the contents to a new .p12 file");
  cmd->add_option("--profile", o->profile, "Export profile: modern (PBES2/AES-256, SHA-256 MAC) or legacy "
                                           "(3DES key, RC2-40 certificates, SHA-1 MAC)")
      ->check(CLI::IsMember({"modern", "legacy"}));
  auto* ep = cmd->add_option("--export-pass", o->export_pass, "Password source for the exported file (default: same)");
  cmd->add_option("--iter", o->iterations, "Iteration count for the export (default 2048)")
      ->check(CLI::Range(1u, 10'000'000u));
  cmd->add_flag("--pbmac1", o->pbmac1, "Protect the export with a PBMAC1 MAC (RFC 9579; OpenSSL 3.4+)");
  cmd->callback([o, pass, ep] {
    o->pass_given = pass->count() > 0;
    o->export_pass_given = ep->count() > 0;
    set_exit_code(run_p12(*o));
  });
}

}  // namespace glass::apps
