// Malformed handshake messages: truncation, trailing bytes, duplicate extensions,
// out-of-range vector lengths, illegal enum values. Every failure must carry the
// right alert and say where it went wrong.
#include <doctest/doctest.h>

#include "handshake/extensions_typed.hpp"
#include "handshake/messages.hpp"
#include "test_util.hpp"

using namespace glass::handshake;
using glass::core::Alert;
using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;

namespace {

// Parses a framed message's body with the right struct, as a state machine would.
glass::core::Result<AnyMessage> parse_framed_body(HandshakeType type, ByteView body,
                                                  const ParseOptions& opt) {
  Bytes framed = frame(type, body);
  auto view = parse_message(framed);
  if (!view) return std::move(view).error();
  return parse_any(*view, opt);
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("handshake: no strict prefix of any RFC 8448 message body parses (decode_error)") {
  for (const auto& m : hs_test::all_rfc8448_messages()) {
    CAPTURE(m.name);
    auto type = static_cast<HandshakeType>(m.bytes[0]);
    ByteView body = ByteView(m.bytes).subspan(4);
    for (std::size_t n = 0; n < body.size(); ++n) {
      auto r = parse_framed_body(type, body.first(n), m.opt);
      CAPTURE(n);
      if (r.ok()) {
        // The one exception: a hello cut right after its compression methods is a
        // valid extension-less TLS 1.2 hello (RFC 5246 7.4.1.2), and says so.
        bool bare_hello = false;
        if (auto* ch = std::get_if<ClientHello>(&*r)) bare_hello = !ch->extensions_present;
        if (auto* sh = std::get_if<ServerHello>(&*r)) bare_hello = !sh->extensions_present;
        CHECK_MESSAGE(bare_hello, "a strict prefix parsed");
        continue;
      }
      CHECK(r.error().alert == Alert::decode_error);
    }
    // And the framed message itself, cut anywhere, is not a message.
    for (std::size_t n = 0; n < m.bytes.size(); ++n) {
      auto v = parse_message(ByteView(m.bytes).first(n));
      REQUIRE_FALSE(v.ok());
      CHECK(v.error().alert == Alert::decode_error);
    }
  }
}

TEST_CASE("handshake: a trailing byte after any RFC 8448 message body is rejected") {
  for (const auto& m : hs_test::all_rfc8448_messages()) {
    CAPTURE(m.name);
    auto type = static_cast<HandshakeType>(m.bytes[0]);
    Bytes body(m.bytes.begin() + 4, m.bytes.end());
    body.push_back(0);
    auto r = parse_framed_body(type, body, m.opt);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == Alert::decode_error);
    // Trailing bytes after the framed message are rejected by parse_message too.
    Bytes framed = m.bytes;
    framed.push_back(0x16);
    CHECK_FALSE(parse_message(framed).ok());
  }
}

TEST_CASE("handshake: truncation errors name the field and the offset") {
  Bytes ch = hex(rfc8448::s3::client_hello);
  auto view = parse_message(ByteView(ch).first(4 + 2 + 20));
  REQUIRE_FALSE(view.ok());
  CHECK(contains(view.error().reason, "ClientHello body truncated"));

  Bytes body(ch.begin() + 4, ch.begin() + 4 + 2 + 20);
  glass::core::Reader r(body, 4);
  auto p = ClientHello::parse(r);
  REQUIRE_FALSE(p.ok());
  CHECK(contains(p.error().reason, "random truncated at offset 6"));
}

TEST_CASE("handshake: decode<M> refuses a message of another type (unexpected_message)") {
  auto r = decode<ServerHello>(ByteView(hex(rfc8448::s3::client_hello)));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().alert == Alert::unexpected_message);
  CHECK(r.error().reason == "expected ServerHello, got ClientHello");
}

