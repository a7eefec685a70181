// The parts of the public API that `glasstls client` and `server` are built on:
// connection_info(), sessions saved as bytes and offered again, a CA bundle with
// unparsable entries, TLS 1.2 extended_master_secret, deadlines, fill()/available()
// for poll()-driven programs, KeyUpdate, post-handshake client authentication.
#include <doctest/doctest.h>

#include <utility>

#include <boost/asio.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <glasstls/glasstls.hpp>
#include <poll.h>
#include <thread>
#include <unistd.h>

#include "api/internal.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/pem.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/pki.hpp"

namespace {

namespace sc_asio = boost::asio;
using sc_tcp = sc_asio::ip::tcp;
using sc_bytes = std::vector<std::uint8_t>;
using sc_stream = glass::stream<sc_tcp::socket>;

sc_bytes sc_bytes_of(const std::string& s) { return sc_bytes(s.begin(), s.end()); }

const glass::x509::TestPki& sc_pki() {
  static glass::x509::TestPki p = [] {
    glass::crypto::SeededRng rng(31);
    glass::x509::PkiOptions o;
    o.key_type = glass::crypto::KeyType::ecdsa_p256;
    o.now = std::time(nullptr);
    o.ca_name = "CN=Session Test CA,O=glasstls";
    auto made = glass::x509::make_test_pki(o, rng);
    REQUIRE(made);
    return std::move(made).value();
  }();
  return p;
}

sc_bytes sc_pem(const sc_bytes& der) { return sc_bytes_of(glass::x509::pem::encode("CERTIFICATE", der)); }

sc_bytes sc_p12(const glass::x509::IssuedCertificate& leaf) {
  glass::crypto::SeededRng rng(6);
  glass::x509::pkcs12::Entry e;
  e.key = leaf.key.get();
  e.certificate = leaf.der;
  e.chain = {sc_pki().ca.der};
  auto opts = glass::x509::pkcs12::profile_options(glass::x509::pkcs12::Profile::modern, rng, 1000);
  auto out = glass::x509::pkcs12::write({e}, glass::x509::pbe::Password::utf8("pw"), opts, rng);
  REQUIRE(out);
  return std::move(out).value();
}

glass::context sc_server(glass::context::verify_mode mode) {
  glass::context ctx(glass::context::tls_server);
  ctx.use_pkcs12(sc_p12(sc_pki().server), "pw");
  ctx.add_certificate_authority(sc_pem(sc_pki().ca.der));
  ctx.set_verify_mode(mode);
  return ctx;
}

glass::context sc_client(bool identity = true) {
  glass::context ctx(glass::context::tls_client);
  if (identity) ctx.use_pkcs12(sc_p12(sc_pki().client), "pw");
  ctx.add_certificate_authority(sc_pem(sc_pki().ca.der));
  ctx.set_server_name("localhost");
  return ctx;
}

// Two synchronous streams over loopback; the server side runs `serve` on a thread
// after its handshake, the client side `talk` after its own. Both sockets close
// when their function returns, so a blocked read on the other side ends.
struct SyncPair {
  sc_asio::io_context io;
  sc_tcp::acceptor acceptor{io, {sc_asio::ip::make_address("127.0.0.1"), 0}};
  sc_stream server, client;
  boost::system::error_code server_ec, client_ec;

  SyncPair(const glass::context& s, const glass::context& c) : server(io, s), client(io, c) {}

  template <class Serve, class Talk>
  void run(Serve serve, Talk talk) {
    std::thread peer([&] {
      acceptor.accept(server.next_layer(), server_ec);
      if (!server_ec) server.handshake(glass::stream_base::server, server_ec);
      if (!server_ec) serve();
      server.next_layer().close();
    });
    client.next_layer().connect(acceptor.local_endpoint(), client_ec);
    if (!client_ec) client.handshake(glass::stream_base::client, client_ec);
    if (!client_ec) talk();
    client.next_layer().close();
    peer.join();
  }
};

std::string sc_read(sc_stream& s, std::size_t n, boost::system::error_code& ec) {
  std::string out(n, '\0');
  sc_asio::read(s, sc_asio::buffer(out), ec);
  return out;
}

void sc_write(sc_stream& s, const std::string& text, boost::system::error_code& ec) {
  sc_asio::write(s, sc_asio::buffer(text), ec);
}

}  // namespace

