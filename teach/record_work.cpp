#include "teach/record_work.hpp"

#include <fmt/core.h>

#include "core/hex.hpp"
#include "record/content_type.hpp"
#include "teach/explain.hpp"

namespace glass::teach {

namespace {

core::Bytes padded_sequence(std::uint64_t seq) {
  core::Bytes b(12, 0);
  for (std::size_t i = 0; i < 8; ++i) b[11 - i] = static_cast<std::uint8_t>(seq >> (8 * i));
  return b;
}

std::string protection_nonce_lines(const inspect::RecordCrypto& c, bool secrets) {
  const std::string hidden = "(hidden)";
  auto shown = [&](const core::Bytes& b) { return secrets ? core::to_hex(b) : hidden; };
  std::string out;
  if (!c.explicit_nonce.empty()) {
    // RFC 5288 3: salt (from the key block) || explicit nonce (carried in the record).
    out += fmt::format("          write iv (salt)   {}\n", shown(c.write_iv));
    out += fmt::format("          explicit nonce    {}  (the first 8 bytes of the fragment)\n",
                       core::to_hex(c.explicit_nonce));
    out += fmt::format("          nonce = salt || explicit nonce  {}\n", shown(c.nonce));
    return out;
  }
  out += fmt::format("          write iv          {}\n", shown(c.write_iv));
  out += fmt::format("          seq (padded)      {}\n", core::to_hex(padded_sequence(c.seq)));
  out += fmt::format("          nonce = iv XOR seq  {}\n", shown(c.nonce));
  return out;
}

std::string protection_aad_line(const inspect::RecordCrypto& c) {
  if (c.version == 0x0304)
    return fmt::format("          additional data   {}  (the 5-byte record header, RFC 8446 5.2)\n",
                       core::to_hex(c.aad));
  return fmt::format(
      "          additional data   {}  (seq || type || version || length, RFC 5246 6.2.3.3)\n",
      core::to_hex(c.aad));
}

std::string protection_inner_line(const inspect::RecordCrypto& c) {
  const std::string type = record::content_type_name(c.inner_type);
  if (c.version == 0x0304) {
    std::size_t content = c.inner_plaintext.size() - 1 - c.padding;
    return fmt::format(
        "          encrypted: TLSInnerPlaintext, {} bytes = {} bytes of content || type {:02x} ({}) "
        "|| {} zero bytes of padding\n",
        c.inner_plaintext.size(), content, c.inner_type, type, c.padding);
  }
  return fmt::format("          encrypted: {} bytes of {} (no type byte, no padding in TLS 1.2)\n",
                     c.inner_plaintext.size(), type);
}

}  // namespace

std::string record_protection_text(const inspect::RecordCrypto& c, bool secrets) {
  std::string out = fmt::format("        protection ({}, {}), sequence number {}:\n",
                                c.version == 0x0304 ? "TLS 1.3" : "TLS 1.2", c.aead, c.seq);
  out += protection_nonce_lines(c, secrets);
  out += protection_aad_line(c);
  out += protection_inner_line(c);
  out += hex_block(c.inner_plaintext, 64, "            ");
  out += fmt::format("          ciphertext ({} bytes):\n", c.ciphertext.size());
  out += hex_block(c.ciphertext, 64, "            ");
  out += fmt::format("          tag               {}", core::to_hex(c.tag));
  return out;
}

}  // namespace glass::teach
