#include <doctest/doctest.h>

#include <utility>

#include <boost/asio.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "../handshake/engine_harness.hpp"
#include "net/stream.hpp"

using namespace glass;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

const x509::TestPki& pki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ed25519, 900);
  return p;
}

}  // namespace

TEST_CASE("net: async handshake, async_write and async_read over loopback (mutual TLS 1.3)") {
  crypto::SeededRng crng(1), srng(2);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  net::stream<tcp::socket> server(tcp::socket(io), cfg.server);
  net::stream<tcp::socket> client(tcp::socket(io), cfg.client);

  std::string server_got(5, '\0'), client_got(4, '\0');
  boost::system::error_code server_ec, client_ec;
  bool server_done = false, client_done = false;

  acceptor.async_accept(server.next_layer(), [&](boost::system::error_code ec) {
    REQUIRE_FALSE(ec);
    server.async_handshake([&](boost::system::error_code ec) {
      server_ec = ec;
      if (ec) return;
      asio::async_read(server, asio::buffer(server_got), [&](boost::system::error_code ec, std::size_t) {
        server_ec = ec;
        if (ec) return;
        asio::async_write(server, asio::buffer(std::string("pong")),
                          [&](boost::system::error_code ec, std::size_t) {
                            server_ec = ec;
                            server_done = true;
                          });
      });
    });
  });
  client.next_layer().async_connect(acceptor.local_endpoint(), [&](boost::system::error_code ec) {
    REQUIRE_FALSE(ec);
    client.async_handshake([&](boost::system::error_code ec) {
      client_ec = ec;
      if (ec) return;
      asio::async_write(client, asio::buffer(std::string("ping!")),
                        [&](boost::system::error_code ec, std::size_t) {
                          client_ec = ec;
                          if (ec) return;
                          asio::async_read(client, asio::buffer(client_got),
                                           [&](boost::system::error_code ec, std::size_t) {
                                             client_ec = ec;
                                             client_done = true;
                                           });
                        });
    });
  });
  io.run_for(std::chrono::seconds(20));
  INFO("server: " << server_ec.message() << " client: " << client_ec.message());
  CHECK(server_done);
  CHECK(client_done);
  CHECK_FALSE(server_ec);
  CHECK_FALSE(client_ec);
  CHECK(server_got == "ping!");
  CHECK(client_got == "pong");
  CHECK(server.connection().info().client_cert_sent);
  CHECK(server.connection().info().peer_verified);
}

TEST_CASE("net: a refused client certificate surfaces as an error_code with the alert") {
  crypto::SeededRng crng(3), srng(4);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  cfg.client.identities.clear();
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::thread server_thread([&] {
    tcp::socket s(io);
    acceptor.accept(s);
    net::stream<tcp::socket> server(std::move(s), cfg.server);
    boost::system::error_code ec;
    server.handshake(ec);
    CHECK(ec == net::make_error_code(core::Alert::certificate_required));
  });
  tcp::socket s(io);
  s.connect(acceptor.local_endpoint());
  timeval tv{10, 0};
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  net::stream<tcp::socket> client(std::move(s), cfg.client);
  boost::system::error_code ec;
  client.handshake(ec);
  REQUIRE_FALSE(ec);  // TLS 1.3: the client finishes before the server's verdict
  char buf[16];
  client.read_some(asio::buffer(buf), ec);
  server_thread.join();
  CHECK(ec == net::make_error_code(core::Alert::certificate_required));
  CHECK(ec.category().name() == std::string("glasstls"));
  REQUIRE(client.last_error());
  CHECK(client.last_error()->reason.find("certificate_required") != std::string::npos);
}

TEST_CASE("net: with a verdict wait, the client handshake itself reports the server's refusal") {
  crypto::SeededRng crng(5), srng(6);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  auto other = test::make_pki(crypto::KeyType::ed25519, 901, "CN=Other CA");
  cfg.client.identities = {test::identity_of(other.client, other.ca, "stranger")};
  cfg.server.send_ca_names = false;
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::thread server_thread([&] {
    tcp::socket s(io);
    acceptor.accept(s);
    net::stream<tcp::socket> server(std::move(s), cfg.server);
    boost::system::error_code ec;
    server.handshake(ec);
  });
  tcp::socket s(io);
  s.connect(acceptor.local_endpoint());
  net::stream<tcp::socket> client(std::move(s), cfg.client);
  client.set_verdict_wait(std::chrono::milliseconds(5000));
  boost::system::error_code ec;
  client.handshake(ec);
  server_thread.join();
  CHECK(ec == net::make_error_code(core::Alert::unknown_ca));
  CHECK(client.verdict() == net::stream<tcp::socket>::Verdict::rejected);
}

TEST_CASE("net: set_deadline ends a synchronous handshake against a silent peer with timed_out") {
  crypto::SeededRng crng(5), srng(6);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  net::stream<tcp::socket> client(tcp::socket(io), cfg.client);
  client.next_layer().connect(acceptor.local_endpoint());
  tcp::socket silent(io);
  acceptor.accept(silent);  // accepted, never answers
  auto start = std::chrono::steady_clock::now();
  client.set_deadline(start + std::chrono::milliseconds(300));
  boost::system::error_code ec;
  client.handshake(ec);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(ec == asio::error::timed_out);
  CHECK(took >= std::chrono::milliseconds(250));
  CHECK(took < std::chrono::seconds(5));
  CHECK(client.connection().state_name() == "WAIT_SH");
}

TEST_CASE("net: async_fill drives a server handshake and reports the peer's EOF") {
  crypto::SeededRng crng(7), srng(8);
  auto cfg = test::mtls_configs(pki(), crng, srng);
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  net::stream<tcp::socket> server(tcp::socket(io), cfg.server);
  boost::system::error_code server_ec;
  bool server_eof = false;
  std::string got;
  std::function<void()> step = [&] {
    if (server.buffered()) {
      char buf[64];
      got.append(buf, server.read_some(asio::buffer(buf), server_ec));
    }
    server.async_fill([&](boost::system::error_code ec) {
      if (ec == asio::error::eof) server_eof = true;
      if (ec) {
        server_ec = ec;
        return;
      }
      step();
    });
  };
  acceptor.async_accept(server.next_layer(), [&](boost::system::error_code ec) {
    REQUIRE_FALSE(ec);
    step();
  });
  std::thread client_thread([&] {
    asio::io_context cio;
    net::stream<tcp::socket> client(tcp::socket(cio), cfg.client);
    client.next_layer().connect(acceptor.local_endpoint());
    client.handshake();
    asio::write(client, asio::buffer(std::string("hello")));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    client.next_layer().shutdown(tcp::socket::shutdown_send);  // TCP FIN, no close_notify
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  });
  io.run_for(std::chrono::seconds(20));
  client_thread.join();
  CHECK(server.connection().is_handshake_done());
  CHECK(server.connection().info().peer_verified);
  CHECK(got == "hello");
  CHECK(server_eof);
}
