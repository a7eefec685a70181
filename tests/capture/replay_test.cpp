// replay_tls on captures committed under tests/data/capture (openssl s_client <->
// s_server mutual TLS on loopback, with the client's key log; tests/explain_pcap/run.sh
// --keep DIR makes new ones).
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "capture/read_capture.hpp"
#include "capture/tls_replay.hpp"

using namespace glass;
using namespace glass::capture;

namespace {

std::string data_path(const std::string& name) { return std::string(GLASS_SOURCE_DIR) + "/tests/data/capture/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Events final : core::Observer {
  std::vector<int> sent;
  std::vector<std::string> states, secrets, notes;
  int records = 0;
  void on_handshake_message(core::Direction d, std::uint8_t t, core::ByteView) override {
    if (d == core::Direction::sent) sent.push_back(t);
  }
  void on_state(core::Side, core::HandshakeState f, std::string_view e, core::HandshakeState t) override {
    states.push_back(std::string(core::state_label(f)) + " --" + std::string(e) + "--> " +
                     std::string(core::state_label(t)));
  }
  void on_secret(core::Secret k, core::ByteView) override { secrets.emplace_back(core::secret_label(k)); }
  void on_record(core::Direction, std::uint8_t, core::ByteView, std::uint8_t, core::ByteView) override { ++records; }
  void on_note(std::string_view t) override { notes.emplace_back(t); }
};

struct Run {
  ReplayResult r;
  Events client, server;
};

Run replay_file(const std::string& cap, const KeyLog& keys) {
  auto c = read_capture(data_path(cap));
  REQUIRE(c);
  REQUIRE(c->tcp.connections().size() == 1);
  Run run;
  run.r = replay_tls(c->tcp.connections()[0], keys, &run.client, &run.server);
  return run;
}

KeyLog keylog(const std::string& name) { return KeyLog::parse(slurp(data_path(name))); }

std::vector<int> first(const std::vector<SeenMessage>& m, std::size_t n) {
  std::vector<int> out;
  for (std::size_t i = 0; i < m.size() && i < n; ++i) out.push_back(m[i].type);
  return out;
}

}  // namespace

TEST_CASE("TLS 1.3 mutual-TLS capture (pcapng): every message decrypted, states to CONNECTED") {
  auto run = replay_file("tls13_mtls.pcapng", keylog("tls13_mtls.keylog"));
  const auto& r = run.r;
  CHECK(r.problems.empty());
  CHECK(r.version == 0x0304);
  CHECK(r.group == 0x001d);  // x25519, OpenSSL 3.0's first choice
  CHECK(r.keys_found);
  CHECK(r.finished[0]);
  CHECK(r.finished[1]);
  // ClientHello, ServerHello, EE, CertificateRequest, Certificate, CV, Finished; the client's Certificate, CV, Finished.
  CHECK(first(r.messages, 10) == std::vector<int>{1, 2, 8, 13, 11, 15, 20, 11, 15, 20});
  for (std::size_t i = 10; i < r.messages.size(); ++i) CHECK(r.messages[i].type == 4);  // tickets
  CHECK(r.client_chain.size() >= 1);
  CHECK(r.server_chain.size() >= 1);
  CHECK(r.app_records[0] >= 1);
  CHECK(r.app_records[1] >= 1);
  CHECK(r.client_state == "CONNECTED");
  CHECK(r.server_state == "CONNECTED");
  CHECK(run.client.secrets.at(0) == "client_handshake_traffic_secret");
  CHECK(run.client.states.front() == "START --send ClientHello--> WAIT_SH");
  CHECK(run.server.states.back() == "WAIT_FINISHED --Finished--> CONNECTED");
  CHECK(run.client.sent == std::vector<int>{1, 11, 15, 20});
  CHECK(r.signatures_verified == 2);  // both CertificateVerify, with the certificates' keys
  CHECK(r.signatures_failed == 0);
}

