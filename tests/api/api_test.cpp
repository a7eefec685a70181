// The public API (include/glasstls/) as a user sees it: contexts loaded from
// .p12 / PEM bytes and files, streams over loopback TCP, verify modes and the
// verify callback, error codes, key log, ALPN, version and name settings.
#include <doctest/doctest.h>

#include <utility>

#include <algorithm>
#include <boost/asio.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <glasstls/glasstls.hpp>
#include <iterator>
#include <thread>
#include <unistd.h>

#include "net/error.hpp"
#include "x509/certificate.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/crl_writer.hpp"
#include "x509/pem.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/pki.hpp"
#include "x509/private_key.hpp"

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace glass;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

struct Pki {
  x509::TestPki pki;
  x509::TestPki other;  // a second, unrelated CA with its own leaves
};

x509::TestPki make(std::uint64_t seed, const std::string& ca_name) {
  crypto::SeededRng rng(seed);
  x509::PkiOptions o;
  o.key_type = crypto::KeyType::ecdsa_p256;
  o.now = std::time(nullptr);  // streams use the system clock
  o.ca_name = ca_name;
  auto p = x509::make_test_pki(o, rng);
  REQUIRE(p);
  return std::move(p).value();
}

const Pki& pki() {
  static Pki p{make(11, "CN=API Test CA,O=glasstls"), make(12, "CN=Other CA,O=elsewhere")};
  return p;
}

Bytes pem_cert(const Bytes& der) { return bytes_of(x509::pem::encode("CERTIFICATE", der)); }

Bytes pem_key(const crypto::SigningKey& key) {
  auto der = x509::encode_pkcs8(key);
  REQUIRE(der);
  return bytes_of(x509::pem::encode("PRIVATE KEY", der->view()));
}

Bytes p12_of(const x509::IssuedCertificate& leaf, const x509::IssuedCertificate& ca,
             const std::string& password) {
  crypto::SeededRng rng(5);
  x509::pkcs12::Entry e;
  e.key = leaf.key.get();
  e.certificate = leaf.der;
  e.chain = {ca.der};
  auto opts = x509::pkcs12::profile_options(x509::pkcs12::Profile::modern, rng, 1000);
  auto out = x509::pkcs12::write({e}, x509::pbe::Password::utf8(password), opts, rng);
  REQUIRE(out);
  return std::move(out).value();
}

context server_context(const x509::TestPki& p = pki().pki) {
  context ctx(context::tls_server);
  ctx.use_pkcs12(p12_of(p.server, p.ca, "s3cret"), "s3cret");
  ctx.add_certificate_authority(pem_cert(p.ca.der));
  ctx.set_verify_mode(context::verify_peer | context::verify_fail_if_no_peer_cert);
  return ctx;
}

context client_context(bool with_identity = true, const x509::TestPki& p = pki().pki) {
  context ctx(context::tls_client);
  if (with_identity) ctx.use_pkcs12(p12_of(p.client, p.ca, "pw"), "pw");
  ctx.add_certificate_authority(pem_cert(p.ca.der));
  ctx.set_server_name("localhost");
  return ctx;
}

// A server and a client stream over loopback on one io_context: both handshake,
// then the client sends "ping" and the server reads it (bounded by 20 s).
struct Run {
  asio::io_context io;
  stream<tcp::socket> server, client;
  std::error_code server_ec = std::make_error_code(std::errc::timed_out), client_ec = server_ec;
  std::string got = std::string(4, '\0');

  Run(const context& s, const context& c) : server(io, s), client(io, c) {
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    acceptor.async_accept(server.next_layer(), [&](boost::system::error_code ec) {
      if (ec) return void(server_ec = ec);
      server.async_handshake(stream_base::server, [&](boost::system::error_code ec) {
        if (ec) return void(server_ec = ec);
        asio::async_read(server, asio::buffer(got),
                         [&](boost::system::error_code ec, std::size_t) { server_ec = ec; });
      });
    });
    client.next_layer().async_connect(acceptor.local_endpoint(), [&](boost::system::error_code ec) {
      if (ec) return void(client_ec = ec);
      client.async_handshake(stream_base::client, [&](boost::system::error_code ec) {
        if (ec) return void(client_ec = ec);
        asio::async_write(client, asio::buffer(std::string("ping")),
                          [&](boost::system::error_code ec, std::size_t) { client_ec = ec; });
      });
    });
    io.run_for(std::chrono::seconds(20));
  }
};

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("glass_api_" + std::to_string(::getpid()) + "_" + std::to_string(std::rand()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const Bytes& data) const {
    auto p = (path / name).string();
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(data.data()),
                                              static_cast<std::streamsize>(data.size()));
    return p;
  }
};

}  // namespace

