// TLS 1.3 resumption in memory: tickets issued after a full handshake, the resumed
// handshake, and every reason a server falls back to a full handshake instead.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "core/hex.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/psk.hpp"
#include "handshake/session_cache.hpp"
#include "handshake/tamper.hpp"
#include "handshake/ticket.hpp"
#include "resumption_fixture.hpp"
#include "x509/certificate.hpp"

using namespace glass;
using handshake::ClientAuthMode;
using handshake::ClientSessionCache;
using handshake::Connection;
using handshake::TicketKeys;

namespace {

struct Setup : test::ResumptionSetup {
  Setup() : ResumptionSetup(41, handshake::ProtocolVersion::tls13) {}
};

// Flips the last byte of the ClientHello: the PSK binder when one is offered.
struct BinderFlip : handshake::Tamper {
  bool outgoing(handshake::HandshakeType t, core::Bytes& framed) override {
    if (t == handshake::HandshakeType::client_hello && !framed.empty()) framed.back() ^= 0x01;
    return true;
  }
};

}  // namespace

TEST_CASE("resumption: full handshake issues two tickets, the next connection resumes with the client identity") {
  Setup s;
  auto first = s.run();
  CHECK_FALSE(first.client.info().resumed);
  CHECK(first.server.info().tickets_sent == 2);
  CHECK(first.client.info().tickets_received == 2);
  CHECK(s.cache->size() == 2);

  s.client_clock += 5;
  s.server_clock += 5;
  auto second = s.run();
  s.check_resumed(first, second);
  // One ticket was used, two new ones arrived.
  CHECK(s.cache->size() == 3);
}

TEST_CASE("resumption: a ticket for one client cannot be used to claim another") {
  Setup s;
  s.run();  // tickets for the test client
  // Another client (its own key and certificate) with the first client's ticket
  // still only resumes as the first client: the identity is the ticket's, and it
  // would need the first client's PSK to produce the binder anyway.
  auto other = test::make_pki(crypto::KeyType::ecdsa_p256, 77, "CN=Other CA");
  s.cfg.client.identities = {test::identity_of(other.client, other.ca, "other")};
  auto p = s.run();
  CHECK(p.server.info().resumed);
  CHECK(p.server.info().resumed_client_subject == s.client_subject());
  // A ticket whose sealed identity was altered does not open: full handshake, where
  // the other client's certificate (from an untrusted CA) is refused.
  auto sess = s.cache->take(handshake::session_key("localhost", {}), s.client_clock);
  REQUIRE(sess);
  sess->ticket[sess->ticket.size() - 20] ^= 1;
  s.cache->add(*sess);
  auto q = test::handshake_and_data(s.cfg.client, s.cfg.server);
  CHECK_FALSE(q.server.info().resumed);
  CHECK_FALSE(q.server.is_handshake_done());
}

TEST_CASE("resumption: a bad binder is decrypt_error") {
  Setup s;
  s.run();
  BinderFlip flip;
  s.cfg.client.tamper = &flip;
  auto p = test::handshake_and_data(s.cfg.client, s.cfg.server);
  REQUIRE(p.server.error());
  CHECK(p.server.error()->alert == core::Alert::decrypt_error);
}

TEST_CASE("resumption: expired tickets, a changed trust store, a skewed ticket age fall back") {
  Setup s;
  s.run();
  SUBCASE("expired") {
    s.server_clock += 7201;
    s.client_clock += 7000;  // the client still thinks it is valid
  }
  SUBCASE("trust store changed") {
    auto other = test::make_pki(crypto::KeyType::ecdsa_p256, 78, "CN=Another CA");
    s.cfg.server.trust_anchors.push_back(other.ca.der);
  }
  SUBCASE("ticket age outside the window") {
    s.server_clock += 100;  // the client reports an age 100 s younger
  }
  auto p = s.run();
  CHECK(p.client.info().psk_offered);
  CHECK_FALSE(p.server.info().resumed);
  CHECK(p.server.info().client_cert_sent);
}

TEST_CASE("resumption: after a HelloRetryRequest the binder is recomputed") {
  Setup s;
  s.run();
  s.cfg.client.groups = {crypto::NamedGroup::secp256r1, crypto::NamedGroup::x25519};
  s.cfg.client.key_share_groups = {crypto::NamedGroup::secp256r1};
  s.cfg.server.groups = {crypto::NamedGroup::x25519};
  auto p = s.run();
  CHECK(p.client.info().hello_retry_request);
  CHECK(p.server.info().resumed);
  CHECK(p.client.info().resumed);
}

TEST_CASE("resumption: single-use tickets resume once") {
  Setup s;
  s.keys->set_single_use(true);
  s.run();
  auto sess = s.cache->take(handshake::session_key("localhost", {}), s.client_clock);
  REQUIRE(sess);
  s.clear_cache();
  s.cache->add(*sess);
  CHECK(s.run().server.info().resumed);
  s.clear_cache();
  s.cache->add(*sess);  // the same ticket again
  CHECK_FALSE(s.run().server.info().resumed);
}

