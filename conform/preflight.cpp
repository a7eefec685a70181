#include "conform/preflight.hpp"

#include <ctime>

#include "conform/report.hpp"
#include "x509/certificate.hpp"

namespace glass::conform {

namespace {

std::string names_text(const std::vector<core::Bytes>& names) {
  std::string out;
  for (auto& der : names) {
    auto n = x509::Name::parse(der);
    out += (out.empty() ? "" : ", ") + (n ? n->short_form() : std::string("(unparsable name)"));
  }
  return out;
}

// Does the server name the client CA (the issuer of the minted certificates)?
std::string client_ca_problem(const SeenRequest& s, const std::vector<core::Bytes>& client_cas) {
  if (!s.requested || s.request.ca_names.empty() || client_cas.empty()) return {};
  if (x509::chain_reaches_names(client_cas, s.request.ca_names)) return {};
  auto ca = x509::Certificate::parse(client_cas.front());
  return "the server's CertificateRequest names " + names_text(s.request.ca_names) +
         ", not the client CA " + (ca ? ca->subject().short_form() : std::string("(unparsable)")) +
         " that issued this certificate";
}

}  // namespace

core::Result<SeenRequest> fetch_certificate_request(const Target& t, handshake::Config base) {
  Plan p;
  p.cfg = std::move(base);
  p.cfg.identities.clear();
  p.cfg.verify_peer = false;
  p.after = Plan::After::none;
  p.stop_at_request = true;
  auto o = run_plan(t, std::move(p));
  SeenRequest s;
  s.detail = o.detail;
  if (o.kind == Outcome::Kind::connect_failed)
    return core::make_error(core::Alert::internal_error, o.detail);
  if (!o.info.client_cert_requested && o.kind != Outcome::Kind::completed)
    return core::make_error(core::Alert::internal_error,
                            "the handshake did not reach the server's CertificateRequest: " +
                                describe(o) + " (" + o.detail + ")");
  s.requested = o.info.client_cert_requested;
  s.request.tls13 = o.info.version == handshake::ProtocolVersion::tls13;
  s.request.ca_names = o.info.ca_names_requested;
  s.request.schemes = o.info.schemes_requested;
  return s;
}

std::string describe(const SeenRequest& s) {
  if (!s.requested) return "the server sent no CertificateRequest (it does not ask for a client certificate)";
  std::string out = std::string("CertificateRequest (") + (s.request.tls13 ? "TLS 1.3" : "TLS 1.2") +
                    "): schemes ";
  for (std::size_t i = 0; i < s.request.schemes.size(); ++i)
    out += (i ? ", " : "") + crypto::name_of(s.request.schemes[i]);
  out += s.request.ca_names.empty() ? "; no CA names" : "; CA names: " + names_text(s.request.ca_names);
  return out;
}

Preflight run_preflight(const Target& t, const PreflightInput& in) {
  Preflight p;
  const Context& ctx = *in.ctx;
  auto seen = fetch_certificate_request(t, ctx.base);
  if (seen) p.seen = *seen;
  else p.fetch_error = seen.error().reason;
  if (p.seen) p.client_ca_problem = client_ca_problem(*p.seen, in.client_cas);
  if (!ctx.identity) return p;

  x509::IdentityCheckInput ci;
  ci.chain = ctx.identity->chain;
  ci.key = ctx.identity->key.get();
  ci.client_cas = in.client_cas;
  if (p.seen && p.seen->requested) ci.request = p.seen->request;
  ci.our_schemes = ctx.base.signature_schemes;
  ci.now = in.now ? in.now : static_cast<std::int64_t>(std::time(nullptr));
  p.report = x509::check_client_identity(ci);
  if (auto* f = p.report->first_failure())
    p.identity_problem = "our identity is not usable here (" + f->name + ": " + f->reason + ")";
  return p;
}

std::string render_preflight(const Preflight& p) {
  std::string out = "preflight: ";
  out += p.seen ? describe(*p.seen) : "could not read the server's CertificateRequest: " + p.fetch_error;
  out += "\n";
  if (!p.report) return out + "  no client identity given (--p12 or --cert/--key): probes that need one are SKIP\n";
  out += "identity " + p.report->subject + "\n" + x509::render_identity_report(*p.report);
  if (!p.client_ca_problem.empty()) out += "client CA: " + p.client_ca_problem + "\n";
  return out;
}

std::string render_preflight_json(const Preflight& p) {
  std::string o = "{\"request\": " +
                  json_string(p.seen ? describe(*p.seen) : "not read: " + p.fetch_error);
  if (!p.report) return o + ", \"usable\": null}";
  o += std::string(", \"usable\": ") + (p.report->usable ? "true" : "false");
  o += ", \"verdict\": " + json_string(p.report->verdict) + ", \"checks\": [";
  for (std::size_t i = 0; i < p.report->checks.size(); ++i) {
    auto& c = p.report->checks[i];
    o += std::string(i ? ", " : "") + "{\"name\": " + json_string(c.name) +
         ", \"status\": " + json_string(x509::status_label(c.status)) +
         ", \"reason\": " + json_string(c.reason) + ", \"server\": " + json_string(c.server) +
         ", \"fix\": " + json_string(c.fix) + "}";
  }
  return o + "], \"identity_problem\": " + json_string(p.identity_problem) +
         ", \"client_ca_problem\": " + json_string(p.client_ca_problem) + "}";
}

}  // namespace glass::conform
