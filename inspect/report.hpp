#pragma once
// Whole-connection reports rendered from an EventLog:
//  - JSON: every event with step, side, kind, and for messages/records the
//    dissected field tree plus hex (schema: inspect/schema/events.schema.json);
//  - HTML: one self-contained page (inline CSS and a little inline JS, no
//    external URL of any kind); each message a <details> expandable to its
//    annotated bytes; secrets, key schedule and state transitions listed.
// Every string is escaped; secrets show as "(hidden)" unless show_secrets.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "inspect/field.hpp"
#include "inspect/recorder.hpp"

namespace glass::inspect {

struct ReportMeta {
  std::string title = "glasstls connection";
  std::string version;     // "TLS 1.3"
  std::string suite;       // "TLS_AES_128_GCM_SHA256"
  std::string group;       // "x25519"
  std::string identities;  // "client CN=client, server CN=localhost"
  bool show_secrets = true;
  // Further summary lines shown at the top (label, value).
  std::vector<std::pair<std::string, std::string>> extra;
};

std::string to_json(const EventLog& log, const ReportMeta& meta);
std::string to_html(const EventLog& log, const ReportMeta& meta);
// Same, from an events snapshot.
std::string to_json(const std::vector<Event>& events, const ReportMeta& meta);
std::string to_html(const std::vector<Event>& events, const ReportMeta& meta);

// Building blocks (exposed for the CLI and tests).
std::string json_escape(std::string_view s);   // contents of a JSON string, no quotes
std::string html_escape(std::string_view s);   // & < > " ' escaped
std::string field_to_json(const Field& f);     // {"name":..,"offset":..,...,"children":[..]}

}  // namespace glass::inspect
