// `glasstls client HOST:PORT`: connect, complete a (mutual) TLS handshake, say
// what was negotiated and who the server is, then relay stdin and stdout.
// Built on the public API (glass::context, glass::stream); only the teaching
// views and the reports reach the engine, through api/internal.hpp.
#include <poll.h>
#include <chrono>
#include <unistd.h>

#include <utility>

#include <boost/asio.hpp>
#include <fmt/core.h>

#include "api/internal.hpp"
#include "apps/commands.hpp"
#include "apps/session_file.hpp"
#include "apps/teach.hpp"
#include "apps/tls_options.hpp"
#include "teach/diagnose.hpp"
#include "teach/summary.hpp"
#include "glasstls/stream.hpp"

namespace glass::apps {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using TlsStream = glass::stream<tcp::socket>;

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

// The engine under the stream, for the summary, the failure report and the
// diagnosis (api/internal.hpp). The client's context always makes one.
const handshake::Connection& engine_of(TlsStream& tls) {
  return detail::connection_of(*tls.native_handle());
}

// What the user reads about a failed handshake: the report and the likely cause.
std::string failure_text(TlsStream& tls) {
  if (!tls.native_handle()) return tls.last_error() ? tls.last_error()->reason + "\n" : "\n";
  const auto& c = engine_of(tls);
  return teach::failure_report(c) + "\n" + (c.error() ? teach::diagnose(c) : teach::diagnose_silent_close(c));
}

bool finish_teaching(Teacher& teacher, TlsStream& tls, const ClientOptions& o) {
  return teacher.finish(tls.native_handle() ? &engine_of(tls) : nullptr, "glasstls client " + o.target);
}

// TLS 1.3 tickets come after the handshake: read for up to `ms` until some arrived.
void collect_tickets(TlsStream& tls, int fd, int ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  boost::system::error_code ec;
  while (tls.connection_info().tickets_received == 0 ||
         std::chrono::steady_clock::now() + std::chrono::milliseconds(ms - 50) < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (tls.connection_info().tickets_received > 0) left = std::min<long>(left, 50);
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return;
    tls.fill(ec);
    if (ec) return;
  }
}

// --sess-in: the saved session is offered on the first connection.
bool load_session_file(const ClientOptions& o, const std::string& server_name, glass::context& ctx) {
  auto s = load_session(o.sess_in);
  if (!s) {
    fmt::print(stderr, "glasstls client: --sess-in {}\n", s.error().reason);
    return false;
  }
  if (s->server_name() != server_name)
    fmt::print(stderr, "glasstls client: the session in {} is for {}, not {}: not offered\n",
               o.sess_in, s->server_name(), server_name);
  ctx.add_session(*s);
  return true;
}

void save_session_file(const ClientOptions& o, const glass::context& ctx, const std::string& server_name) {
  auto s = ctx.stored_session(server_name);
  if (!s) {
    fmt::print(stderr, "glasstls client: the server sent no session ticket; {} not written\n", o.sess_out);
    return;
  }
  if (auto st = save_session(o.sess_out, *s); !st)
    fmt::print(stderr, "glasstls client: --sess-out: {}\n", st.error().reason);
  else if (!o.quiet)
    fmt::print(stderr, "  session saved   {} (ticket of {} bytes, lifetime {} s)\n", o.sess_out,
               s->ticket_size(), s->lifetime());
}

// --reconnect N: N more connections with the same settings, each offering the
// newest ticket; one line each saying whether it resumed.
int reconnect(const ClientOptions& o, const glass::context& ctx, asio::io_context& io,
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
    TlsStream tls(std::move(sock), ctx);
    tls.handshake(stream_base::client, ec);
    if (ec) {
      auto text = tls.native_handle() ? teach::failure_report(engine_of(tls)) : tls.last_error()->reason;
      fmt::print(stderr, "reconnect {}: handshake failed: {}\n", i, text);
      return 1;
    }
    auto info = tls.connection_info();
    resumed += info.resumed ? 1 : 0;
    collect_tickets(tls, fd, 1000);
    fmt::print(stderr, "reconnect {}: {} ({}, {})\n", i,
               info.resumed ? "resumed" : info.psk_offered ? "full handshake (ticket not accepted)"
                                                           : "full handshake (no ticket to offer)",
               info.version, info.cipher_suite);
    tls.shutdown(ec);
  }
  fmt::print(stderr, "{} of {} reconnections resumed\n", resumed, o.reconnect);
  return resumed == o.reconnect ? 0 : 1;
}

