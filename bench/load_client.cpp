// glass_load_client: N threads, each doing full mutual-TLS handshakes against a
// server on 127.0.0.1 back to back for a fixed time, with our engine (over a
// blocking socket) or with OpenSSL. A handshake counts once the client has sent
// close_notify and seen the server end the connection, so the server's check of
// the client's flight is inside the measured time.
//
//   glass_load_client --impl glass|openssl --port P --ca ca.pem --cert c.pem --key c.key
//                     [--clients N] [--seconds S] [--tls1.2]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "handshake/connection.hpp"
#include "x509/certificate_file.hpp"
#include "x509/private_key.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string impl = "glass", ca, cert, key;
  int port = 0, clients = 4;
  double seconds = 5;
  bool tls12 = false;
};

[[noreturn]] void die(const std::string& s) {
  std::fprintf(stderr, "glass_load_client: %s\n", s.c_str());
  std::exit(1);
}

glass::core::Bytes slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot read " + path);
  return glass::core::Bytes(std::istreambuf_iterator<char>(in), {});
}

int dial(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{5, 0};  // every wait bounded
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const glass::core::Bytes& b) {
  std::size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::send(fd, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// One connection with our engine; true if the handshake completed and the
// server then closed cleanly (no alert).
bool glass_once(const glass::handshake::Config& cfg, int port) {
  int fd = dial(port);
  if (fd < 0) return false;
  glass::handshake::Connection c{glass::handshake::Config(cfg)};
  bool ok = static_cast<bool>(c.start()) && send_all(fd, c.take_output());
  std::uint8_t buf[16384];
  while (ok && !c.is_handshake_done()) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) { ok = false; break; }
    ok = static_cast<bool>(c.feed(glass::core::ByteView(buf, static_cast<std::size_t>(n))));
    if (c.has_output() && !send_all(fd, c.take_output())) ok = false;
  }
  if (ok) {
    c.close();
    ok = send_all(fd, c.take_output());
  }
  while (ok) {  // until the server hangs up; an alert from it is a failure
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) break;
    if (n < 0) { ok = false; break; }
    (void)c.feed(glass::core::ByteView(buf, static_cast<std::size_t>(n)));
    if (c.error()) ok = false;
  }
  ::close(fd);
  return ok;
}

bool openssl_once(SSL_CTX* ctx, int port) {
  int fd = dial(port);
  if (fd < 0) return false;
  SSL* s = SSL_new(ctx);
  SSL_set_fd(s, fd);
  SSL_set_tlsext_host_name(s, "localhost");
  bool ok = SSL_connect(s) == 1;
  if (ok) {
    SSL_shutdown(s);  // close_notify
    char buf[4096];
    for (;;) {
      int n = SSL_read(s, buf, sizeof buf);
      if (n > 0) continue;
      int e = SSL_get_error(s, n);
      ok = e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0);
      break;
    }
  }
  ERR_clear_error();
  SSL_free(s);
  ::close(fd);
  return ok;
}

SSL_CTX* openssl_ctx(const Args& a) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  int v = a.tls12 ? TLS1_2_VERSION : TLS1_3_VERSION;
  SSL_CTX_set_min_proto_version(ctx, v);
  SSL_CTX_set_max_proto_version(ctx, v);
  // The server may hang up after our close_notify without sending its own (as
  // glasstls server does); that still ends a good connection, as for our client.
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_IGNORE_UNEXPECTED_EOF);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_mode(ctx, SSL_MODE_NO_AUTO_CHAIN);
  SSL_CTX_set1_groups_list(ctx, "X25519");
  if (SSL_CTX_load_verify_locations(ctx, a.ca.c_str(), nullptr) != 1 ||
      SSL_CTX_use_certificate_file(ctx, a.cert.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, a.key.c_str(), SSL_FILETYPE_PEM) != 1)
    die("OpenSSL client context: cannot load --ca/--cert/--key");
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(ctx), "localhost", 0);
  return ctx;
}

glass::handshake::Config glass_config(const Args& a) {
  using namespace glass;
  handshake::Config cfg;
  cfg.role = handshake::Role::client;
  cfg.server_name = "localhost";
  cfg.groups = {crypto::NamedGroup::x25519};
  if (a.tls12) cfg.max_version = handshake::ProtocolVersion::tls12;
  else cfg.min_version = handshake::ProtocolVersion::tls13;
  auto anchors = x509::load_certificate_file(a.ca);
  auto chain = x509::load_certificate_file(a.cert);
  auto key = x509::load_private_key(slurp(a.key));
  if (!anchors || !chain || chain->empty() || !key) die("cannot load --ca/--cert/--key");
  std::vector<core::Bytes> anchor_der;
  for (auto& c : *anchors) anchor_der.push_back(core::to_bytes(c.der()));
  cfg.trust_anchors = std::move(anchor_der);
  handshake::Identity id;
  id.chain = {core::to_bytes(chain->front().der())};
  id.key = std::make_shared<crypto::SigningKey>(std::move(key->key));
  id.label = a.cert;
  cfg.identities = {std::move(id)};
  return cfg;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + s);
      return argv[++i];
    };
    if (s == "--impl") a.impl = next();
    else if (s == "--port") a.port = std::atoi(next().c_str());
    else if (s == "--ca") a.ca = next();
    else if (s == "--cert") a.cert = next();
    else if (s == "--key") a.key = next();
    else if (s == "--clients") a.clients = std::atoi(next().c_str());
    else if (s == "--seconds") a.seconds = std::atof(next().c_str());
    else if (s == "--tls1.2") a.tls12 = true;
    else die("unknown option " + s);
  }
  if (a.port <= 0 || a.ca.empty() || a.cert.empty() || a.key.empty() ||
      (a.impl != "glass" && a.impl != "openssl"))
    die("usage: --impl glass|openssl --port P --ca F --cert F --key F [--clients N] [--seconds S]");

  SSL_CTX* ctx = a.impl == "openssl" ? openssl_ctx(a) : nullptr;
  glass::handshake::Config cfg;
  if (a.impl == "glass") cfg = glass_config(a);

  std::mutex mu;
  std::vector<double> lat_us;
  std::atomic<long> failures{0};
  auto deadline = Clock::now() + std::chrono::duration<double>(a.seconds);
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < a.clients; ++i) {
    threads.emplace_back([&] {
      std::vector<double> mine;
      while (Clock::now() < deadline) {
        auto s = Clock::now();
        bool ok = ctx ? openssl_once(ctx, a.port) : glass_once(cfg, a.port);
        auto e = Clock::now();
        if (ok) mine.push_back(std::chrono::duration<double, std::micro>(e - s).count());
        else if (++failures > 1000) break;
      }
      std::lock_guard<std::mutex> lock(mu);
      lat_us.insert(lat_us.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  std::sort(lat_us.begin(), lat_us.end());
  auto pct = [&](double p) {
    if (lat_us.empty()) return 0.0;
    return lat_us[std::min(lat_us.size() - 1, static_cast<std::size_t>(p * lat_us.size()))];
  };
  // One machine-readable line: impl clients handshakes failures hs/s p50_ms p99_ms
  std::printf("%s %d %zu %ld %.1f %.2f %.2f\n", a.impl.c_str(), a.clients, lat_us.size(),
              failures.load(), lat_us.size() / wall, pct(0.50) / 1000, pct(0.99) / 1000);
  if (ctx) SSL_CTX_free(ctx);
  return lat_us.empty() ? 1 : 0;
}
