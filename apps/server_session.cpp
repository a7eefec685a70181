#include "apps/server_session.hpp"

#include <mutex>

#include <fmt/core.h>

#include "api/internal.hpp"
#include "teach/diagnose.hpp"
#include "apps/seeded.hpp"
#include "teach/summary.hpp"
#include "glasstls/stream.hpp"

namespace glass::apps {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SessionClock = std::chrono::steady_clock;

std::mutex g_server_print;

enum class SessionPhase : std::uint8_t { handshake, app, pha, closing };

class ServerSession : public std::enable_shared_from_this<ServerSession> {
 public:
  // The stream copies what it needs of `ctx` (the shared context, or the
  // connection's own one when teaching views or --seed are on).
  ServerSession(tcp::socket sock, int id, std::shared_ptr<const ServerShared> shared,
                const glass::context& ctx)
      : shared_(std::move(shared)), timer_(sock.get_executor()), tls_(std::move(sock), ctx), id_(id) {}

  ~ServerSession() {
    if (shared_->on_close) shared_->on_close();
  }

  void start() {
    boost::system::error_code ec;
    auto ep = tls_.next_layer().remote_endpoint(ec);
    peer_ = ec ? std::string("?") : ep.address().to_string();
    set_deadline(SessionPhase::handshake, shared_->limits.handshake);
    tls_.async_handshake(stream_base::server, [s = shared_from_this()](boost::system::error_code ec) {
      if (ec) return s->on_handshake_error(ec);
      s->on_handshake_done();
    });
  }

 private:
  auto self() { return shared_from_this(); }
  const ServerLimits& lim() const { return shared_->limits; }
  // The engine, for the summary, the failure report and the diagnosis
  // (api/internal.hpp); the server's context always makes one.
  const handshake::Connection& engine() { return detail::connection_of(*tls_.native_handle()); }

  // ---- deadlines: one timer, re-armed lazily to the current deadline ------
  // Moving the deadline later costs nothing: the timer re-arms when it fires early.
  void set_deadline(SessionPhase p, std::chrono::milliseconds d) {
    phase_ = p;
    deadline_ = SessionClock::now() + d;
    if (!armed_ || deadline_ < timer_.expiry()) arm_timer();
  }
  void arm_timer() {
    armed_ = true;
    timer_.expires_at(deadline_);
    timer_.async_wait([s = self(), gen = ++timer_gen_](boost::system::error_code ec) {
      if (gen == s->timer_gen_) s->on_timer(ec);
    });
  }
  void on_timer(boost::system::error_code ec) {
    armed_ = false;
    if (ec || done_) return;
    if (SessionClock::now() < deadline_) return arm_timer();
    expired_ = true;
    if (paused_) return on_pha_error(asio::error::timed_out);  // no read is pending
    boost::system::error_code ignored;
    tls_.next_layer().cancel(ignored);  // the pending operation completes as aborted
  }

  // ---- handshake -----------------------------------------------------------
  void on_handshake_error(boost::system::error_code) {
    const auto& c = engine();
    if (expired_) {
      say(fmt::format("[{}] {}: handshake not complete within --handshake-timeout {} s (in {}); "
                      "closed\n", id_, peer_, lim().handshake.count(), c.state_name()));
      return finish();
    }
    say(fmt::format("[{}] {}: handshake failed: {}\n{}", id_, peer_, teach::failure_report(c),
                    c.error() ? teach::diagnose(c) : teach::diagnose_silent_close(c)));
    // Our alert (if any) is out: half-close and drain so the peer reads it.
    linger();
  }

  void on_handshake_done() {
    subject_ = teach::peer_subject(engine());
    if (shared_->quiet)
      say(fmt::format("[{}] handshake complete, client certificate: {}\n", id_, subject_));
    else
      say(fmt::format("[{}] handshake complete with {}\n{}", id_, peer_, teach::session_summary(engine())));
    set_deadline(SessionPhase::app, lim().idle);
    app_step();
  }

  // ---- application data ------------------------------------------------------
  // Reads only when the application wants data: while a reply is being written
  // nothing more is read, so a peer that does not read our echo stalls itself.
  void app_step() {
    if (c_peer_closed_and_empty()) return close_politely();
    if (tls_.available()) {
      char buf[16384];
      boost::system::error_code ec;
      std::size_t n = tls_.read_some(asio::buffer(buf), ec);  // buffered: no I/O
      return on_data(std::string(buf, n));
    }
    tls_.async_fill([s = self()](boost::system::error_code ec) {
      if (ec) return s->on_app_error(ec);
      s->deadline_ = SessionClock::now() + s->lim().idle;
      s->app_step();
    });
  }

