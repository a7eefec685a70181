#include "conform/wire.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <chrono>

#include <boost/asio.hpp>

namespace glass::conform {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Connects with a bounded wait.
bool connect_to(asio::io_context& io, tcp::socket& sock, const Target& t, std::string& why) {
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(t.host, t.port, ec);
  if (ec) {
    why = "cannot resolve " + t.host + ": " + ec.message();
    return false;
  }
  bool done = false;
  asio::async_connect(sock, endpoints, [&](const boost::system::error_code& e, const tcp::endpoint&) {
    ec = e;
    done = true;
  });
  io.run_for(std::chrono::milliseconds(t.timeout_ms));
  if (!done) {
    sock.close(ec);
    why = "no TCP connection to " + t.host + ":" + t.port + " within " +
          std::to_string(t.timeout_ms) + " ms";
    return false;
  }
  if (ec) {
    why = "cannot connect to " + t.host + ":" + t.port + ": " + ec.message();
    return false;
  }
  return true;
}

bool send_all(int fd, core::ByteView b) {
  std::size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::send(fd, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::string session_line(const handshake::SessionInfo& i) {
  std::string s = handshake::name_of(i.version) + ", " + handshake::name_of(i.cipher_suite);
  if (i.version == handshake::ProtocolVersion::tls13 || i.group != crypto::NamedGroup{})
    s += ", " + crypto::name_of(i.group);
  if (i.hello_retry_request) s += ", after HelloRetryRequest";
  if (i.peer_signature_scheme) s += ", server signed " + crypto::name_of(*i.peer_signature_scheme);
  if (!i.alpn.empty()) s += ", ALPN " + i.alpn;
  return s;
}

}  // namespace glass::conform
