#pragma once
// A field tree: what the dissectors produce and every renderer (text, JSON,
// HTML) consumes. Offsets are relative to the first byte of the bytes that were
// dissected (for a handshake message, its 4-byte header starts at 0).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace glass::inspect {

struct Field {
  std::string name;         // "cipher_suite", "extension", "error"
  std::size_t offset = 0;   // first byte, relative to the dissected bytes
  std::size_t length = 0;   // bytes covered (0 for a purely informative node)
  std::string value;        // decoded value as text: "x25519 (0x001d)", "32 bytes"
  std::string note;         // what the field is for, in plain words
  std::vector<Field> children;

  // Appends a child and returns a reference to it (valid until the next add).
  Field& add(Field f) {
    children.push_back(std::move(f));
    return children.back();
  }
  // First node named `n` in depth-first order (this node included), or nullptr.
  const Field* find(std::string_view n) const {
    if (name == n) return this;
    for (const auto& c : children)
      if (const Field* f = c.find(n)) return f;
    return nullptr;
  }
  // All nodes named `n`, depth-first.
  std::vector<const Field*> find_all(std::string_view n) const {
    std::vector<const Field*> out;
    collect(n, out);
    return out;
  }
  // True when the tree holds an "error" node (malformed or truncated input).
  bool has_error() const { return find("error") != nullptr; }

 private:
  void collect(std::string_view n, std::vector<const Field*>& out) const {
    if (name == n) out.push_back(this);
    for (const auto& c : children) c.collect(n, out);
  }
};

}  // namespace glass::inspect
