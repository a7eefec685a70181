#pragma once
// Bounds-checked cursor over bytes. Every read either succeeds or returns a
// decode_error naming the field and the offset; nothing reads past the end.
// Sub-readers (vec8/vec16/vec24) are views into the same buffer and remember
// their absolute offset, so field trees can show where each byte came from.
// With a FieldRecorder attached (record_into), every read also logs its field:
// name, offset, length and nesting; sub-readers log under their vector.
#include <cstddef>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/field_recorder.hpp"
#include "core/result.hpp"

namespace glass::core {

class Reader {
 public:
  Reader() = default;
  explicit Reader(ByteView data, std::size_t base_offset = 0) : data_(data), base_(base_offset) {}
  // A Reader is a view: reading a temporary buffer would dangle.
  explicit Reader(Bytes&&, std::size_t = 0) = delete;

  Result<std::uint8_t> u8(const char* what = nullptr);
  Result<std::uint16_t> u16(const char* what = nullptr);
  Result<std::uint32_t> u24(const char* what = nullptr);
  Result<std::uint32_t> u32(const char* what = nullptr);
  Result<std::uint64_t> u64(const char* what = nullptr);
  Result<ByteView> bytes(std::size_t n, const char* what = nullptr);
  // Everything left; never fails.
  ByteView rest(const char* what = nullptr);

  // Length-prefixed block as a sub-reader; min/max bound the length in bytes.
  Result<Reader> vec8(const char* what = nullptr, std::size_t min = 0, std::size_t max = 0xff);
  Result<Reader> vec16(const char* what = nullptr, std::size_t min = 0, std::size_t max = 0xffff);
  Result<Reader> vec24(const char* what = nullptr, std::size_t min = 0, std::size_t max = 0xffffff);
  // Same, returning the bytes of the block.
  Result<ByteView> opaque8(const char* what = nullptr, std::size_t min = 0, std::size_t max = 0xff);
  Result<ByteView> opaque16(const char* what = nullptr, std::size_t min = 0, std::size_t max = 0xffff);
  Result<ByteView> opaque24(const char* what = nullptr, std::size_t min = 0, std::size_t max = 0xffffff);

  bool empty() const { return pos_ == data_.size(); }
  std::size_t remaining() const { return data_.size() - pos_; }
  // Absolute offset of the next byte (relative to the outermost buffer).
  std::size_t offset() const { return base_ + pos_; }
  std::size_t position() const { return pos_; }
  ByteView data() const { return data_; }
  // Bytes already consumed since the reader began.
  ByteView consumed() const { return data_.first(pos_); }

  // decode_error "trailing data after <what>" unless everything was read.
  Status expect_end(const char* what = nullptr) const;

  // Logs every later read (and failure) into `rec` under field `parent`;
  // nullptr stops logging. Copies and sub-readers keep the recorder.
  void record_into(FieldRecorder* rec, std::size_t parent = RecordedField::top) {
    rec_ = rec;
    node_ = parent;
  }
  FieldRecorder* recorder() const { return rec_; }
  // The recorded field this reader's reads nest under (`RecordedField::top` at the root).
  std::size_t record_parent() const { return node_; }

 private:
  Error truncated(const char* what, std::size_t need) const;
  Error failed(const char* what, Error e) const;
  Result<ByteView> take(std::size_t n, const char* what);
  template <class T>
  Result<T> scalar(std::size_t n, const char* what);
  Result<Reader> vec(unsigned len_bytes, const char* what, std::size_t min, std::size_t max,
                     RecordedField::Kind kind);
  std::size_t record(RecordedField::Kind kind, const char* what, std::size_t offset,
                     std::size_t length, std::uint64_t value = 0) const;

  ByteView data_;
  std::size_t pos_ = 0;
  std::size_t base_ = 0;
  FieldRecorder* rec_ = nullptr;
  std::size_t node_ = RecordedField::top;
};

}  // namespace glass::core
