#include "apps/tls_options.hpp"

#include <fmt/core.h>

#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "apps/pass_spec.hpp"
#include "teach/keylog.hpp"
#include "x509/certificate_file.hpp"
#include "x509/crl.hpp"
#include "x509/identity.hpp"
#include "x509/revocation.hpp"

namespace glass::apps {

using core::Alert;
using core::make_error;

void TlsOptions::add_to(CLI::App& cmd, bool server) {
  cmd.add_option("--p12", p12, "Identity: a PKCS#12 (.p12/.pfx) file with key and chain");
  cmd.add_option("--pass", pass_spec,
                 "Password source for --p12/--key: pass:TEXT, env:VAR, file:PATH, stdin "
                 "(default: prompt)");
  cmd.add_option("--cert", cert, "Identity: certificate chain file (PEM or DER), leaf first");
  cmd.add_option("--key", key, "Identity: private key file (PKCS#8, SEC1 or PKCS#1; PEM or DER)");
  cmd.add_option("--ca", ca,
                 server ? "CA certificates trusted to issue client certificates (PEM bundle; "
                          "certificates that do not parse are left out with a warning)"
                        : "CA certificates trusted to issue the server's certificate (PEM bundle; "
                          "certificates that do not parse are left out with a warning)");
  cmd.add_flag("--tls1.2", tls12_only, "Speak only TLS 1.2");
  cmd.add_flag("--tls1.3", tls13_only, "Speak only TLS 1.3");
  cmd.add_option("--groups", groups, "Key exchange groups in order, e.g. X25519MLKEM768,x25519,secp256r1");
  cmd.add_option("--sigalgs", sigalgs, "Signature schemes in order, e.g. ed25519,rsa_pss_rsae_sha256");
  cmd.add_option("--ciphers", ciphers, "Cipher suites in order (IANA names)");
  cmd.add_option("--alpn", alpn, "ALPN protocols, comma-separated (e.g. h2,http/1.1)");
  cmd.add_flag("--allow-legacy-ems", allow_legacy_ems,
               "TLS 1.2: accept peers without extended_master_secret (RFC 7627); not safe");
  cmd.add_option("--keylog", keylog,
                 "Append TLS secrets to FILE in the NSS key log format, for Wireshark "
                 "(default: $SSLKEYLOGFILE when set)");
  cmd.add_option("--profile", profile,
                 "Certificate validation rules: default (RFC 5280 + TLS) or strict (adds the "
                 "CA/B Forum BR checks)");
  if (!server) {
    cmd.add_flag("--insecure", no_verify, "Do not validate the server's certificate chain");
    add_send_cert_option(cmd, send_cert);
  }
  cmd.add_option("--crl", crl_files,
                 "CRL file (PEM or DER, repeatable) for revocation checking of the peer's chain");
  cmd.add_option("--crl-check", crl_check,
                 "Revocation checking: leaf (the peer's certificate; default with --crl) or "
                 "chain (every certificate below the trust anchor); a certificate no CRL "
                 "covers is refused");
}

void add_send_cert_option(CLI::App& cmd, std::string& target) {
  cmd.add_option("--send-cert", target,
                 "Answer to a CertificateRequest: auto (our certificate only when its chain "
                 "reaches a CA the server names), always (send it anyway, as curl and OpenSSL "
                 "do) or never (an empty Certificate)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
}

core::Result<handshake::ClientCertPolicy> parse_send_cert(const std::string& s) {
  using P = handshake::ClientCertPolicy;
  if (s.empty() || s == "auto") return P::automatic;
  if (s == "always") return P::always;
  if (s == "never") return P::never;
  return make_error(Alert::illegal_parameter, "--send-cert must be auto, always or never");
}

core::Status apply_crl_options(const std::vector<std::string>& files, const std::string& mode,
                               handshake::Config& cfg) {
  std::vector<x509::Crl> all;
  for (const auto& f : files) {
    auto crls = x509::load_crl_file(f);
    if (!crls) return make_error(crls.error().alert, "--crl " + crls.error().reason);
    for (auto& c : *crls) all.push_back(std::move(c));
  }
  if (!files.empty()) cfg.crls = std::make_shared<const std::vector<x509::Crl>>(std::move(all));
  if (!mode.empty()) {
    auto m = x509::parse_crl_check(mode);
    if (!m) return make_error(Alert::internal_error, "--crl-check must be leaf, chain or none");
    cfg.crl_check = *m;
  } else if (!files.empty()) {
    cfg.crl_check = x509::CrlCheck::leaf;
  }
  return {};
}

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

core::Error unknown_item(const char* what, const std::string& name, const std::string& known) {
  return make_error(Alert::internal_error,
                    "unknown " + std::string(what) + " '" + name + "' (known: " + known + ")");
}

}  // namespace

core::Result<std::vector<crypto::NamedGroup>> parse_groups(const std::string& list) {
  using G = crypto::NamedGroup;
  const G all[] = {G::X25519MLKEM768, G::SecP256r1MLKEM768, G::x25519, G::secp256r1,
                   G::secp384r1};
  std::vector<G> out;
  for (auto& n : split_list(list)) {
    bool found = false;
    for (auto g : all)
      if (crypto::name_of(g) == n || (n == "P-256" && g == G::secp256r1) ||
          (n == "P-384" && g == G::secp384r1)) {
        out.push_back(g);
        found = true;
      }
    if (!found)
      return unknown_item("group", n,
                          "X25519MLKEM768, SecP256r1MLKEM768, x25519, secp256r1, secp384r1");
  }
  return out;
}

core::Result<std::vector<crypto::SignatureScheme>> parse_schemes(const std::string& list) {
  std::vector<crypto::SignatureScheme> out;
  auto all = handshake::Config::default_signature_schemes();
  std::string known;
  for (auto s : all) known += (known.empty() ? "" : ", ") + crypto::name_of(s);
  for (auto& n : split_list(list)) {
    bool found = false;
    for (auto s : all)
      if (crypto::name_of(s) == n) {
        out.push_back(s);
        found = true;
      }
    if (!found) return unknown_item("signature scheme", n, known);
  }
  return out;
}

core::Result<std::vector<handshake::CipherSuite>> parse_suites(const std::string& list) {
  std::vector<handshake::CipherSuite> out;
  auto all = handshake::Config::default_cipher_suites();
  std::string known;
  for (auto s : all) known += (known.empty() ? "" : ", ") + handshake::name_of(s);
  for (auto& n : split_list(list)) {
    bool found = false;
    for (auto s : all)
      if (handshake::name_of(s) == n) {
        out.push_back(s);
        found = true;
      }
    if (!found) return unknown_item("cipher suite", n, known);
  }
  return out;
}

core::Result<std::pair<std::string, std::string>> split_host_port(const std::string& s) {
  std::string host, port;
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    if (close == std::string::npos || close + 1 >= s.size() || s[close + 1] != ':')
      return make_error(Alert::internal_error, "expected [IPv6]:PORT, got '" + s + "'");
    host = s.substr(1, close - 1);
    port = s.substr(close + 2);
  } else {
    auto colon = s.rfind(':');
    if (colon == std::string::npos)
      return make_error(Alert::internal_error, "expected HOST:PORT, got '" + s + "'");
    host = s.substr(0, colon);
    port = s.substr(colon + 1);
  }
  if (host.empty() || port.empty() || port.find_first_not_of("0123456789") != std::string::npos)
    return make_error(Alert::internal_error, "expected HOST:PORT, got '" + s + "'");
  return std::make_pair(host, port);
}

