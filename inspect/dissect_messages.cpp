// Handshake messages of TLS 1.3 (RFC 8446 4) and TLS 1.2 (RFC 5246 7.4,
// RFC 8422 5, RFC 5077 3.3) as annotated field trees: the parsers in
// handshake/ read each body with a FieldRecorder; this file adds the meanings.
#include <algorithm>
#include <string>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/certificate_request12.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/encrypted_extensions.hpp"
#include "handshake/finished.hpp"
#include "handshake/key_update.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_key_exchange.hpp"
#include "handshake/types.hpp"
#include "inspect/dissect.hpp"
#include "inspect/dissect_util.hpp"
#include "inspect/wire_tree.hpp"

namespace glass::inspect {

using namespace detail;

namespace {

using HT = handshake::HandshakeType;

const char* message_note(std::uint8_t t, bool hrr) {
  if (hrr) return "the server needs a different key share (or a cookie): the client must send a second ClientHello";
  switch (static_cast<HT>(t)) {
    case HT::hello_request: return "TLS 1.2: the server asks the client to renegotiate";
    case HT::client_hello: return "the client's opening offer: versions, cipher suites, groups and key shares, extensions";
    case HT::server_hello: return "the server's choices: version, cipher suite and its key share";
    case HT::new_session_ticket: return "a ticket the client can use to resume later";
    case HT::end_of_early_data: return "the client's 0-RTT data ends here";
    case HT::encrypted_extensions: return "TLS 1.3: the server's other answers, already encrypted";
    case HT::certificate: return "the sender's certificate chain (leaf first)";
    case HT::server_key_exchange: return "TLS 1.2: the server's ECDHE public key, signed with its certificate key";
    case HT::certificate_request: return "the server asks the client for a certificate (mutual TLS)";
    case HT::server_hello_done: return "TLS 1.2: the server's first flight is complete";
    case HT::certificate_verify: return "a signature over the transcript: proves the sender holds the certificate's private key";
    case HT::client_key_exchange: return "TLS 1.2: the client's ECDHE public key";
    case HT::finished: return "an HMAC over the whole transcript: proves nobody changed the handshake";
    case HT::certificate_status: return "an OCSP response for the server certificate";
    case HT::key_update: return "TLS 1.3: the sender switches to the next traffic key";
    default: break;
  }
  return "a message type this dissector does not know; shown as opaque bytes";
}

std::string fmt_msg_type(std::uint8_t v) {
  return handshake::name_of(static_cast<HT>(v)) + " (" + std::to_string(v) + ")";
}

// Certificate entries: cert_data (a complete X.509 tree) and, in TLS 1.3, the
// entry's extensions.
bool certificate_list(FieldRecorder& rec, std::size_t node, ByteView msg, Field& m) {
  Field list = convert_recorded(rec, node, msg, 0, "Certificate");
  if (!rec.fields()[node].complete) {  // the conversion holds the length and the error
    m.add(std::move(list));
    return false;
  }
  list.children.resize(1);  // the length; entries follow
  bool ok = true;
  std::size_t n = 0;
  for (std::size_t c : rec.children(node)) {
    const RecordedField f = rec.fields()[c];
    const bool starts = f.kind == RecordedField::Kind::opaque && display_name(f) == "cert_data";
    if (starts || list.children.size() == 1) {
      list.add(leaf("certificate_entry", f.offset, 0, {},
                    n == 0 ? "the sender's own certificate" : "an intermediate or CA certificate"));
      ++n;
    }
    Field& entry = list.children.back();
    if (starts) {
      Field data = convert_recorded(rec, c, msg, 0, "Certificate");
      if (f.complete) {
        data.children.resize(1);  // the DER is shown as its own tree, not as bytes
        certificate_tree(msg.subspan(f.offset + f.prefix, f.value), f.offset + f.prefix, data);
        entry.value = data.value;
      }
      ok = ok && f.complete;
      entry.add(std::move(data));
    } else if (f.kind == RecordedField::Kind::vector && f.name == "extensions") {
      ok = extensions_tree(rec, c, msg, ExtCtx::certificate_entry, entry) && ok;
    } else {
      ok = false;
      entry.add(convert_recorded(rec, c, msg, 0, "Certificate"));
    }
    const Field& last = entry.children.back();
    entry.length = std::max(entry.length, read_end(last) - entry.offset);
    if (!ok) break;
  }
  list.value = counted(n, "certificate", "certificates");
  if (n == 0) list.value += " (empty: the sender has no certificate to offer)";
  m.add(std::move(list));
  return ok;
}

// Runs the handshake parser `parse` over a message body with a recorder and
// shows what it read under `out`; `context` (the message) picks the notes and
// `where` the meaning of extensions. True when the parser accepted the body.
template <class F>
bool parsed(Reader& r, Field& out, ByteView msg, std::string_view context, ExtCtx where, F parse) {
  FieldRecorder rec;
  r.record_into(&rec);
  auto res = parse(r);
  r.record_into(nullptr);
  const bool logged = rec.failed();
  bool ok = res.ok();
  for (std::size_t c : rec.children(RecordedField::top)) {
    const RecordedField& f = rec.fields()[c];
    if (f.kind == RecordedField::Kind::vector && f.name == "extensions")
      ok = extensions_tree(rec, c, msg, where, out) && ok;
    else if (f.kind == RecordedField::Kind::vector && f.name == "certificate_list")
      ok = certificate_list(rec, c, msg, out) && ok;
    else
      out.add(convert_recorded(rec, c, msg, 0, context));
  }
  if (!res.ok() && !logged) out.add(error_node(r.offset(), res.error().reason));
  return ok;
}

// The hellos' random: names the HelloRetryRequest and downgrade markers.
void random_value(Field& m, ByteView msg) {
  Field* f = child_named(m, "random");
  if (!f) return;
  ByteView rnd = msg.subspan(f->offset, 32);
  if (std::equal(rnd.begin(), rnd.end(), handshake::hello_retry_request_random.begin())) {
    f->value = "HelloRetryRequest marker (SHA-256 of \"HelloRetryRequest\")";
    return;
  }
  static const std::uint8_t down[7] = {'D', 'O', 'W', 'N', 'G', 'R', 'D'};
  if (std::equal(down, down + 7, rnd.begin() + 24))
    f->value = std::string("32 bytes, ends with the downgrade marker DOWNGRD ") +
               (rnd[31] == 1 ? "01 (TLS 1.3 server negotiating 1.2)" : "00 (negotiating 1.1 or below)");
}

// A TLS 1.2 hello may end before the extensions.
void extensions_absent(Reader& r, Field& m, const char* note) {
  if (!child_named(m, "extensions")) m.add(leaf("extensions", r.offset(), 0, "absent", note));
}

bool client_hello(Reader& r, Field& m, ByteView msg) {
  bool ok = parsed(r, m, msg, "ClientHello", ExtCtx::client_hello, handshake::ClientHello::parse);
  if (Field* suites = child_named(m, "cipher_suites"); suites && !suites->has_error())
    suites->value = counted(suites->children.size() - 1, "suite", "suites");
  if (ok) extensions_absent(r, m, "a TLS 1.2 ClientHello may omit extensions");
  return ok;
}

bool server_hello(Reader& r, Field& m, ByteView msg, bool hrr) {
  bool ok = parsed(r, m, msg, "ServerHello", hrr ? ExtCtx::hello_retry_request : ExtCtx::server_hello,
                   handshake::ServerHello::parse);
  random_value(m, msg);
  if (ok) extensions_absent(r, m, "a TLS 1.2 ServerHello may omit extensions");
  return ok;
}

bool certificate13(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "Certificate", ExtCtx::certificate_entry, handshake::Certificate::parse);
}

bool certificate12(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "Certificate", ExtCtx::certificate_entry, handshake::Certificate12::parse);
}

