// The TLS 1.3 key schedule and transcript against RFC 8448: the transcript is fed
// the actual message bytes of each trace (never precomputed hashes), and every
// secret, traffic key and Finished value printed by the RFC is reproduced.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "crypto/kdf.hpp"
#include "crypto/signature.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/transcript.hpp"
#include "rfc8448_schedule.hpp"
#include "test_util.hpp"

using namespace glass::handshake;
using namespace glass::handshake::tls13;
using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;
using glass::core::to_hex;
using glass::crypto::AeadAlg;
using glass::crypto::HashAlg;
using hs_test::current;
using hs_test::hx;
using hs_test::SecretLog;

TEST_CASE("handshake: RFC 8448 section 3 key schedule reproduced from the ECDHE secret and the messages") {
  using namespace rfc8448::s3;
  SecretLog log;
  Transcript t;
  t.add(hex(client_hello));
  t.add(hex(server_hello));
  CHECK_FALSE(t.current_hash().ok());  // hash not known before the suite is
  REQUIRE(t.set_hash(HashAlg::sha256).ok());

  EarlySecret es(HashAlg::sha256, {}, &log);
  CHECK(hx(es.secret()) == hx(early_secret));
  auto [chts, shts, ms] = hs_test::check_handshake_stage(
      es, t, {ecdhe_shared_secret, handshake_secret, client_handshake_traffic_secret,
              server_handshake_traffic_secret, master_secret});

  auto skeys = traffic_keys(HashAlg::sha256, AeadAlg::aes128_gcm, shts, &log, "server_handshake_traffic_secret");
  CHECK(hx(skeys.key) == hx(server_handshake_key));
  CHECK(hx(skeys.iv) == hx(server_handshake_iv));
  auto ckeys = traffic_keys(HashAlg::sha256, AeadAlg::aes128_gcm, chts);
  CHECK(hx(ckeys.key) == hx(client_handshake_key));
  CHECK(hx(ckeys.iv) == hx(client_handshake_iv));

  t.add(hex(encrypted_extensions));
  t.add(hex(certificate));
  t.add(hex(certificate_verify));
  CHECK(hx(finished_key(HashAlg::sha256, shts)) == hx(server_finished_key));
  CHECK(hx(finished_verify_data(HashAlg::sha256, shts, current(t))) == hx(server_verify_data));
  t.add(hex(server_finished));

  Bytes h_sf = current(t);
  hs_test::check_application_secrets(ms, h_sf, client_application_traffic_secret_0,
                                     server_application_traffic_secret_0);
  auto cats = ms.client_application_traffic_secret_0(h_sf);
  auto sats = ms.server_application_traffic_secret_0(h_sf);
  CHECK(hx(ms.exporter_master_secret(h_sf)) == hx(exporter_master_secret));
  auto sakeys = traffic_keys(HashAlg::sha256, AeadAlg::aes128_gcm, sats);
  CHECK(hx(sakeys.key) == hx(server_application_key));
  CHECK(hx(sakeys.iv) == hx(server_application_iv));
  auto cakeys = traffic_keys(HashAlg::sha256, AeadAlg::aes128_gcm, cats);
  CHECK(hx(cakeys.key) == hx(client_application_key));
  CHECK(hx(cakeys.iv) == hx(client_application_iv));

  CHECK(hx(finished_key(HashAlg::sha256, chts)) == hx(client_finished_key));
  CHECK(hx(finished_verify_data(HashAlg::sha256, chts, h_sf)) == hx(client_verify_data));
  t.add(hex(client_finished));
  auto rms = ms.resumption_master_secret(current(t));
  CHECK(hx(rms) == hx(resumption_master_secret));
  CHECK(hx(tls13::resumption_psk(HashAlg::sha256, rms, hex(ticket_nonce))) ==
        hx(rfc8448::s3::resumption_psk));

  // The observer saw every stage under the RFC's names.
  CHECK(log.secrets["early_secret"] == hx(early_secret));
  CHECK(log.secrets["handshake_secret"] == hx(handshake_secret));
  CHECK(log.secrets["client_handshake_traffic_secret"] == hx(client_handshake_traffic_secret));
  CHECK(log.secrets["server_handshake_traffic_secret"] == hx(server_handshake_traffic_secret));
  CHECK(log.secrets["master_secret"] == hx(master_secret));
  CHECK(log.secrets["client_application_traffic_secret_0"] ==
        hx(client_application_traffic_secret_0));
  CHECK(log.secrets["server_application_traffic_secret_0"] ==
        hx(server_application_traffic_secret_0));
  CHECK(log.secrets["exporter_master_secret"] == hx(exporter_master_secret));
  CHECK(log.secrets["resumption_master_secret"] == hx(resumption_master_secret));
  CHECK(log.secrets["server_handshake_traffic_secret key"] == hx(server_handshake_key));
  CHECK(log.secrets["server_handshake_traffic_secret iv"] == hx(server_handshake_iv));

  // The transcript kept exactly the bytes it was given.
  CHECK(t.messages().size() == hex(client_hello).size() + hex(server_hello).size() +
                                   hex(encrypted_extensions).size() + hex(certificate).size() +
                                   hex(certificate_verify).size() +
                                   hex(server_finished).size() + hex(client_finished).size());
}

