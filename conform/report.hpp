#pragma once
// The conformance table (text) and its JSON form.
#include <string>
#include <vector>

#include "conform/probe.hpp"

namespace glass::conform {

struct Summary {
  int pass = 0, fail = 0, warn = 0, info = 0, skip = 0, inconclusive = 0;
};
Summary summarize(const std::vector<ProbeResult>& results);

// Exit status of a conform run: 1 when a probe FAILed; 2 when no probe produced
// a verdict (PASS/FAIL/WARN) but some were INCONCLUSIVE: nothing could be tested;
// 0 otherwise (INCONCLUSIVE, INFO and SKIP rows do not change it).
int exit_status(const Summary& s);

// One row per probe: probe, RFC section, required, what the server did, verdict,
// and below it the detail (why, negotiated parameters, the deviation made).
std::string render_table(const std::vector<ProbeResult>& results, const std::string& target,
                         bool colour = false);

// {"target": ..., "summary": {...}, "preflight": {...}, "probes": [{"name", "group", "rfc",
//   "requirement", "expected", "outcome", "alert", "verdict", "why", "detail", "sent",
//   "severity", "request_sent", "answer": {"status", "first_bytes"} | null}, ...]}
//   ... "client_auth": "<client_auth_summary>", "refusals": "<refusal_summary>"}
// `preflight_json` (conform/preflight.hpp) and `answers_json` (the request and the
// baseline, conform/answer.hpp) are JSON objects, or empty to leave them out.
std::string render_json(const std::vector<ProbeResult>& results, const std::string& target,
                        const std::string& preflight_json = {},
                        const std::string& answers_json = {});

// What the CertificateRequest asked for and whether the server requires a
// certificate, drawn from the capability and client-cert rows.
std::string client_auth_summary(const std::vector<ProbeResult>& results);

// How the server refused, over the rows whose RFC text requires an alert: "refusals: 40
// with an alert before the close, 2 closed without one (protocol.x, protocol.y)"; empty
// when no such row refused. RFC 8446 6.2: it "SHOULD send an appropriate fatal alert and
// MUST close the connection".
std::string refusal_summary(const std::vector<ProbeResult>& results);

// JSON string escaping (quotes included).
std::string json_string(std::string_view s);

}  // namespace glass::conform