TEST_CASE("api: the engine's error codes are std::error_codes in the glasstls category") {
  std::error_code ec = net::make_error_code(core::Alert::unknown_ca);  // what handlers get
  CHECK(ec == alert::unknown_ca);
  CHECK(ec == make_error_code(alert::unknown_ca));
  CHECK(ec != alert::bad_certificate);
  CHECK(std::string(ec.category().name()) == "glasstls");
  CHECK(&ec.category() == &error_category());
  CHECK(ec.message() == "TLS alert unknown_ca");
  CHECK(alert_name(alert::certificate_required) == "certificate_required");
  error_info info{alert::decrypt_error, true, "why"};
  CHECK(info.code() == alert::decrypt_error);
}

TEST_CASE("api: version() is project(VERSION) of the root CMakeLists.txt") {
  std::ifstream f(std::string(GLASS_SOURCE_DIR) + "/CMakeLists.txt");
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto at = text.find("project(glasstls VERSION ");
  REQUIRE(at != std::string::npos);
  at += std::string("project(glasstls VERSION ").size();
  std::string want = text.substr(at, text.find_first_of(" )", at) - at);
  CHECK_FALSE(want.empty());
  CHECK(version() == want);
}

TEST_CASE("api: a wrong .p12 password throws system_error with decrypt_error and says so") {
  context ctx;
  auto p12 = p12_of(pki().pki.client, pki().pki.ca, "right");
  try {
    ctx.use_pkcs12(p12, "wrong");
    FAIL("no exception");
  } catch (const glass::system_error& e) {
    CHECK(e.code() == alert::decrypt_error);
    CHECK(std::string(e.what()).find("wrong password") != std::string::npos);
  }
  std::error_code ec;
  ctx.use_pkcs12(p12, "wrong", ec);
  CHECK(ec == alert::decrypt_error);
  CHECK(ctx.last_error().find("wrong password") != std::string::npos);
  ctx.use_pkcs12(p12, "right", ec);
  CHECK_FALSE(ec);
}

TEST_CASE("api: file loaders report a missing file as an errno code naming the path") {
  context ctx;
  std::error_code ec;
  ctx.load_verify_file("/nonexistent/ca.pem", ec);
  CHECK(ec == std::errc::no_such_file_or_directory);
  CHECK(ctx.last_error().find("/nonexistent/ca.pem") != std::string::npos);
  CHECK_THROWS_AS(ctx.use_pkcs12("/nonexistent/x.p12", "pw"), glass::system_error);
}

TEST_CASE("api: certificate chain and key files pair up, in either order; a foreign key is refused") {
  TempDir dir;
  auto& p = pki().pki;
  Bytes chain = pem_cert(p.server.der);
  auto ca = pem_cert(p.ca.der);
  chain.insert(chain.end(), ca.begin(), ca.end());
  auto chain_file = dir.write("chain.pem", chain);
  auto key_file = dir.write("server.key", pem_key(*p.server.key));
  auto wrong_key = dir.write("client.key", pem_key(*p.client.key));
  auto ca_file = dir.write("ca.pem", ca);

  context key_first(context::tls_server);
  key_first.use_private_key_file(key_file);
  key_first.use_certificate_chain_file(chain_file);

  context wrong(context::tls_server);
  wrong.use_certificate_chain_file(chain_file);
  std::error_code ec;
  wrong.use_private_key_file(wrong_key, context::pem, ec);
  CHECK(ec);
  CHECK(wrong.last_error().find("not the key of the first certificate") != std::string::npos);

  context server(context::tls_server);
  server.use_certificate_chain_file(chain_file);
  server.use_private_key_file(key_file);
  server.load_verify_file(ca_file);
  server.set_verify_mode(context::verify_peer | context::verify_fail_if_no_peer_cert);
  Run run(server, client_context());
  CHECK_FALSE(run.server_ec);
  CHECK_FALSE(run.client_ec);
  CHECK(run.got == "ping");
}