TEST_CASE("handshake: RFC 8448 section 3 server CertificateVerify verifies over certificate_verify_content") {
  using namespace rfc8448::s3;
  Transcript t;
  for (auto m : {client_hello, server_hello, encrypted_extensions, certificate}) t.add(hex(m));
  REQUIRE(t.set_hash(HashAlg::sha256).ok());
  Bytes content = certificate_verify_content(Side::server, current(t));
  CHECK(content.size() == 64 + 33 + 1 + 32);
  CHECK(to_hex(ByteView(content).subspan(64, 33)) ==
        to_hex(glass::core::as_bytes("TLS 1.3, server CertificateVerify")));
  auto cv = hs_test::must_decode<CertificateVerify>(hex(certificate_verify));
  auto key = glass::crypto::VerifyingKey::rsa(hex(rfc8448::rsa_modulus),
                                              hex(rfc8448::rsa_public_exponent));
  REQUIRE(key.ok());
  CHECK(key->verify(cv.algorithm, content, cv.signature).ok());
  // The client context string does not verify: the two contexts really differ.
  CHECK_FALSE(key->verify(cv.algorithm, certificate_verify_content(Side::client, current(t)),
                          cv.signature)
                  .ok());
}

TEST_CASE("handshake: RFC 8448 section 5 HelloRetryRequest transcript rule gives the trace's secrets") {
  using namespace rfc8448::s5;
  Transcript t;
  t.add(hex(client_hello1));
  // The HelloRetryRequest fixes the suite (TLS_AES_128_GCM_SHA256), then CH1 is
  // replaced by message_hash.
  REQUIRE(t.set_hash(HashAlg::sha256).ok());
  REQUIRE(t.rewrite_for_hello_retry_request().ok());
  Bytes synthetic = Transcript::message_hash(HashAlg::sha256, hex(client_hello1));
  CHECK(to_hex(ByteView(synthetic).first(4)) == "fe000020");
  CHECK(to_hex(t.messages()) == to_hex(synthetic));
  t.add(hex(hello_retry_request));
  t.add(hex(client_hello2));
  t.add(hex(server_hello));

  EarlySecret es(HashAlg::sha256);
  auto [chts, shts, ms] = hs_test::check_handshake_stage(
      es, t, {ecdhe_shared_secret, handshake_secret, client_handshake_traffic_secret,
              server_handshake_traffic_secret, master_secret});

  t.add(hex(encrypted_extensions));
  t.add(hex(certificate));
  t.add(hex(certificate_verify));
  CHECK(hx(finished_verify_data(HashAlg::sha256, shts, current(t))) == hx(server_verify_data));
  t.add(hex(server_finished));
  Bytes h_sf = current(t);
  hs_test::check_application_secrets(ms, h_sf, client_application_traffic_secret_0,
                                     server_application_traffic_secret_0);
  CHECK(hx(finished_verify_data(HashAlg::sha256, chts, h_sf)) == hx(client_verify_data));
  t.add(hex(client_finished));
  CHECK(hx(ms.resumption_master_secret(current(t))) == hx(resumption_master_secret));
}

