// The probes played over a Session (close_notify, alerts, KeyUpdate floods, early
// data, record_size_limit) against a scripted peer: our own server engine on
// 127.0.0.1 in a thread, behaving well or misbehaving on purpose, so that each
// verdict, FAIL included, is seen against a real TLS connection.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "conform/report.hpp"
#include "conform/runner.hpp"
#include "handshake/connection.hpp"
#include "handshake/tamper.hpp"
#include "x509/pki.hpp"

using namespace glass;
using conform::Verdict;

// Named, not anonymous: the test files of a layer are built as one unit.
namespace scripted {

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01

const x509::TestPki& test_pki() {
  static x509::TestPki p = [] {
    crypto::SeededRng rng(11);
    x509::PkiOptions o;
    o.now = kNow;
    return *x509::make_test_pki(o, rng);
  }();
  return p;
}

// polite: answers each request, answers close_notify with its own and closes
// after any alert. bare_close: closes TCP on the client's close_notify without
// its own. stubborn: writes nothing after the handshake and never closes (not
// even after an alert). oversize: polite, but acknowledges record_size_limit and then
// writes records of up to 2^14 bytes anyway.
// trickle: never finishes its ServerHello, one byte every 100 ms.
enum class Script { polite, bare_close, stubborn, oversize, trickle };

// Lifts the record size our engine set from the client's record_size_limit once
// EncryptedExtensions (which acknowledges it) is queued.
struct IgnoreLimit : handshake::Tamper {
  void after(handshake::HandshakeType t, record::RecordWriter& w) override {
    if (t == handshake::HandshakeType::encrypted_extensions) w.set_max_fragment(16384);
  }
};

class ScriptedServer {
 public:
  explicit ScriptedServer(Script s) : script_(s) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0);
    REQUIRE(::listen(fd_, 4) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string port() const { return std::to_string(port_); }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      one(c);
      ::close(c);
    }
  }
  handshake::Config config() const {
    handshake::Config cfg;
    cfg.role = handshake::Role::server;
    cfg.identities.push_back({{test_pki().server.der}, test_pki().server.key, "scripted", {}});
    cfg.now = [] { return kNow; };
    if (script_ == Script::oversize) cfg.tamper = &ignore_limit_;
    return cfg;
  }
  void trickle(int c) {
    const std::uint8_t header[] = {0x16, 0x03, 0x03, 0x40, 0x00};  // a 16 KiB record that never ends
    for (int i = 0; !stop_ && i < 50; ++i) {
      std::uint8_t b = i < 5 ? header[i] : 0x02;
      if (::send(c, &b, 1, MSG_NOSIGNAL) != 1) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  // One connection, at most 5 s.
  void one(int c) {
    if (script_ == Script::trickle) return trickle(c);
    handshake::Connection conn(config());
    bool quiet = false;  // stubborn, after the handshake: nothing more is written
    auto send = [&] {
      if (!quiet && conn.has_output()) {
        auto out = conn.take_output();
        (void)::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      }
    };
    std::uint8_t buf[16384];
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      if (conn.error() || conn.peer_closed()) continue;  // drained until the client closes
      auto st = conn.feed(core::ByteView(buf, static_cast<std::size_t>(n)));
      send();
      quiet = script_ == Script::stubborn && conn.is_handshake_done();
      if (!st && script_ != Script::stubborn) return;  // the engine's alert is out: close
      while (conn.has_app_data()) {
        (void)conn.read();
        if (!quiet) (void)conn.write(core::as_bytes("HTTP/1.0 200 ok\r\n\r\n"));
      }
      if (conn.peer_closed() && script_ == Script::bare_close) return;
      if (conn.peer_closed() && !quiet) conn.close();
      send();
      if (conn.peer_closed() && !quiet) return;
    }
  }

  Script script_;
  mutable IgnoreLimit ignore_limit_;  // the engine takes a non-const Tamper*
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

conform::Context context() {
  conform::ContextOptions o;
  o.server_name = "localhost";
  o.server_cas = {test_pki().ca.der};
  o.now = kNow;
  auto c = conform::make_context(o);
  REQUIRE(c);
  return *c;
}

conform::ProbeResult result(const ScriptedServer& s, const char* probe) {
  conform::Target t{"127.0.0.1", s.port(), 400, 150};
  t.request = "GET / HTTP/1.0\r\n\r\n";
  const auto* p = conform::find_probe(probe);
  REQUIRE(p != nullptr);
  auto r = conform::run_probe(t, context(), *p);
  CHECK(r.probe == p);
  return r;
}

Verdict verdict(const ScriptedServer& s, const char* probe) {
  auto r = result(s, probe);
  INFO(probe << ": " << r.judgement.why << " | " << r.outcome.detail);
  return r.judgement.verdict;
}

}  // namespace scripted

