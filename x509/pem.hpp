#pragma once
// PEM (RFC 7468) blocks and DER autodetection. Text outside BEGIN/END lines is
// ignored, as OpenSSL does, so a file may carry comments or `openssl x509 -text`
// output between blocks; inside a block, bad base64 is an error naming the line.
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

// "-----BEGIN label-----\n" + base64 in 64-column lines + "-----END label-----\n".
std::string encode(std::string_view label, ByteView der);

// Base64 (RFC 4648) without line breaks, and its strict decoder (padding required).
std::string base64_encode(ByteView b);
core::Result<Bytes> base64_decode(std::string_view s);

}  // namespace glass::x509::pem