TEST_CASE("api: an encrypted PKCS#8 key is opened with the password callback") {
  auto& p = pki().pki;
  crypto::SeededRng rng(9);
  auto plain = x509::encode_pkcs8(*p.client.key);
  REQUIRE(plain);
  auto alg = x509::pbe::pbes2(crypto::HashAlg::sha256, crypto::CbcCipher::aes256, 1000, rng);
  auto enc = x509::encrypt_pkcs8(plain->view(), x509::pbe::Password::utf8("hunter2"), alg);
  REQUIRE(enc);
  auto pem = bytes_of(x509::pem::encode("ENCRYPTED PRIVATE KEY", *enc));

  context no_callback(context::tls_client);
  std::error_code ec;
  no_callback.use_private_key(pem, context::pem, ec);
  CHECK(ec);

  context ctx(context::tls_client);
  int asked = 0;
  ctx.set_password_callback([&](std::size_t max, context::password_purpose purpose) {
    ++asked;
    CHECK(max > 0);
    CHECK(purpose == context::for_reading);
    return std::string("hunter2");
  });
  ctx.use_certificate_chain(pem_cert(p.client.der));
  ctx.use_private_key(pem, context::pem);
  CHECK(asked == 1);
  ctx.add_certificate_authority(pem_cert(p.ca.der));
  ctx.set_server_name("localhost");
  Run run(server_context(), ctx);
  CHECK_FALSE(run.client_ec);
  CHECK_FALSE(run.server_ec);
  REQUIRE(run.server.peer_certificate());
  CHECK(run.server.peer_certificate()->subject() == "CN=glasstls test client,O=glasstls");
}

TEST_CASE("api: mutual TLS over loopback; both sides learn the peer, version, suite and ALPN") {
  auto server = server_context();
  server.set_alpn_protocols({"h2", "http/1.1"});
  auto client = client_context();
  client.set_alpn_protocols({"http/1.1"});
  Run run(server, client);
  CHECK_FALSE(run.server_ec);
  CHECK_FALSE(run.client_ec);
  CHECK(run.got == "ping");
  CHECK(run.server.peer_verified());
  CHECK(run.client.peer_verified());
  REQUIRE(run.server.peer_certificate());
  CHECK(run.server.peer_certificate()->subject().find("CN=glasstls test client") != std::string::npos);
  CHECK(run.server.peer_certificate()->issuer().find("CN=API Test CA") != std::string::npos);
  CHECK(run.server.peer_certificate_chain().size() == 2);
  CHECK(run.client.peer_certificate()->subject().find("CN=localhost") != std::string::npos);
  CHECK(run.client.protocol_version() == "TLS 1.3");
  CHECK(run.server.cipher_suite().rfind("TLS_", 0) == 0);
  CHECK_FALSE(run.client.last_error());
  CHECK(run.server.alpn_protocol() == "http/1.1");
  CHECK(run.client.alpn_protocol() == "http/1.1");
}

TEST_CASE("api: verify_fail_if_no_peer_cert refuses a client without a certificate; verify_peer alone allows it") {
  {
    Run run(server_context(), client_context(false));
    CHECK(run.server_ec == alert::certificate_required);
    REQUIRE(run.server.last_error());
    CHECK_FALSE(run.server.last_error()->from_peer);
    CHECK(run.server.last_error()->reason.find("requires") != std::string::npos);
  }
  {
    auto server = server_context();
    server.set_verify_mode(context::verify_peer);
    Run run(server, client_context(false));
    CHECK_FALSE(run.server_ec);
    CHECK_FALSE(run.client_ec);
    CHECK_FALSE(run.server.peer_certificate());
  }
}

TEST_CASE("api: set_client_certificate: always sends a chain the server's CA names miss, never sends none") {
  auto stranger = [](context::client_certificate policy) {
    context ctx(context::tls_client);
    ctx.use_pkcs12(p12_of(pki().other.client, pki().other.ca, "pw"), "pw");
    ctx.add_certificate_authority(pem_cert(pki().pki.ca.der));
    ctx.set_server_name("localhost");
    ctx.set_client_certificate(policy);
    return ctx;
  };
  {
    Run run(server_context(), stranger(context::client_certificate::automatic));
    CHECK(run.server_ec == alert::certificate_required);
  }
  {
    Run run(server_context(), stranger(context::client_certificate::always));
    CHECK(run.server_ec == alert::unknown_ca);
  }
  {
    auto own = client_context();
    own.set_client_certificate(context::client_certificate::never);
    Run run(server_context(), own);
    CHECK(run.server_ec == alert::certificate_required);
  }
}

