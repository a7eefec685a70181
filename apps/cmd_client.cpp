// `glasstls client HOST:PORT`: connect, complete a (mutual) TLS handshake, say
// what was negotiated and who the server is, then relay stdin and stdout.
#include <poll.h>
#include <ctime>
#include <chrono>
#include <unistd.h>

#include <utility>

#include <boost/asio.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/session_file.hpp"
#include "apps/teach.hpp"
#include "apps/tls_options.hpp"
#include "net/stream.hpp"
#include "teach/diagnose.hpp"
#include "teach/keylog.hpp"
#include "teach/summary.hpp"
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
  std::string sess_out, sess_in;  // resumption: session files
  int reconnect = 0;              // reconnect this many times, resuming
  bool resumption() const { return !sess_out.empty() || !sess_in.empty() || reconnect > 0; }
};

void set_timeouts(tcp::socket& s, int seconds) {
  timeval tv{seconds, 0};
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// TLS 1.3 tickets come after the handshake: read for up to `ms` until some arrived.
void collect_tickets(net::stream<tcp::socket>& tls, int fd, int ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  boost::system::error_code ec;
  while (tls.connection().info().tickets_received == 0 ||
         std::chrono::steady_clock::now() + std::chrono::milliseconds(ms - 50) < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (tls.connection().info().tickets_received > 0) left = std::min<long>(left, 50);
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return;
    tls.fill(ec);
    if (ec) return;
  }
}

// --sess-in: the saved session goes into the cache under its own key.
bool load_session_file(const ClientOptions& o, handshake::Config& cfg) {
  auto s = load_session(o.sess_in);
  if (!s) {
    fmt::print(stderr, "glasstls client: --sess-in {}\n", s.error().reason);
    return false;
  }
  if (s->server_name != cfg.server_name)
    fmt::print(stderr, "glasstls client: the session in {} is for {}, not {}: not offered\n",
               o.sess_in, s->server_name, cfg.server_name);
  cfg.session_cache->add(std::move(*s));
  return true;
}

void save_session_file(const ClientOptions& o, const handshake::Config& cfg, std::int64_t now) {
  auto s = cfg.session_cache->newest(handshake::session_key(cfg.server_name, cfg.alpn), now);
  if (!s) {
    fmt::print(stderr, "glasstls client: the server sent no session ticket; {} not written\n", o.sess_out);
    return;
  }
  if (auto st = save_session(o.sess_out, *s); !st)
    fmt::print(stderr, "glasstls client: --sess-out: {}\n", st.error().reason);
  else if (!o.quiet)
    fmt::print(stderr, "  session saved   {} (ticket of {} bytes, lifetime {} s)\n", o.sess_out,
               s->ticket.size(), s->lifetime);
}

// --reconnect N: N more connections with the same settings, each offering the
// newest ticket; one line each saying whether it resumed.
int reconnect(const ClientOptions& o, const handshake::Config& cfg, asio::io_context& io,
              const tcp::resolver::results_type& endpoints) {
  int resumed = 0;
  for (int i = 1; i <= o.reconnect; ++i) {
    tcp::socket sock(io);
    boost::system::error_code ec;
    asio::connect(sock, endpoints, ec);
    if (ec) {
      fmt::print(stderr, "reconnect {}: cannot connect: {}\n", i, ec.message());
      return 1;
    }
    set_timeouts(sock, o.timeout_s);
    int fd = sock.native_handle();
    net::stream<tcp::socket> tls(std::move(sock), cfg);
    tls.handshake(ec);
    if (ec) {
      fmt::print(stderr, "reconnect {}: handshake failed: {}\n", i, teach::failure_report(tls.connection()));
      return 1;
    }
    const auto& info = tls.connection().info();
    resumed += info.resumed ? 1 : 0;
    collect_tickets(tls, fd, 1000);
    fmt::print(stderr, "reconnect {}: {} ({}, {})\n", i,
               info.resumed ? "resumed" : info.psk_offered ? "full handshake (ticket not accepted)"
                                                           : "full handshake (no ticket to offer)",
               handshake::name_of(info.version), handshake::name_of(info.cipher_suite));
    tls.shutdown(ec);
  }
  fmt::print(stderr, "{} of {} reconnections resumed\n", resumed, o.reconnect);
  return resumed == o.reconnect ? 0 : 1;
}

// The handshake::Config from the options; 0 when usable, else the exit code.
int client_config(const ClientOptions& o, const std::string& host, handshake::Config& cfg) {
  cfg.role = handshake::Role::client;
  cfg.server_name = o.name.empty() ? host : o.name;
  if (auto st = o.tls.apply(cfg); !st) {
    fmt::print(stderr, "glasstls client: {}\n", st.error().reason);
    if (!o.tls.p12.empty() || !o.tls.cert.empty() || !o.tls.key.empty())
      fmt::print(stderr, "{}", teach::diagnose_load_error(st.error().reason));
    return 2;
  }
  if (cfg.trust_anchors.empty() && cfg.verify_peer) {
    fmt::print(stderr,
               "glasstls client: give --ca FILE with the CA that issued the server's "
               "certificate, or --insecure to skip validation\n");
    return 2;
  }
  if (o.resumption()) {
    cfg.session_cache = std::make_shared<handshake::ClientSessionCache>();
    if (!o.sess_in.empty() && !load_session_file(o, cfg)) return 2;
  }
  return 0;
}

// The handshake within --timeout; false (after saying why) when it failed.
bool client_handshake(const ClientOptions& o, net::stream<tcp::socket>& tls, Teacher& teacher) {
  boost::system::error_code ec;
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
    return false;
  }
  if (ec) {
    const auto& c = tls.connection();
    fmt::print(stderr, "glasstls client: handshake failed: {}\n{}", teach::failure_report(c),
               c.error() ? teach::diagnose(c) : teach::diagnose_silent_close(c));
    teacher.finish(&c, "glasstls client " + o.target);
    return false;
  }
  return true;
}

