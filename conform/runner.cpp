#include "conform/runner.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <optional>

#include <boost/asio.hpp>

#include "conform/wire.hpp"
#include "x509/certificate.hpp"

namespace glass::conform {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kAnswerKeep = 1024;  // bytes of the server's answer kept for judging

int ms_left(Clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// "chain of 2, leaf CN=client, valid" / "empty Certificate (why)".
std::string sent_text(const Plan& plan, const handshake::SessionInfo& i) {
  if (!i.client_cert_sent) return "empty Certificate";
  const std::vector<core::Bytes>* chain = nullptr;
  if (plan.tamper && plan.tamper->sent_chain) chain = &*plan.tamper->sent_chain;
  else if (!plan.cfg.identities.empty()) chain = &plan.cfg.identities.front().chain;
  if (!chain || chain->empty()) return "a certificate";
  std::string s = "chain of " + std::to_string(chain->size());
  auto leaf = x509::Certificate::parse(chain->front());
  if (!leaf) return s + ", unparsable leaf";
  std::int64_t now = plan.cfg.now ? plan.cfg.now() : static_cast<std::int64_t>(std::time(nullptr));
  s += ", leaf " + leaf->subject().short_form();
  if (now > leaf->not_after()) return s + ", expired";
  if (now < leaf->not_before()) return s + ", not yet valid";
  return s + ", valid";
}

}  // namespace

namespace {

// One connection while run_plan plays it: each step returns the Outcome once
// the server's behaviour is known, nothing while the exchange goes on.
struct Exchange {
  using Step = std::optional<Outcome>;
  const Target& t;
  Plan& plan;
  asio::io_context io;
  tcp::socket sock{io};
  int fd = -1;
  handshake::Connection conn;
  Outcome out;
  bool can_send = true, acted = false;
  Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(t.timeout_ms);
  // time_point::max(): no data to send (not std::optional: g++ 12 -O2 warns falsely).
  Clock::time_point send_data_at = Clock::time_point::max();

  Exchange(const Target& target, Plan& p) : t(target), plan(p), conn(p.cfg) {
    if (plan.tamper) plan.tamper->conn = &conn;
  }
  void flush() {
    if (conn.has_output() && can_send) can_send = send_all(fd, conn.take_output());
  }
  void wait_again() { deadline = Clock::now() + std::chrono::milliseconds(t.timeout_ms); }
  core::Status request() {
    if (!t.send_request) return {};
    out.request_sent = true;
    return conn.write(core::as_bytes(t.request));
  }

  Outcome finish(Outcome::Kind k) {
    out.kind = k;
    out.info = conn.info();
    if (out.handshake_done && k != Outcome::Kind::completed)
      out.detail = session_line(out.info) + "; then " + out.detail;
    if (plan.tamper && !plan.tamper->note.empty())
      out.detail = out.detail.empty() ? plan.tamper->note : out.detail + " [" + plan.tamper->note + "]";
    if (out.info.client_cert_requested) out.sent = sent_text(plan, out.info);
    return out;
  }
  Outcome fail_local(const std::string& what, const core::Status& st) {
    out.detail = what + st.error().to_string();
    return finish(Outcome::Kind::local_error);
  }
  Outcome answered() {
    out.answered = true;
    out.detail = session_line(conn.info()) + "; the server answered our data";
    return finish(Outcome::Kind::completed);
  }

  // The handshake just completed: what the plan sends after it.
  Step after_handshake() {
    acted = true;
    out.handshake_done = true;
    core::Status st;
    switch (plan.after) {
      case Plan::After::data: st = request(); break;
      case Plan::After::wait_then_data:
        send_data_at = Clock::now() + std::chrono::milliseconds(t.verdict_ms);
        break;
      case Plan::After::key_update:
        st = conn.key_update(false);
        if (st) st = request();
        break;
      case Plan::After::none: break;
    }
    if (!st) return fail_local("our client could not send after the handshake: ", st);
    wait_again();
    return {};
  }

  // poll() found nothing until the deadline (or the time to send data).
  Step on_quiet() {
    if (send_data_at != Clock::time_point::max()) {
      if (Clock::now() < send_data_at) return {};  // poll() woke up early (it counts whole ms)
      send_data_at = Clock::time_point::max();
      if (auto st = request(); !st) return fail_local("our client could not send data: ", st);
      wait_again();
      return {};
    }
    if (!out.answer.empty()) return answered();
    if (out.handshake_done) {
      out.detail = session_line(conn.info()) + "; no answer " + (out.request_sent ? "to our data " : "") +
                   "within " + std::to_string(t.timeout_ms) + " ms, but no alert either";
      return finish(Outcome::Kind::completed);
    }
    out.detail = "no answer within " + std::to_string(t.timeout_ms) + " ms (our state " +
                 conn.state_name() + ")";
    return finish(Outcome::Kind::timeout);
  }