TEST_CASE("api: a client rejects a server from an unknown CA; the alert and reason are reachable") {
  auto server = server_context(pki().other);
  Run run(server, client_context());
  CHECK(run.client_ec == alert::unknown_ca);
  REQUIRE(run.client.last_error());
  CHECK(run.client.last_error()->alert == alert::unknown_ca);
  CHECK_FALSE(run.client.last_error()->reason.empty());
  CHECK(run.server_ec);
  REQUIRE(run.server.last_error());
  CHECK(run.server.last_error()->from_peer);

  // verify_none: the client does not judge the server at all.
  auto client = client_context();
  client.set_verify_mode(context::verify_none);
  auto server2 = server_context(pki().other);
  server2.set_verify_mode(context::verify_none);
  Run run2(server2, client);
  CHECK_FALSE(run2.client_ec);
  CHECK_FALSE(run2.client.peer_verified());
}

TEST_CASE("api: the verify callback sees every certificate top first with the verdict, and decides") {
  SUBCASE("it sees the chain and accepts") {
    auto client = client_context();
    std::vector<std::pair<int, std::string>> seen;
    client.set_verify_callback([&](bool preverified, verify_context& vc) {
      CHECK(preverified);
      CHECK_FALSE(vc.error());
      CHECK(vc.reason() == "OK");
      seen.emplace_back(vc.depth(), vc.current_certificate().subject());
      return true;
    });
    Run run(server_context(), client);
    CHECK_FALSE(run.client_ec);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].first == 1);
    CHECK(seen[0].second.find("CN=API Test CA") != std::string::npos);
    CHECK(seen[1].first == 0);
    CHECK(seen[1].second.find("CN=localhost") != std::string::npos);
  }
  SUBCASE("it rejects a valid client certificate") {
    auto server = server_context();
    server.set_verify_callback([](bool, verify_context& vc) {
      return vc.current_certificate().subject().find("glasstls test client") == std::string::npos;
    });
    Run run(server, client_context());
    CHECK(run.server_ec == alert::bad_certificate);
    REQUIRE(run.server.last_error());
    CHECK(run.server.last_error()->reason.find("verify callback rejected the certificate at depth 0") !=
          std::string::npos);
  }
  SUBCASE("it accepts a chain that failed validation, seeing why it failed") {
    auto client = client_context();
    std::string reason;
    client.set_verify_callback([&](bool preverified, verify_context& vc) {
      CHECK_FALSE(preverified);
      CHECK(vc.error() == alert::unknown_ca);
      reason = vc.reason();
      return true;
    });
    auto server = server_context(pki().other);
    server.set_verify_mode(context::verify_none);
    Run run(server, client);
    CHECK_FALSE(run.client_ec);
    CHECK_FALSE(reason.empty());
    CHECK(run.client.peer_verified());
  }
}

