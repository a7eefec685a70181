#include "crypto/ecdsa_der.hpp"

#include <string>

namespace glass::crypto {

using core::Alert;
using core::ByteView;
using core::Bytes;
using core::make_error;

namespace {

core::Error bad(const std::string& what) {
  return make_error(Alert::decode_error, "ECDSA signature: " + what);
}

std::string hex2(std::uint8_t b) {
  static const char* d = "0123456789abcdef";
  return std::string("0x") + d[b >> 4] + d[b & 15];
}

// Reads a DER definite length at der[pos]; advances pos. Only minimal forms are
// accepted (short form below 128, 0x81 for 128..255, 0x82 for 256..65535).
core::Result<std::size_t> read_length(ByteView der, std::size_t& pos, const char* what) {
  if (pos >= der.size())
    return bad(std::string("truncated: length of ") + what + " missing at offset " +
               std::to_string(pos));
  std::size_t at = pos;
  std::uint8_t first = der[pos++];
  if (first < 0x80) return std::size_t{first};
  if (first == 0x80)
    return bad(std::string("indefinite length for ") + what + " at offset " +
               std::to_string(at) + " (DER requires definite lengths)");
  std::size_t n = first & 0x7f;
  if (n > 2)
    return bad(std::string("length of ") + what + " at offset " + std::to_string(at) +
               " uses " + std::to_string(n) + " bytes; no ECDSA signature is that long");
  if (der.size() - pos < n)
    return bad(std::string("truncated: length of ") + what + " at offset " +
               std::to_string(at));
  std::size_t len = 0;
  for (std::size_t i = 0; i < n; ++i) len = (len << 8) | der[pos++];
  if ((n == 1 && len < 0x80) || (n == 2 && len < 0x100))
    return bad(std::string("length of ") + what + " at offset " + std::to_string(at) +
               " is not minimally encoded");
  return len;
}

// One INTEGER that must be positive, non-zero and minimally encoded.
core::Result<Bytes> read_integer(ByteView der, std::size_t& pos, std::size_t end,
                                 const char* name) {
  if (pos >= end)
    return bad(std::string("INTEGER ") + name + " missing at offset " + std::to_string(pos));
  std::size_t at = pos;
  if (der[pos] != 0x02)
    return bad(std::string("expected INTEGER (0x02) for ") + name + " at offset " +
               std::to_string(at) + ", found " + hex2(der[pos]));
  ++pos;
  GLASS_TRY(std::size_t len, read_length(der.first(end), pos, name));
  if (len > end - pos)
    return bad(std::string("INTEGER ") + name + " at offset " + std::to_string(at) +
               " claims " + std::to_string(len) + " bytes but only " +
               std::to_string(end - pos) + " remain");
  if (len == 0)
    return bad(std::string("INTEGER ") + name + " at offset " + std::to_string(at) +
               " is empty");
  ByteView v = der.subspan(pos, len);
  if (v[0] & 0x80) return bad(std::string(name) + " is negative");
  if (len > 1 && v[0] == 0x00 && !(v[1] & 0x80))
    return bad(std::string("INTEGER ") + name + " at offset " + std::to_string(at) +
               " is not minimally encoded (superfluous leading 0x00)");
  pos += len;
  std::size_t z = 0;
  while (z < v.size() && v[z] == 0) ++z;
  if (z == v.size()) return bad(std::string(name) + " is zero");
  return Bytes(v.begin() + static_cast<std::ptrdiff_t>(z), v.end());
}

// Minimal definite length (short form below 128, else 0x80|n and n big-endian bytes).
void write_length(Bytes& out, std::size_t len) {
  if (len < 0x80) {
    out.push_back(static_cast<std::uint8_t>(len));
    return;
  }
  std::uint8_t buf[sizeof(std::size_t)];
  std::size_t n = 0;
  for (std::size_t v = len; v != 0; v >>= 8) buf[n++] = static_cast<std::uint8_t>(v);
  out.push_back(static_cast<std::uint8_t>(0x80 | n));
  while (n > 0) out.push_back(buf[--n]);
}

Bytes integer(ByteView v) {
  std::size_t z = 0;
  while (z < v.size() && v[z] == 0) ++z;
  v = v.subspan(z);
  Bytes out{0x02};
  bool pad = v.empty() || (v[0] & 0x80);
  write_length(out, v.size() + (pad ? 1 : 0));
  if (pad) out.push_back(0x00);
  core::append(out, v);
  return out;
}

}  // namespace

core::Result<EcdsaSigValue> ecdsa_sig_decode(ByteView der) {
  if (der.empty()) return bad("empty");
  if (der[0] != 0x30)
    return bad("expected SEQUENCE (0x30) at offset 0, found " + hex2(der[0]));
  std::size_t pos = 1;
  GLASS_TRY(std::size_t len, read_length(der, pos, "SEQUENCE"));
  if (len > der.size() - pos)
    return bad("truncated: SEQUENCE claims " + std::to_string(len) + " bytes but only " +
               std::to_string(der.size() - pos) + " follow");
  std::size_t end = pos + len;
  if (end != der.size())
    return bad(std::to_string(der.size() - end) + " trailing byte(s) at offset " +
               std::to_string(end) + " after the SEQUENCE");
  EcdsaSigValue sig;
  GLASS_TRY(sig.r, read_integer(der, pos, end, "r"));
  GLASS_TRY(sig.s, read_integer(der, pos, end, "s"));
  if (pos != end)
    return bad(std::to_string(end - pos) + " unexpected byte(s) at offset " +
               std::to_string(pos) + " after INTEGER s inside the SEQUENCE");
  return sig;
}

Bytes ecdsa_sig_encode(ByteView r, ByteView s) {
  Bytes body = integer(r);
  core::append(body, integer(s));
  Bytes out{0x30};
  write_length(out, body.size());
  core::append(out, body);
  return out;
}

}  // namespace glass::crypto
