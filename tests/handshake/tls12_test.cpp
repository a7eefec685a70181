// TLS 1.2 messages (hand-built from the RFC 5246 / RFC 8422 layouts) and the TLS 1.2
// key derivation, cross-checked against `openssl kdf ... TLS1-PRF` run during the test.
#include <doctest/doctest.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <string>

#include "handshake/extensions_typed.hpp"
#include "handshake/key_schedule12.hpp"
#include "handshake/messages.hpp"
#include "test_util.hpp"

using namespace glass::handshake;
using glass::core::Alert;
using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;
using glass::core::to_hex;
using glass::crypto::HashAlg;
using glass::crypto::NamedGroup;
using glass::crypto::SignatureScheme;
using hs_test::check_reencodes;
using hs_test::must_decode;

namespace {

Random random_of(std::uint8_t first) {
  Random r{};
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = static_cast<std::uint8_t>(first + i);
  return r;
}

// P_hash via the openssl command line: secret, and seed = label ‖ seed.
std::string openssl_prf(const char* digest, ByteView secret, std::string_view label, ByteView seed,
                        std::size_t len) {
  std::string cmd = "openssl kdf -keylen " + std::to_string(len) + " -kdfopt digest:" + digest +
                    " -kdfopt hexsecret:" + to_hex(secret) + " -kdfopt hexseed:" +
                    to_hex(glass::core::as_bytes(label)) + to_hex(seed) + " TLS1-PRF 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
  int rc = pclose(p);
  REQUIRE_MESSAGE(rc == 0, "openssl kdf failed: " << out);
  std::string hexonly;
  for (char c : out)
    if (std::isxdigit(static_cast<unsigned char>(c))) hexonly += static_cast<char>(std::tolower(c));
  REQUIRE(hexonly.size() == 2 * len);
  return hexonly;
}

}  // namespace