  void on_app_error(boost::system::error_code ec) {
    if (expired_) {
      say(fmt::format("[{}] silent for --timeout {} s; closing\n", id_, lim().idle.count()));
      return close_politely();
    }
    if (ec == asio::error::eof) return close_politely();  // TCP FIN without close_notify
    if (tls_.last_error()) {
      const auto& c = engine();
      say(fmt::format("[{}] connection failed: {}\n{}", id_, teach::failure_report(c), teach::diagnose(c)));
      return linger();
    }
    if (tls_.peer_closed()) return close_politely();
    finish();
  }

  void on_data(std::string data) {
    if (first_ && data.rfind("GET /pha", 0) == 0) {
      first_ = false;
      return start_pha();
    }
    if (first_ && (data.rfind("GET ", 0) == 0 || data.rfind("HEAD ", 0) == 0)) {
      first_ = false;
      return send_page("");
    }
    first_ = false;
    echo_ = std::move(data);
    asio::async_write(tls_, asio::buffer(echo_),
                      [s = self()](boost::system::error_code ec, std::size_t) {
                        s->echo_.clear();
                        s->echo_.shrink_to_fit();
                        if (ec && s->expired_) {
                          s->say(fmt::format("[{}] the client did not take our data for --timeout "
                                             "{} s; closing\n", s->id_, s->lim().idle.count()));
                          return s->close_politely();
                        }
                        if (ec) return s->on_app_error(ec);
                        s->app_step();
                      });
  }

  bool c_peer_closed_and_empty() const {
    return tls_.peer_closed() && !tls_.available();
  }

  // ---- post-handshake client authentication (RFC 8446 4.6.2) ----------------
  void start_pha() {
    // Known here without asking the engine, so the connection stays up.
    if (tls_.connection_info().version != "TLS 1.3") {
      say(fmt::format("[{}] post-handshake authentication refused here: it exists only in TLS "
                      "1.3\n", id_));
      return send_page("post-handshake authentication: not possible: it exists only in TLS 1.3 "
                       "(RFC 8446 4.6.2); this connection is TLS 1.2\n");
    }
    if (auto refused = tls_.request_client_certificate()) {
      std::string why = refused->reason;
      say(fmt::format("[{}] post-handshake authentication refused here: {}\n", id_, why));
      if (tls_.last_error()) return linger();
      return send_page("post-handshake authentication: not possible: " + why + "\n");
    }
    set_deadline(SessionPhase::pha, lim().pha);
    pha_step();
  }

  void pha_step() {
    // Application data that arrives before the client's answer is held, up to a
    // cap; past it nothing more is read and the PHA deadline ends the wait.
    while (tls_.available()) {
      char buf[16384];
      boost::system::error_code ec;
      std::size_t n = tls_.read_some(asio::buffer(buf), ec);  // buffered: no I/O
      held_.append(buf, n);
    }
    if (!tls_.post_handshake_auth_pending()) {
      subject_ = teach::peer_subject(engine());
      say(fmt::format("[{}] post-handshake authentication: client certificate {}\n", id_,
                      subject_));
      return send_page("");
    }
    if (held_.size() > lim().held_app_data) {
      if (!paused_)
        say(fmt::format("[{}] {} bytes of application data arrived before the client's "
                        "certificate; not reading more (cap {} bytes)\n",
                        id_, held_.size(), lim().held_app_data));
      paused_ = true;
      return;  // no read until the PHA deadline; the timer keeps the session alive
    }
    tls_.async_fill([s = self()](boost::system::error_code ec) {
      if (ec) return s->on_pha_error(ec);
      s->pha_step();
    });
  }

  void on_pha_error(boost::system::error_code ec) {
    paused_ = false;
    if (expired_) {
      say(fmt::format("[{}] the client did not answer the post-handshake CertificateRequest "
                      "within {} s; closing\n", id_, lim().pha.count()));
      return close_politely();
    }
    if (tls_.last_error()) {
      say(fmt::format("[{}] post-handshake authentication failed: {}\n", id_,
                      teach::failure_report(engine())));
      return linger();
    }
    (void)ec;
    close_politely();
  }

