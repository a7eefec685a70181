#include "conform/answer.hpp"

#include <cstdio>

#include "conform/report.hpp"

namespace glass::conform {

std::string escaped(std::string_view bytes, std::size_t max) {
  std::string o;
  for (std::size_t i = 0; i < bytes.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    switch (c) {
      case '\r': o += "\\r"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\\': o += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          char b[8];
          std::snprintf(b, sizeof b, "\\x%02x", c);
          o += b;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  if (bytes.size() > max) o += "...";
  return o;
}

std::string status_line(std::string_view answer) {
  auto end = answer.find('\n');
  std::string_view line = answer.substr(0, end);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return escaped(line, 200);
}

int http_status(std::string_view line) {
  if (line.rfind("HTTP/", 0) != 0) return 0;
  auto sp = line.find(' ');
  if (sp == std::string_view::npos || line.size() < sp + 4) return 0;
  int code = 0;
  for (std::size_t i = sp + 1; i < sp + 4; ++i) {
    if (line[i] < '0' || line[i] > '9') return 0;
    code = code * 10 + (line[i] - '0');
  }
  return code;
}

bool judged_by_answer(const Probe& p) {
  return p.group == Group::client_cert && p.expect.kind == Expectation::Kind::alert &&
         p.expect.if_completed == Expectation::IfCompleted::warn;
}

Baseline run_baseline(const Target& t, const Context& ctx) {
  Baseline b;
  if (!t.send_request) b.problem = "--no-request: answers are not compared";
  else if (!ctx.identity) b.problem = "no client identity (--p12 or --cert/--key) for a baseline";
  else if (!ctx.identity_problem.empty()) b.problem = "our identity is not usable here";
  if (!b.problem.empty()) return b;
  Plan p;
  p.cfg = ctx.base;
  b.outcome = run_plan(t, std::move(p));
  if (b.outcome.kind == Outcome::Kind::completed && b.outcome.answered)
    b.status = status_line(b.outcome.answer);
  else
    b.problem = "the valid-certificate connection got no answer (" + describe(b.outcome) + ")";
  return b;
}

namespace {

// The verdict of one row from its answer; nullopt: the row keeps its verdict.
std::optional<Judgement> judge_answer(const ProbeResult& r, const Baseline& b) {
  const Outcome& o = r.outcome;
  std::string base = " (baseline: \"" + b.status + "\")";
  const std::string refused = "refused at the application layer: ";
  if (o.kind == Outcome::Kind::closed)
    return Judgement{Verdict::pass, refused + "closed the connection after the handshake" + base};
  if (o.kind != Outcome::Kind::completed) return std::nullopt;
  if (!o.answered) {
    if (!o.request_sent) return std::nullopt;
    return Judgement{Verdict::pass, refused + "no answer to our request" + base};
  }
  std::string st = status_line(o.answer);
  if (st == b.status) {
    std::string what = o.info.client_cert_sent ? "after this certificate" : "without a certificate";
    return Judgement{Verdict::fail,
                     "answered \"" + st + "\" " + what +
                         ", the same as to a valid certificate: the server does not tell them apart",
                     "accepts any client certificate"};
  }
  int code = http_status(st);
  if (code >= 400 && code < 500) return Judgement{Verdict::pass, refused + "\"" + st + "\"" + base};
  return Judgement{Verdict::warn, "answered \"" + st + "\", not the baseline's answer but not a " +
                                      "4xx refusal either: check the application refuses it" + base};
}

// A row that must be accepted (a valid certificate or chain) whose handshake
// completed but whose answer is a 4xx the baseline did not get: refused after all.
std::optional<Judgement> judge_acceptance(const ProbeResult& r, const Baseline& b) {
  if (!r.outcome.answered) return std::nullopt;
  std::string st = status_line(r.outcome.answer);
  int code = http_status(st);
  if (st == b.status || code < 400 || code >= 500) return std::nullopt;
  return Judgement{r.probe->expect.should ? Verdict::warn : Verdict::fail,
                   "the handshake completed but the server refused at the application layer: \"" +
                       st + "\" (baseline: \"" + b.status + "\")"};
}

}  // namespace

void judge_answers(std::vector<ProbeResult>& results, const Baseline& b) {
  if (!b.problem.empty()) return;
  for (auto& r : results) {
    auto v = r.judgement.verdict;
    if (!r.outcome.handshake_done || (v != Verdict::pass && v != Verdict::warn && v != Verdict::fail))
      continue;
    std::optional<Judgement> j;
    if (judged_by_answer(*r.probe)) j = judge_answer(r, b);
    else if (r.probe->group == Group::client_cert && r.probe->expect.kind == Expectation::Kind::complete)
      j = judge_acceptance(r, b);
    if (j) r.judgement = *j;
  }
}

std::string render_baseline(const Target& t, const Baseline& b) {
  std::string s = "request: " + (t.send_request ? "\"" + escaped(t.request, 200) + "\"" : "none") + "\n";
  if (!b.problem.empty()) return s + "baseline: none, " + b.problem + "\n";
  return s + "baseline (valid certificate): \"" + b.status + "\"\n";
}

std::string render_answers_json(const Target& t, const Baseline& b) {
  std::string o = "{\"request\": " + json_string(t.request) +
                  ", \"sent\": " + (t.send_request ? "true" : "false") + ", \"baseline\": {";
  o += "\"status\": " + json_string(b.status);
  o += ", \"first_bytes\": " + json_string(escaped(b.outcome.answer));
  o += ", \"problem\": " + json_string(b.problem) + "}}";
  return o;
}

}  // namespace glass::conform