using scripted::Script;
using scripted::ScriptedServer;
using scripted::result;
using scripted::verdict;

TEST_CASE("conform session probes: a well-behaved server passes every one") {
  ScriptedServer s(Script::polite);
  for (auto name : {"protocol.close-notify.tls1.3", "protocol.close-notify.tls1.2", "protocol.data-after-close-notify",
                    "protocol.alert-closes.handshake", "protocol.alert-closes.after-handshake",
                    "protocol.early-data-skipped", "protocol.key-update-flood.64", "protocol.key-update-flood.1000",
                    "protocol.post-handshake-auth.not-offered", "protocol.record-size-limit"}) {
    INFO(name);
    CHECK(verdict(s, name) == Verdict::pass);
  }
}

TEST_CASE("conform session probes: closing without close_notify is FAIL (RFC 8446 6.1, RFC 5246 7.2.1)") {
  ScriptedServer s(Script::bare_close);
  CHECK(verdict(s, "protocol.close-notify.tls1.3") == Verdict::fail);
  CHECK(verdict(s, "protocol.close-notify.tls1.2") == Verdict::fail);
}

TEST_CASE("conform session probes: a server that stays open after an alert or a flood FAILs") {
  ScriptedServer s(Script::stubborn);
  CHECK(verdict(s, "protocol.alert-closes.handshake") == Verdict::fail);
  CHECK(verdict(s, "protocol.alert-closes.after-handshake") == Verdict::fail);
  CHECK(verdict(s, "protocol.key-update-flood.64") == Verdict::fail);
  // TLS 1.3 allows a half-closed connection: INFO; TLS 1.2 requires the answer: FAIL.
  CHECK(verdict(s, "protocol.close-notify.tls1.3") == Verdict::info);
  CHECK(verdict(s, "protocol.close-notify.tls1.2") == Verdict::fail);
}

TEST_CASE("conform session probes: records over an acknowledged record_size_limit FAIL (RFC 8449 4)") {
  ScriptedServer s(Script::oversize);
  auto r = result(s, "protocol.record-size-limit");
  CHECK(r.judgement.verdict == Verdict::fail);
  CHECK(r.judgement.why.find("acknowledged record_size_limit but sent") != std::string::npos);
}

TEST_CASE("conform session probes: a server trickling bytes cannot stretch a wait past five timeouts") {
  ScriptedServer s(Script::trickle);
  auto t0 = std::chrono::steady_clock::now();
  auto r = result(s, "protocol.close-notify.tls1.3");  // --timeout 400 ms: at most 2 s
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  CHECK(r.judgement.verdict == Verdict::skip);
  CHECK(ms < 3000);
  CHECK(ms >= 1900);
}

TEST_CASE("conform: the refusals line counts alerts and bare closes of the rows that require an alert") {
  const auto* a = conform::find_probe("protocol.key-update-invalid");
  const auto* b = conform::find_probe("protocol.compression-methods");
  const auto* c = conform::find_probe("protocol.close-notify.tls1.3");  // not an alert row
  REQUIRE((a && b && c));
  std::vector<conform::ProbeResult> rs(3);
  rs[0].probe = a;
  rs[0].outcome.kind = conform::Outcome::Kind::alert;
  rs[1].probe = b;
  rs[1].outcome.kind = conform::Outcome::Kind::closed;
  rs[2].probe = c;
  rs[2].outcome.kind = conform::Outcome::Kind::closed;
  CHECK(conform::refusal_summary(rs) ==
        "refusals: 1 with an alert before the close, 1 closed without one (protocol.compression-methods)");
  rs.resize(1);
  CHECK(conform::refusal_summary(rs) == "refusals: 1 with an alert before the close, 0 closed without one");
  CHECK(conform::refusal_summary({}).empty());
}
