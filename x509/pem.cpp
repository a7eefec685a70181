#include "x509/pem.hpp"

namespace glass::x509::pem {

using core::Alert;
using core::make_error;

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// "-----BEGIN X-----" → X; nullopt-like empty+false when the line is not one.
bool boundary(std::string_view line, std::string_view prefix, std::string& label) {
  line = trim(line);
  if (line.size() < prefix.size() + kDashes.size() || line.substr(0, prefix.size()) != prefix ||
      line.substr(line.size() - kDashes.size()) != kDashes)
    return false;
  label = std::string(line.substr(prefix.size(), line.size() - prefix.size() - kDashes.size()));
  return true;
}

core::Error bad_line(std::size_t line, std::string why) {
  return make_error(Alert::decode_error, "PEM line " + std::to_string(line) + ": " + why);
}

}  // namespace

std::string_view Block::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

bool looks_like_pem(ByteView input) {
  return core::as_chars(input).find(kBegin) != std::string_view::npos;
}

std::string base64_encode(ByteView b) {
  std::string out;
  out.reserve((b.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    std::uint32_t v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (b.size() - i == 1) {
    std::uint32_t v = b[i] << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out += "==";
  } else if (b.size() - i == 2) {
    std::uint32_t v = (b[i] << 16) | (b[i + 1] << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

core::Result<Bytes> base64_decode(std::string_view s) {
  if (s.size() % 4 != 0)
    return make_error(Alert::decode_error,
                      "base64 length " + std::to_string(s.size()) + " is not a multiple of 4");
  Bytes out;
  out.reserve(s.size() / 4 * 3);
  for (std::size_t i = 0; i < s.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = s[i + j];
      if (c == '=') {
        // Padding only in the last quantum, and only at its end.
        if (i + 4 != s.size() || j < 2)
          return make_error(Alert::decode_error,
                            "base64 padding '=' in the middle at character " + std::to_string(i + j));
        v[j] = 0;
        ++pad;
      } else {
        if (pad) return make_error(Alert::decode_error, "base64 data after padding");
        v[j] = b64_value(c);
        if (v[j] < 0)
          return make_error(Alert::decode_error, "invalid base64 character at " + std::to_string(i + j));
      }
    }
    std::uint32_t w = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push_back(static_cast<std::uint8_t>(w >> 16));
    if (pad < 2) out.push_back(static_cast<std::uint8_t>(w >> 8));
    if (pad < 1) out.push_back(static_cast<std::uint8_t>(w));
  }
  return out;
}

core::Result<std::vector<Block>> decode(ByteView input) {
  std::string_view text = core::as_chars(input);
  std::vector<Block> blocks;
  bool inside = false;
  bool in_headers = false;
  bool seen_padding = false;
  std::size_t padding_line = 0;
  std::string b64;
  Block cur;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    std::string label;
    if (!inside) {
      if (boundary(line, kBegin, label)) {
        inside = true;
        in_headers = true;
        seen_padding = false;
        b64.clear();
        cur = Block{};
        cur.label = label;
        cur.line = line_no;
      }
      continue;  // anything else outside a block is commentary
    }
    if (boundary(line, kEnd, label)) {
      if (label != cur.label)
        return bad_line(line_no, "END label '" + label + "' does not match BEGIN label '" +
                                     cur.label + "' of line " + std::to_string(cur.line));
      auto data = base64_decode(b64);
      core::secure_wipe(b64);
      if (!data)
        return bad_line(line_no, "block '" + cur.label + "' (line " + std::to_string(cur.line) +
                                     "): " + data.error().reason);
      cur.data = core::SecretBytes(std::move(*data));
      blocks.push_back(std::move(cur));
      cur = Block{};
      inside = false;
      continue;
    }
    if (boundary(line, kBegin, label))
      return bad_line(line_no, "BEGIN '" + label + "' inside block '" + cur.label +
                                   "' of line " + std::to_string(cur.line) + " (missing END line)");
    std::string_view t = trim(line);
    if (in_headers) {
      // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") precede a blank line.
      auto colon = t.find(':');
      if (colon != std::string_view::npos) {
        cur.headers.emplace_back(std::string(trim(t.substr(0, colon))),
                                 std::string(trim(t.substr(colon + 1))));
        continue;
      }
      if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !cur.headers.empty()) {
        cur.headers.back().second += std::string(t);  // continuation line
        continue;
      }
      in_headers = false;
      if (t.empty()) continue;
    }
    if (t.empty()) continue;
    for (std::size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (is_space(c)) continue;
      if (c == '=') {
        seen_padding = true;
        padding_line = line_no;
      } else if (b64_value(c) < 0) {
        return bad_line(line_no, std::string("invalid base64 character '") +
                                     (c >= 0x20 && c < 0x7f ? std::string(1, c) : "?") +
                                     "' in block '" + cur.label + "'");
      } else if (seen_padding) {
        return bad_line(line_no, "base64 continues after the '=' padding of line " +
                                     std::to_string(padding_line));
      }
      b64.push_back(c);
    }
  }
  if (inside)
    return bad_line(cur.line, "block '" + cur.label + "' has no END line");
  if (blocks.empty()) return make_error(Alert::decode_error, "no PEM block found");
  return blocks;
}

core::Result<std::vector<Block>> decode_any(ByteView input) {
  if (looks_like_pem(input)) return decode(input);
  if (input.empty()) return make_error(Alert::decode_error, "empty input");
  if (input[0] != 0x30)
    return make_error(Alert::decode_error,
                      "input is neither PEM (no '-----BEGIN' line) nor DER (does not start with a SEQUENCE)");
  std::vector<Block> out(1);
  out[0].data = core::SecretBytes(input);
  out[0].from_der = true;
  return out;
}

std::string encode(std::string_view label, ByteView der) {
  std::string b = base64_encode(der);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < b.size(); i += 64) {
    out.append(b, i, 64);
    out.push_back('\n');
  }
  out += "-----END " + std::string(label) + "-----\n";
  core::secure_wipe(b);
  return out;
}

}  // namespace glass::x509::pem
