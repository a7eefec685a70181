// `glasstls server`: a TLS server on Asio that asks for client certificates.
// It answers an HTTP request with a page naming the client certificate's
// subject, and echoes anything else. One io_context run by one thread per
// core; each connection is a state object driven by completion handlers
// (apps/server_session.cpp), so an idle connection costs memory, not a thread.
// Built on the public API (glass::context, glass::stream); only the teaching
// views and the reports reach the engine, through api/internal.hpp.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <utility>

#include <boost/asio.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/server_session.hpp"
#include "apps/teach.hpp"
#include "apps/tls_options.hpp"
#include "glasstls/context.hpp"

namespace glass::apps {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct ServerOptions {
  int port = 4433;
  std::string bind = "127.0.0.1";
  std::string verify = "require";
  TlsOptions tls;
  int max_connections = 0;
  int max_concurrent = 10000;
  int timeout_s = 10;
  int handshake_timeout_s = 10;
  int threads = 0;
  bool quiet = false;
  TeachOptions teach;
  int tickets = 2;                  // TLS 1.3 NewSessionTickets per handshake; 0: no resumption
  int ticket_lifetime = 7200;       // seconds
  int ticket_rotation = 7200;       // seconds between ticket keys
  bool single_use_tickets = false;
  bool psk_ke = false;
};

// Soft RLIMIT_NOFILE raised to the hard limit; returns how many connections fit.
std::size_t raise_fd_limit(int wanted) {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0) return static_cast<std::size_t>(wanted);
  rlim_t need = static_cast<rlim_t>(wanted) + 32;
  if (rl.rlim_cur < need) {
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &rl);
    ::getrlimit(RLIMIT_NOFILE, &rl);
  }
  if (rl.rlim_cur >= need) return static_cast<std::size_t>(wanted);
  return rl.rlim_cur > 64 ? static_cast<std::size_t>(rl.rlim_cur - 32) : 16;
}

// Accepts on a strand; holds at most `cap` connections: at the cap it stops
// accepting (further clients wait in the listen backlog) until one ends.
class Acceptor {
 public:
  Acceptor(asio::io_context& io, tcp::acceptor& a, std::size_t cap, int max_connections)
      : io_(io), acceptor_(a), strand_(asio::make_strand(io)), notice_(strand_), cap_(cap),
        max_connections_(max_connections) {}

  void start(std::shared_ptr<const ServerShared> shared) {
    shared_ = std::move(shared);
    asio::post(strand_, [this] { accept(); });
  }

  // From any session's strand, when it is destroyed.
  void session_ended() {
    asio::post(strand_, [this] {
      --active_;
      if (paused_ && !stopped_) {
        paused_ = false;
        notice_.cancel();
        accept();
      }
      if (stopped_ && active_ == 0) shared_.reset();
    });
  }

 private:
  void accept() {
    if (max_connections_ > 0 && accepted_ >= max_connections_) return stop();
    if (active_ >= cap_) {
      paused_ = true;
      // Said only when the cap holds for a while, not after every short connection.
      notice_.expires_after(std::chrono::seconds(1));
      notice_.async_wait([this](boost::system::error_code ec) {
        if (!ec && paused_)
          server_log(fmt::format("{} connection(s) held (--max-concurrent {}); not accepting "
                                 "more until one ends\n", active_, cap_));
      });
      return;
    }
    acceptor_.async_accept(asio::make_strand(io_), [this](boost::system::error_code ec,
                                                          tcp::socket sock) {
      asio::dispatch(strand_, [this, ec, sock = std::move(sock)]() mutable {
        if (ec) {
          server_log(fmt::format("glasstls server: accept: {}\n", ec.message()));
          // Out of descriptors and the like: back off instead of spinning.
          notice_.expires_after(std::chrono::milliseconds(100));
          return notice_.async_wait([this](boost::system::error_code) { accept(); });
        }
        ++active_;
        ++accepted_;
        start_server_session(std::move(sock), accepted_, shared_);
        accept();
      });
    });
  }

  void stop() {
    stopped_ = true;
    boost::system::error_code ec;
    acceptor_.close(ec);
    if (active_ == 0) shared_.reset();
  }

  asio::io_context& io_;
  tcp::acceptor& acceptor_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer notice_;
  std::size_t cap_;
  int max_connections_;
  std::size_t active_ = 0;
  int accepted_ = 0;
  bool paused_ = false;
  bool stopped_ = false;
  std::shared_ptr<const ServerShared> shared_;
};

// --verify, the TLS options and the tickets into the shared context; 0 when
// usable, else the exit code.
int server_context(const ServerOptions& o, glass::context& ctx) {
  if (o.verify == "none") ctx.set_verify_mode(glass::context::verify_none);
  else if (o.verify == "request") ctx.set_verify_mode(glass::context::verify_peer);
  else if (o.verify == "require")
    ctx.set_verify_mode(glass::context::verify_peer | glass::context::verify_fail_if_no_peer_cert);
  else {
    fmt::print(stderr, "glasstls server: --verify must be none, request or require\n");
    return 2;
  }
  if (auto st = o.tls.apply(ctx); !st) {
    fmt::print(stderr, "glasstls server: {}\n", st.error().reason);
    return 2;
  }
  if (o.tls.p12.empty() && o.tls.cert.empty()) {
    fmt::print(stderr, "glasstls server: give --p12 FILE or --cert FILE --key FILE\n");
    return 2;
  }
  if (o.verify != "none" && o.tls.ca.empty()) {
    fmt::print(stderr,
               "glasstls server: --verify {} needs --ca FILE with the CAs that issue client "
               "certificates\n", o.verify);
    return 2;
  }
  ctx.set_session_tickets(static_cast<unsigned>(o.tickets), static_cast<std::uint32_t>(o.ticket_lifetime));
  if (o.tickets > 0) {
    ctx.set_ticket_key_rotation(static_cast<std::uint32_t>(o.ticket_rotation));
    ctx.set_single_use_tickets(o.single_use_tickets);
    ctx.set_psk_ke(o.psk_ke);
  }
  return 0;
}

