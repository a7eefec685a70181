#include "inspect/dissect_util.hpp"

#include <cstdio>

#include "core/hex.hpp"
#include "x509/name.hpp"

namespace glass::inspect::detail {

bool fail(Field& parent, std::size_t off, std::string reason) {
  parent.add(leaf("error", off, 0, std::move(reason),
                  "the bytes end here or break the format; nothing after this was dissected"));
  return false;
}

bool fail(Field& parent, const Reader& r, const core::Error& e) {
  return fail(parent, r.offset(), e.reason);
}

bool expect_end(Field& parent, const Reader& r, const std::string& what) {
  if (r.empty()) return true;
  return fail(parent, r.offset(),
              nbytes(r.remaining()) + " of trailing data at offset " + std::to_string(r.offset()) +
                  " after " + what);
}

std::string nbytes(std::size_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string hex_short(ByteView b, std::size_t max) {
  if (b.size() <= max) return core::to_hex(b);
  return core::to_hex(b.first(max)) + "… (" + nbytes(b.size()) + ")";
}

std::string quoted(ByteView b) {
  std::string out = "\"";
  for (auto c : b) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::optional<std::uint8_t> u8(Reader& r, Field& p, const char* name, std::string (*fmt)(std::uint8_t),
                               std::string note) {
  std::size_t off = r.offset();
  auto v = r.u8(name);
  if (!v) {
    fail(p, r, v.error());
    return std::nullopt;
  }
  p.add(leaf(name, off, 1, fmt ? fmt(*v) : fmt_dec8(*v), std::move(note)));
  return *v;
}

std::optional<std::uint16_t> u16(Reader& r, Field& p, const char* name,
                                 std::string (*fmt)(std::uint16_t), std::string note) {
  std::size_t off = r.offset();
  auto v = r.u16(name);
  if (!v) {
    fail(p, r, v.error());
    return std::nullopt;
  }
  p.add(leaf(name, off, 2, fmt ? fmt(*v) : fmt_dec16(*v), std::move(note)));
  return *v;
}

std::optional<std::uint32_t> u24(Reader& r, Field& p, const char* name, std::string note) {
  std::size_t off = r.offset();
  auto v = r.u24(name);
  if (!v) {
    fail(p, r, v.error());
    return std::nullopt;
  }
  p.add(leaf(name, off, 3, std::to_string(*v), std::move(note)));
  return *v;
}

std::string fmt_version(std::uint16_t v) { return version_code_label(v); }
std::string fmt_dec8(std::uint8_t v) { return std::to_string(v); }
std::string fmt_dec16(std::uint16_t v) { return std::to_string(v); }

void shift_offsets(Field& f, std::size_t by) {
  f.offset += by;
  for (auto& c : f.children) shift_offsets(c, by);
}

std::string dn_text(ByteView der) {
  auto n = x509::Name::parse(der, "DistinguishedName");
  if (!n) return "(not a valid DistinguishedName: " + n.error().reason + ")";
  std::string s = n->to_string();
  return s.empty() ? "(empty name)" : s;
}

}  // namespace glass::inspect::detail
