// Probes of how a server ends a connection (RFC 8446 6.1, 6.2; RFC 5246 7.2.1,
// 7.2.2): whether it answers our close_notify with its own before closing,
// whether it ignores data after a close_notify, and whether it closes after
// a fatal alert from us. Each runs over a Session (conform/session.hpp): the
// alerts and data are raw records written with the connection's keys.
#include "conform/resumption.hpp"
#include "conform/session.hpp"
#include "record/alert.hpp"
#include "record/content_type.hpp"

namespace glass::conform {

namespace {

using core::Alert;
using handshake::HandshakeType;
using handshake::ProtocolVersion;
using E = Expectation;
using Until = Session::Until;

const std::string kMustCloseNotify13 =
    "RFC 8446 6.1: \"Each party MUST send a \"close_notify\" alert before closing its write side of "
    "the connection, unless it has already sent some error alert.\"";
const std::string kMustRespond12 =
    "RFC 5246 7.2.1: \"The other party MUST respond with a close_notify alert of its own and close "
    "down the connection immediately, discarding any pending writes.\"";
const std::string kIgnoreAfterClose =
    "RFC 8446 6.1: \"Any data received after a closure alert has been received MUST be ignored.\"";
const std::string kCloseAfterFatal =
    "RFC 8446 6.2: \"Upon transmission or receipt of a fatal alert message, both parties MUST "
    "immediately close the connection.\"";

// Our close_notify after the request's answer; the server's close_notify (before
// or after ours) and its TCP close are what the row reports.
ProbeResult close_notify(const Target& t, const Context& ctx, core::Observer* obs, ProtocolVersion v) {
  Session s(t, tapped_plan(ctx, v, std::make_shared<RecordTap>()), obs);
  if (auto o = s.handshake()) return without_handshake(*o);
  Reaction answer = s.request();
  s.conn().close();
  s.flush();
  Reaction r = answer.closed() ? answer : s.wait(Until::close, t.timeout_ms);
  bool theirs = answer.close_notify || r.close_notify;
  std::string did = answer.closed() ? "closed after its answer, before our close_notify: " + describe(r)
                                    : (answer.close_notify ? "close_notify with its answer; " : std::string()) +
                                          "after our close_notify: " + describe(r);
  auto o = s.outcome(r, did);
  const bool t13 = v == ProtocolVersion::tls13;
  if (r.alert) return judged(o, Verdict::warn, "answered our close_notify with alert " +
                                                   std::string(core::alert_name(*r.alert)) + " (" + did + ")");
  if (!r.local_error.empty()) return judged(o, Verdict::warn, "our client stopped: " + r.local_error);
  if (theirs) {
    if (answer.close_notify) o.did = "close_notify with its answer";
    return judged(o, Verdict::pass, std::string("sent its own close_notify") +
                                        (r.closed() ? " before closing the connection" : "; the connection stayed open"));
  }
  if (r.closed())
    return judged(o, Verdict::fail, "closed the connection without a close_notify; " +
                                        (t13 ? kMustCloseNotify13 : kMustRespond12));
  if (t13)
    return judged(o, Verdict::info, "no close_notify and no close within " + std::to_string(r.ms) +
                                        " ms: the server keeps its write side open, which RFC 8446 6.1 allows "
                                        "(a close_notify \"does not have any effect on its read side\")");
  return judged(o, Verdict::fail, "no close_notify within " + std::to_string(r.ms) + " ms; " + kMustRespond12);
}

// close_notify, then the request in the next record: the server must not answer it.
ProbeResult data_after_close(const Target& t, const Context& ctx, core::Observer* obs) {
  if (!t.send_request) return judged({}, Verdict::skip, "sends the request after close_notify (--no-request given)");
  Session s(t, tapped_plan(ctx, std::nullopt, std::make_shared<RecordTap>()), obs);
  if (auto o = s.handshake()) return without_handshake(*o);
  // A server that speaks first (a banner) would look as if it answered: listen before closing.
  Reaction first = s.wait(Until::reaction, t.verdict_ms);
  if (first.alert || !first.local_error.empty() || first.closed() || first.close_notify)
    return judged(s.outcome(first, "before our close_notify: " + describe(first)), Verdict::skip,
                  "the server ended the connection before the probe could act: " + describe(first));
  if (!first.data.empty())
    return judged(s.outcome(first, "unprompted data: " + describe(first)), Verdict::info,
                  "the server sends data before any request: an answer after close_notify cannot be told");
  auto* w = s.writer();
  s.conn().close();
  if (!w || !w->write(record::ContentType::application_data, core::as_bytes(t.request)))
    return judged({}, Verdict::skip, "our client could not write a record after close_notify");
  s.flush();
  Reaction r = s.wait(Until::close, t.timeout_ms);
  auto o = s.outcome(r, "close_notify, then our request: " + describe(r));
  if (!r.data.empty())
    return judged(o, Verdict::fail, "answered the request sent after our close_notify; " + kIgnoreAfterClose);
  return judged(o, Verdict::pass, "did not answer the request that followed our close_notify (" + describe(r) + ")");
}

// Replaces our Finished with a fatal handshake_failure alert.
struct AlertForFinished : RecordTap {
  bool outgoing(HandshakeType type, core::Bytes&) override {
    if (type != HandshakeType::finished || !writer) return true;
    (void)writer->write_alert(record::make_alert(Alert::handshake_failure));
    note = "fatal handshake_failure alert instead of our Finished";
    return false;
  }
};

// Judges the wait after our fatal alert: the server closes (PASS), answers or
// stays open (FAIL).
ProbeResult after_our_alert(Session& s, const Reaction& r, const std::string& what) {
  auto o = s.outcome(r, what + ": " + describe(r));
  if (!r.data.empty())
    return judged(o, Verdict::fail, "answered data sent after our fatal alert; " + kCloseAfterFatal);
  if (r.closed())
    return judged(o, Verdict::pass, "closed the connection after our fatal alert (" + describe(r) + ")");
  return judged(o, Verdict::fail, "the connection stayed open " + std::to_string(r.ms) + " ms after our fatal alert; " +
                                      kCloseAfterFatal);
}

ProbeResult alert_in_handshake(const Target& t, const Context& ctx, core::Observer* obs) {
  Session s(t, tapped_plan(ctx, ProtocolVersion::tls13, std::make_shared<AlertForFinished>()), obs);
  // Our client counts the handshake done once its (dropped) Finished is written.
  if (auto o = s.handshake()) return without_handshake(*o);
  return after_our_alert(s, s.wait(Until::close, s.target().timeout_ms), "handshake_failure instead of Finished");
}

ProbeResult alert_after_handshake(const Target& t, const Context& ctx, core::Observer* obs) {
  Session s(t, tapped_plan(ctx, std::nullopt, std::make_shared<RecordTap>()), obs);
  if (auto o = s.handshake()) return without_handshake(*o);
  auto* w = s.writer();
  if (!w || !w->write_alert(record::make_alert(Alert::decode_error)))
    return judged({}, Verdict::skip, "our client could not write an alert record");
  if (t.send_request) (void)w->write(record::ContentType::application_data, core::as_bytes(t.request));
  s.flush();
  return after_our_alert(s, s.wait(Until::close, t.timeout_ms),
                         std::string("fatal decode_error") + (t.send_request ? ", then our request" : ""));
}

}  // namespace

void add_closing(std::vector<Probe>& v) {
  for (auto ver : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    bool t13 = ver == ProtocolVersion::tls13;
    v.push_back(stepped_probe(
        std::string("protocol.close-notify.") + (t13 ? "tls1.3" : "tls1.2"), t13 ? "RFC 8446 6.1" : "RFC 5246 7.2.1",
        t13 ? "after our close_notify: the server MUST send close_notify before it closes its write side"
            : "after our close_notify: the server MUST respond with its own close_notify",
        E::judged_by_run(t13 ? "close_notify before closing" : "close_notify in answer"), [ver](const Target& t, const Context& c, core::Observer* o) {
          return close_notify(t, c, o, ver);
        }));
  }
  v.push_back(stepped_probe("protocol.data-after-close-notify", "RFC 8446 6.1, RFC 5246 7.2.1",
                            "a request sent after our close_notify MUST be ignored: no answer",
                            E::judged_by_run("no answer"), data_after_close));
  v.push_back(stepped_probe("protocol.alert-closes.handshake", "RFC 8446 6.2",
                            "a fatal alert instead of our Finished: the server MUST close the connection",
                            E::judged_by_run("closes the connection"), alert_in_handshake));
  v.push_back(stepped_probe("protocol.alert-closes.after-handshake", "RFC 8446 6.2, RFC 5246 7.2.2",
                            "a fatal alert after the handshake: the server MUST close the connection and "
                            "not answer data that follows",
                            E::judged_by_run("closes, no answer"), alert_after_handshake));
}

}  // namespace glass::conform