// The context from the options; 0 when usable, else the exit code.
int client_context(const ClientOptions& o, const std::string& server_name, glass::context& ctx) {
  ctx.set_server_name(server_name);
  if (auto st = o.tls.apply(ctx); !st) {
    fmt::print(stderr, "glasstls client: {}\n", st.error().reason);
    if (!o.tls.p12.empty() || !o.tls.cert.empty() || !o.tls.key.empty())
      fmt::print(stderr, "{}", teach::diagnose_load_error(st.error().reason));
    return 2;
  }
  if (o.tls.ca.empty() && !o.tls.no_verify) {
    fmt::print(stderr,
               "glasstls client: give --ca FILE with the CA that issued the server's "
               "certificate, or --insecure to skip validation\n");
    return 2;
  }
  if (o.resumption()) {
    ctx.set_session_resumption(true);
    if (!o.sess_in.empty() && !load_session_file(o, server_name, ctx)) return 2;
  }
  return 0;
}

// --explain/--json/--html/--vectors and --seed reach the engine (api/internal.hpp):
// the narrator is an engine observer, the seed replaces the engine's randomness.
void attach_teaching(const ClientOptions& o, Teacher& teacher, glass::context& ctx) {
  auto seed = std::make_shared<SeededSide>();
  if (o.teach.seeded) {
    *seed = seeded_side(o.teach.seed, "client");
    detail::set_config_hook(ctx, [seed](handshake::Config& cfg) { apply_seed(*seed, cfg); });
  }
  detail::set_engine_observer(ctx, teacher.side("client", "", seed->ephemeral_keys));
}

// The handshake within --timeout; false (after saying why) when it failed.
bool client_handshake(const ClientOptions& o, TlsStream& tls, Teacher& teacher) {
  boost::system::error_code ec;
  // --timeout bounds the whole handshake, not each read.
  tls.set_deadline(std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout_s));
  tls.handshake(stream_base::client, ec);
  tls.clear_deadline();
  if (ec == asio::error::timed_out) {
    fmt::print(stderr,
               "glasstls client: the handshake did not complete within --timeout {} s (waiting in "
               "{}); the server is silent or too slow\n",
               o.timeout_s, engine_of(tls).state_name());
    finish_teaching(teacher, tls, o);
    return false;
  }
  if (ec) {
    fmt::print(stderr, "glasstls client: handshake failed: {}", failure_text(tls));
    finish_teaching(teacher, tls, o);
    return false;
  }
  return true;
}

// TLS 1.3: the server judges our certificate after our Finished, so its verdict
// can only arrive now. Waits a bounded moment for it; false when it refused us.
bool await_verdict(const ClientOptions& o, TlsStream& tls, int fd, Teacher& teacher) {
  boost::system::error_code ec;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.verdict_ms);
  bool heard = false;
  while (!tls.available()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    tls.fill(ec);
    if (ec) {
      if (tls.last_error()) {
        const auto& c = engine_of(tls);
        fmt::print(stderr, "glasstls client: the server rejected us after the handshake: {}\n{}",
                   teach::failure_report(c), teach::diagnose(c));
        finish_teaching(teacher, tls, o);
        return false;
      }
      break;
    }
    heard = true;
  }
  if (!o.quiet)
    fmt::print(stderr, "  server verdict  {}\n",
               tls.available() ? "accepted (it sent application data)"
               : heard ? "no alert (it sent only handshake messages such as NewSessionTicket)"
                       : "none within " + std::to_string(o.verdict_ms) +
                             " ms (no alert: accepted so far)");
  return true;
}

