#include "conform/session.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include <boost/asio.hpp>

#include "conform/answer.hpp"
#include "conform/resumption.hpp"
#include "conform/wire.hpp"

namespace glass::conform {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kKeep = 1024;  // bytes of application data kept per wait
constexpr int kSilences = 5;         // a per-silence wait lasts at most this many timeouts

Plan prepared(Plan p, core::Observer* obs) {
  p.cfg.role = handshake::Role::client;
  p.cfg.observer = obs;
  p.cfg.tamper = p.tamper.get();
  return p;
}

int elapsed_ms(Clock::time_point since) {
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count());
}

}  // namespace

std::string what_happened(const Reaction& r) {
  std::string s;
  auto add = [&](const std::string& x) { s += (s.empty() ? "" : ", then ") + x; };
  if (!r.data.empty()) add("answered \"" + status_line(r.data) + "\"");
  if (r.close_notify) add("close_notify");
  if (r.alert) add("alert " + std::string(core::alert_name(*r.alert)));
  if (!r.local_error.empty()) add("our client stopped (" + r.local_error + ")");
  if (r.eof) add("TCP closed");
  if (r.reset) add("TCP reset");
  if (r.timeout) add(s.empty() ? "nothing" : "the connection stayed open");
  return s;
}

std::string describe(const Reaction& r) { return what_happened(r) + " within " + std::to_string(r.ms) + " ms"; }

struct Session::Impl {
  const Target& t;
  Plan plan;
  asio::io_context io;
  tcp::socket sock{io};
  int fd = -1;
  handshake::Connection conn;
  bool can_send = true;
  bool gone = false;  // the TCP connection ended (eof or reset, below)
  bool eof = false, reset = false;
  bool request_sent = false;

  Impl(const Target& target, Plan p, core::Observer* obs)
      : t(target), plan(prepared(std::move(p), obs)), conn(plan.cfg) {
    if (plan.tamper) plan.tamper->conn = &conn;
  }

  bool flush() {
    if (fd >= 0 && conn.has_output() && can_send) can_send = send_all(fd, conn.take_output());
    return can_send;
  }
  bool met(Until u, const Reaction& r) const {
    bool ended = r.alert || !r.local_error.empty();
    switch (u) {
      case Until::handshake: return ended || conn.is_handshake_done();
      case Until::answer:
        return ended || r.close_notify || r.data.find('\n') != std::string::npos || r.data.size() >= kKeep;
      case Until::reaction: return ended || r.close_notify || !r.data.empty();
      case Until::close: return false;
    }
    return false;
  }
  void take(core::ByteView b, Reaction& r);
  Reaction wait(Until u, int ms);
};

// Feeds what arrived unless the connection already ended on our side of TLS
// (then the bytes are only drained: waiting for the TCP close).
void Session::Impl::take(core::ByteView b, Reaction& r) {
  if (conn.error() || conn.peer_closed()) return;
  auto st = conn.feed(b);
  flush();
  if (!st) {
    const auto& err = conn.error();
    if (conn.error_from_peer() && err) r.alert = err->alert;
    else r.local_error = err ? err->to_string() : st.error().to_string();
    return;
  }
  while (conn.has_app_data()) {
    auto d = conn.read();
    std::size_t room = kKeep - std::min(kKeep, r.data.size());
    r.data.append(reinterpret_cast<const char*>(d.data()), std::min(room, d.size()));
  }
  if (conn.peer_closed()) r.close_notify = true;
}

