// A mutual-TLS HTTPS client: our certificate and key come from a .p12, the
// server's certificate must chain to ca.pem and name HOST. It GETs / and prints
// the response.        example_client HOST PORT client.p12 PASSWORD ca.pem
#include <utility>  // before Boost.Asio (Boost 1.74 with g++ 12)

#include <boost/asio.hpp>
#include <glasstls/glasstls.hpp>
#include <iostream>
#include <string>

namespace asio = boost::asio;

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: example_client HOST PORT CLIENT.p12 PASSWORD CA.pem\n";
    return 2;
  }
  try {
    glass::context ctx(glass::context::tls_client);
    ctx.use_pkcs12(argv[3], argv[4]);  // throws glass::system_error saying what is wrong
    ctx.load_verify_file(argv[5]);

    asio::io_context io;
    glass::stream<asio::ip::tcp::socket> tls(io, ctx);
    tls.set_server_name(argv[1]);
    asio::connect(tls.next_layer(), asio::ip::tcp::resolver(io).resolve(argv[1], argv[2]));
    boost::system::error_code ec;
    tls.handshake(glass::stream_base::client, ec);
    if (ec) {
      std::cerr << "handshake failed: " << (tls.last_error() ? tls.last_error()->reason : ec.message()) << "\n";
      return 1;
    }

    std::string request = "GET / HTTP/1.0\r\nHost: " + std::string(argv[1]) + "\r\n\r\n";
    asio::write(tls, asio::buffer(request));
    std::string response;
    asio::read(tls, asio::dynamic_buffer(response), ec);  // until the server closes
    std::cout << response;
    if (ec && ec != asio::error::eof) {
      std::cerr << "read failed: " << (tls.last_error() ? tls.last_error()->reason : ec.message()) << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
