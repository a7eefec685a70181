#include "conform/runner.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <ctime>

#include <boost/asio.hpp>

namespace glass::conform {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kRequest = "GET / HTTP/1.0\r\n\r\n";

int ms_left(Clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Connects with a bounded wait.
bool connect_to(asio::io_context& io, tcp::socket& sock, const Target& t, std::string& why) {
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(t.host, t.port, ec);
  if (ec) {
    why = "cannot resolve " + t.host + ": " + ec.message();
    return false;
  }
  bool done = false;
  asio::async_connect(sock, endpoints, [&](const boost::system::error_code& e, const tcp::endpoint&) {
    ec = e;
    done = true;
  });
  io.run_for(std::chrono::milliseconds(t.timeout_ms));
  if (!done) {
    sock.close(ec);
    why = "no TCP connection to " + t.host + ":" + t.port + " within " +
          std::to_string(t.timeout_ms) + " ms";
    return false;
  }
  if (ec) {
    why = "cannot connect to " + t.host + ":" + t.port + ": " + ec.message();
    return false;
  }
  return true;
}

// Writes everything; false once the peer is gone (the caller keeps reading:
// an alert may still be waiting in our receive buffer).
bool send_all(int fd, core::ByteView b) {
  std::size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::send(fd, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::string session_line(const handshake::SessionInfo& i) {
  std::string s = handshake::name_of(i.version) + ", " + handshake::name_of(i.cipher_suite);
  if (i.version == handshake::ProtocolVersion::tls13 || i.group != crypto::NamedGroup{})
    s += ", " + crypto::name_of(i.group);
  if (i.hello_retry_request) s += ", after HelloRetryRequest";
  if (i.peer_signature_scheme) s += ", server signed " + crypto::name_of(*i.peer_signature_scheme);
  if (!i.alpn.empty()) s += ", ALPN " + i.alpn;
  return s;
}

}  // namespace

Outcome run_plan(const Target& t, Plan plan, core::Observer* observer) {
  Outcome out;
  if (!plan.skip.empty()) {
    out.kind = Outcome::Kind::skipped;
    out.detail = plan.skip;
    return out;
  }
  plan.cfg.role = handshake::Role::client;
  plan.cfg.observer = observer;
  plan.cfg.tamper = plan.tamper.get();

  asio::io_context io;
  tcp::socket sock(io);
  if (!connect_to(io, sock, t, out.detail)) {
    out.kind = Outcome::Kind::connect_failed;
    return out;
  }
  int fd = sock.native_handle();

  handshake::Connection conn(plan.cfg);
  if (plan.tamper) plan.tamper->conn = &conn;
  auto finish = [&](Outcome::Kind k) {
    out.kind = k;
    out.info = conn.info();
    if (out.handshake_done && k != Outcome::Kind::completed)
      out.detail = session_line(out.info) + "; then " + out.detail;
    if (plan.tamper && !plan.tamper->note.empty())
      out.detail = out.detail.empty() ? plan.tamper->note : out.detail + " [" + plan.tamper->note + "]";
    return out;
  };

  if (auto st = conn.start(); !st) {
    out.detail = "our client could not start: " + st.error().to_string();
    return finish(Outcome::Kind::local_error);
  }
  core::Bytes first = conn.take_output();
  if (plan.first_flight) plan.first_flight(first);
  bool can_send = send_all(fd, first);

  auto deadline = Clock::now() + std::chrono::milliseconds(t.timeout_ms);
  // time_point::max(): no data to send (not std::optional: g++ 12 -O2 warns falsely).
  Clock::time_point send_data_at = Clock::time_point::max();
  bool acted = false;
  core::Bytes buf(16384);

  for (;;) {
    if (conn.is_handshake_done() && !acted) {
      acted = true;
      out.handshake_done = true;
      core::Status st;
      switch (plan.after) {
        case Plan::After::data:
          st = conn.write(core::as_bytes(kRequest));
          break;
        case Plan::After::wait_then_data:
          send_data_at = Clock::now() + std::chrono::milliseconds(t.verdict_ms);
          break;
        case Plan::After::key_update:
          st = conn.key_update(false);
          if (st) st = conn.write(core::as_bytes(kRequest));
          break;
        case Plan::After::none:
          break;
      }
      if (!st) {
        out.detail = "our client could not send after the handshake: " + st.error().to_string();
        return finish(Outcome::Kind::local_error);
      }
      deadline = Clock::now() + std::chrono::milliseconds(t.timeout_ms);
    }
    if (conn.has_output() && can_send) can_send = send_all(fd, conn.take_output());

    auto until = deadline;
    if (send_data_at < until) until = send_data_at;
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, ms_left(until));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      if (send_data_at != Clock::time_point::max() && Clock::now() >= send_data_at) {
        send_data_at = Clock::time_point::max();
        if (auto st = conn.write(core::as_bytes(kRequest)); !st) {
          out.detail = "our client could not send data: " + st.error().to_string();
          return finish(Outcome::Kind::local_error);
        }
        deadline = Clock::now() + std::chrono::milliseconds(t.timeout_ms);
        continue;
      }
      if (out.handshake_done) {
        out.detail = session_line(conn.info()) + "; no answer to our data within " +
                     std::to_string(t.timeout_ms) + " ms, but no alert either";
        return finish(Outcome::Kind::completed);
      }
      out.detail = "no answer within " + std::to_string(t.timeout_ms) + " ms (our state " +
                   conn.state_name() + ")";
      return finish(Outcome::Kind::timeout);
    }
    ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out.detail = std::string(n == 0 ? "TCP closed" : "TCP reset") + " in our state " +
                   conn.state_name() + (out.handshake_done ? " (after the handshake)" : "");
      return finish(Outcome::Kind::closed);
    }
    auto st = conn.feed(core::ByteView(buf.data(), static_cast<std::size_t>(n)));
    if (conn.has_output() && can_send) can_send = send_all(fd, conn.take_output());
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
    if (conn.has_app_data()) {
      (void)conn.read();
      out.answered = true;
      out.detail = session_line(conn.info()) + "; the server answered our data";
      return finish(Outcome::Kind::completed);
    }
    if (conn.peer_closed()) {
      out.detail = "close_notify without an error alert in our state " + conn.state_name();
      return finish(Outcome::Kind::closed);
    }
  }
}

ProbeResult run_probe(const Target& t, const Context& ctx, const Probe& p,
                      core::Observer* observer) {
  ProbeResult r;
  r.probe = &p;
  r.outcome = run_plan(t, p.plan(ctx), observer);
  bool needs_request = p.group == Group::client_cert || p.needs_certificate_request;
  if (needs_request && r.outcome.handshake_done && !r.outcome.info.client_cert_requested) {
    r.outcome.kind = Outcome::Kind::skipped;
    r.outcome.detail = "the server did not request a client certificate (" + r.outcome.detail + ")";
  }
  r.judgement = classify(p.expect, r.outcome);
  return r;
}

}  // namespace glass::conform
