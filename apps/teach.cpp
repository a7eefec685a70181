#include "apps/teach.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include "apps/files.hpp"
#include "apps/summary.hpp"
#include "inspect/report.hpp"

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
  cmd.add_option("--html", html, "Write a self-contained HTML report of the connection to FILE")
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
  if (explain || o.explain || o.step) {
    NarratorOptions no;
    no.colour = want_colour(::fileno(out));
    no.secrets = !o.hide_secrets;
    no.show_work = !o.no_work;
    no.trees = !o.no_trees;
    no.step = o.step && ::isatty(0) && ::isatty(::fileno(out));
    if (o.step && !no.step)
      fmt::print(out, "(--step needs a terminal on stdin and stdout; running without pauses)\n");
    narrator_ = std::make_unique<Narrator>(out, no);
  }
}

Teacher::~Teacher() = default;

core::Observer* Teacher::side(const std::string& side, const std::string& keylog,
                              const std::vector<std::pair<crypto::NamedGroup, core::Bytes>>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  auto fan = std::make_unique<core::ObserverFanout>();
  auto keep = [&](std::unique_ptr<core::Observer> o) {
    fan->add(o.get());
    owned_.push_back(std::move(o));
  };
  if (narrator_) keep(std::make_unique<ExplainObserver>(*narrator_, side));
  if (!o_.json.empty() || !o_.html.empty()) keep(std::make_unique<inspect::Recorder>(log_, side));
  if (!o_.vectors.empty()) keep(std::make_unique<VectorsObserver>(vectors_, side, keys));
  if (!keylog.empty())
    keep(std::make_unique<handshake::KeyLogObserver>(handshake::keylog_file_sink(keylog)));
  if (fan->empty()) return nullptr;
  core::Observer* out = fan.get();
  owned_.push_back(std::move(fan));
  return out;
}

bool Teacher::finish(const handshake::Connection* c, const std::string& title) {
  bool ok = true;
  inspect::ReportMeta meta;
  meta.title = title;
  meta.show_secrets = !o_.hide_secrets;
  if (c && c->is_handshake_done()) {
    const auto& i = c->info();
    meta.version = handshake::name_of(i.version);
    meta.suite = handshake::name_of(i.cipher_suite);
    meta.group = crypto::name_of(i.group);
    meta.identities = "peer " + peer_subject(*c);
  }
  if (c && c->error())
    meta.extra.emplace_back("failure", std::string(core::alert_name(c->error()->alert)) + ": " +
                                           c->error()->reason);
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
