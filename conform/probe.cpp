#include "conform/probe.hpp"

#include <algorithm>

namespace glass::conform {

std::string_view name_of(Group g) {
  switch (g) {
    case Group::capability: return "capability";
    case Group::client_cert: return "client-cert";
    case Group::protocol: return "protocol";
    case Group::resumption: return "resumption";
  }
  return "?";
}

std::optional<Group> parse_group(std::string_view s) {
  for (auto g : {Group::capability, Group::client_cert, Group::protocol, Group::resumption})
    if (name_of(g) == s) return g;
  if (s == "client_cert" || s == "clientcert") return Group::client_cert;
  return std::nullopt;
}

std::string_view name_of(Outcome::Kind k) {
  using K = Outcome::Kind;
  switch (k) {
    case K::completed: return "completed";
    case K::alert: return "alert";
    case K::closed: return "closed";
    case K::timeout: return "timeout";
    case K::local_error: return "client-error";
    case K::connect_failed: return "connect-failed";
    case K::skipped: return "skipped";
  }
  return "?";
}

std::string describe(const Outcome& o) {
  using K = Outcome::Kind;
  if (!o.did.empty()) return o.did;
  switch (o.kind) {
    case K::completed:
      return o.answered ? "completed, answered data" : "completed, no objection";
    case K::alert:
      return "alert " + std::string(o.alert ? core::alert_name(*o.alert) : "?") +
             (o.handshake_done ? " (after our Finished)" : "");
    case K::closed: return "closed without alert";
    case K::timeout: return "no answer (timeout)";
    case K::local_error: return "our client stopped";
    case K::connect_failed: return "could not connect";
    case K::skipped: return "skipped";
  }
  return "?";
}

std::string describe(const Expectation& e) {
  switch (e.kind) {
    case Expectation::Kind::complete: return "completes";
    case Expectation::Kind::info: return e.label.empty() ? "(capability)" : e.label;
    case Expectation::Kind::alert: break;
  }
  std::string s;
  if (!e.label.empty()) {
    s = e.label;
  } else if (e.alerts.empty()) {
    s = "any fatal alert";
  } else {
    for (std::size_t i = 0; i < e.alerts.size(); ++i) {
      if (i) s += i + 1 == e.alerts.size() ? " or " : ", ";
      s += core::alert_name(e.alerts[i]);
    }
  }
  if (e.if_completed != Expectation::IfCompleted::fail) s += " (or continue)";
  return s;
}

std::string_view name_of(Verdict v) {
  switch (v) {
    case Verdict::pass: return "PASS";
    case Verdict::fail: return "FAIL";
    case Verdict::warn: return "WARN";
    case Verdict::info: return "INFO";
    case Verdict::skip: return "SKIP";
    case Verdict::inconclusive: return "INCONCLUSIVE";
  }
  return "?";
}

Judgement classify(const Expectation& e, const Outcome& o) {
  using K = Outcome::Kind;
  if (o.kind == K::skipped) return {Verdict::skip, o.detail};
  if (e.kind == Expectation::Kind::info) return {Verdict::info, describe(o)};
  // A mismatch of a SHOULD is a warning, of a MUST a failure.
  const Verdict miss = e.should ? Verdict::warn : Verdict::fail;
  if (o.kind == K::connect_failed) return {Verdict::fail, "could not connect: " + o.detail};

  if (e.kind == Expectation::Kind::complete) {
    if (o.kind == K::completed) return {Verdict::pass, "completed as required"};
    return {miss, "expected the handshake to complete, got " + describe(o) +
                      (e.quote.empty() ? "" : ": " + e.quote)};
  }

  // An alert is expected.
  switch (o.kind) {
    case K::alert: {
      bool ok = e.alerts.empty() ||
                std::find(e.alerts.begin(), e.alerts.end(), *o.alert) != e.alerts.end();
      std::string sent = "sent " + std::string(core::alert_name(*o.alert));
      if (ok) return {Verdict::pass, sent};
      if (const std::string* quote = e.tolerance(*o.alert))
        return {Verdict::warn, sent + ", allowed but not the best choice (" + describe(e) + "): " + *quote};
      return {miss, sent + ", the RFC requires " + describe(e)};
    }
    case K::completed:
      switch (e.if_completed) {
        case Expectation::IfCompleted::pass:
          return {Verdict::pass, "continued (the RFC allows it)"};
        case Expectation::IfCompleted::warn:
          return {Verdict::warn, "continued (allowed by the RFC, but the client was not "
                                 "authenticated: check the application refuses it)"};
        case Expectation::IfCompleted::fail:
          break;
      }
      return {miss, "accepted the deviation (" + describe(o) + "); the RFC requires " + describe(e)};
    case K::closed:
      // RFC 8446 6.2: on a fatal error an implementation "SHOULD send an appropriate
      // fatal alert and MUST close the connection".
      return {Verdict::warn, "closed without an alert (RFC 8446 6.2: \"SHOULD send an appropriate "
                             "fatal alert and MUST close the connection\"); the RFC asks for " +
                                 describe(e)};
    case K::timeout:
      return {miss, "no answer; the RFC requires " + describe(e)};
    case K::local_error:
      return {Verdict::fail, "inconclusive: " + o.detail};
    default:
      break;
  }
  return {Verdict::fail, describe(o)};
}

}  // namespace glass::conform
