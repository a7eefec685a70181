// Pairs what each side recorded into one arrow per message, alert,
// ChangeCipherSpec and application data record. A received copy is paired with
// the earliest unpaired copy the OTHER side sent with the same bytes: two
// byte-identical messages or records (each side's ChangeCipherSpec) stay apart.
#include <algorithm>
#include <utility>

#include "core/alert.hpp"
#include "inspect/html_parts.hpp"

namespace glass::inspect::html {

namespace {

std::string other(const std::string& side) { return side == "client" ? "server" : "client"; }

bool is_sent(const Event& ev) { return ev.direction == core::Direction::sent; }

// The side that put it on the wire.
std::string sender_of(const Event& ev) { return is_sent(ev) ? ev.side : other(ev.side); }

std::string record_kind(const Event& ev) {
  switch (ev.inner_type) {
    case 20: return "ccs";
    case 21: return "alert";
    case 23: return "data";
    default: return "";
  }
}

const core::Bytes& payload(const Event& ev) { return ev.kind == EventKind::message ? ev.bytes : ev.plaintext; }

// Adds `ev` to the arrow it belongs to, or starts one.
void place(std::vector<Arrow>& arrows, const Event& ev, const std::string& kind) {
  if (!is_sent(ev)) {
    for (auto& a : arrows) {
      const Event* s = kind == "alert" && a.alert_ev ? a.alert_ev : a.send;
      if (a.kind != kind || a.recv || !s || s->kind != ev.kind || sender_of(*s) != sender_of(ev)) continue;
      if (!core::equal(payload(*s), payload(ev))) continue;
      a.recv = &ev;
      return;
    }
  }
  Arrow a;
  a.kind = kind;
  (is_sent(ev) ? a.send : a.recv) = &ev;
  a.from_client = sender_of(ev) == "client";
  arrows.push_back(a);
}

// The record that carried a message: same side and direction, handshake
// content containing the message (or its start, when it was fragmented).
const Event* carrier(const std::vector<Event>& events, const Event& msg) {
  const Event* best = nullptr;
  for (std::size_t want : {msg.bytes.size(), std::min<std::size_t>(msg.bytes.size(), 16)}) {
    for (const auto& r : events) {
      if (r.kind != EventKind::record || r.side != msg.side || r.direction != msg.direction || r.inner_type != 22)
        continue;
      auto it = std::search(r.plaintext.begin(), r.plaintext.end(), msg.bytes.begin(),
                            msg.bytes.begin() + static_cast<std::ptrdiff_t>(want));
      if (it == r.plaintext.end()) continue;
      auto dist = [&](const Event* x) { return x->step > msg.step ? x->step - msg.step : msg.step - x->step; };
      if (!best || dist(&r) < dist(best)) best = &r;
    }
    if (best) return best;
  }
  return nullptr;
}

std::string alert_text(const Event& ev) {
  return "alert " + std::string(core::alert_level_name(ev.level)) + " " + std::string(core::alert_name(ev.alert));
}

void name_arrow(Arrow& a) {
  const Event& ev = a.send ? *a.send : *a.recv;
  if (a.kind == "message") {
    a.name = message_label(ev.bytes, ev.context);
  } else if (a.kind == "ccs") {
    a.name = "ChangeCipherSpec";
  } else if (a.kind == "alert") {
    if (a.alert_ev) a.name = alert_text(*a.alert_ev);
    else if (ev.plaintext.size() >= 2) a.name = "alert " + alert_label(ev.plaintext[1]);
    else a.name = "alert";
  } else {
    a.name = "application data (" + std::to_string(ev.plaintext.size()) + " bytes)";
  }
}

// Alert events join the arrow of the record that carried them (each side's
// view once); an alert seen only as an event gets an arrow of its own.
void attach_alerts(std::vector<Arrow>& arrows, const std::vector<Event>& events) {
  for (const auto& ev : events) {
    if (ev.kind != EventKind::alert) continue;
    Arrow* found = nullptr;
    for (auto& a : arrows) {
      if (a.kind != "alert" || a.from_client != (sender_of(ev) == "client")) continue;
      int code = a.alert_ev ? static_cast<int>(a.alert_ev->alert)
                 : a.record && a.record->plaintext.size() >= 2 ? a.record->plaintext[1] : -1;
      if (code != static_cast<int>(ev.alert)) continue;
      bool claimed = a.alert_ev && a.alert_ev->side == ev.side;
      for (const Event* x : a.extra) claimed = claimed || x->side == ev.side;
      if (claimed) continue;
      found = &a;
      break;
    }
    if (!found) {
      Arrow a;
      a.kind = "alert";
      (is_sent(ev) ? a.send : a.recv) = &ev;
      a.from_client = sender_of(ev) == "client";
      arrows.push_back(a);
      found = &arrows.back();
    }
    if (!found->alert_ev) found->alert_ev = &ev;
    else if (is_sent(ev)) found->extra.push_back(std::exchange(found->alert_ev, &ev));
    else found->extra.push_back(&ev);
  }
}

bool before_handshake_keys(std::uint8_t t) { return t == 1 || t == 2; }  // ClientHello, ServerHello

void assign_keys(Model& m) {
  bool finished[2] = {false, false};  // client, server: Finished sent
  int flight = 0;
  bool last_client = false;
  for (auto& a : m.arrows) {
    if (flight == 0 || a.from_client != last_client) ++flight;
    a.flight = flight;
    last_client = a.from_client;
    bool& fin = finished[a.from_client ? 0 : 1];
    const Event& ev = a.send ? *a.send : *a.recv;
    bool is_prot = a.record ? a.record->is_protected
                            : m.version == Version::tls13 && !(a.kind == "message" && before_handshake_keys(ev.msg_type)) &&
                                  a.kind != "ccs";
    if (!is_prot) a.key = Key::plain;
    else if (m.version == Version::tls12) a.key = Key::session12;
    else a.key = fin ? Key::application : Key::handshake;
    if (a.kind == "message" && ev.msg_type == 20) fin = true;
  }
}

void add_markers(Model& m) {
  const auto& events = *m.events;
  for (const auto& ev : events) {
    if (ev.kind == EventKind::state && core::is_connected(ev.to_state)) {
      bool client = ev.side == "client";
      m.markers.push_back({ev.step, ev.side,
                           client ? "client CONNECTED: it may send application data now"
                                  : "server verdict: CONNECTED, the client's certificate and Finished were accepted",
                           false});
    }
    if (ev.kind == EventKind::alert && is_sent(ev) && ev.alert != core::Alert::close_notify)
      m.markers.push_back({ev.step, ev.side, ev.side + " gives up: sends " + alert_text(ev), true});
  }
}

}  // namespace

std::size_t Arrow::at() const { return send ? send->step : recv ? recv->step : 0; }

const Event* Model::event(std::size_t log_step) const {
  if (!events || log_step == 0 || log_step > events->size()) return nullptr;
  const Event& ev = (*events)[log_step - 1];
  return ev.step == log_step ? &ev : nullptr;
}

std::string Model::step_tag(std::size_t log_step) const {
  auto it = number.find(log_step);
  return it == number.end() ? std::string() : "#" + std::to_string(it->second);
}

Model build_model(const std::vector<Event>& events, const ReportMeta& meta) {
  Model m;
  m.events = &events;
  m.meta = &meta;
  for (const auto& ev : events)
    if (ev.kind == EventKind::message && ev.context.version != Version::unknown) m.version = ev.context.version;

  // Step numbers: the text's own when the narration came along, else the
  // narrator's rule (every event but the CertificateVerify content is a step).
  if (!meta.narration.empty()) {
    for (const auto& t : meta.narration)
      if (t.number && t.event) m.number[t.event] = t.number;
  } else {
    unsigned n = 0;
    for (const auto& ev : events)
      if (!(ev.kind == EventKind::secret && ev.secret == core::Secret::certificate_verify_content)) m.number[ev.step] = ++n;
  }

  for (const auto& ev : events) {
    if (ev.kind == EventKind::message) place(m.arrows, ev, "message");
    if (ev.kind == EventKind::record && !record_kind(ev).empty()) place(m.arrows, ev, record_kind(ev));
  }
  for (auto& a : m.arrows) {
    if (a.kind == "message") a.record = carrier(events, a.send ? *a.send : *a.recv);
    else a.record = a.send ? a.send : a.recv;
  }
  attach_alerts(m.arrows, events);
  std::stable_sort(m.arrows.begin(), m.arrows.end(), [](const Arrow& x, const Arrow& y) { return x.at() < y.at(); });
  for (std::size_t i = 0; i < m.arrows.size(); ++i) {
    Arrow& a = m.arrows[i];
    a.id = i + 1;
    name_arrow(a);
    for (const Event* ev : {a.send, a.recv, a.alert_ev})
      if (ev) m.arrow_of[ev->step] = a.id;
    for (const Event* ev : a.extra) m.arrow_of[ev->step] = a.id;
    if (a.record) m.arrow_of.emplace(a.record->step, a.id);  // a flight's record: its first message
  }
  assign_keys(m);
  add_markers(m);
  return m;
}

std::string_view key_class(Key k) {
  switch (k) {
    case Key::plain: return "k-plain";
    case Key::handshake: return "k-hs";
    case Key::application: return "k-app";
    case Key::session12: return "k-app";
  }
  return "k-plain";
}

std::string_view key_name(Key k) {
  switch (k) {
    case Key::plain: return "plaintext";
    case Key::handshake: return "handshake traffic keys";
    case Key::application: return "application traffic keys";
    case Key::session12: return "session keys (key_block)";
  }
  return "plaintext";
}

}  // namespace glass::inspect::html
