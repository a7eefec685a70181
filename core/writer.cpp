#include "core/writer.hpp"

namespace glass::core {

void Writer::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
}

void Writer::u16(std::uint16_t v) {
  u8(static_cast<std::uint8_t>(v >> 8));
  u8(static_cast<std::uint8_t>(v));
}

void Writer::u24(std::uint32_t v) {
  if (v > 0xffffff) fail("value " + std::to_string(v) + " does not fit in 24 bits");
  u8(static_cast<std::uint8_t>(v >> 16));
  u8(static_cast<std::uint8_t>(v >> 8));
  u8(static_cast<std::uint8_t>(v));
}

void Writer::u32(std::uint32_t v) {
  u16(static_cast<std::uint16_t>(v >> 16));
  u16(static_cast<std::uint16_t>(v));
}

void Writer::u64(std::uint64_t v) {
  u32(static_cast<std::uint32_t>(v >> 32));
  u32(static_cast<std::uint32_t>(v));
}

void Writer::patch(std::size_t at, unsigned len_bytes) {
  std::size_t len = buf_.size() - at - len_bytes;
  std::size_t max = (std::size_t{1} << (8 * len_bytes)) - 1;
  if (len > max) {
    fail("length-prefixed block of " + std::to_string(len) + " bytes exceeds its " +
         std::to_string(len_bytes) + "-byte length field");
    return;
  }
  for (unsigned i = 0; i < len_bytes; ++i)
    buf_[at + i] = static_cast<std::uint8_t>(len >> (8 * (len_bytes - 1 - i)));
}

Result<Bytes> Writer::take() {
  if (!error_.empty()) return make_error(Alert::internal_error, error_);
  return std::move(buf_);
}

}  // namespace glass::core