TEST_CASE("api: connection_info() tells version, group, client authentication, tickets and names") {
  auto server = sc_server(glass::context::verify_peer | glass::context::verify_fail_if_no_peer_cert);
  auto client = sc_client();
  client.set_session_resumption(true);  // else it offers no psk_key_exchange_modes: no tickets
  client.set_alpn_protocols({"h2"});
  server.set_alpn_protocols({"h2"});
  SyncPair p(server, client);
  CHECK(p.client.connection_info().version.empty());  // nothing before the handshake
  std::string pong;
  p.run([&] {
      sc_read(p.server, 4, p.server_ec);
      if (!p.server_ec) sc_write(p.server, "pong", p.server_ec);
    },
    [&] {
      sc_write(p.client, "ping", p.client_ec);
      if (!p.client_ec) pong = sc_read(p.client, 4, p.client_ec);
    });
  REQUIRE_FALSE(p.client_ec);
  REQUIRE_FALSE(p.server_ec);
  CHECK(pong == "pong");
  auto c = p.client.connection_info();
  auto s = p.server.connection_info();
  CHECK(p.client.handshake_done());
  CHECK(c.version == "TLS 1.3");
  CHECK(c.cipher_suite == p.client.cipher_suite());
  CHECK_FALSE(c.group.empty());
  CHECK(c.group == s.group);
  CHECK(c.alpn == "h2");
  CHECK(c.server_name == "localhost");
  CHECK(s.server_name == "localhost");
  CHECK(c.peer_verified);
  CHECK(c.peer_verify_result == "OK");
  CHECK(c.client_cert_requested);
  CHECK(c.client_cert_sent);
  CHECK(s.client_cert_sent);
  CHECK(s.peer_verified);
  CHECK_FALSE(c.resumed);
  CHECK_FALSE(c.psk_offered);
  CHECK(s.tickets_sent == 2);  // the default
  CHECK(c.tickets_received >= 1);  // read with the pong
}

TEST_CASE("api: stored_session() to bytes and back: another context resumes with add_session()") {
  auto server = sc_server(glass::context::verify_peer | glass::context::verify_fail_if_no_peer_cert);
  auto first = sc_client();
  CHECK_FALSE(first.stored_session("localhost"));  // resumption is off: nothing kept
  first.set_session_resumption(true);
  SyncPair a(server, first);
  a.run([&] { sc_write(a.server, "pong", a.server_ec); },
        [&] { sc_read(a.client, 4, a.client_ec); });
  REQUIRE_FALSE(a.client_ec);
  auto kept = first.stored_session("localhost");
  REQUIRE(kept);
  CHECK_FALSE(first.stored_session("elsewhere"));
  CHECK(kept->server_name() == "localhost");
  CHECK(kept->ticket_size() > 0);
  CHECK(kept->lifetime() == 7200);
  sc_bytes saved = kept->to_bytes();

  std::string why;
  auto back = glass::session::from_bytes(saved, why);
  REQUIRE(back);
  CHECK(back->to_bytes() == saved);
  auto second = sc_client();
  second.add_session(*back);
  SyncPair b(server, second);
  b.run([&] { sc_write(b.server, "pong", b.server_ec); },
        [&] { sc_read(b.client, 4, b.client_ec); });
  REQUIRE_FALSE(b.client_ec);
  CHECK(b.client.connection_info().resumed);
  CHECK(b.client.connection_info().psk_offered);
  CHECK(b.server.resumed());

  sc_bytes cut(saved.begin(), saved.begin() + static_cast<std::ptrdiff_t>(saved.size() / 2));
  CHECK_FALSE(glass::session::from_bytes(cut, why));
  CHECK_FALSE(why.empty());
}

