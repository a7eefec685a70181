// `glasstls conform HOST:PORT`: play the probe catalogue (conform/catalogue.cpp)
// against a TLS server and print what the RFCs require next to what it did.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/tls_options.hpp"
#include "conform/answer.hpp"
#include "conform/bisect.hpp"
#include "conform/preflight.hpp"
#include "conform/report.hpp"
#include "conform/runner.hpp"
#include "teach/derived_secrets.hpp"
#include "teach/diagnose.hpp"
#include "teach/explain.hpp"

namespace glass::apps {

namespace {

// A conform outcome (what a server did to our client with config `cfg`): the
// diagnosis when it sent an alert, else empty.
std::string diagnose_outcome(const handshake::Config& cfg, const conform::Outcome& o) {
  if (o.kind != conform::Outcome::Kind::alert || !o.alert) return {};
  return teach::diagnose_client(cfg, o.info, core::Error{*o.alert, o.detail}, true, 0);
}

struct ConformOptions {
  std::string target, name;
  TlsOptions id;  // --p12/--pass or --cert/--key (only those fields are used)
  std::string ca, server_ca, client_ca, ca_key, ca_key_pass;  // --ca: both server and client CA
  std::string only, probe, json, explain;
  std::vector<std::string> skip;  // --skip PREFIX (repeatable)
  std::string send_cert = "auto";
  std::string request;  // --request TEXT|@FILE; empty: GET / with Host
  bool no_request = false;
  bool bisect = false, list = false;
  int timeout_ms = 2000;
  int verdict_ms = 400;
};

// --server-ca / --client-ca, each defaulting to --ca.
int load_cas(const ConformOptions& o, conform::ContextOptions& co) {
  struct Which {
    const char* option;
    const std::string& file;
    std::vector<core::Bytes>& out;
  };
  for (Which w : {Which{"--server-ca", o.server_ca.empty() ? o.ca : o.server_ca, co.server_cas},
                  Which{"--client-ca", o.client_ca.empty() ? o.ca : o.client_ca, co.client_cas}}) {
    if (w.file.empty()) continue;
    auto cas = load_certificates(w.file);
    if (!cas) {
      fmt::print(stderr, "glasstls conform: {} {}: {}\n", w.option, w.file, cas.error().reason);
      return 2;
    }
    w.out = std::move(*cas);
  }
  return 0;
}

bool matches(const conform::Probe& p, const ConformOptions& o) {
  if (!o.only.empty()) {
    auto g = conform::parse_group(o.only);
    if (g ? p.group != *g : p.name.rfind(o.only, 0) != 0) return false;
  }
  for (auto& s : o.skip)
    if (p.name.rfind(s, 0) == 0) return false;
  return true;
}

// --list, and a check that --only names a group or a probe prefix (exit code, -1: go on).
int list_or_check_only(const ConformOptions& o) {
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
      fmt::print(stderr, "glasstls conform: --only takes capability, client-cert, protocol, resumption or a "
                         "probe name prefix (see --list)\n");
      return 2;
    }
  }
  return -1;
}

// The command line into ContextOptions (exit code 2 on a bad option, else 0).
int context_options(const ConformOptions& o, const std::string& host, conform::ContextOptions& co) {
  co.server_name = o.name.empty() ? host : o.name;
  auto policy = parse_send_cert(o.send_cert);
  if (!policy) {
    fmt::print(stderr, "glasstls conform: {}\n", policy.error().reason);
    return 2;
  }
  co.send_cert = *policy;
  if (int rc = load_cas(o, co); rc != 0) return rc;
  if (!o.id.p12.empty() || !o.id.cert.empty()) {
    auto id = load_identity(o.id);
    if (!id) {
      fmt::print(stderr, "glasstls conform: {}\n", id.error().reason);
      return 2;
    }
    co.identity = std::move(*id);
  }
  if (o.ca_key.empty()) return 0;
  const std::string& ca_file = o.client_ca.empty() ? o.ca : o.client_ca;
  if (ca_file.empty()) {
    fmt::print(stderr, "glasstls conform: --client-ca-key needs --client-ca (or --ca): the CA's certificate\n");
    return 2;
  }
  TlsOptions ca;
  ca.cert = ca_file;
  ca.key = o.ca_key;
  ca.pass_spec = o.ca_key_pass;
  auto signer = load_identity(ca);
  if (!signer) {
    fmt::print(stderr, "glasstls conform: --client-ca-key: {}\n", signer.error().reason);
    return 2;
  }
  co.ca_signer = std::move(*signer);
  return 0;
}