TEST_CASE("handshake: RFC 8448 section 6 client-auth transcript covers CertificateRequest and the client's flight") {
  using namespace rfc8448::s6;
  Transcript t;
  for (auto m : {client_hello, server_hello}) t.add(hex(m));
  REQUIRE(t.set_hash(HashAlg::sha256).ok());
  EarlySecret es(HashAlg::sha256);
  HandshakeSecret hs = es.handshake_secret(hex(ecdhe_shared_secret));
  Bytes h_sh = current(t);
  auto chts = hs.client_handshake_traffic_secret(h_sh);
  MasterSecret ms = hs.master_secret();
  for (auto m : {encrypted_extensions, certificate_request, server_certificate,
                 server_certificate_verify, server_finished})
    t.add(hex(m));
  Bytes h_sf = current(t);
  t.add(hex(client_certificate));
  // The client signs the transcript through its Certificate. Its RSA key is not printed
  // in section 2, so take the modulus INTEGER (02 81 81 00, 128 bytes) straight out of
  // the certificate's SubjectPublicKeyInfo (the exponent is 65537).
  Bytes der = hs_test::must_decode<Certificate>(hex(client_certificate)).certificate_list[0].cert_data;
  Bytes marker = hex("02818100");
  auto at = std::search(der.begin(), der.end(), marker.begin(), marker.end());
  REQUIRE(at != der.end());
  REQUIRE(der.end() - at >= 4 + 128 + 5);
  Bytes modulus(at + 4, at + 4 + 128);
  CHECK(to_hex(Bytes(at + 4 + 128, at + 4 + 128 + 5)) == "0203010001");
  auto key = glass::crypto::VerifyingKey::rsa(modulus, hex("010001"));
  REQUIRE(key.ok());
  auto ccv = hs_test::must_decode<CertificateVerify>(hex(client_certificate_verify));
  CHECK(key->verify(ccv.algorithm, certificate_verify_content(Side::client, current(t)),
                    ccv.signature)
            .ok());
  t.add(hex(client_certificate_verify));
  // The client Finished covers everything through its CertificateVerify, not just h_sf.
  CHECK(hx(finished_verify_data(HashAlg::sha256, chts, current(t))) == hx(client_verify_data));
  CHECK(hx(finished_verify_data(HashAlg::sha256, chts, h_sf)) != hx(client_verify_data));
  t.add(hex(client_finished));
  CHECK(hx(ms.resumption_master_secret(current(t))) == hx(resumption_master_secret));
}

TEST_CASE("handshake: transcript buffers until the hash is set, then hashes incrementally") {
  Bytes a = hex("0100000401020304"), b = hex("02000002aabb");
  Transcript early, late;
  early.add(a);
  REQUIRE(early.set_hash(HashAlg::sha384).ok());
  early.add(b);
  late.add(a);
  late.add(b);
  REQUIRE(late.set_hash(HashAlg::sha384).ok());
  CHECK(*early.current_hash() == *late.current_hash());
  CHECK(early.current_hash()->bytes() == glass::crypto::hash(HashAlg::sha384, glass::core::concat({a, b})));
  CHECK(early.current_hash()->size() == 48);
  CHECK(early.set_hash(HashAlg::sha384).ok());
  auto clash = early.set_hash(HashAlg::sha256);
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().alert == glass::core::Alert::internal_error);
  Transcript none;
  none.add(a);
  CHECK_FALSE(none.rewrite_for_hello_retry_request().ok());
  // SHA-384 message_hash has length byte 0x30.
  CHECK(Transcript::message_hash(HashAlg::sha384, a)[3] == 0x30);
}

TEST_CASE("handshake: KeyUpdate secret chain and exporter follow RFC 8446 7.2 and 7.5") {
  using namespace rfc8448::s3;
  Bytes cats = hex(client_application_traffic_secret_0);
  SecretLog log;
  auto next = next_application_traffic_secret(HashAlg::sha256, cats, &log,
                                              glass::core::Secret::client_application_traffic_secret_next);
  CHECK(next.size() == 32);
  CHECK(hx(next) != hx(cats));
  // "traffic upd" is HKDF-Expand-Label with an empty context.
  CHECK(hx(next) ==
        to_hex(glass::crypto::hkdf_expand_label(HashAlg::sha256, cats, "traffic upd", {}, 32)));
  CHECK(log.secrets["client_application_traffic_secret_N+1"] == hx(next));
  // Exporter: HKDF-Expand-Label(Derive-Secret(ems, label, ""), "exporter", Hash(ctx), L).
  Bytes ems = hex(exporter_master_secret);
  Bytes ctx = hex("0102");
  Bytes inner = glass::crypto::derive_secret(HashAlg::sha256, ems, "EXPORTER-test",
                                             glass::crypto::hash(HashAlg::sha256, {}));
  Bytes expect = glass::crypto::hkdf_expand_label(HashAlg::sha256, inner, "exporter",
                                                  glass::crypto::hash(HashAlg::sha256, ctx), 20);
  CHECK(to_hex(export_keying_material(HashAlg::sha256, ems, "EXPORTER-test", ctx, 20)) ==
        to_hex(expect));
}
