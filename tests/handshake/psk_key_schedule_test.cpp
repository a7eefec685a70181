// The TLS 1.3 PSK key schedule against RFC 8448 section 4 (resumed handshake): the
// PSK from section 3's resumption_master_secret and ticket nonce, the early secret,
// binder key and binder over the truncated ClientHello, and every secret of the
// resumed handshake, from the trace's message bytes.
#include <doctest/doctest.h>

#include "handshake/client_hello.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/psk.hpp"
#include "handshake/transcript.hpp"
#include "rfc8448_schedule.hpp"
#include "test_util.hpp"

using namespace glass::handshake;
using namespace glass::handshake::tls13;
using namespace hs_test;  // hx, current, hex, Bytes, ByteView
using glass::crypto::HashAlg;

namespace {

OfferedPsks offered(const ClientHello& ch) {
  auto p = ch.extensions.get<OfferedPsks>();
  REQUIRE(p.ok());
  REQUIRE(p->has_value());
  return **p;
}

}  // namespace

TEST_CASE("handshake: RFC 8448 section 4 PSK, early secret, binder key and binder") {
  using namespace rfc8448::s4;
  const auto alg = HashAlg::sha256;
  // The PSK is section 3's resumption_master_secret expanded with the ticket nonce.
  auto psk = resumption_psk(alg, hex(rfc8448::s3::resumption_master_secret),
                            hex(rfc8448::s3::ticket_nonce));
  CHECK(hx(psk) == hx(rfc8448::s4::psk));
  CHECK(hx(psk) == hx(rfc8448::s3::resumption_psk));  // as section 3 prints it

  SecretLog log;
  EarlySecret es(alg, psk, &log);
  CHECK(hx(es.secret()) == hx(early_secret));
  auto bk = es.binder_key(true);
  CHECK(hx(bk) == hx(binder_key));
  CHECK(log.secrets["binder_key"] == hx(binder_key));
  // "ext binder" (external PSKs) is a different key.
  CHECK(hx(es.binder_key(false)) != hx(binder_key));

  Bytes ch_bytes = hex(client_hello);
  auto ch = hs_test::must_decode<ClientHello>(ch_bytes);
  auto psks = offered(ch);
  REQUIRE(psks.identities.size() == 1);
  auto truncated = truncated_client_hello(ch_bytes, psks);
  REQUIRE(truncated.ok());
  CHECK(hx(*truncated) == hx(client_hello_prefix));
  auto bh = binder_transcript_hash(alg, {}, *truncated);
  CHECK(hx(bh) == hx(binder_hash));
  auto b = psk_binder(alg, bk, bh);
  CHECK(hx(b) == hx(binder));
  // The binder is a Finished computation keyed by the binder key (RFC 8446 4.2.11.2).
  CHECK(hx(finished_verify_data(alg, bk, bh)) == hx(binder));
  CHECK(hx(b) == hx(psks.binders[0]));

  // One changed byte anywhere in the covered part changes the binder.
  Bytes tampered = glass::core::to_bytes(*truncated);
  tampered[40] ^= 1;
  CHECK(hx(psk_binder(alg, bk, binder_transcript_hash(alg, {}, tampered))) != hx(binder));
  // A message too short for its binders is refused, not read out of bounds.
  CHECK_FALSE(truncated_client_hello(ByteView(ch_bytes).first(30), psks).ok());
}

TEST_CASE("handshake: RFC 8448 section 4 resumed handshake secrets from the PSK and the messages") {
  using namespace rfc8448::s4;
  const auto alg = HashAlg::sha256;
  EarlySecret es(alg, hex(rfc8448::s4::psk));
  Transcript t;
  t.add(hex(client_hello));
  REQUIRE(t.set_hash(alg).ok());
  CHECK(hx(es.client_early_traffic_secret(current(t))) == hx(client_early_traffic_secret));
  CHECK(hx(es.early_exporter_master_secret(current(t))) == hx(early_exporter_master_secret));
  t.add(hex(server_hello));

  auto [chts, shts, ms] = check_handshake_stage(
      es, t, {ecdhe_shared_secret, handshake_secret, client_handshake_traffic_secret,
              server_handshake_traffic_secret, master_secret});

  // No Certificate or CertificateVerify: EncryptedExtensions then Finished.
  t.add(hex(encrypted_extensions));
  Bytes sfin = hex(server_finished);
  CHECK(hx(finished_verify_data(alg, shts, current(t))) == hx(ByteView(sfin).subspan(4)));
  t.add(sfin);
  Bytes h_sf = current(t);
  check_application_secrets(ms, h_sf, client_application_traffic_secret_0,
                            server_application_traffic_secret_0);
  CHECK(hx(ms.exporter_master_secret(h_sf)) == hx(exporter_master_secret));

  // The trace accepted 0-RTT, so EndOfEarlyData precedes the client Finished.
  t.add(hex(end_of_early_data));
  Bytes cfin = hex(client_finished);
  CHECK(hx(finished_verify_data(alg, chts, current(t))) == hx(ByteView(cfin).subspan(4)));
  t.add(cfin);
  CHECK(hx(ms.resumption_master_secret(current(t))) == hx(resumption_master_secret));
}

TEST_CASE("handshake: PSK binder after HelloRetryRequest covers message_hash(CH1), the HRR and CH2") {
  // RFC 8446 4.2.11.2: the binder of the second ClientHello is computed over the
  // transcript with the first ClientHello replaced by message_hash.
  using namespace rfc8448::s5;
  const auto alg = HashAlg::sha256;
  Transcript t;
  t.add(hex(client_hello1));
  REQUIRE(t.set_hash(alg).ok());
  REQUIRE(t.rewrite_for_hello_retry_request().ok());
  t.add(hex(hello_retry_request));
  Bytes prefix = hex(client_hello2);
  prefix.resize(100);  // stands in for a truncated ClientHello2
  Transcript whole = t;
  whole.add(prefix);
  CHECK(hx(binder_transcript_hash(alg, t.messages(), prefix)) == hx(current(whole)));
  CHECK(hx(binder_transcript_hash(alg, {}, prefix)) != hx(current(whole)));
}
