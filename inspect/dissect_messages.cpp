// Handshake messages of TLS 1.3 (RFC 8446 4) and TLS 1.2 (RFC 5246 7.4,
// RFC 8422 5, RFC 5077 3.3) as annotated field trees.
#include <algorithm>
#include <string>

#include "handshake/server_hello.hpp"
#include "handshake/types.hpp"
#include "inspect/dissect.hpp"
#include "inspect/dissect_util.hpp"

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
std::string fmt_cert_type(std::uint8_t v) {
  switch (v) {
    case 1: return "rsa_sign (1)";
    case 2: return "dss_sign (2)";
    case 64: return "ecdsa_sign (64)";
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
std::string fmt_compression(std::uint8_t v) {
  return v == 0 ? "null (0)" : "unknown (" + std::to_string(v) + ")";
}
std::string fmt_seconds(std::uint32_t v) { return std::to_string(v) + " s"; }

void random_field(Reader& r, Field& m, bool server, bool& ok) {
  auto rnd = fixed(r, m, "random", 32,
                   server ? "32 fresh random bytes from the server; mixed into every key"
                          : "32 fresh random bytes from the client; mixed into every key");
  if (!rnd) { ok = false; return; }
  Field& f = m.children.back();
  if (server && std::equal(rnd->begin(), rnd->end(), handshake::hello_retry_request_random.begin()))
    f.value = "HelloRetryRequest marker (SHA-256 of \"HelloRetryRequest\")";
  else if (server) {
    static const std::uint8_t down[7] = {'D', 'O', 'W', 'N', 'G', 'R', 'D'};
    if (std::equal(down, down + 7, rnd->begin() + 24))
      f.value = std::string("32 bytes, ends with the downgrade marker DOWNGRD ") +
                ((*rnd)[31] == 1 ? "01 (TLS 1.3 server negotiating 1.2)" : "00 (negotiating 1.1 or below)");
  }
}

bool client_hello(Reader& r, Field& m) {
  if (!u16(r, m, "legacy_version", fmt_version, "stays TLS 1.2 (0x0303); the real versions are in supported_versions")) return false;
  bool ok = true;
  random_field(r, m, false, ok);
  if (!ok) return false;
  if (!opaque(r, m, "legacy_session_id", 1, "TLS 1.2 resumption id; in 1.3 a random value for middlebox compatibility", 0, 32)) return false;
  Field suites = leaf("cipher_suites", r.offset(), 0, {}, "cipher suites the client accepts, most preferred first");
  auto sb = vec(r, suites, 2, 2, 0xfffe);
  if (!sb) { m.add(std::move(suites)); return false; }
  std::size_t n = 0;
  while (!sb->empty()) {
    if (!u16(*sb, suites, "cipher_suite", fmt_suite, {})) { m.add(std::move(suites)); return false; }
    ++n;
  }
  suites.value = std::to_string(n) + (n == 1 ? " suite" : " suites");
  m.add(std::move(suites));
  Field comp = leaf("legacy_compression_methods", r.offset(), 0, {}, "must be exactly one byte: 0 (no compression)");
  auto cb = vec(r, comp, 1, 1);
  if (!cb) { m.add(std::move(comp)); return false; }
  while (!cb->empty())
    if (!u8(*cb, comp, "compression_method", fmt_compression, {})) { m.add(std::move(comp)); return false; }
  m.add(std::move(comp));
  if (r.empty()) {
    m.add(leaf("extensions", r.offset(), 0, "absent", "a TLS 1.2 ClientHello may omit extensions"));
    return true;
  }
  return dissect_extensions(r, m, ExtCtx::client_hello);
}

bool server_hello(Reader& r, Field& m, bool hrr) {
  if (!u16(r, m, "legacy_version", fmt_version, "stays TLS 1.2 (0x0303); TLS 1.3 is chosen in supported_versions")) return false;
  bool ok = true;
  random_field(r, m, true, ok);
  if (!ok) return false;
  if (!opaque(r, m, "legacy_session_id_echo", 1, "echo of the client's session id", 0, 32)) return false;
  if (!u16(r, m, "cipher_suite", fmt_suite, "the one suite the server chose from the client's list")) return false;
  if (!u8(r, m, "legacy_compression_method", fmt_compression, "always 0")) return false;
  if (r.empty()) {
    m.add(leaf("extensions", r.offset(), 0, "absent", "a TLS 1.2 ServerHello may omit extensions"));
    return true;
  }
  return dissect_extensions(r, m, hrr ? ExtCtx::hello_retry_request : ExtCtx::server_hello);
}

bool certificate_list(Reader& r, Field& m, bool tls13) {
  Field list = leaf("certificate_list", r.offset(), 0, {}, "the chain: the sender's own certificate first, then CAs");
  auto body = vec(r, list, 3);
  if (!body) { m.add(std::move(list)); return false; }
  std::size_t n = 0;
  bool ok = true;
  while (!body->empty()) {
    std::size_t start = body->offset();
    Field entry = leaf(n == 0 ? "leaf certificate" : "certificate", start, 0, {},
                       n == 0 ? "the sender's own certificate" : "an intermediate or CA certificate");
    entry.name = "certificate_entry";
    Field data = leaf("cert_data", start, 0, {}, "one DER-encoded X.509 certificate");
    auto d = vec(*body, data, 3, 1);
    if (d) {
      data.value = nbytes(d->remaining());
      certificate_tree(d->data(), d->offset(), data);
      entry.value = data.value;
    }
    entry.add(std::move(data));
    if (d && tls13) ok = dissect_extensions(*body, entry, ExtCtx::certificate_entry);
    if (!d) ok = false;
    entry.length = body->offset() - start;
    list.add(std::move(entry));
    ++n;
    if (!ok) break;
  }
  list.value = std::to_string(n) + (n == 1 ? " certificate" : " certificates");
  if (n == 0) list.value += " (empty: the sender has no certificate to offer)";
  m.add(std::move(list));
  return ok;
}

bool certificate13(Reader& r, Field& m) {
  if (!opaque(r, m, "certificate_request_context", 1,
              "empty in the handshake; echoes CertificateRequest's context after it")) return false;
  return certificate_list(r, m, true);
}

bool certificate_request13(Reader& r, Field& m) {
  if (!opaque(r, m, "certificate_request_context", 1,
              "empty in the handshake; identifies a post-handshake request")) return false;
  return dissect_extensions(r, m, ExtCtx::certificate_request);
}

bool certificate_request12(Reader& r, Field& m) {
  Field types = leaf("certificate_types", r.offset(), 0, {}, "kinds of client key the server accepts");
  auto tb = vec(r, types, 1, 1);
  if (!tb) { m.add(std::move(types)); return false; }
  while (!tb->empty())
    if (!u8(*tb, types, "certificate_type", fmt_cert_type, {})) { m.add(std::move(types)); return false; }
  m.add(std::move(types));
  Field algs = leaf("supported_signature_algorithms", r.offset(), 0, {}, "signature schemes the server accepts in CertificateVerify");
  auto ab = vec(r, algs, 2, 2);
  if (!ab) { m.add(std::move(algs)); return false; }
  while (!ab->empty())
    if (!u16(*ab, algs, "scheme", fmt_scheme, {})) { m.add(std::move(algs)); return false; }
  m.add(std::move(algs));
  Field cas = leaf("certificate_authorities", r.offset(), 0, {}, "CAs the server trusts for client certificates (may be empty)");
  auto cb = vec(r, cas, 2);
  if (!cb) { m.add(std::move(cas)); return false; }
  std::size_t n = 0;
  while (!cb->empty()) {
    auto dn = opaque(*cb, cas, "distinguished_name", 2, "a CA name (DER)", 1);
    if (!dn) { m.add(std::move(cas)); return false; }
    cas.children.back().value = dn_text(*dn);
    ++n;
  }
  cas.value = std::to_string(n) + " CA name" + (n == 1 ? "" : "s");
  m.add(std::move(cas));
  return true;
}

bool certificate_verify(Reader& r, Field& m, Version v) {
  auto s = u16(r, m, "algorithm", fmt_scheme, "the signature scheme used");
  if (!s) return false;
  const char* note = v == Version::tls12
                         ? "signature over all handshake messages so far"
                         : "signature over the transcript hash (with a context string in 1.3)";
  auto sig = opaque(r, m, "signature", 2, note);
  if (sig) m.value = scheme_label(*s) + ", " + nbytes(sig->size()) + " signature";
  return sig.has_value();
}

bool finished(Reader& r, Field& m, Version v) {
  std::size_t off = r.offset();
  ByteView vd = r.rest();
  std::string note = v == Version::tls12
                         ? "PRF(master_secret, finished_label, transcript hash), 12 bytes"
                         : "HMAC(finished_key, transcript hash): as long as the suite's hash";
  m.add(leaf("verify_data", off, vd.size(), nbytes(vd.size()), note));
  if (vd.empty()) return fail(m, off, "Finished has no verify_data");
  return true;
}

bool new_session_ticket13(Reader& r, Field& m) {
  if (!u32(r, m, "ticket_lifetime", fmt_seconds, "how long the ticket may be used (at most 7 days)")) return false;
  if (!u32(r, m, "ticket_age_add", fmt_dec32, "random value that hides the ticket age on the wire")) return false;
  if (!opaque(r, m, "ticket_nonce", 1, "makes each ticket's PSK different")) return false;
  if (!opaque(r, m, "ticket", 2, "opaque to the client: sent back to resume", 1)) return false;
  return dissect_extensions(r, m, ExtCtx::new_session_ticket);
}

bool new_session_ticket12(Reader& r, Field& m) {
  if (!u32(r, m, "ticket_lifetime_hint", fmt_seconds, "a hint of how long the ticket is good for")) return false;
  return opaque(r, m, "ticket", 2, "opaque to the client: sent back in session_ticket to resume").has_value();
}

bool server_key_exchange(Reader& r, Field& m) {
  Field params = leaf("params", r.offset(), 0, {}, "ServerECDHParams: the curve and the server's ephemeral public key");
  auto ct = u8(r, params, "curve_type", fmt_curve_type, "3 = a named curve follows");
  std::optional<std::uint16_t> g;
  std::optional<ByteView> pub;
  if (ct) g = u16(r, params, "named_curve", fmt_group, "the ECDHE group");
  if (g) pub = opaque(r, params, "public", 1, "the server's ephemeral ECDHE public key", 1);
  params.length = r.offset() - params.offset;
  if (g && pub) params.value = group_label(*g) + ", " + nbytes(pub->size()) + " public key";
  m.add(std::move(params));
  if (!pub) return false;
  Field sig = leaf("signed_params", r.offset(), 0, {}, "signature over client_random + server_random + params");
  auto s = u16(r, sig, "algorithm", fmt_scheme, "the signature scheme used");
  std::optional<ByteView> sv;
  if (s) sv = opaque(r, sig, "signature", 2, "made with the key of the server certificate");
  sig.length = r.offset() - sig.offset;
  if (s && sv) sig.value = scheme_label(*s) + ", " + nbytes(sv->size());
  m.add(std::move(sig));
  return sv.has_value();
}

bool client_key_exchange(Reader& r, Field& m) {
  auto pub = opaque(r, m, "ecdh_Yc", 1, "the client's ephemeral ECDHE public key", 1);
  if (pub) m.value = nbytes(pub->size()) + " public key";
  return pub.has_value();
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
void by_version(Reader r, Field& m, Version v, F13 f13, F12 f12) {
  if (v == Version::tls13) {
    if (f13(r, m)) (void)expect_end(m, r, m.name);
    return;
  }
  if (v == Version::tls12) {
    if (f12(r, m)) (void)expect_end(m, r, m.name);
    return;
  }
  Reader r13 = r, r12 = r;
  Field a = m, b = m;
  bool ok13 = f13(r13, a) && expect_end(a, r13, m.name);
  if (ok13) {
    a.add(leaf("version_guess", 0, 0, "read as TLS 1.3", "the version was not known; this layout parses cleanly"));
    m = std::move(a);
    return;
  }
  bool ok12 = f12(r12, b) && expect_end(b, r12, m.name);
  if (ok12) {
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

Field* child(Field& m, std::string_view name) {
  for (auto& c : m.children)
    if (c.name == name) return &c;
  return nullptr;
}

// A hello without supported_versions is a TLS 1.2 hello: its legacy fields are
// the real ones and it carries no key share (RFC 8446 4.1.2, 4.2.1).
void tls12_hello_notes(Field& m, bool client) {
  const Field* exts = m.find("extensions");
  if (exts && exts->find("supported_versions")) return;
  m.note = client ? "the client's opening offer: the highest version it supports, cipher suites, "
                    "extensions (groups and signature schemes among them)"
                  : "the server's choices: version, cipher suite and extensions (the key exchange "
                    "follows in ServerKeyExchange)";
  if (Field* v = child(m, "legacy_version"))
    v->note = client ? "the highest version the client supports (no supported_versions extension)"
                     : "the version the server chose";
  if (Field* id = child(m, client ? "legacy_session_id" : "legacy_session_id_echo"))
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
    case HT::client_hello: ok = client_hello(body, m) && expect_end(m, body, "ClientHello"); break;
    case HT::server_hello: ok = server_hello(body, m, hrr) && expect_end(m, body, m.name); break;
    case HT::encrypted_extensions:
      ok = dissect_extensions(body, m, ExtCtx::encrypted_extensions) && expect_end(m, body, m.name);
      break;
    case HT::certificate:
      by_version(body, m, ctx.version, certificate13,
                 [](Reader& rr, Field& mm) { return certificate_list(rr, mm, false); });
      break;
    case HT::certificate_request:
      by_version(body, m, ctx.version, certificate_request13, certificate_request12);
      break;
    case HT::new_session_ticket:
      by_version(body, m, ctx.version, new_session_ticket13, new_session_ticket12);
      break;
    case HT::certificate_verify: ok = certificate_verify(body, m, ctx.version) && expect_end(m, body, m.name); break;
    case HT::finished: ok = finished(body, m, ctx.version); break;
    case HT::key_update: {
      auto v = u8(body, m, "request_update", fmt_key_update,
                  "1 asks the peer to update its own sending key too");
      ok = v && expect_end(m, body, m.name);
      break;
    }
    case HT::server_key_exchange: ok = server_key_exchange(body, m) && expect_end(m, body, m.name); break;
    case HT::client_key_exchange: ok = client_key_exchange(body, m) && expect_end(m, body, m.name); break;
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
