#include "core/reader.hpp"

#include <string>

namespace glass::core {

namespace {
std::string field(const char* what) { return what ? std::string(what) : std::string("field"); }
}  // namespace

Error Reader::truncated(const char* what, std::size_t need) const {
  return make_error(Alert::decode_error, field(what) + " truncated at offset " +
                                             std::to_string(offset()) + " (need " +
                                             std::to_string(need) + " bytes, have " +
                                             std::to_string(remaining()) + ")");
}

Result<ByteView> Reader::bytes(std::size_t n, const char* what) {
  if (n > remaining()) return truncated(what, n);
  ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

ByteView Reader::rest() {
  ByteView out = data_.subspan(pos_);
  pos_ = data_.size();
  return out;
}

Result<std::uint8_t> Reader::u8(const char* what) {
  if (remaining() < 1) return truncated(what, 1);
  return data_[pos_++];
}

Result<std::uint16_t> Reader::u16(const char* what) {
  GLASS_TRY(auto b, bytes(2, what));
  return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}

Result<std::uint32_t> Reader::u24(const char* what) {
  GLASS_TRY(auto b, bytes(3, what));
  return (std::uint32_t{b[0]} << 16) | (std::uint32_t{b[1]} << 8) | b[2];
}

Result<std::uint32_t> Reader::u32(const char* what) {
  GLASS_TRY(auto b, bytes(4, what));
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         b[3];
}

Result<std::uint64_t> Reader::u64(const char* what) {
  GLASS_TRY(auto b, bytes(8, what));
  std::uint64_t v = 0;
  for (auto x : b) v = (v << 8) | x;
  return v;
}

Result<Reader> Reader::vec(unsigned len_bytes, const char* what, std::size_t min,
                           std::size_t max) {
  std::size_t start = offset();
  std::size_t len = 0;
  if (len_bytes == 1) {
    GLASS_TRY(len, u8(what));
  } else if (len_bytes == 2) {
    GLASS_TRY(len, u16(what));
  } else {
    GLASS_TRY(len, u24(what));
  }
  if (len < min || len > max)
    return make_error(Alert::decode_error,
                      field(what) + " length " + std::to_string(len) + " at offset " +
                          std::to_string(start) + " outside allowed range " +
                          std::to_string(min) + ".." + std::to_string(max));
  std::size_t body_offset = offset();
  GLASS_TRY(auto body, bytes(len, what));
  return Reader(body, body_offset);
}

Result<Reader> Reader::vec8(const char* what, std::size_t min, std::size_t max) {
  return vec(1, what, min, max);
}
Result<Reader> Reader::vec16(const char* what, std::size_t min, std::size_t max) {
  return vec(2, what, min, max);
}
Result<Reader> Reader::vec24(const char* what, std::size_t min, std::size_t max) {
  return vec(3, what, min, max);
}
Result<ByteView> Reader::opaque8(const char* what, std::size_t min, std::size_t max) {
  GLASS_TRY(auto r, vec(1, what, min, max));
  return r.data();
}
Result<ByteView> Reader::opaque16(const char* what, std::size_t min, std::size_t max) {
  GLASS_TRY(auto r, vec(2, what, min, max));
  return r.data();
}
Result<ByteView> Reader::opaque24(const char* what, std::size_t min, std::size_t max) {
  GLASS_TRY(auto r, vec(3, what, min, max));
  return r.data();
}

Status Reader::expect_end(const char* what) const {
  if (empty()) return {};
  return make_error(Alert::decode_error, std::to_string(remaining()) +
                                             " bytes of trailing data after " + field(what) +
                                             " at offset " + std::to_string(offset()));
}

}  // namespace glass::core
