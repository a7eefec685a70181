// A mutual-TLS server: every client must present a certificate that chains to
// ca.pem. It prints each client's subject and answers any request with a hello.
//   example_server PORT server.p12 PASSWORD ca.pem    (listens on 127.0.0.1; PORT 0: any)
#include <utility>  // before Boost.Asio (Boost 1.74 with g++ 12)

#include <boost/asio.hpp>
#include <glasstls/glasstls.hpp>
#include <iostream>
#include <memory>
#include <string>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct session : std::enable_shared_from_this<session> {
  session(tcp::socket socket, const glass::context& ctx) : tls(std::move(socket), ctx) {}
  glass::stream<tcp::socket> tls;
  std::string request, reply;

  void start() {
    tls.async_handshake(glass::stream_base::server, [self = shared_from_this()](auto ec) {
      if (ec) {
        auto why = self->tls.last_error();
        std::cout << "handshake failed: " << (why ? why->reason : ec.message()) << std::endl;
        return;
      }
      std::string who = self->tls.peer_certificate()->subject();
      std::cout << "client: " << who << std::endl;
      self->reply = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello " + who + "\n";
      asio::async_read_until(self->tls, asio::dynamic_buffer(self->request), "\r\n\r\n",
                             [self](auto ec, std::size_t) {
                               if (!ec) self->respond();
                             });
    });
  }
  void respond() {
    asio::async_write(tls, asio::buffer(reply), [self = shared_from_this()](auto ec, std::size_t) {
      if (!ec) self->tls.async_shutdown([self](auto) {});  // close_notify, then the socket closes
    });
  }
};

void accept_next(tcp::acceptor& acceptor, const glass::context& ctx) {
  acceptor.async_accept([&](boost::system::error_code ec, tcp::socket socket) {
    if (!ec) std::make_shared<session>(std::move(socket), ctx)->start();
    accept_next(acceptor, ctx);
  });
}

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: example_server PORT SERVER.p12 PASSWORD CA.pem\n";
    return 2;
  }
  try {
    glass::context ctx(glass::context::tls_server);
    ctx.use_pkcs12(argv[2], argv[3]);
    ctx.load_verify_file(argv[4]);
    ctx.set_verify_mode(glass::context::verify_peer | glass::context::verify_fail_if_no_peer_cert);

    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"),
                                static_cast<unsigned short>(std::stoi(argv[1]))});
    std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    accept_next(acceptor, ctx);
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