TEST_CASE("api: load_verify_file with `skipped` leaves out a certificate that does not parse") {
  auto dir = std::filesystem::temp_directory_path() / ("glass_sc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  sc_bytes broken = sc_pki().ca.der;
  broken[1] ^= 0x01;  // the outer length no longer fits
  std::string bundle = glass::x509::pem::encode("CERTIFICATE", broken) +
                       glass::x509::pem::encode("CERTIFICATE", sc_pki().ca.der);
  auto path = (dir / "bundle.pem").string();
  std::ofstream(path) << bundle;
  auto bad_path = (dir / "bad.pem").string();
  std::ofstream(bad_path) << glass::x509::pem::encode("CERTIFICATE", broken);

  glass::context client(glass::context::tls_client);
  std::vector<std::string> skipped;
  client.load_verify_file(path, skipped);
  CHECK(skipped.size() == 1);
  client.set_server_name("localhost");
  SyncPair p(sc_server(glass::context::verify_none), client);
  p.run([] {}, [] {});
  CHECK_FALSE(p.client_ec);  // the certificate that parsed is trusted

  glass::context none(glass::context::tls_client);
  std::vector<std::string> skipped2;
  CHECK_THROWS_AS(none.load_verify_file(bad_path, skipped2), glass::system_error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("api: TLS 1.2 peers without extended_master_secret only when it is not required") {
  auto legacy = sc_server(glass::context::verify_none);
  glass::detail::set_config_hook(legacy, [](glass::handshake::Config& cfg) {
    cfg.offer_extended_master_secret = false;  // plays an old server
  });
  auto strict = sc_client(false);
  strict.set_versions(glass::context::version::tls12, glass::context::version::tls12);
  SyncPair refused(legacy, strict);
  refused.run([] {}, [] {});
  CHECK(refused.client_ec);
  REQUIRE(refused.client.last_error());
  CHECK(refused.client.last_error()->reason.find("extended_master_secret") != std::string::npos);

  auto lenient = sc_client(false);
  lenient.set_versions(glass::context::version::tls12, glass::context::version::tls12);
  lenient.set_extended_master_secret_required(false);
  SyncPair allowed(legacy, lenient);
  allowed.run([] {}, [] {});
  CHECK_FALSE(allowed.client_ec);
  CHECK(allowed.client.connection_info().version == "TLS 1.2");
}

TEST_CASE("api: set_deadline ends a synchronous handshake with a silent server as timed_out") {
  sc_asio::io_context io;
  sc_tcp::acceptor silent(io, {sc_asio::ip::make_address("127.0.0.1"), 0});
  auto client = sc_client();
  sc_stream c(io, client);
  boost::system::error_code ec;
  c.next_layer().connect(silent.local_endpoint(), ec);
  REQUIRE_FALSE(ec);
  auto start = std::chrono::steady_clock::now();
  c.set_deadline(start + std::chrono::milliseconds(300));
  c.handshake(glass::stream_base::client, ec);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(ec == sc_asio::error::timed_out);
  CHECK(took >= std::chrono::milliseconds(250));
  CHECK(took < std::chrono::seconds(5));
  CHECK_FALSE(c.handshake_done());
}

TEST_CASE("api: fill() and available() drive a poll() loop; peer_closed() after close_notify") {
  auto server = sc_server(glass::context::verify_none);
  SyncPair p(server, sc_client(false));
  std::string got;
  bool closed = false;
  p.run([&] {
      sc_write(p.server, "pong", p.server_ec);
      boost::system::error_code ignored;
      if (!p.server_ec) p.server.shutdown(ignored);
    },
    [&] {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (got.size() < 4 && std::chrono::steady_clock::now() < deadline) {
        pollfd pfd{p.client.next_layer().native_handle(), POLLIN, 0};
        if (::poll(&pfd, 1, 1000) <= 0) continue;
        p.client.fill(p.client_ec);
        if (p.client_ec) return;
        while (p.client.available() > 0) {
          char buf[2];  // smaller than what is there: available() counts down
          std::size_t before = p.client.available();
          std::size_t n = p.client.read_some(sc_asio::buffer(buf), p.client_ec);
          CHECK(p.client.available() == before - n);
          got.append(buf, n);
        }
      }
      while (!p.client.peer_closed() && std::chrono::steady_clock::now() < deadline) {
        pollfd pfd{p.client.next_layer().native_handle(), POLLIN, 0};
        if (::poll(&pfd, 1, 1000) > 0) p.client.fill(p.client_ec);
        if (p.client_ec) return;
      }
      closed = p.client.peer_closed();
    });
  CHECK_FALSE(p.client_ec);
  CHECK(got == "pong");
  CHECK(closed);
}

TEST_CASE("api: key_update in TLS 1.3 keeps the data flowing; refused in TLS 1.2") {
  auto server = sc_server(glass::context::verify_none);
  SyncPair p(server, sc_client(false));
  std::string got;
  std::optional<glass::error_info> refusal = glass::error_info{};
  p.run([&] { got = sc_read(p.server, 5, p.server_ec); },
        [&] {
          refusal = p.client.key_update(true);
          if (!refusal) sc_write(p.client, "after", p.client_ec);
        });
  CHECK_FALSE(refusal);
  CHECK_FALSE(p.server_ec);
  CHECK(got == "after");

  auto client12 = sc_client(false);
  client12.set_versions(glass::context::version::tls12, glass::context::version::tls12);
  SyncPair q(server, client12);
  std::optional<glass::error_info> refused;
  q.run([] {}, [&] { refused = q.client.key_update(false); });
  REQUIRE(refused);
  CHECK_FALSE(refused->reason.empty());
  CHECK_FALSE(q.client.last_error());  // the connection is unharmed
}

TEST_CASE("api: request_client_certificate asks after the handshake; the answer is validated") {
  auto server = sc_server(glass::context::verify_none);  // nothing asked in the handshake
  SyncPair p(server, sc_client(true));
  std::optional<glass::error_info> refusal = glass::error_info{};
  bool pending_after_request = false;
  std::string got;
  p.run([&] {
      CHECK(p.server.peer_certificate_chain().empty());
      refusal = p.server.request_client_certificate();
      pending_after_request = p.server.post_handshake_auth_pending();
      // The CertificateRequest goes out with the first fill(); the client answers
      // it while it reads, and the loop ends with its Finished.
      while (!refusal && p.server.post_handshake_auth_pending() && !p.server_ec) p.server.fill(p.server_ec);
      if (!p.server_ec) sc_write(p.server, "done", p.server_ec);
    },
    [&] { got = sc_read(p.client, 4, p.client_ec); });
  CHECK_FALSE(refusal);
  CHECK(pending_after_request);
  CHECK_FALSE(p.server_ec);
  CHECK_FALSE(p.client_ec);
  CHECK(got == "done");
  CHECK(p.server.peer_certificate_chain().size() >= 1);
  CHECK(p.server.peer_verified());

  // A client without an identity did not offer post_handshake_auth: refused, connection intact.
  SyncPair q(server, sc_client(false));
  std::optional<glass::error_info> refused;
  q.run([&] { refused = q.server.request_client_certificate(); }, [] {});
  REQUIRE(refused);
  CHECK(refused->reason.find("post_handshake_auth") != std::string::npos);
  CHECK_FALSE(q.server.last_error());
}