  // ---- the HTTP page -------------------------------------------------------
  void send_page(const std::string& note) {
    auto info = tls_.connection_info();
    bool no_cert = tls_.peer_certificate_chain().empty() && !info.resumed;
    std::string body = fmt::format(
        "Hello from glasstls.\nprotocol: {}\ncipher suite: {}\nclient certificate: {}\n"
        "chain validation: {}\n{}",
        info.version, info.cipher_suite, subject_, no_cert ? "(no certificate)" : info.peer_verify_result,
        note);
    echo_ = fmt::format(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n"
        "Connection: close\r\n\r\n{}",
        body.size(), body);
    set_deadline(SessionPhase::app, lim().idle);
    asio::async_write(tls_, asio::buffer(echo_),
                      [s = self()](boost::system::error_code ec, std::size_t) {
                        if (ec) return s->finish();
                        s->close_politely();
                      });
  }

  // ---- ending without a reset ------------------------------------------------
  // close_notify (RFC 8446 6.1, RFC 5246 7.2.1), then the same half-close and drain.
  void close_politely() {
    if (phase_ == SessionPhase::closing) return finish();
    if (!tls_.handshake_done() || tls_.last_error()) return linger();
    expired_ = false;
    set_deadline(SessionPhase::closing, lim().linger);
    tls_.async_shutdown([s = self()](boost::system::error_code) { s->linger(); });
  }

  // Shut down our write side, read and discard for a bounded moment (until the
  // peer's FIN, the time or the byte budget runs out), then close.
  void linger() {
    boost::system::error_code ec;
    tls_.next_layer().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return finish();
    expired_ = false;
    set_deadline(SessionPhase::closing, lim().linger);
    drain();
  }

  void drain() {
    tls_.next_layer().async_wait(tcp::socket::wait_read, [s = self()](boost::system::error_code ec) {
      if (ec) return s->finish();
      char buf[4096];
      auto& sock = s->tls_.next_layer();
      if (!sock.non_blocking()) sock.non_blocking(true, ec);
      for (;;) {
        std::size_t n = sock.read_some(asio::buffer(buf), ec);
        if (ec == asio::error::would_block) break;
        if (ec) return s->finish();  // EOF: the peer has read our last word
        s->drained_ += n;
        if (s->drained_ > s->lim().linger_bytes) return s->finish();
      }
      s->drain();
    });
  }

  void finish() {
    if (done_) return;
    done_ = true;
    boost::system::error_code ec;
    timer_.cancel(ec);
    tls_.next_layer().close(ec);
    say(fmt::format("[{}] closed\n", id_));
  }

  void say(const std::string& s) { server_log(s); }

  std::shared_ptr<const ServerShared> shared_;
  asio::steady_timer timer_;
  glass::stream<tcp::socket> tls_;
  int id_;
  SessionPhase phase_ = SessionPhase::handshake;
  SessionClock::time_point deadline_;
  bool expired_ = false;
  bool armed_ = false;
  unsigned timer_gen_ = 0;
  bool done_ = false;
  bool first_ = true;
  bool paused_ = false;
  std::size_t drained_ = 0;
  std::string peer_;
  std::string subject_;
  std::string echo_;
  std::string held_;
};

}  // namespace

void server_log(const std::string& text) {
  std::lock_guard<std::mutex> lock(g_server_print);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

// Teaching views and --seed need engine-level access (api/internal.hpp): such a
// connection gets its own copy of the context, with its observer and its seed.
void start_server_session(tcp::socket sock, int id, std::shared_ptr<const ServerShared> shared) {
  bool teaching = shared->teach && (shared->teach->any() || shared->teach->seeded);
  if (!teaching || !shared->teacher) {
    const glass::context& ctx = shared->context;
    std::make_shared<ServerSession>(std::move(sock), id, std::move(shared), ctx)->start();
    return;
  }
  glass::context ctx = detail::copy_context(shared->context);
  auto seed = std::make_shared<SeededSide>();
  if (shared->teach->seeded) {
    // Each connection gets its own stream, so two connections never share randoms.
    *seed = seeded_side(shared->teach->seed, "server " + std::to_string(id));
    detail::set_config_hook(ctx, [seed](handshake::Config& cfg) { apply_seed(*seed, cfg); });
  }
  detail::set_engine_observer(ctx, shared->teacher->side("server", "", seed->ephemeral_keys));
  std::make_shared<ServerSession>(std::move(sock), id, std::move(shared), ctx)->start();
}

}  // namespace glass::apps