bool certificate_request13(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "CertificateRequest", ExtCtx::certificate_request,
                handshake::CertificateRequest::parse);
}

bool certificate_request12(Reader& r, Field& m, ByteView msg) {
  bool ok = parsed(r, m, msg, "CertificateRequest", ExtCtx::certificate_request,
                   handshake::CertificateRequest12::parse);
  if (Field* cas = child_named(m, "certificate_authorities")) {
    std::size_t n = 0;
    for (auto& dn : cas->children) {
      if (dn.name != "distinguished_name") continue;
      ++n;
      if (!dn.value.empty()) dn.value = dn_text(msg.subspan(dn.offset + 2, dn.length - 2));
    }
    if (!cas->has_error()) cas->value = counted(n, "CA name", "CA names");
  }
  return ok;
}

bool certificate_verify(Reader& r, Field& m, ByteView msg, Version v) {
  bool ok = parsed(r, m, msg, "CertificateVerify", ExtCtx::client_hello,
                   handshake::CertificateVerify::parse);
  Field* alg = child_named(m, "algorithm");
  Field* sig = child_named(m, "signature");
  if (sig) {
    sig->note = v == Version::tls12 ? "signature over all handshake messages so far"
                                    : "signature over the transcript hash (with a context string in 1.3)";
    if (alg && !sig->value.empty()) m.value = alg->value + ", " + sig->value + " signature";
  }
  return ok;
}

