// The event log as one self-contained HTML page: inline CSS, a few lines of
// inline JS (hover highlighting only; the page reads the same without it), no
// URL of any kind, and a Content-Security-Policy that forbids every fetch.
#include <cstdio>
#include <map>
#include <string>

#include "core/hex.hpp"
#include "inspect/report.hpp"
#include "inspect/text.hpp"

namespace glass::inspect {

namespace {

std::string e(std::string_view s) { return html_escape(s); }

const char* kStyle = R"CSS(
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:78em;color:#1b1b1b;background:#fcfcfa}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
table.meta td{padding:.1em .8em .1em 0}table.meta td:first-child{color:#555}
details{border:1px solid #ddd;border-radius:4px;margin:.3em 0;background:#fff}
summary{cursor:pointer;padding:.3em .5em;font-family:ui-monospace,monospace;font-size:.92em}
details>div{padding:.3em .8em .8em}
.client summary{border-left:4px solid #2a6fb0}.server summary{border-left:4px solid #b0602a}
.step{color:#777}.dir{color:#555}.mname{font-weight:bold}
ul.tree{list-style:none;padding-left:1.1em;margin:0;font-family:ui-monospace,monospace;font-size:.85em}
ul.tree ul.tree{font-size:1em}ul.tree li{margin:.05em 0}.rng{color:#777}.val{color:#075}.hx{color:#555}.nt{color:#777;font-style:italic;font-family:system-ui,sans-serif}
.err{color:#b00;font-weight:bold}
pre.hex{font-family:ui-monospace,monospace;font-size:.85em;line-height:1.45;background:#f6f6f2;padding:.5em;overflow-x:auto}
.c0{background:#e3f0ff}.c1{background:#fff0d9}.c2{background:#e5f7e5}.c3{background:#f7e5f3}.c4{background:#fffbd0}.c5{background:#e8e6ff}
.hl{outline:2px solid #d33;background:#ffd6d6!important}
.off{color:#999}
table.secrets{border-collapse:collapse;font-family:ui-monospace,monospace;font-size:.85em}
table.secrets td{border-bottom:1px solid #eee;padding:.2em .6em;vertical-align:top;word-break:break-all}
.state{font-family:ui-monospace,monospace;font-size:.9em}.note{color:#444;font-size:.9em}
)CSS";

const char* kScript = R"JS(
document.addEventListener('mouseover',function(ev){
  var t=ev.target.closest('[data-f]');
  document.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl');});
  if(!t)return;
  var box=t.closest('.dissect');if(!box)return;
  box.querySelectorAll('[data-f="'+t.getAttribute('data-f')+'"]').forEach(function(x){x.classList.add('hl');});
});
)JS";

struct Numbered {
  const Field* f;
  std::size_t id;
};

void number(const Field& f, std::vector<Numbered>& out) {
  out.push_back({&f, out.size()});
  for (const auto& c : f.children) number(c, out);
}

bool inside(const Field& f, core::ByteView bytes) {
  return f.length > 0 && f.offset <= bytes.size() && f.length <= bytes.size() - f.offset;
}

std::string spaced_hex(core::ByteView b) {
  std::string h = core::to_hex(b), out;
  for (std::size_t i = 0; i < h.size(); i += 2) {
    if (i) out += ' ';
    out += h.substr(i, 2);
  }
  return out;
}

void tree_html(const Field& f, core::ByteView bytes, const std::string& prefix, std::size_t& next,
               std::string& out) {
  std::size_t id = next++;
  const bool err = f.name == "error";
  char rng[48];
  if (f.length == 0)
    std::snprintf(rng, sizeof rng, "[%04zx]", f.offset);
  else
    std::snprintf(rng, sizeof rng, "[%04zx-%04zx]", f.offset, f.offset + f.length - 1);
  out += "<li><span class=\"rng c" + std::to_string(id % 6) + "\" data-f=\"" + prefix + std::to_string(id) +
         "\">" + rng + "</span> <b" + (err ? " class=\"err\"" : "") + ">" + e(f.name) + "</b>";
  if (!f.value.empty()) out += " <span class=\"val" + std::string(err ? " err" : "") + "\">" + e(f.value) + "</span>";
  if (f.children.empty() && inside(f, bytes)) {
    auto part = bytes.subspan(f.offset, f.length);
    if (part.size() <= 24)
      out += " <span class=\"hx\">" + spaced_hex(part) + "</span>";
    else
      out += " <span class=\"hx\">" + spaced_hex(part.first(24)) + " … (" + std::to_string(part.size()) + " bytes)</span>";
  }
  if (!f.note.empty()) out += " <span class=\"nt\">— " + e(f.note) + "</span>";
  if (!f.children.empty()) {
    out += "<ul class=\"tree\">";
    for (const auto& c : f.children) tree_html(c, bytes, prefix, next, out);
    out += "</ul>";
  }
  out += "</li>";
}

// Hex rows where every byte carries the colour and id of the deepest field covering it.
void hex_html(const Field& root, core::ByteView bytes, const std::string& prefix, std::string& out) {
  std::vector<Numbered> all;
  number(root, all);
  std::vector<std::size_t> owner(bytes.size(), static_cast<std::size_t>(-1));
  for (const auto& n : all) {
    if (!inside(*n.f, bytes)) continue;
    for (std::size_t i = 0; i < n.f->length; ++i) owner[n.f->offset + i] = n.id;
  }
  out += "<pre class=\"hex\">";
  for (std::size_t row = 0; row < bytes.size(); row += 16) {
    char off[32];
    std::snprintf(off, sizeof off, "%04zx  ", row);
    out += std::string("<span class=\"off\">") + off + "</span>";
    std::size_t end = std::min(bytes.size(), row + 16);
    std::size_t i = row;
    while (i < end) {
      std::size_t id = owner[i];
      std::size_t j = i;
      while (j < end && owner[j] == id) ++j;
      std::string hx = spaced_hex(bytes.subspan(i, j - i));
      if (id == static_cast<std::size_t>(-1)) {
        out += hx;
      } else {
        out += "<span class=\"c" + std::to_string(id % 6) + "\" data-f=\"" + prefix + std::to_string(id) +
               "\" title=\"" + e(all[id].f->name) + "\">" + hx + "</span>";
      }
      if (j < end) out += ' ';
      i = j;
    }
    out += "\n";
  }
  out += "</pre>";
}

void dissect_html(const Field& root, core::ByteView bytes, const std::string& prefix, std::string& out) {
  out += "<div class=\"dissect\">";
  std::size_t next = 0;
  out += "<ul class=\"tree\">";
  tree_html(root, bytes, prefix, next, out);
  out += "</ul>";
  hex_html(root, bytes, prefix, out);
  out += "</div>";
}

std::string arrow(const Event& ev) {
  bool client_sends = (ev.side == "client") == (ev.direction == core::Direction::sent);
  std::string d = client_sends ? "client → server" : "server → client";
  return d + " (" + std::string(core::direction_name(ev.direction)) + " by " + ev.side + ")";
}

}  // namespace

std::string to_html(const EventLog& log, const ReportMeta& meta) { return to_html(log.events(), meta); }

std::string to_html(const std::vector<Event>& events, const ReportMeta& meta) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">";
  out += "<title>" + e(meta.title) + "</title><style>" + kStyle + "</style></head><body>\n";
  out += "<h1>" + e(meta.title) + "</h1>\n<table class=\"meta\">";
  auto row = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) out += "<tr><td>" + e(k) + "</td><td>" + e(v) + "</td></tr>";
  };
  row("Version", meta.version);
  row("Cipher suite", meta.suite);
  row("Key exchange group", meta.group);
  row("Identities", meta.identities);
  for (const auto& [k, v] : meta.extra) row(k, v);
  row("Events", std::to_string(events.size()));
  out += "</table>\n";

  // With both sides recorded, every message and record appears as sent and as
  // received: show the bytes once (at the sender) and point the receiver there.
  std::map<std::pair<int, core::Bytes>, std::size_t> sent_at;
  for (const auto& ev : events)
    if (ev.direction == core::Direction::sent &&
        (ev.kind == EventKind::message || ev.kind == EventKind::record))
      sent_at.emplace(std::make_pair(static_cast<int>(ev.kind), ev.kind == EventKind::message ? ev.bytes : ev.wire),
                      ev.step);
  auto echo_of = [&](const Event& ev) -> std::size_t {
    if (ev.direction != core::Direction::received) return 0;
    auto it = sent_at.find(std::make_pair(static_cast<int>(ev.kind), ev.kind == EventKind::message ? ev.bytes : ev.wire));
    return it == sent_at.end() ? 0 : it->second;
  };

  // Handshake messages, in order: the main story.
  out += "<h2>Handshake messages</h2>\n";
  for (const auto& ev : events) {
    if (ev.kind != EventKind::message || echo_of(ev)) continue;
    Field t = event_tree(ev);
    out += "<details class=\"msg " + e(ev.side) + "\" id=\"step-" + std::to_string(ev.step) + "\"><summary>";
    out += "<span class=\"step\">#" + std::to_string(ev.step) + "</span> <span class=\"dir\">" + e(arrow(ev)) +
           "</span> <span class=\"mname\">" + e(message_label(ev.bytes, ev.context)) + "</span> " +
           e(t.value) + (t.has_error() ? " <span class=\"err\">malformed</span>" : "") + "</summary><div>";
    if (!t.note.empty()) out += "<p class=\"note\">" + e(t.note) + "</p>";
    dissect_html(t, ev.bytes, "s" + std::to_string(ev.step) + "-", out);
    out += "</div></details>\n";
  }

  // Everything in order, records with ciphertext and decrypted content.
  out += "<h2>Timeline (records, state transitions, secrets, alerts)</h2>\n";
  for (const auto& ev : events) {
    std::string step = "<span class=\"step\">#" + std::to_string(ev.step) + "</span> ";
    switch (ev.kind) {
      case EventKind::message: {
        std::size_t at = echo_of(ev) ? echo_of(ev) : ev.step;
        out += "<div class=\"state\">" + step + e(ev.side) + " " + e(core::direction_name(ev.direction)) +
               " <a href=\"#step-" + std::to_string(at) + "\">" + e(message_label(ev.bytes, ev.context)) +
               "</a></div>\n";
        break;
      }
      case EventKind::record: {
        if (std::size_t at = echo_of(ev)) {
          out += "<div class=\"state\">" + step + e(ev.side) + " received the record of <a href=\"#step-" +
                 std::to_string(at) + "\">#" + std::to_string(at) + "</a></div>\n";
          break;
        }
        Field t = event_tree(ev);
        out += "<details class=\"rec " + e(ev.side) + "\" id=\"step-" + std::to_string(ev.step) + "\"><summary>" + step + "<span class=\"dir\">" +
               e(arrow(ev)) + "</span> " + e(event_title(ev)) + "</summary><div>";
        out += "<p>As on the wire" + std::string(ev.is_protected ? " (ciphertext)" : "") + ":</p>";
        dissect_html(t, ev.wire, "r" + std::to_string(ev.step) + "-", out);
        if (ev.is_protected) {
          out += "<p>Decrypted (" + e(content_type_label(ev.inner_type)) + "):</p>";
          Field p = dissect_plaintext(ev.inner_type, ev.plaintext, ev.context);
          dissect_html(p, ev.plaintext, "p" + std::to_string(ev.step) + "-", out);
        }
        out += "</div></details>\n";
        break;
      }
      case EventKind::state:
        out += "<div class=\"state\">" + step + e(ev.side) + ": " + e(ev.from) + " —" + e(ev.event) + "→ " +
               e(ev.to) + "</div>\n";
        break;
      case EventKind::secret:
        out += "<div class=\"state\">" + step + e(ev.side) + " derived " + e(ev.label) + "</div>\n";
        break;
      case EventKind::alert:
        out += "<div class=\"state err\">" + step + e(ev.side) + " " + e(core::direction_name(ev.direction)) +
               " alert " + e(core::alert_level_name(ev.level)) + " " + e(core::alert_name(ev.alert)) + "</div>\n";
        break;
      case EventKind::note:
        out += "<div class=\"note\">" + step + e(ev.side) + ": " + e(ev.text) + "</div>\n";
        break;
    }
  }

  out += "<h2>Key schedule and secrets</h2>\n<table class=\"secrets\">";
  for (const auto& ev : events) {
    if (ev.kind != EventKind::secret) continue;
    out += "<tr><td>#" + std::to_string(ev.step) + "</td><td>" + e(ev.side) + "</td><td>" + e(ev.label) +
           "</td><td>" + (meta.show_secrets ? core::to_hex(ev.value.view()) : std::string("(hidden)")) + "</td></tr>";
  }
  out += "</table>\n";

  out += "<h2>State transitions</h2>\n<ol>";
  std::size_t states = 0;
  for (const auto& ev : events) {
    if (ev.kind != EventKind::state) continue;
    ++states;
    out += "<li class=\"state\">" + e(ev.side) + ": " + e(ev.from) + " —" + e(ev.event) + "→ " + e(ev.to) + "</li>";
  }
  out += "</ol>";
  if (states == 0) out += "<p class=\"note\">No state transitions were reported.</p>";
  out += "\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return out;
}

}  // namespace glass::inspect