constexpr std::size_t kMaxRequest = 16384;  // one TLS record

// TEXT with \r \n \t \\ escapes, or @FILE read as it is.
std::optional<std::string> request_text(const std::string& spec) {
  if (!spec.empty() && spec[0] == '@') {
    std::ifstream f(spec.substr(1), std::ios::binary);
    if (!f) return std::nullopt;
    std::string body(kMaxRequest + 1, '\0');
    f.read(body.data(), static_cast<std::streamsize>(body.size()));
    body.resize(static_cast<std::size_t>(f.gcount()));
    return body;
  }
  std::string out;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    char c = spec[i];
    if (c == '\\' && i + 1 < spec.size()) {
      char n = spec[++i];
      c = n == 'r' ? '\r' : n == 'n' ? '\n' : n == 't' ? '\t' : n;
    }
    out += c;
  }
  return out;
}

// What every probe sends after its handshake (Target::request); exit code 2 on a bad option.
int set_request(const ConformOptions& o, const std::string& name, const std::string& port,
                conform::Target& t) {
  t.send_request = !o.no_request;
  if (o.request.empty()) {
    std::string host = port == "443" ? name : name + ":" + port;
    t.request = "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    return 0;
  }
  auto r = request_text(o.request);
  if (!r || r->empty() || r->size() > kMaxRequest) {
    fmt::print(stderr, "glasstls conform: --request {}: {}\n", o.request,
               !r ? "cannot read the file" : r->empty() ? "empty" : "longer than 16384 bytes");
    return 2;
  }
  t.request = std::move(*r);
  return 0;
}

int write_json(const std::string& path, const std::string& json) {
  if (path == "-") {
    fmt::print("{}", json);
    return 0;
  }
  std::ofstream f(path);
  f << json;
  if (f) return 0;
  fmt::print(stderr, "glasstls conform: cannot write {}\n", path);
  return 2;
}

int run_explain(const ConformOptions& o, const conform::Target& t, const conform::Context& ctx) {
  const auto* p = conform::find_probe(o.explain);
  if (!p) {
    fmt::print(stderr, "glasstls conform: no probe named '{}' (see --list)\n", o.explain);
    return 2;
  }
  teach::NarratorOptions no;
  no.colour = teach::want_colour(1);
  no.show_work = false;
  teach::Narrator narrator(stdout, no);
  narrator.text(fmt::format("probe {} ({})\n  requirement: {}\n  expected: {}\n\n", p->name,
                            p->rfc, p->requirement, conform::describe(p->expect)));
  teach::ExplainObserver explain(narrator, "client");
  teach::DerivedSecrets obs(explain);
  auto r = conform::run_probe(t, ctx, *p, &obs);
  narrator.text(fmt::format("\nserver did: {}\n  {}\nverdict: {} — {}\n",
                            conform::describe(r.outcome), r.outcome.detail,
                            conform::name_of(r.judgement.verdict), r.judgement.why));
  // A probe that expects success plays the user's own identity: say why it failed.
  if (r.judgement.verdict == conform::Verdict::fail &&
      p->expect.kind == conform::Expectation::Kind::complete)
    narrator.text(diagnose_outcome(ctx.base, r.outcome));
  return conform::exit_status(conform::summarize({r}));
}

int run_table(const ConformOptions& o, const conform::Target& t, const conform::Context& ctx,
              const conform::Preflight& pre) {
  auto baseline = conform::run_baseline(t, ctx);
  fmt::print("{}\n", conform::render_baseline(t, baseline));
  std::vector<conform::ProbeResult> results;
  for (auto& p : conform::catalogue()) {
    if (!matches(p, o)) continue;
    results.push_back(conform::run_probe(t, ctx, p));
    if (results.back().outcome.kind == conform::Outcome::Kind::connect_failed) {
      fmt::print(stderr, "glasstls conform: {}\n", results.back().outcome.detail);
      return 2;
    }
  }
  conform::judge_answers(results, baseline);
  conform::judge_together(results);
  fmt::print("{}", conform::render_table(results, o.target, teach::want_colour(1)));
  if (!o.json.empty()) {
    auto json = conform::render_json(results, o.target, conform::render_preflight_json(pre),
                                     conform::render_answers_json(t, baseline));
    if (int rc = write_json(o.json, json); rc != 0) return rc;
  }
  return conform::exit_status(conform::summarize(results));
}