TEST_CASE("api: key log lines, a TLS 1.2-only method and suite/group/scheme names") {
  auto server = server_context();
  server.set_alpn_protocols({"h2", "http/1.1"});
  auto client = context(context::tlsv12_client);
  client.use_pkcs12(p12_of(pki().pki.client, pki().pki.ca, "pw"), "pw");
  client.add_certificate_authority(pem_cert(pki().pki.ca.der));
  client.set_server_name("localhost");
  client.set_alpn_protocols({"http/1.1"});
  client.set_groups({"secp256r1"});
  client.set_signature_schemes({"ecdsa_secp256r1_sha256"});
  client.set_cipher_suites({"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
  std::vector<std::string> lines;
  client.set_keylog_callback([&](std::string_view line) { lines.emplace_back(line); });
  Run run(server, client);
  CHECK_FALSE(run.client_ec);
  CHECK_FALSE(run.server_ec);
  CHECK(run.client.protocol_version() == "TLS 1.2");
  CHECK(run.client.cipher_suite() == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  CHECK(run.server.alpn_protocol() == "http/1.1");  // (the TLS 1.2 client does not record it yet)
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("CLIENT_RANDOM ", 0) == 0);

  try {
    client.set_groups({"x25519", "brainpool"});
    FAIL("no exception");
  } catch (const glass::system_error& e) {
    CHECK(e.code() == std::errc::invalid_argument);
    CHECK(std::string(e.what()).find("unknown group 'brainpool' (known: x25519") != std::string::npos);
  }
  CHECK_THROWS_AS(client.set_cipher_suites({"TLS_RSA_WITH_RC4_128_MD5"}), glass::system_error);
  CHECK_THROWS_AS(client.set_versions(context::version::tls13, context::version::tls12),
                  glass::system_error);
}

TEST_CASE("api: a context made for one role refuses the other; I/O before the handshake fails cleanly") {
  asio::io_context io;
  context client_only(context::tls_client);
  stream<tcp::socket> s(io, client_only);
  boost::system::error_code ec;
  s.handshake(stream_base::server, ec);
  CHECK(std::error_code(ec) == alert::internal_error);
  REQUIRE(s.last_error());
  CHECK(s.last_error()->reason.find("client role") != std::string::npos);

  CHECK_THROWS_AS(s.handshake(stream_base::server), boost::system::system_error);
  std::error_code hec;
  s.handshake(stream_base::server, hec);
  CHECK(hec == alert::internal_error);

  stream<tcp::socket> fresh(io, client_only);
  char buf[4] = {};
  std::error_code sec;
  fresh.read_some(asio::buffer(buf), sec);
  CHECK(sec == std::errc::not_connected);
  CHECK(fresh.write_some(asio::buffer(buf), sec) == 0);
  CHECK(sec == std::errc::not_connected);
  fresh.shutdown(sec);
  CHECK(sec == std::errc::not_connected);
  CHECK_THROWS_AS(fresh.read_some(asio::buffer(buf)), boost::system::system_error);
  CHECK_THROWS_AS(fresh.write_some(asio::buffer(buf)), boost::system::system_error);
  CHECK_THROWS_AS(fresh.shutdown(), boost::system::system_error);
  CHECK(fresh.peer_certificate_chain().empty());
  CHECK(fresh.protocol_version().empty());
  CHECK(fresh.native_handle() == nullptr);
  CHECK_FALSE(fresh.lowest_layer().is_open());
  bool called = false;
  fresh.async_write_some(asio::buffer(buf), [&](boost::system::error_code e, std::size_t n) {
    called = true;
    CHECK(e == asio::error::not_connected);
    CHECK(n == 0);
  });
  CHECK_FALSE(called);  // never completes inline
  io.run_for(std::chrono::seconds(1));
  CHECK(called);
}

TEST_CASE("api: the validation profile and limits of a context judge the peer's chain") {
  // A server certificate whose CN is not among its SANs: RFC 5280 is fine with it,
  // the strict profile (CA/B Forum BR 7.1.4.3) is not.
  crypto::SeededRng rng(21);
  x509::PkiOptions o;
  o.now = std::time(nullptr);
  o.ca_name = "CN=Profile CA,O=glasstls";
  o.server_name = "CN=www.elsewhere.example,O=glasstls";
  auto cn_pki = x509::make_test_pki(o, rng);
  REQUIRE(cn_pki);
  {
    Run run(server_context(*cn_pki), client_context(true, *cn_pki));
    CHECK_FALSE(run.client_ec);
  }
  {
    auto client = client_context(true, *cn_pki);
    client.set_validation_profile(context::validation_profile::strict);
    Run run(server_context(*cn_pki), client);
    REQUIRE(run.client.last_error());
    CHECK(run.client.last_error()->reason.find("BR 7.1.4.3, strict profile") != std::string::npos);
  }
  {
    // The client's .p12 sends leaf + CA: two certificates, over a limit of one.
    auto server = server_context();
    context::validation_limits limits;
    limits.max_certificates = 1;
    server.set_validation_limits(limits);
    Run run(server, client_context());
    REQUIRE(run.server.last_error());
    CHECK(run.server.last_error()->reason.find("more than the limit of 1 (max_certificates)") !=
          std::string::npos);
  }
  {
    auto client = client_context();
    context::validation_limits limits;
    limits.max_signature_checks = 0;
    client.set_validation_limits(limits);
    Run run(server_context(), client);
    REQUIRE(run.client.last_error());
    CHECK(run.client.last_error()->reason.find("(max_signature_checks)") != std::string::npos);
  }
}

TEST_CASE("api: add_crl: a client revoked by the server's CRL is refused with certificate_revoked") {
  const auto& p = pki().pki;
  auto ca = x509::Certificate::parse(p.ca.der);
  auto client_cert = x509::Certificate::parse(p.client.der);
  REQUIRE(ca);
  REQUIRE(client_cert);
  x509::der::Reader sr(client_cert->fields().serial);
  auto serial = sr.unsigned_integer("serial");
  REQUIRE(serial);
  x509::CrlTemplate t;
  t.issuer_der = core::to_bytes(ca->subject().der());
  auto now = static_cast<x509::der::Time>(std::time(nullptr));
  t.this_update = now - 60;
  t.next_update = now + 3600;
  t.crl_number = Bytes{0x01};
  t.entries.push_back({core::to_bytes(*serial), now - 60, x509::RevocationReason::key_compromise,
                       std::nullopt, {}});
  crypto::SeededRng rng(9);
  auto der = x509::build_crl(t, *p.ca.key, x509::default_algorithm(*p.ca.key), rng);
  REQUIRE(der);
  Bytes crl_pem = bytes_of(x509::pem::encode("X509 CRL", *der));

  auto server = server_context();
  server.add_crl(crl_pem);
  Run run(server, client_context());
  // (A TLS 1.3 client has finished and written before the verdict arrives.)
  CHECK(run.server_ec == alert::certificate_revoked);
  REQUIRE(run.server.last_error());
  CHECK(run.server.last_error()->reason.find("is revoked (keyCompromise)") != std::string::npos);

  // set_crl_check(none) keeps the CRL but does not look at it.
  auto lenient = server_context();
  lenient.add_crl(crl_pem);
  lenient.set_crl_check(context::crl_check::none);
  Run ok(lenient, client_context());
  CHECK_FALSE(ok.server_ec);
  CHECK_FALSE(ok.client_ec);

  // A certificate is not a CRL.
  std::error_code ec;
  server.add_crl(pem_cert(p.ca.der), ec);
  CHECK(ec);
  CHECK_THROWS_AS(server.add_crl(pem_cert(p.ca.der)), system_error);
}

namespace {

// What a user's glass::observer sees of one connection.
struct SeenEvents final : glass::observer {
  std::vector<std::string> states;
  std::vector<std::uint8_t> received;  // handshake message types
  std::vector<std::string> secrets;
  std::vector<glass::alert> fatal_sent;
  void on_state(std::string_view side, std::string_view, std::string_view, std::string_view to) override {
    states.push_back(std::string(side) + " " + std::string(to));
  }
  void on_handshake_message(direction d, std::uint8_t type, bytes msg) override {
    if (d == direction::received && !msg.empty() && msg[0] == type) received.push_back(type);
  }
  void on_secret(std::string_view label, bytes value) override {
    if (!value.empty()) secrets.emplace_back(label);
  }
  void on_alert(direction d, alert_level level, glass::alert a) override {
    if (d == direction::sent && level == alert_level::fatal) fatal_sent.push_back(a);
  }
};

bool seen(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("api: synchronous streams on two threads; a glass::observer sees messages, states, secrets") {
  SeenEvents events;
  auto server = server_context();
  auto client = client_context();
  client.set_observer(&events);
  asio::io_context io;
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  stream<tcp::socket> s(io, server), c(io, client);
  boost::system::error_code server_ec;
  std::string got(4, '\0');
  std::thread peer([&] {
    acceptor.accept(s.next_layer(), server_ec);
    if (!server_ec) s.handshake(stream_base::server, server_ec);
    if (!server_ec) asio::read(s, asio::buffer(got), server_ec);
    if (!server_ec) asio::write(s, asio::buffer(std::string("pong")), server_ec);
    s.next_layer().close();  // the client's reads end here at the latest
  });
  std::string back(4, '\0');
  boost::system::error_code ec;
  c.next_layer().connect(acceptor.local_endpoint(), ec);
  if (!ec) c.handshake(stream_base::client, ec);
  if (!ec) asio::write(c, asio::buffer(std::string("ping")), ec);
  if (!ec) asio::read(c, asio::buffer(back), ec);
  if (!ec) c.shutdown(ec);
  c.next_layer().close();  // the server's reads end here at the latest
  peer.join();
  CHECK_FALSE(ec);
  CHECK_FALSE(server_ec);
  CHECK(got == "ping");
  CHECK(back == "pong");
  CHECK(c.protocol_version() == "TLS 1.3");
  CHECK(s.peer_certificate().has_value());
  // ServerHello, EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify, Finished.
  CHECK(events.received == std::vector<std::uint8_t>{2, 8, 13, 11, 15, 20});
  CHECK(seen(events.states, "client WAIT_SH"));
  CHECK(seen(events.states, "client CONNECTED"));
  CHECK(seen(events.secrets, "ECDHE shared secret"));
  CHECK(events.fatal_sent.empty());

  SeenEvents refused;  // a client that does not trust the server's CA says unknown_ca
  auto stranger = client_context(true, pki().other);
  stranger.set_observer(&refused);
  Run run(server_context(), stranger);
  CHECK(run.client_ec == alert::unknown_ca);
  CHECK(refused.fatal_sent == std::vector<glass::alert>{alert::unknown_ca});
}

namespace {

// Like Run, and the server answers "pong", which the client reads: the tickets
// the server sends after the handshake reach the client on that read.
struct PingPong {
  asio::io_context io;
  stream<tcp::socket> server, client;
  std::error_code server_ec = std::make_error_code(std::errc::timed_out), client_ec = server_ec;
  std::string got = std::string(4, '\0'), back = std::string(4, '\0');

  PingPong(const context& s, const context& c) : server(io, s), client(io, c) {
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    acceptor.async_accept(server.next_layer(), [&](boost::system::error_code ec) {
      if (ec) return void(server_ec = ec);
      server.async_handshake(stream_base::server, [&](boost::system::error_code ec) {
        if (ec) return void(server_ec = ec);
        asio::async_read(server, asio::buffer(got), [&](boost::system::error_code ec, std::size_t) {
          if (ec) return void(server_ec = ec);
          asio::async_write(server, asio::buffer(std::string("pong")),
                            [&](boost::system::error_code ec, std::size_t) { server_ec = ec; });
        });
      });
    });
    client.next_layer().async_connect(acceptor.local_endpoint(), [&](boost::system::error_code ec) {
      if (ec) return void(client_ec = ec);
      client.async_handshake(stream_base::client, [&](boost::system::error_code ec) {
        if (ec) return void(client_ec = ec);
        asio::async_write(client, asio::buffer(std::string("ping")), [&](boost::system::error_code ec,
                                                                         std::size_t) {
          if (ec) return void(client_ec = ec);
          asio::async_read(client, asio::buffer(back),
                           [&](boost::system::error_code ec, std::size_t) { client_ec = ec; });
        });
      });
    });
    io.run_for(std::chrono::seconds(20));
  }
};
}  // namespace

TEST_CASE("api: set_session_resumption resumes the next stream; the server reports the ticket's client") {
  auto server = server_context();
  auto client = client_context();
  client.set_session_resumption(true);
  {
    PingPong first(server, client);
    REQUIRE_FALSE(first.server_ec);
    REQUIRE_FALSE(first.client_ec);
    CHECK_FALSE(first.server.resumed());
    CHECK(first.back == "pong");
  }
  PingPong second(server, client);
  REQUIRE_FALSE(second.server_ec);
  REQUIRE_FALSE(second.client_ec);
  CHECK(second.client.resumed());
  CHECK(second.server.resumed());
  CHECK_FALSE(second.server.peer_certificate());
  CHECK(second.server.peer_verified());
  CHECK(second.server.resumed_client_subject().find("CN=glasstls test client") != std::string::npos);
  CHECK(second.got == "ping");

  // Without resumption on the client, or with tickets off on the server: full handshakes.
  auto plain = client_context();
  PingPong third(server, plain);
  CHECK_FALSE(third.server.resumed());
  server.set_session_tickets(0);
  PingPong fourth(server, client);  // the stored ticket is offered, but not accepted
  REQUIRE_FALSE(fourth.server_ec);
  CHECK_FALSE(fourth.server.resumed());
  CHECK(fourth.server.peer_certificate());
}
