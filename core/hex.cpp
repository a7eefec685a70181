#include "core/hex.hpp"

#include <cstdio>
#include <cstdlib>

namespace glass::core {

std::string to_hex(ByteView b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(b.size() * 2);
  for (auto x : b) {
    s.push_back(digits[x >> 4]);
    s.push_back(digits[x & 15]);
  }
  return s;
}

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Result<Bytes> from_hex(std::string_view s) {
  Bytes out;
  out.reserve(s.size() / 2);
  int hi = -1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':') continue;
    int v = nibble(c);
    if (v < 0)
      return make_error(Alert::decode_error,
                        "invalid hex character '" + std::string(1, c) + "' at position " +
                            std::to_string(i));
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<std::uint8_t>((hi << 4) | v));
      hi = -1;
    }
  }
  if (hi >= 0) return make_error(Alert::decode_error, "odd number of hex digits");
  return out;
}

Bytes hex(std::string_view s) {
  auto r = from_hex(s);
  if (!r) {
    std::fprintf(stderr, "glass::core::hex: %s\n", r.error().reason.c_str());
    std::abort();
  }
  return std::move(r).value();
}

}  // namespace glass::core