Reaction Session::Impl::wait(Until u, int ms) {
  Reaction r;
  const auto start = Clock::now();
  // The handshake and the answer are bounded per silence (and by kSilences of them in
  // all, so a server trickling bytes cannot hold us), the other waits in total.
  bool per_silence = u == Until::handshake || u == Until::answer;
  auto deadline = start + std::chrono::milliseconds(ms);
  const auto hard_stop = start + std::chrono::milliseconds(ms) * (per_silence ? kSilences : 1);
  flush();
  core::Bytes buf(16384);
  while (!met(u, r)) {
    if (gone) {
      r.eof = eof;
      r.reset = reset;
      break;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    int n = left <= 0 ? 0 : ::poll(&p, 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      r.timeout = true;
      break;
    }
    ssize_t got = ::recv(fd, buf.data(), buf.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      gone = true;
      (got == 0 ? eof : reset) = true;
      continue;
    }
    take(core::ByteView(buf.data(), static_cast<std::size_t>(got)), r);
    if (per_silence) deadline = std::min(hard_stop, Clock::now() + std::chrono::milliseconds(ms));
  }
  r.ms = elapsed_ms(start);
  return r;
}

Session::Session(const Target& t, Plan plan, core::Observer* obs)
    : impl_(std::make_unique<Impl>(t, std::move(plan), obs)) {}
Session::~Session() = default;

std::optional<Outcome> Session::handshake() {
  auto& x = *impl_;
  Outcome o;
  if (!x.plan.skip.empty()) {
    o.kind = Outcome::Kind::skipped;
    o.detail = x.plan.skip;
    return o;
  }
  if (!connect_to(x.io, x.sock, x.t, o.detail)) {
    o.kind = Outcome::Kind::connect_failed;
    return o;
  }
  x.fd = x.sock.native_handle();
  if (auto st = x.conn.start(); !st) {
    o.kind = Outcome::Kind::local_error;
    o.detail = "our client could not start: " + st.error().to_string();
    return o;
  }
  core::Bytes first = x.conn.take_output();
  if (x.plan.first_flight) x.plan.first_flight(first);
  x.can_send = send_all(x.fd, first);
  auto r = x.wait(Until::handshake, x.t.timeout_ms);
  if (x.conn.is_handshake_done() && !r.alert && r.local_error.empty()) return std::nullopt;
  return outcome(r, "the handshake did not complete: " + describe(r) + " (our state " +
                        x.conn.state_name() + ")");
}

Reaction Session::request() {
  auto& x = *impl_;
  if (!x.t.send_request) return x.wait(Until::reaction, x.t.verdict_ms);
  x.request_sent = true;
  if (auto st = x.conn.write(core::as_bytes(x.t.request)); !st) {
    Reaction r;
    r.local_error = st.error().to_string();
    return r;
  }
  return x.wait(Until::answer, x.t.timeout_ms);
}

bool Session::flush() { return impl_->flush(); }
Reaction Session::wait(Until until, int ms) { return impl_->wait(until, ms); }
handshake::Connection& Session::conn() { return impl_->conn; }
const Target& Session::target() const { return impl_->t; }

record::RecordWriter* Session::writer() {
  auto* tap = dynamic_cast<RecordTap*>(impl_->plan.tamper.get());
  return tap ? tap->writer : nullptr;
}

Outcome Session::outcome(const Reaction& r, const std::string& what) {
  auto& x = *impl_;
  Outcome o;
  o.handshake_done = x.conn.is_handshake_done();
  o.info = x.conn.info();
  o.request_sent = x.request_sent;
  o.answer = r.data;
  o.answered = !r.data.empty();
  if (r.alert) {
    o.kind = Outcome::Kind::alert;
    o.alert = r.alert;
  } else if (!r.local_error.empty()) {
    o.kind = Outcome::Kind::local_error;
  } else if (o.answered) {
    o.kind = Outcome::Kind::completed;
  } else if (r.closed() || r.close_notify) {
    o.kind = Outcome::Kind::closed;
  } else {
    o.kind = o.handshake_done ? Outcome::Kind::completed : Outcome::Kind::timeout;
  }
  if (o.handshake_done) o.did = what_happened(r);
  o.detail = (o.handshake_done ? session_line(o.info) + "; " : std::string()) + what;
  if (x.plan.tamper && !x.plan.tamper->note.empty()) o.detail += " [" + x.plan.tamper->note + "]";
  return o;
}

Probe stepped_probe(std::string name, std::string rfc, std::string requirement, Expectation e,
                    std::function<ProbeResult(const Target&, const Context&, core::Observer*)> run) {
  Probe p{std::move(name), Group::protocol, std::move(rfc), std::move(requirement), std::move(e),
          [](const Context&) {
            Plan none;
            none.skip = "runs step by step (Probe::run)";
            return none;
          },
          false};
  p.run = std::move(run);
  return p;
}

Plan tapped_plan(const Context& c, std::optional<handshake::ProtocolVersion> v,
                 std::shared_ptr<RecordTap> tap) {
  Plan p;
  p.cfg = c.base;
  if (v) p.cfg.min_version = p.cfg.max_version = *v;
  p.tamper = std::move(tap);
  return p;
}

ProbeResult without_handshake(Outcome o) {
  if (o.kind == Outcome::Kind::connect_failed)
    return judged(o, Verdict::fail, "could not connect: " + o.detail);
  return judged(o, Verdict::skip, "needs a completed handshake: " + describe(o) + " (" + o.detail + ")");
}

}  // namespace glass::conform