bool finished(Reader& r, Field& m, ByteView msg, Version v) {
  std::size_t off = r.offset();
  parsed(r, m, msg, "Finished", ExtCtx::client_hello,
         [](Reader& rr) { return handshake::Finished::parse(rr, rr.remaining()); });
  Field* vd = child_named(m, "verify_data");
  if (!vd) return false;
  vd->note = v == Version::tls12 ? "PRF(master_secret, finished_label, transcript hash), 12 bytes"
                                 : "HMAC(finished_key, transcript hash): as long as the suite's hash";
  if (vd->length == 0) return fail(m, off, "Finished has no verify_data");
  return true;
}

bool new_session_ticket13(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "NewSessionTicket", ExtCtx::new_session_ticket,
                handshake::NewSessionTicket::parse);
}

bool new_session_ticket12(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "NewSessionTicket12", ExtCtx::new_session_ticket,
                handshake::NewSessionTicket12::parse);
}

// ServerECDHParams, then the signature over them (RFC 8422 5.4).
bool server_key_exchange(Reader& r, Field& m, ByteView msg) {
  Field all;
  bool ok = parsed(r, all, msg, "ServerKeyExchange", ExtCtx::server_hello,
                   handshake::ServerKeyExchangeEcdhe::parse);
  Field params = leaf("params", all.children.empty() ? r.offset() : all.children.front().offset, 0, {},
                      "ServerECDHParams: the curve and the server's ephemeral public key");
  Field sig = leaf("signed_params", 0, 0, {}, "signature over client_random + server_random + params");
  bool signed_part = false;
  for (auto& c : all.children) {
    // After the public key, even a failed read belongs to the signature.
    signed_part = signed_part || c.name == "algorithm" || child_named(params, "public");
    Field& to = signed_part ? sig : params;
    if (to.children.empty()) to.offset = c.offset;
    to.length = std::max(to.length, read_end(c) - to.offset);
    to.add(std::move(c));
  }
  Field* g = child_named(params, "named_curve");
  Field* pub = child_named(params, "public");
  if (g && pub && !pub->value.empty()) params.value = g->value + ", " + pub->value + " public key";
  Field* alg = child_named(sig, "algorithm");
  Field* sv = child_named(sig, "signature");
  if (alg && sv && !sv->value.empty()) sig.value = alg->value + ", " + sv->value;
  m.add(std::move(params));
  if (signed_part) m.add(std::move(sig));
  return ok;
}

bool client_key_exchange(Reader& r, Field& m, ByteView msg) {
  bool ok = parsed(r, m, msg, "ClientKeyExchange", ExtCtx::client_hello,
                   handshake::ClientKeyExchangeEcdhe::parse);
  Field* pub = child_named(m, "ecdh_Yc");
  if (pub && !pub->value.empty()) m.value = pub->value + " public key";
  return ok;
}