int run_conform(const ConformOptions& o) {
  if (int rc = list_or_check_only(o); rc >= 0) return rc;
  auto hp = split_host_port(o.target);
  if (!hp) {
    fmt::print(stderr, "glasstls conform: {}\n", hp.error().reason);
    return 2;
  }
  conform::ContextOptions co;
  if (int rc = context_options(o, hp->first, co); rc != 0) return rc;
  auto ctx = conform::make_context(co);
  if (!ctx) {
    fmt::print(stderr, "glasstls conform: {}\n", ctx.error().reason);
    return 2;
  }
  conform::Target t{hp->first, hp->second, o.timeout_ms, o.verdict_ms};
  if (int rc = set_request(o, co.server_name, hp->second, t); rc != 0) return rc;
  if (o.bisect) {
    auto r = conform::bisect(t, *ctx, co.ca_signer ? &*co.ca_signer : nullptr);
    fmt::print("{}", conform::render_bisect(r, diagnose_outcome(ctx->base, r.baseline)));
    return o.json.empty() ? 0 : write_json(o.json, conform::render_bisect_json(r, o.target));
  }
  // --explain replays one probe over exactly one connection: no preflight.
  if (!o.explain.empty()) return run_explain(o, t, *ctx);
  // The identity preflight: what the server asks for and whether our identity fits it.
  auto pre = conform::run_preflight(t, {&*ctx, co.client_cas, co.now});
  ctx->identity_problem = pre.identity_problem;
  ctx->client_ca_problem = pre.client_ca_problem;
  fmt::print("{}\n", conform::render_preflight(pre));
  return run_table(o, t, *ctx, pre);
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
  cmd->add_option("--server-ca", o->server_ca,
                  "The CA that issued the server's certificate (we verify the server with it)");
  cmd->add_option("--client-ca", o->client_ca,
                  "The CA the server trusts for client certificates (the preflight checks our "
                  "chain reaches it; probes put it in chains)");
  cmd->add_option("--ca", o->ca, "Shorthand for --server-ca FILE --client-ca FILE (one CA for both)");
  cmd->add_option("--client-ca-key,--ca-key", o->ca_key,
                  "The private key of the client CA: lets the probes issue an expired certificate "
                  "and a chain with intermediates (--ca-key is the older name)");
  add_send_cert_option(*cmd, o->send_cert);
  cmd->add_option("--client-ca-key-pass,--ca-key-pass", o->ca_key_pass,
                  "Password source for --client-ca-key");
  cmd->add_option("--name", o->name, "Server name for SNI and certificate checking (default: HOST)");
  cmd->add_option("--only", o->only, "Run one group (capability, client-cert, protocol, resumption) or the probes whose name starts with this");
  cmd->add_option("--skip", o->skip,
                  "Leave out the probes whose name starts with this (repeatable; e.g. protocol.key-update-flood "
                  "against a server that takes a second per record)");
  cmd->add_option("--json", o->json, "Also write the results as JSON to FILE ('-': stdout)");
  cmd->add_option("--explain", o->explain, "Replay one probe and show the exchange step by step");
  cmd->add_flag("--bisect", o->bisect,
                "The server rejects our certificate: find the smallest change that flips its verdict");
  cmd->add_option("--timeout", o->timeout_ms, "Milliseconds to wait for the server at each step");
  cmd->add_option("--verdict-wait", o->verdict_ms,
                  "TLS 1.3: milliseconds to wait for a verdict on our certificate before sending data");
  cmd->add_option("--request", o->request,
                  "What each probe sends after its handshake, TEXT (\\r \\n \\t escapes) or @FILE "
                  "(at most 16384 bytes; default: GET / HTTP/1.1 with Host); the answers are "
                  "compared with a valid-certificate baseline");
  cmd->add_flag("--no-request", o->no_request,
                "Send nothing after the handshake (the answers are not judged)");
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
