#include "bench/glass_side.hpp"

#include <string>

namespace glass::bench {

using handshake::Config;
using handshake::Connection;
using handshake::ProtocolVersion;

GlassEnv glass_env(const Case& c, const Material& m) {
  GlassEnv e;
  auto common = [&](Config& cfg) {
    cfg.min_version = cfg.max_version = c.tls13 ? ProtocolVersion::tls13 : ProtocolVersion::tls12;
    cfg.cipher_suites = {c.suite};
    // As OpenSSL: TLS 1.2 offers P-256 too (the ECDSA certificate's curve).
    cfg.groups = {crypto::NamedGroup::x25519};
    if (!c.tls13) cfg.groups.push_back(crypto::NamedGroup::secp256r1);
    if (c.hybrid) cfg.groups = {crypto::NamedGroup::X25519MLKEM768};
    cfg.trust_anchors = {m.pki.ca.der};
  };
  common(e.client);
  common(e.server);
  e.client.role = handshake::Role::client;
  e.client.server_name = "localhost";
  if (c.mutual) e.client.identities = {{{m.pki.client.der}, m.pki.client.key, "client"}};
  e.server.role = handshake::Role::server;
  e.server.identities = {{{m.pki.server.der}, m.pki.server.key, "server"}};
  e.server.client_auth =
      c.mutual ? handshake::ClientAuthMode::require : handshake::ClientAuthMode::none;
  return e;
}

GlassPair glass_connect(const GlassEnv& env) {
  GlassPair p;
  p.client = std::make_unique<Connection>(Config(env.client));
  p.server = std::make_unique<Connection>(Config(env.server));
  if (!p.client->start()) fail("glasstls client start failed");
  for (int round = 0; round < 20; ++round) {
    bool moved = false;
    // Each side reads straight from the other's output queue.
    auto c = p.client->output();
    if (!c.empty()) {
      moved = true;
      p.wire_bytes += c.size();
      (void)p.server->feed(c);
      p.client->consume_output(c.size());
    }
    auto s = p.server->output();
    if (!s.empty()) {
      moved = true;
      p.wire_bytes += s.size();
      (void)p.client->feed(s);
      p.server->consume_output(s.size());
    }
    if (!moved) break;
  }
  if (!p.client->is_handshake_done() || !p.server->is_handshake_done()) {
    std::string why = p.client->error()   ? "client: " + p.client->error()->to_string()
                      : p.server->error() ? "server: " + p.server->error()->to_string()
                                          : "stalled";
    fail("glasstls handshake did not complete: " + why);
  }
  return p;
}

std::string glass_describe(const GlassPair& p) {
  const auto& ci = p.client->info();
  const auto& si = p.server->info();
  std::string s = std::string(handshake::name_of(ci.version)) + " " +
                  std::string(handshake::name_of(ci.cipher_suite)) + " " + crypto::name_of(ci.group);
  s += ", server signs " +
       (ci.peer_signature_scheme ? crypto::name_of(*ci.peer_signature_scheme) : "-");
  s += ", client signs " +
       (si.peer_signature_scheme ? crypto::name_of(*si.peer_signature_scheme) : "-");
  s += ", certs sent: server " + std::to_string(ci.peer_chain.size()) + " client " +
       std::to_string(si.peer_chain.size());
  s += ", verified: " + std::string(ci.peer_verified ? "yes" : "no") + "/" +
       (si.peer_chain.empty() ? "-" : si.peer_verified ? "yes" : "no");
  s += ", wire " + std::to_string(p.wire_bytes) + " B";
  return s;
}

std::size_t glass_transfer(GlassPair& p, std::size_t total, std::size_t chunk) {
  static core::Bytes data(1 << 20, 0x5a);
  std::size_t got = 0;
  for (std::size_t sent = 0; sent < total; sent += chunk) {
    if (!p.client->write(core::ByteView(data.data(), chunk))) fail("glasstls write failed");
    auto rec = p.client->output();
    if (!p.server->feed(rec)) fail("glasstls feed (app data) failed");
    p.client->consume_output(rec.size());
    // The application takes the plaintext where it was decrypted.
    const std::size_t n = p.server->app_data().size();
    p.server->consume_app_data(n);
    got += n;
  }
  if (got != total) fail("glasstls transfer lost bytes");
  return got;
}

}  // namespace glass::bench
