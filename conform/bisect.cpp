#include "conform/bisect.hpp"

#include "conform/bisect_fixes.hpp"
#include "conform/report.hpp"

namespace glass::conform {

bool accepted(const Outcome& o) { return o.kind == Outcome::Kind::completed && o.handshake_done; }

namespace {

BisectStep attempt(const Target& t, const Context& ctx, std::string change,
                   const std::function<void(Plan&)>& adjust) {
  Plan p;
  p.cfg = ctx.base;
  adjust(p);
  BisectStep s;
  s.change = std::move(change);
  s.outcome = run_plan(t, std::move(p));
  s.accepted = accepted(s.outcome);
  return s;
}

std::string verdict_text(const Outcome& o) {
  return accepted(o) ? "accepted" : "rejected: " + describe(o);
}

}  // namespace

BisectReport bisect(const Target& t, const Context& ctx, const handshake::Identity* ca_signer) {
  BisectReport r;
  r.baseline = run_plan(t, Plan{ctx.base, nullptr, {}, Plan::After::data, {}});
  r.baseline_accepted = accepted(r.baseline);
  if (!ctx.identity) return r;
  const auto& id = *ctx.identity;

  // Smallest changes first: the chain, then the scheme, then the version.
  r.steps.push_back(attempt(t, ctx, "no client certificate", [](Plan& p) { p.cfg.identities.clear(); }));
  if (id.chain.size() > 1) {
    for (std::size_t n = 1; n < id.chain.size(); ++n) {
      std::string what = n == 1 ? "leaf only" : "leaf + " + std::to_string(n - 1) + " intermediate(s)";
      r.steps.push_back(attempt(t, ctx, what, [&, n](Plan& p) {
        auto cut = id;
        cut.chain.resize(n);
        p.cfg.identities = {cut};
      }));
    }
  }
  // Certificate fixes: the missing intermediate, then (with --ca-key) new leaves.
  auto fixes = chain_fixes(id, ctx.client_cas, ca_signer, r.baseline.info);
  auto try_fix = [&](const ChainFix& f) {
    r.steps.push_back(attempt(t, ctx, f.change, [&](Plan& p) { p.cfg.identities = {f.identity}; }));
  };
  if (!fixes.empty() && fixes.front().change.rfind("chain + the missing", 0) == 0) try_fix(fixes.front());
  // The client CA (--client-ca) appended, in case the server needs the whole path.
  if (!ctx.client_cas.empty())
    r.steps.push_back(attempt(t, ctx, "chain + the --client-ca certificate", [&](Plan& p) {
      auto more = id;
      for (auto& c : ctx.client_cas) more.chain.push_back(c);
      p.cfg.identities = {more};
    }));
  for (auto& f : fixes)
    if (f.change.rfind("chain + the missing", 0) != 0) try_fix(f);
  // The schemes the server's CertificateRequest offered (ours when it sent none).
  auto schemes = r.baseline.info.schemes_requested;
  if (schemes.empty()) schemes = handshake::Config::default_signature_schemes();
  for (bool tls13 : {true, false}) {
    for (auto s : schemes) {
      if (!crypto::scheme_supported(s) || !crypto::scheme_fits_key(s, id.key->type(), tls13)) continue;
      r.steps.push_back(attempt(t, ctx,
                                std::string(tls13 ? "TLS 1.3" : "TLS 1.2") + ", CertificateVerify with " +
                                    crypto::name_of(s),
                                [s, tls13](Plan& p) {
                                  // s first: our CertificateVerify uses it; the rest
                                  // stay offered for the server's own signature.
                                  auto all = handshake::Config::default_signature_schemes();
                                  std::erase(all, s);
                                  all.insert(all.begin(), s);
                                  p.cfg.signature_schemes = all;
                                  p.cfg.min_version = p.cfg.max_version =
                                      tls13 ? handshake::ProtocolVersion::tls13
                                            : handshake::ProtocolVersion::tls12;
                                }));
    }
  }
  for (auto v : {handshake::ProtocolVersion::tls13, handshake::ProtocolVersion::tls12})
    r.steps.push_back(attempt(t, ctx, handshake::name_of(v) + " only", [v](Plan& p) {
      p.cfg.min_version = p.cfg.max_version = v;
    }));
  for (std::size_t i = 0; i < r.steps.size(); ++i)
    if (r.steps[i].accepted != r.baseline_accepted) {
      r.flip = i;
      break;
    }
  return r;
}

std::string render_bisect(const BisectReport& r, const std::string& likely_cause) {
  std::string out = "baseline (our certificate, default settings): " + verdict_text(r.baseline) + "\n";
  if (!r.baseline.detail.empty()) out += "    " + r.baseline.detail + "\n";
  if (!likely_cause.empty()) out += likely_cause;
  for (auto& s : r.steps) {
    out += "  " + std::string(s.accepted == r.baseline_accepted ? "  " : "=>") + " " + s.change +
           ": " + verdict_text(s.outcome) + "\n";
  }
  if (r.steps.empty())
    out += "nothing to vary: give a client identity (--p12 or --cert/--key)\n";
  else if (r.flip && !r.baseline_accepted)
    out += "the change that made the handshake succeed: " + r.steps[*r.flip].change + "\n";
  else if (r.flip)
    out += "smallest change that flips the verdict: " + r.steps[*r.flip].change + " (" +
           verdict_text(r.steps[*r.flip].outcome) + ")\n";
  else
    out += "no single change flips the verdict\n";
  return out;
}

std::string render_bisect_json(const BisectReport& r, const std::string& target) {
  std::string o = "{\n  \"target\": " + json_string(target) + ",\n  \"baseline\": " +
                  json_string(verdict_text(r.baseline)) + ",\n  \"steps\": [";
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    o += (i ? ",\n    " : "\n    ") + std::string("{\"change\": ") + json_string(r.steps[i].change) +
         ", \"accepted\": " + (r.steps[i].accepted ? "true" : "false") +
         ", \"server_did\": " + json_string(describe(r.steps[i].outcome)) +
         ", \"detail\": " + json_string(r.steps[i].outcome.detail) + "}";
  }
  o += "\n  ],\n  \"flip\": " + (r.flip ? json_string(r.steps[*r.flip].change) : std::string("null")) + "\n}\n";
  return o;
}

}  // namespace glass::conform