bool key_update(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "KeyUpdate", ExtCtx::client_hello, handshake::KeyUpdate::parse);
}

bool encrypted_extensions(Reader& r, Field& m, ByteView msg) {
  return parsed(r, m, msg, "EncryptedExtensions", ExtCtx::encrypted_extensions,
                handshake::EncryptedExtensions::parse);
}

bool opaque_body(Reader& r, Field& m) {
  std::size_t off = r.offset();
  ByteView b = r.rest();
  if (!b.empty()) m.add(leaf("body", off, b.size(), nbytes(b.size()), "shown as opaque bytes"));
  return true;
}

bool empty_body(Reader& r, Field& m) {
  if (!r.empty()) return expect_end(m, r, m.name + " (its body must be empty)");
  m.add(leaf("body", r.offset(), 0, "empty", "this message has no content: its arrival is the signal"));
  return true;
}

// Dissects a body whose layout depends on the version; with the version
// unknown, tries TLS 1.3 then 1.2 and keeps the first clean reading.
template <class F13, class F12>
void by_version(Reader r, Field& m, ByteView msg, Version v, F13 f13, F12 f12) {
  if (v == Version::tls13) {
    (void)f13(r, m, msg);
    return;
  }
  if (v == Version::tls12) {
    (void)f12(r, m, msg);
    return;
  }
  Reader r13 = r, r12 = r;
  Field a = m, b = m;
  if (f13(r13, a, msg)) {
    a.add(leaf("version_guess", 0, 0, "read as TLS 1.3", "the version was not known; this layout parses cleanly"));
    m = std::move(a);
    return;
  }
  if (f12(r12, b, msg)) {
    b.add(leaf("version_guess", 0, 0, "read as TLS 1.2", "the version was not known; this layout parses cleanly"));
    m = std::move(b);
    return;
  }
  m = std::move(a);
}

}  // namespace

bool is_hello_retry_request(ByteView msg) {
  if (msg.size() < 4 + 2 + 32 || msg[0] != 2) return false;
  return std::equal(msg.begin() + 6, msg.begin() + 38, handshake::hello_retry_request_random.begin());
}

Version server_hello_version(ByteView msg) {
  if (msg.size() < 4 || msg[0] != 2) return Version::unknown;
  Field scratch = dissect_handshake(msg, DissectContext{});
  if (const Field* sv = scratch.find("selected_version")) {
    if (sv->value.find("(0x0304)") != std::string::npos) return Version::tls13;
    if (sv->value.find("(0x0303)") != std::string::npos) return Version::tls12;
    return Version::unknown;
  }
  if (const Field* lv = scratch.find("legacy_version"))
    if (lv->value.find("(0x0303)") != std::string::npos) return Version::tls12;
  return Version::unknown;
}

std::string message_label(ByteView msg, const DissectContext& ctx) {
  if (msg.empty()) return "empty";
  if (msg[0] == 2 && (ctx.hello_retry_request || is_hello_retry_request(msg))) return "HelloRetryRequest";
  return handshake::message_name(static_cast<HT>(msg[0]));
}

namespace {

// A hello without supported_versions is a TLS 1.2 hello: its legacy fields are
// the real ones and it carries no key share (RFC 8446 4.1.2, 4.2.1).
void tls12_hello_notes(Field& m, bool client) {
  const Field* exts = m.find("extensions");
  if (exts && exts->find("supported_versions")) return;
  m.note = client ? "the client's opening offer: the highest version it supports, cipher suites, "
                    "extensions (groups and signature schemes among them)"
                  : "the server's choices: version, cipher suite and extensions (the key exchange "
                    "follows in ServerKeyExchange)";
  if (Field* v = child_named(m, "legacy_version"))
    v->note = client ? "the highest version the client supports (no supported_versions extension)"
                     : "the version the server chose";
  if (Field* id = child_named(m, client ? "legacy_session_id" : "legacy_session_id_echo"))
    id->note = client ? "a session to resume (empty: a new session)"
                      : "the session id (an echo of the client's means it is resumed)";
}

}  // namespace

