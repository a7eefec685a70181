#pragma once
// Wires a client and a server Connection to each other in memory, with a test
// PKI made by our own builder and a fixed clock and seeded randomness.
#include <memory>
#include <string>

#include "crypto/random.hpp"
#include "handshake/connection.hpp"
#include "x509/der.hpp"
#include "x509/pki.hpp"

namespace glass::test {

inline constexpr x509::der::Time kNow = 1767225600;  // 2026-01-01T00:00:00Z

struct Peers {
  handshake::Config client;
  handshake::Config server;
};

inline handshake::Identity identity_of(const x509::IssuedCertificate& leaf,
                                       const x509::IssuedCertificate& ca,
                                       const std::string& label) {
  handshake::Identity id;
  id.chain = {leaf.der, ca.der};
  id.key = leaf.key;
  id.label = label;
  return id;
}

// Client and server configured for mutual TLS with the given PKI.
inline Peers mtls_configs(const x509::TestPki& pki, crypto::Rng& crng, crypto::Rng& srng) {
  Peers p;
  p.client.role = handshake::Role::client;
  p.client.server_name = "localhost";
  p.client.trust_anchors = {pki.ca.der};
  p.client.identities = {identity_of(pki.client, pki.ca, "client")};
  p.client.rng = &crng;
  p.client.now = [] { return kNow; };
  p.server.role = handshake::Role::server;
  p.server.trust_anchors = {pki.ca.der};
  p.server.identities = {identity_of(pki.server, pki.ca, "server")};
  p.server.client_auth = handshake::ClientAuthMode::require;
  p.server.rng = &srng;
  p.server.now = [] { return kNow; };
  // Not the CPU-dependent default: tests expect AES-128-GCM wherever they run.
  p.client.cipher_suites = p.server.cipher_suites = handshake::Config::default_cipher_suites(true);
  return p;
}

// Moves bytes both ways until neither side has anything to say (bounded).
inline void pump(handshake::Connection& client, handshake::Connection& server) {
  (void)client.start();
  for (int round = 0; round < 50; ++round) {
    bool moved = false;
    auto c = client.take_output();
    if (!c.empty()) {
      moved = true;
      (void)server.feed(c);
    }
    auto s = server.take_output();
    if (!s.empty()) {
      moved = true;
      (void)client.feed(s);
    }
    if (!moved) return;
  }
}

// A client and a server wired together and pumped to the end of the handshake.
struct Pair {
  handshake::Connection client;
  handshake::Connection server;
};

// A TLS 1.3 client finishes before the server judges its certificate: the
// verdict arrives with the server's first records, so one byte of data flows.
inline Pair handshake_and_data(const handshake::Config& c, const handshake::Config& s) {
  Pair r{handshake::Connection(c), handshake::Connection(s)};
  pump(r.client, r.server);
  if (r.client.is_handshake_done() && !r.server.error()) {
    (void)r.client.write(core::as_bytes("x"));
    pump(r.client, r.server);
  }
  return r;
}

inline x509::TestPki make_pki(crypto::KeyType t, std::uint64_t seed,
                             const std::string& ca_name = "CN=glasstls Test CA,O=glasstls") {
  crypto::SeededRng rng(seed);
  x509::PkiOptions o;
  o.key_type = t;
  o.now = kNow;
  o.ca_name = ca_name;
  auto pki = x509::make_test_pki(o, rng);
  if (!pki) throw std::runtime_error("test PKI: " + pki.error().to_string());
  return std::move(pki).value();
}

// The usual start of an engine test: a PKI from `seed`, the client's and the
// server's randomness from seed + 1 and seed + 2, and mutual-TLS configs using them.
// Not copyable: the configs point at the two Rngs.
struct MtlsSetup {
  MtlsSetup(crypto::KeyType t, std::uint64_t seed)
      : pki(make_pki(t, seed)), crng(seed + 1), srng(seed + 2), cfg(mtls_configs(pki, crng, srng)) {}
  MtlsSetup(const MtlsSetup&) = delete;
  MtlsSetup& operator=(const MtlsSetup&) = delete;
  x509::TestPki pki;
  crypto::SeededRng crng, srng;
  Peers cfg;
};

}  // namespace glass::test
