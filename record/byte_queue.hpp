#pragma once
// ByteQueue: the record layer's I/O buffer. Bytes are appended at the back and
// consumed from the front; growing does not zero-fill (the caller writes the new
// bytes at once), and consumed space is reused, so a steady stream of records
// allocates once. A queue made with `secret` holds plaintext: its storage is
// wiped when it is freed or outgrown (once, not on every append or consume).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/bytes.hpp"

namespace glass::record {

class ByteQueue {
 public:
  explicit ByteQueue(bool secret = false) : secret_(secret) {}
  ~ByteQueue();
  ByteQueue(ByteQueue&& o) noexcept;
  ByteQueue& operator=(ByteQueue&& o) noexcept;
  ByteQueue(const ByteQueue&) = delete;
  ByteQueue& operator=(const ByteQueue&) = delete;

  // The unconsumed bytes; valid until the next call that changes the queue.
  core::ByteView view() const { return {data_.get() + head_, tail_ - head_}; }
  std::size_t size() const { return tail_ - head_; }
  bool empty() const { return tail_ == head_; }

  // `n` writable, uninitialised bytes at the back (they count as queued).
  std::uint8_t* grow(std::size_t n);
  // Drops the last `n` queued bytes (wiped first in a secret queue).
  void drop_back(std::size_t n);
  void append(core::ByteView b);
  // Drops the first `n` queued bytes (at most size()).
  void consume(std::size_t n);
  void clear() { head_ = tail_ = 0; }
  // A copy of the queued bytes, which are consumed.
  core::Bytes take();

 private:
  void release();

  std::unique_ptr<std::uint8_t[]> data_;
  std::size_t cap_ = 0;
  std::size_t head_ = 0;
  std::size_t tail_ = 0;
  bool secret_ = false;
};

}  // namespace glass::record
