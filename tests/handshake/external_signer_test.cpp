// Private keys held outside the connection (Identity::external_key): the engine
// waits for each signature (Wait{signature}), the test signs with the key it
// keeps, and the peer checks the result with its ordinary verifier.
#include <doctest/doctest.h>

#include "engine_harness.hpp"
#include "handshake/types.hpp"

using namespace glass;
using handshake::ClientAuthMode;
using handshake::Connection;
using handshake::ProtocolVersion;

namespace {

// The identity's key leaves the Config: only its type stays, marked external.
std::shared_ptr<const crypto::SigningKey> take_key_out(handshake::Config& cfg) {
  auto& id = cfg.identities.at(0);
  auto key = id.key;
  id.external_key = key->type();
  id.key.reset();
  return key;
}

// Signs what `c` asks for with `key`, as an HSM would. False: nothing was pending.
bool sign_outside(Connection& c, const crypto::SigningKey& key, std::vector<std::string>* purposes) {
  const auto& req = c.pending_signature();
  if (!req) return false;
  if (purposes) purposes->push_back(req->purpose);
  crypto::SeededRng rng(99);
  auto sig = key.sign(req->scheme, req->message, rng);
  REQUIRE(sig.ok());
  REQUIRE(c.provide_signature(std::move(*sig)).ok());
  return true;
}

// pump() until neither side moves nor waits for a signature.
void pump_signing(Connection& client, Connection& server, const crypto::SigningKey& ckey,
                  const crypto::SigningKey& skey, std::vector<std::string>* purposes) {
  for (int round = 0; round < 10; ++round) {
    test::pump(client, server);
    bool signed_any = sign_outside(client, ckey, purposes);
    signed_any = sign_outside(server, skey, purposes) || signed_any;
    if (!signed_any) return;
  }
}

std::string why(const Connection& c) {
  return c.error() ? c.error()->to_string() : "ok, state " + c.state_name();
}

void full_handshake_signed_outside(ProtocolVersion v, crypto::KeyType t,
                                   const std::vector<std::string>& want) {
  test::MtlsSetup setup(t, 41);
  auto& cfg = setup.cfg;
  cfg.client.max_version = cfg.server.max_version = v;
  auto ckey = take_key_out(cfg.client);
  auto skey = take_key_out(cfg.server);
  Connection client(cfg.client), server(cfg.server);
  std::vector<std::string> purposes;
  pump_signing(client, server, *ckey, *skey, &purposes);
  INFO("client: " << why(client));
  INFO("server: " << why(server));
  REQUIRE(client.is_handshake_done());
  REQUIRE(server.is_handshake_done());
  CHECK(client.info().version == v);
  CHECK(client.info().peer_verified);
  CHECK(server.info().peer_verified);
  CHECK(server.info().client_cert_sent);
  CHECK(purposes == want);
  REQUIRE(client.write(core::as_bytes("signed elsewhere")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(server.read()) == "signed elsewhere");
}

}  // namespace

TEST_CASE("external signer: TLS 1.3 client and server keys sign outside the connection") {
  full_handshake_signed_outside(ProtocolVersion::tls13, crypto::KeyType::ecdsa_p256,
                                {"TLS 1.3 server CertificateVerify",
                                 "TLS 1.3 client CertificateVerify"});
}

TEST_CASE("external signer: TLS 1.2 ServerKeyExchange and client CertificateVerify outside") {
  full_handshake_signed_outside(ProtocolVersion::tls12, crypto::KeyType::ecdsa_p384,
                                {"TLS 1.2 ServerKeyExchange", "TLS 1.2 client CertificateVerify"});
}

TEST_CASE("external signer: the request names the scheme, the key and the exact bytes") {
  test::MtlsSetup setup(crypto::KeyType::ed25519, 44);
  auto& cfg = setup.cfg;
  cfg.server.client_auth = ClientAuthMode::none;
  auto skey = take_key_out(cfg.server);
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(server.pending_signature());
  const auto& req = *server.pending_signature();
  CHECK(req.scheme == crypto::SignatureScheme::ed25519);
  CHECK(req.identity == "server");
  // RFC 8446 4.4.3: 64 spaces, the context string, a zero byte, the transcript hash.
  REQUIRE(req.message.size() == 64 + 33 + 1 + 32);
  CHECK(req.message[0] == 0x20);
  CHECK(std::string(req.message.begin() + 64, req.message.begin() + 97) ==
        "TLS 1.3, server CertificateVerify");
  CHECK_FALSE(client.is_handshake_done());
  CHECK(server.state_name() == "NEGOTIATED");
}

TEST_CASE("external signer: a wrong signature is refused by the peer with decrypt_error") {
  for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    CAPTURE(handshake::name_of(v));
    test::MtlsSetup setup(crypto::KeyType::ecdsa_p256, 47);
    auto& cfg = setup.cfg;
    crypto::SeededRng rng(50);
    cfg.client.max_version = cfg.server.max_version = v;
    auto skey = take_key_out(cfg.server);
    Connection client(cfg.client), server(cfg.server);
    test::pump(client, server);
    REQUIRE(server.pending_signature());
    auto bad = skey->sign(server.pending_signature()->scheme, core::as_bytes("something else"), rng);
    REQUIRE(bad.ok());
    REQUIRE(server.provide_signature(std::move(*bad)).ok());
    test::pump(client, server);
    REQUIRE(client.error());
    CHECK(client.error()->alert == core::Alert::decrypt_error);
    REQUIRE(server.error());
    CHECK(server.error_from_peer());
    CHECK(server.error()->alert == core::Alert::decrypt_error);
  }
}