TEST_CASE("handshake: a duplicate extension is illegal_parameter naming extension and message") {
  // ClientHello with key_share twice.
  ClientHello ch = hs_test::must_decode<ClientHello>(hex(rfc8448::s3::client_hello));
  Bytes ks = ch.extensions.find(ExtensionType::key_share)->data;
  // Rebuild the hello by hand with a second key_share at the end of the block.
  glass::core::Writer w;
  w.u16(static_cast<std::uint16_t>(ch.legacy_version));
  w.bytes(ch.random);
  w.opaque8(ch.legacy_session_id);
  w.vec16([&] {
    for (auto s : ch.cipher_suites) w.u16(static_cast<std::uint16_t>(s));
  });
  w.opaque8(ch.legacy_compression_methods);
  w.vec16([&] {
    for (const auto& e : ch.extensions.list()) {
      w.u16(static_cast<std::uint16_t>(e.type));
      w.opaque16(e.data);
    }
    w.u16(static_cast<std::uint16_t>(ExtensionType::key_share));
    w.opaque16(ks);
  });
  auto dup = decode<ClientHello>(ByteView(frame(HandshakeType::client_hello, w.buffer())));
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().alert == Alert::illegal_parameter);
  CHECK(dup.error().reason == "duplicate extension key_share in ClientHello");

  // Same in EncryptedExtensions and in a HelloRetryRequest.
  auto ee = decode<EncryptedExtensions>(ByteView(hex("08 00 00 0a 00 08 00 31 00 00 00 31 00 00")));
  REQUIRE_FALSE(ee.ok());
  CHECK(ee.error().reason == "duplicate extension post_handshake_auth in EncryptedExtensions");

  ServerHello hrr = hs_test::must_decode<ServerHello>(hex(rfc8448::s5::hello_retry_request));
  glass::core::Writer hw;
  hw.u16(0x0303);
  hw.bytes(hrr.random);
  hw.opaque8({});
  hw.u16(0x1301);
  hw.u8(0);
  hw.vec16([&] {
    for (int i = 0; i < 2; ++i) {
      hw.u16(static_cast<std::uint16_t>(ExtensionType::supported_versions));
      hw.opaque16(hex("0304"));
    }
  });
  auto dh = decode<ServerHello>(ByteView(frame(HandshakeType::server_hello, hw.buffer())));
  REQUIRE_FALSE(dh.ok());
  CHECK(dh.error().reason == "duplicate extension supported_versions in HelloRetryRequest");
}

TEST_CASE("handshake: vector lengths outside the RFC bounds are decode_error") {
  auto expect_decode_error = [](HandshakeType t, const char* body_hex, const char* what) {
    CAPTURE(what);
    auto r = parse_framed_body(t, hex(body_hex), ParseOptions{});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == Alert::decode_error);
    CHECK(contains(r.error().reason, what));
  };
  std::string random(64, 'a');
  // legacy_session_id<0..32>: 33 bytes.
  expect_decode_error(HandshakeType::client_hello,
                      ("0303" + random + "21" + std::string(66, '0') + "00021301 0100").c_str(),
                      "legacy_session_id length 33");
  // cipher_suites<2..2^16-2>: empty, and odd.
  expect_decode_error(HandshakeType::client_hello, ("0303" + random + "00 0000 0100").c_str(),
                      "cipher_suites length 0");
  expect_decode_error(HandshakeType::client_hello, ("0303" + random + "00 000313 0101 00").c_str(),
                      "cipher_suites has odd length 3");
  // legacy_compression_methods<1..2^8-1>: empty.
  expect_decode_error(HandshakeType::client_hello, ("0303" + random + "00 00021301 00").c_str(),
                      "legacy_compression_methods length 0");
  // CertificateRequest extensions<2..2^16-1>: empty.
  expect_decode_error(HandshakeType::certificate_request, "00 0000", "extensions length 0");
  // Certificate cert_data<1..2^24-1>: empty certificate.
  expect_decode_error(HandshakeType::certificate, "00 000005 000000 0000", "cert_data length 0");
  // NewSessionTicket ticket<1..2^16-1>: empty ticket.
  expect_decode_error(HandshakeType::new_session_ticket, "0000001e 00000000 00 0000 0000",
                      "ticket length 0");
  // Finished of the wrong size.
  expect_decode_error(HandshakeType::finished, "0102", "Finished verify_data is 2 bytes, expected 32");
  // An extension whose length overruns the block.
  expect_decode_error(HandshakeType::encrypted_extensions, "0006 0000 0005 0000",
                      "extension_data truncated");
}