core::Result<handshake::Identity> load_identity(const TlsOptions& o, bool require_key_match) {
  if (o.p12.empty() && (o.cert.empty() || o.key.empty()))
    return make_error(Alert::internal_error, "give --p12 FILE, or both --cert FILE and --key FILE");
  // A .p12 always has a password (prompted for by default); a key file only with --pass.
  x509::PasswordSource password;
  if (!o.p12.empty() || !o.pass_spec.empty())
    password = [&o](const std::string& path) {
      return read_password(o.pass_spec, "Password for " + path + ": ");
    };
  GLASS_TRY(auto id, x509::load_identity({o.p12, o.cert, o.key}, password, require_key_match));
  return handshake::Identity{std::move(id.chain), std::move(id.key), std::move(id.label), {}};
}

std::string TlsOptions::keylog_path() const {
  if (!keylog.empty()) return keylog;
  const char* env = std::getenv("SSLKEYLOGFILE");
  return env ? std::string(env) : std::string();
}

core::Status TlsOptions::apply(handshake::Config& cfg) const {
  if (tls12_only && tls13_only)
    return make_error(Alert::internal_error, "--tls1.2 and --tls1.3 exclude each other");
  if (tls12_only) cfg.min_version = cfg.max_version = handshake::ProtocolVersion::tls12;
  if (tls13_only) cfg.min_version = cfg.max_version = handshake::ProtocolVersion::tls13;
  if (!groups.empty()) {
    GLASS_TRY(cfg.groups, parse_groups(groups));
  }
  if (!sigalgs.empty()) {
    GLASS_TRY(cfg.signature_schemes, parse_schemes(sigalgs));
  }
  if (!ciphers.empty()) {
    GLASS_TRY(cfg.cipher_suites, parse_suites(ciphers));
  }
  if (!alpn.empty()) cfg.alpn = split_list(alpn);
  if (allow_legacy_ems) cfg.require_extended_master_secret = false;
  if (no_verify) cfg.verify_peer = false;
  auto p = x509::parse_profile(profile);
  if (!p) return make_error(Alert::illegal_parameter, "--profile must be default or strict");
  cfg.validation_profile = *p;
  if (!ca.empty()) {
    std::vector<std::string> skipped;
    GLASS_TRY(auto anchors, x509::load_ca_bundle(ca, skipped));
    for (const auto& why : skipped)
      fmt::print(stderr, "warning: --ca {}: left out (not trusted): {}\n", ca, why);
    cfg.trust_anchors = std::move(anchors);
  }
  GLASS_CHECK(apply_crl_options(crl_files, crl_check, cfg));
  GLASS_TRY(cfg.send_cert, parse_send_cert(send_cert));
  if (!p12.empty() || !cert.empty() || !key.empty()) {
    GLASS_TRY(auto id, load_identity(*this));
    cfg.identities.push_back(std::move(id));
  }
  return {};
}

}  // namespace glass::apps

