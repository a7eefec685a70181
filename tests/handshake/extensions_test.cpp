// Typed extensions, the RFC 8446 4.2 "which message may carry what" table, the
// solicited-extension rule, and the names used by the teaching views.
#include <doctest/doctest.h>

#include "handshake/extensions_typed.hpp"
#include "handshake/messages.hpp"
#include "test_util.hpp"

using namespace glass::handshake;
using glass::core::Alert;
using glass::core::Bytes;
using glass::core::hex;
using glass::core::to_hex;
using glass::crypto::NamedGroup;
using glass::crypto::SignatureScheme;

namespace {
// set() then get() must give back the value, and the wire bytes must be `wire`.
template <class E>
void check_typed(const E& value, const char* wire) {
  Extensions exts;
  exts.set(value);
  CAPTURE(name_of(E::type));
  REQUIRE(exts.find(E::type) != nullptr);
  CHECK(to_hex(exts.find(E::type)->data) == to_hex(hex(wire)));
  auto back = exts.get<E>();
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK(**back == value);
}
}  // namespace

TEST_CASE("handshake: typed extensions encode to the RFC layouts and read back") {
  check_typed(ServerNameList::for_host("example.com"), "000e 00 000b 6578616d706c652e636f6d");
  check_typed(SupportedGroups{{NamedGroup::x25519, NamedGroup::secp256r1}}, "0004 001d 0017");
  check_typed(SignatureAlgorithms{{SignatureScheme::ed25519}}, "0002 0807");
  check_typed(SignatureAlgorithmsCert{{SignatureScheme::rsa_pkcs1_sha256}}, "0002 0401");
  check_typed(SupportedVersionsClientHello{{ProtocolVersion::tls13, ProtocolVersion::tls12}},
              "04 0304 0303");
  check_typed(SupportedVersionsServerHello{ProtocolVersion::tls13}, "0304");
  check_typed(KeyShareClientHello{{{NamedGroup::x25519, hex("aabb")}}}, "0006 001d 0002 aabb");
  check_typed(KeyShareServerHello{{NamedGroup::secp384r1, hex("04")}}, "0018 0001 04");
  check_typed(KeyShareHelloRetryRequest{NamedGroup::x25519}, "001d");
  check_typed(Cookie{hex("c0ffee")}, "0003 c0ffee");
  check_typed(CertificateAuthorities{{hex("3000"), hex("300e310c300a06035504031303727361")}},
              "0016 0002 3000 0010 300e310c300a06035504031303727361");
  check_typed(Alpn{{"h2", "http/1.1"}}, "000c 02 6832 08 687474702f312e31");
  check_typed(RecordSizeLimit{0x4001}, "4001");
  check_typed(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}}, "01 01");
  check_typed(Padding{5}, "0000000000");
  check_typed(RenegotiationInfo{hex("0102")}, "02 0102");
  check_typed(EcPointFormats{}, "01 00");
  check_typed(PostHandshakeAuth{}, "");
  check_typed(ExtendedMasterSecret{}, "");
  check_typed(SelectedPsk{0}, "0000");
  check_typed(EarlyDataTicket{0x4000}, "00004000");
  OfferedPsks psk;
  psk.identities.push_back({hex("0102"), 7});
  psk.binders.push_back(Bytes(32, 0xee));
  check_typed(psk, ("0008 0002 0102 00000007  0021 20" + std::string(64, 'e')).c_str());
  CHECK(psk.binders_wire_length() == 2 + 1 + 32);
}

