#pragma once
// Judging the answer, not only the handshake. Many servers finish the TLS
// handshake whatever certificate they got and refuse at the application layer
// (nginx with `ssl_verify_client on` answers "400 No required SSL certificate
// was sent"). Every probe sends the same request (Target::request) as a baseline
// connection made with the valid identity; the rows about a certificate the
// server must not take as authentication compare their answer with the
// baseline's: a refusal is PASS, the baseline's answer is FAIL.
#include <string>
#include <string_view>
#include <vector>

#include "conform/probe.hpp"
#include "conform/runner.hpp"

namespace glass::conform {

// The valid-certificate connection the answers are compared with.
struct Baseline {
  Outcome outcome;
  std::string status;   // the first line of its answer (escaped)
  std::string problem;  // why answers cannot be judged; empty: they can
};
Baseline run_baseline(const Target& t, const Context& ctx);

// Printable form of raw bytes: \r \n \t \\ \xHH; at most `max` bytes, "..." when cut.
std::string escaped(std::string_view bytes, std::size_t max = 64);
// The first line of an answer (without its line end), escaped, at most 200 bytes.
std::string status_line(std::string_view answer);
// The status code of an HTTP status line ("HTTP/1.1 400 Bad Request": 400), 0 if none.
int http_status(std::string_view line);

// The rows judged by their answer: a certificate the server must not take as
// authentication (unknown CA, expired, bad CA signature, incomplete chain) or
// no certificate at all (the client-cert rows that may continue, RFC 8446 4.4.2.4).
bool judged_by_answer(const Probe& p);

// For those rows whose handshake completed (and the baseline answered):
//   a 4xx status, a closed connection or no answer: PASS "refused at the application layer";
//   the baseline's status line: FAIL, severity "accepts any client certificate";
//   another answer: WARN (the difference is shown).
// A client-cert row that must complete (valid certificate or chain) whose answer
// is a 4xx the baseline did not get was refused after all: FAIL (WARN for a SHOULD).
void judge_answers(std::vector<ProbeResult>& results, const Baseline& b);

// "baseline (valid certificate): HTTP/1.1 200 OK" or why there is none.
std::string render_baseline(const Target& t, const Baseline& b);
// {"request": ..., "sent": bool, "baseline": {"status", "first_bytes", "problem"}}
std::string render_answers_json(const Target& t, const Baseline& b);

}  // namespace glass::conform
