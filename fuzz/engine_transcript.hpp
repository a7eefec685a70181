#pragma once
// A recorded TLS 1.3 handshake between the fixed fuzz client and server
// (engine_common.hpp: seeded randomness, fixed clock and PKI), with every
// handshake message and the secrets needed to re-encrypt and re-authenticate a
// changed flight. Used by fuzz/engine_transcript.cpp and by the corpus tool.
#include <string>
#include <string_view>
#include <vector>

#include "crypto/hash.hpp"
#include "engine_common.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/message.hpp"
#include "handshake/types.hpp"

namespace glass::fuzz {

struct RecordedHandshake {
  crypto::HashAlg hash{};
  crypto::AeadAlg aead{};
  core::Bytes client_hello, server_hello;   // framed
  std::vector<core::Bytes> server_flight;   // EncryptedExtensions .. Finished, framed
  std::vector<core::Bytes> client_flight;   // Certificate, CertificateVerify, Finished
  core::SecretBytes ecdhe, client_hs, server_hs;
  crypto::SignatureScheme server_scheme{}, client_scheme{};
};

namespace detail {

struct Recorder final : core::Observer {
  std::vector<core::Bytes> sent;
  core::SecretBytes ecdhe, client_hs, server_hs;
  void on_handshake_message(core::Direction d, std::uint8_t, core::ByteView m) override {
    if (d == core::Direction::sent) sent.emplace_back(m.begin(), m.end());
  }
  void on_secret(core::Secret kind, core::ByteView v) override {
    if (kind == core::Secret::ecdhe_shared_secret) ecdhe = core::SecretBytes(v);
    if (kind == core::Secret::client_handshake_traffic_secret) client_hs = core::SecretBytes(v);
    if (kind == core::Secret::server_handshake_traffic_secret) server_hs = core::SecretBytes(v);
  }
};

inline void expect_types(const std::vector<core::Bytes>& msgs, std::initializer_list<handshake::HandshakeType> types) {
  if (msgs.size() < types.size()) __builtin_trap();
  std::size_t i = 0;
  for (auto t : types)
    if (msgs[i++][0] != static_cast<std::uint8_t>(t)) __builtin_trap();
}

}  // namespace detail

// Runs the handshake once (deterministic) and keeps what it saw.
inline const RecordedHandshake& recorded_handshake() {
  static const RecordedHandshake rec = [] {
    using handshake::HandshakeType;
    crypto::SeededRng crng(kClientSeed), srng(kServerSeed);
    detail::Recorder cobs, sobs;
    auto cc = client_config(crng);
    cc.observer = &cobs;
    auto sc = server_config(srng);
    sc.observer = &sobs;
    handshake::Connection client(std::move(cc)), server(std::move(sc));
    (void)client.start();
    for (int round = 0; round < 10; ++round) {
      auto c = client.take_output();
      if (!c.empty()) (void)server.feed(c);
      auto s = server.take_output();
      if (!s.empty()) (void)client.feed(s);
      if (c.empty() && s.empty()) break;
    }
    if (!client.is_handshake_done() || !server.is_handshake_done()) __builtin_trap();
    detail::expect_types(sobs.sent, {HandshakeType::server_hello, HandshakeType::encrypted_extensions,
                                     HandshakeType::certificate_request, HandshakeType::certificate,
                                     HandshakeType::certificate_verify, HandshakeType::finished});
    detail::expect_types(cobs.sent, {HandshakeType::client_hello, HandshakeType::certificate,
                                     HandshakeType::certificate_verify, HandshakeType::finished});
    RecordedHandshake r;
    auto params = handshake::suite_params(client.info().cipher_suite);
    if (!params) __builtin_trap();
    r.hash = params->hash;
    r.aead = params->aead;
    r.client_hello = cobs.sent[0];
    r.server_hello = sobs.sent[0];
    r.server_flight.assign(sobs.sent.begin() + 1, sobs.sent.begin() + 6);
    r.client_flight.assign(cobs.sent.begin() + 1, cobs.sent.begin() + 4);
    r.ecdhe = std::move(cobs.ecdhe);
    r.client_hs = std::move(cobs.client_hs);
    r.server_hs = std::move(cobs.server_hs);
    if (r.ecdhe.empty() || r.client_hs.empty() || r.server_hs.empty()) __builtin_trap();
    if (!server.info().local_signature_scheme || !client.info().local_signature_scheme) __builtin_trap();
    r.server_scheme = *server.info().local_signature_scheme;
    r.client_scheme = *client.info().local_signature_scheme;
    return r;
  }();
  return rec;
}

}  // namespace glass::fuzz
