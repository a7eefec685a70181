// The ladder: client and server lanes, one arrow per message or non-handshake
// record, coloured by the keys protecting it, grouped in flights, with the
// moments each side reaches CONNECTED (or gives up) drawn across.
#include "inspect/html_parts.hpp"

namespace glass::inspect::html {

namespace {

std::string badge(const Model& m, const Arrow& a) {
  const Event& ev = a.send ? *a.send : *a.recv;
  if (a.kind != "message" || ev.msg_type != 11 || !a.from_client) return {};
  if (m.version == Version::tls12)
    return "<span class=\"badge bad\">in clear: the client's identity is visible on the wire (TLS 1.3 encrypts it)</span>";
  return "<span class=\"badge good\">encrypted: TLS 1.2 would send the client's identity in clear</span>";
}

std::string lane_cell(const Model& m, const Event* ev, bool sends, bool side_recorded) {
  if (!ev) return std::string("<span class=\"muted\">") + (side_recorded ? "never read" : "not recorded") + "</span>";
  std::string tag = m.step_tag(ev->step);
  return "<span class=\"sn\" data-step=\"" + tag.substr(tag.empty() ? 0 : 1) + "\">" + e(tag) + "</span> " +
         (sends ? "sends" : "receives");
}

bool recorded(const Model& m, const std::string& side) {
  for (const auto& ev : *m.events)
    if (ev.side == side) return true;
  return false;
}

std::string arrow_row(const Model& m, const Arrow& a, const bool rec[2]) {
  const Event* client_ev = a.from_client ? a.send : a.recv;
  const Event* server_ev = a.from_client ? a.recv : a.send;
  std::string id = std::to_string(a.id);
  std::string out = "<a class=\"arrow " + std::string(a.from_client ? "c2s " : "s2c ") + std::string(key_class(a.key)) +
                    (a.kind == "alert" ? " alert" : "") + "\" id=\"arrow-" + id + "\" href=\"#panel-" + id +
                    "\" data-arrow=\"" + id + "\" data-kind=\"" + e(a.kind) + "\" title=\"" + e(key_name(a.key)) + "\">";
  out += "<span class=\"lane l\">" + lane_cell(m, client_ev, a.from_client, rec[0]) + "</span>";
  out += "<span class=\"mid\"><span class=\"aname\">" + e(a.name) + "</span>" + badge(m, a) +
         "<span class=\"line\"></span></span>";
  out += "<span class=\"lane r\">" + lane_cell(m, server_ev, !a.from_client, rec[1]) + "</span></a>\n";
  return out;
}

std::string marker_row(const Model& m, const Marker& k) {
  std::string tag = m.step_tag(k.at);
  std::string cls = std::string("marker ") + (k.side == "client" ? "mc" : "ms") + (k.bad ? " bad" : "");
  return "<div class=\"" + cls + "\"><span class=\"mtext\">" + e(tag) + (tag.empty() ? "" : " ") + e(k.text) +
         "</span></div>\n";
}

std::string legend() {
  return "<div class=\"legend\"><span class=\"sw k-plain\"></span>plaintext <span class=\"sw k-hs\"></span>handshake "
         "traffic keys <span class=\"sw k-app\"></span>application traffic keys (TLS 1.2: the key_block keys) "
         "<span class=\"hint\">Click an arrow for what it does, its bytes and its keys.</span></div>";
}

}  // namespace

std::string ladder_html(const Model& m) {
  const ReportMeta& meta = *m.meta;
  std::string out = legend() + "<div class=\"ladder\" id=\"ladder\">";
  out += "<div class=\"lanes-h\"><span class=\"lane l\"><b>Client</b><small>" +
         e(meta.client_identity.empty() ? "" : meta.client_identity) +
         "</small></span><span class=\"mid\"></span><span class=\"lane r\"><b>Server</b><small>" +
         e(meta.server_identity) + "</small></span></div>\n";
  std::size_t mk = 0;
  int flight = 0;
  const bool rec[2] = {recorded(m, "client"), recorded(m, "server")};
  for (const auto& a : m.arrows) {
    bool fresh = a.flight != flight;
    if (fresh && flight) out += "</div>";
    while (mk < m.markers.size() && m.markers[mk].at < a.at()) out += marker_row(m, m.markers[mk++]);
    if (fresh) {
      flight = a.flight;
      out += "<div class=\"flight " + std::string(a.from_client ? "fc" : "fs") + "\"><div class=\"flabel\">flight " +
             std::to_string(flight) + " · " + (a.from_client ? "client" : "server") + "</div>\n";
    }
    out += arrow_row(m, a, rec);
  }
  if (flight) out += "</div>";
  while (mk < m.markers.size()) out += marker_row(m, m.markers[mk++]);
  if (m.arrows.empty()) out += "<p class=\"muted\">No message was recorded.</p>";
  return out + "</div>\n";
}

}  // namespace glass::inspect::html