TEST_CASE("resumption: ticket key rotation keeps the previous key for decryption only") {
  crypto::SeededRng rng(5);
  TicketKeys keys(3600, &rng);
  handshake::TicketContents t;
  t.suite = handshake::CipherSuite::TLS_AES_128_GCM_SHA256;
  t.issued_at = test::kNow;
  t.lifetime = 7200;
  t.secret = core::SecretBytes(core::Bytes(32, 7));
  t.trust_anchors_hash = core::Bytes(32, 1);
  t.client_chain_hash = core::Bytes(32, 2);
  t.client_subject = "CN=alice";
  auto old = keys.seal(t, test::kNow);
  REQUIRE(keys.open(old, test::kNow).ok());
  CHECK(keys.open(old, test::kNow)->client_subject == "CN=alice");
  // One period later a new key seals; the old one still opens.
  auto fresh = keys.seal(t, test::kNow + 3600);
  CHECK(core::to_hex(core::ByteView(fresh).first(4)) != core::to_hex(core::ByteView(old).first(4)));
  CHECK(keys.open(old, test::kNow + 3600).ok());
  CHECK(keys.open(fresh, test::kNow + 3600).ok());
  // Another period: the old key is forgotten.
  auto newer = keys.seal(t, test::kNow + 7200);
  CHECK_FALSE(keys.open(old, test::kNow + 7200).ok());
  CHECK(keys.open(fresh, test::kNow + 7200).ok());
  CHECK(keys.open(newer, test::kNow + 7200).ok());
  // Garbage and truncations are refused with a reason, never thrown.
  CHECK_FALSE(keys.open(core::Bytes(10, 0), test::kNow + 7200).ok());
  CHECK_FALSE(keys.open(core::ByteView(newer).first(newer.size() - 1), test::kNow + 7200).ok());
  CHECK_FALSE(keys.open(core::Bytes(5000, 0), test::kNow + 7200).ok());
}

TEST_CASE("resumption: ticket plaintext and session file round-trip; garbage is refused") {
  handshake::TicketContents t;
  t.version = handshake::ProtocolVersion::tls13;
  t.suite = handshake::CipherSuite::TLS_AES_256_GCM_SHA384;
  t.issued_at = 12345;
  t.lifetime = 60;
  t.age_add = 0xdeadbeef;
  t.secret = core::SecretBytes(core::Bytes(48, 9));
  t.alpn = "h2";
  t.server_name = "example.test";
  t.trust_anchors_hash = core::Bytes(32, 3);
  auto enc = handshake::encode_ticket_plaintext(t);
  auto back = handshake::parse_ticket_plaintext(enc);
  REQUIRE(back.ok());
  CHECK(back->age_add == 0xdeadbeef);
  CHECK(back->alpn == "h2");
  CHECK_FALSE(back->has_client_identity());
  for (std::size_t n = 0; n < enc.size(); ++n)
    CHECK_FALSE(handshake::parse_ticket_plaintext(core::ByteView(enc).first(n)).ok());

  handshake::ClientSession cs;
  cs.suite = t.suite;
  cs.secret = t.secret;
  cs.ticket = core::Bytes(40, 1);
  cs.lifetime = 7200;
  cs.server_name = "example.test";
  cs.peer_chain = {core::Bytes(100, 5)};
  auto file = handshake::encode_client_session(cs);
  auto parsed = handshake::parse_client_session(file);
  REQUIRE(parsed.ok());
  CHECK(parsed->peer_chain == cs.peer_chain);
  for (std::size_t n = 0; n < file.size(); n += 7)
    CHECK_FALSE(handshake::parse_client_session(core::ByteView(file).first(n)).ok());
}

namespace {
// Rewrites the client's psk_key_exchange_modes to psk_ke only and re-signs the
// binder with the PSK the test knows, as a psk_ke-only client would send it.
struct PskKeOnly : handshake::Tamper {
  core::SecretBytes psk;
  bool outgoing(handshake::HandshakeType t, core::Bytes& framed) override {
    if (t != handshake::HandshakeType::client_hello) return true;
    const core::Bytes modes = {0x00, 0x2d, 0x00, 0x02, 0x01, 0x01};
    auto at = std::search(framed.begin(), framed.end(), modes.begin(), modes.end());
    if (at == framed.end()) return true;
    *(at + 5) = 0x00;  // psk_ke
    const std::size_t binders = 2 + 1 + 32;  // one SHA-256 binder
    core::ByteView truncated = core::ByteView(framed).first(framed.size() - binders);
    handshake::tls13::EarlySecret es(crypto::HashAlg::sha256, psk);
    auto bk = es.binder_key(true);
    auto b = handshake::tls13::psk_binder(crypto::HashAlg::sha256, bk,
                                          handshake::tls13::binder_transcript_hash(crypto::HashAlg::sha256, {}, truncated));
    std::copy(b.begin(), b.end(), framed.end() - 32);
    return true;
  }
};
}  // namespace

TEST_CASE("resumption: psk_ke (no (EC)DHE) is accepted only when the server allows it") {
  Setup s;
  s.cfg.client.groups = s.cfg.server.groups = {crypto::NamedGroup::x25519};
  s.run();
  for (bool allow : {false, true}) {
    auto sess = s.cache->take(handshake::session_key("localhost", {}), s.client_clock);
    REQUIRE(sess);
    PskKeOnly tamper;
    tamper.psk = sess->secret;
    s.cache->add(*sess);
    s.cfg.client.tamper = &tamper;
    s.cfg.server.allow_psk_ke = allow;
    handshake::Connection client(s.cfg.client), server(s.cfg.server);
    test::pump(client, server);
    // Our client itself only does psk_dhe_ke, so it stops at the key_share-less
    // ServerHello; what matters here is the server's choice.
    CHECK(server.info().resumed == allow);
    if (allow) CHECK(server.info().group == crypto::NamedGroup{});
    else CHECK(server.info().group == crypto::NamedGroup::x25519);
  }
}