TEST_CASE("handshake: Extensions keeps wire order, replaces in place, reports absent and missing") {
  Extensions exts;
  exts.set(SupportedGroups{{NamedGroup::x25519}});
  exts.set(Cookie{hex("01")});
  exts.set(SupportedGroups{{NamedGroup::secp256r1}});  // replaces, keeps position 0
  REQUIRE(exts.size() == 2);
  CHECK(exts.list()[0].type == ExtensionType::supported_groups);
  CHECK((*exts.get<SupportedGroups>())->groups == std::vector<NamedGroup>{NamedGroup::secp256r1});
  auto absent = exts.get<KeyShareClientHello>();
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->has_value());
  auto missing = exts.require<KeyShareClientHello>(ExtensionContext::client_hello);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().alert == Alert::missing_extension);
  CHECK(missing.error().reason == "ClientHello has no key_share extension");
  exts.remove(ExtensionType::cookie);
  CHECK_FALSE(exts.has(ExtensionType::cookie));
  // Unknown and GREASE extensions survive parse/serialize untouched.
  Bytes block = hex("000c 0a0a 0000 1234 0004 deadbeef");
  glass::core::Reader r(block);
  auto parsed = Extensions::parse(r, ExtensionContext::client_hello);
  REQUIRE(parsed.ok());
  CHECK(name_of(parsed->list()[0].type) == "GREASE(0x0a0a)");
  CHECK(name_of(parsed->list()[1].type) == "unknown(0x1234)");
  CHECK(parsed->list()[1].offset == 10);
  glass::core::Writer w;
  parsed->serialize(w);
  CHECK(w.buffer() == block);
}

TEST_CASE("handshake: RFC 8446 4.2 table: misplaced known extensions are illegal_parameter, unknown ones depend on the message") {
  auto with = [](ExtensionType t) {
    Extensions e;
    e.set_raw(t, {});
    return e;
  };
  using C = ExtensionContext;
  using T = ExtensionType;
  // Allowed placements.
  CHECK(extension_allowed_tls13(T::key_share, C::hello_retry_request));
  CHECK(extension_allowed_tls13(T::cookie, C::hello_retry_request));
  CHECK(extension_allowed_tls13(T::signature_algorithms, C::certificate_request));
  CHECK(extension_allowed_tls13(T::status_request, C::certificate));
  CHECK(extension_allowed_tls13(T::early_data, C::new_session_ticket));
  CHECK(extension_allowed_tls13(T::record_size_limit, C::encrypted_extensions));
  CHECK(extension_allowed_tls13(T::extended_master_secret, C::client_hello));
  CHECK_FALSE(extension_allowed_tls13(T::extended_master_secret, C::encrypted_extensions));
  CHECK_FALSE(extension_allowed_tls13(T::key_share, C::encrypted_extensions));
  CHECK_FALSE(extension_allowed_tls13(T::supported_groups, C::server_hello));
  CHECK_FALSE(extension_allowed_tls13(T::oid_filters, C::client_hello));

  auto bad = check_extensions_tls13(with(T::key_share), C::encrypted_extensions);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().alert == Alert::illegal_parameter);
  CHECK(bad.error().reason ==
        "extension key_share is not allowed in EncryptedExtensions (RFC 8446 4.2)");
  CHECK(check_extensions_tls13(with(T::server_name), C::server_hello).error().alert ==
        Alert::illegal_parameter);

  auto unknown = with(static_cast<T>(0x7777));
  CHECK(check_extensions_tls13(unknown, C::client_hello).ok());
  CHECK(check_extensions_tls13(unknown, C::certificate_request).ok());
  CHECK(check_extensions_tls13(unknown, C::new_session_ticket).ok());
  CHECK(check_extensions_tls13(unknown, C::server_hello).error().alert ==
        Alert::unsupported_extension);
  CHECK(check_extensions_tls13(unknown, C::encrypted_extensions).error().alert ==
        Alert::unsupported_extension);

  // pre_shared_key must be the last ClientHello extension.
  Extensions psk_first;
  psk_first.set_raw(T::pre_shared_key, {});
  psk_first.set_raw(T::supported_versions, {});
  auto order = check_extensions_tls13(psk_first, C::client_hello);
  REQUIRE_FALSE(order.ok());
  CHECK(order.error().alert == Alert::illegal_parameter);
}

TEST_CASE("handshake: responses may only carry extensions the request offered") {
  auto ch = hs_test::must_decode<ClientHello>(hex(rfc8448::s3::client_hello));
  auto ee = hs_test::must_decode<EncryptedExtensions>(hex(rfc8448::s3::encrypted_extensions));
  auto sh = hs_test::must_decode<ServerHello>(hex(rfc8448::s3::server_hello));
  CHECK(check_solicited(ee.extensions, ch.extensions, ExtensionContext::encrypted_extensions).ok());
  CHECK(check_solicited(sh.extensions, ch.extensions, ExtensionContext::server_hello).ok());
  Extensions alpn;
  alpn.set(Alpn{{"h2"}});
  auto r = check_solicited(alpn, ch.extensions, ExtensionContext::encrypted_extensions);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().alert == Alert::unsupported_extension);
  CHECK(r.error().reason ==
        "EncryptedExtensions carries extension application_layer_protocol_negotiation, which "
        "the peer's request did not offer");
  // An HRR cookie is the one extension a server may send unasked.
  auto hrr = hs_test::must_decode<ServerHello>(hex(rfc8448::s5::hello_retry_request));
  auto ch1 = hs_test::must_decode<ClientHello>(hex(rfc8448::s5::client_hello1));
  CHECK_FALSE(ch1.extensions.has(ExtensionType::cookie));
  CHECK(check_solicited(hrr.extensions, ch1.extensions, ExtensionContext::hello_retry_request).ok());
}

