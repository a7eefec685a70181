// The event log as one self-contained HTML page: a summary (verdict, both
// identities, the likely cause of a failure), the ladder of messages with a
// panel per arrow, the key schedule tree and every step as the text narration
// numbers it. Inline CSS and JS only, a Content-Security-Policy that forbids
// every fetch, no URL of any kind. The pieces live in html_*.cpp.
#include <string>

#include "core/hex.hpp"
#include "inspect/html_parts.hpp"
#include "inspect/report.hpp"

namespace glass::inspect {

namespace html {

std::string e(std::string_view s) { return html_escape(s); }

namespace {

bool failed(const Model& m) {
  if (!m.meta->diagnosis.empty()) return true;
  for (const auto& [k, v] : m.meta->extra)
    if (k == "failure") return true;
  for (const auto& ev : *m.events)
    if (ev.kind == EventKind::alert && ev.level == core::AlertLevel::fatal) return true;
  return false;
}

// The diagnosis with its "likely cause" lines set off.
std::string diagnosis_html(const std::string& d) {
  std::string out = "<pre class=\"diag\">", line;
  for (std::size_t p = 0; p <= d.size(); ++p) {
    if (p < d.size() && d[p] != '\n') {
      line += d[p];
      continue;
    }
    bool lc = line.find("likely cause") != std::string::npos;
    out += (lc ? "<span class=\"lc\">" + e(line) + "</span>" : e(line)) + (p < d.size() ? "\n" : "");
    line.clear();
  }
  return out + "</pre>";
}

std::string summary_html(const Model& m) {
  const ReportMeta& meta = *m.meta;
  bool bad = failed(m);
  std::string out = "<section class=\"summary\" id=\"summary\"><div>";
  out += std::string("<p class=\"verdict ") + (bad ? "bad\">The handshake failed." : "ok\">Connected.") + "</p>";
  out += "<table class=\"ids\">";
  auto row = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) out += "<tr><th>" + e(k) + "</th><td>" + e(v) + "</td></tr>";
  };
  row("client", meta.client_identity);
  row("server", meta.server_identity);
  if (meta.client_identity.empty() && meta.server_identity.empty()) row("identities", meta.identities);
  row("version", meta.version);
  row("cipher suite", meta.suite);
  row("key exchange", meta.group);
  for (const auto& [k, v] : meta.extra) row(k, v);
  for (const auto& k : m.markers) {  // in TLS 1.3 the client is done before the server has judged it
    std::string tag = m.step_tag(k.at);
    if (k.bad) row(k.side + " gave up", tag + " " + k.text.substr(k.text.find(':') + 2));
    else if (k.side == "client") row("client connected", tag + (tag.empty() ? "" : " ") + "(may send data from here)");
    else row("server verdict", tag + (tag.empty() ? "" : " ") + "accepted the client");
  }
  row("events", std::to_string(m.events->size()) + " recorded, " + std::to_string(m.arrows.size()) + " on the ladder");
  out += "</table></div><div>";
  if (!meta.diagnosis.empty()) out += "<h4>Diagnosis</h4>" + diagnosis_html(meta.diagnosis);
  std::string paras;
  for (const auto& t : meta.narration)
    if (!t.number && t.text.find("likely cause") == std::string::npos) paras += t.text;
  auto b = paras.find_first_not_of('\n');
  if (b != std::string::npos)
    out += "<details><summary>The closing summary of the text narration</summary><pre class=\"para\">" +
           e(paras.substr(b)) + "</pre></details>";
  if (meta.diagnosis.empty() && b == std::string::npos)
    out += "<p class=\"muted\">" + std::string(bad ? "No diagnosis was recorded." : "The handshake completed.") + "</p>";
  return out + "</div></section>\n";
}

std::string row_html(const Model& m, unsigned number, const std::string& side, const std::string& kind,
                     const std::string& text, const std::string& detail, std::size_t event) {
  std::string out = "<tr class=\"" + e(side) + " " + e(kind) + "\"><td class=\"num\" data-step=\"" +
                    std::to_string(number) + "\">" + std::to_string(number) + "</td><td class=\"sd\">" + e(side) +
                    "</td><td class=\"kd\">" + e(kind) + "</td><td>" + e(text);
  if (!detail.empty()) out += "<details><summary>details</summary><pre class=\"det\">" + e(detail) + "</pre></details>";
  out += "</td><td class=\"go\">";
  auto it = m.arrow_of.find(event);
  if (it != m.arrow_of.end())
    out += "<a href=\"#panel-" + std::to_string(it->second) + "\" data-arrow=\"" + std::to_string(it->second) +
           "\">arrow " + std::to_string(it->second) + "</a>";
  return out + "</td></tr>\n";
}

// Every step, numbered as the text narration numbers it (its own lines when
// the narration came along).
std::string steps_html(const Model& m) {
  std::string out = "<table class=\"steps\" id=\"steps\"><colgroup><col class=\"n\"><col class=\"s\"><col class=\"k\">"
                    "<col><col class=\"g\"></colgroup>";
  if (!m.meta->narration.empty()) {
    for (const auto& t : m.meta->narration)
      if (t.number) out += row_html(m, t.number, t.side, t.kind, t.text, t.detail, t.event);
  } else {
    for (const auto& ev : *m.events) {
      auto n = m.number.find(ev.step);
      if (n == m.number.end()) continue;
      std::string text = event_title(ev);
      if (ev.kind == EventKind::secret)
        text += " = " + (m.meta->show_secrets ? core::to_hex(ev.value.view()) : std::string("(hidden)"));
      out += row_html(m, n->second, ev.side, std::string(kind_name(ev.kind)), text, {}, ev.step);
    }
  }
  return out + "</table>\n";
}

}  // namespace
}  // namespace html

std::string to_html(const EventLog& log, const ReportMeta& meta) { return to_html(log.events(), meta); }

std::string to_html(const std::vector<Event>& events, const ReportMeta& meta) {
  using namespace html;
  Model m = build_model(events, meta);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">";
  out += "<meta name=\"viewport\" content=\"width=device-width\">";
  out += "<title>" + e(meta.title) + "</title><style>" + kStyle + "</style></head><body>\n";
  out += "<h1>" + e(meta.title) + "</h1>\n";
  out += summary_html(m);
  out += "<h2>The handshake, message by message</h2>\n<div class=\"main\"><div>" + ladder_html(m) + "</div>" +
         panels_html(m) + "</div>\n";
  out += "<h2>Key schedule</h2>\n<p class=\"muted\">Each secret under the one it is derived from, with the inputs "
         "and an openssl command that recomputes it independently.</p>" +
         key_schedule_html(m);
  out += "<h2>Every step</h2>\n" + steps_html(m);
  out += "\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return out;
}

}  // namespace glass::inspect
