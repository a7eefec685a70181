// Recorded parser fields to Field nodes, with the meanings inspect adds: the
// names shown (where they differ from the parser's), value names and notes.
#include "inspect/wire_tree.hpp"

#include <cstring>
#include <string_view>

#include "handshake/types.hpp"
#include "inspect/dissect.hpp"
#include "inspect/dissect_util.hpp"

namespace glass::inspect::detail {

namespace {

using K = RecordedField::Kind;

struct Rename {
  const char* parser;
  const char* shown;
  bool scalar_only;  // lists and their items share the parser's name
};
constexpr Rename kRenames[] = {
    {"extension type", "extension_type", false},
    {"named_group_list", "group", true},
    {"supported_signature_algorithms", "scheme", true},
    {"versions", "version", true},
    {"cipher_suites", "cipher_suite", true},
    {"RecordSizeLimit", "record_size_limit", false},
    {"ProtocolName", "protocol_name", false},
    {"DistinguishedName", "distinguished_name", false},
    {"PskBinderEntry", "binder", false},
    {"namedcurve", "named_curve", false},
    {"signature algorithm", "algorithm", false},
    {"ASN.1Cert", "cert_data", false},
    {"SignatureAndHashAlgorithm", "scheme", false},
};

// Opaque blocks shown as a list of one-byte code points.
struct ByteList {
  const char* list;
  const char* item;
  std::string (*fmt)(std::uint8_t);
};

std::string unknown_code(const char* known, std::uint8_t v, std::uint8_t want) {
  return v == want ? std::string(known) : "unknown (" + std::to_string(v) + ")";
}
std::string fmt_compression(std::uint8_t v) { return unknown_code("null (0)", v, 0); }
std::string fmt_name_type(std::uint8_t v) { return unknown_code("host_name (0)", v, 0); }
std::string fmt_status_type(std::uint8_t v) { return unknown_code("ocsp (1)", v, 1); }
std::string fmt_cert_type(std::uint8_t v) {
  switch (v) {
    case 1: return "rsa_sign (1)";
    case 2: return "dss_sign (2)";
    case 64: return "ecdsa_sign (64)";
  }
  return "unknown (" + std::to_string(v) + ")";
}
std::string fmt_point_format(std::uint8_t v) {
  switch (v) {
    case 0: return "uncompressed (0)";
    case 1: return "ansiX962_compressed_prime (1)";
    case 2: return "ansiX962_compressed_char2 (2)";
  }
  return "unknown (" + std::to_string(v) + ")";
}
std::string fmt_psk_mode(std::uint8_t v) {
  switch (v) {
    case 0: return "psk_ke (0)";
    case 1: return "psk_dhe_ke (1)";
  }
  return "unknown (" + std::to_string(v) + ")";
}
std::string fmt_curve_type(std::uint8_t v) {
  return v == 3 ? "named_curve (3)" : "unsupported (" + std::to_string(v) + ")";
}
std::string fmt_key_update(std::uint8_t v) {
  switch (v) {
    case 0: return "update_not_requested (0)";
    case 1: return "update_requested (1)";
  }
  return "invalid (" + std::to_string(v) + ")";
}
std::string fmt_mfl(std::uint8_t v) {
  if (v >= 1 && v <= 4) return "2^" + std::to_string(8 + v) + " (" + std::to_string(v) + ")";
  return "invalid (" + std::to_string(v) + ")";
}

constexpr ByteList kByteLists[] = {
    {"legacy_compression_methods", "compression_method", fmt_compression},
    {"certificate_types", "certificate_type", fmt_cert_type},
    {"ec_point_format_list", "ec_point_format", fmt_point_format},
    {"ke_modes", "mode", fmt_psk_mode},
};

const ByteList* byte_list(std::string_view name) {
  for (const auto& b : kByteLists)
    if (name == b.list) return &b;
  return nullptr;
}

struct ValueName {
  const char* field;
  std::string (*fmt16)(std::uint16_t);
  std::string (*fmt8)(std::uint8_t);
};
std::string seconds(std::uint64_t v) { return std::to_string(v) + " s"; }

constexpr ValueName kValues[] = {
    {"cipher_suite", suite_label, nullptr},
    {"group", group_label, nullptr},
    {"selected_group", group_label, nullptr},
    {"named_curve", group_label, nullptr},
    {"scheme", scheme_label, nullptr},
    {"algorithm", scheme_label, nullptr},
    {"legacy_version", version_code_label, nullptr},
    {"version", version_code_label, nullptr},
    {"selected_version", version_code_label, nullptr},
    {"extension_type", extension_label, nullptr},
    {"legacy_compression_method", nullptr, fmt_compression},
    {"name_type", nullptr, fmt_name_type},
    {"status_type", nullptr, fmt_status_type},
    {"curve_type", nullptr, fmt_curve_type},
    {"request_update", nullptr, fmt_key_update},
    {"max_fragment_length", nullptr, fmt_mfl},
};

std::string scalar_value(const std::string& name, std::uint64_t v) {
  if (name == "ticket_lifetime" || name == "ticket_lifetime_hint") return seconds(v);
  for (const auto& n : kValues) {
    if (name != n.field) continue;
    if (n.fmt16) return n.fmt16(static_cast<std::uint16_t>(v));
    if (n.fmt8) return n.fmt8(static_cast<std::uint8_t>(v));
  }
  return std::to_string(v);
}

// Notes: "parent.field" (parent as shown, or the message / extension the
// parse started in) first, then "field".
struct Note {
  const char* key;
  const char* note;
};
constexpr Note kNotes[] = {
    {"ClientHello.legacy_version", "stays TLS 1.2 (0x0303); the real versions are in supported_versions"},
    {"ClientHello.random", "32 fresh random bytes from the client; mixed into every key"},
    {"ClientHello.legacy_session_id", "TLS 1.2 resumption id; in 1.3 a random value for middlebox compatibility"},
    {"ClientHello.cipher_suites", "cipher suites the client accepts, most preferred first"},
    {"ClientHello.legacy_compression_methods", "must be exactly one byte: 0 (no compression)"},
    {"ServerHello.legacy_version", "stays TLS 1.2 (0x0303); TLS 1.3 is chosen in supported_versions"},
    {"ServerHello.random", "32 fresh random bytes from the server; mixed into every key"},
    {"ServerHello.legacy_session_id_echo", "echo of the client's session id"},
    {"ServerHello.cipher_suite", "the one suite the server chose from the client's list"},
    {"ServerHello.legacy_compression_method", "always 0"},
    {"certificate_list", "the chain: the sender's own certificate first, then CAs"},
    {"cert_data", "one DER-encoded X.509 certificate"},
    {"Certificate.certificate_request_context", "empty in the handshake; echoes CertificateRequest's context after it"},
    {"CertificateRequest.certificate_request_context", "empty in the handshake; identifies a post-handshake request"},
    {"CertificateRequest.certificate_types", "kinds of client key the server accepts"},
    {"CertificateRequest.supported_signature_algorithms", "signature schemes the server accepts in CertificateVerify"},
    {"CertificateRequest.certificate_authorities", "CAs the server trusts for client certificates (may be empty)"},
    {"distinguished_name", "a CA name (DER)"},
    {"CertificateVerify.algorithm", "the signature scheme used"},
    {"NewSessionTicket.ticket_lifetime", "how long the ticket may be used (at most 7 days)"},
    {"NewSessionTicket.ticket_age_add", "random value that hides the ticket age on the wire"},
    {"NewSessionTicket.ticket_nonce", "makes each ticket's PSK different"},
    {"NewSessionTicket.ticket", "opaque to the client: sent back to resume"},
    {"NewSessionTicket12.ticket_lifetime_hint", "a hint of how long the ticket is good for"},
    {"NewSessionTicket12.ticket", "opaque to the client: sent back in session_ticket to resume"},
    {"ServerKeyExchange.curve_type", "3 = a named curve follows"},
    {"ServerKeyExchange.named_curve", "the ECDHE group"},
    {"ServerKeyExchange.public", "the server's ephemeral ECDHE public key"},
    {"ServerKeyExchange.algorithm", "the signature scheme used"},
    {"ServerKeyExchange.signature", "made with the key of the server certificate"},
    {"ClientKeyExchange.ecdh_Yc", "the client's ephemeral ECDHE public key"},
    {"KeyUpdate.request_update", "1 asks the peer to update its own sending key too"},
    {"extensions", "optional features, each a type and its data"},
    {"extension_type", "which extension this is"},
    {"server_name_list", "the names the client asks for"},
    {"name_type", "0 = a DNS host name"},
    {"host_name", "the DNS name, without a trailing dot"},
    {"named_group_list", "groups in preference order"},
    {"signature_algorithms.supported_signature_algorithms", "signature schemes in preference order"},
    {"signature_algorithms_cert.supported_signature_algorithms", "signature schemes in preference order"},
    {"versions", "versions the client supports, most preferred first"},
    {"supported_versions.selected_version", "the version the server chose"},
    {"ec_point_format_list", "accepted point encodings"},
    {"ke_modes", "psk_dhe_ke keeps forward secrecy"},
    {"record_size_limit.record_size_limit", "largest plaintext per record, in bytes (64..16385)"},
    {"max_fragment_length.max_fragment_length", "largest fragment the client wants"},
    {"padding.padding", "filler; must be zero"},
    {"renegotiated_connection", "empty on a first handshake; the previous Finished values on renegotiation"},
    {"session_ticket.ticket", "an opaque ticket from an earlier connection"},
    {"cookie.cookie", "server state the client must echo in its second ClientHello"},
    {"early_data.max_early_data_size", "how much 0-RTT data the ticket allows"},
    {"status_type", "1 = OCSP"},
    {"ocsp_response", "DER OCSPResponse for this certificate"},
    {"responder_id_list", "OCSP responders the client trusts (usually empty)"},
    {"request_extensions", "OCSP request extensions (usually empty)"},
    {"key_share.selected_group", "the group the client must use in its second ClientHello"},
    {"client_shares", "one public key per group the client guessed"},
    {"key_share.group", "the key-exchange group of this public key"},
    {"client_shares.group", "the key-exchange group of this public key"},
    {"key_exchange", "the public key (x25519: 32 bytes; P-256: 65-byte point 04||X||Y)"},
    {"pre_shared_key.selected_identity", "index of the PSK the server accepted"},
    {"identities", "PSK identities (tickets) offered"},
    {"identity", "a ticket or an external PSK name"},
    {"obfuscated_ticket_age", "ticket age plus ticket_age_add, mod 2^32"},
    {"binders", "HMACs proving the client knows each PSK"},
    {"authorities", "distinguished names of trusted CAs"},
};

std::string note_for(std::string_view parent, const std::string& name) {
  std::string key = std::string(parent) + "." + name;
  for (const auto& n : kNotes)
    if (key == n.key) return n.note;
  for (const auto& n : kNotes)
    if (name == n.key) return n.note;
  return {};
}

Field block(const FieldRecorder& rec, std::size_t i, core::ByteView data, std::size_t base,
            const std::string& name, std::string_view parent);

Field convert(const FieldRecorder& rec, std::size_t i, core::ByteView data, std::size_t base,
              std::string_view parent) {
  const RecordedField& f = rec.fields()[i];
  if (f.kind == K::error) return error_node(f.offset, f.error);
  std::string name = display_name(f);
  if (f.kind == K::scalar)
    return leaf(name, f.offset, f.length, scalar_value(name, f.value), note_for(parent, name));
  if (f.kind == K::bytes)
    return leaf(name, f.offset, f.length, nbytes(f.length), note_for(parent, name));
  return block(rec, i, data, base, name, parent);
}

// A length-prefixed block: "length" child, then its items or its bytes.
Field block(const FieldRecorder& rec, std::size_t i, core::ByteView data, std::size_t base,
            const std::string& name, std::string_view parent) {
  const RecordedField& f = rec.fields()[i];
  Field out = leaf(name, f.offset, f.length, {}, note_for(parent, name));
  if (f.prefix == 0) {  // not even the length is there: just the error
    for (std::size_t c : rec.children(i)) out.add(convert(rec, c, data, base, name));
    return out;
  }
  out.add(leaf("length", f.offset, f.prefix, nbytes(f.value), "how many bytes of " + name + " follow"));
  const std::size_t body_off = f.offset + f.prefix;
  const std::size_t body_len = f.length - f.prefix;
  const ByteList* bl = f.kind == K::opaque ? byte_list(f.name) : nullptr;
  if (f.complete && bl) {
    for (std::size_t k = 0; k < body_len; ++k)
      out.add(leaf(bl->item, body_off + k, 1, bl->fmt(data[body_off - base + k]), {}));
  } else if (f.complete && f.kind == K::opaque) {
    out.value = nbytes(body_len);
    if (body_len) out.add(leaf("bytes", body_off, body_len, nbytes(body_len), {}));
  }
  if (f.kind == K::opaque && f.complete) return out;  // bytes only: nothing nests in it
  for (std::size_t c : rec.children(i)) out.add(convert(rec, c, data, base, name));
  return out;
}

}  // namespace

std::string display_name(const RecordedField& f) {
  for (const auto& r : kRenames)
    if (f.name == r.parser && (!r.scalar_only || f.kind == K::scalar)) return r.shown;
  return f.name;
}

Field error_node(std::size_t off, std::string reason) {
  return leaf("error", off, 0, std::move(reason),
              "the bytes end here or break the format; nothing after this was dissected");
}

void add_recorded(const FieldRecorder& rec, std::size_t parent, core::ByteView data,
                  std::size_t base, Field& out, std::string_view context) {
  for (std::size_t c : rec.children(parent)) out.add(convert(rec, c, data, base, context));
}

Field convert_recorded(const FieldRecorder& rec, std::size_t i, core::ByteView data,
                       std::size_t base, std::string_view context) {
  return convert(rec, i, data, base, context);
}

std::size_t read_end(const Field& f) {
  if (!f.has_error()) return f.offset + f.length;
  for (const auto& c : f.children)
    if (c.name == "length") return c.offset + c.length;
  return f.offset;
}

Field* child_named(Field& f, std::string_view name) {
  for (auto& c : f.children)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace glass::inspect::detail