// TLS 1.3: the server judges our certificate after our Finished, so its verdict
// can only arrive now. Waits a bounded moment for it; false when it refused us.
bool await_verdict(const ClientOptions& o, net::stream<tcp::socket>& tls, int fd, Teacher& teacher) {
  boost::system::error_code ec;
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
                   teach::failure_report(tls.connection()), teach::diagnose(tls.connection()));
        teacher.finish(&tls.connection(), "glasstls client " + o.target);
        return false;
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
  return true;
}

// Relay: stdin → server, server → stdout. On stdin EOF send close_notify and
// keep reading until the server closes. Returns the exit code.
int relay(const ClientOptions& o, net::stream<tcp::socket>& tls, int fd, Teacher& teacher) {
  boost::system::error_code ec;
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
        fmt::print(stderr, "glasstls client: {}\n{}", teach::failure_report(tls.connection()),
                   teach::diagnose(tls.connection()));
        teacher.finish(&tls.connection(), "glasstls client " + o.target);
        return 1;
      }
      break;  // TCP closed without close_notify
    }
  }
  return teacher.finish(&tls.connection(), "glasstls client " + o.target) ? 0 : 1;
}

int run_client(const ClientOptions& o) {
  auto hp = split_host_port(o.target);
  if (!hp) {
    fmt::print(stderr, "glasstls client: {}\n", hp.error().reason);
    return 2;
  }
  handshake::Config cfg;
  if (int code = client_config(o, hp->first, cfg)) return code;

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
  if (!client_handshake(o, tls, teacher)) return 1;
  const auto& info = tls.connection().info();
  if (!o.quiet) fmt::print(stderr, "handshake complete\n{}", teach::session_summary(tls.connection()));
  if (o.resumption()) {
    collect_tickets(tls, fd, 1000);
    if (!o.sess_out.empty()) save_session_file(o, cfg, cfg.now ? cfg.now() : std::time(nullptr));
    if (o.reconnect > 0) {
      tls.shutdown(ec);
      int rc = reconnect(o, cfg, io, endpoints);
      teacher.finish(&tls.connection(), "glasstls client " + o.target);
      return rc;
    }
  }
  if (info.version == handshake::ProtocolVersion::tls13 && info.client_cert_requested &&
      o.verdict_ms > 0 && !await_verdict(o, tls, fd, teacher))
    return 1;
  return relay(o, tls, fd, teacher);
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
  cmd->add_option("--sess-out", o->sess_out,
                  "Save the server's newest session ticket to FILE (mode 0600) for --sess-in");
  cmd->add_option("--sess-in", o->sess_in, "Offer the session saved in FILE (TLS 1.3 resumption)");
  cmd->add_option("--reconnect", o->reconnect,
                  "After the handshake, reconnect N times resuming the session; report which resumed")
      ->check(CLI::Range(0, 100));
  o->teach.add_to(*cmd, false);
  cmd->callback([o] { set_exit_code(run_client(*o)); });
}

}  // namespace glass::apps
