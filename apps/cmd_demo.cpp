// `glasstls demo`: a self-contained mutual-TLS handshake, explained step by step.
// It makes a test PKI in a temporary folder, then runs our server (client
// certificates required) and our client over a real TCP connection on
// 127.0.0.1 and narrates every state change, message, secret and record of both
// sides. One thread drives both ends (bytes pass through the kernel's loopback,
// so tcpdump/tshark see a normal session), which keeps the numbered steps in a
// fixed order: with --seed the whole output is reproducible.
// --fail MODE shows what a broken setup looks like from both sides.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <utility>

#include <boost/asio.hpp>
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "apps/demo_dir.hpp"
#include "apps/files.hpp"
#include "apps/pki_files.hpp"
#include "apps/seeded.hpp"
#include "apps/step_driver.hpp"
#include "teach/summary.hpp"
#include "apps/teach.hpp"
#include "apps/tls_options.hpp"
#include "handshake/connection.hpp"
#include "handshake/session_cache.hpp"
#include "handshake/ticket.hpp"
#include "teach/diagnose.hpp"
#include "teach/summary.hpp"
#include "x509/certificate.hpp"
#include "x509/oid.hpp"
#include "x509/pem.hpp"

namespace glass::apps {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A seeded run also fixes the clock, so certificates and all are reproducible.
constexpr std::int64_t kSeedTime = 1767225600;  // 2026-01-01T00:00:00Z

struct DemoOptions {
  bool tls12 = false;
  std::string key_type = "ecdsa";
  std::string keep;
  std::string fail;
  std::string keylog;
  std::string groups;  // --groups: both sides' key exchange groups
  int port = 0;
  bool resume = false;  // --resume: a second connection resumes the first with a ticket
  TeachOptions teach;
};

const char* fail_story(const std::string& mode) {
  if (mode == "unknown-ca")
    return "The client's certificate comes from another CA (\"Other Test CA\") that the server\n"
           "does not trust. This server does not name its CAs in the CertificateRequest (many\n"
           "servers don't), so the client sends the certificate anyway.";
  if (mode == "expired")
    return "The client's certificate expired ten days ago.";
  if (mode == "no-cert") return "The client has no certificate at all.";
  if (mode == "revoked")
    return "The CA revoked the client's certificate (`glasstls pki --revoke client.pem` wrote\n"
           "crl.pem, reason keyCompromise) and the server checks client certificates against\n"
           "that CRL (`--crl crl.pem`). The client still presents its otherwise valid client.p12.";
  if (mode == "wrong-password")
    return "The client is given the wrong password for client.p12.";
  if (mode == "wrong-eku")
    return "The client's certificate comes from the right CA, but it was issued for servers:\n"
           "its extendedKeyUsage lists serverAuth and not clientAuth.";
  if (mode == "missing-intermediate")
    return "The client's certificate was issued by an intermediate CA under the server's CA,\n"
           "but the client's file holds only the leaf. The server names its root CA in the\n"
           "CertificateRequest; the client sends the leaf anyway (--send-cert always, what\n"
           "curl and OpenSSL do).";
  if (mode == "same-name-ca")
    return "The client's certificate comes from a second test PKI whose CA has exactly the\n"
           "server's CA name but another key (two `glasstls pki` runs with the same --name).\n"
           "The CA names match, so the client sends it.";
  if (mode == "wrong-key")
    return "The client holds its certificate with a private key that does not belong to it\n"
           "(`glasstls client --cert/--key` refuses such a pair before connecting, and a .p12\n"
           "only yields a certificate that matches its key, so this identity is built in memory).";
  return "";
}

constexpr const char* kFailModes =
    "unknown-ca, expired, no-cert, wrong-password, wrong-key, revoked, wrong-eku, "
    "missing-intermediate or same-name-ca";

bool known_fail_mode(const std::string& m) {
  for (const char* k : {"unknown-ca", "expired", "no-cert", "wrong-password", "wrong-key", "revoked",
                        "wrong-eku", "missing-intermediate", "same-name-ca"})
    if (m == k) return true;
  return false;
}

// The client identity of the wrong-eku, missing-intermediate and same-name-ca
// modes, issued with our PKI writer.
core::Result<handshake::Identity> misissued_identity(const std::string& mode, const x509::TestPki& pki,
                                                     crypto::KeyType kt, std::int64_t now,
                                                     crypto::Rng& rng) {
  GLASS_TRY(auto ca_cert, x509::Certificate::parse(pki.ca.der));
  std::string ca_name = ca_cert.subject().to_string();
  std::string tag = ca_cert.subject().common_name();
  tag = tag.substr(tag.rfind(' ') + 1);
  handshake::Identity id;
  if (mode == "wrong-eku") {
    GLASS_TRY(auto leaf, x509::issue_leaf(pki.ca, ca_name, "CN=glasstls client for servers " + tag +
                                          ",O=glasstls", kt, now - 3600, now + 30 * 86400,
                                          x509::oid::kp_server_auth, {}, {}, rng, 40));
    id.chain = {leaf.der, pki.ca.der};
    id.key = leaf.key;
    id.label = "a client identity with extendedKeyUsage serverAuth";
  } else if (mode == "missing-intermediate") {
    std::string int_name = "CN=glasstls Issuing CA " + tag + ",O=glasstls";
    GLASS_TRY(auto inter, x509::issue_intermediate(pki.ca, ca_name, int_name, kt, now - 3600,
                                                   now + 60 * 86400, rng, 41));
    GLASS_TRY(auto leaf, x509::issue_leaf(inter, int_name, "CN=glasstls client behind " + tag +
                                          ",O=glasstls", kt, now - 3600, now + 30 * 86400,
                                          x509::oid::kp_client_auth, {}, {}, rng, 42));
    id.chain = {leaf.der};
    id.key = leaf.key;
    id.label = "a client identity without its intermediate (" + int_name + ")";
  } else {
    x509::PkiOptions other;
    other.key_type = kt;
    other.now = now;
    other.ca_name = ca_name;
    other.client_name = "CN=glasstls client of the other " + tag + ",O=glasstls";
    GLASS_TRY(auto alt, x509::make_test_pki(other, rng));
    id.chain = {alt.client.der, alt.ca.der};
    id.key = alt.client.key;
    id.label = "a client identity from another CA named " + ca_name;
  }
  return id;
}

// Moves one side's pending output through the loopback connection into the other side.
bool transfer(handshake::Connection& from, tcp::socket& out, tcp::socket& in,
              handshake::Connection& to) {
  core::Bytes bytes = from.take_output();
  if (bytes.empty()) return false;
  boost::system::error_code ec;
  asio::write(out, asio::buffer(bytes), ec);
  if (ec) return false;
  core::Bytes got(bytes.size());
  asio::read(in, asio::buffer(got), ec);
  if (ec) return false;
  (void)to.feed(got);  // a failure stays in to.error(); its alert is queued
  return true;
}

// --step: set while the demo runs stepped connections (apps/step_driver.hpp).
StepDriver* stepper = nullptr;

void stepped(handshake::Connection& client, handshake::Connection& server) {
  if (!stepper) return;
  client.set_stepping(true);
  server.set_stepping(true);
}

void pump(handshake::Connection& client, tcp::socket& csock, handshake::Connection& server,
          tcp::socket& ssock) {
  if (stepper) {
    return stepper->pump(client, server, [&](handshake::Connection& from, handshake::Connection& to) {
      return &from == &client ? transfer(from, csock, ssock, to) : transfer(from, ssock, csock, to);
    });
  }
  for (int round = 0; round < 64; ++round) {
    bool moved = transfer(client, csock, ssock, server);
    moved = transfer(server, ssock, csock, client) || moved;
    if (!moved) break;
  }
}

// --resume: a second TCP connection whose client offers the ticket the first one
// received; the narration shows the PSK key schedule (early secret from the PSK,
// binder key, binder) and a handshake without certificates.
bool demo_resumed(teach::Narrator& narrator, asio::io_context& io, tcp::acceptor& acceptor,
                  const handshake::Config& ccfg, const handshake::Config& scfg) {
  narrator.text("\nSecond connection: the client offers the session ticket it just received.\n");
  tcp::socket csock(io), ssock(io);
  boost::system::error_code ec;
  csock.connect(acceptor.local_endpoint(), ec);
  if (!ec) acceptor.accept(ssock, ec);
  if (ec) return false;
  handshake::Connection client(ccfg), server(scfg);
  stepped(client, server);
  (void)client.start();
  pump(client, csock, server, ssock);
  client.close();
  server.close();
  pump(client, csock, server, ssock);
  bool ok = client.is_handshake_done() && server.is_handshake_done() && !client.error() &&
            !server.error() && server.info().resumed;
  narrator.text("\nSummary of the resumed connection (server side):\n" + teach::session_summary(server));
  return ok;
}

std::string first_line(const core::Bytes& b) {
  std::string s(b.begin(), b.end());
  auto nl = s.find_first_of("\r\n");
  return nl == std::string::npos ? s : s.substr(0, nl);
}

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Checks the options before anything is written; 0 when they are usable, else
// the exit code (the reason went to stderr).
int check_demo_options(const DemoOptions& o, crypto::KeyType& kt,
                       std::vector<crypto::NamedGroup>& groups) {
  auto k = parse_key_type(o.key_type);
  if (!k) {
    fmt::print(stderr, "glasstls demo: {}\n", k.error().reason);
    return 2;
  }
  kt = *k;
  if (!o.groups.empty()) {
    auto g = parse_groups(o.groups);
    if (!g) {
      fmt::print(stderr, "glasstls demo: {}\n", g.error().reason);
      return 2;
    }
    groups = std::move(*g);
  }
  if (!o.fail.empty() && !known_fail_mode(o.fail)) {
    fmt::print(stderr, "glasstls demo: --fail must be {}\n", kFailModes);
    return 2;
  }
  return 0;
}

// Removes the PKI folder at the end unless it is to be kept.
struct Cleanup {
  std::string dir;
  bool keep;
  ~Cleanup() {
    std::error_code ec;
    if (!keep) std::filesystem::remove_all(dir, ec);
  }
};

// The loopback TCP connection both sides talk over.
struct Loopback {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  tcp::socket csock{io}, ssock{io};

