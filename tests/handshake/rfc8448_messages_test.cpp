// RFC 8448 handshake messages: parse, check the fields a reader of the trace can
// see, and re-serialise to the identical bytes.
#include <doctest/doctest.h>

#include "handshake/extensions_typed.hpp"
#include "handshake/messages.hpp"
#include "test_util.hpp"

using namespace glass::handshake;
using glass::core::Bytes;
using glass::core::hex;
using glass::core::to_hex;
using glass::crypto::NamedGroup;
using glass::crypto::SignatureScheme;
using hs_test::check_reencodes;
using hs_test::must_decode;

namespace {
template <class E>
E must_get(const Extensions& exts) {
  auto r = exts.get<E>();
  if (!r) FAIL("extension parse failed: " << r.error().to_string());
  if (!r->has_value()) FAIL("extension " << name_of(E::type) << " absent");
  return **r;
}
const std::vector<SignatureScheme> rfc8448_client_schemes = {
    SignatureScheme::ecdsa_secp256r1_sha256, SignatureScheme::ecdsa_secp384r1_sha384,
    SignatureScheme::ecdsa_secp521r1_sha512, SignatureScheme::ecdsa_sha1,
    SignatureScheme::rsa_pss_rsae_sha256,    SignatureScheme::rsa_pss_rsae_sha384,
    SignatureScheme::rsa_pss_rsae_sha512,    SignatureScheme::rsa_pkcs1_sha256,
    SignatureScheme::rsa_pkcs1_sha384,       SignatureScheme::rsa_pkcs1_sha512,
    SignatureScheme::rsa_pkcs1_sha1,         static_cast<SignatureScheme>(0x0402),
    static_cast<SignatureScheme>(0x0502),    static_cast<SignatureScheme>(0x0602),
    static_cast<SignatureScheme>(0x0202)};
}  // namespace