int run_server(const ServerOptions& o) {
  auto shared = std::make_shared<ServerShared>();
  if (int code = server_context(o, shared->context)) return code;
  asio::io_context io;
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(o.bind, ec);
  if (ec) {
    fmt::print(stderr, "glasstls server: bad --bind address '{}'\n", o.bind);
    return 2;
  }
  tcp::acceptor acceptor(io);
  tcp::endpoint ep(addr, static_cast<unsigned short>(o.port));
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    fmt::print(stderr, "glasstls server: cannot listen on {}:{}: {}\n", o.bind, o.port, ec.message());
    return 1;
  }
  std::size_t cap = raise_fd_limit(o.max_concurrent);
  server_log(fmt::format("listening on {}:{} (client certificates: {})\n", o.bind,
                         acceptor.local_endpoint().port(), o.verify));
  if (cap < static_cast<std::size_t>(o.max_concurrent))
    server_log(fmt::format("the file-descriptor limit allows {} connections at once, not "
                           "--max-concurrent {}\n", cap, o.max_concurrent));
  Teacher teacher(o.teach, false, stdout);
  shared->limits.handshake = std::chrono::seconds(o.handshake_timeout_s);
  shared->limits.idle = std::chrono::seconds(o.timeout_s);
  shared->limits.pha = std::chrono::seconds(o.handshake_timeout_s);
  shared->quiet = o.quiet;
  shared->teacher = &teacher;
  shared->teach = &o.teach;
  Acceptor acc(io, acceptor, cap, o.max_connections);
  shared->on_close = [&acc] { acc.session_ended(); };
  acc.start(shared);
  unsigned n = o.threads > 0 ? static_cast<unsigned>(o.threads)
                             : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < n; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  return teacher.finish(nullptr, "glasstls server") ? 0 : 1;
}

}  // namespace

void register_server(CLI::App& app) {
  auto o = std::make_shared<ServerOptions>();
  auto* cmd = app.add_subcommand("server", "Run a TLS server that asks for client certificates");
  cmd->add_option("--port", o->port, "TCP port (0: any free port, printed on start)");
  cmd->add_option("--bind", o->bind, "Address to listen on");
  cmd->add_option("--verify", o->verify, "Client certificates: none, request or require");
  o->tls.add_to(*cmd, true);
  cmd->add_option("--max-connections", o->max_connections,
                  "Exit after serving this many connections (0: run until killed)");
  cmd->add_option("--max-concurrent", o->max_concurrent,
                  "Connections held at once; further ones wait in the listen backlog until one "
                  "ends")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", o->threads, "Threads running connections (0: one per core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", o->timeout_s, "Seconds a connection may stay silent");
  cmd->add_option("--handshake-timeout", o->handshake_timeout_s,
                  "Seconds a client has to complete the whole handshake")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", o->quiet, "One line per connection");
  cmd->add_option("--tickets", o->tickets,
                  "TLS 1.3 session tickets sent after each handshake; TLS 1.2 gets one in the handshake "
                  "(0: no tickets, no resumption)")
      ->check(CLI::Range(0, 16));
  cmd->add_option("--ticket-lifetime", o->ticket_lifetime, "Seconds a session ticket may be used")
      ->check(CLI::Range(1, 604800));
  cmd->add_option("--ticket-key-rotation", o->ticket_rotation,
                  "Seconds between ticket keys; the previous key still opens tickets for one more period")
      ->check(CLI::Range(1, 604800));
  cmd->add_flag("--single-use-tickets", o->single_use_tickets,
                "Each ticket resumes at most once (a replay cache of up to 100000 live tickets)");
  cmd->add_flag("--psk-ke", o->psk_ke,
                "Also resume clients offering only psk_ke (no (EC)DHE: no forward secrecy)");
  cmd->footer(
      "An HTTP request (GET, HEAD) gets a page naming the client certificate and the chain\n"
      "validation result; anything else is echoed. GET /pha first asks a TLS 1.3 client for its\n"
      "certificate after the handshake (post-handshake authentication) and shows the result;\n"
      "a client that did not offer post_handshake_auth is not asked and the page says why.\n"
      "Limits: the whole handshake within --handshake-timeout; after it, silence up to\n"
      "--timeout; the post-handshake authentication answer within --handshake-timeout, with at\n"
      "most 64 KiB of application data read ahead meanwhile. After a fatal alert or\n"
      "close_notify the server half-closes and drains the client for up to 1 s before closing.");
  o->teach.add_to(*cmd, false);
  cmd->callback([o] { set_exit_code(run_server(*o)); });
}

}  // namespace glass::apps
