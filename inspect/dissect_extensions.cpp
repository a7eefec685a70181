// Extensions by name with their inner structure (RFC 8446 4.2, RFC 6066,
// RFC 7301, RFC 8449, RFC 7627, RFC 5746, RFC 8422 5.1.2, RFC 5077).
#include <string>

#include "handshake/types.hpp"
#include "inspect/dissect_util.hpp"

namespace glass::inspect::detail {

namespace {

using Ext = handshake::ExtensionType;

const char* ext_note(std::uint16_t t) {
  switch (static_cast<Ext>(t)) {
    case Ext::server_name: return "the host name the client wants (SNI), so a server can pick a certificate";
    case Ext::max_fragment_length: return "asks for smaller records (RFC 6066)";
    case Ext::status_request: return "asks for / carries an OCSP response (certificate status)";
    case Ext::supported_groups: return "key-exchange groups the client can use, most preferred first";
    case Ext::ec_point_formats: return "TLS 1.2: elliptic-curve point encodings the sender accepts";
    case Ext::signature_algorithms: return "signature schemes accepted for CertificateVerify / ServerKeyExchange";
    case Ext::application_layer_protocol_negotiation: return "ALPN: application protocols offered or chosen (h2, http/1.1, ...)";
    case Ext::signed_certificate_timestamp: return "certificate transparency timestamps";
    case Ext::padding: return "filler bytes that move the ClientHello past sizes some middleboxes mishandle";
    case Ext::encrypt_then_mac: return "TLS 1.2 CBC: MAC over the ciphertext (unused with AEAD)";
    case Ext::extended_master_secret: return "TLS 1.2: bind the master secret to the whole handshake (RFC 7627)";
    case Ext::record_size_limit: return "largest record plaintext the sender is willing to receive (RFC 8449)";
    case Ext::session_ticket: return "TLS 1.2 session resumption ticket (RFC 5077)";
    case Ext::pre_shared_key: return "resumption / external PSK identities and binders";
    case Ext::early_data: return "0-RTT data is sent / accepted / allowed";
    case Ext::supported_versions: return "the real TLS version negotiation (the legacy fields stay 1.2)";
    case Ext::cookie: return "HelloRetryRequest cookie the client must echo";
    case Ext::psk_key_exchange_modes: return "how a PSK may be used: alone or with a fresh (EC)DHE";
    case Ext::certificate_authorities: return "CAs the sender trusts: lets the peer pick a matching certificate";
    case Ext::oid_filters: return "certificate extension values the server wants in the client certificate";
    case Ext::post_handshake_auth: return "the client is willing to be asked for a certificate later";
    case Ext::signature_algorithms_cert: return "signature schemes accepted inside certificates";
    case Ext::key_share: return "(EC)DHE public keys: the client's offers or the server's choice";
    case Ext::renegotiation_info: return "secure renegotiation indication (RFC 5746)";
    default: break;
  }
  if (handshake::is_grease(t)) return "GREASE: a random reserved value that checks the peer ignores unknown extensions";
  return "an extension this dissector does not know; shown as opaque bytes";
}

std::string ext_bare_name(std::uint16_t t) {
  std::string n = extension_label(t);
  auto sp = n.find(" (");
  n = n.substr(0, sp);
  if (n == "unknown" || n == "GREASE") return n + "_extension";
  return n;
}

// A list of 16-bit code points (groups, schemes, versions, suites).
bool list16(Reader& r, Field& ext, const char* list_name, const char* item, int len_bytes,
            std::string (*fmt)(std::uint16_t), const char* note) {
  Field list = leaf(list_name, r.offset(), 0, {}, note);
  auto body = vec(r, list, len_bytes);
  if (!body) { ext.add(std::move(list)); return false; }
  std::size_t n = 0;
  bool ok = true;
  while (!body->empty()) {
    if (!u16(*body, list, item, fmt, {})) { ok = false; break; }
    ++n;
  }
  list.value = std::to_string(n) + (n == 1 ? " entry" : " entries");
  ext.add(std::move(list));
  return ok;
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

std::string fmt_name_type(std::uint8_t v) { return v == 0 ? "host_name (0)" : "unknown (" + std::to_string(v) + ")"; }
std::string fmt_status_type(std::uint8_t v) { return v == 1 ? "ocsp (1)" : "unknown (" + std::to_string(v) + ")"; }
std::string fmt_mfl(std::uint8_t v) {
  switch (v) {
    case 1: return "2^9 (1)";
    case 2: return "2^10 (2)";
    case 3: return "2^11 (3)";
    case 4: return "2^12 (4)";
  }
  return "invalid (" + std::to_string(v) + ")";
}

// X25519MLKEM768 / SecP256r1MLKEM768 (draft-ietf-tls-ecdhe-mlkem): how the share splits.
void hybrid_share_note(Field& e, std::uint16_t g, std::size_t size, std::size_t at) {
  const bool x = g == 0x11ec;
  const std::size_t classical = x ? 32 : 65;
  const std::string cl = x ? "X25519 public key (32 bytes)" : "P-256 point 04||X||Y (65 bytes)";
  std::string split;
  if (size == 1184 + classical)
    split = x ? "ML-KEM-768 encapsulation key (1184 bytes) || " + cl
              : cl + " || ML-KEM-768 encapsulation key (1184 bytes)";
  else if (size == 1088 + classical)
    split = x ? "ML-KEM-768 ciphertext (1088 bytes) || " + cl
              : cl + " || ML-KEM-768 ciphertext (1088 bytes)";
  if (split.empty()) {
    e.add(leaf("warning", at, 0,
               "key_exchange is " + nbytes(size) + ": a client share is " + nbytes(1184 + classical) +
                   ", a server share " + nbytes(1088 + classical),
               "a peer must reject a hybrid share of the wrong size (illegal_parameter)"));
    return;
  }
  e.add(leaf("hybrid", at, 0, split,
             "post-quantum hybrid: both halves give a 32-byte secret and the key schedule gets "
             "both, concatenated (" + std::string(x ? "ML-KEM first" : "ECDH first") +
             "); x25519 alone sends 32 bytes each way. Why: traffic recorded today could be "
             "decrypted once a quantum computer breaks elliptic curves (harvest now, decrypt "
             "later), which ML-KEM resists; the classical half keeps it safe if ML-KEM falls"));
}

bool key_share_entry(Reader& r, Field& parent) {
  Field e = leaf("key_share_entry", r.offset(), 0, {}, "one (EC)DHE public key for one group");
  auto g = u16(r, e, "group", fmt_group, "the key-exchange group of this public key");
  bool ok = false;
  if (g) {
    auto kx = opaque(r, e, "key_exchange", 2, "the public key (x25519: 32 bytes; P-256: 65-byte point 04||X||Y)", 1);
    if (kx) {
      ok = true;
      e.value = group_label(*g) + ", " + nbytes(kx->size());
      std::size_t want = 0;
      if (*g == 0x001d) want = 32;
      else if (*g == 0x0017) want = 65;
      else if (*g == 0x0018) want = 97;
      if (*g == 0x11ec || *g == 0x11eb) hybrid_share_note(e, *g, kx->size(), r.offset());
      if (want && kx->size() != want)
        e.add(leaf("warning", r.offset(), 0,
                   "key_exchange is " + nbytes(kx->size()) + ", " + nbytes(want) + " expected",
                   "a peer must reject a public key of the wrong size (illegal_parameter)"));
    }
  }
  e.length = r.offset() - e.offset;
  parent.add(std::move(e));
  return ok;
}

// One function per extension type: dissects its extension_data `d` into `ext`.
// They share one signature so a table can pick them.

// A list of 8-bit code points (point formats, PSK modes).
bool list8(Reader& d, Field& ext, const char* list_name, const char* note, const char* item,
           std::string (*fmt)(std::uint8_t)) {
  Field list = leaf(list_name, d.offset(), 0, {}, note);
  auto body = vec(d, list, 1, 1);
  bool ok = body.has_value();
  while (body && !body->empty())
    if (!u8(*body, list, item, fmt, {})) { ok = false; break; }
  ext.add(std::move(list));
  return ok;
}

bool server_name_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  if (d.empty()) { ext.value += ", empty (the server used the name)"; return true; }
  Field list = leaf("server_name_list", d.offset(), 0, {}, "the names the client asks for");
  auto body = vec(d, list, 2, 1);
  bool ok = true;
  while (body && !body->empty()) {
    Field sn = leaf("server_name", body->offset(), 0, {}, {});
    auto nt = u8(*body, sn, "name_type", fmt_name_type, "0 = a DNS host name");
    std::optional<ByteView> host;
    if (nt) host = opaque(*body, sn, "host_name", 2, "the DNS name, without a trailing dot", 1);
    sn.length = body->offset() - sn.offset;
    if (host) {
      sn.value = quoted(*host);
      list.value = sn.value;
    }
    list.add(std::move(sn));
    if (!host) { ok = false; break; }
  }
  ext.add(std::move(list));
  return body && ok;
}

bool groups_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return list16(d, ext, "named_group_list", "group", 2, fmt_group, "groups in preference order");
}

bool schemes_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return list16(d, ext, "supported_signature_algorithms", "scheme", 2, fmt_scheme,
                "signature schemes in preference order");
}