TEST_CASE("handshake: TLS 1.2 ServerKeyExchange (ECDHE, named_curve) parses and round-trips") {
  // curve_type named_curve(3), x25519, 32-byte point, ecdsa_secp256r1_sha256, 4-byte signature.
  Bytes bytes = hex(
      "0c 00 002c  03 001d 20"
      "  000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "  0403 0004 deadbeef");
  auto ske = must_decode<ServerKeyExchangeEcdhe>(bytes);
  CHECK(ske.group == NamedGroup::x25519);
  CHECK(ske.public_point.size() == 32);
  CHECK(ske.scheme == SignatureScheme::ecdsa_secp256r1_sha256);
  CHECK(to_hex(ske.signature) == "deadbeef");
  CHECK(to_hex(ske.params()) == to_hex(ByteView(bytes).subspan(4, 1 + 2 + 1 + 32)));
  Random cr = random_of(0x10), sr = random_of(0x80);
  Bytes signed_content = ske.signed_content(cr, sr);
  CHECK(signed_content.size() == 64 + 36);
  CHECK(to_hex(ByteView(signed_content).first(32)) == to_hex(cr));
  check_reencodes(ske, bytes);

  auto explicit_prime = decode<ServerKeyExchangeEcdhe>(ByteView(hex("0c 000003 01 0017")));
  REQUIRE_FALSE(explicit_prime.ok());
  CHECK(explicit_prime.error().alert == Alert::illegal_parameter);
  auto empty_point = decode<ServerKeyExchangeEcdhe>(ByteView(hex("0c 000008 03 0017 00 0403 0000")));
  REQUIRE_FALSE(empty_point.ok());
  CHECK(empty_point.error().alert == Alert::decode_error);
}

TEST_CASE("handshake: TLS 1.2 CertificateRequest with types, algorithms and a CA name round-trips") {
  // certificate_types {rsa_sign, ecdsa_sign}; two schemes; one DN (CN=rsa, from RFC 8448's cert).
  Bytes bytes = hex(
      "0d 00 001d  02 01 40  0004 0403 0804"
      "  0012 0010 300e310c300a06035504031303727361");
  auto cr = must_decode<CertificateRequest12>(bytes);
  CHECK(cr.certificate_types ==
        std::vector<ClientCertificateType>{ClientCertificateType::rsa_sign,
                                           ClientCertificateType::ecdsa_sign});
  CHECK(cr.supported_signature_algorithms ==
        std::vector<SignatureScheme>{SignatureScheme::ecdsa_secp256r1_sha256,
                                     SignatureScheme::rsa_pss_rsae_sha256});
  REQUIRE(cr.certificate_authorities.size() == 1);
  CHECK(cr.certificate_authorities[0].size() == 16);
  check_reencodes(cr, bytes);
  // Bounds: certificate_types<1..>, supported_signature_algorithms<2..>, DN<1..>.
  CHECK(decode<CertificateRequest12>(ByteView(hex("0d 000005 00 0002 0403 0000"))).error().alert ==
        Alert::decode_error);
  CHECK(decode<CertificateRequest12>(ByteView(hex("0d 000005 01 01 0000 0000"))).error().alert ==
        Alert::decode_error);
  CHECK(decode<CertificateRequest12>(ByteView(hex("0d 000009 01 01 0002 0403 0002 0000")))
            .error()
            .alert == Alert::decode_error);
  // No CA names is fine.
  check_reencodes(must_decode<CertificateRequest12>(hex("0d 000008 01 40 0002 0403 0000")),
                  hex("0d 000008 01 40 0002 0403 0000"));
}

TEST_CASE("handshake: TLS 1.2 Certificate, ServerHelloDone, ClientKeyExchange, Finished, NewSessionTicket") {
  Bytes der = hs_test::must_decode<Certificate>(hex(rfc8448::s3::certificate))
                  .certificate_list[0]
                  .cert_data;
  Certificate12 c;
  c.certificate_list = {der, hex("3000")};
  auto enc = encode(c);
  REQUIRE(enc.ok());
  CHECK(to_hex(ByteView(*enc).first(10)) == "0b0001bb0001b80001b0");
  auto back = must_decode<Certificate12>(*enc);
  CHECK(back == c);
  // Empty list (a client without a certificate) is allowed.
  check_reencodes(must_decode<Certificate12>(hex("0b 000003 000000")), hex("0b 000003 000000"));
  CHECK(decode<Certificate12>(ByteView(hex("0b 000006 000003 000000"))).error().alert ==
        Alert::decode_error);

  check_reencodes(must_decode<ServerHelloDone>(hex("0e 000000")), hex("0e 000000"));
  CHECK_FALSE(decode<ServerHelloDone>(ByteView(hex("0e 000001 00"))).ok());

  Bytes cke = hex("10 000021 20 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  CHECK(must_decode<ClientKeyExchangeEcdhe>(cke).public_point.size() == 32);
  check_reencodes(must_decode<ClientKeyExchangeEcdhe>(cke), cke);
  CHECK(decode<ClientKeyExchangeEcdhe>(ByteView(hex("10 000001 00"))).error().alert ==
        Alert::decode_error);

  Bytes fin = hex("14 00000c 0102030405060708090a0b0c");
  check_reencodes(must_decode<Finished>(fin, tls12_verify_data_size), fin);
  CHECK_FALSE(decode<Finished>(ByteView(fin), std::size_t{32}).ok());

  Bytes nst = hex("04 00000a 00001c20 0004 aabbccdd");
  auto t = must_decode<NewSessionTicket12>(nst);
  CHECK(t.ticket_lifetime_hint == 7200);
  check_reencodes(t, nst);

  // TLS 1.2 CertificateVerify has the same digitally-signed shape.
  check_reencodes(must_decode<CertificateVerify>(hex("0f 000006 0401 0002 abcd")),
                  hex("0f 000006 0401 0002 abcd"));
}

TEST_CASE("handshake: TLS 1.2 hellos may omit the extensions block or carry only extended_master_secret") {
  std::string random(64, '1');
  Bytes bare = hex("01 000029 0303" + random + "00 0002 c02f 01 00");
  auto ch = must_decode<ClientHello>(bare);
  CHECK_FALSE(ch.extensions_present);
  CHECK(ch.offers(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
  check_reencodes(ch, bare);

  Bytes ems = hex("01 00002f 0303" + random + "00 0002 c02f 01 00 0004 0017 0000");
  auto ch2 = must_decode<ClientHello>(ems);
  CHECK(ch2.extensions_present);
  CHECK(ch2.extensions.get<ExtendedMasterSecret>().ok());
  CHECK(ch2.extensions.has(ExtensionType::extended_master_secret));
  check_reencodes(ch2, ems);

  // A TLS 1.2 ServerHello with renegotiation_info, EMS and ec_point_formats, from a
  // TLS 1.3-capable server: the random ends in the DOWNGRD 01 sentinel.
  ServerHello sh;
  sh.random = random_of(1);
  set_downgrade_marker(sh.random, DowngradeMarker::tls12);
  CHECK(to_hex(ByteView(sh.random).last(8)) == "444f574e47524401");
  sh.cipher_suite = CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;
  sh.extensions.set(RenegotiationInfo{});
  sh.extensions.set(ExtendedMasterSecret{});
  sh.extensions.set(EcPointFormats{});
  auto enc = encode(sh);
  REQUIRE(enc.ok());
  auto back = must_decode<ServerHello>(*enc);
  CHECK(back == sh);
  CHECK(downgrade_marker(back.random) == DowngradeMarker::tls12);
  set_downgrade_marker(sh.random, DowngradeMarker::tls11_or_below);
  CHECK(downgrade_marker(sh.random) == DowngradeMarker::tls11_or_below);
  CHECK(to_hex(back.extensions.find(ExtensionType::renegotiation_info)->data) == "00");
}

TEST_CASE("handshake: TLS 1.2 master secret, extended master secret, key block and Finished match openssl's TLS1-PRF") {
  Bytes pms = hex("0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a");
  Random cr = random_of(0x20), sr = random_of(0xa0);

  auto ms = tls12::master_secret(HashAlg::sha256, pms, cr, sr);
  CHECK(ms.size() == 48);
  CHECK(to_hex(ms) ==
        openssl_prf("SHA256", pms, "master secret", glass::core::concat({cr, sr}), 48));

  Bytes session_hash = glass::crypto::hash(HashAlg::sha384, hex("0100000400000000"));
  auto ems = tls12::extended_master_secret(HashAlg::sha384, pms, session_hash);
  CHECK(to_hex(ems) == openssl_prf("SHA384", pms, "extended master secret", session_hash, 48));
  CHECK(to_hex(ems) != to_hex(tls12::master_secret(HashAlg::sha384, pms, cr, sr)));

  auto kb = tls12::key_block(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ms, cr, sr);
  REQUIRE(kb.ok());
  CHECK(kb->client_write_mac_key.empty());
  CHECK(kb->client_write_key.size() == 16);
  CHECK(kb->client_write_iv.size() == 4);
  std::string block = to_hex(glass::core::concat({kb->client_write_key, kb->server_write_key,
                                                  kb->client_write_iv, kb->server_write_iv}));
  CHECK(block == openssl_prf("SHA256", ms, "key expansion", glass::core::concat({sr, cr}), 40));

  auto kb_chacha =
      tls12::key_block(CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ms, cr, sr);
  REQUIRE(kb_chacha.ok());
  CHECK(kb_chacha->server_write_key.size() == 32);
  CHECK(kb_chacha->server_write_iv.size() == 12);
  CHECK_FALSE(tls12::key_block(CipherSuite::TLS_AES_128_GCM_SHA256, ms, cr, sr).ok());

  Bytes hh = glass::crypto::hash(HashAlg::sha256, hex("14000000"));
  CHECK(to_hex(tls12::finished_verify_data(HashAlg::sha256, ms, Side::client, hh)) ==
        openssl_prf("SHA256", ms, "client finished", hh, 12));
  CHECK(to_hex(tls12::finished_verify_data(HashAlg::sha256, ms, Side::server, hh)) ==
        openssl_prf("SHA256", ms, "server finished", hh, 12));
}
