#include "inspect/text.hpp"

#include <cstdio>

#include "core/hex.hpp"

namespace glass::inspect {

namespace {

const char* kDim = "\x1b[2m";
const char* kName = "\x1b[1m";
const char* kValue = "\x1b[36m";
const char* kErr = "\x1b[1;31m";
const char* kReset = "\x1b[0m";

std::string range(const Field& f) {
  char buf[48];
  if (f.length == 0)
    std::snprintf(buf, sizeof buf, "[%04zx     ]", f.offset);
  else
    std::snprintf(buf, sizeof buf, "[%04zx-%04zx]", f.offset, f.offset + f.length - 1);
  return buf;
}

std::string spaced_hex(core::ByteView b) {
  std::string h = core::to_hex(b), out;
  for (std::size_t i = 0; i < h.size(); i += 2) {
    if (i) out += ' ';
    out += h.substr(i, 2);
  }
  return out;
}

void render(const Field& f, core::ByteView bytes, const TextStyle& st, int depth, std::string& out) {
  const bool err = f.name == "error";
  auto c = [&](const char* code) { return st.colour ? std::string(code) : std::string(); };
  std::string line(static_cast<std::size_t>(depth) * 2, ' ');
  line += c(kDim) + range(f) + c(kReset) + " ";
  line += c(err ? kErr : kName) + f.name + c(kReset);
  if (!f.value.empty()) line += "  " + c(err ? kErr : kValue) + f.value + c(kReset);
  // Hex only for leaves that lie inside the bytes we were given.
  if (f.children.empty() && f.length > 0 && !bytes.empty() && f.offset <= bytes.size() &&
      f.length <= bytes.size() - f.offset) {
    auto part = bytes.subspan(f.offset, f.length);
    if (part.size() <= st.max_hex)
      line += "  " + c(kDim) + spaced_hex(part) + c(kReset);
    else
      line += "  " + c(kDim) + spaced_hex(part.first(st.max_hex)) + " … (" +
              std::to_string(part.size()) + " bytes)" + c(kReset);
  }
  if (st.notes && !f.note.empty()) line += "  " + c(kDim) + "-- " + f.note + c(kReset);
  out += line + "\n";
  for (const auto& ch : f.children) render(ch, bytes, st, depth + 1, out);
}

}  // namespace

std::string render_tree(const Field& f, core::ByteView bytes, const TextStyle& style) {
  std::string out;
  render(f, bytes, style, 0, out);
  return out;
}

std::string hex_dump(core::ByteView bytes, std::size_t base) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 16) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06zx  ", base + i);
    out += buf;
    std::string ascii;
    for (std::size_t j = 0; j < 16; ++j) {
      if (i + j < bytes.size()) {
        std::uint8_t b = bytes[i + j];
        std::snprintf(buf, sizeof buf, "%02x ", b);
        out += buf;
        ascii += (b >= 0x20 && b < 0x7f) ? static_cast<char>(b) : '.';
      } else {
        out += "   ";
      }
      if (j == 7) out += ' ';
    }
    out += " |" + ascii + "|\n";
  }
  return out;
}

}  // namespace glass::inspect
