#pragma once
// Whole-connection reports rendered from an EventLog:
//  - JSON: every event with step, side, kind, and for messages/records the
//    dissected field tree plus hex (schema: inspect/schema/events.schema.json);
//  - HTML: one self-contained page (inline CSS and JS, no external URL of any
//    kind, a Content-Security-Policy that forbids every fetch): a ladder
//    diagram with one arrow per message or non-handshake record, a panel per
//    arrow (prose, annotated bytes, state changes, protection steps), the key
//    schedule as a tree, a summary with the diagnosis (see inspect/html/).
// Every string is escaped; secrets show as "(hidden)" unless show_secrets.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "inspect/field.hpp"
#include "inspect/recorder.hpp"

namespace glass::inspect {

// One numbered step (or unnumbered paragraph) of the text narration of the
// same run, so the page uses the text's step numbers and shows its lines.
struct TextStep {
  unsigned number = 0;     // step number in the text (0: a paragraph: summary, diagnosis)
  std::size_t event = 0;   // log step of the event this step narrates (0: none)
  std::string side, kind;  // "client"; "message", "secret", "app", "text", ...
  std::string text;        // the step's line
  std::string detail;      // the indented lines below it (trees, checks), no colour codes
};

// "Show your work" for one derived value: how it was computed and how to check it.
struct WorkShown {
  std::string label;    // "client_handshake_traffic_secret", "client write key"
  std::optional<core::Secret> secret;  // the secret derived, if the engine reports it
  std::string formula;  // Derive-Secret(handshake_secret, "c hs traffic", H(ClientHello..ServerHello))
  std::vector<std::pair<std::string, std::string>> inputs;  // (name, hex)
  std::string output;   // hex
  std::string command;  // an openssl command printing `output` ("" if none)
  bool checked = false; // an independent recomputation gave the engine's value
};

// One value of a record's protection (sequence number, nonce, AAD, tag, ...),
// shown in order in the record's panel. Rows given in ReportMeta::protection
// win over those read from the event itself (html_protection.hpp).
struct ProtectionValue {
  std::string name;   // "sequence number", "nonce = iv XOR seq", "AAD", "tag"
  std::string value;  // as text (hex for bytes)
  std::string note;   // optional explanation
};

struct ReportMeta {
  std::string title = "glasstls connection";
  std::string version;     // "TLS 1.3"
  std::string suite;       // "TLS_AES_128_GCM_SHA256"
  std::string group;       // "x25519"
  std::string identities;  // "client CN=client, server CN=localhost"
  bool show_secrets = true;
  // Further summary lines shown at the top (label, value).
  std::vector<std::pair<std::string, std::string>> extra;

  // HTML only (all optional; the page reads without them):
  std::string client_identity, server_identity;  // certificate subjects, "(none)"
  std::string diagnosis;                          // "likely cause: ..." lines of a failure
  std::vector<TextStep> narration;                // the text run, for its step numbers
  std::map<std::size_t, std::vector<WorkShown>> work;              // by log step
  std::map<std::size_t, std::vector<ProtectionValue>> protection;  // by log step of a record
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
