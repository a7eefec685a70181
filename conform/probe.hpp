#pragma once
// `glasstls conform`: a probe is data — a name, the RFC rule it checks, one
// deliberate deviation (a Config change, a Tamper, a rewrite of the first
// flight's bytes, a post-handshake action) and the outcome the RFC requires.
// The runner (runner.hpp) plays it against a server and classify() turns what
// the server did into PASS / FAIL / WARN / INFO / SKIP; the runner then makes it
// INCONCLUSIVE when our own identity explains the outcome.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/alert.hpp"
#include "core/bytes.hpp"
#include "handshake/config.hpp"
#include "handshake/connection.hpp"
#include "handshake/tamper.hpp"

namespace glass::conform {

struct Target;  // runner.hpp
struct Probe;

enum class Group : std::uint8_t { capability, client_cert, protocol, resumption };
std::string_view name_of(Group g);  // "capability", "client-cert", "protocol", "resumption"
std::optional<Group> parse_group(std::string_view s);

// What the server did, seen from our side of the socket.
struct Outcome {
  enum class Kind : std::uint8_t {
    completed,       // handshake done and the server did not object (answered data or stayed quiet)
    alert,           // the server sent a fatal alert (which: `alert`)
    closed,          // the server closed the connection without an alert
    timeout,         // nothing within the timeout
    local_error,     // our client stopped (it could not follow the server); `detail` says why
    connect_failed,  // no TCP connection
    skipped,         // the probe could not run here (`detail` says what it needs)
  };
  Kind kind = Kind::timeout;
  std::optional<core::Alert> alert;
  bool handshake_done = false;
  bool answered = false;  // the server sent application data
  bool request_sent = false;  // our request (Target::request) went out after the handshake
  std::string answer;     // the answer's first bytes (up to 1 KiB, through its first line)
  std::string detail;     // negotiated parameters, the reason of an error, ...
  // What the server did, when `kind` says too little (probes over a Session:
  // "close_notify, TCP closed"); describe() shows it instead.
  std::string did;
  // What our client answered the CertificateRequest with ("chain of 2, leaf
  // CN=..., valid" / "empty Certificate ..."); empty when none was requested.
  std::string sent;
  handshake::SessionInfo info;
};
std::string_view name_of(Outcome::Kind k);
// "alert unknown_ca", "closed without alert", "completed (answered data)", ...
std::string describe(const Outcome& o);

// What the RFC requires.
struct Expectation {
  enum class Kind : std::uint8_t {
    complete,  // the handshake completes and application data flows
    alert,     // the server aborts with one of `alerts` (empty: any fatal alert)
    info,      // capability row: report what happened, no verdict
  };
  Kind kind = Kind::info;
  std::vector<core::Alert> alerts;
  // Verdict when the server completes although `alert` was expected: FAIL unless
  // the RFC lets the server continue (MAY), then PASS or WARN.
  enum class IfCompleted : std::uint8_t { fail, pass, warn } if_completed = IfCompleted::fail;
  bool should = false;  // a SHOULD, not a MUST: a mismatch is WARN
  std::string label;    // short name for a long alert set ("a certificate alert"), or
                        // what an INFO-graded row requires ("close_notify before closing")
  // Where the RFC leaves the alert open (RFC 8446 6.2: "abort the handshake"
  // without a specific alert means the implementation SHOULD send the fitting
  // one) or names it without a MUST: the alerts in `tolerated` (every other alert
  // when `others_quote` is set) are WARN, with the RFC's words in the reason.
  std::vector<std::pair<core::Alert, std::string>> tolerated;
  std::string others_quote;
  std::string quote;  // for a SHOULD: the RFC's words, shown with a mismatch

  static Expectation completes() { return with(Kind::complete, {}); }
  static Expectation alert_of(std::vector<core::Alert> a) { return with(Kind::alert, std::move(a)); }
  static Expectation any_alert() { return with(Kind::alert, {}); }
  static Expectation information() { return {}; }
  // A row judged by its probe's own run (conform/session.hpp): `what` is shown as required.
  static Expectation judged_by_run(std::string what) {
    Expectation e;
    e.label = std::move(what);
    return e;
  }
  // The same, also taking `others` (every other alert when empty) as WARN with `why`.
  Expectation tolerate(const std::string& why, const std::vector<core::Alert>& others = {}) const {
    Expectation e = *this;
    if (others.empty()) e.others_quote = why;
    for (auto a : others) e.tolerated.emplace_back(a, why);
    return e;
  }
  // The RFC's words for a tolerated alert; nullptr: not tolerated.
  const std::string* tolerance(core::Alert a) const {
    for (auto& t : tolerated)
      if (t.first == a) return &t.second;
    return others_quote.empty() ? nullptr : &others_quote;
  }