// ---- the same options through the public API (glass::context) -------------------

namespace glass::apps {

namespace {

// Group names as the API spells them (the options also take P-256 and P-384).
std::vector<std::string> group_names(const std::string& list) {
  auto names = split_list(list);
  for (auto& n : names) {
    if (n == "P-256") n = "secp256r1";
    if (n == "P-384") n = "secp384r1";
  }
  return names;
}

core::Status api_lists(const TlsOptions& o, glass::context& ctx) {
  using V = glass::context::version;
  if (o.tls12_only && o.tls13_only)
    return make_error(Alert::internal_error, "--tls1.2 and --tls1.3 exclude each other");
  if (o.tls12_only) ctx.set_versions(V::tls12, V::tls12);
  if (o.tls13_only) ctx.set_versions(V::tls13, V::tls13);
  if (!o.groups.empty()) ctx.set_groups(group_names(o.groups));
  if (!o.sigalgs.empty()) ctx.set_signature_schemes(split_list(o.sigalgs));
  if (!o.ciphers.empty()) ctx.set_cipher_suites(split_list(o.ciphers));
  if (!o.alpn.empty()) ctx.set_alpn_protocols(split_list(o.alpn));
  if (o.allow_legacy_ems) ctx.set_extended_master_secret_required(false);
  return {};
}

core::Status api_validation(const TlsOptions& o, glass::context& ctx) {
  using P = glass::context::validation_profile;
  if (o.profile != "default" && o.profile != "strict")
    return make_error(Alert::illegal_parameter, "--profile must be default or strict");
  ctx.set_validation_profile(o.profile == "strict" ? P::strict : P::standard);
  if (o.no_verify) ctx.set_verify_mode(glass::context::verify_none);
  if (!o.ca.empty()) {
    std::vector<std::string> skipped;
    ctx.load_verify_file(o.ca, skipped);
    for (const auto& why : skipped)
      fmt::print(stderr, "warning: --ca {}: left out (not trusted): {}\n", o.ca, why);
  }
  for (const auto& f : o.crl_files) {
    std::error_code ec;
    ctx.load_crl_file(f, ec);
    if (ec) return make_error(Alert::internal_error, "--crl " + ctx.last_error());
  }
  using C = glass::context::crl_check;
  if (o.crl_check == "none") ctx.set_crl_check(C::none);
  else if (o.crl_check == "leaf") ctx.set_crl_check(C::leaf);
  else if (o.crl_check == "chain") ctx.set_crl_check(C::chain);
  else if (!o.crl_check.empty())
    return make_error(Alert::internal_error, "--crl-check must be leaf, chain or none");
  return {};
}

// A .p12 always has a password (prompted for by default); a key file only with --pass.
core::Status api_identity(const TlsOptions& o, glass::context& ctx) {
  if (o.p12.empty() && o.cert.empty() && o.key.empty()) return {};
  if (o.p12.empty() && (o.cert.empty() || o.key.empty()))
    return make_error(Alert::internal_error, "give --p12 FILE, or both --cert FILE and --key FILE");
  std::error_code ec;
  if (!o.p12.empty()) {
    // No prompt for a file that cannot be read: use_pkcs12 then says why.
    x509::pbe::Password pw;
    if (::access(o.p12.c_str(), R_OK) == 0) {
      GLASS_TRY(pw, read_password(o.pass_spec, "Password for " + o.p12 + ": "));
    }
    auto b = pw.bytes();
    ctx.use_pkcs12(o.p12, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()), ec);
  } else {
    if (!o.pass_spec.empty())
      ctx.set_password_callback([&o](std::size_t, glass::context::password_purpose) {
        auto pw = read_password(o.pass_spec, "Password for " + o.key + ": ");
        if (!pw) return std::string();
        return std::string(reinterpret_cast<const char*>(pw->bytes().data()), pw->bytes().size());
      });
    ctx.use_certificate_chain_file(o.cert, ec);
    if (!ec) ctx.use_private_key_file(o.key, glass::context::pem, ec);
    ctx.set_password_callback(nullptr);
  }
  if (ec) return make_error(Alert::internal_error, ctx.last_error());
  return {};
}

}  // namespace

glass::context::keylog_callback keylog_file(const std::string& path) {
  auto sink = teach::keylog_file_sink(path);
  return [sink](std::string_view line) { sink(std::string(line)); };
}

core::Status TlsOptions::apply(glass::context& ctx) const {
  try {
    GLASS_CHECK(api_lists(*this, ctx));
    GLASS_CHECK(api_validation(*this, ctx));
    using S = glass::context::client_certificate;
    if (send_cert != "auto" && send_cert != "always" && send_cert != "never" && !send_cert.empty())
      return make_error(Alert::illegal_parameter, "--send-cert must be auto, always or never");
    ctx.set_client_certificate(send_cert == "always" ? S::always
                               : send_cert == "never" ? S::never
                                                      : S::automatic);
    if (auto path = keylog_path(); !path.empty()) ctx.set_keylog_callback(keylog_file(path));
    GLASS_CHECK(api_identity(*this, ctx));
  } catch (const glass::system_error& e) {  // an unknown name in a list, an unreadable file
    return make_error(Alert::internal_error, e.what());
  }
  return {};
}

}  // namespace glass::apps
