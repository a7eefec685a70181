#pragma once
// The pieces of the HTML report (report_html.cpp puts them together):
// html_model.cpp pairs each side's view of a message or record into one arrow,
// html_ladder.cpp draws the arrows, html_panel.cpp the panel behind each one,
// html_bytes.cpp annotated bytes, html_keys.cpp the key schedule tree,
// html_prose.cpp what each message is for, html_assets.cpp the CSS and JS.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "inspect/recorder.hpp"
#include "inspect/report.hpp"

namespace glass::inspect::html {

std::string e(std::string_view s);  // html_escape

// Which keys protect an arrow's bytes on the wire.
enum class Key { plain, handshake, application, session12 };
std::string_view key_class(Key k);  // CSS class: "k-plain", ...
std::string_view key_name(Key k);   // "plaintext", "handshake keys", ...

struct Arrow {
  std::size_t id = 0;             // 1-based, top to bottom
  const Event* send = nullptr;    // the sender's event (absent when only the receiver was recorded)
  const Event* recv = nullptr;    // the receiver's event
  const Event* record = nullptr;  // the record that carried it (a record arrow: the record itself)
  const Event* alert_ev = nullptr;  // an alert arrow: the sender's (or receiver's) alert event
  std::vector<const Event*> extra;  // the other side's alert event
  std::string kind;               // "message", "ccs", "alert", "data"
  std::string name;               // "ClientHello", "ChangeCipherSpec", "alert fatal bad_certificate"
  bool from_client = true;
  Key key = Key::plain;
  int flight = 0;                 // 1-based; a new flight when the sender changes
  std::size_t at() const;         // log step where it happens (the send, else the receive)
};

// A moment drawn across the ladder: the client CONNECTED, the server's verdict.
struct Marker {
  std::size_t at = 0;  // log step
  std::string side, text;
  bool bad = false;
};

struct Model {
  const std::vector<Event>* events = nullptr;
  const ReportMeta* meta = nullptr;
  Version version = Version::unknown;
  std::vector<Arrow> arrows;
  std::vector<Marker> markers;
  std::map<std::size_t, unsigned> number;  // log step -> text step number (missing: not narrated)
  std::map<std::size_t, std::size_t> arrow_of;  // log step -> arrow id, for every event an arrow covers

  const Event* event(std::size_t log_step) const;
  // "#12" or "" for an event the text does not number.
  std::string step_tag(std::size_t log_step) const;
};

Model build_model(const std::vector<Event>& events, const ReportMeta& meta);

// Annotated bytes: the field tree and the hex, hovering one highlights the other.
std::string dissect_html(const Field& root, core::ByteView bytes, const std::string& prefix);
std::string spaced_hex(core::ByteView b);

std::string ladder_html(const Model& m);
std::string panels_html(const Model& m);
std::string key_schedule_html(const Model& m);
std::string work_html(const WorkShown& w, bool show_secrets);

// What a message is for and why, and where the RFC says so.
struct Prose {
  std::string text;
  std::string rfc;  // "RFC 8446, section 4.1.2"
};
Prose message_prose(std::uint8_t type, std::string_view name, Version v, bool from_client);
Prose record_prose(const Arrow& a, Version v);

extern const char* const kStyle;
extern const char* const kScript;

}  // namespace glass::inspect::html