  Step on_bytes(core::ByteView b);
  Step on_closed(bool reset) {
    if (!out.answer.empty()) return answered();
    out.detail = std::string(reset ? "TCP reset" : "TCP closed") + " in our state " +
                 conn.state_name() + (out.handshake_done ? " (after the handshake)" : "");
    return finish(Outcome::Kind::closed);
  }
};

Exchange::Step Exchange::on_bytes(core::ByteView b) {
  auto st = conn.feed(b);
  flush();
  if (!st) {
    out.handshake_done = out.handshake_done || conn.is_handshake_done();
    const auto& err = conn.error();
    if (conn.error_from_peer() && err) {
      out.alert = err->alert;
      out.detail = err->reason;
      return finish(Outcome::Kind::alert);
    }
    out.detail = "our client stopped: " + (err ? err->to_string() : st.error().to_string());
    return finish(Outcome::Kind::local_error);
  }
  if (plan.stop_at_request && (conn.info().client_cert_requested || conn.is_handshake_done())) {
    out.handshake_done = conn.is_handshake_done();
    conn.close();
    flush();
    out.detail = session_line(conn.info()) + "; stopped once the server's request was read";
    return finish(Outcome::Kind::completed);
  }
  if (conn.has_app_data()) {
    // Keep the answer's first bytes; read on until its first line is complete.
    auto data = conn.read();
    std::size_t room = kAnswerKeep - std::min(kAnswerKeep, out.answer.size());
    out.answer.append(reinterpret_cast<const char*>(data.data()), std::min(room, data.size()));
    if (out.answer.find('\n') != std::string::npos || out.answer.size() >= kAnswerKeep)
      return answered();
  }
  if (conn.peer_closed()) {
    if (!out.answer.empty()) return answered();
    out.detail = "close_notify without an error alert in our state " + conn.state_name();
    return finish(Outcome::Kind::closed);
  }
  return {};
}

}  // namespace

Outcome run_plan(const Target& t, Plan plan, core::Observer* observer) {
  if (!plan.skip.empty()) {
    Outcome out;
    out.kind = Outcome::Kind::skipped;
    out.detail = plan.skip;
    return out;
  }
  plan.cfg.role = handshake::Role::client;
  plan.cfg.observer = observer;
  plan.cfg.tamper = plan.tamper.get();
  Exchange x(t, plan);
  if (!connect_to(x.io, x.sock, t, x.out.detail)) {
    x.out.kind = Outcome::Kind::connect_failed;
    return x.out;
  }
  x.fd = x.sock.native_handle();
  if (auto st = x.conn.start(); !st) return x.fail_local("our client could not start: ", st);
  core::Bytes first = x.conn.take_output();
  if (plan.first_flight) plan.first_flight(first);
  x.can_send = send_all(x.fd, first);
  x.wait_again();
  core::Bytes buf(16384);
  for (;;) {
    if (x.conn.is_handshake_done() && !x.acted)
      if (auto o = x.after_handshake()) return *o;
    x.flush();
    auto until = std::min(x.deadline, x.send_data_at);
    pollfd p{x.fd, POLLIN, 0};
    int r = ::poll(&p, 1, ms_left(until));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      if (auto o = x.on_quiet()) return *o;
      continue;
    }
    ssize_t n = ::recv(x.fd, buf.data(), buf.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return *x.on_closed(n < 0);
    if (auto o = x.on_bytes(core::ByteView(buf.data(), static_cast<std::size_t>(n)))) return *o;
  }
}

namespace {

enum class Sender : std::uint8_t { nobody, user, minted, other };

// Whose certificate the plan answers a CertificateRequest with.
Sender sender_of(const Plan& plan, const Context& ctx) {
  if (plan.cfg.identities.empty() || plan.cfg.send_cert == handshake::ClientCertPolicy::never)
    return Sender::nobody;
  const auto& chain = plan.cfg.identities.front().chain;
  auto same = [&](const std::optional<handshake::Identity>& id) {
    return id && !id->chain.empty() && !chain.empty() && core::equal(id->chain.front(), chain.front());
  };
  if (same(ctx.identity)) return Sender::user;
  if (same(ctx.expired) || same(ctx.wrong_eku) || same(ctx.via_intermediates)) return Sender::minted;
  return Sender::other;
}

// What a server does about a client certificate it will not take: a certificate
// alert, handshake_failure (TLS 1.2 without one), decrypt_error (OpenSSL for a
// signature that does not verify), or it just closes or stops answering.
bool certificate_reaction(const Outcome& o) {
  using core::Alert;
  if (o.kind == Outcome::Kind::closed || o.kind == Outcome::Kind::timeout) return true;
  if (o.kind != Outcome::Kind::alert || !o.alert) return false;
  for (auto a : {Alert::certificate_required, Alert::bad_certificate, Alert::unsupported_certificate,
                 Alert::certificate_revoked, Alert::certificate_expired, Alert::certificate_unknown,
                 Alert::unknown_ca, Alert::access_denied, Alert::handshake_failure, Alert::decrypt_error})
    if (*o.alert == a) return true;
  return false;
}

// Why our own side explains the outcome (empty: it does not). A probe about our
// certificate messages is explained whenever the cause is there; any other probe
// only when the server reacted as it does to an unacceptable certificate.
std::string own_side_explains(Sender who, const Context& ctx, const Probe& p, const Outcome& o) {
  if (who == Sender::nobody || !o.info.client_cert_requested) return {};
  std::string cause;
  if (who == Sender::user) cause = ctx.identity_problem;
  if (who == Sender::minted) cause = ctx.client_ca_problem;
  if (cause.empty() && !o.info.client_cert_sent)
    cause = "the probe meant to send a certificate but our client sent none (" +
            o.info.client_cert_choice + ")";
  bool about_certificate = p.group == Group::client_cert || p.needs_certificate_request;
  if (cause.empty() || !(about_certificate || certificate_reaction(o))) return {};
  return cause;
}

}  // namespace

ProbeResult run_probe(const Target& t, const Context& ctx, const Probe& p,
                      core::Observer* observer) {
  if (p.run) {
    ProbeResult r = p.run(t, ctx, observer);
    r.probe = &p;
    // A probe over a Session plays the base config, the user's identity included:
    // a refusal of that identity (the preflight's problem) explains its outcome too.
    auto v = r.judgement.verdict;
    bool verdict = v == Verdict::pass || v == Verdict::fail || v == Verdict::warn;
    if (verdict && p.group == Group::protocol) {
      Plan as_played;
      as_played.cfg = ctx.base;
      auto why = own_side_explains(sender_of(as_played, ctx), ctx, p, r.outcome);
      if (!why.empty())
        r.judgement = {Verdict::inconclusive, why + "; the server did: " + describe(r.outcome)};
    }
    return r;
  }
  ProbeResult r;
  r.probe = &p;
  Plan plan = p.plan(ctx);
  Sender who = sender_of(plan, ctx);
  r.outcome = run_plan(t, std::move(plan), observer);
  bool needs_request = p.group == Group::client_cert || p.needs_certificate_request;
  if (needs_request && r.outcome.handshake_done && !r.outcome.info.client_cert_requested) {
    r.outcome.kind = Outcome::Kind::skipped;
    r.outcome.detail = "the server did not request a client certificate (" + r.outcome.detail + ")";
  }
  r.judgement = classify(p.expect, r.outcome);
  auto v = r.judgement.verdict;
  if (v == Verdict::pass || v == Verdict::fail || v == Verdict::warn) {
    auto why = own_side_explains(who, ctx, p, r.outcome);
    if (!why.empty())
      r.judgement = {Verdict::inconclusive, why + "; sent: " + r.outcome.sent + "; the server did: " +
                                                describe(r.outcome)};
  }
  return r;
}

void judge_together(std::vector<ProbeResult>& results) {
  const ProbeResult* refused13 = nullptr;
  const ProbeResult* refused12 = nullptr;
  for (auto& r : results)
    if (r.judgement.verdict == Verdict::pass && r.outcome.kind == Outcome::Kind::alert) {
      if (r.probe->name == "client-cert.none.tls1.3") refused13 = &r;
      if (r.probe->name == "client-cert.none.tls1.2") refused12 = &r;
    }
  for (auto& r : results) {
    if (r.judgement.verdict != Verdict::warn || r.outcome.kind != Outcome::Kind::completed ||
        !r.outcome.info.client_cert_sent || r.probe->expect.if_completed != Expectation::IfCompleted::warn)
      continue;
    bool tls12 = r.outcome.info.version == handshake::ProtocolVersion::tls12;
    const ProbeResult* refused_empty = tls12 && refused12 ? refused12 : refused13 ? refused13 : refused12;
    if (!refused_empty) continue;
    r.judgement = {Verdict::fail,
                   "continued after this certificate although it refuses an empty Certificate (" +
                       refused_empty->probe->name + ": " + describe(refused_empty->outcome) +
                       "): it took the bad certificate as authentication; RFC 8446 4.4.2.4 lets a "
                       "server continue only with the client unauthenticated"};
  }
}

}  // namespace glass::conform
