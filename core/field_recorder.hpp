#pragma once
// What a Reader saw, field by field: an optional log a parser fills without
// knowing it (core::Reader::record_into). inspect turns it into annotated
// field trees; ordinary parsing has no recorder and pays one branch per read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace glass::core {

struct RecordedField {
  enum class Kind : std::uint8_t {
    scalar,  // u8..u64: `value` holds the number
    bytes,   // fixed-size or remaining bytes
    vector,  // length-prefixed block read as a sub-reader (vec8/16/24): fields nest under it
    opaque,  // length-prefixed block returned as bytes (opaque8/16/24)
    error,   // the read failed here; `error` says why
  };
  static constexpr std::size_t top = static_cast<std::size_t>(-1);

  Kind kind = Kind::bytes;
  std::string name;             // the parser's `what` argument ("" when unnamed)
  std::size_t offset = 0;       // absolute offset of the first byte
  std::size_t length = 0;       // bytes covered (a vector: prefix + body)
  std::uint8_t prefix = 0;      // length-prefix bytes of a block (0: the prefix itself was cut short)
  bool complete = true;         // false for a vector whose body is cut short
  std::uint64_t value = 0;      // scalar value, or a block's announced body length
  std::size_t parent = top;     // index of the enclosing vector, or `top`
  std::string error;            // Kind::error: the reason the parser returned
};

class FieldRecorder {
 public:
  // Appends a field under `f.parent` (an earlier index, or `top`); returns its index.
  std::size_t add(RecordedField f);
  const std::vector<RecordedField>& fields() const { return fields_; }
  RecordedField& operator[](std::size_t i) { return fields_[i]; }
  // Indexes of the fields directly under `parent`, in reading order.
  std::vector<std::size_t> children(std::size_t parent) const;
  // True when some read failed (an error field was recorded).
  bool failed() const { return failed_; }
  void clear();

 private:
  std::vector<RecordedField> fields_;
  std::vector<std::vector<std::size_t>> kids_;  // per field, then `top` last
  std::vector<std::size_t> top_kids_;
  bool failed_ = false;
};

}  // namespace glass::core
