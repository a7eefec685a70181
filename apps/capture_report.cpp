#include "apps/capture_report.hpp"

#include <fmt/core.h>

#include "handshake/certificate_request.hpp"
#include "handshake/certificate_request12.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/message.hpp"
#include "crypto/key_exchange.hpp"
#include "handshake/types.hpp"
#include "x509/certificate.hpp"
#include "x509/der.hpp"
#include "x509/name.hpp"

namespace glass::apps {

namespace {

using core::Alert;

std::string issuer_of(const std::vector<core::Bytes>& chain) {
  if (chain.empty()) return {};
  auto c = x509::Certificate::parse(chain.back());
  return c ? c->issuer().to_string() : std::string();
}

// The CA names of the server's CertificateRequest (both versions' layouts).
std::vector<std::string> requested_cas(const capture::ReplayResult& r) {
  std::vector<core::Bytes> names;
  core::ByteView cr(r.certificate_request);
  if (r.version == 0x0304) {
    if (auto m = handshake::decode<handshake::CertificateRequest>(cr))
      if (auto ca = m->extensions.get<handshake::CertificateAuthorities>(); ca && *ca)
        names = (*ca)->authorities;
  } else if (auto m = handshake::decode<handshake::CertificateRequest12>(cr)) {
    names = m->certificate_authorities;
  }
  std::vector<std::string> out;
  for (auto& n : names)
    if (auto parsed = x509::Name::parse(n)) out.push_back(parsed->to_string());
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out.empty() ? "(none named: any CA it trusts)" : out;
}

const capture::SeenAlert* first_error_alert(const capture::ReplayResult& r) {
  for (auto& a : r.alerts)
    if (a.alert != Alert::close_notify && a.alert != Alert::user_canceled) return &a;
  return nullptr;
}

std::string validity_problem(const std::vector<core::Bytes>& chain, std::int64_t now) {
  if (chain.empty()) return {};
  auto c = x509::Certificate::parse(chain.front());
  if (!c) return {};
  if (now > c->not_after())
    return fmt::format("{} expired on {}; the connection was captured on {}", c->subject().to_string(),
                       x509::der::format_time(c->not_after()), x509::der::format_time(now));
  if (now < c->not_before())
    return fmt::format("{} is valid only from {}; the connection was captured on {}",
                       c->subject().to_string(), x509::der::format_time(c->not_before()),
                       x509::der::format_time(now));
  return {};
}

// The peer refused a certificate chain: whose, and what it was checked against.
std::string refused_chain(const capture::ReplayResult& r, bool client_chain, Alert a, std::int64_t now) {
  const auto& chain = client_chain ? r.client_chain : r.server_chain;
  std::string whose = client_chain ? "client" : "server";
  std::string judge = client_chain ? "server" : "client";
  std::string out = fmt::format("likely cause: the {} refused the {}'s certificate ({}): {}\n", judge,
                                whose, core::alert_name(a), chain_subject(chain));
  if (auto v = validity_problem(chain, now); !v.empty()) return out + "  " + v + "\n";
  std::string top = issuer_of(chain);
  if (client_chain && !r.certificate_request.empty()) {
    auto cas = requested_cas(r);
    out += fmt::format("  the chain ends at {}; the server asked for certificates from: {}\n", top, joined(cas));
    bool named = false;
    for (auto& n : cas) named = named || n == top;
    if (!cas.empty() && !named) out += "  that CA is not one the server named: issue the client certificate from one of them\n";
    else out += "  the names agree, so check the server's trust store holds that exact CA (same key), "
                "and the certificate's keyUsage/extendedKeyUsage (clientAuth)\n";
  } else {
    out += fmt::format("  the chain ends at {}: give the {} that CA as a trust anchor "
                       "(openssl: -CAfile; glasstls: --ca)\n", top, judge);
  }
  return out;
}

std::string alert_cause(const capture::ReplayResult& r, const capture::SeenAlert& a, std::int64_t now) {
  const bool by_server = !a.from_client;
  const std::string who = by_server ? "server" : "client";
  switch (a.alert) {
    case Alert::certificate_required:
      return "likely cause: the server requires a client certificate and the client sent none\n"
             "  the server asked for certificates from: " + joined(requested_cas(r)) +
             "\n  a client sends one only when it has a certificate (openssl s_client -cert/-key) "
             "whose chain reaches one of those CAs\n";
    case Alert::unknown_ca: case Alert::bad_certificate: case Alert::certificate_unknown:
    case Alert::unsupported_certificate: case Alert::certificate_expired: case Alert::certificate_revoked:
      return refused_chain(r, by_server, a.alert, now);
    case Alert::decrypt_error:
      return fmt::format("likely cause: a signature or Finished did not verify on the {}: the "
                         "{}'s CertificateVerify (a key that does not match its certificate?) or a "
                         "Finished computed from different secrets\n", who, by_server ? "client" : "server");
    case Alert::handshake_failure: case Alert::protocol_version: case Alert::insufficient_security:
      if (r.version == 0)
        return fmt::format("likely cause: the {} found nothing acceptable in the other side's hello "
                           "({}): compare the versions, cipher suites, groups and signature schemes "
                           "offered in the ClientHello\n", who, core::alert_name(a.alert));
      if (by_server && !r.certificate_request.empty() && r.client_chain.empty())
        return "likely cause: the server requires a client certificate and the client sent an "
               "empty Certificate (TLS 1.2 has no certificate_required alert)\n"
               "  the server asked for certificates from: " + joined(requested_cas(r)) + "\n";
      break;
    default: break;
  }
  return fmt::format("likely cause: the {} ended the handshake with a fatal {} alert after {} handshake "
                     "messages\n", who, core::alert_name(a.alert), r.messages.size());
}

}  // namespace

std::string chain_subject(const std::vector<core::Bytes>& chain) {
  if (chain.empty()) return "(no certificate)";
  auto c = x509::Certificate::parse(chain.front());
  return c ? c->subject().to_string() : std::string("(unparsable certificate)");
}

std::string list_connections(const capture::Capture& cap) {
  std::string out;
  for (const auto& c : cap.tcp.connections()) {
    if (c.bytes[0] + c.bytes[1] == 0) continue;
    out += fmt::format("  --stream {:<3} {} -> {}  frames {}-{}  {} bytes to the server, {} to the client{}\n",
                       c.number, capture::endpoint_name(c.client), capture::endpoint_name(c.server),
                       c.first_frame, c.last_frame, c.bytes[0], c.bytes[1],
                       !c.chunks.empty() && !c.chunks[0].data.empty() && c.chunks[0].data[0] == 0x16
                           ? "  (starts like TLS)" : "");
  }
  return out;
}

std::string capture_checks_text(bool have_keylog) {
  if (!have_keylog)
    return "Without a key log only the plaintext part can be read: the hellos (and in TLS 1.2 the\n"
           "certificates and key exchange); everything encrypted is shown as ciphertext and stops there.\n";
  return "What the key log lets us check (no private key is needed or seen):\n"
         "  - every record decrypts and its AEAD tag verifies: the secrets belong to this connection;\n"
         "  - each Finished verify_data is recomputed from the key log's secrets and the transcript;\n"
         "  - the record keys and IVs follow from the traffic secrets (commands shown);\n"
         "  - the CertificateVerify (and TLS 1.2 ServerKeyExchange) signatures, with the public keys\n"
         "    of the certificates sent: checked here, and the signed bytes shown for openssl.\n"
         "What it cannot check:\n"
         "  - that the secrets come from the (EC)DHE exchange: that needs an ephemeral private key,\n"
         "    which neither the capture nor the key log holds;\n"
         "  - TLS 1.3's early, handshake and master secrets (the key log holds only traffic secrets);\n"
         "  - whether either side trusts the other's chain (that depends on their CA files).\n";
}

std::string capture_summary(const capture::ReplayResult& r) {
  std::string out = "Summary\n";
  if (r.version)
    out += fmt::format("  version {}, cipher suite {}, group {}{}\n",
                       handshake::name_of(static_cast<handshake::ProtocolVersion>(r.version)),
                       handshake::name_of(static_cast<handshake::CipherSuite>(r.suite)),
                       crypto::name_of(static_cast<crypto::NamedGroup>(r.group)),
                       r.hello_retry ? " (after a HelloRetryRequest)" : "");
  out += fmt::format("  server certificate: {}\n", chain_subject(r.server_chain));
  out += fmt::format("  client certificate: {}\n", r.certificate_request.empty()
                                                       ? std::string("(not requested)")
                                                       : chain_subject(r.client_chain));
  const auto* fatal = first_error_alert(r);
  out += fmt::format("  handshake: {}\n",
                     fatal ? fmt::format("failed: the {} sent a fatal {} alert", fatal->from_client ? "client" : "server",
                                         core::alert_name(fatal->alert))
                     : r.finished[0] && r.finished[1] ? std::string("completed (both Finished messages read)")
                                                      : std::string("not completed"));
  out += fmt::format("  application data: {} record(s), {} bytes, client to server; {} record(s), {} bytes, "
                     "server to client\n", r.app_records[0], r.app_bytes[0], r.app_records[1], r.app_bytes[1]);
  if (r.signatures_verified + r.signatures_failed)
    out += fmt::format("  signatures checked with the certificates' public keys: {} verified, {} failed\n",
                       r.signatures_verified, r.signatures_failed);
  out += fmt::format("  inferred states at the end: client {}, server {}\n", r.client_state, r.server_state);
  for (auto& a : r.alerts)
    out += fmt::format("  alert from the {}: {} {}\n", a.from_client ? "client" : "server",
                       a.level == 1 ? "warning" : "fatal", core::alert_name(a.alert));
  for (auto& p : r.problems) out += "  could not read: " + p + "\n";
  return out;
}

std::string diagnose_capture(const capture::ReplayResult& r, std::int64_t time_s) {
  if (const auto* a = first_error_alert(r)) return alert_cause(r, *a, time_s);
  if (r.finished[0] && r.finished[1]) return {};
  if (r.messages.empty()) return "likely cause: no TLS handshake message could be read from this connection\n";
  if (r.version == 0 && r.messages.size() == 1)
    return "likely cause: the server never answered the ClientHello (no ServerHello in the capture)\n";
  if (!r.problems.empty()) return {};  // the reading stopped: the problems say why
  return fmt::format("likely cause: the connection ended after {} handshake messages without an alert "
                     "(a side closed or reset it; the last message was from the {})\n",
                     r.messages.size(), r.messages.back().from_client ? "client" : "server");
}

}  // namespace glass::apps
