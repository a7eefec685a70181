// Extensions as field trees: the handshake parsers read them (the block in
// handshake/extensions.cpp, the bodies in handshake/extensions_typed.cpp) into
// a FieldRecorder; this file names them and adds what each one means
// (RFC 8446 4.2, RFC 6066, RFC 7301, RFC 8449, RFC 7627, RFC 5746,
// RFC 8422 5.1.2, RFC 5077).
#include <algorithm>
#include <string>

#include "handshake/extensions_typed.hpp"
#include "handshake/types.hpp"
#include "inspect/dissect_util.hpp"
#include "inspect/wire_tree.hpp"

namespace glass::inspect::detail {

namespace {

using Ext = handshake::ExtensionType;
using K = RecordedField::Kind;

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


// One extension body being shown: the parser's reader over extension_data
// (recording under it) and the extension's node.
struct Body {
  FieldRecorder& rec;
  std::size_t node;  // the recorded extension_data block
  ByteView data;     // the whole dissected buffer (offset 0)
  Reader r;
  Field& ext;
  std::uint16_t type;
  ExtCtx ctx;
};

// Runs `parse` over the body, then shows what it read under the extension;
// an error the parser found without a failed read becomes an error node too.
template <class F>
bool shown(Body& b, F parse) {
  const std::size_t first = b.rec.fields().size();
  auto res = parse(b.r);
  bool ok = res.ok() && b.r.expect_end(b.ext.name.c_str()).ok();
  add_recorded(b.rec, b.node, b.data, 0, b.ext, b.ext.name);
  bool logged = false;
  for (std::size_t i = first; i < b.rec.fields().size(); ++i)
    logged = logged || b.rec.fields()[i].kind == K::error;
  if (!res.ok() && !logged) b.ext.add(error_node(b.r.offset(), res.error().reason));
  return ok;
}

template <class E>
bool typed(Body& b) {
  return shown(b, [](Reader& r) { return E::parse(r); });
}

// The items of `list` from one named `first` to the next become one `group` node.
void group_items(Field& list, std::string_view first, const char* group, const char* note) {
  std::vector<Field> out;
  for (auto& c : list.children) {
    if (c.name == first) {
      out.push_back(leaf(group, c.offset, 0, {}, note));
    } else if (out.empty() || out.back().name != group) {
      out.push_back(std::move(c));
      continue;
    }
    Field& g = out.back();
    g.length = std::max(g.length, read_end(c) - g.offset);
    g.add(std::move(c));
  }
  list.children = std::move(out);
}

std::size_t count_named(const Field& f, std::string_view name) {
  std::size_t n = 0;
  for (const auto& c : f.children) n += c.name == name;
  return n;
}

ByteView body_of(const Field& opaque, ByteView data) {
  return data.subspan(opaque.offset + opaque.children.front().length,
                      opaque.length - opaque.children.front().length);
}

bool server_name_body(Body& b) {
  if (b.r.empty()) { b.ext.value += ", empty (the server used the name)"; return true; }
  bool ok = typed<handshake::ServerNameList>(b);
  if (Field* list = child_named(b.ext, "server_name_list")) {
    group_items(*list, "name_type", "server_name", "");
    for (auto& sn : list->children) {
      Field* host = sn.name == "server_name" ? child_named(sn, "host_name") : nullptr;
      if (!host || host->value.empty()) continue;
      sn.value = quoted(body_of(*host, b.data));
      list->value = sn.value;
    }
  }
  return ok;
}

// Lists of 16-bit code points: "N entries".
template <class E>
bool list16_body(Body& b, const char* list_name) {
  bool ok = typed<E>(b);
  if (Field* list = child_named(b.ext, list_name))
    if (!list->has_error()) list->value = counted(list->children.size() - 1, "entry", "entries");
  return ok;
}

bool versions_body(Body& b) {
  if (b.ctx == ExtCtx::client_hello)
    return list16_body<handshake::SupportedVersionsClientHello>(b, "versions");
  bool ok = typed<handshake::SupportedVersionsServerHello>(b);
  if (ok) b.ext.value += ", " + b.ext.children.back().value;
  return ok;
}

bool alpn_body(Body& b) {
  bool ok = typed<handshake::Alpn>(b);
  Field* list = child_named(b.ext, "protocol_name_list");
  if (!list) return ok;
  list->note = b.ctx == ExtCtx::client_hello ? "protocols offered, most preferred first"
                                             : "the one protocol chosen";
  std::string names;
  for (auto& p : list->children) {
    if (p.name != "protocol_name" || p.value.empty()) continue;
    p.value = quoted(body_of(p, b.data));
    names += (names.empty() ? "" : ", ") + p.value;
  }
  list->value = names;
  if (ok) b.ext.value += ", " + names;
  return ok;
}

bool record_size_limit_body(Body& b) {
  bool ok = typed<handshake::RecordSizeLimit>(b);
  if (ok) b.ext.value += ", " + b.ext.children.back().value;
  return ok;
}

// No parser in handshake/ reads max_fragment_length or status_request: the
// library never acts on them, so the fields are read here.
bool max_fragment_length_body(Body& b) {
  return shown(b, [](Reader& r) { return r.u8("max_fragment_length"); });
}

bool status_request_body(Body& b) {
  if (b.r.empty()) { b.ext.value += ", empty"; return true; }
  if (b.ctx == ExtCtx::certificate_entry)
    return shown(b, [](Reader& r) -> core::Status {
      GLASS_TRY(auto t, r.u8("status_type"));
      (void)t;
      GLASS_TRY(auto resp, r.opaque24("ocsp_response", 1));
      (void)resp;
      return {};
    });
  return shown(b, [](Reader& r) -> core::Status {
    GLASS_TRY(auto t, r.u8("status_type"));
    (void)t;
    GLASS_TRY(auto ids, r.opaque16("responder_id_list"));
    (void)ids;
    GLASS_TRY(auto exts, r.opaque16("request_extensions"));
    (void)exts;
    return {};
  });
}

bool padding_body(Body& b) {
  bool ok = typed<handshake::Padding>(b);
  for (auto& c : b.ext.children) {
    if (c.name.empty()) {  // Padding::parse reads the rest without a name
      c.name = "padding";
      c.note = "filler; must be zero";
    }
    if (c.name != "padding") continue;
    bool zeros = true;
    for (auto x : b.data.subspan(c.offset, c.length)) zeros = zeros && x == 0;
    c.value = nbytes(c.length) + (zeros ? " of zeros" : ", NOT all zero");
  }
  return ok;
}

// extended_master_secret, post_handshake_auth, encrypt_then_mac.
bool signal_body(Body& b) {
  bool empty = b.r.empty();
  bool ok = shown(b, [](Reader&) { return core::Status{}; });
  if (empty) b.ext.value += ", empty (its presence is the signal)";
  return ok;
}

bool session_ticket_body(Body& b) {
  bool ok = shown(b, [](Reader& r) { return core::Result<ByteView>(r.rest("ticket")); });
  Field& t = b.ext.children.back();
  if (t.name == "ticket" && t.length == 0) t.value = "empty (asks for a new ticket)";
  return ok;
}

bool early_data_body(Body& b) {
  if (b.ctx == ExtCtx::new_session_ticket) return typed<handshake::EarlyDataTicket>(b);
  return shown(b, [](Reader&) { return core::Status{}; });
}

void key_share_entry_notes(Field& e, ByteView data) {
  Field* g = child_named(e, "group");
  Field* kx = child_named(e, "key_exchange");
  if (!g || !kx || kx->value.empty()) return;
  const std::size_t size = kx->length - kx->children.front().length;
  const std::uint16_t grp = static_cast<std::uint16_t>((data[g->offset] << 8) | data[g->offset + 1]);
  e.value = group_label(grp) + ", " + nbytes(size);
  std::size_t want = grp == 0x001d ? 32 : grp == 0x0017 ? 65 : grp == 0x0018 ? 97 : 0;
  const std::size_t end = e.offset + e.length;
  if (grp == 0x11ec || grp == 0x11eb) hybrid_share_note(e, grp, size, end);
  if (want && size != want)
    e.add(leaf("warning", end, 0, "key_exchange is " + nbytes(size) + ", " + nbytes(want) + " expected",
               "a peer must reject a public key of the wrong size (illegal_parameter)"));
}

bool key_share_body(Body& b) {
  if (b.ctx == ExtCtx::hello_retry_request) {
    bool ok = typed<handshake::KeyShareHelloRetryRequest>(b);
    if (ok) b.ext.value += ", " + b.ext.children.back().value;
    return ok;
  }
  if (b.ctx == ExtCtx::client_hello) {
    bool ok = typed<handshake::KeyShareClientHello>(b);
    if (Field* list = child_named(b.ext, "client_shares")) {
      group_items(*list, "group", "key_share_entry", "one (EC)DHE public key for one group");
      for (auto& e : list->children)
        if (e.name == "key_share_entry") key_share_entry_notes(e, b.data);
      list->value = counted(count_named(*list, "key_share_entry"), "share", "shares");
    }
    return ok;
  }
  bool ok = typed<handshake::KeyShareServerHello>(b);
  group_items(b.ext, "group", "key_share_entry", "one (EC)DHE public key for one group");
  Field* e = child_named(b.ext, "key_share_entry");
  if (e) key_share_entry_notes(*e, b.data);
  if (ok && e) b.ext.value += ", " + e->value;
  return ok;
}

bool pre_shared_key_body(Body& b) {
  if (b.ctx != ExtCtx::client_hello) return typed<handshake::SelectedPsk>(b);
  bool ok = typed<handshake::OfferedPsks>(b);
  if (Field* ids = child_named(b.ext, "identities")) group_items(*ids, "identity", "psk_identity", "");
  return ok;
}

bool certificate_authorities_body(Body& b) {
  bool ok = typed<handshake::CertificateAuthorities>(b);
  if (Field* list = child_named(b.ext, "authorities")) {
    for (auto& dn : list->children)
      if (dn.name == "distinguished_name" && !dn.value.empty()) dn.value = dn_text(body_of(dn, b.data));
    list->value = counted(count_named(*list, "distinguished_name"), "CA name", "CA names");
  }
  return ok;
}

bool opaque_body(Body& b) {
  bool ok = shown(b, [](Reader& r) { return core::Result<ByteView>(r.rest("extension_data")); });
  b.ext.children.back().note = "opaque to this dissector";
  return ok;
}

using BodyFn = bool (*)(Body&);
struct BodyRule {
  Ext type;
  BodyFn dissect;
};
constexpr BodyRule kBodies[] = {
    {Ext::server_name, server_name_body},
    {Ext::supported_groups, [](Body& b) { return list16_body<handshake::SupportedGroups>(b, "named_group_list"); }},
    {Ext::signature_algorithms,
     [](Body& b) { return list16_body<handshake::SignatureAlgorithms>(b, "supported_signature_algorithms"); }},
    {Ext::signature_algorithms_cert,
     [](Body& b) { return list16_body<handshake::SignatureAlgorithmsCert>(b, "supported_signature_algorithms"); }},
    {Ext::supported_versions, versions_body},
    {Ext::ec_point_formats, typed<handshake::EcPointFormats>},
    {Ext::psk_key_exchange_modes, typed<handshake::PskKeyExchangeModes>},
    {Ext::application_layer_protocol_negotiation, alpn_body},
    {Ext::record_size_limit, record_size_limit_body},
    {Ext::max_fragment_length, max_fragment_length_body},
    {Ext::padding, padding_body},
    {Ext::extended_master_secret, signal_body},
    {Ext::post_handshake_auth, signal_body},
    {Ext::encrypt_then_mac, signal_body},
    {Ext::renegotiation_info, typed<handshake::RenegotiationInfo>},
    {Ext::session_ticket, session_ticket_body},
    {Ext::cookie, typed<handshake::Cookie>},
    {Ext::early_data, early_data_body},
    {Ext::status_request, status_request_body},
    {Ext::key_share, key_share_body},
    {Ext::pre_shared_key, pre_shared_key_body},
    {Ext::certificate_authorities, certificate_authorities_body},
};

bool ext_body(Body& b) {
  for (const auto& rule : kBodies)
    if (static_cast<std::uint16_t>(rule.type) == b.type) return rule.dissect(b);
  return opaque_body(b);
}

// One extension: its recorded type (at `i`) and extension_data (at `i + 1`, when read).
bool one_extension(FieldRecorder& rec, const std::vector<std::size_t>& kids, std::size_t& k,
                   ByteView data, ExtCtx ctx, Field& exts) {
  const RecordedField& tf = rec.fields()[kids[k]];
  if (tf.kind == K::error) {
    Field ext = leaf("extension", tf.offset, 0, {}, {});
    ext.add(error_node(tf.offset, tf.error));
    exts.add(std::move(ext));
    return false;
  }
  const auto t = static_cast<std::uint16_t>(tf.value);
  Field ext = leaf(ext_bare_name(t), tf.offset, 0, extension_label(t), ext_note(t));
  // Only TLS 1.3 has extensions in a CertificateRequest: there is no ServerKeyExchange.
  if (ctx == ExtCtx::certificate_request && t == static_cast<std::uint16_t>(Ext::signature_algorithms))
    ext.note = "signature schemes the server accepts in the client's CertificateVerify";
  ext.add(convert_recorded(rec, kids[k], data, 0, "extension"));
  bool ok = false;
  if (++k < kids.size()) {
    const std::size_t dn = kids[k];
    const RecordedField df = rec.fields()[dn];
    if (df.kind == K::error) {
      ext.add(error_node(df.offset, df.error));
    } else if (df.prefix == 0) {  // not even the data's length is there
      ++k;
      add_recorded(rec, dn, data, 0, ext, ext.name);
    } else {
      ++k;
      // The data's length belongs to the extension itself; keep the tree shallow.
      ext.add(leaf("length", df.offset, df.prefix, nbytes(df.value), "how many bytes of extension_data follow"));
      if (df.complete) {
        ext.value += ", " + nbytes(df.value);
        const std::size_t body = df.offset + df.prefix;
        Reader r(data.subspan(body, df.value), body);
        r.record_into(&rec, dn);
        Body b{rec, dn, data, r, ext, t, ctx};
        ok = ext_body(b);
        ext.length = df.offset + df.length - ext.offset;
      } else {
        add_recorded(rec, dn, data, 0, ext, ext.name);
        ext.length = df.offset + df.prefix - ext.offset;  // what was read: type and length
      }
    }
  }
  if (ext.length == 0) ext.length = 2;
  exts.add(std::move(ext));
  return ok;
}

}  // namespace

bool extensions_tree(FieldRecorder& rec, std::size_t node, ByteView data, ExtCtx ctx, Field& p) {
  Field exts = convert_recorded(rec, node, data, 0, "");
  if (!rec.fields()[node].complete) {  // the conversion holds the length and the error
    p.add(std::move(exts));
    return false;
  }
  exts.children.resize(1);  // the length; the entries are shown one by one below
  const std::vector<std::size_t> kids = rec.children(node);
  std::size_t n = 0;
  bool ok = true;
  for (std::size_t k = 0; ok && k < kids.size();) {
    ok = one_extension(rec, kids, k, data, ctx, exts);
    ++n;
  }
  exts.value = counted(n, "extension", "extensions");
  p.add(std::move(exts));
  return ok;
}

}  // namespace glass::inspect::detail
