#pragma once
// Handshake message framing (RFC 8446 4, RFC 5246 7.4):
//   struct { HandshakeType msg_type; uint24 length; opaque body[length]; } Handshake;
// Every message struct M has `static constexpr HandshakeType msg_type`, a pure
// `static Result<M> parse(Reader& body)` that must consume the whole body, and
// `void serialize(Writer&) const` that writes the body. encode()/decode() add and
// check the 4-byte header; the transcript takes the framed bytes.
#include <utility>

#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

inline constexpr std::size_t handshake_header_size = 4;

// One framed message, viewing the buffer it was read from.
struct MessageView {
  HandshakeType type{};
  core::ByteView body;   // without the header
  core::ByteView bytes;  // header + body: what the transcript hashes
  std::size_t offset = 0;  // absolute offset of the header in the reader's buffer

  // A Reader over the body whose offsets count from the start of the header's buffer.
  core::Reader body_reader() const { return core::Reader(body, offset + handshake_header_size); }
};

// Reads one message (header and full body) from r; decode_error if either is
// truncated. Does not look at the body.
core::Result<MessageView> read_message(core::Reader& r);
// `bytes` must hold exactly one message.
core::Result<MessageView> parse_message(core::ByteView bytes);

// Header + body.
core::Bytes frame(HandshakeType type, core::ByteView body);

// The framed message bytes of m; internal_error if a length outgrew its field.
template <class M>
core::Result<core::Bytes> encode(const M& m) {
  core::Writer w;
  w.u8(static_cast<std::uint8_t>(M::msg_type));
  w.vec24([&] { m.serialize(w); });
  return w.take();
}

// The body bytes of m.
template <class M>
core::Result<core::Bytes> encode_body(const M& m) {
  core::Writer w;
  m.serialize(w);
  return w.take();
}

// Parses the body of a framed message as M, after checking its type:
// unexpected_message "expected ServerHello, got Certificate" otherwise. Extra
// arguments go to M::parse (Finished takes the verify_data length).
template <class M, class... Args>
core::Result<M> decode(const MessageView& msg, Args&&... args) {
  if (msg.type != M::msg_type)
    return core::make_error(core::Alert::unexpected_message,
                            "expected " + message_name(M::msg_type) + ", got " +
                                message_name(msg.type));
  core::Reader r = msg.body_reader();
  return M::parse(r, std::forward<Args>(args)...);
}
template <class M, class... Args>
core::Result<M> decode(core::ByteView message_bytes, Args&&... args) {
  GLASS_TRY(auto msg, parse_message(message_bytes));
  return decode<M>(msg, std::forward<Args>(args)...);
}

}  // namespace glass::handshake
