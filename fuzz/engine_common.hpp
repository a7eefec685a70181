#pragma once
// Shared by the engine fuzzers and their corpus generator: a fixed Ed25519 test
// PKI, fixed clock and seeded randomness, so a recorded peer flight stays valid
// for the engine under test and mutations start from deep states.
#include <memory>

#include "crypto/random.hpp"
#include "handshake/connection.hpp"
#include "x509/pki.hpp"

namespace glass::fuzz {

inline constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

inline const x509::TestPki& pki() {
  static const x509::TestPki p = [] {
    crypto::SeededRng rng(2026);
    x509::PkiOptions o;
    o.key_type = crypto::KeyType::ed25519;
    o.now = kNow;
    auto r = x509::make_test_pki(o, rng);
    if (!r) __builtin_trap();
    return std::move(r).value();
  }();
  return p;
}

inline handshake::Identity identity(const x509::IssuedCertificate& leaf) {
  handshake::Identity id;
  id.chain = {leaf.der, pki().ca.der};
  id.key = leaf.key;
  return id;
}

// tls12_only: the client offers only TLS 1.2 (for 1.2 seeds).
inline handshake::Config client_config(crypto::Rng& rng, bool tls12_only = false) {
  handshake::Config c;
  c.role = handshake::Role::client;
  c.server_name = "localhost";
  c.trust_anchors = {pki().ca.der};
  c.identities = {identity(pki().client)};
  c.rng = &rng;
  c.now = [] { return kNow; };
  // Classical groups only, so the recorded seed transcripts stay valid and small;
  // the hybrid key share has its own harness (fuzz/hybrid_key_share.cpp).
  c.groups = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp256r1,
              crypto::NamedGroup::secp384r1};
  if (tls12_only) c.max_version = handshake::ProtocolVersion::tls12;
  c.cipher_suites = handshake::Config::default_cipher_suites(true);  // the corpora's order on any CPU
  return c;
}

inline handshake::Config server_config(crypto::Rng& rng) {
  handshake::Config c;
  c.role = handshake::Role::server;
  c.trust_anchors = {pki().ca.der};
  c.identities = {identity(pki().server)};
  c.client_auth = handshake::ClientAuthMode::request;
  c.rng = &rng;
  c.now = [] { return kNow; };
  c.cipher_suites = handshake::Config::default_cipher_suites(true);
  return c;
}

inline constexpr std::uint64_t kClientSeed = 11;
inline constexpr std::uint64_t kServerSeed = 22;

}  // namespace glass::fuzz
