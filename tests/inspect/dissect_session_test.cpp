// Every message of real in-memory mTLS handshakes (TLS 1.3 and 1.2) dissects
// cleanly, and every truncation of them yields an error field, never a crash.
#include <doctest/doctest.h>

#include "inspect/dissect.hpp"
#include "inspect/text.hpp"
#include "session.hpp"

using namespace glass;
using inspect::Event;
using inspect::EventKind;
using inspect::Field;

namespace {

std::vector<Event> messages(const inspect::EventLog& log, std::string_view side) {
  std::vector<Event> out;
  for (auto& e : log.events())
    if (e.kind == EventKind::message && e.side == side && e.direction == core::Direction::sent)
      out.push_back(e);
  return out;
}

const Event* find_msg(const std::vector<Event>& ev, std::string_view name) {
  for (const auto& e : ev)
    if (inspect::message_label(e.bytes, e.context) == name) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("inspect: every message of an in-memory mTLS 1.3 handshake dissects cleanly") {
  auto s = test::record_session(false);
  REQUIRE_MESSAGE(s->done, s->error);
  auto c = messages(s->log, "client");
  auto sv = messages(s->log, "server");
  for (auto* list : {&c, &sv})
    for (const auto& e : *list) {
      Field f = inspect::event_tree(e);
      INFO(inspect::render_tree(f, e.bytes));
      CHECK_FALSE(f.has_error());
      CHECK(f.length == e.bytes.size());
      // The version is known from the ServerHello on.
      if (e.msg_type != 1) CHECK(e.context.version == inspect::Version::tls13);
    }
  for (auto name : {"ServerHello", "EncryptedExtensions", "CertificateRequest", "Certificate",
                    "CertificateVerify", "Finished"})
    CHECK_MESSAGE(find_msg(sv, name) != nullptr, name);
  for (auto name : {"ClientHello", "Certificate", "CertificateVerify", "Finished", "KeyUpdate"})
    CHECK_MESSAGE(find_msg(c, name) != nullptr, name);

  Field cr = inspect::event_tree(*find_msg(sv, "CertificateRequest"));
  REQUIRE(cr.find("authorities") != nullptr);
  CHECK(cr.find("distinguished_name")->value.find("glasstls Test CA") != std::string::npos);
  CHECK(cr.find("signature_algorithms") != nullptr);

  Field cert = inspect::event_tree(*find_msg(c, "Certificate"));
  auto entries = cert.find_all("certificate_entry");
  REQUIRE(entries.size() == 2);  // leaf + CA
  CHECK(entries[0]->find("public_key")->value == "ECDSA P-256");
  CHECK(entries[1]->find("subject")->value.find("glasstls Test CA") != std::string::npos);
  CHECK(entries[1]->find("basic_constraints") != nullptr);

  Field ch = inspect::event_tree(*find_msg(c, "ClientHello"));
  CHECK(ch.find("application_layer_protocol_negotiation")->value.find("\"h2\", \"http/1.1\"") !=
        std::string::npos);
  CHECK(ch.find("server_name_list")->value == "\"localhost\"");
  Field ee = inspect::event_tree(*find_msg(sv, "EncryptedExtensions"));
  CHECK(ee.find("protocol_name")->value == "\"http/1.1\"");
  Field cv = inspect::event_tree(*find_msg(c, "CertificateVerify"));
  CHECK(cv.find("algorithm")->value == "ecdsa_secp256r1_sha256 (0x0403)");
  Field ku = inspect::event_tree(*find_msg(c, "KeyUpdate"));
  CHECK(ku.find("request_update")->value == "update_requested (1)");
}

TEST_CASE("inspect: every message of an in-memory mTLS 1.2 handshake dissects cleanly") {
  auto s = test::record_session(true);
  REQUIRE_MESSAGE(s->done, s->error);
  auto c = messages(s->log, "client");
  auto sv = messages(s->log, "server");
  for (auto* list : {&c, &sv})
    for (const auto& e : *list) {
      Field f = inspect::event_tree(e);
      INFO(inspect::render_tree(f, e.bytes));
      CHECK_FALSE(f.has_error());
      if (e.msg_type != 1) CHECK(e.context.version == inspect::Version::tls12);
    }
  for (auto name : {"ServerHello", "Certificate", "ServerKeyExchange", "CertificateRequest",
                    "ServerHelloDone", "Finished"})
    CHECK_MESSAGE(find_msg(sv, name) != nullptr, name);
  for (auto name : {"ClientHello", "Certificate", "ClientKeyExchange", "CertificateVerify", "Finished"})
    CHECK_MESSAGE(find_msg(c, name) != nullptr, name);

  Field ske = inspect::event_tree(*find_msg(sv, "ServerKeyExchange"));
  CHECK(ske.find("named_curve")->value == "x25519 (0x001d)");
  CHECK(ske.find("params")->value == "x25519 (0x001d), 32 bytes public key");
  CHECK(ske.find("signed_params") != nullptr);
  Field cr = inspect::event_tree(*find_msg(sv, "CertificateRequest"));
  CHECK(cr.find("certificate_types")->find("certificate_type") != nullptr);
  CHECK(cr.find("distinguished_name")->value.find("glasstls Test CA") != std::string::npos);
  Field cke = inspect::event_tree(*find_msg(c, "ClientKeyExchange"));
  CHECK(cke.find("ecdh_Yc")->value == "32 bytes");
  Field fin = inspect::event_tree(*find_msg(c, "Finished"));
  CHECK(fin.find("verify_data")->value == "12 bytes");
  Field sh = inspect::event_tree(*find_msg(sv, "ServerHello"));
  CHECK(sh.find("extended_master_secret") != nullptr);
  // A server configured for 1.2 only is not downgrading: no marker.
  CHECK(sh.find("random")->value == "32 bytes");
  // The 1.2 Certificate has no request context.
  Field cert = inspect::event_tree(*find_msg(c, "Certificate"));
  CHECK(cert.find("certificate_request_context") == nullptr);
  CHECK(cert.find_all("certificate_entry").size() == 2);
}

TEST_CASE("inspect: every truncation of real messages gives an error field, never a crash") {
  auto s13 = test::record_session(false);
  auto s12 = test::record_session(true);
  REQUIRE(s13->done);
  REQUIRE(s12->done);
  std::size_t cases = 0;
  for (auto* s : {s13.get(), s12.get()})
    for (const auto& e : s->log.events()) {
      if (e.kind != EventKind::message) continue;
      const auto& m = e.bytes;
      for (std::size_t n = 0; n < m.size(); ++n) {
        // Cut as on the wire (header now lies) ...
        Field a = inspect::dissect_handshake(core::ByteView(m).first(n), e.context);
        CHECK_MESSAGE(a.has_error(), e.text << " cut at " << n);
        // ... and with the header's length patched to match, so the body's own
        // lengths are what breaks (empty-bodied messages are fine then).
        if (n >= 4) {
          core::Bytes p(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n));
          std::size_t bl = n - 4;
          p[1] = static_cast<std::uint8_t>(bl >> 16);
          p[2] = static_cast<std::uint8_t>(bl >> 8);
          p[3] = static_cast<std::uint8_t>(bl);
          Field b = inspect::dissect_handshake(p, e.context);
          (void)inspect::render_tree(b, p);
          if (e.msg_type == 1 && n < m.size()) {
            // Cut right after compression methods is a valid extension-less ClientHello.
            const Field* ex = b.find("extensions");
            CHECK_MESSAGE((b.has_error() || (ex && ex->value == "absent")), "ClientHello body cut at " << n);
          }
        }
        ++cases;
      }
    }
  CHECK(cases > 3000);
  // The error says where.
  auto ch = s13->log.events();
  for (const auto& e : ch)
    if (e.kind == EventKind::message && e.msg_type == 1) {
      Field f = inspect::dissect_handshake(core::ByteView(e.bytes).first(60), e.context);
      const Field* err = f.find("error");
      REQUIRE(err != nullptr);
      CHECK(err->value.find("truncated at offset") != std::string::npos);
      break;
    }
}

TEST_CASE("inspect: unknown messages, extensions and GREASE are shown as opaque with their code") {
  // msg_type 99, 3-byte body
  core::Bytes unk = {99, 0, 0, 3, 1, 2, 3};
  Field f = inspect::dissect_handshake(unk);
  CHECK(f.name == "unknown(0x63)");
  CHECK(f.find("body")->length == 3);
  CHECK_FALSE(f.has_error());
  // EncryptedExtensions with a GREASE extension (0x0a0a, 1 byte) and an unknown one (0x1234, 0 bytes)
  core::Bytes ee = {8, 0, 0, 11, 0, 9, 0x0a, 0x0a, 0, 1, 0xff, 0x12, 0x34, 0, 0};
  Field e = inspect::dissect_handshake(ee, {inspect::Version::tls13, inspect::Sender::server, false});
  CHECK_FALSE(e.has_error());
  CHECK(e.find("GREASE_extension")->value == "GREASE (0x0a0a), 1 byte");
  CHECK(e.find("unknown_extension")->value == "unknown (0x1234), 0 bytes");
  // Trailing garbage inside an extension is an error naming the extension.
  core::Bytes bad = {8, 0, 0, 9, 0, 7, 0, 28, 0, 3, 0x40, 0x01, 0x99};
  Field b = inspect::dissect_handshake(bad);
  REQUIRE(b.has_error());
  CHECK(b.find("error")->value.find("after record_size_limit") != std::string::npos);
  // Empty input.
  CHECK(inspect::dissect_handshake({}).has_error());
}

TEST_CASE("inspect: the tree is the handshake parser's reading, its checks included") {
  // EncryptedExtensions carrying supported_groups twice: each extension is shown,
  // then the parser's own duplicate check ends the tree, as the engine would.
  core::Bytes dup = {8, 0, 0, 14, 0, 12, 0, 10, 0, 4, 0, 2, 0, 0x1d, 0, 10, 0, 0};
  Field d = inspect::dissect_handshake(dup, {inspect::Version::tls13, inspect::Sender::server, false});
  REQUIRE(d.has_error());
  CHECK(d.find_all("supported_groups").size() == 2);
  CHECK(d.find("group")->value == "x25519 (0x001d)");
  CHECK(d.children.back().name == "error");
  CHECK(d.children.back().value.find("duplicate extension supported_groups") != std::string::npos);
  // A vector cut before its length: the vector's node holds the parser's error.
  core::Bytes cut = {8, 0, 0, 1, 0};
  Field c = inspect::dissect_handshake(cut, {inspect::Version::tls13, inspect::Sender::server, false});
  const Field* exts = c.find("extensions");
  REQUIRE(exts != nullptr);
  REQUIRE(exts->children.size() == 1);
  CHECK(exts->children[0].name == "error");
  CHECK(exts->children[0].value == "extensions truncated at offset 4 (need 2 bytes, have 1)");
}

TEST_CASE("inspect: records and alerts are dissected with named content types") {
  core::Bytes alert_rec = {21, 3, 3, 0, 2, 2, 50};
  Field r = inspect::dissect_record(alert_rec);
  CHECK_FALSE(r.has_error());
  CHECK(r.find("content_type")->value == "alert (21)");
  CHECK(r.find("description")->value == "decode_error (50)");
  CHECK(r.find("description")->offset == 6);
  CHECK(r.find("Alert")->value == "fatal (2) decode_error (50)");
  Field a = inspect::dissect_alert(core::Bytes{1, 0});
  CHECK(a.value == "warning (1) close_notify (0)");
  CHECK(inspect::dissect_alert(core::Bytes{1}).has_error());
  CHECK(inspect::dissect_alert(core::Bytes{2, 200}).find("description")->value == "unknown (200)");
  // A protected TLS 1.3 record shows ciphertext and tag.
  core::Bytes prot(5 + 40, 0xab);
  prot[0] = 23; prot[1] = 3; prot[2] = 3; prot[3] = 0; prot[4] = 40;
  inspect::DissectContext c;
  c.record_protected = true;
  Field p = inspect::dissect_record(prot, c);
  CHECK(p.find("tag")->offset == 5 + 24);
  CHECK(p.find("ciphertext")->length == 24);
  // A truncated record says so.
  Field t = inspect::dissect_record(core::ByteView(alert_rec).first(6));
  CHECK(t.has_error());
  // A plaintext handshake record holding a ClientHello dissects it with shifted offsets.
  auto s = test::record_session(false);
  REQUIRE(s->done);
  for (const auto& e : s->log.events())
    if (e.kind == EventKind::record && e.side == "client" && e.direction == core::Direction::sent) {
      Field rec = inspect::event_tree(e);
      CHECK_FALSE(rec.has_error());
      const Field* ch = rec.find("ClientHello");
      REQUIRE(ch != nullptr);
      CHECK(ch->offset == 5);
      CHECK(ch->find("legacy_version")->offset == 9);
      break;
    }
}
