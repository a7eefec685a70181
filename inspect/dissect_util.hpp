#pragma once
// Internal helpers shared by the dissectors: read a value through core::Reader
// and append the matching Field, or append an "error" node and report failure
// (the message header, records and alerts; handshake bodies come from the
// parsers, see wire_tree.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include "core/field_recorder.hpp"
#include "core/reader.hpp"
#include "inspect/dissect.hpp"
#include "inspect/field.hpp"

namespace glass::inspect::detail {

using core::ByteView;
using core::Reader;

// Where an extension block sits: the same code point means different things
// in a ClientHello, a ServerHello, a HelloRetryRequest, ...
enum class ExtCtx : std::uint8_t {
  client_hello,
  server_hello,
  hello_retry_request,
  encrypted_extensions,
  certificate_request,
  certificate_entry,
  new_session_ticket,
};

inline Field leaf(std::string name, std::size_t off, std::size_t len, std::string value,
                  std::string note = {}) {
  Field f;
  f.name = std::move(name);
  f.offset = off;
  f.length = len;
  f.value = std::move(value);
  f.note = std::move(note);
  return f;
}

// Appends an "error" node at `off` and returns false.
bool fail(Field& parent, std::size_t off, std::string reason);
bool fail(Field& parent, const Reader& r, const core::Error& e);
// Error unless `r` is exhausted ("3 trailing bytes after key_share").
bool expect_end(Field& parent, const Reader& r, const std::string& what);

std::string nbytes(std::size_t n);  // "1 byte", "32 bytes"
// "1 certificate", "3 certificates"
std::string counted(std::size_t n, const char* one, const char* many);
std::string hex_short(ByteView b, std::size_t max = 16);
// Printable ASCII shown quoted; anything else escaped as \xNN.
std::string quoted(ByteView b);

std::optional<std::uint8_t> u8(Reader& r, Field& p, const char* name, std::string (*fmt)(std::uint8_t),
                               std::string note);
std::optional<std::uint16_t> u16(Reader& r, Field& p, const char* name,
                                 std::string (*fmt)(std::uint16_t), std::string note);
std::optional<std::uint32_t> u24(Reader& r, Field& p, const char* name, std::string note);
std::string fmt_version(std::uint16_t v);
std::string fmt_dec8(std::uint8_t v);
std::string fmt_dec16(std::uint16_t v);

// The recorded "extensions" block `node` (read by handshake::Extensions::parse)
// as an "extensions" node of `p`: one node per extension, named after it, its
// body read by the matching parser of handshake/extensions_typed.hpp into
// `rec`. `data` is the dissected buffer (offset 0). False after an error.
bool extensions_tree(core::FieldRecorder& rec, std::size_t node, ByteView data, ExtCtx ctx, Field& p);
// One DER certificate as a complete field tree ("certificate": tbs_certificate
// with every field and extension, signature_algorithm, signature_value) added
// to `entry`, whose value becomes "X.509 v3: <subject>". `base` is where the
// DER starts in the dissected bytes (dissect_certificate.cpp).
void certificate_tree(ByteView der, std::size_t base, Field& entry);
// Adds `by` to the offsets of f and its whole subtree.
void shift_offsets(Field& f, std::size_t by);
// RFC 4514 text of a DER DistinguishedName, or a note that it does not parse.
std::string dn_text(ByteView der);

}  // namespace glass::inspect::detail
