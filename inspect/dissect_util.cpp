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

std::optional<std::uint32_t> u32(Reader& r, Field& p, const char* name, std::string (*fmt)(std::uint32_t),
                                 std::string note) {
  std::size_t off = r.offset();
  auto v = r.u32(name);
  if (!v) {
    fail(p, r, v.error());
    return std::nullopt;
  }
  p.add(leaf(name, off, 4, fmt ? fmt(*v) : fmt_dec32(*v), std::move(note)));
  return *v;
}

std::optional<ByteView> fixed(Reader& r, Field& p, const char* name, std::size_t n, std::string note) {
  std::size_t off = r.offset();
  auto v = r.bytes(n, name);
  if (!v) {
    fail(p, r, v.error());
    return std::nullopt;
  }
  p.add(leaf(name, off, n, nbytes(n), std::move(note)));
  return *v;
}

std::optional<Reader> vec(Reader& r, Field& node, int len_bytes, std::size_t min, std::size_t max) {
  node.offset = r.offset();
  const char* what = node.name.c_str();
  std::size_t len = 0;
  if (len_bytes == 1) {
    auto v = r.u8(what);
    if (!v) { fail(node, r, v.error()); return std::nullopt; }
    len = *v;
  } else if (len_bytes == 2) {
    auto v = r.u16(what);
    if (!v) { fail(node, r, v.error()); return std::nullopt; }
    len = *v;
  } else {
    auto v = r.u24(what);
    if (!v) { fail(node, r, v.error()); return std::nullopt; }
    len = *v;
  }
  node.add(leaf("length", node.offset, static_cast<std::size_t>(len_bytes), nbytes(len),
                "how many bytes of " + node.name + " follow"));
  node.length = static_cast<std::size_t>(len_bytes);
  if (len < min || len > max) {
    fail(node, node.offset,
         node.name + " length " + std::to_string(len) + " at offset " + std::to_string(node.offset) +
             " outside allowed range " + std::to_string(min) + ".." + std::to_string(max));
    return std::nullopt;
  }
  std::size_t body_off = r.offset();
  auto body = r.bytes(len, what);
  if (!body) {
    node.length += r.remaining();
    fail(node, r, body.error());
    return std::nullopt;
  }
  node.length += len;
  return Reader(*body, body_off);
}

std::optional<ByteView> opaque(Reader& r, Field& p, const char* name, int len_bytes,
                               std::string note, std::size_t min, std::size_t max) {
  Field f = leaf(name, r.offset(), 0, {}, std::move(note));
  auto body = vec(r, f, len_bytes, min, max);
  if (!body) {
    p.add(std::move(f));
    return std::nullopt;
  }
  f.value = nbytes(body->remaining());
  if (!body->empty())
    f.add(leaf("bytes", body->offset(), body->remaining(), nbytes(body->remaining()), {}));
  p.add(std::move(f));
  return body->data();
}

std::string fmt_suite(std::uint16_t v) { return suite_label(v); }
std::string fmt_group(std::uint16_t v) { return group_label(v); }
std::string fmt_scheme(std::uint16_t v) { return scheme_label(v); }
std::string fmt_version(std::uint16_t v) { return version_code_label(v); }
std::string fmt_dec8(std::uint8_t v) { return std::to_string(v); }
std::string fmt_dec16(std::uint16_t v) { return std::to_string(v); }
std::string fmt_dec32(std::uint32_t v) { return std::to_string(v); }

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
