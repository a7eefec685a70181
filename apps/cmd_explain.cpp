// `glasstls explain CAPTURE [--keylog FILE] [--stream N] [--json FILE] [--html FILE]`:
// narrates a TLS connection from a pcap/pcapng capture, decrypted with an NSS key
// log, through the same views as a live handshake (--explain narrative, JSON, HTML).
#include <unistd.h>

#include <memory>

#include <fmt/core.h>

#include "apps/capture_report.hpp"
#include "apps/commands.hpp"
#include "apps/files.hpp"
#include "capture/read_capture.hpp"
#include "capture/tls_replay.hpp"
#include "crypto/key_exchange.hpp"
#include "handshake/types.hpp"
#include "inspect/recorder.hpp"
#include "inspect/report.hpp"
#include "teach/explain.hpp"

namespace glass::apps {

namespace {

struct ExplainArgs {
  std::string capture, keylog, json, html;
  std::size_t stream = 0;
  std::size_t app_records = 8;
  bool no_trees = false, no_work = false, hide_secrets = false;
};

// The connection to explain: --stream N, or the only one with data. Null after
// printing why (with the list when there are several).
const capture::Connection* choose(const capture::Capture& cap, const ExplainArgs& a, int& status) {
  std::vector<const capture::Connection*> with_data;
  for (const auto& c : cap.tcp.connections())
    if (c.bytes[0] + c.bytes[1] > 0) with_data.push_back(&c);
  if (a.stream) {
    for (auto* c : with_data)
      if (c->number == a.stream) return c;
    fmt::print(stderr, "glasstls: --stream {}: no TCP connection with data has that number; the capture has:\n{}",
               a.stream, list_connections(cap));
    status = kExitUsage;
    return nullptr;
  }
  if (with_data.size() == 1) return with_data[0];
  if (with_data.empty()) {
    fmt::print(stderr, "glasstls: {} holds no TCP data ({} frames, {} TCP segments{})\n", a.capture,
               cap.stats.frames, cap.stats.tcp_segments,
               cap.stats.first_skip.empty() ? "" : "; first frame skipped: " + cap.stats.first_skip);
    status = kExitVerdict;
    return nullptr;
  }
  fmt::print(stderr, "glasstls: {} holds {} TCP connections; choose one with --stream N:\n{}", a.capture,
             with_data.size(), list_connections(cap));
  status = kExitUsage;
  return nullptr;
}

bool write_reports(const ExplainArgs& a, const inspect::EventLog& log, const capture::ReplayResult& r,
                   const capture::Connection& c) {
  inspect::ReportMeta meta;
  meta.title = fmt::format("{} (connection {}: {} -> {})", a.capture, c.number,
                           capture::endpoint_name(c.client), capture::endpoint_name(c.server));
  meta.show_secrets = !a.hide_secrets;
  if (r.version) {
    meta.version = handshake::name_of(static_cast<handshake::ProtocolVersion>(r.version));
    meta.suite = handshake::name_of(static_cast<handshake::CipherSuite>(r.suite));
    meta.group = crypto::name_of(static_cast<crypto::NamedGroup>(r.group));
  }
  meta.identities = "client " + chain_subject(r.client_chain) + ", server " + chain_subject(r.server_chain);
  for (auto& p : r.problems) meta.extra.emplace_back("could not read", p);
  bool ok = true;
  auto save = [&](const std::string& path, const std::string& text, const char* what) {
    if (path.empty()) return;
    if (auto st = write_file(path, core::as_bytes(text), true); !st) {
      fmt::print(stderr, "glasstls: cannot write the {} to {}: {}\n", what, path, st.error().reason);
      ok = false;
    }
  };
  save(a.json, inspect::to_json(log, meta), "JSON report");
  save(a.html, inspect::to_html(log, meta), "HTML report");
  return ok;
}

void print_heading(teach::Narrator& n, const ExplainArgs& a, const capture::Capture& cap,
                   const capture::Connection& c, const capture::KeyLog* keys) {
  std::string h = fmt::format("Capture {}: connection {}, client {} -> server {} (frames {}-{}, {} of {} frames are TCP)\n",
                              a.capture, c.number, capture::endpoint_name(c.client),
                              capture::endpoint_name(c.server), c.first_frame, c.last_frame,
                              cap.stats.tcp_segments, cap.stats.frames);
  if (keys)
    h += fmt::format("Key log {}: {} secrets{}\n", a.keylog, keys->entries(),
                     keys->bad_lines() ? fmt::format(" ({} malformed lines skipped; {})", keys->bad_lines(),
                                                     keys->first_bad())
                                       : std::string());
  if (!cap.stats.damaged.empty()) h += "Capture: " + cap.stats.damaged + "; the frames before it are read\n";
  for (auto& note : c.notes) h += "TCP: " + note + "\n";
  for (auto& note : cap.tcp.notes()) h += "TCP: " + note + "\n";
  h += capture_checks_text(keys != nullptr) + "\n";
  n.text(h);
}

int run_explain(const ExplainArgs& a) {
  auto cap = capture::read_capture(a.capture);
  if (!cap) {
    fmt::print(stderr, "glasstls: {}\n", cap.error().reason);
    return kExitVerdict;
  }
  int status = kExitOk;
  const capture::Connection* chosen = choose(*cap, a, status);
  if (!chosen) return status;
  capture::Connection oriented = *chosen;
  capture::orient_by_client_hello(oriented);
  const capture::Connection* conn = &oriented;
  std::optional<capture::KeyLog> keys;
  if (!a.keylog.empty()) {
    auto k = capture::KeyLog::load(a.keylog);
    if (!k) {
      fmt::print(stderr, "glasstls: {}\n", k.error().reason);
      return kExitVerdict;
    }
    keys = std::move(*k);
  }
  teach::NarratorOptions no;
  no.colour = teach::want_colour(::fileno(stdout));
  no.secrets = !a.hide_secrets;
  no.show_work = !a.no_work;
  no.trees = !a.no_trees;
  teach::Narrator narrator(stdout, no);
  inspect::EventLog log;
  teach::ExplainObserver client_explain(narrator, "client"), server_explain(narrator, "server");
  inspect::Recorder client_rec(log, "client"), server_rec(log, "server");
  core::ObserverFanout client, server;
  client.add(&client_explain);
  server.add(&server_explain);
  if (!a.json.empty() || !a.html.empty()) {
    client.add(&client_rec);
    server.add(&server_rec);
  }
  print_heading(narrator, a, *cap, *conn, keys ? &*keys : nullptr);
  capture::ReplayOptions ro;
  ro.max_app_records = a.app_records;
  auto r = capture::replay_tls(*conn, keys ? *keys : capture::KeyLog(), &client, &server, ro);
  narrator.text("\n" + capture_summary(r));
  std::int64_t when = conn->chunks.empty() ? 0 : conn->chunks.front().time_us / 1000000;
  std::string cause = diagnose_capture(r, when);
  if (!cause.empty()) narrator.text("\nThe connection failed.\n" + cause);
  if (!write_reports(a, log, r, *conn)) return kExitVerdict;
  bool complete = r.finished[0] && r.finished[1] && r.problems.empty() && cause.empty();
  return complete ? kExitOk : kExitVerdict;
}

}  // namespace

void register_explain(CLI::App& app) {
  auto a = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand(
      "explain", "Narrate a captured TLS connection (pcap/pcapng), decrypted with an NSS key log");
  cmd->add_option("CAPTURE", a->capture, "Capture file from tcpdump, dumpcap or Wireshark (pcap or pcapng)")
      ->required();
  cmd->add_option("--keylog", a->keylog,
                  "NSS key log (SSLKEYLOGFILE format, e.g. openssl s_client -keylogfile) with the "
                  "connection's secrets; without it only the plaintext part is read")
      ->option_text("FILE");
  cmd->add_option("--stream", a->stream, "Which TCP connection (numbers as listed when there are several)")
      ->option_text("N");
  cmd->add_option("--json", a->json, "Write every event (messages dissected) to FILE as JSON")->option_text("FILE");
  cmd->add_option("--html", a->html, "Write a self-contained HTML report of the connection to FILE")
      ->option_text("FILE");
  cmd->add_option("--app-records", a->app_records,
                  "Application-data records shown per direction (default 8; the rest are counted)")
      ->option_text("N");
  cmd->add_flag("--no-trees", a->no_trees, "Hex dumps instead of field trees");
  cmd->add_flag("--no-commands", a->no_work, "Leave out derivation inputs and the openssl commands");
  cmd->add_flag("--hide-secrets", a->hide_secrets, "Do not print secret values");
  cmd->callback([a] { set_exit_code(run_explain(*a)); });
}

}  // namespace glass::apps
