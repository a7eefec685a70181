#include "apps/diagnose.hpp"

#include <cctype>
#include <chrono>
#include <optional>

#include <fmt/core.h>

#include "core/hex.hpp"
#include "x509/certificate.hpp"
#include "x509/der.hpp"
#include "x509/name.hpp"
#include "x509/crl.hpp"
#include "x509/revocation.hpp"

namespace glass::apps {

namespace {

using core::Alert;

std::string name_text(core::ByteView der) {
  auto n = x509::Name::parse(der);
  return n ? n->to_string() : std::string("(unparsable name)");
}

std::string list_names(const std::vector<core::Bytes>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : "; ") + name_text(n);
  return out.empty() ? "(none)" : out;
}

std::string anchor_subjects(const std::vector<core::Bytes>& anchors) {
  std::string out;
  for (auto& der : anchors) {
    auto c = x509::Certificate::parse(der);
    if (c) out += (out.empty() ? "" : "; ") + c->subject().to_string();
  }
  return out.empty() ? "(none)" : out;
}

// The issuer at the top of a chain: where the chain says it ends.
std::string top_issuer(const std::vector<core::Bytes>& chain) {
  if (chain.empty()) return "(empty chain)";
  auto c = x509::Certificate::parse(chain.back());
  return c ? c->issuer().to_string() : std::string("(unparsable certificate)");
}

std::string subject_of(const std::vector<core::Bytes>& chain) {
  if (chain.empty()) return "(no certificate)";
  auto c = x509::Certificate::parse(chain.front());
  return c ? c->subject().to_string() : std::string("(unparsable certificate)");
}

std::int64_t clock_now(std::int64_t now) {
  if (now) return now;
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "valid from A until B" and whether that covers `now`.
std::string validity(const std::vector<core::Bytes>& chain, std::int64_t now) {
  if (chain.empty()) return {};
  auto c = x509::Certificate::parse(chain.front());
  if (!c) return {};
  std::string out = fmt::format("{} is valid from {} until {}", c->subject().to_string(),
                                x509::der::format_time(c->not_before()),
                                x509::der::format_time(c->not_after()));
  if (now > c->not_after())
    out += fmt::format(": it EXPIRED on {} (the clock says {})", x509::der::format_time(c->not_after()),
                       x509::der::format_time(now));
  else if (now < c->not_before())
    out += fmt::format(": it is NOT YET valid (the clock says {})", x509::der::format_time(now));
  return out;
}

const handshake::Identity* first_identity(const handshake::Config& cfg) {
  for (auto& id : cfg.identities)
    if (!id.chain.empty() && id.key) return &id;
  return nullptr;
}

// Revocation failures: certificate_revoked, or certificate_unknown from the CRL check.
bool revocation_failure(const core::Error& e) {
  return e.alert == Alert::certificate_revoked ||
         (e.alert == Alert::certificate_unknown && e.reason.rfind("revocation status", 0) == 0);
}

std::string revocation_advice(const handshake::Config& cfg, const core::Error& e,
                              const char* whose) {
  std::string out;
  if (e.alert == Alert::certificate_revoked) {
    out += fmt::format("likely cause: revocation: the {}'s certificate is revoked: {}\n", whose,
                       e.reason);
    out += fmt::format("  a CRL given with --crl ({} CRL(s), --crl-check {}) lists its serial; "
                       "the {} needs a new certificate\n",
                       (cfg.crls ? cfg.crls->size() : 0), x509::crl_check_name(cfg.crl_check), whose);
  } else {
    out += fmt::format("likely cause: revocation: the {}'s certificate has no known revocation "
                       "status: {}\n", whose, e.reason);
    out += fmt::format("  with --crl-check {} every checked certificate needs a current CRL of "
                       "its issuer (--crl FILE; {} given); fetch a fresh CRL from the CA\n",
                       x509::crl_check_name(cfg.crl_check), (cfg.crls ? cfg.crls->size() : 0));
  }
  return out;
}

// Why our leaf may not be used for TLS client authentication (RFC 5280 4.2.1.3,
// 4.2.1.12; RFC 8446 4.4.2.2), or empty.
std::string client_auth_misfit(const std::vector<core::Bytes>& chain) {
  if (chain.empty()) return {};
  auto c = x509::Certificate::parse(chain.front());
  if (!c) return {};
  const auto& x = c->extensions();
  if (x.ext_key_usage && !x.eku_client_auth && !x.eku_any) {
    std::string has = x.eku_server_auth ? "serverAuth" : "other purposes";
    return fmt::format("our certificate {} is not allowed for client authentication: its "
                       "extendedKeyUsage lists {} but not clientAuth (RFC 5280 4.2.1.12)\n"
                       "  reissue it with extendedKeyUsage clientAuth (openssl: "
                       "-addext extendedKeyUsage=clientAuth)",
                       c->subject().to_string(), has);
  }
  if (x.key_usage && !(*x.key_usage & x509::key_usage::digital_signature))
    return fmt::format("our certificate {} has a keyUsage without digitalSignature, so its key "
                       "may not sign the handshake (RFC 5280 4.2.1.3, RFC 8446 4.4.2.2)\n"
                       "  reissue it with keyUsage digitalSignature",
                       c->subject().to_string());
  return {};
}

// Our chain's top issuer name is one the server named, yet the server refused the
// chain: look for a CA certificate of that name we know (our --ca, the server's
// chain, our own chain) and compare keys. Empty when the names do not match.
std::string same_name_other_key(const handshake::Connection& c, const handshake::Identity& id,
                                bool need_proof) {
  const auto& i = c.info();
  auto top = x509::Certificate::parse(id.chain.back());
  if (!top || i.ca_names_requested.empty()) return {};
  // The name the chain ends at: its top certificate's issuer (the root's own
  // subject when the chain carries its root).
  core::ByteView want = top->issuer().der();
  bool named = false;
  for (auto& n : i.ca_names_requested) named = named || core::equal(n, want);
  if (!named) return {};
  std::string name = top->issuer().to_string();
  // The key our chain was signed with: the root's own key when we carry the root,
  // else the authorityKeyIdentifier of the top certificate.
  std::optional<core::ByteView> our_spki, our_keyid;
  if (top->self_issued()) our_spki = top->spki();
  if (top->self_issued() && top->extensions().subject_key_id)
    our_keyid = *top->extensions().subject_key_id;
  else if (top->extensions().authority_key_id)
    our_keyid = *top->extensions().authority_key_id;
  std::string out = fmt::format(
      "likely cause: the server trusts a CA named {} but refused our chain, which ends at a CA "
      "of that name: probably a different CA with the same name (a different key), e.g. two "
      "test PKIs made apart\n", name);
  std::vector<core::Bytes> known = c.config().trust_anchors;
  for (auto& d : i.peer_chain) known.push_back(d);
  bool proven = false;
  for (auto& d : known) {
    auto k = x509::Certificate::parse(d);
    if (!k || !core::equal(k->subject().der(), want)) continue;
    bool same = our_spki ? core::equal(*our_spki, k->spki())
                : our_keyid && k->extensions().subject_key_id
                    ? core::equal(*our_keyid, *k->extensions().subject_key_id)
                    : true;
    if (same) continue;
    auto kid = k->extensions().subject_key_id;
    out += fmt::format("  confirmed: the CA certificate named {} that we know (from --ca or the "
                       "server's chain) has key identifier {}, but our chain was issued by the key "
                       "with identifier {}\n",
                       name, kid ? core::to_hex(*kid) : std::string("(none)"),
                       our_keyid ? core::to_hex(*our_keyid) : std::string("(none given)"));
    proven = true;
    break;
  }
  if (need_proof && !proven) return {};
  out += "  issue our certificate from the CA the server actually trusts (compare key "
         "identifiers, not names), or give the two CAs different names (glasstls pki --name)\n";
  return out;
}

std::string client_side(const handshake::Connection& c, std::int64_t now) {
  const auto& e = *c.error();
  const auto& i = c.info();
  const auto& cfg = c.config();
  const auto* id = first_identity(cfg);
  std::string label = id ? (id->label.empty() ? std::string("our identity") : id->label) : "";
  std::string out;
  if (!c.error_from_peer() && revocation_failure(e)) return revocation_advice(cfg, e, "server");
  if (c.error_from_peer() && e.alert == Alert::certificate_revoked) {
    out += "likely cause: revocation: the server says our certificate is revoked (a CRL it "
           "checks lists its serial)\n";
    if (id) out += fmt::format("  {} holds {}; ask its CA for a new certificate\n", label,
                               subject_of(id->chain));
    return out;
  }
  if (!c.error_from_peer()) {
    if (e.alert == Alert::unknown_ca || e.alert == Alert::certificate_expired ||
        e.alert == Alert::bad_certificate || e.alert == Alert::certificate_unknown) {
      out += "likely cause: we do not accept the server's certificate: " + e.reason + "\n";
      if (!i.peer_chain.empty())
        out += fmt::format("  the server's chain: {} (top issuer {}); we trust: {} (--ca)\n",
                           subject_of(i.peer_chain), top_issuer(i.peer_chain),
                           anchor_subjects(cfg.trust_anchors));
      return out;
    }
    return "likely cause: " + e.reason + "\n";
  }
  bool requested = i.client_cert_requested;
  if (e.alert == Alert::certificate_required ||
      (e.alert == Alert::handshake_failure && requested && !i.client_cert_sent)) {
    if (!id) {
      out += "likely cause: the server requires a client certificate and we have none "
             "configured; give --p12 FILE (or --cert FILE --key FILE)\n";
    } else {
      out += "likely cause: the server requires a client certificate, and ours did not fit its "
             "CertificateRequest, so we sent none\n";
      if (!i.ca_names_requested.empty())
        out += fmt::format("  the server asked for certificates from CAs: {}\n"
                           "  {} holds a chain ending at: {}\n",
                           list_names(i.ca_names_requested), label, top_issuer(id->chain));
      if (!i.schemes_requested.empty()) {
        std::string schemes;
        for (auto s : i.schemes_requested) schemes += (schemes.empty() ? "" : ", ") + crypto::name_of(s);
        out += fmt::format("  the server accepts only these signature schemes: {}\n"
                           "  the key in {} is {}\n",
                           schemes, label, crypto::key_type_name(id->key->type()));
      }
    }
    if (!i.client_cert_choice.empty()) out += "  our choice: " + i.client_cert_choice + "\n";
    return out;
  }
  // Our certificate reached the server and was refused: look at what we sent first.
  if (i.client_cert_sent && id &&
      (e.alert == Alert::unsupported_certificate || e.alert == Alert::bad_certificate ||
       e.alert == Alert::certificate_unknown || e.alert == Alert::unknown_ca ||
       e.alert == Alert::handshake_failure || e.alert == Alert::access_denied)) {
    if (auto misfit = client_auth_misfit(id->chain); !misfit.empty())
      return "likely cause: " + misfit + "\n  (the server answered " +
             std::string(core::alert_name(e.alert)) + ")\n";
    // unknown_ca for a CA the server itself named says "same name, other key" on
    // its own; other alerts have other causes unless the keys prove it.
    if (auto same = same_name_other_key(c, *id, e.alert != Alert::unknown_ca); !same.empty())
      return same;
  }
  if (e.alert == Alert::unknown_ca) {
    out += "likely cause: the server does not trust the CA that issued our certificate\n";
    if (id)
      out += fmt::format("  {} holds a chain for {} ending at issuer: {}\n", label,
                         subject_of(id->chain), top_issuer(id->chain));
    out += "  the server named these CAs in its CertificateRequest: " +
           (i.ca_names_requested.empty() ? std::string("none (it did not say which it trusts)")
                                         : list_names(i.ca_names_requested)) +
           "\n  get a certificate from one of the server's CAs, or have the server trust ours\n";
    return out;
  }
  if (e.alert == Alert::certificate_expired) {
    out += "likely cause: the server rejected our certificate as expired (or not yet valid)\n";
    if (id) out += "  " + validity(id->chain, clock_now(now)) + "\n";
    out += "  renew the certificate (or check the clocks of both machines)\n";
    return out;
  }
  if ((e.alert == Alert::decrypt_error || e.alert == Alert::bad_certificate) && i.client_cert_sent) {
    out += "likely cause: the server could not verify our CertificateVerify signature: the "
           "private key we signed with does not belong to the certificate we sent\n";
    if (id) out += fmt::format("  check that the key of {} matches {}\n", label, subject_of(id->chain));
    return out;
  }
  if (e.alert == Alert::handshake_failure && !requested)
    return "likely cause: the server found nothing in common with our offer (versions, cipher "
           "suites, groups or signature schemes); compare --tls1.2/--tls1.3, --ciphers, --groups, "
           "--sigalgs\n";
  return "likely cause: the server refused the handshake: " + e.reason + "\n";
}

std::string server_side(const handshake::Connection& c, std::int64_t now) {
  const auto& e = *c.error();
  const auto& i = c.info();
  const auto& cfg = c.config();
  std::string out;
  if (!c.error_from_peer() && revocation_failure(e)) return revocation_advice(cfg, e, "client");
  if (c.error_from_peer() && e.alert == Alert::certificate_revoked)
    return "likely cause: revocation: the client says our certificate is revoked (a CRL it "
           "checks lists its serial); ask our CA for a new certificate\n";
  if (c.error_from_peer()) {
    if (e.alert == Alert::unknown_ca || e.alert == Alert::bad_certificate ||
        e.alert == Alert::certificate_expired || e.alert == Alert::certificate_unknown) {
      const auto* id = first_identity(cfg);
      out += "likely cause: the client does not accept our certificate: " + e.reason + "\n";
      if (id) out += "  our chain ends at issuer " + top_issuer(id->chain) +
                     "; the client needs that CA in its trust store (--ca)\n";
      return out;
    }
    return "likely cause: the client refused the handshake: " + e.reason + "\n";
  }
  if (e.alert == Alert::certificate_required ||
      (e.alert == Alert::handshake_failure && cfg.client_auth == handshake::ClientAuthMode::require &&
       i.peer_chain.empty() && i.client_cert_requested)) {
    out += "likely cause: the client sent no certificate, but this server requires one\n";
    out += fmt::format("  we asked for a certificate issued by: {}\n",
                       cfg.send_ca_names ? anchor_subjects(cfg.trust_anchors)
                                         : std::string("(CA names not sent)"));
    out += "  the client has no certificate, or none that fits this request\n";
    return out;
  }
  if (e.alert == Alert::unknown_ca) {
    out += fmt::format("likely cause: the client's certificate was not issued by a CA we trust\n"
                       "  the client's chain ({}) ends at issuer: {}\n  we trust: {} (--ca)\n",
                       subject_of(i.peer_chain), top_issuer(i.peer_chain),
                       anchor_subjects(cfg.trust_anchors));
    return out;
  }
  if (e.alert == Alert::certificate_expired) {
    out += "likely cause: the client's certificate is expired (or not yet valid)\n";
    out += "  " + validity(i.peer_chain, clock_now(now)) + "\n";
    return out;
  }
  if (e.alert == Alert::decrypt_error && !i.peer_chain.empty()) {
    out += "likely cause: the client's CertificateVerify signature does not verify with the "
           "public key in its certificate: the client holds a private key that does not match "
           "its certificate (" + subject_of(i.peer_chain) + ")\n";
    return out;
  }
  return "likely cause: " + e.reason + "\n";
}

}  // namespace

std::string diagnose(const handshake::Connection& c, std::int64_t now) {
  if (!c.error()) return {};
  return c.config().role == handshake::Role::client ? client_side(c, now) : server_side(c, now);
}

std::string diagnose_silent_close(const handshake::Connection& c) {
  std::string who = c.config().role == handshake::Role::client ? "server" : "client";
  return fmt::format(
      "likely cause: the {} closed the connection without an alert (in state {}); it may not "
      "speak TLS on this port, may have crashed, or rejected us without saying why — its own "
      "log will tell\n",
      who, c.state_name());
}

std::string diagnose_load_error(const std::string& reason) {
  std::string lower;
  for (char ch : reason) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.find("password") != std::string::npos || lower.find("mac verification") != std::string::npos)
    return "likely cause: wrong password for the .p12 file (its integrity MAC does not verify "
           "with the password given); check --pass\n";
  if (lower.find("not the private key") != std::string::npos ||
      lower.find("no certificate that matches") != std::string::npos)
    return "likely cause: the private key does not belong to the certificate; use the key "
           "that was generated with this certificate's request\n";
  if (lower.find("no such file") != std::string::npos || lower.find("cannot open") != std::string::npos ||
      lower.find("cannot read") != std::string::npos)
    return "likely cause: the file path is wrong or not readable\n";
  return "likely cause: the identity could not be loaded: " + reason + "\n";
}

}  // namespace glass::apps
