#include "x509/client_identity_check.hpp"

#include <algorithm>

#include "x509/client_auth_check.hpp"
#include "x509/validate.hpp"

namespace glass::x509 {

namespace {

using Status = IdentityCheck::Status;

IdentityCheck passed(std::string name, std::string reason) {
  return {std::move(name), Status::ok, std::move(reason), {}, {}};
}
IdentityCheck failed(std::string name, std::string reason, std::string server, std::string fix) {
  return {std::move(name), Status::fail, std::move(reason), std::move(server), std::move(fix)};
}
IdentityCheck unknown(std::string name, std::string reason) {
  return {std::move(name), Status::unknown, std::move(reason), {}, {}};
}

std::string name_text(core::ByteView der) {
  auto n = Name::parse(der);
  return n ? n->short_form() : "(unparsable name)";
}

std::string scheme_list(const std::vector<crypto::SignatureScheme>& s) {
  std::string out;
  for (auto x : s) out += (out.empty() ? "" : ", ") + crypto::name_of(x);
  return out.empty() ? "(none)" : out;
}

// The parsed chain and the issuer path found in it, leaf first.
struct ChainView {
  std::vector<Certificate> certs;       // as given
  std::vector<const Certificate*> path;  // leaf, its issuer, ... as far as the chain goes
  std::string bad_signature;            // a link whose signature does not verify
};

bool key_ids_fit(const Certificate& child, const Certificate& cand) {
  const auto& aki = child.extensions().authority_key_id;
  const auto& ski = cand.extensions().subject_key_id;
  return !aki || !ski || core::equal(*aki, *ski);
}

void walk_path(ChainView& v) {
  v.path.push_back(&v.certs.front());
  while (v.path.size() < v.certs.size()) {
    const Certificate* cur = v.path.back();
    if (cur->self_issued()) return;
    const Certificate* next = nullptr;
    for (auto& c : v.certs)
      if (std::find(v.path.begin(), v.path.end(), &c) == v.path.end() &&
          c.subject().matches(cur->issuer()) && key_ids_fit(*cur, c))
        next = &c;
    if (!next) return;
    if (v.bad_signature.empty() && !signed_by(*cur, *next))
      v.bad_signature = cur->subject().short_form() + "'s signature does not verify with the key of " +
                        next->subject().short_form();
    v.path.push_back(next);
  }
}

IdentityCheck check_key(const IdentityCheckInput& in) {
  auto p = key_mismatch_problem(*in.key, in.chain.front());
  if (p.empty()) return passed("key", "the private key belongs to the leaf certificate");
  return failed("key", p,
                "refuse our CertificateVerify with decrypt_error (it does not verify with the "
                "certificate's key)",
                "use the key the certificate was issued for (or reissue the certificate for this key)");
}

// The path and, when the chain stops below it, the given CA that issued its top.
IdentityCheck check_validity(std::vector<const Certificate*> all, const Certificate* ca,
                             der::Time now) {
  if (ca && !all.back()->self_issued()) all.push_back(ca);
  if (auto d = first_out_of_date(all, now)) {
    const Certificate& c = *all[d->index];
    std::string name = c.subject().short_form();
    bool root = c.is_ca() && c.self_issued();
    std::string who = d->index == 0 ? "the leaf" : (root ? "the CA " : "the intermediate ") + name;
    std::string fix =
        d->index == 0 ? "renew the client certificate" : "get the current certificate of " + name;
    if (d->expired)
      return failed("validity", d->describe_as(who), "refuse it with certificate_expired", fix);
    return failed("validity", d->describe_as(who),
                  "refuse it with a certificate alert (bad_certificate or certificate_expired)",
                  fix + " (or check this machine's clock)");
  }
  der::Time earliest = all.front()->not_after();
  for (auto* c : all) earliest = std::min(earliest, c->not_after());
  return passed("validity", "the leaf and " + std::to_string(all.size() - 1) +
                                " certificate(s) above it are valid now (the first expires " +
                                der::format_time(earliest) + ")");
}

IdentityCheck check_usage(const std::vector<const Certificate*>& path) {
  const std::string refuse =
      "refuse it (OpenSSL: unsupported_certificate; glasstls: certificate_unknown)";
  if (auto p = client_auth_key_usage_problem(*path.front()); !p.empty())
    return failed("key usage", "the leaf's " + p, refuse,
                  "reissue the certificate with keyUsage digitalSignature");
  for (std::size_t i = 0; i < path.size(); ++i) {
    auto p = client_auth_eku_problem(*path[i]);
    if (p.empty()) continue;
    std::string who = i == 0 ? "the leaf" : path[i]->subject().short_form();
    return failed("key usage", who + "'s " + p, refuse,
                  i == 0 ? "reissue the certificate with extendedKeyUsage clientAuth"
                         : "use an intermediate whose extKeyUsage allows clientAuth");
  }
  const auto& le = path.front()->extensions();
  return passed("key usage", !le.ext_key_usage ? "digitalSignature allowed, no extKeyUsage restriction"
                             : le.eku_client_auth ? "digitalSignature allowed, extKeyUsage clientAuth"
                                                  : "digitalSignature allowed, anyExtendedKeyUsage");
}

// The --ca certificate whose subject issued `c`, if any.
const Certificate* ca_named_issuer(const std::vector<Certificate>& cas, const Certificate& c) {
  for (auto& ca : cas)
    if (ca.subject().matches(c.issuer())) return &ca;
  return nullptr;
}

// Complete: ends at a self-signed root, at a given CA or below a CA the server names.
IdentityCheck check_chain(const ChainView& v, const std::vector<core::Bytes>& cas,
                          const std::optional<ServerRequest>& req) {
  const Certificate& top = *v.path.back();
  std::string links = std::to_string(v.path.size()) + " certificate(s) on the path";
  if (!v.bad_signature.empty())
    return failed("chain", v.bad_signature, "refuse the chain (bad_certificate or decrypt_error)",
                  "put the right issuer certificates in the chain file (leaf first)");
  if (top.self_issued())
    return passed("chain", "complete: " + links + ", ending at the self-signed " +
                               top.subject().short_form() + " (servers use their own copy of the root)");
  using K = ChainEnd::Kind;
  auto by_ca = chain_end(v.path, subjects_of(cas), cas);
  auto by_server = chain_end(v.path, req ? req->ca_names : std::vector<core::Bytes>{}, {});
  if (by_ca.kind == K::trusted || by_ca.kind == K::same_name_other_key)
    return passed("chain", "complete: " + links + ", " + v.path[by_ca.at]->subject().short_form() +
                               " is issued by the given CA " + v.path[by_ca.at]->issuer().short_form());
  if (by_server.kind == K::trusted)
    return passed("chain", "complete: " + links + ", ending below " +
                               v.path[by_server.at]->issuer().short_form() + ", which the server names");
  std::string issuer = top.issuer().short_form();
  std::string what = top.subject().short_form() + " is issued by " + issuer +
                     ", which is not in the chain";
  if (by_ca.kind == K::unknown && by_server.kind == K::unknown)
    return unknown("chain", what + ": fine if the server trusts " + issuer +
                                " itself, a missing intermediate otherwise (give --ca or --connect)");
  return failed("chain", what + " nor a CA the server trusts: an intermediate is missing (or the "
                "server trusts another CA)",
                "fail to build a path to its CA and refuse it (unknown_ca)",
                "append " + issuer + "'s certificate (and any above it) to the chain, after the "
                "leaf, or make the server trust " + issuer);
}

IdentityCheck check_server_names(const IdentityCheckInput& in, const Certificate& top) {
  if (!in.request) return unknown("server CA", "which CAs the server names is unknown (give --connect)");
  if (in.request->ca_names.empty())
    return passed("server CA", "the server names no CAs in its CertificateRequest (any chain is offered)");
  std::string named;
  for (auto& n : in.request->ca_names) named += (named.empty() ? "" : ", ") + name_text(n);
  if (chain_reaches_names(in.chain, in.request->ca_names))
    return passed("server CA", "the chain reaches a CA the server names (" + named + ")");
  return failed("server CA",
                "the server names " + named + "; the chain ends at " + top.issuer().short_form() +
                    " and reaches none of them",
                "get no certificate from glasstls (--send-cert auto sends an empty Certificate) "
                "and refuse with certificate_required or continue unauthenticated; OpenSSL and "
                "curl send it anyway and the server refuses it with unknown_ca",
                "use an identity issued by a CA the server names, or make the server trust " +
                    top.issuer().short_form());
}

// By key: the CA certificate the server trusts must be the one that signed
// where our path ends (same name, different key is a re-made CA).
IdentityCheck check_ca_key(const ChainView& v, const std::vector<core::Bytes>& ca_ders,
                           const std::vector<Certificate>& cas) {
  if (cas.empty()) return unknown("CA key", "no CA certificate given (--ca): the CA's key is not compared");
  auto end = chain_end(v.path, subjects_of(ca_ders), ca_ders);
  const Certificate& c = *v.path[end.at];
  std::string ca = c.issuer().short_form(), who = c.subject().short_form();
  if (end.kind == ChainEnd::Kind::trusted)
    return passed("CA key", c.self_issued() ? "the chain's root is the given CA " + ca
                                            : who + " is signed by the key of the given CA " + ca);
  if (end.kind == ChainEnd::Kind::same_name_other_key)
    return failed("CA key",
                  "same name, different key: " +
                      (c.self_issued() ? "the chain's root and the given CA are both " + ca +
                                             " but their keys differ"
                                       : who + " names " + ca + " as issuer, but the given CA's key "
                                                                "did not sign it"),
                  "refuse it (glasstls: unknown_ca; OpenSSL: decrypt_error for the failed signature)",
                  "use a certificate issued by the CA the server trusts now (the CA was re-made "
                  "with a new key), or give the server the CA that issued this one");
  std::string names;
  for (auto& k : cas) names += (names.empty() ? "" : ", ") + k.subject().short_form();
  return failed("CA key",
                "the chain does not reach the given CA (" + names + "); it ends at " +
                    v.path.back()->issuer().short_form(),
                "refuse it with unknown_ca",
                "use an identity issued by " + names + ", or make the server trust " +
                    v.path.back()->issuer().short_form());
}

// What a glasstls server with these CAs would decide (RFC 5280 path validation).
IdentityCheck check_path(const ChainView& v, const std::vector<Certificate>& cas, der::Time now) {
  if (cas.empty()) return unknown("path", "no CA certificate given (--ca): full path validation not run");
  ValidationOptions o;
  o.time = now;
  o.purpose = Purpose::client_auth;
  std::span<const Certificate> rest(v.certs.data() + 1, v.certs.size() - 1);
  auto r = validate_path(v.certs.front(), rest, cas, o);
  if (r)
    return passed("path", "validates for clientAuth up to " + r->chain.back()->subject().short_form());
  return failed("path", "RFC 5280 validation against the given CA fails: " + r.error().reason,
                "refuse it with " + std::string(core::alert_name(r.error().alert)),
                "see the checks above");
}

IdentityCheck check_schemes(const IdentityCheckInput& in) {
  auto type = in.key->type();
  std::string kt(crypto::key_type_name(type));
  bool tls13 = !in.request || in.request->tls13;
  std::vector<crypto::SignatureScheme> can, accepted;
  for (auto s : in.our_schemes) {
    if (!crypto::scheme_supported(s) || !crypto::scheme_fits_key(s, type, tls13)) continue;
    can.push_back(s);
    if (in.request && std::find(in.request->schemes.begin(), in.request->schemes.end(), s) !=
                          in.request->schemes.end())
      accepted.push_back(s);
  }
  std::string ver = tls13 ? "TLS 1.3" : "TLS 1.2";
  if (!in.request) return passed("schemes", "the " + kt + " key can sign with " + scheme_list(can) + " (" + ver + ")");
  if (!accepted.empty())
    return passed("schemes", "the " + kt + " key can sign with " + scheme_list(accepted) +
                                 ", which the server accepts (" + ver + ")");
  return failed("schemes",
                "the " + kt + " key can sign with " + scheme_list(can) + "; the server accepts only " +
                    scheme_list(in.request->schemes) + " (" + ver + ")",
                "get an empty Certificate (no scheme fits) and refuse with certificate_required "
                "or continue unauthenticated",
                "use a key type the server accepts (" + scheme_list(in.request->schemes) + ")");
}

std::string verdict_line(const IdentityReport& r, const IdentityCheckInput& in, const ChainView* v) {
  if (auto* f = r.first_failure())
    return "NOT usable: a server will " + f->server + ". Fix: " + f->fix + ".";
  std::string who = !in.client_cas.empty() ? "a server trusting the given CA"
                    : in.request           ? "this server"
                    : v ? "a server trusting " + v->path.back()->issuer().short_form()
                        : "a server";
  bool partial = std::any_of(r.checks.begin(), r.checks.end(),
                             [](const IdentityCheck& c) { return c.status == Status::unknown; });
  return "usable: " + who + " will accept it" +
         (partial ? " (as far as checked: the checks marked -- need --ca or --connect)" : "") + ".";
}

}  // namespace

std::string_view status_label(IdentityCheck::Status s) {
  switch (s) {
    case Status::ok: return "ok";
    case Status::warn: return "WARN";
    case Status::fail: return "FAIL";
    case Status::unknown: return "--";
  }
  return "?";
}

bool chain_reaches_names(const std::vector<core::Bytes>& chain,
                         const std::vector<core::Bytes>& names) {
  for (auto& der : chain) {
    auto c = Certificate::parse(der);
    if (!c) continue;
    for (auto& n : names)
      if (core::equal(c->issuer().der(), n) || core::equal(c->subject().der(), n)) return true;
  }
  return false;
}

const IdentityCheck* IdentityReport::first_failure() const {
  for (auto& c : checks)
    if (c.status == Status::fail) return &c;
  return nullptr;
}

IdentityReport check_client_identity(const IdentityCheckInput& in) {
  IdentityReport r;
  if (in.chain.empty() || !in.key) {
    r.checks.push_back(failed("identity", "no certificate or no private key", "get no usable certificate",
                              "give a certificate chain and its private key"));
  } else {
    r.checks.push_back(check_key(in));
    ChainView v;
    std::vector<Certificate> cas;
    std::string unparsable;
    for (std::size_t i = 0; i < in.chain.size() && unparsable.empty(); ++i) {
      auto c = Certificate::parse(in.chain[i]);
      if (c) v.certs.push_back(*c);
      else unparsable = "certificate " + std::to_string(i + 1) + " of the chain: " + c.error().reason;
    }
    for (auto& der : in.client_cas)
      if (auto c = Certificate::parse(der)) cas.push_back(*c);
    if (!unparsable.empty()) {
      r.checks.push_back(failed("chain", unparsable, "refuse it (decode_error or bad_certificate)",
                                "replace the damaged certificate"));
    } else {
      walk_path(v);
      r.subject = v.certs.front().subject().short_form();
      const Certificate* ca = ca_named_issuer(cas, *v.path.back());
      r.checks.push_back(check_validity(v.path, ca, in.now));
      r.checks.push_back(check_usage(v.path));
      r.checks.push_back(check_chain(v, in.client_cas, in.request));
      r.checks.push_back(check_server_names(in, *v.path.back()));
      r.checks.push_back(check_ca_key(v, in.client_cas, cas));
      r.checks.push_back(check_path(v, cas, in.now));
      r.checks.push_back(check_schemes(in));
      r.usable = !r.first_failure();
      r.verdict = verdict_line(r, in, &v);
      return r;
    }
  }
  r.usable = false;
  r.verdict = verdict_line(r, in, nullptr);
  return r;
}

std::string render_identity_report(const IdentityReport& r) {
  std::string out;
  for (auto& c : r.checks) {
    std::string label(status_label(c.status));
    std::string name = c.name;
    label.resize(6, ' ');
    name.resize(11, ' ');
    out += "  " + label + name + c.reason + "\n";
    if (c.status == Status::fail && !c.fix.empty()) out += std::string(19, ' ') + "fix: " + c.fix + "\n";
  }
  return out + "verdict: " + r.verdict + "\n";
}

}  // namespace glass::x509