  bool open(int port) {
    boost::system::error_code ec;
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
    acceptor.open(ep.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(ep, ec);
    if (!ec) acceptor.listen(1, ec);
    if (!ec) csock.connect(acceptor.local_endpoint(), ec);
    if (!ec) acceptor.accept(ssock, ec);
    if (ec) {
      fmt::print(stderr, "glasstls demo: cannot set up a loopback connection: {}\n", ec.message());
      return false;
    }
    for (auto* s : {&csock, &ssock}) {
      timeval tv{10, 0};
      ::setsockopt(s->native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    return true;
  }
};

// One demo run, in the order the narration tells it: PKI, introduction, server,
// client, the connection and its outcome.
class DemoRun {
 public:
  DemoRun(const DemoOptions& o, crypto::KeyType kt, std::vector<crypto::NamedGroup> groups,
          const DemoDir& where)
      : o_(o), fail_(o.fail), kt_(kt), groups_(std::move(groups)), where_(where),
        seeded_(o.teach.seeded), now_(seeded_ ? kSeedTime : system_now()),
        pki_rng_(seeded_ ? seeded_rng(o.teach.seed, "pki") : nullptr),
        rng_(pki_rng_ ? *pki_rng_ : crypto::system_rng()) {}

  int run() {
    if (!make_pki()) return 1;
    print_intro();
    teacher_.emplace(o_.teach, true);
    narrator().set_cert_file("server", path("server.pem"));
    narrator().set_cert_file("client", path("client.pem"));
    if (!configure_server()) return 1;
    if (int code = configure_client(); code >= 0) return code;
    if (!add_fail_identity()) return 1;
    wire_sides();
    return converse();
  }

 private:
  std::string path(const char* f) const { return (std::filesystem::path(where_.path) / f).string(); }
  teach::Narrator& narrator() { return *teacher_->narrator(); }
  std::unique_ptr<StepDriver> driver_;  // --step

  bool make_pki() {
    PkiRequest req;
    req.dir = where_.path;
    req.key_type = kt_;
    req.now = now_;
    req.rng = &rng_;
    {
      // Its own stream, so the tag does not shift the seeded keys and transcript.
      auto tag_rng = seeded_ ? seeded_rng(o_.teach.seed, "pki-name") : nullptr;
      req.name = pki_tag(tag_rng ? *tag_rng : crypto::system_rng());
    }
    // A seeded PKI starts at the fixed clock; ten years keep --keep files usable today.
    if (seeded_) req.days = 3650;
    auto pki = write_test_pki(req, x509::pbe::Password::utf8("demo"));
    if (!pki) {
      fmt::print(stderr, "glasstls demo: making the test PKI failed: {}\n", pki.error().reason);
      return false;
    }
    pki_ = std::move(*pki);
    return true;
  }

  void print_intro() const {
    fmt::print(
        "glasstls demo: mutual TLS {} on 127.0.0.1, explained step by step.\n"
        "A test PKI ({} keys) was written to {}: a CA, a server certificate for localhost,\n"
        "and a client identity in client.p12 (password \"demo\"). The server trusts the CA for\n"
        "client certificates and requires one; the client trusts it for the server.\n",
        o_.tls12 ? "1.2" : "1.3", crypto::key_type_name(kt_), where_.path);
    if (seeded_)
      fmt::print("Seeded run (--seed {}): randoms, ephemeral keys and the PKI come from the seed and\n"
                 "the clock is fixed at {}, so every byte below is reproducible.\n",
                 o_.teach.seed, x509::der::format_time(now_));
    if (!fail_.empty()) fmt::print("\n--fail {}: {}\n", fail_, fail_story(fail_));
    fmt::print("\n");
    std::fflush(stdout);
  }

  // The server: our usual files, client certificates required.
  bool configure_server() {
    TlsOptions st;
    st.cert = path("server.pem");
    st.key = path("server.key");
    st.ca = path("ca.pem");
    st.tls12_only = o_.tls12;
    scfg_.role = handshake::Role::server;
    scfg_.client_auth = handshake::ClientAuthMode::require;
    if (fail_ == "unknown-ca") scfg_.send_ca_names = false;
    if (fail_ == "revoked") {
      RevokeRequest rr;
      rr.dir = where_.path;
      rr.cert = path("client.pem");
      rr.now = now_;
      rr.rng = &rng_;
      auto revoked = revoke_certificate(rr);
      if (!revoked) {
        fmt::print(stderr, "glasstls demo: revoking client.pem failed: {}\n", revoked.error().reason);
        return false;
      }
      st.crl_files = {revoked->crl_path};
      st.crl_check = "leaf";
    }
    if (auto s = st.apply(scfg_); !s) {
      fmt::print(stderr, "glasstls demo: server setup: {}\n", s.error().reason);
      return false;
    }
    return true;
  }

  // The client: client.p12 unless the --fail mode breaks it. -1 to go on, else
  // the exit code (the client could not load its identity).
  int configure_client() {
    TlsOptions ct;
    ct.ca = path("ca.pem");
    ct.tls12_only = o_.tls12;
    if (fail_.empty() || fail_ == "wrong-password" || fail_ == "revoked") {
      ct.p12 = path("client.p12");
      ct.pass_spec = fail_ == "wrong-password" ? "pass:not-the-password" : "pass:demo";
    }
    ccfg_.role = handshake::Role::client;
    ccfg_.server_name = "localhost";
    if (auto s = ct.apply(ccfg_); !s) {
      narrator().step("client", "note", "cannot load its identity: " + s.error().reason);
      fmt::print("\nThe client stopped before connecting; the server never saw it.\n");
      fmt::print("client: {}", teach::diagnose_load_error(s.error().reason));
      return fail_.empty() ? 1 : 0;
    }
    return -1;
  }

  void write_pem(const std::string& file, const std::vector<core::Bytes>& chain) {
    std::string pem;
    for (auto& der : chain) pem += x509::pem::encode("CERTIFICATE", der);
    (void)write_file(path(file.c_str()), core::as_bytes(pem));
    narrator().set_cert_file("client", path(file.c_str()));
  }

  // The broken client identity of the --fail mode, if it needs one.
  bool add_fail_identity() {
    core::Result<handshake::Identity> id = handshake::Identity{};
    std::string file;
    if (fail_ == "unknown-ca") {
      id = other_ca_identity();
      file = "client-other-ca.pem";
    } else if (fail_ == "expired") {
      id = expired_identity();
      file = "client-expired.pem";
    } else if (fail_ == "wrong-eku" || fail_ == "missing-intermediate" || fail_ == "same-name-ca") {
      id = misissued_identity(fail_, pki_, kt_, now_, rng_);
      if (!id) {
        fmt::print(stderr, "glasstls demo: issuing the client certificate failed: {}\n",
                   id.error().reason);
        return false;
      }
      file = "client-" + fail_ + ".pem";
      if (fail_ == "missing-intermediate") ccfg_.send_cert = handshake::ClientCertPolicy::always;
    } else if (fail_ == "wrong-key") {
      id = wrong_key_identity();
    } else {
      return true;
    }
    if (!id) return false;
    if (!file.empty()) write_pem(file, id->chain);
    ccfg_.identities.push_back(std::move(*id));
    return true;
  }

  core::Result<handshake::Identity> other_ca_identity() {
    x509::PkiOptions other;
    other.key_type = kt_;
    other.now = now_;
    other.ca_name = "CN=Other Test CA,O=elsewhere";
    GLASS_TRY(auto alt, x509::make_test_pki(other, rng_));
    handshake::Identity id;
    id.chain = {alt.client.der, alt.ca.der};
    id.key = alt.client.key;
    id.label = "a client identity issued by CN=Other Test CA";
    return id;
  }

  core::Result<handshake::Identity> expired_identity() {
    GLASS_TRY(auto ca_cert, x509::Certificate::parse(pki_.ca.der));
    GLASS_TRY(auto leaf, x509::issue_leaf(pki_.ca, ca_cert.subject().to_string(),
                                          "CN=glasstls expired client,O=glasstls", kt_,
                                          now_ - 40 * 86400, now_ - 10 * 86400,
                                          x509::oid::kp_client_auth, {}, {}, rng_, 99));
    handshake::Identity id;
    id.chain = {leaf.der, pki_.ca.der};
    id.key = leaf.key;
    id.label = "a client identity that expired on " + x509::der::format_time(now_ - 10 * 86400);
    return id;
  }

  core::Result<handshake::Identity> wrong_key_identity() {
    GLASS_TRY(auto key, crypto::SigningKey::generate(kt_, rng_));
    handshake::Identity id;
    id.chain = {pki_.client.der, pki_.ca.der};
    id.key = std::make_shared<crypto::SigningKey>(std::move(key));
    id.label = "client.pem with a key of another certificate";
    return id;
  }

  // Seeds, key exchange groups, tickets and the narrating observers of both sides.
  void wire_sides() {
    if (seeded_) {
      cseed_ = seeded_side(o_.teach.seed, "client");
      sseed_ = seeded_side(o_.teach.seed, "server");
      apply_seed(cseed_, ccfg_);
      apply_seed(sseed_, scfg_);
      ccfg_.now = scfg_.now = [] { return kSeedTime; };
    }
    std::string keylog = o_.keylog;
    if (keylog.empty())
      if (const char* env = std::getenv("SSLKEYLOGFILE")) keylog = env;
    if (!groups_.empty()) ccfg_.groups = scfg_.groups = groups_;
    if (o_.resume) {
      if (seeded_) ticket_rng_ = seeded_rng(o_.teach.seed, "tickets");
      scfg_.ticket_keys = std::make_shared<handshake::TicketKeys>(
          handshake::TicketKeys::default_rotation_period, ticket_rng_.get());
      ccfg_.session_cache = std::make_shared<handshake::ClientSessionCache>();
    }
    ccfg_.observer = teacher_->side("client", keylog, cseed_.ephemeral_keys);
    scfg_.observer = teacher_->side("server", "", sseed_.ephemeral_keys);
  }

  int converse() {
    Loopback net;
    if (!net.open(o_.port)) return 1;
    handshake::Connection client(ccfg_), server(scfg_);
    if (narrator().take_stepping())
      driver_ = std::make_unique<StepDriver>(narrator().stream(), narrator().options().colour);
    stepper = driver_.get();
    stepped(client, server);
    (void)client.start();
    pump(client, net.csock, server, net.ssock);
    bool ok = client.is_handshake_done() && server.is_handshake_done() && !client.error() &&
              !server.error();
    if (ok) ok = exchange_data(net, client, server);
    if (ok) {
      narrator().text("\nSummary (client side):\n" + teach::session_summary(client));
      narrator().text("\nSummary (server side):\n" + teach::session_summary(server));
    } else {
      narrate_failure(client, server);
    }
    if (ok && o_.resume && !demo_resumed(narrator(), net.io, net.acceptor, ccfg_, scfg_)) {
      narrator().text("\nThe second connection did not resume.\n");
      ok = false;
    }
    if (!teacher_->finish(&client, "glasstls demo", &server)) return 1;
    narrator().text(demo_dir_closing(where_));
    if (!fail_.empty()) return ok ? 1 : 0;
    return ok ? 0 : 1;
  }

  // A request and an answer over the finished handshake, then close_notify both ways.
  bool exchange_data(Loopback& net, handshake::Connection& client, handshake::Connection& server) {
    std::string request = "GET / HTTP/1.0\r\n\r\n";
    narrator().step("client", "app", "handshake done; sends application data: GET / HTTP/1.0");
    (void)client.write(core::as_bytes(request));
    pump(client, net.csock, server, net.ssock);
    core::Bytes got = server.read();
    narrator().step("server", "app", fmt::format("received {} bytes: {}", got.size(), first_line(got)));
    std::string body = "Hello " + teach::peer_subject(server) + ", you sent " +
                       std::to_string(got.size()) + " bytes.\n";
    std::string reply = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body;
    narrator().step("server", "app", "answers: HTTP/1.0 200 OK, then closes with close_notify");
    (void)server.write(core::as_bytes(reply));
    server.close();
    pump(client, net.csock, server, net.ssock);
    core::Bytes answer = client.read();
    narrator().step("client", "app",
                    fmt::format("received {} bytes: {}", answer.size(), first_line(answer)));
    client.close();
    pump(client, net.csock, server, net.ssock);
    return !client.error() && !server.error();
  }

  void narrate_failure(const handshake::Connection& client, const handshake::Connection& server) {
    narrator().text("\nThe handshake failed.\n");
    for (auto* c : {&client, &server}) {
      std::string side = c == &client ? "client" : "server";
      std::string text;
      if (c->error())
        text = teach::failure_report(*c) + "\n" + teach::diagnose(*c, now_);
      else if (!c->is_handshake_done())
        text = teach::diagnose_silent_close(*c);
      else
        text = "completed its side of the handshake, then heard the peer's alert\n";
      narrator().text(fmt::format("\n{}: {}", side, text));
    }
  }

  const DemoOptions& o_;
  const std::string& fail_;
  crypto::KeyType kt_;
  std::vector<crypto::NamedGroup> groups_;
  const DemoDir& where_;
  bool seeded_;
  std::int64_t now_;
  std::unique_ptr<crypto::SeededRng> pki_rng_;
  crypto::Rng& rng_;
  x509::TestPki pki_;
  std::optional<Teacher> teacher_;
  handshake::Config scfg_, ccfg_;
  SeededSide cseed_, sseed_;
  std::unique_ptr<crypto::SeededRng> ticket_rng_;
};

int run_demo(const DemoOptions& o) {
  crypto::KeyType kt{};
  std::vector<crypto::NamedGroup> groups;
  if (int code = check_demo_options(o, kt, groups)) return code;
  const DemoDir where = choose_demo_dir(o.keep);
  if (where.path.empty()) {
    fmt::print(stderr, "glasstls demo: cannot create a folder for the PKI\n");
    return 1;
  }
  Cleanup cleanup{where.path, where.kept};
  return DemoRun(o, kt, std::move(groups), where).run();
}

}  // namespace

void register_demo(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "A mutual-TLS handshake between our client and server, explained step by step");
  cmd->add_flag("--tls1.2", o->tls12, "Use TLS 1.2 instead of TLS 1.3");
  cmd->add_option("--groups", o->groups,
                  "Key exchange groups of both sides in order, e.g. X25519MLKEM768 or x25519");
  cmd->add_option("--key-type", o->key_type, "Key type of the test PKI: ecdsa, p384, ed25519 or rsa");
  cmd->add_option("--fail", o->fail,
                  std::string("Show a failure from both sides: ") + kFailModes);
  cmd->add_option("--keep", o->keep,
                  "Write the PKI into this folder and keep it (default: ./glasstls-demo/ when the "
                  "current folder is writable; a temporary folder otherwise)")
      ->option_text("DIR");
  cmd->add_flag("--resume", o->resume,
                "After the handshake, a second connection resumes it with a session ticket "
                "(TLS 1.3, or TLS 1.2 with --tls1.2)");
  cmd->add_option("--port", o->port, "Loopback TCP port for the session (0: any free port)");
  cmd->add_option("--keylog", o->keylog,
                  "Append the client's secrets to FILE in the NSS key log format, for Wireshark "
                  "(default: $SSLKEYLOGFILE when set)")
      ->option_text("FILE");
  o->teach.add_to(*cmd, true);
  cmd->callback([o] { set_exit_code(run_demo(*o)); });
}

}  // namespace glass::apps
