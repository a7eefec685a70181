#include "core/reader.hpp"

#include <string>

namespace glass::core {

namespace {
std::string field(const char* what) { return what ? std::string(what) : std::string("field"); }
}  // namespace

std::size_t Reader::record(RecordedField::Kind kind, const char* what, std::size_t offset,
                           std::size_t length, std::uint64_t value) const {
  RecordedField f;
  f.kind = kind;
  if (what) f.name = what;
  f.offset = offset;
  f.length = length;
  f.value = value;
  f.parent = node_;
  return rec_->add(std::move(f));
}

Error Reader::failed(const char* what, Error e) const {
  if (rec_) (*rec_)[record(RecordedField::Kind::error, what, offset(), 0)].error = e.reason;
  return e;
}

Error Reader::truncated(const char* what, std::size_t need) const {
  return failed(what, make_error(Alert::decode_error,
                                 field(what) + " truncated at offset " + std::to_string(offset()) +
                                     " (need " + std::to_string(need) + " bytes, have " +
                                     std::to_string(remaining()) + ")"));
}

Result<ByteView> Reader::take(std::size_t n, const char* what) {
  if (n > remaining()) return truncated(what, n);
  ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

Result<ByteView> Reader::bytes(std::size_t n, const char* what) {
  std::size_t at = offset();
  GLASS_TRY(auto out, take(n, what));
  if (rec_) record(RecordedField::Kind::bytes, what, at, n);
  return out;
}

ByteView Reader::rest(const char* what) {
  std::size_t at = offset();
  ByteView out = data_.subspan(pos_);
  pos_ = data_.size();
  if (rec_) record(RecordedField::Kind::bytes, what, at, out.size());
  return out;
}

template <class T>
Result<T> Reader::scalar(std::size_t n, const char* what) {
  std::size_t at = offset();
  GLASS_TRY(auto b, take(n, what));
  std::uint64_t v = 0;
  for (auto x : b) v = (v << 8) | x;
  if (rec_) record(RecordedField::Kind::scalar, what, at, n, v);
  return static_cast<T>(v);
}

Result<std::uint8_t> Reader::u8(const char* what) { return scalar<std::uint8_t>(1, what); }
Result<std::uint16_t> Reader::u16(const char* what) { return scalar<std::uint16_t>(2, what); }
Result<std::uint32_t> Reader::u24(const char* what) { return scalar<std::uint32_t>(3, what); }
Result<std::uint32_t> Reader::u32(const char* what) { return scalar<std::uint32_t>(4, what); }
Result<std::uint64_t> Reader::u64(const char* what) { return scalar<std::uint64_t>(8, what); }

Result<Reader> Reader::vec(unsigned len_bytes, const char* what, std::size_t min, std::size_t max,
                           RecordedField::Kind kind) {
  std::size_t start = offset();
  if (remaining() < len_bytes) {
    if (!rec_) return truncated(what, len_bytes);
    // The block's node (prefix 0: not even its length is there) holds the error.
    std::size_t node = record(kind, what, start, 0);
    (*rec_)[node].complete = false;
    Reader inner = *this;
    inner.node_ = node;
    return inner.truncated(what, len_bytes);
  }
  GLASS_TRY(auto prefix, take(len_bytes, what));
  std::size_t len = 0;
  for (auto x : prefix) len = (len << 8) | x;
  // The block's node comes first so that a failure inside it nests under it.
  std::size_t node = RecordedField::top;
  if (rec_) {
    const bool in_range = len >= min && len <= max;
    std::size_t have = !in_range ? 0 : len <= remaining() ? len : remaining();
    node = record(kind, what, start, len_bytes + have, len);
    auto& f = (*rec_)[node];
    f.prefix = static_cast<std::uint8_t>(len_bytes);
    f.complete = in_range && len <= remaining();
  }
  Reader inner = *this;
  inner.node_ = node;
  if (len < min || len > max)
    return inner.failed(what, make_error(Alert::decode_error,
                                         field(what) + " length " + std::to_string(len) +
                                             " at offset " + std::to_string(start) +
                                             " outside allowed range " + std::to_string(min) +
                                             ".." + std::to_string(max)));
  std::size_t body_offset = offset();
  if (len > remaining()) return inner.truncated(what, len);
  ByteView body = data_.subspan(pos_, len);
  pos_ += len;
  Reader sub(body, body_offset);
  sub.rec_ = rec_;
  sub.node_ = node;
  return sub;
}

Result<Reader> Reader::vec8(const char* what, std::size_t min, std::size_t max) {
  return vec(1, what, min, max, RecordedField::Kind::vector);
}
Result<Reader> Reader::vec16(const char* what, std::size_t min, std::size_t max) {
  return vec(2, what, min, max, RecordedField::Kind::vector);
}
Result<Reader> Reader::vec24(const char* what, std::size_t min, std::size_t max) {
  return vec(3, what, min, max, RecordedField::Kind::vector);
}
Result<ByteView> Reader::opaque8(const char* what, std::size_t min, std::size_t max) {
  GLASS_TRY(auto r, vec(1, what, min, max, RecordedField::Kind::opaque));
  return r.data();
}
Result<ByteView> Reader::opaque16(const char* what, std::size_t min, std::size_t max) {
  GLASS_TRY(auto r, vec(2, what, min, max, RecordedField::Kind::opaque));
  return r.data();
}
Result<ByteView> Reader::opaque24(const char* what, std::size_t min, std::size_t max) {
  GLASS_TRY(auto r, vec(3, what, min, max, RecordedField::Kind::opaque));
  return r.data();
}

Status Reader::expect_end(const char* what) const {
  if (empty()) return {};
  return failed(what, make_error(Alert::decode_error,
                                 std::to_string(remaining()) + " bytes of trailing data after " +
                                     field(what) + " at offset " + std::to_string(offset())));
}

}  // namespace glass::core