TEST_CASE("handshake: names for suites, versions, message and extension types, unknown values in hex") {
  CHECK(name_of(CipherSuite::TLS_AES_128_GCM_SHA256) == "TLS_AES_128_GCM_SHA256");
  CHECK(name_of(CipherSuite::TLS_AES_256_GCM_SHA384) == "TLS_AES_256_GCM_SHA384");
  CHECK(name_of(CipherSuite::TLS_CHACHA20_POLY1305_SHA256) == "TLS_CHACHA20_POLY1305_SHA256");
  CHECK(name_of(static_cast<CipherSuite>(0xc02b)) == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  CHECK(name_of(static_cast<CipherSuite>(0xc02f)) == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(name_of(static_cast<CipherSuite>(0xc02c)) == "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
  CHECK(name_of(static_cast<CipherSuite>(0xc030)) == "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  CHECK(name_of(static_cast<CipherSuite>(0xcca8)) ==
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  CHECK(name_of(static_cast<CipherSuite>(0xcca9)) ==
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
  CHECK(name_of(static_cast<CipherSuite>(0x1234)) == "unknown(0x1234)");
  CHECK(name_of(static_cast<CipherSuite>(0x2a2a)) == "GREASE(0x2a2a)");
  CHECK(name_of(ProtocolVersion::tls13) == "TLS 1.3");
  CHECK(name_of(ProtocolVersion::tls12) == "TLS 1.2");
  CHECK(name_of(static_cast<ProtocolVersion>(0x7f1c)) == "unknown(0x7f1c)");
  CHECK(name_of(HandshakeType::certificate_verify) == "certificate_verify");
  CHECK(message_name(HandshakeType::certificate_verify) == "CertificateVerify");
  CHECK(message_name(HandshakeType::encrypted_extensions) == "EncryptedExtensions");
  CHECK(name_of(static_cast<HandshakeType>(99)) == "unknown(0x63)");
  CHECK(name_of(ExtensionType::key_share) == "key_share");
  CHECK(name_of(ExtensionType::renegotiation_info) == "renegotiation_info");
  CHECK(name_of(static_cast<ExtensionType>(0xfe0d)) == "unknown(0xfe0d)");
  CHECK(is_grease(0xfafa));
  CHECK_FALSE(is_grease(0xfa0a));
  CHECK(std::string(name_of(ExtensionContext::hello_retry_request)) == "HelloRetryRequest");
  auto any = parse_any(*parse_message(hex(rfc8448::s5::hello_retry_request)));
  REQUIRE(any.ok());
  CHECK(message_name(*any) == "HelloRetryRequest");
}

TEST_CASE("handshake: suite_params maps suites to version, AEAD, hash and authentication") {
  using glass::crypto::AeadAlg;
  using glass::crypto::HashAlg;
  auto p = suite_params(CipherSuite::TLS_AES_256_GCM_SHA384);
  REQUIRE(p);
  CHECK(p->version == ProtocolVersion::tls13);
  CHECK(p->aead == AeadAlg::aes256_gcm);
  CHECK(p->hash == HashAlg::sha384);
  auto q = suite_params(CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
  REQUIRE(q);
  CHECK(q->version == ProtocolVersion::tls12);
  CHECK(q->auth == KeyExchangeAuth::ecdsa);
  CHECK(q->aead == AeadAlg::chacha20_poly1305);
  CHECK(suite_params(CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)->hash == HashAlg::sha384);
  CHECK_FALSE(suite_params(CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV));
  CHECK_FALSE(suite_params(CipherSuite::TLS_AES_128_CCM_SHA256));
}
