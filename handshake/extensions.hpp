#pragma once
// The generic extension block carried by hellos, EncryptedExtensions,
// CertificateRequest, certificate entries and NewSessionTicket:
//   Extension extensions<min..2^16-1>;  struct { ExtensionType; opaque data<0..2^16-1>; }
// Extensions are kept in wire order with their raw bodies; typed views live in
// handshake/extensions/ (one header per family) and are read with get<E>() / written
// with set(E).
// RFC 8446 4.2's "which extension may appear in which message" table is here too.
#include <optional>
#include <string>
#include <vector>

#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct Extension {
  ExtensionType type{};
  core::Bytes data;
  // Absolute offset of `data` in the parsed buffer (for field trees and error
  // messages); not part of the wire form and ignored by ==.
  std::size_t offset = 0;

  bool operator==(const Extension& o) const { return type == o.type && data == o.data; }
};

// Where an extension block sits (RFC 8446 4.2 table columns). TLS 1.2 hellos use
// client_hello / server_hello.
enum class ExtensionContext : std::uint8_t {
  client_hello,
  server_hello,
  hello_retry_request,
  encrypted_extensions,
  certificate,  // CertificateEntry extensions
  certificate_request,
  new_session_ticket,
};
std::string_view name_of(ExtensionContext c);  // "ClientHello", "HelloRetryRequest", ...

class Extensions {
 public:
  Extensions() = default;

  // Reads `Extension extensions<min..max>` (the u16 length included) from r;
  // decode_error for malformed blocks, illegal_parameter "duplicate extension
  // key_share in ClientHello" for repeated types (RFC 8446 4.2, RFC 5246 7.4.1.4).
  static core::Result<Extensions> parse(core::Reader& r, ExtensionContext where,
                                        std::size_t min = 0, std::size_t max = 0xffff);
  // Writes the u16-length-prefixed block.
  void serialize(core::Writer& w) const;

  const std::vector<Extension>& list() const { return list_; }
  std::size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  bool has(ExtensionType t) const { return find(t) != nullptr; }
  const Extension* find(ExtensionType t) const;

  // Appends (or replaces in place, keeping the position) a raw extension.
  void set_raw(ExtensionType t, core::Bytes data);
  void remove(ExtensionType t);
  // The list itself, for tampering and replays (reorder, duplicate): nothing is checked.
  std::vector<Extension>& raw_list() { return list_; }

  // Typed read: nullopt if absent, the parsed body if present, or the parse error
  // ("key_share extension: ...").
  template <class E>
  core::Result<std::optional<E>> get() const {
    const Extension* e = find(E::type);
    if (!e) return std::optional<E>{};
    auto r = parse_body<E>(*e);
    if (!r) return std::move(r).error();
    return std::optional<E>(std::move(*r));
  }
  // Typed read of an extension that must be there: missing_extension otherwise.
  template <class E>
  core::Result<E> require(ExtensionContext where) const {
    const Extension* e = find(E::type);
    if (!e) return missing(E::type, where);
    return parse_body<E>(*e);
  }
  // Typed write: serialises `body` and appends or replaces it.
  template <class E>
  void set(const E& body) {
    core::Writer w(64);  // most extension bodies are short; the buffer becomes the body
    body.serialize(w);
    set_raw(E::type, w.release());
  }

  bool operator==(const Extensions& o) const { return list_ == o.list_; }

  // Parses one extension body as E, requiring the whole body to be consumed.
  template <class E>
  static core::Result<E> parse_body(const Extension& e) {
    core::Reader r(e.data, e.offset);
    auto v = E::parse(r);
    if (!v) return with_context(e.type, std::move(v).error());
    auto end = r.expect_end(nullptr);
    if (!end) return with_context(e.type, std::move(end).error());
    return v;
  }

 private:
  static core::Error with_context(ExtensionType t, core::Error e);
  static core::Error missing(ExtensionType t, ExtensionContext where);
  std::vector<Extension> list_;
};

// --- RFC 8446 4.2 rules -----------------------------------------------------

// True for the extension types this library knows the meaning of.
bool extension_recognized(ExtensionType t);
// RFC 8446 4.2 table (plus record_size_limit, RFC 8449): may t appear in a TLS 1.3
// message of kind `where`? Extensions defined only for TLS 1.2 (extended_master_secret,
// renegotiation_info, ec_point_formats, session_ticket, encrypt_then_mac) are allowed
// in ClientHello only, since a ClientHello may offer TLS 1.2 too.
bool extension_allowed_tls13(ExtensionType t, ExtensionContext where);

// Checks every extension of a TLS 1.3 block against the table:
//  - a recognised extension in a message it is not defined for: illegal_parameter
//    ("RFC 8446 4.2: ...");
//  - an unrecognised extension in ClientHello, CertificateRequest or
//    NewSessionTicket: ignored (the RFC says peers MUST ignore them there);
//  - an unrecognised extension anywhere else: unsupported_extension (we cannot
//    have offered it);
//  - pre_shared_key not last in ClientHello: illegal_parameter (RFC 8446 4.2.11).
core::Status check_extensions_tls13(const Extensions& exts, ExtensionContext where);

// Response extensions (ServerHello, EncryptedExtensions, Certificate entries, TLS 1.2
// ServerHello) must answer something the request offered: unsupported_extension
// otherwise (RFC 8446 4.2, RFC 5246 7.4.1.4). cookie in a HelloRetryRequest is the one
// unsolicited extension a server may send.
core::Status check_solicited(const Extensions& response, const Extensions& offered,
                             ExtensionContext where);

}  // namespace glass::handshake