TEST_CASE("TLS 1.2 mutual-TLS capture (pcap, Linux cooked SLL2): keys from CLIENT_RANDOM") {
  auto run = replay_file("tls12_mtls.pcap", keylog("tls12_mtls.keylog"));
  const auto& r = run.r;
  CHECK(r.problems.empty());
  CHECK(r.version == 0x0303);
  CHECK(r.group == 0x001d);
  CHECK(r.finished[0]);
  CHECK(r.finished[1]);
  // ClientHello, ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone,
  // Certificate, ClientKeyExchange, CertificateVerify, Finished, [NewSessionTicket,] Finished.
  CHECK(first(r.messages, 10) == std::vector<int>{1, 2, 11, 12, 13, 14, 11, 16, 15, 20});
  CHECK(r.messages.back().type == 20);
  CHECK(r.client_state == "CONNECTED");
  CHECK(r.server_state == "CONNECTED");
  CHECK(run.client.secrets.at(0) == "master_secret");
  CHECK(r.signatures_verified == 2);  // ServerKeyExchange and the client's CertificateVerify
  CHECK(r.signatures_failed == 0);
  CHECK(r.app_records[1] >= 1);
}

TEST_CASE("without the key log the replay stops at the encrypted part and says why") {
  auto run = replay_file("tls13_mtls.pcapng", KeyLog());
  const auto& r = run.r;
  CHECK(first(r.messages, 5) == std::vector<int>{1, 2});
  REQUIRE_FALSE(r.problems.empty());
  CHECK(r.problems[0].find("no CLIENT_HANDSHAKE_TRAFFIC_SECRET") != std::string::npos);
  CHECK_FALSE(r.finished[1]);
}

TEST_CASE("a wrong secret in the key log is a record that does not decrypt") {
  std::string text = slurp(data_path("tls13_mtls.keylog"));
  auto at = text.find("SERVER_HANDSHAKE_TRAFFIC_SECRET ");
  REQUIRE(at != std::string::npos);
  auto nl = text.find('\n', at);
  text[nl - 1] = text[nl - 1] == '0' ? '1' : '0';
  auto run = replay_file("tls13_mtls.pcapng", KeyLog::parse(text));
  REQUIRE_FALSE(run.r.problems.empty());
  CHECK(run.r.problems[0].find("bad_record_mac") != std::string::npos);
}

TEST_CASE("a capture cut short is read up to the cut, never past it") {
  std::string whole = slurp(data_path("tls13_mtls.pcapng"));
  std::string path = std::string(GLASS_BINARY_DIR) + "/capture_cut.pcapng";
  for (std::size_t cut : {std::size_t{10}, whole.size() / 3, whole.size() / 2, whole.size() - 7}) {
    std::ofstream(path, std::ios::binary) << whole.substr(0, cut);
    auto c = read_capture(path);
    if (!c) {
      CHECK(c.error().reason.find("capture") != std::string::npos);
      continue;
    }
    for (const auto& conn : c->tcp.connections()) (void)replay_tls(conn, keylog("tls13_mtls.keylog"), nullptr, nullptr);
  }
}

TEST_CASE("two refused TLS 1.3 clients in one capture: the server's fatal alerts are decrypted") {
  auto c = read_capture(data_path("tls13_refused.pcapng"));
  REQUIRE(c);
  REQUIRE(c->tcp.connections().size() == 2);
  auto keys = keylog("tls13_refused.keylog");
  const core::Alert want[] = {core::Alert::certificate_required, core::Alert::unknown_ca};
  for (int i = 0; i < 2; ++i) {
    Events client, server;
    auto r = replay_tls(c->tcp.connections()[static_cast<std::size_t>(i)], keys, &client, &server);
    CAPTURE(i);
    CHECK(r.problems.empty());
    REQUIRE_FALSE(r.alerts.empty());
    CHECK_FALSE(r.alerts[0].from_client);
    CHECK(r.alerts[0].alert == want[i]);
    CHECK(r.client_chain.empty() == (i == 0));
    CHECK(r.server_state == "CLOSED");
    CHECK(r.signatures_verified == (i == 0 ? 1u : 2u));
    CHECK(server.states.back().find("--send fatal alert") != std::string::npos);
  }
}

