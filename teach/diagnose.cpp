#include "teach/diagnose.hpp"

#include <cctype>
#include <chrono>
#include <optional>

#include <fmt/core.h>

#include "core/hex.hpp"
#include "x509/certificate.hpp"
#include "x509/client_auth_check.hpp"
#include "x509/crl.hpp"
#include "x509/der.hpp"
#include "x509/name.hpp"
#include "x509/private_key.hpp"
#include "x509/revocation.hpp"
#include "x509/trust_anchors.hpp"

namespace glass::teach {

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

std::string anchor_subjects(const x509::TrustAnchors& anchors) {
  std::string out;
  for (auto& c : anchors.certificates()) out += (out.empty() ? "" : "; ") + c.subject().to_string();
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

std::string subject_text(const x509::Certificate& c) { return c.subject().to_string(); }

// The CA certificates the client knows: its --ca and whatever the server sent.
std::vector<core::Bytes> known_cas(const handshake::Config& cfg, const handshake::SessionInfo& i) {
  std::vector<core::Bytes> known = cfg.trust_anchors.der();
  for (auto& d : i.peer_chain) known.push_back(d);
  return known;
}

// A leaf not fit for client authentication (RFC 5280 4.2.1.12, 4.2.1.3), or empty.
// `whose`: "our certificate" / "the client's certificate".
std::string leaf_misfit(const x509::Certificate& leaf, const std::string& whose) {
  if (auto p = x509::client_auth_eku_problem(leaf); !p.empty())
    return fmt::format("likely cause: wrong extendedKeyUsage: {} {} is not allowed for client "
                       "authentication: its {}\n  reissue it with extendedKeyUsage clientAuth (openssl: "
                       "-addext extendedKeyUsage=clientAuth)\n",
                       whose, subject_text(leaf), p);
  if (auto p = x509::client_auth_key_usage_problem(leaf); !p.empty())
    return fmt::format("likely cause: {} {} has a keyUsage without digitalSignature: its {}\n"
                       "  reissue it with keyUsage digitalSignature\n",
                       whose, subject_text(leaf), p);
  return {};
}

std::string out_of_date_cause(const std::vector<core::Bytes>& chain, std::int64_t now,
                              const std::string& whose) {
  auto d = x509::first_out_of_date(chain, now);
  if (!d) return {};
  std::string clock = " (the clock says " + x509::der::format_time(now) + ")";
  if (d->index == 0)
    return fmt::format("likely cause: {} is out of date: {}{}\n  renew it (or check the clocks "
                       "of both machines)\n", whose, d->describe(), clock);
  return fmt::format("likely cause: expired intermediate: {}'s chain holds {}{}\n  the leaf "
                     "itself is valid; get the CA's current intermediate certificate and put it "
                     "in the chain instead\n", whose, d->describe(), clock);
}

// Where a chain ends against what the peer trusts. `names`: the CA names it
// trusts; `known`: CA certificates to compare keys with; client_view: our chain
// seen from the client (else the client's, seen by our server); unknown_ca: the
// server answered unknown_ca, which for a CA it named means another key on its
// own. Empty when the end is fine.
std::string chain_end_cause(const std::vector<core::Bytes>& chain,
                            const std::vector<core::Bytes>& names,
                            const std::vector<core::Bytes>& known, bool client_view,
                            bool unknown_ca) {
  auto end = x509::chain_end(chain, names, known);
  using K = x509::ChainEnd::Kind;
  std::string chain_of = client_view ? "our chain" : "the client's chain";
  std::string unsent = client_view ? "we do not send" : "it did not send";
  std::string trusts = client_view ? "the CAs the server names" : "the CAs we trust";
  if (end.kind == K::same_name_other_key || (end.kind == K::trusted && client_view && unknown_ca)) {
    std::string out = fmt::format(
        "likely cause: same-name CA with a different key: {} a CA named {} but {} was "
        "refused although it ends at a CA of that name: a different CA with the same name, "
        "e.g. two test PKIs made apart\n", client_view ? "the server trusts" : "we trust",
        end.issuer, chain_of);
    if (end.kind == K::same_name_other_key)
      out += fmt::format("  confirmed: the CA certificate named {} that {} has key identifier "
                         "{}, but {} was issued by the key with identifier {}\n",
                         end.issuer, client_view ? "we know (from --ca or the server's chain)"
                                                 : "we trust (--ca)",
                         end.their_key_id, chain_of, end.our_key_id);
    out += "  issue the certificate from the CA actually trusted (compare key identifiers, not "
           "names), or give the two CAs different names (glasstls pki --name)\n";
    return out;
  }
  if (end.kind != K::missing_intermediate) return {};
  std::string out = fmt::format(
      "likely cause: missing intermediate: {} stops at issuer {}, whose certificate {} and "
      "which is not among {}: {}\n", chain_of, end.issuer, unsent, trusts, list_names(names));
  if (!end.found_link.empty())
    out += "  confirmed: we know the missing link " + end.found_link + "\n";
  out += fmt::format("  add {}'s certificate after the leaf (cat leaf.pem intermediate.pem, or "
                     "include it in the .p12); if {} is no intermediate of a trusted CA, the "
                     "certificate is from another CA\n", end.issuer, end.issuer);
  return out;
}

// Our CRLs (--crl) that list our own leaf: confirms a certificate_revoked alert.
std::string own_revocation(const handshake::Config& cfg, const x509::Certificate& leaf) {
  if (!cfg.crls) return {};
  auto listed = x509::listed_in_crl(leaf, *cfg.crls);
  return listed.empty() ? listed : "  confirmed (our --crl): " + listed + "\n";
}

// What is wrong with the chain and key we hold, from the client side, or empty.
std::string our_chain_cause(const handshake::Config& cfg, const handshake::SessionInfo& i,
                            const handshake::Identity& id, Alert alert, std::int64_t now) {
  auto leaf = x509::Certificate::parse(id.chain.front());
  if (!leaf) return {};
  auto match = x509::key_matches_certificate(*id.key, id.chain.front());
  if (i.client_cert_sent && match && !*match)
    return fmt::format("likely cause: key/certificate mismatch: the private key we signed "
                       "CertificateVerify with does not belong to our certificate {}, so the "
                       "server could not verify it (it answered {})\n  use the key generated "
                       "with this certificate's request\n",
                       subject_text(*leaf), core::alert_name(alert));
  std::string whose = "our certificate";
  if (auto m = leaf_misfit(*leaf, whose); !m.empty()) return m;
  if (auto d = x509::first_out_of_date(id.chain, now); d && d->index == 0)
    return "likely cause: the server rejected our certificate as expired (or not yet valid)\n  " +
           validity(id.chain, now) + "\n  renew the certificate (or check the clocks of both "
           "machines)\n";
  if (auto d = out_of_date_cause(id.chain, now, whose); !d.empty()) return d;
  if (i.ca_names_requested.empty()) return {};
  return chain_end_cause(id.chain, i.ca_names_requested, known_cas(cfg, i), true,
                         alert == Alert::unknown_ca);
}

// The server's alert when what we sent shows no fault of its own.
std::string client_refused_by_alert(const handshake::SessionInfo& i, const core::Error& e,
                                    const handshake::Identity* id, const std::string& label,
                                    std::int64_t now) {
  std::string out;
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
    auto match = id ? x509::key_matches_certificate(*id->key, id->chain.front())
                    : core::Result<bool>(false);
    if (match && *match)
      return fmt::format("likely cause: the server could not verify a signature of ours ({}), "
                         "although our key belongs to our certificate: a certificate signature in "
                         "our chain, or a signature scheme it does not support\n  check the chain "
                         "with glasstls verify --ca CA --purpose client, and try --sigalgs\n",
                         core::alert_name(e.alert));
    out += "likely cause: the server could not verify our CertificateVerify signature: the "
           "private key we signed with does not belong to the certificate we sent\n";
    if (id) out += fmt::format("  check that the key of {} matches {}\n", label, subject_of(id->chain));
    return out;
  }
  if (e.alert == Alert::handshake_failure && !i.client_cert_requested)
    return "likely cause: the server found nothing in common with our offer (versions, cipher "
           "suites, groups or signature schemes); compare --tls1.2/--tls1.3, --ciphers, --groups, "
           "--sigalgs\n";
  return "likely cause: the server refused the handshake: " + e.reason + "\n";
}

// The server refused the handshake with an alert while we held `id` (or none).
std::string client_refused(const handshake::Config& cfg, const handshake::SessionInfo& i,
                           const core::Error& e, const handshake::Identity* id, std::int64_t now) {
  std::string label = id ? (id->label.empty() ? std::string("our identity") : id->label) : "";
  std::string out;
  if (e.alert == Alert::certificate_revoked) {
    out += "likely cause: revocation: the server says our certificate is revoked (a CRL it "
           "checks lists its serial)\n";
    if (id) {
      out += fmt::format("  {} holds {}; ask its CA for a new certificate\n", label,
                         subject_of(id->chain));
      if (auto leaf = x509::Certificate::parse(id->chain.front())) out += own_revocation(cfg, *leaf);
    }
    return out;
  }
  bool requested = i.client_cert_requested;
  bool withheld = e.alert == Alert::certificate_required ||
                  (e.alert == Alert::handshake_failure && requested && !i.client_cert_sent);
  if (withheld && !id)
    return "likely cause: the server requires a client certificate and we have none "
           "configured; give --p12 FILE (or --cert FILE --key FILE)\n";
  if (withheld) {
    // Our chain did not fit the request: say why first, then what was asked.
    out += our_chain_cause(cfg, i, *id, e.alert, now);
    if (out.empty())
      out += "likely cause: the server requires a client certificate, and ours did not fit its "
             "CertificateRequest, so we sent none\n";
    else
      out += "  so we sent no certificate, and the server requires one\n";
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
    if (!i.client_cert_choice.empty()) out += "  our choice: " + i.client_cert_choice + "\n";
    return out;
  }
  // Our certificate reached the server and was refused: look at what we sent first.
  if (i.client_cert_sent && id &&
      (e.alert == Alert::unsupported_certificate || e.alert == Alert::bad_certificate ||
       e.alert == Alert::certificate_unknown || e.alert == Alert::unknown_ca ||
       e.alert == Alert::handshake_failure || e.alert == Alert::access_denied ||
       e.alert == Alert::certificate_expired || e.alert == Alert::decrypt_error)) {
    if (auto cause = our_chain_cause(cfg, i, *id, e.alert, now); !cause.empty())
      return cause + "  (the server answered " + std::string(core::alert_name(e.alert)) + ")\n";
  }
  return client_refused_by_alert(i, e, id, label, now);
}

std::string client_side(const handshake::Config& cfg, const handshake::SessionInfo& i,
                        const core::Error& e, bool from_peer, std::int64_t now) {
  if (!from_peer && revocation_failure(e)) return revocation_advice(cfg, e, "server");
  if (from_peer) return client_refused(cfg, i, e, first_identity(cfg), clock_now(now));
  if (e.alert == Alert::unknown_ca || e.alert == Alert::certificate_expired ||
      e.alert == Alert::bad_certificate || e.alert == Alert::certificate_unknown) {
    std::string out = "likely cause: we do not accept the server's certificate: " + e.reason + "\n";
    if (!i.peer_chain.empty())
      out += fmt::format("  the server's chain: {} (top issuer {}); we trust: {} (--ca)\n",
                         subject_of(i.peer_chain), top_issuer(i.peer_chain),
                         anchor_subjects(cfg.trust_anchors));
    return out;
  }
  return "likely cause: " + e.reason + "\n";
}

// Our server refused the client's chain: what is wrong with it, or empty.
std::string client_chain_cause(const handshake::Config& cfg, const handshake::SessionInfo& i,
                               const core::Error& e, std::int64_t now) {
  if (i.peer_chain.empty()) return {};
  if (e.alert != Alert::unknown_ca && e.alert != Alert::bad_certificate &&
      e.alert != Alert::certificate_unknown && e.alert != Alert::certificate_expired &&
      e.alert != Alert::unsupported_certificate)
    return {};
  auto leaf = x509::Certificate::parse(i.peer_chain.front());
  if (!leaf) return {};
  std::string whose = "the client's certificate";
  std::string why = "  (our verdict: " + e.reason + ")\n";
  if (auto m = leaf_misfit(*leaf, whose); !m.empty()) return m + why;
  auto d = x509::first_out_of_date(i.peer_chain, now);
  if (d && d->index > 0) return out_of_date_cause(i.peer_chain, now, "the client") + why;
  if (d) return {};  // the leaf itself: the expiry explanation below
  auto cause = chain_end_cause(i.peer_chain, cfg.trust_anchors.subject_names(),
                               cfg.trust_anchors.der(), false, false);
  return cause.empty() ? cause : cause + why;
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
  if (auto cause = client_chain_cause(cfg, i, e, clock_now(now)); !cause.empty()) return cause;
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
    out += "likely cause: key/certificate mismatch: the client's CertificateVerify signature "
           "does not verify with the "
           "public key in its certificate: the client holds a private key that does not match "
           "its certificate (" + subject_of(i.peer_chain) + ")\n";
    return out;
  }
  return "likely cause: " + e.reason + "\n";
}

}  // namespace

std::string diagnose(const handshake::Connection& c, std::int64_t now) {
  if (!c.error()) return {};
  if (c.config().role == handshake::Role::client)
    return client_side(c.config(), c.info(), *c.error(), c.error_from_peer(), now);
  return server_side(c, now);
}

std::string diagnose_client(const handshake::Config& cfg, const handshake::SessionInfo& info,
                            const core::Error& e, bool from_peer, std::int64_t now) {
  return client_side(cfg, info, e, from_peer, now);
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
  if (lower.find("not the key of the first certificate") != std::string::npos ||
      lower.find("no certificate that matches") != std::string::npos)
    return "likely cause: key/certificate mismatch: the private key does not belong to the "
           "certificate; use the key that was generated with this certificate's request\n";
  if (lower.find("no such file") != std::string::npos || lower.find("cannot open") != std::string::npos ||
      lower.find("cannot read") != std::string::npos)
    return "likely cause: the file path is wrong or not readable\n";
  return "likely cause: the identity could not be loaded: " + reason + "\n";
}

}  // namespace glass::teach
