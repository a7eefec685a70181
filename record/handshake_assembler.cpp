#include "record/handshake_assembler.hpp"

#include <string>

namespace glass::record {

using core::Alert;
using core::make_error;

core::Status HandshakeAssembler::add(ByteView fragment) {
  if (fragment.empty())
    return make_error(Alert::unexpected_message,
                      "zero-length handshake record (RFC 8446 5.1 forbids empty handshake "
                      "fragments)");
  if (pos_ > 0 && pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  }
  core::append(buf_, fragment);
  return {};
}

core::Result<std::optional<HandshakeMessage>> HandshakeAssembler::next() {
  const std::size_t have = buffered();
  if (have < 4) return std::optional<HandshakeMessage>{};
  const std::uint8_t* p = buf_.data() + pos_;
  const std::size_t len = (std::size_t{p[1]} << 16) | (std::size_t{p[2]} << 8) | p[3];
  if (len > max_message_)
    return make_error(Alert::decode_error,
                      "handshake message type " + std::to_string(p[0]) + " at offset " +
                          std::to_string(consumed_) + " claims " + std::to_string(len) +
                          " bytes, above the limit of " + std::to_string(max_message_));
  if (have < 4 + len) return std::optional<HandshakeMessage>{};
  HandshakeMessage m;
  m.type = p[0];
  m.raw.assign(p, p + 4 + len);
  m.offset = consumed_;
  pos_ += 4 + len;
  consumed_ += 4 + len;
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ > 4096 && pos_ * 2 > buf_.size()) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  if (obs_) obs_->on_handshake_message(core::Direction::received, m.type, m.raw);
  return std::optional<HandshakeMessage>(std::move(m));
}

core::Status HandshakeAssembler::check_key_change(std::string_view after_what) const {
  if (empty()) return {};
  return make_error(Alert::unexpected_message,
                    std::to_string(buffered()) + " bytes of handshake data follow " +
                        std::string(after_what) +
                        " in the same record; a key change must fall on a record boundary "
                        "(RFC 8446 5.1)");
}

core::Status HandshakeAssembler::check_interleave(std::string_view record_type_name) const {
  if (empty()) return {};
  return make_error(Alert::unexpected_message,
                    "a " + std::string(record_type_name) + " record arrived while " +
                        std::to_string(buffered()) +
                        " bytes of a handshake message were pending; handshake messages must "
                        "not be interleaved with other records (RFC 8446 5.1)");
}

}  // namespace glass::record
