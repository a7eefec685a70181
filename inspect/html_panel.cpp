// The panel behind each arrow: what the message does (prose and RFC section),
// what each side did and how its state changed, the checks anyone can rerun,
// how the record was protected, and the annotated bytes.
#include <algorithm>

#include "core/hex.hpp"
#include "inspect/html_parts.hpp"
#include "inspect/html_protection.hpp"

namespace glass::inspect::html {

namespace {

const TextStep* narrated(const Model& m, std::size_t log_step) {
  for (const auto& t : m.meta->narration)
    if (t.event == log_step && t.number) return &t;
  return nullptr;
}

// What followed on the same side before its next message or alert: state
// changes and the engine's notes (a chain accepted or rejected, keys switched).
std::vector<const Event*> follow_ups(const Model& m, const Event& ev) {
  std::vector<const Event*> out;
  for (std::size_t i = ev.step; i < m.events->size(); ++i) {
    const Event& x = (*m.events)[i];
    if (x.side != ev.side) continue;
    if (x.kind == EventKind::message || x.kind == EventKind::alert) break;
    if (x.kind == EventKind::state || x.kind == EventKind::note) out.push_back(&x);
  }
  return out;
}

std::string event_line(const Model& m, const Event& ev) {
  const TextStep* t = narrated(m, ev.step);
  bool sends = ev.direction == core::Direction::sent;
  return "<p><span class=\"sn\">" + e(m.step_tag(ev.step)) + "</span> " +
         (t ? e(t->text) : e(std::string(sends ? "sends " : "receives ") + event_title(ev))) + "</p>";
}

// The side's own events of this arrow (for an alert: the record and the alert).
std::vector<const Event*> side_events(const Arrow& a, const std::string& side) {
  std::vector<const Event*> out;
  for (const Event* ev : {a.send, a.recv, a.alert_ev})
    if (ev && ev->side == side) out.push_back(ev);
  for (const Event* ev : a.extra)
    if (ev->side == side) out.push_back(ev);
  std::sort(out.begin(), out.end(), [](const Event* x, const Event* y) { return x->step < y->step; });
  return out;
}

std::string side_html(const Model& m, const Arrow& a, const std::string& side) {
  std::string out = "<div class=\"side " + side + "\"><h4>" + (side == "client" ? "Client" : "Server") + "</h4>";
  auto evs = side_events(a, side);
  if (evs.empty()) return out + "<p class=\"muted\">This side was not recorded.</p></div>";
  for (const Event* ev : evs) out += event_line(m, *ev);
  auto after = follow_ups(m, *evs.back());
  if (after.empty()) return out + "<p class=\"muted\">No state change.</p></div>";
  out += "<ul class=\"states\">";
  for (const Event* s : after) {
    out += "<li><span class=\"sn\">" + e(m.step_tag(s->step)) + "</span> ";
    if (s->kind == EventKind::state)
      out += "<code>" + e(s->from) + "</code> → <code>" + e(s->to) + "</code> <span class=\"muted\">on " +
             e(s->event) + "</span></li>";
    else
      out += "<span class=\"note\">" + e(s->text) + "</span></li>";
  }
  return out + "</ul></div>";
}

// The narration's checks for a message (the CertificateVerify signature).
std::string narrated_checks(const TextStep* t) {
  if (!t) return {};
  std::string out, line;
  for (std::size_t p = 0; p <= t->detail.size(); ++p) {
    if (p < t->detail.size() && t->detail[p] != '\n') {
      line += t->detail[p];
      continue;
    }
    auto b = line.find_first_not_of(' ');
    std::string l = b == std::string::npos ? "" : line.substr(b);
    for (const char* key : {"signs", "check:", "expect:", "the same bytes", "WARNING", "does NOT"})
      if (l.find(key) != std::string::npos) {
        out += e(l) + "\n";
        break;
      }
    line.clear();
  }
  return out.empty() ? out : "<pre class=\"cmd\">" + out + "</pre>";
}

// Both sides print the same checks (the sender computes, the receiver
// verifies): each is shown once, under the first side that printed it.
std::string checks_html(const Model& m, const Arrow& a) {
  std::string out;
  std::vector<std::string> seen;
  auto once = [&](const Event& ev, const std::string& key, const std::string& body) {
    if (body.empty() || std::find(seen.begin(), seen.end(), key) != seen.end()) return;
    seen.push_back(key);
    out += "<div class=\"checkby\">" + e(ev.side) + " (" + e(m.step_tag(ev.step)) + "):</div>" + body;
  };
  for (const Event* ev : {a.send, a.recv}) {
    if (!ev) continue;
    auto it = m.meta->work.find(ev->step);
    if (it != m.meta->work.end())
      for (const auto& w : it->second) once(*ev, w.label + "=" + w.output + w.formula, work_html(w, m.meta->show_secrets));
    if (ev->kind == EventKind::message && ev->msg_type == 15) {
      std::string c = narrated_checks(narrated(m, ev->step));
      auto cmd = c.find("check:");
      once(*ev, cmd == std::string::npos ? c : c.substr(cmd, c.find('\n', cmd) - cmd), c);
    }
  }
  return out.empty() ? out : "<h4>Check it yourself</h4>" + out;
}

std::string protection_values(const Model& m, const Event& rec) {
  auto it = m.meta->protection.find(rec.step);
  std::vector<ProtectionValue> rows = it != m.meta->protection.end() ? it->second : crypto_values(rec, m.meta->show_secrets);
  if (rows.empty())
    return "<p class=\"muted\">The per-record values (sequence number, nonce, additional data, tag) were not "
           "recorded for this report.</p>";
  std::string out = "<table class=\"kv prot\">";
  for (const auto& v : rows)
    out += "<tr><th>" + e(v.name) + "</th><td><code class=\"hexv\">" + e(v.value) + "</code>" +
           (v.note.empty() ? "" : "<div class=\"muted\">" + e(v.note) + "</div>") + "</td></tr>";
  return out + "</table>";
}

std::string secret_ref(const Model& m, const Arrow& a) {
  if (a.key != Key::handshake && a.key != Key::application) return {};
  // The sender's traffic secret of that stage, or one of its record keys.
  auto wanted = [&](core::Secret s) {
    using S = core::Secret;
    S t = core::traffic_secret_of(s);
    bool hs = t == S::client_handshake_traffic_secret || t == S::server_handshake_traffic_secret;
    bool ap = t == S::client_application_traffic_secret_0 || t == S::server_application_traffic_secret_0 ||
              t == S::client_application_traffic_secret_next || t == S::server_application_traffic_secret_next;
    return (a.key == Key::handshake ? hs : ap) && core::client_secret(t) == a.from_client;
  };
  std::string sender = a.from_client ? "client" : "server";
  const Event* best = nullptr;
  for (const auto& ev : *m.events)
    if (ev.kind == EventKind::secret && ev.side == sender && wanted(ev.secret) && ev.step <= a.at() + 1)
      best = &ev;
  if (!best) return {};
  return " The keys come from <code>" + e(best->label) + "</code> (" + e(m.step_tag(best->step)) +
         "): key and IV by HKDF-Expand-Label, see the key schedule.";
}

std::string wire_html(const Model& m, const Arrow& a) {
  if (!a.record) return {};
  const Event& r = *a.record;
  std::string id = std::to_string(a.id);
  std::string out = "<h4>On the wire: " + e(key_name(a.key)) + "</h4><p>";
  out += r.is_protected ? "Encrypted and authenticated (AEAD). The outer content type says application_data (23); "
                          "the real type, " + e(content_type_label(r.inner_type)) + ", is inside the ciphertext." +
                              secret_ref(m, a)
                        : std::string("Not encrypted: anyone on the path reads these bytes.");
  out += "</p>";
  if (r.is_protected) out += protection_values(m, r);
  out += "<div class=\"sub\">Record " + e(m.step_tag(r.step)) + ", " + std::to_string(r.wire.size()) + " bytes, as the " +
         e(r.side) + (r.direction == core::Direction::sent ? " wrote it" : " read it") + "</div>";
  out += dissect_html(event_tree(r), r.wire, "w" + id + "-");
  if (r.is_protected && a.kind != "message") {
    out += "<div class=\"sub\">Decrypted content</div>";
    out += dissect_html(dissect_plaintext(r.inner_type, r.plaintext, r.context), r.plaintext, "p" + id + "-");
  }
  return out;
}

std::string panel_html(const Model& m, const Arrow& a) {
  const Event& ev = a.send ? *a.send : *a.recv;
  std::string id = std::to_string(a.id);
  Prose p = a.kind == "message" ? message_prose(ev.msg_type, a.name, m.version, a.from_client) : record_prose(a, m.version);
  std::string out = "<section class=\"panel\" id=\"panel-" + id + "\" data-panel=\"" + id + "\">";
  out += "<h3><span class=\"aname\">" + e(a.name) + "</span> <span class=\"dir\">" +
         (a.from_client ? "client → server" : "server → client") + "</span> <span class=\"kb " +
         std::string(key_class(a.key)) + "\">" + e(key_name(a.key)) + "</span></h3>";
  out += "<p class=\"prose\">" + e(p.text) + " <span class=\"rfc\">(" + e(p.rfc) + ")</span></p>";
  out += "<div class=\"sides\">";
  out += side_html(m, a, "client");
  out += side_html(m, a, "server");
  out += "</div>";
  out += checks_html(m, a);
  out += wire_html(m, a);
  if (a.kind == "message") {
    out += "<h4>The message, byte by byte (" + std::to_string(ev.bytes.size()) + " bytes)</h4>";
    Field t = event_tree(ev);
    if (!t.note.empty()) out += "<p class=\"note\">" + e(t.note) + "</p>";
    out += dissect_html(t, ev.bytes, "m" + id + "-");
  } else if (a.kind == "alert" && !a.record && a.alert_ev) {
    out += "<p>" + e(event_title(*a.alert_ev)) + " (no record of it was reported)</p>";
  }
  return out + "</section>\n";
}

}  // namespace

std::string panels_html(const Model& m) {
  std::string out = "<div class=\"panels\" id=\"panels\">";
  out += "<section class=\"panel intro\" id=\"panel-0\"><h3>Pick an arrow</h3><p class=\"prose\">Each arrow of the "
         "ladder is one message or record. Its panel says what it is for, what each side did with it, how it was "
         "protected and what every byte means; hover a field or a byte to see both.</p></section>";
  for (const auto& a : m.arrows) out += panel_html(m, a);
  return out + "</div>";
}

std::string work_html(const WorkShown& w, bool show_secrets) {
  std::string out = "<div class=\"work\"><div class=\"wlabel\"><code>" + e(w.label) + "</code>" +
                    (w.checked ? "" : " <span class=\"err\">our recomputation does NOT match</span>") + "</div>";
  out += "<div class=\"formula\">= " + e(w.formula) + "</div>";
  if (show_secrets && !w.inputs.empty()) {
    out += "<table class=\"kv\">";
    for (const auto& [name, hex] : w.inputs)
      out += "<tr><th>" + e(name) + "</th><td><code class=\"hexv\">" + e(hex) + "</code></td></tr>";
    if (!w.output.empty()) out += "<tr><th>output</th><td><code class=\"hexv\">" + e(w.output) + "</code></td></tr>";
    out += "</table>";
  }
  if (show_secrets && !w.command.empty())
    out += "<pre class=\"cmd\">check: $ " + e(w.command) + "\nexpect: " + e(w.output) + "</pre>";
  return out + "</div>";
}

}  // namespace glass::inspect::html