 private:
  static Expectation with(Kind k, std::vector<core::Alert> a) {
    Expectation e;
    e.kind = k;
    e.alerts = std::move(a);
    return e;
  }
};
// "alert decrypt_error", "alert handshake_failure or insufficient_security", ...
std::string describe(const Expectation& e);

// INCONCLUSIVE: the server answered, but what it did is explained by our own
// client identity (unusable here, or no certificate was sent), not by the deviation.
enum class Verdict : std::uint8_t { pass, fail, warn, info, skip, inconclusive };
std::string_view name_of(Verdict v);  // "PASS", ...

struct Judgement {
  Judgement(Verdict v = Verdict::info, std::string w = {}, std::string s = {})
      : verdict(v), why(std::move(w)), severity(std::move(s)) {}
  Verdict verdict = Verdict::info;
  std::string why;  // one line: why this verdict
  std::string severity;  // a FAIL's consequence ("accepts any client certificate"), may be empty
};
Judgement classify(const Expectation& e, const Outcome& o);

// A Tamper that may look at the connection it deviates (e.g. to pick a scheme
// the server did not offer) and keeps a note of what it did.
struct ProbeTamper : handshake::Tamper {
  const handshake::Connection* conn = nullptr;
  std::string note;  // what was changed, for --explain and the detail column
  std::optional<std::vector<core::Bytes>> sent_chain;  // the Certificate as sent, when rewritten
};

// One connection attempt, built by a probe from the context.
struct Plan {
  handshake::Config cfg;                      // the client's config (deviations applied)
  std::shared_ptr<ProbeTamper> tamper;        // may be null
  // Rewrites the bytes of the first flight (the ClientHello records) before they
  // are sent: record-level deviations that need no keys.
  std::function<void(core::Bytes&)> first_flight;
  // After the handshake: what to send. Default: an HTTP request right away.
  enum class After : std::uint8_t { data, wait_then_data, key_update, none } after = After::data;
  std::string skip;  // non-empty: the probe cannot run here (why)
  // Stop (close_notify) as soon as the server's CertificateRequest was read or
  // the handshake is done: the preflight only wants to see what the server asks.
  bool stop_at_request = false;
};

// What every probe starts from: the target and the identities to play with.
struct Context {
  handshake::Config base;  // client config: SNI, anchors, the user's identity, defaults
  std::optional<handshake::Identity> identity;  // the user's client identity
  std::vector<core::Bytes> client_cas;          // --client-ca (the CA the server trusts for clients)
  // Made in memory by make_context():
  std::optional<handshake::Identity> unknown_ca;      // leaf + foreign root (root only to pass our own
                                                      // client's CA-name filter; stripped on the wire)
  std::optional<handshake::Identity> expired;         // needs the CA key
  std::optional<handshake::Identity> wrong_eku;       // extendedKeyUsage serverAuth only (CA key)
  std::optional<handshake::Identity> via_intermediates;  // leaf, int2, int1 (needs the CA key)
  std::shared_ptr<const crypto::SigningKey> other_key;   // same type as the user's key, unrelated
  std::string missing_ca_key;  // why expired/wrong-EKU/intermediate probes cannot run
  // Set from the preflight (conform/preflight.hpp): why the outcome of a probe
  // sent with the user's identity (resp. a certificate minted by the client CA)
  // says nothing about the server. Empty: no such problem found.
  std::string identity_problem;
  std::string client_ca_problem;
};

struct ProbeResult {
  const Probe* probe = nullptr;
  Outcome outcome;
  Judgement judgement;
};

struct Probe {
  std::string name;       // "client-cert.unknown-ca"
  Group group;
  std::string rfc;        // "RFC 8446 4.4.2.4, 6.2"
  std::string requirement;  // what the RFC says, one line
  Expectation expect;
  std::function<Plan(const Context&)> plan;
  // The deviation is in our client-authentication messages: against a server
  // that does not send CertificateRequest the probe is SKIP, not a verdict.
  // (Always true for the client-cert group.)
  bool needs_certificate_request = false;
  // A probe over several connections (resumption: get a ticket, then offer it)
  // plays and judges itself; `plan` is then unused.
  std::function<ProbeResult(const Target&, const Context&, core::Observer*)> run = nullptr;
};

const std::vector<Probe>& catalogue();
// Probes of catalogue_protocol_more.cpp, appended by catalogue().
void add_protocol_more(std::vector<Probe>& v);
void add_resumption(std::vector<Probe>& v);  // catalogue_resumption.cpp
void add_resumption12(std::vector<Probe>& v);  // catalogue_resumption12.cpp
void add_closing(std::vector<Probe>& v);       // catalogue_closing.cpp
void add_records(std::vector<Probe>& v);       // catalogue_records.cpp
const Probe* find_probe(std::string_view name);

}  // namespace glass::conform
