#pragma once
// PEM (RFC 7468) blocks and DER autodetection. Text outside BEGIN/END lines is
// ignored, as OpenSSL does, so a file may carry comments or `openssl x509 -text`
// output between blocks; inside a block, bad base64 is an error naming the line.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::x509::pem {

using core::ByteView;
using core::Bytes;

struct Block {
  std::string label;  // "CERTIFICATE", "PRIVATE KEY", ...; empty for raw DER input
  // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") of legacy encrypted keys.
  std::vector<std::pair<std::string, std::string>> headers;
  core::SecretBytes data;  // decoded contents (may be a private key: wiped on destruction)
  std::size_t line = 0;    // 1-based line of the BEGIN line (0 for DER)
  bool from_der = false;

  std::string_view header(std::string_view name) const;
};

// True when the input contains a "-----BEGIN " line.
bool looks_like_pem(ByteView input);

// Every block of a PEM text, in order. decode_error (with the line number) for an
// unterminated block, a mismatched END label or malformed base64; an input with
// no block at all is also decode_error.
core::Result<std::vector<Block>> decode(ByteView text);

// PEM when the input looks like PEM, otherwise one Block holding the input when it
// starts like a DER SEQUENCE (label empty, from_der set).
core::Result<std::vector<Block>> decode_any(ByteView input);

// The objects of a file: each block labelled one of `labels` (or the DER input)
// through parse(Bytes) -> Result<T>. An error names the object ("CRL 2 (PEM line
// 31): ..."); a file with none of them is decode_error "no <labels[0]> found".
template <class T, class Parse>
core::Result<std::vector<T>> parse_blocks(ByteView input, std::initializer_list<std::string_view> labels,
                                          const std::string& what, Parse parse) {
  GLASS_TRY(auto blocks, decode_any(input));
  std::vector<T> out;
  std::size_t n = 0;
  for (const auto& b : blocks) {
    bool wanted = b.from_der;
    for (auto l : labels) wanted = wanted || b.label == l;
    if (!wanted) continue;  // keys and other blocks may share the file
    ++n;
    auto item = parse(core::to_bytes(b.data.view()));
    if (!item) {
      auto e = std::move(item).error();
      std::string where = what + " " + std::to_string(n) +
                          (b.from_der ? std::string(" (DER)")
                                      : " (PEM line " + std::to_string(b.line) + ")");
      return core::make_error(e.alert, where + ": " + e.reason);
    }
    out.push_back(std::move(*item));
  }
  if (out.empty())
    return core::make_error(core::Alert::decode_error,
                            "no " + std::string(*labels.begin()) + " found in the input");
  return out;
}

// "-----BEGIN label-----\n" + base64 in 64-column lines + "-----END label-----\n".
std::string encode(std::string_view label, ByteView der);

// Base64 (RFC 4648) without line breaks, and its strict decoder (padding required).
std::string base64_encode(ByteView b);
core::Result<Bytes> base64_decode(std::string_view s);

}  // namespace glass::x509::pem
