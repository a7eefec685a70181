#include "conform/report.hpp"

#include <cstdio>

#include "conform/answer.hpp"
#include "x509/name.hpp"

namespace glass::conform {

namespace {

std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

std::string painted(Verdict v, bool colour) {
  std::string n(name_of(v));
  if (!colour) return n;
  const char* code = v == Verdict::pass   ? "32"
                     : v == Verdict::fail ? "31"
                     : v == Verdict::warn ? "33"
                     : v == Verdict::inconclusive ? "35"
                                          : "36";
  return std::string("\x1b[") + code + "m" + n + "\x1b[0m";
}

std::string ca_name_text(core::ByteView der) {
  auto n = x509::Name::parse(der);
  return n ? n->to_string() : "(unparsable name)";
}

}  // namespace

Summary summarize(const std::vector<ProbeResult>& results) {
  Summary s;
  for (auto& r : results) {
    switch (r.judgement.verdict) {
      case Verdict::pass: ++s.pass; break;
      case Verdict::fail: ++s.fail; break;
      case Verdict::warn: ++s.warn; break;
      case Verdict::info: ++s.info; break;
      case Verdict::skip: ++s.skip; break;
      case Verdict::inconclusive: ++s.inconclusive; break;
    }
  }
  return s;
}

int exit_status(const Summary& s) {
  if (s.fail > 0) return 1;
  if (s.pass + s.warn == 0 && s.inconclusive > 0) return 2;
  return 0;
}

std::string render_table(const std::vector<ProbeResult>& results, const std::string& target,
                         bool colour) {
  std::size_t wn = 5, wr = 3, we = 8, wo = 10;
  for (auto& r : results) {
    wn = std::max(wn, r.probe->name.size());
    wr = std::max(wr, r.probe->rfc.size());
    we = std::max(we, describe(r.probe->expect).size());
    wo = std::max(wo, describe(r.outcome).size());
  }
  wr = std::min<std::size_t>(wr, 28);
  we = std::min<std::size_t>(we, 40);
  std::string out = "glasstls conform " + target + "\n\n";
  out += pad("probe", wn) + "  " + pad("RFC", wr) + "  " + pad("required", we) + "  " +
         pad("server did", wo) + "  verdict\n";
  out += std::string(wn + wr + we + wo + 15, '-') + "\n";
  for (auto& r : results) {
    out += pad(r.probe->name, wn) + "  " + pad(r.probe->rfc, wr) + "  " +
           pad(describe(r.probe->expect), we) + "  " + pad(describe(r.outcome), wo) + "  " +
           painted(r.judgement.verdict, colour) + "\n";
    std::string detail = r.judgement.verdict == Verdict::info ? r.outcome.detail : r.judgement.why;
    if (!r.judgement.severity.empty()) detail = r.judgement.severity + ": " + detail;
    if (r.judgement.verdict != Verdict::info && !r.outcome.detail.empty() &&
        r.judgement.why.find(r.outcome.detail) == std::string::npos)
      detail += " — " + r.outcome.detail;
    if (!detail.empty()) out += "    " + detail + "\n";
    if (!r.outcome.sent.empty() && r.judgement.verdict != Verdict::inconclusive &&
        r.judgement.verdict != Verdict::info)
      out += "    sent: " + r.outcome.sent + "\n";
    if (r.outcome.answered) out += "    answer: \"" + status_line(r.outcome.answer) + "\"\n";
  }
  auto s = summarize(results);
  out += "\n" + std::to_string(s.pass) + " pass, " + std::to_string(s.fail) + " fail, " +
         std::to_string(s.warn) + " warn, " + std::to_string(s.info) + " info, " +
         std::to_string(s.skip) + " skipped, " + std::to_string(s.inconclusive) + " inconclusive\n";
  auto auth = client_auth_summary(results);
  if (!auth.empty()) out += "\n" + auth;
  auto refusals = refusal_summary(results);
  if (!refusals.empty()) out += "\n" + refusals + "\n";
  return out;
}

std::string json_string(std::string_view s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          o += b;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o + "\"";
}

std::string render_json(const std::vector<ProbeResult>& results, const std::string& target,
                        const std::string& preflight_json, const std::string& answers_json) {
  auto s = summarize(results);
  std::string o = "{\n  \"target\": " + json_string(target) + ",\n  \"summary\": {\"pass\": " +
                  std::to_string(s.pass) + ", \"fail\": " + std::to_string(s.fail) +
                  ", \"warn\": " + std::to_string(s.warn) + ", \"info\": " +
                  std::to_string(s.info) + ", \"skip\": " + std::to_string(s.skip) +
                  ", \"inconclusive\": " + std::to_string(s.inconclusive) + "},\n";
  if (!preflight_json.empty()) o += "  \"preflight\": " + preflight_json + ",\n";
  if (!answers_json.empty()) o += "  \"answers\": " + answers_json + ",\n";
  o += "  \"probes\": [";
  for (std::size_t i = 0; i < results.size(); ++i) {
    auto& r = results[i];
    o += i ? ",\n    {" : "\n    {";
    o += "\"name\": " + json_string(r.probe->name);
    o += ", \"group\": " + json_string(name_of(r.probe->group));
    o += ", \"rfc\": " + json_string(r.probe->rfc);
    o += ", \"requirement\": " + json_string(r.probe->requirement);
    o += ", \"expected\": " + json_string(describe(r.probe->expect));
    o += ", \"outcome\": " + json_string(name_of(r.outcome.kind));
    o += ", \"alert\": " +
         (r.outcome.alert ? json_string(core::alert_name(*r.outcome.alert)) : std::string("null"));
    o += ", \"server_did\": " + json_string(describe(r.outcome));
    o += ", \"verdict\": " + json_string(name_of(r.judgement.verdict));
    o += ", \"why\": " + json_string(r.judgement.why);
    o += ", \"detail\": " + json_string(r.outcome.detail);
    o += ", \"sent\": " + json_string(r.outcome.sent);
    o += ", \"severity\": " + json_string(r.judgement.severity);
    o += ", \"request_sent\": " + std::string(r.outcome.request_sent ? "true" : "false");
    o += ", \"answer\": ";
    o += r.outcome.answered ? "{\"status\": " + json_string(status_line(r.outcome.answer)) +
                                  ", \"first_bytes\": " + json_string(escaped(r.outcome.answer)) + "}"
                            : std::string("null");
    o += "}";
  }
  o += "\n  ],\n  \"client_auth\": " + json_string(client_auth_summary(results)) +
       ",\n  \"refusals\": " + json_string(refusal_summary(results)) + "\n}\n";
  return o;
}

std::string client_auth_summary(const std::vector<ProbeResult>& results) {
  std::string out;
  for (auto& r : results) {
    auto& n = r.probe->name;
    if (n.rfind("capability.certificate-request.", 0) == 0 && r.outcome.handshake_done) {
      auto& i = r.outcome.info;
      out += n.substr(31) + ": ";
      if (!i.client_cert_requested) {
        out += "no CertificateRequest\n";
        continue;
      }
      out += "CertificateRequest with " + std::to_string(i.schemes_requested.size()) + " schemes (";
      for (std::size_t k = 0; k < i.schemes_requested.size(); ++k)
        out += (k ? ", " : "") + crypto::name_of(i.schemes_requested[k]);
      out += ")";
      if (i.ca_names_requested.empty()) {
        out += ", no CA names\n";
      } else {
        out += ", CA names:";
        for (auto& ca : i.ca_names_requested) out += " [" + ca_name_text(ca) + "]";
        out += "\n";
      }
    }
    if ((n == "client-cert.none.tls1.3" || n == "client-cert.none.tls1.2") &&
        r.outcome.kind != Outcome::Kind::skipped) {
      out += "without a certificate (" + n.substr(17) + "): ";
      bool refused_in_app = r.outcome.answered && r.judgement.verdict == Verdict::pass;
      if (refused_in_app)
        out += "the handshake completes, the application refuses (\"" + status_line(r.outcome.answer) +
               "\"): it requires one\n";
      else if (r.outcome.kind == Outcome::Kind::completed)
        out += "the server continues (it requests, does not require)\n";
      else
        out += "the server refuses (" + describe(r.outcome) + "): it requires one\n";
    }
  }
  return out;
}

std::string refusal_summary(const std::vector<ProbeResult>& results) {
  int with_alert = 0;
  std::vector<std::string> bare;
  for (auto& r : results) {
    if (r.probe->expect.kind != Expectation::Kind::alert) continue;
    if (r.outcome.kind == Outcome::Kind::alert) ++with_alert;
    if (r.outcome.kind == Outcome::Kind::closed) bare.push_back(r.probe->name);
  }
  if (with_alert == 0 && bare.empty()) return {};
  std::string s = "refusals: " + std::to_string(with_alert) + " with an alert before the close, " +
                  std::to_string(bare.size()) + " closed without one";
  for (std::size_t i = 0; i < bare.size() && i < 5; ++i) s += (i ? ", " : " (") + bare[i];
  if (bare.size() > 5) s += ", ...";
  return bare.empty() ? s : s + ")";
}

}  // namespace glass::conform
