// `glasstls client HOST:PORT`: connect, complete a (mutual) TLS handshake, say
// what was negotiated and who the server is, then relay stdin and stdout.
#include <poll.h>
#include <chrono>
#include <unistd.h>

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
#include "x509/extensions.hpp"

namespace glass::apps {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct ClientOptions {
  std::string target;
  std::string name;
  TlsOptions tls;
  int verdict_ms = 300;
  int timeout_s = 10;
  bool quiet = false;
  TeachOptions teach;
};

void set_timeouts(tcp::socket& s, int seconds) {
  timeval tv{seconds, 0};
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

int run_client(const ClientOptions& o) {
  auto hp = split_host_port(o.target);
  if (!hp) {
    fmt::print(stderr, "glasstls client: {}\n", hp.error().reason);
    return 2;
  }
  handshake::Config cfg;
  cfg.role = handshake::Role::client;
  cfg.server_name = o.name.empty() ? hp->first : o.name;
  if (auto st = o.tls.apply(cfg); !st) {
    fmt::print(stderr, "glasstls client: {}\n", st.error().reason);
    if (!o.tls.p12.empty() || !o.tls.cert.empty() || !o.tls.key.empty())
      fmt::print(stderr, "{}", diagnose_load_error(st.error().reason));
    return 2;
  }
  if (cfg.trust_anchors.empty() && cfg.verify_peer) {
    fmt::print(stderr,
               "glasstls client: give --ca FILE with the CA that issued the server's "
               "certificate, or --insecure to skip validation\n");
    return 2;
  }

  // The narrative goes to stderr: stdout carries the server's data.
  Teacher teacher(o.teach, false, stderr);
  SeededSide seed;
  if (o.teach.seeded) {
    seed = seeded_side(o.teach.seed, "client");
    apply_seed(seed, cfg);
  }
  cfg.observer = teacher.side("client", o.tls.keylog_path(), seed.ephemeral_keys);

  asio::io_context io;
  tcp::socket sock(io);
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(hp->first, hp->second, ec);
  if (!ec) asio::connect(sock, endpoints, ec);
  if (ec) {
    fmt::print(stderr, "glasstls client: cannot connect to {}: {}\n", o.target, ec.message());
    return 1;
  }
  set_timeouts(sock, o.timeout_s);
  int fd = sock.native_handle();
  net::stream<tcp::socket> tls(std::move(sock), cfg);
  // --timeout bounds the whole handshake, not each read.
  tls.set_deadline(std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout_s));
  tls.handshake(ec);
  tls.clear_deadline();
  if (ec == asio::error::timed_out) {
    fmt::print(stderr,
               "glasstls client: the handshake did not complete within --timeout {} s (waiting in "
               "{}); the server is silent or too slow\n",
               o.timeout_s, tls.connection().state_name());
    teacher.finish(&tls.connection(), "glasstls client " + o.target);
    return 1;
  }
  if (ec) {
    const auto& c = tls.connection();
    fmt::print(stderr, "glasstls client: handshake failed: {}\n{}", failure_report(c),
               c.error() ? diagnose(c) : diagnose_silent_close(c));
    teacher.finish(&c, "glasstls client " + o.target);
    return 1;
  }
  const auto& info = tls.connection().info();
  if (!o.quiet) fmt::print(stderr, "handshake complete\n{}", session_summary(tls.connection()));

  // TLS 1.3: the server judges our certificate after our Finished, so its
  // verdict can only arrive now. Wait a bounded moment for it.
  if (info.version == handshake::ProtocolVersion::tls13 && info.client_cert_requested &&
      o.verdict_ms > 0) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.verdict_ms);
    bool heard = false;
    while (!tls.buffered()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      pollfd p{fd, POLLIN, 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
      tls.fill(ec);
      if (ec) {
        if (tls.connection().error()) {
          fmt::print(stderr, "glasstls client: the server rejected us after the handshake: {}\n{}",
                     failure_report(tls.connection()), diagnose(tls.connection()));
          teacher.finish(&tls.connection(), "glasstls client " + o.target);
          return 1;
        }
        break;
      }
      heard = true;
    }
    if (!o.quiet)
      fmt::print(stderr, "  server verdict  {}\n",
                 tls.buffered() ? "accepted (it sent application data)"
                 : heard ? "no alert (it sent only handshake messages such as NewSessionTicket)"
                         : "none within " + std::to_string(o.verdict_ms) +
                               " ms (no alert: accepted so far)");
  }

  // Relay: stdin → server, server → stdout. On stdin EOF send close_notify and
  // keep reading until the server closes.
  bool stdin_open = true;
  for (;;) {
    if (!tls.buffered()) {
      pollfd p[2] = {{fd, POLLIN, 0}, {stdin_open ? 0 : -1, POLLIN, 0}};
      int r = ::poll(p, 2, o.timeout_s * 1000);
      if (r == 0) {
        fmt::print(stderr, "glasstls client: no data for {} s, closing\n", o.timeout_s);
        break;
      }
      if (p[1].revents & (POLLIN | POLLHUP)) {
        char buf[16384];
        ssize_t n = ::read(0, buf, sizeof buf);
        if (n <= 0) {
          stdin_open = false;
          tls.shutdown(ec);
        } else {
          asio::write(tls, asio::buffer(buf, static_cast<std::size_t>(n)), ec);
          if (ec) break;
        }
        continue;
      }
      if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      tls.fill(ec);
    }
    if (!ec && tls.buffered()) {
      char buf[16384];
      std::size_t n = tls.read_some(asio::buffer(buf), ec);
      std::fwrite(buf, 1, n, stdout);
      std::fflush(stdout);
      continue;
    }
    if (!ec && tls.connection().peer_closed()) break;
    if (ec == asio::error::eof) break;
    if (ec) {
      if (tls.connection().error()) {
        fmt::print(stderr, "glasstls client: {}\n{}", failure_report(tls.connection()),
                   diagnose(tls.connection()));
        teacher.finish(&tls.connection(), "glasstls client " + o.target);
        return 1;
      }
      break;  // TCP closed without close_notify
    }
  }
  return teacher.finish(&tls.connection(), "glasstls client " + o.target) ? 0 : 1;
}

}  // namespace

void register_client(CLI::App& app) {
  auto o = std::make_shared<ClientOptions>();
  auto* cmd = app.add_subcommand("client", "Connect to a TLS server (mutual TLS with --p12 or --cert/--key)");
  cmd->add_option("target", o->target, "HOST:PORT")->required();
  cmd->add_option("--name", o->name, "Server name for SNI and certificate checking (default: HOST)");
  o->tls.add_to(*cmd, false);
  cmd->add_option("--verdict-wait", o->verdict_ms,
                  "TLS 1.3: milliseconds to wait for the server's verdict on our certificate");
  cmd->add_option("--timeout", o->timeout_s, "Seconds to wait for the network before giving up");
  cmd->add_flag("-q,--quiet", o->quiet, "Print only the data received");
  o->teach.add_to(*cmd, false);
  cmd->callback([o] { set_exit_code(run_client(*o)); });
}

}  // namespace glass::apps
