#pragma once
// An in-memory mutual-TLS handshake (client and server Connections wired to
// each other) with both sides recorded into one EventLog, for the inspect tests.
#include <memory>
#include <set>
#include <string>

#include "handshake/engine_harness.hpp"
#include "inspect/recorder.hpp"
#include "inspect/report.hpp"

namespace glass::test {

struct RecordedSession {
  inspect::EventLog log;
  inspect::Recorder client_rec{log, "client"};
  inspect::Recorder server_rec{log, "server"};
  bool done = false;
  handshake::SessionInfo info;
  std::string error;
};

// TLS 1.3 (or 1.2 when tls12) mTLS with ECDSA P-256; after the handshake one
// application message each way, a KeyUpdate (1.3) and close_notify.
inline std::unique_ptr<RecordedSession> record_session(bool tls12, std::uint64_t seed = 7) {
  auto s = std::make_unique<RecordedSession>();
  auto pki = make_pki(crypto::KeyType::ecdsa_p256, seed);
  crypto::SeededRng crng(seed + 1), srng(seed + 2);
  auto cfg = mtls_configs(pki, crng, srng);
  if (tls12) {
    cfg.client.max_version = handshake::ProtocolVersion::tls12;
    cfg.server.max_version = handshake::ProtocolVersion::tls12;
  }
  cfg.client.alpn = {"h2", "http/1.1"};
  cfg.server.alpn = {"http/1.1"};
  cfg.client.observer = &s->client_rec;
  cfg.server.observer = &s->server_rec;
  handshake::Connection client(cfg.client), server(cfg.server);
  pump(client, server);
  s->done = client.is_handshake_done() && server.is_handshake_done();
  if (!s->done) {
    s->error = "client: " + (client.error() ? client.error()->to_string() : std::string("ok")) +
               " server: " + (server.error() ? server.error()->to_string() : std::string("ok"));
    return s;
  }
  s->info = client.info();
  (void)client.write(core::as_bytes("ping"));
  pump(client, server);
  (void)server.read();
  (void)server.write(core::as_bytes("pong"));
  pump(client, server);
  (void)client.read();
  if (!tls12) {
    (void)client.key_update(true);
    pump(client, server);
  }
  client.close();
  pump(client, server);
  return s;
}

inline inspect::ReportMeta meta_of(const RecordedSession& s, bool show_secrets = true) {
  inspect::ReportMeta m;
  m.title = "glasstls in-memory mutual TLS";
  m.version = handshake::name_of(s.info.version);
  m.suite = handshake::name_of(s.info.cipher_suite);
  m.group = crypto::name_of(s.info.group);
  m.identities = "client and server from the test PKI";
  m.show_secrets = show_secrets;
  return m;
}

// Names of the distinct handshake messages in a log, in first-seen order.
inline std::vector<std::string> message_names(const std::vector<inspect::Event>& ev) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& e : ev)
    if (e.kind == inspect::EventKind::message) {
      auto n = inspect::message_label(e.bytes, e.context);
      if (seen.insert(n).second) out.push_back(n);
    }
  return out;
}

}  // namespace glass::test