TEST_CASE("handshake: typed extension bodies enforce their own bounds") {
  auto parse_ext = [](auto tag, const char* data_hex) {
    using E = typename decltype(tag)::type;
    Extension e{E::type, hex(data_hex), 0};
    return Extensions::parse_body<E>(e);
  };
  auto is_err = [](const auto& r, Alert a, const char* part) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == a);
    CHECK_MESSAGE(contains(r.error().reason, part), r.error().reason);
  };
  is_err(parse_ext(std::type_identity<SupportedGroups>{}, "0000"), Alert::decode_error,
         "supported_groups extension: named_group_list length 0");
  is_err(parse_ext(std::type_identity<SupportedGroups>{}, "0003 001d00"), Alert::decode_error,
         "odd length");
  is_err(parse_ext(std::type_identity<SignatureAlgorithms>{}, "0000"), Alert::decode_error,
         "length 0");
  is_err(parse_ext(std::type_identity<SupportedVersionsClientHello>{}, "00"), Alert::decode_error,
         "versions length 0");
  is_err(parse_ext(std::type_identity<KeyShareClientHello>{}, "0004 001d 0000"),
         Alert::decode_error, "key_exchange length 0");
  is_err(parse_ext(std::type_identity<KeyShareClientHello>{}, "000a 001d 0001 aa 001d 0001 bb"),
         Alert::illegal_parameter, "two key shares for group x25519");
  is_err(parse_ext(std::type_identity<Cookie>{}, "0000"), Alert::decode_error, "cookie length 0");
  is_err(parse_ext(std::type_identity<Alpn>{}, "0001 00"), Alert::decode_error,
         "protocol_name_list length 1");
  is_err(parse_ext(std::type_identity<Alpn>{}, "0002 00 00"), Alert::decode_error,
         "ProtocolName length 0");
  is_err(parse_ext(std::type_identity<RecordSizeLimit>{}, "003f"), Alert::illegal_parameter,
         "below the minimum of 64");
  CHECK(parse_ext(std::type_identity<RecordSizeLimit>{}, "0040").ok());
  is_err(parse_ext(std::type_identity<Padding>{}, "000001"), Alert::illegal_parameter,
         "not zero");
  is_err(parse_ext(std::type_identity<PskKeyExchangeModes>{}, "00"), Alert::decode_error,
         "ke_modes length 0");
  is_err(parse_ext(std::type_identity<ServerNameList>{}, "0000"), Alert::decode_error,
         "server_name_list length 0");
  is_err(parse_ext(std::type_identity<ServerNameList>{}, "0004 01 0001 61"),
         Alert::illegal_parameter, "unknown server name type 1");
  is_err(parse_ext(std::type_identity<CertificateAuthorities>{}, "0002 0000"),
         Alert::decode_error, "authorities length 2");
  is_err(parse_ext(std::type_identity<EcPointFormats>{}, "00"), Alert::decode_error,
         "ec_point_format_list length 0");
  is_err(parse_ext(std::type_identity<SupportedVersionsServerHello>{}, "030400"),
         Alert::decode_error, "trailing data");
  is_err(parse_ext(std::type_identity<PostHandshakeAuth>{}, "00"), Alert::decode_error,
         "post_handshake_auth extension: 1 bytes of trailing data");
}

TEST_CASE("handshake: KeyUpdate accepts 0 and 1 and rejects 2 with illegal_parameter") {
  CHECK(hs_test::must_decode<KeyUpdate>(hex("18 000001 00")).request_update ==
        KeyUpdateRequest::update_not_requested);
  CHECK(hs_test::must_decode<KeyUpdate>(hex("18 000001 01")).request_update ==
        KeyUpdateRequest::update_requested);
  auto bad = decode<KeyUpdate>(ByteView(hex("18 000001 02")));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().alert == Alert::illegal_parameter);
  CHECK(contains(bad.error().reason, "value 2"));
  CHECK(decode<KeyUpdate>(ByteView(hex("18 000000"))).error().alert == Alert::decode_error);
  CHECK(decode<KeyUpdate>(ByteView(hex("18 000002 0000"))).error().alert == Alert::decode_error);
  hs_test::check_reencodes(KeyUpdate{KeyUpdateRequest::update_requested}, hex("18 000001 01"));
}

TEST_CASE("handshake: message types outside the negotiated version are unexpected_message") {
  ParseOptions tls12{ProtocolVersion::tls12, 12};
  auto ee = parse_any(*parse_message(hex("08 000002 0000")), tls12);
  REQUIRE_FALSE(ee.ok());
  CHECK(ee.error().alert == Alert::unexpected_message);
  auto shd = parse_any(*parse_message(hex("0e 000000")), ParseOptions{});
  REQUIRE_FALSE(shd.ok());
  CHECK(shd.error().reason == "handshake message server_hello_done does not exist in TLS 1.3");
  CHECK(parse_any(*parse_message(hex("0e 000000")), tls12).ok());
  CHECK_FALSE(parse_any(*parse_message(hex("63 000000")), tls12).ok());
}