TEST_CASE("external signer: provide_signature with nothing pending is an error, nothing breaks") {
  test::MtlsSetup setup(crypto::KeyType::ecdsa_p256, 51);
  auto& cfg = setup.cfg;
  auto skey = take_key_out(cfg.server);
  Connection client(cfg.client), server(cfg.server);
  auto early = client.provide_signature(core::Bytes{1, 2, 3});
  REQUIRE_FALSE(early.ok());
  CHECK(early.error().reason.find("no signature is pending") != std::string::npos);
  CHECK_FALSE(client.error());
  test::pump(client, server);
  REQUIRE(server.pending_signature());
  CHECK_FALSE(server.provide_signature({}).ok());  // empty: refused, still pending
  CHECK(server.pending_signature());
  pump_signing(client, server, *cfg.client.identities[0].key, *skey, nullptr);
  REQUIRE(server.is_handshake_done());
  REQUIRE(client.is_handshake_done());
  CHECK_FALSE(server.provide_signature(core::Bytes{1}).ok());
  CHECK_FALSE(server.error());
  REQUIRE(server.write(core::as_bytes("still fine")).ok());
  test::pump(client, server);
  CHECK(core::as_chars(client.read()) == "still fine");
}

TEST_CASE("external signer: bytes fed while a signature is pending are kept and processed") {
  // Post-handshake authentication: the server's CertificateRequest and application
  // data arrive in one feed; the data waits behind the client's signature.
  test::MtlsSetup setup(crypto::KeyType::ecdsa_p256, 54);
  auto& cfg = setup.cfg;
  crypto::SeededRng rng(57);
  cfg.server.client_auth = ClientAuthMode::none;
  auto ckey = take_key_out(cfg.client);
  Connection client(cfg.client), server(cfg.server);
  test::pump(client, server);
  REQUIRE(client.is_handshake_done());
  REQUIRE(server.is_handshake_done());
  REQUIRE(server.request_client_certificate().ok());
  REQUIRE(server.write(core::as_bytes("first")).ok());
  auto flight = server.take_output();
  // Fed in two pieces: the second arrives while the signature is pending.
  REQUIRE(client.feed(core::ByteView(flight).first(flight.size() - 5)).ok());
  REQUIRE(client.pending_signature());
  CHECK(client.pending_signature()->purpose == "TLS 1.3 client CertificateVerify");
  REQUIRE(client.feed(core::ByteView(flight).last(5)).ok());
  REQUIRE(server.write(core::as_bytes("second")).ok());
  REQUIRE(client.feed(server.take_output()).ok());
  CHECK_FALSE(client.has_app_data());
  REQUIRE(sign_outside(client, *ckey, nullptr));
  CHECK(core::as_chars(client.read()) == "firstsecond");
  test::pump(client, server);
  INFO("server: " << why(server));
  CHECK_FALSE(server.post_handshake_auth_pending());
  CHECK(server.info().client_cert_sent);
  CHECK(server.info().peer_verified);
  CHECK_FALSE(client.error());
}