bool versions_body(Reader& d, Field& ext, std::uint16_t, ExtCtx ctx) {
  if (ctx == ExtCtx::client_hello)
    return list16(d, ext, "versions", "version", 1, fmt_version,
                  "versions the client supports, most preferred first");
  if (auto v = u16(d, ext, "selected_version", fmt_version, "the version the server chose")) {
    ext.value += ", " + version_code_label(*v);
    return true;
  }
  return false;
}

bool point_formats_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return list8(d, ext, "ec_point_format_list", "accepted point encodings", "ec_point_format",
               fmt_point_format);
}

bool psk_modes_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return list8(d, ext, "ke_modes", "psk_dhe_ke keeps forward secrecy", "mode", fmt_psk_mode);
}

bool alpn_body(Reader& d, Field& ext, std::uint16_t, ExtCtx ctx) {
  Field list = leaf("protocol_name_list", d.offset(), 0, {},
                    ctx == ExtCtx::client_hello ? "protocols offered, most preferred first"
                                                : "the one protocol chosen");
  auto body = vec(d, list, 2, 2);
  bool ok = body.has_value();
  std::string names;
  while (body && !body->empty()) {
    auto p = opaque(*body, list, "protocol_name", 1, {}, 1);
    if (!p) { ok = false; break; }
    list.children.back().value = quoted(*p);
    names += (names.empty() ? "" : ", ") + quoted(*p);
  }
  list.value = names;
  ext.add(std::move(list));
  if (ok) ext.value += ", " + names;
  return ok;
}

