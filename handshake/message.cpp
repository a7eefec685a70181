#include "handshake/message.hpp"

namespace glass::handshake {

namespace {

// The body's field name for errors and wire trees, without building a string
// for every message; nullptr for types without a fixed name.
const char* body_name(HandshakeType t) {
  using T = HandshakeType;
  switch (t) {
    case T::client_hello: return "ClientHello body";
    case T::server_hello: return "ServerHello body";
    case T::new_session_ticket: return "NewSessionTicket body";
    case T::encrypted_extensions: return "EncryptedExtensions body";
    case T::certificate: return "Certificate body";
    case T::server_key_exchange: return "ServerKeyExchange body";
    case T::certificate_request: return "CertificateRequest body";
    case T::server_hello_done: return "ServerHelloDone body";
    case T::certificate_verify: return "CertificateVerify body";
    case T::client_key_exchange: return "ClientKeyExchange body";
    case T::finished: return "Finished body";
    case T::key_update: return "KeyUpdate body";
    default: return nullptr;
  }
}

}  // namespace

core::Result<MessageView> read_message(core::Reader& r) {
  std::size_t start_pos = r.position();
  std::size_t start = r.offset();
  GLASS_TRY(auto type, r.u8("handshake message type"));
  const auto t = static_cast<HandshakeType>(type);
  std::string built;
  const char* what = body_name(t);
  if (!what) {
    built = message_name(t) + " body";
    what = built.c_str();
  }
  GLASS_TRY(auto body, r.opaque24(what));
  MessageView m;
  m.type = static_cast<HandshakeType>(type);
  m.body = body;
  m.bytes = r.data().subspan(start_pos, handshake_header_size + body.size());
  m.offset = start;
  return m;
}

core::Result<MessageView> parse_message(core::ByteView bytes) {
  core::Reader r(bytes);
  GLASS_TRY(auto m, read_message(r));
  GLASS_CHECK(r.expect_end("handshake message"));
  return m;
}

core::Bytes frame(HandshakeType type, core::ByteView body) {
  core::Writer w;
  w.u8(static_cast<std::uint8_t>(type));
  w.opaque24(body);
  return w.release();
}

}  // namespace glass::handshake
