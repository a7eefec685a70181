#pragma once
// Byte builder with length-prefixed blocks whose length is back-patched when the
// block ends. A block that outgrows its prefix (or a value that outgrows its
// width) marks the writer failed; take() then returns the error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::core {

class Writer {
 public:
  // Most messages fit: one allocation instead of a doubling series from 1 byte.
  static constexpr std::size_t initial_capacity = 256;
  Writer() { buf_.reserve(initial_capacity); }
  explicit Writer(std::size_t reserve) { buf_.reserve(reserve); }

  void u8(std::uint8_t v) { buf_.push_back(v); }
  void u16(std::uint16_t v);
  void u24(std::uint32_t v);
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void bytes(ByteView b) { append(buf_, b); }
  void zeros(std::size_t n) { buf_.insert(buf_.end(), n, 0); }

  // w.vec16([&]{ ... }) writes a 2-byte length, runs the body, then patches the length.
  template <class F>
  void vec8(F&& body) { block(1, std::forward<F>(body)); }
  template <class F>
  void vec16(F&& body) { block(2, std::forward<F>(body)); }
  template <class F>
  void vec24(F&& body) { block(3, std::forward<F>(body)); }
  void opaque8(ByteView b) { vec8([&] { bytes(b); }); }
  void opaque16(ByteView b) { vec16([&] { bytes(b); }); }
  void opaque24(ByteView b) { vec24([&] { bytes(b); }); }

  bool ok() const { return error_.empty(); }
  std::size_t size() const { return buf_.size(); }
  const Bytes& buffer() const { return buf_; }
  // The bytes written, or internal_error naming the block that overflowed.
  Result<Bytes> take();
  // The bytes written, moved out whether or not a block overflowed (for callers
  // that copied buffer() before and check ok() themselves, if at all).
  Bytes release() { return std::move(buf_); }

 private:
  template <class F>
  void block(unsigned len_bytes, F&& body) {
    std::size_t at = buf_.size();
    zeros(len_bytes);
    body();
    patch(at, len_bytes);
  }
  void patch(std::size_t at, unsigned len_bytes);
  void fail(std::string why);

  Bytes buf_;
  std::string error_;
};

}  // namespace glass::core
