#include "handshake/message.hpp"

namespace glass::handshake {

core::Result<MessageView> read_message(core::Reader& r) {
  std::size_t start_pos = r.position();
  std::size_t start = r.offset();
  GLASS_TRY(auto type, r.u8("handshake message type"));
  std::string what = message_name(static_cast<HandshakeType>(type)) + " body";
  GLASS_TRY(auto body, r.opaque24(what.c_str()));
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
  return w.buffer();
}

}  // namespace glass::handshake