TEST_CASE("a changed signature byte is caught with the certificate's public key alone") {
  auto c = read_capture(data_path("tls12_mtls.pcap"));
  REQUIRE(c);
  Connection conn = c->tcp.connections().at(0);
  // The client's TLS 1.2 CertificateVerify travels in plaintext: a record holding
  // message type 15; change the last byte of its signature.
  bool changed = false;
  for (auto& ch : conn.chunks) {
    if (ch.dir != Dir::to_server) continue;
    for (std::size_t i = 0; i + 9 < ch.data.size() && !changed; ++i) {
      if (ch.data[i] != 22 || ch.data[i + 5] != 15) continue;
      std::size_t len = std::size_t{ch.data[i + 3]} << 8 | ch.data[i + 4];
      REQUIRE(i + 5 + len <= ch.data.size());
      ch.data[i + 5 + len - 1] ^= 1;
      changed = true;
    }
  }
  REQUIRE(changed);
  Events client, server;
  auto r = replay_tls(conn, keylog("tls12_mtls.keylog"), &client, &server);
  CHECK(r.signatures_verified == 1);
  CHECK(r.signatures_failed == 1);
  bool said = false;
  for (auto& n : server.notes)
    said = said || (n.find("CertificateVerify signature") != std::string::npos &&
                    n.find("does NOT verify") != std::string::npos);
  CHECK(said);
}

TEST_CASE("without a SYN, a wrong guess of the client is corrected by the ClientHello") {
  auto c = read_capture(data_path("tls13_mtls.pcapng"));
  REQUIRE(c);
  Connection conn = c->tcp.connections().at(0);
  CHECK_FALSE(orient_by_client_hello(conn));  // the SYN decided
  // As if the SYN was missing and the ports pointed the wrong way.
  conn.saw_syn = false;
  std::swap(conn.client, conn.server);
  for (auto& ch : conn.chunks) ch.dir = ch.dir == Dir::to_server ? Dir::to_client : Dir::to_server;
  REQUIRE(orient_by_client_hello(conn));
  CHECK(conn.client == c->tcp.connections()[0].client);
  auto r = replay_tls(conn, keylog("tls13_mtls.keylog"), nullptr, nullptr);
  CHECK(r.problems.empty());
  CHECK(r.finished[0]);
  CHECK(r.finished[1]);
}

TEST_CASE("TLS 1.2 without the key log: the plaintext handshake is read up to ChangeCipherSpec") {
  auto run = replay_file("tls12_mtls.pcap", KeyLog());
  const auto& r = run.r;
  // Everything before the ChangeCipherSpecs, the server's ticket included.
  CHECK(first(r.messages, 20) == std::vector<int>{1, 2, 11, 12, 13, 14, 11, 16, 15, 4});
  CHECK(r.signatures_verified == 2);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].find("no CLIENT_RANDOM") != std::string::npos);
  CHECK_FALSE(r.keys_found);
}

TEST_CASE("a TLS 1.3 KeyUpdate: the next generation of keys decrypts what follows") {
  // openssl s_client's "K" command after the handshake (tcpdump on lo: Ethernet link type).
  auto run = replay_file("tls13_key_update.pcap", keylog("tls13_key_update.keylog"));
  const auto& r = run.r;
  CHECK(r.problems.empty());
  REQUIRE_FALSE(r.messages.empty());
  CHECK(r.messages.back().type == 24);
  CHECK(r.messages.back().from_client);
  CHECK(run.client.secrets.back() == "client_application_traffic_secret_N+1");
  // The client's close_notify comes after the KeyUpdate: it opened with the new keys.
  REQUIRE(r.alerts.size() == 2);
  bool client_close = false;
  for (auto& a : r.alerts) client_close = client_close || (a.from_client && a.alert == core::Alert::close_notify);
  CHECK(client_close);
}