bool record_size_limit_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  if (auto v = u16(d, ext, "record_size_limit", fmt_dec16,
                   "largest plaintext per record, in bytes (64..16385)")) {
    ext.value += ", " + std::to_string(*v);
    return true;
  }
  return false;
}

bool max_fragment_length_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return u8(d, ext, "max_fragment_length", fmt_mfl, "largest fragment the client wants").has_value();
}

bool padding_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  std::size_t off = d.offset();
  ByteView pad = d.rest();
  bool zeros = true;
  for (auto b : pad) zeros = zeros && b == 0;
  ext.add(leaf("padding", off, pad.size(), nbytes(pad.size()) + (zeros ? " of zeros" : ", NOT all zero"),
               "filler; must be zero"));
  return true;
}

// extended_master_secret, post_handshake_auth, encrypt_then_mac.
bool signal_body(Reader& d, Field& ext, std::uint16_t type, ExtCtx) {
  if (!d.empty()) return expect_end(ext, d, ext_bare_name(type));
  ext.value += ", empty (its presence is the signal)";
  return true;
}

bool renegotiation_info_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return opaque(d, ext, "renegotiated_connection", 1,
                "empty on a first handshake; the previous Finished values on renegotiation")
      .has_value();
}

bool session_ticket_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  std::size_t off = d.offset();
  ByteView t = d.rest();
  ext.add(leaf("ticket", off, t.size(), t.empty() ? "empty (asks for a new ticket)" : nbytes(t.size()),
               "an opaque ticket from an earlier connection"));
  return true;
}

