// `glasstls conform HOST:PORT`: play the probe catalogue (conform/catalogue.cpp)
// against a TLS server and print what the RFCs require next to what it did.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/diagnose.hpp"
#include "apps/explain.hpp"
#include "apps/tls_options.hpp"
#include "conform/bisect.hpp"
#include "conform/report.hpp"
#include "conform/runner.hpp"

namespace glass::apps {

namespace {

struct ConformOptions {
  std::string target, name;
  TlsOptions id;  // --p12/--pass or --cert/--key (only those fields are used)
  std::string ca, ca_key, ca_key_pass;
  std::string only, probe, json, explain;
  std::string send_cert = "auto";
  bool bisect = false, list = false;
  int timeout_ms = 2000;
  int verdict_ms = 400;
};

bool matches(const conform::Probe& p, const ConformOptions& o) {
  if (!o.only.empty()) {
    auto g = conform::parse_group(o.only);
    if (g ? p.group != *g : p.name.rfind(o.only, 0) != 0) return false;
  }
  return true;
}

int run_conform(const ConformOptions& o) {
  if (o.list) {
    for (auto& p : conform::catalogue())
      fmt::print("{:<46} {:<12} {:<28} {}\n", p.name, conform::name_of(p.group), p.rfc,
                 p.requirement);
    return 0;
  }
  if (!o.only.empty() && !conform::parse_group(o.only)) {
    bool any = false;
    for (auto& p : conform::catalogue()) any = any || p.name.rfind(o.only, 0) == 0;
    if (!any) {
      fmt::print(stderr, "glasstls conform: --only takes capability, client-cert, protocol or a "
                         "probe name prefix (see --list)\n");
      return 2;
    }
  }
  auto hp = split_host_port(o.target);
  if (!hp) {
    fmt::print(stderr, "glasstls conform: {}\n", hp.error().reason);
    return 2;
  }
  conform::ContextOptions co;
  co.server_name = o.name.empty() ? hp->first : o.name;
  auto policy = parse_send_cert(o.send_cert);
  if (!policy) {
    fmt::print(stderr, "glasstls conform: {}\n", policy.error().reason);
    return 2;
  }
  co.send_cert = *policy;
  if (!o.ca.empty()) {
    auto cas = load_certificates(o.ca);
    if (!cas) {
      fmt::print(stderr, "glasstls conform: --ca {}: {}\n", o.ca, cas.error().reason);
      return 2;
    }
    co.ca_certs = *cas;
  }
  if (!o.id.p12.empty() || !o.id.cert.empty()) {
    auto id = load_identity(o.id);
    if (!id) {
      fmt::print(stderr, "glasstls conform: {}\n", id.error().reason);
      return 2;
    }
    co.identity = std::move(*id);
  }
  if (!o.ca_key.empty()) {
    if (o.ca.empty()) {
      fmt::print(stderr, "glasstls conform: --ca-key needs --ca (the CA's certificate)\n");
      return 2;
    }
    TlsOptions ca;
    ca.cert = o.ca;
    ca.key = o.ca_key;
    ca.pass_spec = o.ca_key_pass;
    auto signer = load_identity(ca);
    if (!signer) {
      fmt::print(stderr, "glasstls conform: --ca-key: {}\n", signer.error().reason);
      return 2;
    }
    co.ca_signer = std::move(*signer);
  }
  auto ctx = conform::make_context(co);
  if (!ctx) {
    fmt::print(stderr, "glasstls conform: {}\n", ctx.error().reason);
    return 2;
  }
  conform::Target t{hp->first, hp->second, o.timeout_ms, o.verdict_ms};

  if (!o.explain.empty()) {
    const auto* p = conform::find_probe(o.explain);
    if (!p) {
      fmt::print(stderr, "glasstls conform: no probe named '{}' (see --list)\n", o.explain);
      return 2;
    }
    NarratorOptions no;
    no.colour = want_colour(1);
    no.show_work = false;
    Narrator narrator(stdout, no);
    narrator.text(fmt::format("probe {} ({})\n  requirement: {}\n  expected: {}\n\n", p->name,
                              p->rfc, p->requirement, conform::describe(p->expect)));
    ExplainObserver obs(narrator, "client");
    auto r = conform::run_probe(t, *ctx, *p, &obs);
    narrator.text(fmt::format("\nserver did: {}\n  {}\nverdict: {} — {}\n",
                              conform::describe(r.outcome), r.outcome.detail,
                              conform::name_of(r.judgement.verdict), r.judgement.why));
    // A probe that expects success plays the user's own identity: say why it failed.
    if (r.judgement.verdict == conform::Verdict::fail &&
        p->expect.kind == conform::Expectation::Kind::complete)
      narrator.text(diagnose_outcome(ctx->base, r.outcome));
    return r.judgement.verdict == conform::Verdict::fail ? 1 : 0;
  }

  if (o.bisect) {
    auto r = conform::bisect(t, *ctx, co.ca_signer ? &*co.ca_signer : nullptr);
    fmt::print("{}", conform::render_bisect(r, diagnose_outcome(ctx->base, r.baseline)));
    if (!o.json.empty()) {
      std::ofstream f(o.json);
      f << conform::render_bisect_json(r, o.target);
      if (!f) {
        fmt::print(stderr, "glasstls conform: cannot write {}\n", o.json);
        return 2;
      }
    }
    return 0;
  }

  std::vector<conform::ProbeResult> results;
  for (auto& p : conform::catalogue()) {
    if (!matches(p, o)) continue;
    results.push_back(conform::run_probe(t, *ctx, p));
    if (results.back().outcome.kind == conform::Outcome::Kind::connect_failed) {
      fmt::print(stderr, "glasstls conform: {}\n", results.back().outcome.detail);
      return 2;
    }
  }
  fmt::print("{}", conform::render_table(results, o.target, want_colour(1)));
  if (!o.json.empty()) {
    auto json = conform::render_json(results, o.target);
    if (o.json == "-") {
      fmt::print("{}", json);
    } else {
      std::ofstream f(o.json);
      f << json;
      if (!f) {
        fmt::print(stderr, "glasstls conform: cannot write {}\n", o.json);
        return 2;
      }
    }
  }
  return conform::summarize(results).fail > 0 ? 1 : 0;
}

}  // namespace

void register_conform(CLI::App& app) {
  auto o = std::make_shared<ConformOptions>();
  auto* cmd = app.add_subcommand(
      "conform", "Probe a TLS server's handshake and client-certificate behaviour against the RFCs");
  cmd->add_option("target", o->target, "HOST:PORT");
  cmd->add_option("--p12", o->id.p12, "Client identity: a PKCS#12 file with key and chain");
  cmd->add_option("--pass", o->id.pass_spec, "Password source for --p12/--key: pass:TEXT, env:VAR, file:PATH, stdin");
  cmd->add_option("--cert", o->id.cert, "Client identity: certificate chain file, leaf first");
  cmd->add_option("--key", o->id.key, "Client identity: private key file");
  cmd->add_option("--ca", o->ca, "The CA that issued the server's certificate and that the server trusts for clients");
  cmd->add_option("--ca-key", o->ca_key,
                  "The private key of --ca: lets the probes issue an expired certificate and a "
                  "chain with intermediates");
  add_send_cert_option(*cmd, o->send_cert);
  cmd->add_option("--ca-key-pass", o->ca_key_pass, "Password source for --ca-key");
  cmd->add_option("--name", o->name, "Server name for SNI and certificate checking (default: HOST)");
  cmd->add_option("--only", o->only, "Run one group (capability, client-cert, protocol) or the probes whose name starts with this");
  cmd->add_option("--json", o->json, "Also write the results as JSON to FILE ('-': stdout)");
  cmd->add_option("--explain", o->explain, "Replay one probe and show the exchange step by step");
  cmd->add_flag("--bisect", o->bisect,
                "The server rejects our certificate: find the smallest change that flips its verdict");
  cmd->add_option("--timeout", o->timeout_ms, "Milliseconds to wait for the server at each step");
  cmd->add_option("--verdict-wait", o->verdict_ms,
                  "TLS 1.3: milliseconds to wait for a verdict on our certificate before sending data");
  cmd->add_flag("--list", o->list, "List the probes and exit");
  cmd->callback([o, cmd] {
    if (!o->list && o->target.empty()) {
      fmt::print(stderr, "glasstls conform: give HOST:PORT (or --list)\n{}", cmd->help());
      set_exit_code(2);
      return;
    }
    set_exit_code(run_conform(*o));
  });
}

}  // namespace glass::apps
