#include "apps/teach.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include "apps/files.hpp"
#include "inspect/report.hpp"
#include "teach/diagnose.hpp"
#include "teach/summary.hpp"
#include "x509/certificate.hpp"

namespace glass::apps {

void TeachOptions::add_to(CLI::App& cmd, bool demo) {
  if (demo)
    cmd.add_flag("--explain", explain, "Narrate the handshake (always on for demo)");
  else
    cmd.add_flag("--explain", explain,
                 "Narrate the handshake step by step: messages as field trees, every secret with "
                 "its inputs and an openssl command that reproduces it, records encrypted and "
                 "decrypted, state transitions (prints secrets)");
  cmd.add_flag("--step", step, "With --explain: wait for Enter after each step (terminal only)");
  cmd.add_flag("--no-commands", no_work,
               "With --explain: leave out derivation inputs and the openssl commands");
  cmd.add_flag("--no-trees", no_trees, "With --explain: hex dumps instead of field trees");
  cmd.add_option("--json", json, "Write every event (messages dissected) to FILE as JSON")
      ->option_text("FILE");
  cmd.add_option("--html", html,
                 "Write a self-contained HTML report of the connection to FILE: a ladder of the "
                 "messages (click one for its meaning, bytes and keys), the key schedule tree and "
                 "every step numbered as in --explain; opens offline and, like --explain, shows "
                 "secret values")
      ->option_text("FILE");
  cmd.add_option("--vectors", vectors,
                 "Write the run's keys, messages, records and secrets to FILE in the layout of "
                 "RFC 8448 (use with --seed)")
      ->option_text("FILE");
  auto* s = cmd.add_option("--seed", seed,
                           "Take our randoms and ephemeral keys from this seed: a reproducible run "
                           "(never for real traffic)");
  s->option_text("N");
  s->each([this](const std::string&) { seeded = true; });
  if (demo) cmd.add_flag("--hide-secrets", hide_secrets, "Do not print secret values");
}

Teacher::Teacher(const TeachOptions& o, bool explain, std::FILE* out) : o_(o) {
  // The HTML report numbers its steps as the narration does: narrate into
  // /dev/null when nobody asked to see it.
  bool quiet = !(explain || o.explain || o.step) && !o.html.empty();
  if (quiet) quiet_ = std::fopen("/dev/null", "w");
  if (quiet_) out = quiet_;
  if (explain || o.explain || o.step || quiet_) {
    teach::NarratorOptions no;
    no.colour = teach::want_colour(::fileno(out));
    no.secrets = !o.hide_secrets;
    no.show_work = !o.no_work;
    no.trees = !o.no_trees;
    no.step = o.step && ::isatty(0) && ::isatty(::fileno(out));
    if (o.step && !no.step)
      fmt::print(out, "(--step needs a terminal on stdin and stdout; running without pauses)\n");
    if (quiet_) no.colour = no.step = false;
    if (no.step) no.read_key = read_step_key;
    narrator_ = std::make_unique<teach::Narrator>(out, no);
  }
  if (!o.html.empty()) {
    feed_ = std::make_unique<teach::ReportFeed>(log_, !o.hide_secrets);
    if (narrator_)
      narrator_->set_listener([f = feed_.get()](unsigned n, std::string_view side, std::string_view kind,
                                                const std::string& text, const std::string& detail) {
        f->on_step(n, side, kind, text, detail);
      });
  }
}

Teacher::~Teacher() {
  if (narrator_) narrator_->set_listener({});
  owned_.clear();
  narrator_.reset();
  if (quiet_) std::fclose(quiet_);
}

core::Observer* Teacher::side(const std::string& side, const std::string& keylog,
                              const std::vector<std::pair<crypto::NamedGroup, core::Bytes>>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  auto fan = std::make_unique<core::ObserverFanout>();
  auto keep = [&](std::unique_ptr<core::Observer> o) {
    fan->add(o.get());
    owned_.push_back(std::move(o));
  };
  // Recorder, feed, narrator in this order: see report_feed.hpp.
  if (!o_.json.empty() || !o_.html.empty()) keep(std::make_unique<inspect::Recorder>(log_, side));
  if (feed_) keep(feed_->side_observer(side));
  if (narrator_) keep(std::make_unique<teach::ExplainObserver>(*narrator_, side));
  if (!o_.vectors.empty()) keep(std::make_unique<teach::VectorsObserver>(vectors_, side, keys));
  if (!keylog.empty())
    keep(std::make_unique<teach::KeyLogObserver>(teach::keylog_file_sink(keylog)));
  if (fan->empty()) return nullptr;
  // The exporter secret the engine does not derive (teach/derived_secrets.hpp).
  auto derived = std::make_unique<teach::DerivedSecrets>(*fan);
  core::Observer* out = derived.get();
  owned_.push_back(std::move(fan));
  owned_.push_back(std::move(derived));
  return out;
}

namespace {

// Subject of a connection's own certificate, when it has (and, as a client, sent) one.
std::string own_subject(const handshake::Connection& c) {
  const auto& ids = c.config().identities;
  bool server = c.config().role == handshake::Role::server;
  if (ids.empty() || ids.front().chain.empty() || (!server && !c.info().client_cert_sent)) return "(none)";
  auto cert = x509::Certificate::parse(ids.front().chain.front());
  return cert ? cert->subject().to_string() : "(unparsable certificate)";
}

void fill_html_meta(inspect::ReportMeta& meta, const handshake::Connection* c,
                    const handshake::Connection* other) {
  // The narration's own diagnosis (the demo's, made with its clock) comes first.
  for (const auto& t : meta.narration)
    if (t.number == 0 && t.text.find("likely cause") != std::string::npos) {
      auto b = t.text.find_first_not_of('\n');
      meta.diagnosis += t.text.substr(b == std::string::npos ? 0 : b);
    }
  bool narrated = !meta.diagnosis.empty();
  for (const auto* x : {c, other}) {
    if (!x) continue;
    bool server = x->config().role == handshake::Role::server;
    std::string& mine = server ? meta.server_identity : meta.client_identity;
    std::string& peer = server ? meta.client_identity : meta.server_identity;
    if (mine.empty() || mine == "(none)") mine = own_subject(*x);
    if (!x->info().peer_chain.empty()) peer = teach::peer_subject(*x);
    if (x->error() && !narrated)
      meta.diagnosis += std::string(server ? "server" : "client") + ": " + teach::failure_report(*x) + "\n" +
                        teach::diagnose(*x) + "\n";
  }
}

}  // namespace

bool Teacher::finish(const handshake::Connection* c, const std::string& title,
                     const handshake::Connection* other) {
  bool ok = true;
  inspect::ReportMeta meta;
  meta.title = title;
  meta.show_secrets = !o_.hide_secrets;
  if (c && c->is_handshake_done()) {
    const auto& i = c->info();
    meta.version = handshake::name_of(i.version);
    meta.suite = handshake::name_of(i.cipher_suite);
    meta.group = crypto::name_of(i.group);
    meta.identities = "peer " + teach::peer_subject(*c);
  }
  if (c && c->error())
    meta.extra.emplace_back("failure", std::string(core::alert_name(c->error()->alert)) + ": " +
                                           c->error()->reason);
  if (feed_) {
    feed_->fill(meta);
    fill_html_meta(meta, c, other);
  }
  auto save = [&](const std::string& path, const std::string& text, const char* what) {
    if (path.empty()) return;
    if (auto st = write_file(path, core::as_bytes(text), true); !st) {
      fmt::print(stderr, "glasstls: cannot write the {} to {}: {}\n", what, path, st.error().reason);
      ok = false;
    }
  };
  save(o_.json, inspect::to_json(log_, meta), "JSON report");
  save(o_.html, inspect::to_html(log_, meta), "HTML report");
  save(o_.vectors, vectors_.text(), "vectors");
  return ok;
}

}  // namespace glass::apps
