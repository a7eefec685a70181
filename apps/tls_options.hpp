#pragma once
// Command-line options shared by `glasstls client`, `server` and `demo`, and
// their translation into a glass::context (client, server: the public API) or a
// handshake::Config (demo): identity (--p12/--pass or --cert/--key), trusted CAs
// (--ca), CRLs, versions, groups, schemes, suites, ALPN, key log.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "glasstls/context.hpp"
#include "handshake/config.hpp"
#include "x509/identity.hpp"

namespace glass::apps {

struct TlsOptions {
  std::string p12, pass_spec, cert, key;
  bool pass_given = false;
  std::string ca;
  bool tls12_only = false, tls13_only = false;
  std::string groups, sigalgs, ciphers, alpn;
  bool allow_legacy_ems = false;
  bool no_verify = false;
  std::string profile = "default";  // --profile default|strict
  std::string keylog;  // --keylog FILE, else $SSLKEYLOGFILE
  std::vector<std::string> crl_files;  // --crl FILE (repeatable)
  std::string crl_check;               // --crl-check leaf|chain (leaf when only --crl is given)
  std::string send_cert = "auto";      // client: --send-cert auto|always|never

  // Where to write NSS key log lines, or empty.
  std::string keylog_path() const;

  void add_to(CLI::App& cmd, bool server);
  // Fills cfg (identities, anchors, versions, lists); errors name the option.
  core::Status apply(handshake::Config& cfg) const;
  // The same through the public API (`client`, `server`): versions, lists, ALPN,
  // validation, CAs, CRLs, the certificate policy, the key log and the identity.
  core::Status apply(glass::context& ctx) const;
};

// --crl files and --crl-check into cfg.crls / cfg.crl_check.
core::Status apply_crl_options(const std::vector<std::string>& files, const std::string& mode,
                               handshake::Config& cfg);

// --send-cert on `client` and `conform`: how to answer a CertificateRequest.
void add_send_cert_option(CLI::App& cmd, std::string& target);
core::Result<handshake::ClientCertPolicy> parse_send_cert(const std::string& s);

// Appends NSS key log lines to `path` (created 0600), one open per line.
glass::context::keylog_callback keylog_file(const std::string& path);

// Certificates from a PEM bundle or a DER file.
inline core::Result<std::vector<core::Bytes>> load_certificates(const std::string& path) {
  return x509::load_certificate_ders(path);
}
// Identity from a .p12 file, or from a certificate chain file and a key file
// (x509::load_identity, with --pass as the password source).
// require_key_match = false keeps a --key that is not the certificate's (for
// `glasstls identity`, which reports it instead of refusing to load).
core::Result<handshake::Identity> load_identity(const TlsOptions& o, bool require_key_match = true);

// "x25519,secp256r1" → groups, "ecdsa_secp256r1_sha256,..." → schemes, suite names.
core::Result<std::vector<crypto::NamedGroup>> parse_groups(const std::string& list);
core::Result<std::vector<crypto::SignatureScheme>> parse_schemes(const std::string& list);
core::Result<std::vector<handshake::CipherSuite>> parse_suites(const std::string& list);

// "host:port" (IPv6 as "[::1]:443").
core::Result<std::pair<std::string, std::string>> split_host_port(const std::string& s);

}  // namespace glass::apps