TEST_CASE("handshake: RFC 8448 section 3 ClientHello parses field by field and round-trips") {
  Bytes bytes = hex(rfc8448::s3::client_hello);
  auto ch = must_decode<ClientHello>(bytes);
  CHECK(ch.legacy_version == ProtocolVersion::tls12);
  CHECK(to_hex(ch.random) == "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
  CHECK(ch.legacy_session_id.empty());
  CHECK(ch.cipher_suites == std::vector<CipherSuite>{CipherSuite::TLS_AES_128_GCM_SHA256,
                                                     CipherSuite::TLS_CHACHA20_POLY1305_SHA256,
                                                     CipherSuite::TLS_AES_256_GCM_SHA384});
  CHECK(ch.legacy_compression_methods == Bytes{0});
  CHECK(ch.extensions_present);
  CHECK(ch.extensions.size() == 9);

  CHECK(must_get<ServerNameList>(ch.extensions).host_name() == "server");
  CHECK(must_get<RenegotiationInfo>(ch.extensions).renegotiated_connection.empty());
  auto groups = must_get<SupportedGroups>(ch.extensions).groups;
  REQUIRE(groups.size() == 9);
  CHECK(groups[0] == NamedGroup::x25519);
  CHECK(groups[1] == NamedGroup::secp256r1);
  CHECK(groups[4] == NamedGroup::ffdhe2048);
  CHECK(ch.extensions.find(ExtensionType::session_ticket)->data.empty());
  auto ks = must_get<KeyShareClientHello>(ch.extensions);
  REQUIRE(ks.client_shares.size() == 1);
  CHECK(ks.client_shares[0].group == NamedGroup::x25519);
  CHECK(to_hex(ks.client_shares[0].key_exchange) ==
        "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
  CHECK(must_get<SupportedVersionsClientHello>(ch.extensions).versions ==
        std::vector<ProtocolVersion>{ProtocolVersion::tls13});
  CHECK(must_get<SignatureAlgorithms>(ch.extensions).schemes == rfc8448_client_schemes);
  CHECK(must_get<PskKeyExchangeModes>(ch.extensions).modes ==
        std::vector<PskKeyExchangeMode>{PskKeyExchangeMode::psk_dhe_ke});
  CHECK(must_get<RecordSizeLimit>(ch.extensions).limit == 0x4001);
  CHECK(check_extensions_tls13(ch.extensions, ExtensionContext::client_hello).ok());
  check_reencodes(ch, bytes);
}

TEST_CASE("handshake: RFC 8448 section 3 ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished") {
  using namespace rfc8448::s3;
  Bytes sh_bytes = hex(server_hello);
  auto sh = must_decode<ServerHello>(sh_bytes);
  CHECK_FALSE(sh.is_hello_retry_request());
  CHECK(downgrade_marker(sh.random) == DowngradeMarker::none);
  CHECK(sh.cipher_suite == CipherSuite::TLS_AES_128_GCM_SHA256);
  CHECK(sh.legacy_compression_method == 0);
  auto share = must_get<KeyShareServerHello>(sh.extensions).server_share;
  CHECK(share.group == NamedGroup::x25519);
  CHECK(to_hex(share.key_exchange) ==
        "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
  CHECK(must_get<SupportedVersionsServerHello>(sh.extensions).selected_version ==
        ProtocolVersion::tls13);
  CHECK(check_extensions_tls13(sh.extensions, ExtensionContext::server_hello).ok());
  check_reencodes(sh, sh_bytes);

  Bytes ee_bytes = hex(encrypted_extensions);
  auto ee = must_decode<EncryptedExtensions>(ee_bytes);
  CHECK(ee.extensions.size() == 3);
  CHECK(must_get<SupportedGroups>(ee.extensions).groups.size() == 9);
  CHECK(must_get<RecordSizeLimit>(ee.extensions).limit == 0x4001);
  CHECK(ee.extensions.get<ServerNameAck>().ok());
  CHECK(check_extensions_tls13(ee.extensions, ExtensionContext::encrypted_extensions).ok());
  check_reencodes(ee, ee_bytes);

  Bytes cert_bytes = hex(certificate);
  auto cert = must_decode<Certificate>(cert_bytes);
  CHECK(cert.certificate_request_context.empty());
  REQUIRE(cert.certificate_list.size() == 1);
  CHECK(cert.certificate_list[0].cert_data.size() == 0x1b0);
  CHECK(to_hex(glass::core::ByteView(cert.certificate_list[0].cert_data).first(4)) == "308201ac");
  CHECK(cert.certificate_list[0].extensions.empty());
  CHECK(cert.chain().size() == 1);
  check_reencodes(cert, cert_bytes);
  // from_chain() builds the same message from the DER alone.
  check_reencodes(Certificate::from_chain({cert.certificate_list[0].cert_data}), cert_bytes);

  Bytes cv_bytes = hex(certificate_verify);
  auto cv = must_decode<CertificateVerify>(cv_bytes);
  CHECK(cv.algorithm == SignatureScheme::rsa_pss_rsae_sha256);
  CHECK(cv.signature.size() == 128);
  check_reencodes(cv, cv_bytes);

  Bytes fin_bytes = hex(server_finished);
  auto fin = must_decode<Finished>(fin_bytes, std::size_t{32});
  CHECK(to_hex(fin.verify_data) == to_hex(hex(server_verify_data)));
  check_reencodes(fin, fin_bytes);
  CHECK(must_decode<Finished>(hex(client_finished), std::size_t{32}).verify_data ==
        hex(client_verify_data));
}

TEST_CASE("handshake: RFC 8448 section 3 NewSessionTicket carries lifetime, nonce and early_data") {
  Bytes bytes = hex(rfc8448::s3::new_session_ticket);
  auto nst = must_decode<NewSessionTicket>(bytes);
  CHECK(nst.ticket_lifetime == 30);
  CHECK(nst.ticket_age_add == 0xfad6aac5u);
  CHECK(nst.ticket_nonce == hex(rfc8448::s3::ticket_nonce));
  CHECK(nst.ticket.size() == 0xb2);
  CHECK(must_get<EarlyDataTicket>(nst.extensions).max_early_data_size == 1024);
  CHECK(check_extensions_tls13(nst.extensions, ExtensionContext::new_session_ticket).ok());
  check_reencodes(nst, bytes);
}

TEST_CASE("handshake: RFC 8448 section 4 resumption ClientHello has pre_shared_key last with one binder") {
  using namespace rfc8448::s4;
  Bytes bytes = hex(client_hello);
  auto ch = must_decode<ClientHello>(bytes);
  REQUIRE(!ch.extensions.list().empty());
  CHECK(ch.extensions.list().back().type == ExtensionType::pre_shared_key);
  CHECK(ch.extensions.get<EarlyDataIndication>().ok());
  CHECK(ch.extensions.has(ExtensionType::early_data));
  auto psk = must_get<OfferedPsks>(ch.extensions);
  REQUIRE(psk.identities.size() == 1);
  CHECK(psk.identities[0].identity.size() == 0xb2);  // the ticket of section 3
  CHECK(psk.identities[0].obfuscated_ticket_age == 0xfad6aacbu);  // age_add + 6 ms
  REQUIRE(psk.binders.size() == 1);
  CHECK(psk.binders[0].size() == 32);
  CHECK(psk.binders_wire_length() == 35);
  CHECK(check_extensions_tls13(ch.extensions, ExtensionContext::client_hello).ok());
  check_reencodes(ch, bytes);
  // The binder is computed over the hello minus the binders list (RFC 8446 4.2.11.2):
  // the RFC's "ClientHello prefix" is exactly that.
  Bytes prefix = hex(client_hello_prefix);
  CHECK(prefix.size() == bytes.size() - psk.binders_wire_length());
  CHECK(std::equal(prefix.begin(), prefix.end(), bytes.begin()));

  Bytes sh_bytes = hex(server_hello);
  auto sh = must_decode<ServerHello>(sh_bytes);
  CHECK(must_get<SelectedPsk>(sh.extensions).selected_identity == 0);
  check_reencodes(sh, sh_bytes);

  Bytes ee_bytes = hex(encrypted_extensions);
  auto ee = must_decode<EncryptedExtensions>(ee_bytes);
  CHECK(ee.extensions.has(ExtensionType::early_data));
  check_reencodes(ee, ee_bytes);

  Bytes eoed = hex(end_of_early_data);
  check_reencodes(must_decode<EndOfEarlyData>(eoed), eoed);
}

TEST_CASE("handshake: RFC 8448 section 5 HelloRetryRequest is recognised with its key_share group and cookie") {
  using namespace rfc8448::s5;
  Bytes bytes = hex(hello_retry_request);
  auto hrr = must_decode<ServerHello>(bytes);
  CHECK(hrr.is_hello_retry_request());
  CHECK(hrr.extension_context() == ExtensionContext::hello_retry_request);
  CHECK(hrr.cipher_suite == CipherSuite::TLS_AES_128_GCM_SHA256);
  CHECK(must_get<KeyShareHelloRetryRequest>(hrr.extensions).selected_group ==
        NamedGroup::secp256r1);
  auto cookie = must_get<Cookie>(hrr.extensions);
  CHECK(cookie.cookie.size() == 0x72);
  CHECK(to_hex(glass::core::ByteView(cookie.cookie).first(4)) == "71dcd04b");
  CHECK(must_get<SupportedVersionsServerHello>(hrr.extensions).selected_version ==
        ProtocolVersion::tls13);
  CHECK(check_extensions_tls13(hrr.extensions, ExtensionContext::hello_retry_request).ok());
  // The HRR's key_share is the 2-byte form: reading it as a ServerHello share fails.
  CHECK_FALSE(hrr.extensions.get<KeyShareServerHello>().ok());
  check_reencodes(hrr, bytes);

  // The second ClientHello echoes the cookie and sends a P-256 share.
  Bytes ch2_bytes = hex(client_hello2);
  auto ch2 = must_decode<ClientHello>(ch2_bytes);
  CHECK(must_get<Cookie>(ch2.extensions).cookie == cookie.cookie);
  auto ks = must_get<KeyShareClientHello>(ch2.extensions);
  REQUIRE(ks.client_shares.size() == 1);
  CHECK(ks.client_shares[0].group == NamedGroup::secp256r1);
  CHECK(ks.client_shares[0].key_exchange.size() == 65);
  CHECK(ks.client_shares[0].key_exchange[0] == 0x04);
  check_reencodes(ch2, ch2_bytes);

  auto sh = must_decode<ServerHello>(hex(server_hello));
  CHECK_FALSE(sh.is_hello_retry_request());
  CHECK(must_get<KeyShareServerHello>(sh.extensions).server_share.group == NamedGroup::secp256r1);
}

TEST_CASE("handshake: RFC 8448 section 6 CertificateRequest asks for a client certificate with signature_algorithms") {
  using namespace rfc8448::s6;
  Bytes bytes = hex(certificate_request);
  auto cr = must_decode<CertificateRequest>(bytes);
  CHECK(cr.certificate_request_context.empty());
  CHECK(cr.extensions.size() == 1);
  auto algs = cr.extensions.require<SignatureAlgorithms>(ExtensionContext::certificate_request);
  REQUIRE(algs.ok());
  CHECK(algs->schemes == rfc8448_client_schemes);
  CHECK(check_extensions_tls13(cr.extensions, ExtensionContext::certificate_request).ok());
  check_reencodes(cr, bytes);

  Bytes client_cert = hex(client_certificate);
  auto cc = must_decode<Certificate>(client_cert);
  CHECK(cc.certificate_request_context.empty());
  REQUIRE(cc.certificate_list.size() == 1);
  check_reencodes(cc, client_cert);
  Bytes client_cv = hex(client_certificate_verify);
  auto ccv = must_decode<CertificateVerify>(client_cv);
  CHECK(ccv.algorithm == SignatureScheme::rsa_pss_rsae_sha256);
  check_reencodes(ccv, client_cv);
  // The server's CertificateVerify in this trace is ECDSA P-256.
  CHECK(must_decode<CertificateVerify>(hex(server_certificate_verify)).algorithm ==
        SignatureScheme::ecdsa_secp256r1_sha256);
}

TEST_CASE("handshake: RFC 8448 section 7 compatibility-mode hellos keep the 32-byte legacy_session_id") {
  using namespace rfc8448::s7;
  Bytes ch_bytes = hex(client_hello);
  auto ch = must_decode<ClientHello>(ch_bytes);
  CHECK(ch.legacy_session_id.size() == 32);
  Bytes sh_bytes = hex(server_hello);
  auto sh = must_decode<ServerHello>(sh_bytes);
  CHECK(sh.legacy_session_id_echo == ch.legacy_session_id);
  check_reencodes(ch, ch_bytes);
  check_reencodes(sh, sh_bytes);
}

TEST_CASE("handshake: every RFC 8448 message round-trips through parse_any/encode_any") {
  for (const auto& m : hs_test::all_rfc8448_messages()) {
    CAPTURE(m.name);
    auto view = parse_message(m.bytes);
    REQUIRE(view.ok());
    auto any = parse_any(*view, m.opt);
    REQUIRE_MESSAGE(any.ok(), any.error().to_string());
    auto out = encode_any(*any);
    REQUIRE(out.ok());
    CHECK(*out == m.bytes);
    CHECK(type_of(*any) == view->type);
  }
}
