// Dissection of the RFC 8448 messages: names, offsets and values checked
// against the byte positions in the RFC's hex dumps.
#include <doctest/doctest.h>

#include "core/hex.hpp"
#include "handshake/rfc8448_vectors.hpp"
#include "inspect/dissect.hpp"
#include "inspect/text.hpp"

using namespace glass;
using inspect::DissectContext;
using inspect::Field;
using inspect::Sender;
using inspect::Version;

namespace {

DissectContext ctx13(Sender s) { return {Version::tls13, s, false}; }

const Field& need(const Field& root, std::string_view name) {
  const Field* f = root.find(name);
  REQUIRE_MESSAGE(f != nullptr, "no field " << name << " in\n" << inspect::render_tree(root, {}, {}));
  return *f;
}

bool has_value(const Field& root, std::string_view name, std::string_view value) {
  for (const Field* f : root.find_all(name))
    if (f->value == value) return true;
  return false;
}

}  // namespace

TEST_CASE("inspect: RFC 8448 ClientHello fields with offsets, names and values") {
  auto msg = core::hex(rfc8448::s3::client_hello);
  Field f = inspect::dissect_handshake(msg, ctx13(Sender::client));
  CHECK(f.name == "ClientHello");
  CHECK(f.length == 196);
  CHECK_FALSE(f.has_error());
  const Field& ver = need(f, "legacy_version");
  CHECK(ver.offset == 4);
  CHECK(ver.length == 2);
  CHECK(ver.value == "TLS 1.2 (0x0303)");
  CHECK_FALSE(ver.note.empty());
  const Field& rnd = need(f, "random");
  CHECK(rnd.offset == 6);
  CHECK(rnd.length == 32);
  const Field& suites = need(f, "cipher_suites");
  CHECK(suites.offset == 39);
  CHECK(suites.length == 8);
  CHECK(suites.value == "3 suites");
  CHECK(has_value(suites, "cipher_suite", "TLS_AES_128_GCM_SHA256 (0x1301)"));
  CHECK(has_value(suites, "cipher_suite", "TLS_CHACHA20_POLY1305_SHA256 (0x1303)"));
  const Field& exts = need(f, "extensions");
  CHECK(exts.offset == 49);
  CHECK(exts.value == "9 extensions");
  CHECK(need(f, "server_name_list").value == "\"server\"");
  const Field& ks = need(f, "key_share");
  CHECK(ks.offset == 99);
  CHECK(ks.length == 42);
  const Field& entry = need(ks, "key_share_entry");
  CHECK(entry.offset == 105);
  CHECK(entry.value == "x25519 (0x001d), 32 bytes");
  const Field& kx = need(entry, "key_exchange");
  CHECK(kx.offset == 107);
  CHECK(kx.length == 34);
  CHECK(need(kx, "bytes").offset == 109);
  CHECK(has_value(need(f, "supported_groups"), "group", "secp256r1 (0x0017)"));
  CHECK(has_value(need(f, "supported_versions"), "version", "TLS 1.3 (0x0304)"));
  CHECK(has_value(need(f, "signature_algorithms"), "scheme", "rsa_pss_rsae_sha256 (0x0804)"));
  CHECK(has_value(need(f, "psk_key_exchange_modes"), "mode", "psk_dhe_ke (1)"));
  CHECK(need(f, "record_size_limit").value.find("16385") != std::string::npos);
  CHECK(need(f, "renegotiation_info").offset == 66);
  CHECK(need(f, "session_ticket").offset == 95);
}

