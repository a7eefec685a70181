#pragma once
// Byte containers shared by every layer.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace glass::core {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutByteView = std::span<std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes to_bytes(ByteView b) { return Bytes(b.begin(), b.end()); }

inline void append(Bytes& out, ByteView b) { out.insert(out.end(), b.begin(), b.end()); }

inline Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (auto p : parts) append(out, p);
  return out;
}

inline bool equal(ByteView a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// Constant-time comparison for MACs, tags and Finished values.
bool ct_equal(ByteView a, ByteView b);

// Overwrites memory in a way the optimiser may not remove.
void secure_wipe(void* p, std::size_t n);
inline void secure_wipe(Bytes& b) { secure_wipe(b.data(), b.size()); }
inline void secure_wipe(std::string& s) { secure_wipe(s.data(), s.size()); }

// Owning byte buffer for keys and secrets: wiped when it dies or is reassigned.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t n) : b_(n) {}
  explicit SecretBytes(ByteView v) : b_(v.begin(), v.end()) {}
  explicit SecretBytes(Bytes&& v) : b_(std::move(v)) {}
  SecretBytes(const SecretBytes& o) : b_(o.b_) {}
  SecretBytes(SecretBytes&& o) noexcept : b_(std::move(o.b_)) { o.b_.clear(); }
  SecretBytes& operator=(const SecretBytes& o) {
    if (this != &o) { secure_wipe(b_); b_ = o.b_; }
    return *this;
  }
  SecretBytes& operator=(SecretBytes&& o) noexcept {
    if (this != &o) { secure_wipe(b_); b_ = std::move(o.b_); o.b_.clear(); }
    return *this;
  }
  ~SecretBytes() { secure_wipe(b_); }

  std::uint8_t* data() { return b_.data(); }
  const std::uint8_t* data() const { return b_.data(); }
  std::size_t size() const { return b_.size(); }
  bool empty() const { return b_.empty(); }
  ByteView view() const { return b_; }
  MutByteView mut() { return b_; }
  operator ByteView() const { return b_; }
  // Resizing may reallocate: wipe the old storage first.
  void resize(std::size_t n);
  std::uint8_t& operator[](std::size_t i) { return b_[i]; }
  std::uint8_t operator[](std::size_t i) const { return b_[i]; }

 private:
  Bytes b_;
};

}  // namespace glass::core