bool cookie_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  return opaque(d, ext, "cookie", 2, "server state the client must echo in its second ClientHello", 1)
      .has_value();
}

bool early_data_body(Reader& d, Field& ext, std::uint16_t, ExtCtx ctx) {
  if (ctx == ExtCtx::new_session_ticket)
    return u32(d, ext, "max_early_data_size", fmt_dec32, "how much 0-RTT data the ticket allows").has_value();
  return true;
}

bool status_request_body(Reader& d, Field& ext, std::uint16_t, ExtCtx ctx) {
  if (d.empty()) { ext.value += ", empty"; return true; }
  if (ctx == ExtCtx::certificate_entry) {
    if (!u8(d, ext, "status_type", fmt_status_type, "1 = OCSP")) return false;
    return opaque(d, ext, "ocsp_response", 3, "DER OCSPResponse for this certificate", 1).has_value();
  }
  if (!u8(d, ext, "status_type", fmt_status_type, "1 = OCSP")) return false;
  if (!opaque(d, ext, "responder_id_list", 2, "OCSP responders the client trusts (usually empty)")) return false;
  return opaque(d, ext, "request_extensions", 2, "OCSP request extensions (usually empty)").has_value();
}

bool key_share_body(Reader& d, Field& ext, std::uint16_t, ExtCtx ctx) {
  if (ctx == ExtCtx::hello_retry_request) {
    auto g = u16(d, ext, "selected_group", fmt_group, "the group the client must use in its second ClientHello");
    if (g) ext.value += ", " + group_label(*g);
    return g.has_value();
  }
  if (ctx == ExtCtx::client_hello) {
    Field list = leaf("client_shares", d.offset(), 0, {}, "one public key per group the client guessed");
    auto body = vec(d, list, 2);
    bool ok = body.has_value();
    std::size_t n = 0;
    while (body && !body->empty()) {
      if (!key_share_entry(*body, list)) { ok = false; break; }
      ++n;
    }
    list.value = std::to_string(n) + (n == 1 ? " share" : " shares");
    ext.add(std::move(list));
    return ok;
  }
  bool ok = key_share_entry(d, ext);
  if (ok) ext.value += ", " + ext.children.back().value;
  return ok;
}

bool pre_shared_key_body(Reader& d, Field& ext, std::uint16_t, ExtCtx ctx) {
  if (ctx != ExtCtx::client_hello)
    return u16(d, ext, "selected_identity", fmt_dec16, "index of the PSK the server accepted").has_value();
  Field ids = leaf("identities", d.offset(), 0, {}, "PSK identities (tickets) offered");
  auto body = vec(d, ids, 2, 7);
  bool ok = body.has_value();
  while (body && !body->empty()) {
    Field id = leaf("psk_identity", body->offset(), 0, {}, {});
    bool got = opaque(*body, id, "identity", 2, "a ticket or an external PSK name", 1) &&
               u32(*body, id, "obfuscated_ticket_age", fmt_dec32, "ticket age plus ticket_age_add, mod 2^32");
    id.length = body->offset() - id.offset;
    ids.add(std::move(id));
    if (!got) { ok = false; break; }
  }
  ext.add(std::move(ids));
  if (!ok) return false;
  Field binders = leaf("binders", d.offset(), 0, {}, "HMACs proving the client knows each PSK");
  auto bb = vec(d, binders, 2, 33);
  ok = bb.has_value();
  while (bb && !bb->empty())
    if (!opaque(*bb, binders, "binder", 1, {}, 32)) { ok = false; break; }
  ext.add(std::move(binders));
  return ok;
}

bool certificate_authorities_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  Field list = leaf("authorities", d.offset(), 0, {}, "distinguished names of trusted CAs");
  auto body = vec(d, list, 2, 3);
  bool ok = body.has_value();
  std::size_t n = 0;
  while (body && !body->empty()) {
    auto dn = opaque(*body, list, "distinguished_name", 2, "a CA name (DER)", 1);
    if (!dn) { ok = false; break; }
    list.children.back().value = dn_text(*dn);
    ++n;
  }
  list.value = std::to_string(n) + " CA name" + (n == 1 ? "" : "s");
  ext.add(std::move(list));
  return ok;
}

