// `glasstls demo`: a self-contained mutual-TLS handshake, explained step by step.
// It makes a test PKI in a temporary folder, starts our server (client
// certificates required) on 127.0.0.1, connects our client with the .p12, and
// narrates every state change, message, secret and record of both sides.
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <utility>

#include <boost/asio.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/explain.hpp"
#include "apps/pki_files.hpp"
#include "apps/summary.hpp"
#include "apps/tls_options.hpp"
#include "net/stream.hpp"

namespace glass::apps {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct DemoOptions {
  bool tls12 = false;
  std::string key_type = "ecdsa";
  bool hide_secrets = false;
  std::string keep;
};

int run_demo(const DemoOptions& o) {
  auto kt = parse_key_type(o.key_type);
  if (!kt) {
    fmt::print(stderr, "glasstls demo: {}\n", kt.error().reason);
    return 2;
  }
  std::string dir = o.keep;
  if (dir.empty()) {
    char tmpl[] = "/tmp/glasstls-demo-XXXXXX";
    if (!::mkdtemp(tmpl)) {
      fmt::print(stderr, "glasstls demo: cannot create a temporary folder\n");
      return 1;
    }
    dir = tmpl;
  }
  PkiRequest req;
  req.dir = dir;
  req.key_type = *kt;
  auto pki = write_test_pki(req, x509::pbe::Password::utf8("demo"));
  if (!pki) {
    fmt::print(stderr, "glasstls demo: making the test PKI failed: {}\n", pki.error().reason);
    return 1;
  }
  bool colour = ::isatty(1);
  fmt::print(
      "glasstls demo: mutual TLS {} on 127.0.0.1, explained step by step.\n"
      "A test PKI was written to {}: a CA, a server certificate for localhost, and\n"
      "a client identity in client.p12 (password \"demo\"). The server trusts the CA for\n"
      "client certificates and requires one; the client trusts it for the server.\n\n",
      o.tls12 ? "1.2" : "1.3", dir);

  Narrator narrator(stdout, colour, !o.hide_secrets);
  ExplainObserver client_obs(narrator, "client"), server_obs(narrator, "server");

  TlsOptions st;
  st.cert = dir + "/server.pem";
  st.key = dir + "/server.key";
  st.ca = dir + "/ca.pem";
  handshake::Config scfg;
  scfg.role = handshake::Role::server;
  scfg.client_auth = handshake::ClientAuthMode::require;
  scfg.observer = &server_obs;
  TlsOptions ct;
  ct.p12 = dir + "/client.p12";
  ct.pass_spec = "pass:demo";
  ct.ca = dir + "/ca.pem";
  ct.tls12_only = o.tls12;
  handshake::Config ccfg;
  ccfg.role = handshake::Role::client;
  ccfg.server_name = "localhost";
  ccfg.observer = &client_obs;
  if (auto s = st.apply(scfg); !s) {
    fmt::print(stderr, "glasstls demo: server setup: {}\n", s.error().reason);
    return 1;
  }
  if (auto s = ct.apply(ccfg); !s) {
    fmt::print(stderr, "glasstls demo: client setup: {}\n", s.error().reason);
    return 1;
  }

  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  auto port = acceptor.local_endpoint().port();
  std::string server_summary, server_failure;
  std::thread server_thread([&] {
    tcp::socket sock(io);
    boost::system::error_code ec;
    acceptor.accept(sock, ec);
    if (ec) return;
    timeval tv{10, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    net::stream<tcp::socket> tls(std::move(sock), scfg);
    tls.handshake(ec);
    if (ec) {
      server_failure = failure_report(tls.connection());
      return;
    }
    char buf[4096];
    std::size_t n = tls.read_some(asio::buffer(buf), ec);
    if (ec) return;
    std::string reply = "Hello " + peer_subject(tls.connection()) + ", you sent " +
                        std::to_string(n) + " bytes.\n";
    asio::write(tls, asio::buffer(reply), ec);
    tls.shutdown(ec);
    server_summary = session_summary(tls.connection());
  });

  int rc = 0;
  {
    tcp::socket sock(io);
    boost::system::error_code ec;
    sock.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    timeval tv{10, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    net::stream<tcp::socket> tls(std::move(sock), ccfg);
    if (!ec) tls.handshake(ec);
    if (ec) {
      fmt::print("\nThe handshake failed: {}\n", failure_report(tls.connection()));
      rc = 1;
    } else {
      std::string req_text = "GET / HTTP/1.0\r\n\r\n";
      narrator.line("client", "app", "handshake done; sends application data: GET / HTTP/1.0");
      asio::write(tls, asio::buffer(req_text), ec);
      std::string got;
      char buf[4096];
      for (;;) {
        std::size_t n = tls.read_some(asio::buffer(buf), ec);
        got.append(buf, n);
        if (ec) break;
      }
      narrator.line("client", "app", "received: " + got.substr(0, got.find('\n')));
      fmt::print("\nSummary (client side):\n{}", session_summary(tls.connection()));
    }
  }
  server_thread.join();
  if (!server_summary.empty()) fmt::print("\nSummary (server side):\n{}", server_summary);
  if (!server_failure.empty()) fmt::print("\nServer: {}\n", server_failure);
  if (o.keep.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  } else {
    fmt::print("\nThe PKI is kept in {}\n", dir);
  }
  return rc;
}

}  // namespace

void register_demo(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "A mutual-TLS handshake between our client and server, explained step by step");
  cmd->add_flag("--tls1.2", o->tls12, "Use TLS 1.2 instead of TLS 1.3");
  cmd->add_option("--key-type", o->key_type, "Key type of the test PKI: ecdsa, ed25519 or rsa");
  cmd->add_flag("--hide-secrets", o->hide_secrets, "Do not print secret values");
  cmd->add_option("--keep", o->keep, "Write the PKI into this folder and keep it");
  cmd->callback([o] { set_exit_code(run_demo(*o)); });
}

}  // namespace glass::apps