// One poll() round of the relay: stdin to the server, or the socket into the stream.
enum class RelayStep : std::uint8_t { stop, again, filled };
RelayStep relay_wait(const ClientOptions& o, TlsStream& tls, int fd, bool& stdin_open,
                boost::system::error_code& ec) {
  pollfd p[2] = {{fd, POLLIN, 0}, {stdin_open ? 0 : -1, POLLIN, 0}};
  int r = ::poll(p, 2, o.timeout_s * 1000);
  if (r == 0) {
    fmt::print(stderr, "glasstls client: no data for {} s, closing\n", o.timeout_s);
    return RelayStep::stop;
  }
  if (p[1].revents & (POLLIN | POLLHUP)) {
    char buf[16384];
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n <= 0) {
      stdin_open = false;
      tls.shutdown(ec);
    } else {
      asio::write(tls, asio::buffer(buf, static_cast<std::size_t>(n)), ec);
      if (ec) return RelayStep::stop;
    }
    return RelayStep::again;
  }
  if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) return RelayStep::again;
  tls.fill(ec);
  return RelayStep::filled;
}

// Relay: stdin → server, server → stdout. On stdin EOF send close_notify and
// keep reading until the server closes. Returns the exit code.
int relay(const ClientOptions& o, TlsStream& tls, int fd, Teacher& teacher) {
  boost::system::error_code ec;
  bool stdin_open = true;
  for (;;) {
    if (!tls.available()) {
      RelayStep w = relay_wait(o, tls, fd, stdin_open, ec);
      if (w == RelayStep::stop) break;
      if (w == RelayStep::again) continue;
    }
    if (!ec && tls.available()) {
      char buf[16384];
      std::size_t n = tls.read_some(asio::buffer(buf), ec);
      std::fwrite(buf, 1, n, stdout);
      std::fflush(stdout);
      continue;
    }
    if (!ec && tls.peer_closed()) break;
    if (ec == asio::error::eof) break;
    if (ec) {
      if (tls.last_error()) {
        const auto& c = engine_of(tls);
        fmt::print(stderr, "glasstls client: {}\n{}", teach::failure_report(c), teach::diagnose(c));
        finish_teaching(teacher, tls, o);
        return 1;
      }
      break;  // TCP closed without close_notify
    }
  }
  return finish_teaching(teacher, tls, o) ? 0 : 1;
}

// After the handshake: tickets and session files, --reconnect, the verdict, the relay.
int after_handshake(const ClientOptions& o, const glass::context& ctx, TlsStream& tls, int fd,
                    Teacher& teacher, asio::io_context& io, const tcp::resolver::results_type& endpoints,
                    const std::string& server_name) {
  if (!o.quiet) fmt::print(stderr, "handshake complete\n{}", teach::session_summary(engine_of(tls)));
  if (o.resumption()) {
    collect_tickets(tls, fd, 1000);
    if (!o.sess_out.empty()) save_session_file(o, ctx, server_name);
    if (o.reconnect > 0) {
      boost::system::error_code ec;
      tls.shutdown(ec);
      int rc = reconnect(o, ctx, io, endpoints);
      finish_teaching(teacher, tls, o);
      return rc;
    }
  }
  auto info = tls.connection_info();
  if (info.version == "TLS 1.3" && info.client_cert_requested && o.verdict_ms > 0 &&
      !await_verdict(o, tls, fd, teacher))
    return 1;
  return relay(o, tls, fd, teacher);
}

int run_client(const ClientOptions& o) {
  auto hp = split_host_port(o.target);
  if (!hp) {
    fmt::print(stderr, "glasstls client: {}\n", hp.error().reason);
    return 2;
  }
  std::string server_name = o.name.empty() ? hp->first : o.name;
  glass::context ctx(glass::context::tls_client);
  if (int code = client_context(o, server_name, ctx)) return code;

  // The narrative goes to stderr: stdout carries the server's data.
  Teacher teacher(o.teach, false, stderr);
  attach_teaching(o, teacher, ctx);

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
  TlsStream tls(std::move(sock), ctx);
  if (!client_handshake(o, tls, teacher)) return 1;
  return after_handshake(o, ctx, tls, fd, teacher, io, endpoints, server_name);
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