bool opaque_body(Reader& d, Field& ext, std::uint16_t, ExtCtx) {
  std::size_t off = d.offset();
  ByteView rest = d.rest();
  ext.add(leaf("extension_data", off, rest.size(), nbytes(rest.size()), "opaque to this dissector"));
  return true;
}

using BodyFn = bool (*)(Reader&, Field&, std::uint16_t, ExtCtx);
struct BodyRule {
  Ext type;
  BodyFn dissect;
};
constexpr BodyRule kBodies[] = {
    {Ext::server_name, server_name_body},
    {Ext::supported_groups, groups_body},
    {Ext::signature_algorithms, schemes_body},
    {Ext::signature_algorithms_cert, schemes_body},
    {Ext::supported_versions, versions_body},
    {Ext::ec_point_formats, point_formats_body},
    {Ext::psk_key_exchange_modes, psk_modes_body},
    {Ext::application_layer_protocol_negotiation, alpn_body},
    {Ext::record_size_limit, record_size_limit_body},
    {Ext::max_fragment_length, max_fragment_length_body},
    {Ext::padding, padding_body},
    {Ext::extended_master_secret, signal_body},
    {Ext::post_handshake_auth, signal_body},
    {Ext::encrypt_then_mac, signal_body},
    {Ext::renegotiation_info, renegotiation_info_body},
    {Ext::session_ticket, session_ticket_body},
    {Ext::cookie, cookie_body},
    {Ext::early_data, early_data_body},
    {Ext::status_request, status_request_body},
    {Ext::key_share, key_share_body},
    {Ext::pre_shared_key, pre_shared_key_body},
    {Ext::certificate_authorities, certificate_authorities_body},
};

// Dissects the extension_data of one extension into `ext`.
bool ext_body(Reader& d, Field& ext, std::uint16_t type, ExtCtx ctx) {
  for (const auto& rule : kBodies)
    if (static_cast<std::uint16_t>(rule.type) == type) return rule.dissect(d, ext, type, ctx);
  return opaque_body(d, ext, type, ctx);
}

}  // namespace

bool dissect_extensions(Reader& r, Field& p, ExtCtx ctx) {
  Field exts = leaf("extensions", r.offset(), 0, {}, "optional features, each a type and its data");
  auto body = vec(r, exts, 2);
  if (!body) { p.add(std::move(exts)); return false; }
  std::size_t n = 0;
  bool ok = true;
  while (!body->empty()) {
    std::size_t start = body->offset();
    Field ext = leaf("extension", start, 0, {}, {});
    auto t = u16(*body, ext, "extension_type", [](std::uint16_t v) { return extension_label(v); },
                 "which extension this is");
    if (!t) { exts.add(std::move(ext)); ok = false; break; }
    ext.name = ext_bare_name(*t);
    ext.note = ext_note(*t);
    // Only TLS 1.3 has extensions in a CertificateRequest: there is no ServerKeyExchange.
    if (ctx == ExtCtx::certificate_request && *t == static_cast<std::uint16_t>(Ext::signature_algorithms))
      ext.note = "signature schemes the server accepts in the client's CertificateVerify";
    Field data = leaf("extension_data", body->offset(), 0, {}, {});
    auto d = vec(*body, data, 2);
    // The length child belongs to the extension itself; keep the tree shallow.
    for (auto& c : data.children) ext.add(std::move(c));
    ext.value = extension_label(*t);
    if (d) {
      ext.value += ", " + nbytes(d->remaining());
      bool inner = ext_body(*d, ext, *t, ctx) && expect_end(ext, *d, ext.name);
      if (!inner) ok = false;
    } else {
      ok = false;
    }
    ext.length = body->offset() - start;
    exts.add(std::move(ext));
    ++n;
    if (!ok) break;
  }
  exts.value = std::to_string(n) + (n == 1 ? " extension" : " extensions");
  p.add(std::move(exts));
  return ok;
}

}  // namespace glass::inspect::detail
