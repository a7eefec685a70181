// JSON and HTML escaping. Strings can hold bytes from the peer (names in
// certificates, ALPN values), so invalid UTF-8 becomes U+FFFD before escaping.
#include <cstdio>
#include <string>

#include "inspect/report.hpp"

namespace glass::inspect {

namespace {

// Length of a valid UTF-8 sequence starting at s[i], or 0 when invalid.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xe0) == 0xc0) { n = 2; cp = c & 0x1f; }
  else if ((c & 0xf0) == 0xe0) { n = 3; cp = c & 0x0f; }
  else if ((c & 0xf8) == 0xf0) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

// Copies valid multi-byte UTF-8 through, writes `bad` for each byte that starts
// no valid sequence, and lets `ascii(out, c)` write each single-byte character.
template <class Ascii>
std::string escape_utf8(std::string_view s, std::string_view bad, Ascii ascii) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_len(s, i);
    if (n == 0) {
      out += bad;
      ++i;
    } else if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      ascii(out, s[i++]);
    }
  }
  return out;
}

}  // namespace

std::string json_escape(std::string_view s) {
  return escape_utf8(s, "\\ufffd", [](std::string& out, char c) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        // < > & are escaped too, which keeps the JSON safe to embed in HTML.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  });
}

std::string html_escape(std::string_view s) {
  return escape_utf8(s, "\xef\xbf\xbd" /* U+FFFD */, [](std::string& out, char c) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
          out += "\xef\xbf\xbd";
        else
          out += c;
    }
  });
}

}  // namespace glass::inspect