Field dissect_handshake(ByteView msg, const DissectContext& ctx) {
  Field m;
  m.name = message_label(msg, ctx);
  m.offset = 0;
  m.length = msg.size();
  if (msg.empty()) {
    m.name = "handshake_message";
    fail(m, 0, "empty input: a handshake message needs a 4-byte header");
    return m;
  }
  const std::uint8_t type = msg[0];
  const bool hrr = type == 2 && (ctx.hello_retry_request || is_hello_retry_request(msg));
  m.note = message_note(type, hrr);
  m.value = nbytes(msg.size());
  Reader r(msg);
  Field hdr = leaf("header", 0, 4, {}, "every handshake message starts with its type and body length");
  auto t = u8(r, hdr, "msg_type", fmt_msg_type, "which handshake message this is");
  std::optional<std::uint32_t> len;
  if (t) len = u24(r, hdr, "length", "bytes in the body after this 4-byte header");
  if (len) hdr.value = fmt_msg_type(type) + ", body " + nbytes(*len);
  hdr.length = std::min<std::size_t>(4, msg.size());
  m.add(std::move(hdr));
  if (!len) return m;  // the header node holds the error
  ByteView body_all = r.rest();
  std::size_t body_len = std::min<std::size_t>(*len, body_all.size());
  Reader body(body_all.first(body_len), 4);
  bool ok = true;
  switch (static_cast<HT>(type)) {
    case HT::client_hello: ok = client_hello(body, m, msg); break;
    case HT::server_hello: ok = server_hello(body, m, msg, hrr); break;
    case HT::encrypted_extensions: ok = encrypted_extensions(body, m, msg); break;
    case HT::certificate: by_version(body, m, msg, ctx.version, certificate13, certificate12); break;
    case HT::certificate_request:
      by_version(body, m, msg, ctx.version, certificate_request13, certificate_request12);
      break;
    case HT::new_session_ticket:
      by_version(body, m, msg, ctx.version, new_session_ticket13, new_session_ticket12);
      break;
    case HT::certificate_verify: ok = certificate_verify(body, m, msg, ctx.version); break;
    case HT::finished: ok = finished(body, m, msg, ctx.version); break;
    case HT::key_update: ok = key_update(body, m, msg); break;
    case HT::server_key_exchange: ok = server_key_exchange(body, m, msg); break;
    case HT::client_key_exchange: ok = client_key_exchange(body, m, msg); break;
    case HT::server_hello_done:
    case HT::end_of_early_data:
    case HT::hello_request: ok = empty_body(body, m); break;
    default: ok = opaque_body(body, m); break;
  }
  (void)ok;
  if ((type == 1 || type == 2) && !hrr) tls12_hello_notes(m, type == 1);
  if (*len > body_all.size())
    fail(m, msg.size(), "truncated at offset " + std::to_string(msg.size()) + ": the header announces a " +
                            nbytes(*len) + " body but only " + nbytes(body_all.size()) + " are present");
  else if (*len < body_all.size())
    fail(m, 4 + *len, nbytes(body_all.size() - *len) + " after the end of the message (offset " +
                          std::to_string(4 + *len) + ")");
  return m;
}

DissectContext ContextTracker::next(bool sent, ByteView msg) {
  DissectContext c;
  Sender other = self_ == Sender::client ? Sender::server
                 : self_ == Sender::server ? Sender::client
                                           : Sender::unknown;
  c.sender = sent ? self_ : other;
  if (!msg.empty()) {
    if (c.sender == Sender::unknown) {
      if (msg[0] == 1) c.sender = Sender::client;
      if (msg[0] == 2) c.sender = Sender::server;
    }
    if (msg[0] == 2) {
      if (is_hello_retry_request(msg)) {
        c.hello_retry_request = true;
        version_ = Version::tls13;
      } else {
        Version v = server_hello_version(msg);
        if (v != Version::unknown) version_ = v;
      }
    }
  }
  c.version = version_;
  return c;
}

}  // namespace glass::inspect
