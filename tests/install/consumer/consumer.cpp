// Built against an installed glasstls only: a mutual-TLS handshake over loopback
// between a server loading PEM files and a client loading a .p12, one io_context.
//   consumer DIR   (DIR holds ca.pem, server.pem, server.key, client.p12 "secret")
#include <utility>

#include <boost/asio.hpp>
#include <glasstls/glasstls.hpp>
#include <iostream>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::string dir = argv[1];
  glass::context server_ctx(glass::context::tls_server), client_ctx(glass::context::tls_client);
  server_ctx.use_certificate_chain_file(dir + "/server.pem");
  server_ctx.use_private_key_file(dir + "/server.key", glass::context::pem);
  server_ctx.load_verify_file(dir + "/ca.pem");
  server_ctx.set_verify_mode(glass::context::verify_peer | glass::context::verify_fail_if_no_peer_cert);
  client_ctx.use_pkcs12(dir + "/client.p12", "secret");
  client_ctx.load_verify_file(dir + "/ca.pem");

  asio::io_context io;
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  glass::stream<tcp::socket> server(io, server_ctx), client(io, client_ctx);
  client.set_server_name("localhost");
  std::error_code server_ec = std::make_error_code(std::errc::timed_out), client_ec = server_ec;
  acceptor.async_accept(server.next_layer(), [&](boost::system::error_code ec) {
    if (ec) return void(server_ec = ec);
    server.async_handshake(glass::stream_base::server, [&](boost::system::error_code e) { server_ec = e; });
  });
  client.next_layer().async_connect(acceptor.local_endpoint(), [&](boost::system::error_code ec) {
    if (ec) return void(client_ec = ec);
    client.async_handshake(glass::stream_base::client, [&](boost::system::error_code e) { client_ec = e; });
  });
  io.run_for(std::chrono::seconds(20));

  if (server_ec || client_ec || !server.peer_certificate()) {
    std::cout << "handshake failed: server " << server_ec.message() << ", client " << client_ec.message() << "\n";
    return 1;
  }
  std::cout << "glasstls " << glass::version() << ": handshake ok, " << client.protocol_version()
            << ", server saw " << server.peer_certificate()->subject() << "\n";
}
