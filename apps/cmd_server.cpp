// `glasstls server`: a TLS server on Asio that asks for client certificates.
// It answers an HTTP request with a page naming the client certificate's
// subject, and echoes anything else; one thread per connection.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <system_error>
#include <thread>

#include <utility>

#include <boost/asio.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/diagnose.hpp"
#include "apps/summary.hpp"
#include "apps/teach.hpp"
#include "apps/tls_options.hpp"
#include "handshake/keylog.hpp"
#include "net/stream.hpp"

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
  int max_concurrent = 128;
  int timeout_s = 10;
  bool quiet = false;
  TeachOptions teach;
};

std::mutex g_print;

template <class... Args>
void log(fmt::format_string<Args...> f, Args&&... args) {
  std::lock_guard<std::mutex> lock(g_print);
  fmt::print(stdout, f, std::forward<Args>(args)...);
  std::fflush(stdout);
}

// One thread per connection, at most `limit` at a time. A finished thread is
// joined when the next connection arrives: until joined it keeps its stack, so a
// server that runs for days would otherwise collect one per connection served.
class Workers {
 public:
  explicit Workers(int limit) : limit_(limit < 1 ? 1 : limit) {}
  ~Workers() { join_all(); }

  // Joins the finished threads; blocks while `limit` connections are in service.
  void wait_for_slot() {
    std::unique_lock<std::mutex> lock(mu_);
    auto has_slot = [&] { return active_ < limit_; };
    // Said only when the limit holds for a while, not after every short connection.
    if (!cv_.wait_for(lock, std::chrono::seconds(1), has_slot)) {
      log("{} connection(s) in service (--max-concurrent {}); not accepting more until one "
          "ends\n", active_, limit_);
      cv_.wait(lock, has_slot);
    }
    for (auto it = list_.begin(); it != list_.end();) {
      if (!it->done) {
        ++it;
        continue;
      }
      it->thread.join();  // it has set `done` and only returns now
      it = list_.erase(it);
    }
  }

  // False when no thread could be made (the connection, owned by fn, is closed).
  template <class F>
  bool start(F fn) {
    std::lock_guard<std::mutex> lock(mu_);
    Worker& w = list_.emplace_back();
    try {
      // The thread cannot mark itself done before this assignment: it needs mu_.
      w.thread = std::thread([this, &w, fn = std::move(fn)]() mutable {
        fn();
        std::lock_guard<std::mutex> done_lock(mu_);
        w.done = true;
        --active_;
        cv_.notify_all();
      });
    } catch (const std::system_error&) {
      list_.pop_back();
      return false;
    }
    ++active_;
    return true;
  }

  void join_all() {
    for (auto& w : list_)
      if (w.thread.joinable()) w.thread.join();
    list_.clear();
  }

 private:
  struct Worker {
    std::thread thread;
    bool done = false;
  };
  int limit_;
  int active_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::list<Worker> list_;  // nodes stay put while their threads point at them
};

