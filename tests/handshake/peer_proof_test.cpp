// The evidence a Finished needs (peer_auth.hpp, finished_exchange.hpp): a peer whose
// chain was accepted but whose CertificateVerify has not verified cannot have its
// Finished accepted, whatever the state machine asks; a verified CertificateVerify
// (or no certificate at all) lets the same Finished through.
#include <doctest/doctest.h>

#include "engine_harness.hpp"
#include "handshake/engine.hpp"
#include "handshake/finished.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/peer_auth.hpp"

using namespace glass;
using handshake::Side;

namespace {

struct Fixture {
  x509::TestPki pki = test::make_pki(crypto::KeyType::ecdsa_p256, 71);
  crypto::SeededRng rng{72};
  handshake::Config cfg;
  std::unique_ptr<handshake::Channel> ch;
  core::Bytes base_key = core::Bytes(32, 0x5a);

  Fixture() {
    cfg.role = handshake::Role::client;
    cfg.server_name = "localhost";
    cfg.trust_anchors = {pki.ca.der};
    cfg.now = [] { return test::kNow; };
    ch = std::make_unique<handshake::Channel>(cfg, rng);
    REQUIRE(ch->transcript.set_hash(crypto::HashAlg::sha256));
    ch->transcript.add(core::as_bytes("ClientHello and ServerHello stand-ins"));
  }

  // The server's Finished, correct for the transcript so far.
  record::HandshakeMessage server_finished() const {
    auto h = ch->transcript.current_hash();
    REQUIRE(h);
    auto framed = handshake::encode(
        handshake::Finished{handshake::tls13::finished_verify_data(crypto::HashAlg::sha256, base_key, *h)});
    REQUIRE(framed);
    return record::HandshakeMessage{static_cast<std::uint8_t>(handshake::HandshakeType::finished),
                                    *framed, 0};
  }

  handshake::PeerProof accepted_chain() {
    auto pending = handshake::accept_peer_chain(*ch, {pki.server.der, pki.ca.der}, false);
    REQUIRE(pending);
    return std::move(*pending);
  }

  core::Status accept(const handshake::PeerProof& proof) {
    return handshake::accept_finished13(*ch, server_finished(), crypto::HashAlg::sha256, base_key,
                                        Side::server, proof);
  }
};

}  // namespace

TEST_CASE("handshake: a Finished is refused while the peer's certificate awaits its CertificateVerify") {
  Fixture f;
  auto proof = f.accepted_chain();
  CHECK(f.ch->info.peer_verified);
  auto st = f.accept(proof);
  REQUIRE_FALSE(st);
  CHECK(st.error().alert == core::Alert::unexpected_message);
  CHECK(st.error().reason == "server Finished before the CertificateVerify that proves its certificate");
  // Without a certificate presented (a resumed handshake) the same Finished passes.
  CHECK(f.accept(handshake::NoPeerCertificate{}));
}

TEST_CASE("handshake: a verified CertificateVerify is the evidence that lets the Finished through") {
  Fixture f;
  auto proof = f.accepted_chain();
  handshake::Identity server;
  server.chain = {f.pki.server.der, f.pki.ca.der};
  server.key = f.pki.server.key;
  const auto scheme = crypto::SignatureScheme::ecdsa_secp256r1_sha256;
  auto signed_cv = handshake::sign_certificate_verify13(*f.ch, server, scheme, Side::server);
  REQUIRE(signed_cv);
  REQUIRE(*signed_cv);  // the key is ours: signed at once
  auto cv = std::move(*signed_cv);
  // A CertificateVerify needs a certificate to prove.
  auto orphan = handshake::verify_certificate_verify13(*f.ch, *cv, handshake::NoPeerCertificate{},
                                                       Side::server, {scheme});
  REQUIRE_FALSE(orphan);
  CHECK(orphan.error().alert == core::Alert::unexpected_message);
  // One signed for the other side's context does not verify and proves nothing.
  auto wrong_side = handshake::verify_certificate_verify13(*f.ch, *cv, proof, Side::client, {scheme});
  REQUIRE_FALSE(wrong_side);
  CHECK(wrong_side.error().alert == core::Alert::decrypt_error);
  auto proven = handshake::verify_certificate_verify13(*f.ch, *cv, proof, Side::server, {scheme});
  REQUIRE(proven);
  CHECK(proven->scheme() == scheme);
  f.ch->transcript.add(*handshake::encode(*cv));
  CHECK(f.accept(std::move(*proven)));
}