TEST_CASE("inspect: RFC 8448 ServerHello, HelloRetryRequest and the encrypted flight") {
  SUBCASE("ServerHello") {
    Field f = inspect::dissect_handshake(core::hex(rfc8448::s3::server_hello), ctx13(Sender::server));
    CHECK(f.name == "ServerHello");
    CHECK_FALSE(f.has_error());
    const Field& cs = need(f, "cipher_suite");
    CHECK(cs.offset == 39);
    CHECK(cs.value == "TLS_AES_128_GCM_SHA256 (0x1301)");
    CHECK(need(f, "selected_version").value == "TLS 1.3 (0x0304)");
    CHECK(need(f, "key_share").value == "key_share (0x0033), 36 bytes, x25519 (0x001d), 32 bytes");
    CHECK(inspect::server_hello_version(core::hex(rfc8448::s3::server_hello)) == Version::tls13);
  }
  SUBCASE("HelloRetryRequest is recognised by its random, even without context") {
    auto msg = core::hex(rfc8448::s5::hello_retry_request);
    Field f = inspect::dissect_handshake(msg, {});
    CHECK(f.name == "HelloRetryRequest");
    CHECK_FALSE(f.has_error());
    CHECK(need(f, "random").value.find("HelloRetryRequest") != std::string::npos);
    CHECK(need(f, "selected_group").value == "secp256r1 (0x0017)");
    CHECK(need(f, "cookie").length > 0);
    CHECK(inspect::message_label(msg) == "HelloRetryRequest");
  }
  SUBCASE("EncryptedExtensions") {
    Field f = inspect::dissect_handshake(core::hex(rfc8448::s3::encrypted_extensions), ctx13(Sender::server));
    CHECK(f.name == "EncryptedExtensions");
    CHECK_FALSE(f.has_error());
    CHECK(f.find("supported_groups") != nullptr);
    CHECK(f.find("server_name")->value.find("empty") != std::string::npos);
  }
  SUBCASE("Certificate with its entry summarised") {
    Field f = inspect::dissect_handshake(core::hex(rfc8448::s3::certificate), ctx13(Sender::server));
    CHECK(f.name == "Certificate");
    CHECK_FALSE(f.has_error());
    CHECK(need(f, "certificate_request_context").value == "0 bytes");
    CHECK(need(f, "certificate_list").value == "1 certificate");
    CHECK(need(f, "subject").value == "CN=rsa");
    CHECK(need(f, "issuer").value == "CN=rsa");
    CHECK(need(f, "validity").value.find("2016") != std::string::npos);
    CHECK(need(f, "public_key").value.find("RSA") != std::string::npos);
    // The subject's range lies inside the cert_data, at the DER offset.
    const Field& cd = need(f, "cert_data");
    const Field& subj = need(f, "subject");
    CHECK(subj.offset > cd.offset);
    CHECK(subj.offset + subj.length <= cd.offset + cd.length);
  }
  SUBCASE("CertificateVerify and Finished") {
    Field cv = inspect::dissect_handshake(core::hex(rfc8448::s3::certificate_verify), ctx13(Sender::server));
    CHECK(cv.name == "CertificateVerify");
    CHECK(need(cv, "algorithm").value == "rsa_pss_rsae_sha256 (0x0804)");
    CHECK(need(cv, "signature").value == "128 bytes");
    CHECK_FALSE(cv.has_error());
    Field fin = inspect::dissect_handshake(core::hex(rfc8448::s3::server_finished), ctx13(Sender::server));
    CHECK(fin.name == "Finished");
    CHECK(need(fin, "verify_data").offset == 4);
    CHECK(need(fin, "verify_data").value == "32 bytes");
  }
  SUBCASE("NewSessionTicket with early_data") {
    Field f = inspect::dissect_handshake(core::hex(rfc8448::s3::new_session_ticket), ctx13(Sender::server));
    CHECK(f.name == "NewSessionTicket");
    CHECK_FALSE(f.has_error());
    CHECK(need(f, "ticket_lifetime").value == "30 s");
    CHECK(need(f, "max_early_data_size").offset > 0);
  }
  SUBCASE("NewSessionTicket with the version unknown is read as TLS 1.3") {
    Field f = inspect::dissect_handshake(core::hex(rfc8448::s3::new_session_ticket), {});
    CHECK_FALSE(f.has_error());
    CHECK(need(f, "version_guess").value == "read as TLS 1.3");
  }
  SUBCASE("ClientHello with pre_shared_key, and EndOfEarlyData") {
    Field f = inspect::dissect_handshake(core::hex(rfc8448::s4::client_hello), ctx13(Sender::client));
    CHECK_FALSE(f.has_error());
    CHECK(need(f, "identities").children.size() == 2);  // length + one identity
    CHECK(need(f, "binder").length == 33);
    CHECK(f.find("early_data") != nullptr);
    Field eoed = inspect::dissect_handshake(core::hex(rfc8448::s4::end_of_early_data), ctx13(Sender::client));
    CHECK(eoed.name == "EndOfEarlyData");
    CHECK_FALSE(eoed.has_error());
    CHECK(need(eoed, "body").value == "empty");
  }
  SUBCASE("CertificateRequest (1.3) and the client's Certificate") {
    Field cr = inspect::dissect_handshake(core::hex(rfc8448::s6::certificate_request), ctx13(Sender::server));
    CHECK(cr.name == "CertificateRequest");
    CHECK_FALSE(cr.has_error());
    CHECK(cr.find("signature_algorithms") != nullptr);
    Field cc = inspect::dissect_handshake(core::hex(rfc8448::s6::client_certificate), ctx13(Sender::client));
    CHECK_FALSE(cc.has_error());
    CHECK(need(cc, "subject").value == "CN=client");
    Field ccv = inspect::dissect_handshake(core::hex(rfc8448::s6::client_certificate_verify), ctx13(Sender::client));
    CHECK_FALSE(ccv.has_error());
  }
}

TEST_CASE("inspect: text rendering shows ranges, values, short hex and elides long hex") {
  auto msg = core::hex(rfc8448::s3::server_hello);
  Field f = inspect::dissect_handshake(msg, ctx13(Sender::server));
  std::string t = inspect::render_tree(f, msg, {false, 16, true});
  CHECK(t.find("[0027-0028] cipher_suite  TLS_AES_128_GCM_SHA256 (0x1301)  13 01") != std::string::npos);
  CHECK(t.find("… (32 bytes)") != std::string::npos);  // random, elided
  CHECK(t.find("\x1b[") == std::string::npos);
  std::string coloured = inspect::render_tree(f, msg, {true, 16, true});
  CHECK(coloured.find("\x1b[") != std::string::npos);
  // Without notes no "--" comment column.
  std::string bare = inspect::render_tree(f, msg, {false, 4, false});
  CHECK(bare.find(" -- ") == std::string::npos);
  CHECK(inspect::hex_dump(core::as_bytes("ABC"), 0x10).rfind("000010  41 42 43", 0) == 0);
}