void serve_one(tcp::socket sock, handshake::Config cfg, int id, int timeout_s, bool quiet,
               std::string keylog_path, Teacher* teacher, const TeachOptions* teach) {
  SeededSide seed;
  if (teach->seeded) {
    // Each connection gets its own stream, so two connections never share randoms.
    seed = seeded_side(teach->seed, "server " + std::to_string(id));
    apply_seed(seed, cfg);
  }
  cfg.observer = teacher->side("server", keylog_path, seed.ephemeral_keys);
  timeval tv{timeout_s, 0};
  ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  boost::system::error_code ec;
  auto peer = sock.remote_endpoint(ec);
  net::stream<tcp::socket> tls(std::move(sock), std::move(cfg));
  tls.handshake(ec);
  if (ec) {
    const auto& c = tls.connection();
    log("[{}] {}: handshake failed: {}\n{}", id, peer.address().to_string(), failure_report(c),
        c.error() ? diagnose(c) : diagnose_silent_close(c));
    return;
  }
  std::string subject = peer_subject(tls.connection());
  if (quiet)
    log("[{}] handshake complete, client certificate: {}\n", id, subject);
  else
    log("[{}] handshake complete with {}\n{}", id, peer.address().to_string(),
        session_summary(tls.connection()));
  char buf[16384];
  bool first = true;
  for (;;) {
    std::size_t n = tls.read_some(asio::buffer(buf), ec);
    if (ec) {
      if (ec != asio::error::eof && tls.connection().error())
        log("[{}] connection failed: {}\n{}", id, failure_report(tls.connection()),
            diagnose(tls.connection()));
      break;
    }
    std::string_view data(buf, n);
    if (first && data.rfind("GET /pha", 0) == 0) {
      // Post-handshake client authentication (RFC 8446 4.6.2) for this path.
      auto st = tls.connection().request_client_certificate();
      if (st) tls.flush_output(ec);
      while (st && !ec && tls.connection().post_handshake_auth_pending()) tls.fill(ec);
      if (!st || tls.connection().error()) {
        log("[{}] post-handshake authentication failed: {}\n", id,
            st ? failure_report(tls.connection()) : st.error().reason);
        if (tls.connection().error()) break;
      } else if (tls.connection().post_handshake_auth_pending()) {
        log("[{}] the client did not answer the post-handshake CertificateRequest\n", id);
      } else {
        subject = peer_subject(tls.connection());
        log("[{}] post-handshake authentication: client certificate {}\n", id, subject);
      }
    }
    if (first && (data.rfind("GET ", 0) == 0 || data.rfind("HEAD ", 0) == 0)) {
      const auto& info = tls.connection().info();
      std::string body = fmt::format(
          "Hello from glasstls.\nprotocol: {}\ncipher suite: {}\nclient certificate: {}\n"
          "chain validation: {}\n",
          handshake::name_of(info.version), handshake::name_of(info.cipher_suite), subject,
          info.peer_chain.empty() ? "(no certificate)" : info.peer_verify_result);
      std::string resp = fmt::format(
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n"
          "Connection: close\r\n\r\n{}",
          body.size(), body);
      asio::write(tls, asio::buffer(resp), ec);
      tls.shutdown(ec);
      break;
    }
    first = false;
    asio::write(tls, asio::buffer(data), ec);  // echo
    if (ec) break;
  }
  log("[{}] closed\n", id);
}

int run_server(const ServerOptions& o) {
  handshake::Config cfg;
  cfg.role = handshake::Role::server;
  if (o.verify == "none") cfg.client_auth = handshake::ClientAuthMode::none;
  else if (o.verify == "request") cfg.client_auth = handshake::ClientAuthMode::request;
  else if (o.verify == "require") cfg.client_auth = handshake::ClientAuthMode::require;
  else {
    fmt::print(stderr, "glasstls server: --verify must be none, request or require\n");
    return 2;
  }
  if (auto st = o.tls.apply(cfg); !st) {
    fmt::print(stderr, "glasstls server: {}\n", st.error().reason);
    return 2;
  }
  if (cfg.identities.empty()) {
    fmt::print(stderr, "glasstls server: give --p12 FILE or --cert FILE --key FILE\n");
    return 2;
  }
  if (cfg.client_auth != handshake::ClientAuthMode::none && cfg.trust_anchors.empty()) {
    fmt::print(stderr,
               "glasstls server: --verify {} needs --ca FILE with the CAs that issue client "
               "certificates\n", o.verify);
    return 2;
  }
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
  log("listening on {}:{} (client certificates: {})\n", o.bind, acceptor.local_endpoint().port(),
      o.verify);
  Teacher teacher(o.teach, false, stdout);
  Workers workers(o.max_concurrent);
  for (int n = 1; o.max_connections == 0 || n <= o.max_connections; ++n) {
    workers.wait_for_slot();
    tcp::socket sock(io);
    acceptor.accept(sock, ec);
    if (ec) {
      fmt::print(stderr, "glasstls server: accept: {}\n", ec.message());
      continue;
    }
    bool started = workers.start([sock = std::move(sock), &cfg, n, &o, &teacher]() mutable {
      serve_one(std::move(sock), cfg, n, o.timeout_s, o.quiet, o.tls.keylog_path(), &teacher,
                &o.teach);
    });
    if (!started)
      fmt::print(stderr, "glasstls server: [{}] no thread for this connection (system limit); "
                 "closed it\n", n);
  }
  workers.join_all();
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
                  "Connections served at once; further ones wait to be accepted")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeout", o->timeout_s, "Seconds a connection may stay silent");
  cmd->add_flag("-q,--quiet", o->quiet, "One line per connection");
  o->teach.add_to(*cmd, false);
  cmd->callback([o] { set_exit_code(run_server(*o)); });
}

}  // namespace glass::apps
