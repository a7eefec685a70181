#include "record/byte_queue.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "record/content_type.hpp"

namespace glass::record {

ByteQueue::~ByteQueue() { release(); }

ByteQueue::ByteQueue(ByteQueue&& o) noexcept
    : data_(std::move(o.data_)), cap_(std::exchange(o.cap_, 0)),
      head_(std::exchange(o.head_, 0)), tail_(std::exchange(o.tail_, 0)), secret_(o.secret_) {}

ByteQueue& ByteQueue::operator=(ByteQueue&& o) noexcept {
  if (this != &o) {
    release();
    data_ = std::move(o.data_);
    cap_ = std::exchange(o.cap_, 0);
    head_ = std::exchange(o.head_, 0);
    tail_ = std::exchange(o.tail_, 0);
    secret_ = o.secret_;
  }
  return *this;
}

void ByteQueue::release() {
  if (secret_ && data_) core::secure_wipe(data_.get(), cap_);
  data_.reset();
  cap_ = head_ = tail_ = 0;
}

std::uint8_t* ByteQueue::grow(std::size_t n) {
  if (head_ == tail_) head_ = tail_ = 0;
  if (cap_ - tail_ < n) {
    const std::size_t live = tail_ - head_;
    if (head_ > 0 && cap_ - live >= n && live <= cap_ / 2) {
      // Enough room once the consumed front is reused.
      std::memmove(data_.get(), data_.get() + head_, live);
    } else {
      const std::size_t cap = std::max({live + n, cap_ * 2, std::size_t{256}});
      std::unique_ptr<std::uint8_t[]> fresh(new std::uint8_t[cap]);
      if (live) std::memcpy(fresh.get(), data_.get() + head_, live);
      release();
      data_ = std::move(fresh);
      cap_ = cap;
    }
    head_ = 0;
    tail_ = live;
  }
  std::uint8_t* p = data_.get() + tail_;
  tail_ += n;
  return p;
}

void ByteQueue::drop_back(std::size_t n) {
  n = std::min(n, size());
  if (secret_ && n) core::secure_wipe(data_.get() + tail_ - n, n);
  tail_ -= n;
}

void ByteQueue::append(core::ByteView b) {
  if (b.empty()) return;
  std::memcpy(grow(b.size()), b.data(), b.size());
}

namespace {
// Storage an emptied queue keeps for reuse: two full protected records. Beyond that
// (an application that let max_unread_app_data fill, one large write) it is freed,
// so an idle connection does not hold on to a burst's buffers.
constexpr std::size_t keep_when_empty = 2 * (header_size + max_plaintext + 256);
}  // namespace

void ByteQueue::consume(std::size_t n) {
  head_ += std::min(n, size());
  if (head_ == tail_) {
    head_ = tail_ = 0;
    if (cap_ > keep_when_empty) release();
  }
}

core::Bytes ByteQueue::take() {
  auto v = view();
  core::Bytes out(v.begin(), v.end());
  clear();
  return out;
}

}  // namespace glass::record
