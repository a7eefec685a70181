// Records (RFC 8446 5.1/5.2, RFC 5246 6.2) and alerts (RFC 8446 6).
#include <string>

#include "inspect/dissect.hpp"
#include "inspect/dissect_util.hpp"

namespace glass::inspect {

using namespace detail;

namespace {

std::string fmt_content_type(std::uint8_t v) { return content_type_label(v); }
std::string fmt_level(std::uint8_t v) {
  switch (v) {
    case 1: return "warning (1)";
    case 2: return "fatal (2)";
  }
  return "unknown (" + std::to_string(v) + ")";
}
std::string fmt_alert(std::uint8_t v) { return alert_label(v); }

// Handshake messages inside a plaintext fragment; offsets shifted by `base`.
void handshake_messages(ByteView data, std::size_t base, Field& parent, const DissectContext& ctx) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    ByteView rest = data.subspan(pos);
    if (rest.size() < 4) {
      parent.add(leaf("partial_message", base + pos, rest.size(), nbytes(rest.size()),
                      "start of a handshake message that continues in the next record"));
      return;
    }
    std::size_t len = (std::size_t{rest[1]} << 16) | (std::size_t{rest[2]} << 8) | rest[3];
    if (4 + len > rest.size()) {
      Field p = leaf("partial_message", base + pos, rest.size(),
                     message_label(rest, ctx) + ", " + nbytes(rest.size()) + " of " + nbytes(4 + len),
                     "a handshake message split across records; it continues in the next record");
      parent.add(std::move(p));
      return;
    }
    Field m = dissect_handshake(rest.first(4 + len), ctx);
    // Shift offsets so they are relative to the record.
    shift_offsets(m, base + pos);
    parent.add(std::move(m));
    pos += 4 + len;
  }
}

}  // namespace

Field dissect_alert(ByteView body) {
  Field a = leaf("Alert", 0, body.size(), {}, "a warning or an error report; fatal ones end the connection");
  Reader r(body);
  auto lvl = u8(r, a, "level", fmt_level, "fatal alerts close the connection (TLS 1.3 treats all but close_notify/user_canceled as fatal)");
  std::optional<std::uint8_t> d;
  if (lvl) d = u8(r, a, "description", fmt_alert, "what went wrong (or close_notify: an orderly end)");
  if (lvl && d) {
    a.value = fmt_level(*lvl) + " " + alert_label(*d);
    (void)expect_end(a, r, "Alert");
  }
  return a;
}

Field dissect_plaintext(std::uint8_t type, ByteView plaintext, const DissectContext& ctx) {
  Field p = leaf("plaintext", 0, plaintext.size(), content_type_label(type) + ", " + nbytes(plaintext.size()),
                 "the record's content after decryption (or as sent, before encryption is on)");
  switch (type) {
    case 22:
      handshake_messages(plaintext, 0, p, ctx);
      break;
    case 21:
      p.add(dissect_alert(plaintext));
      break;
    case 20:
      p.add(leaf("change_cipher_spec", 0, plaintext.size(), plaintext.size() == 1 ? std::to_string(plaintext[0]) : nbytes(plaintext.size()),
                 "TLS 1.2: from now on this side encrypts; TLS 1.3: ignored, for middlebox compatibility"));
      break;
    case 23:
      p.add(leaf("application_data", 0, plaintext.size(), nbytes(plaintext.size()), "the application's own bytes"));
      break;
    default:
      p.add(leaf("content", 0, plaintext.size(), nbytes(plaintext.size()), "unknown content type: opaque"));
      break;
  }
  return p;
}

Field dissect_record(ByteView wire, const DissectContext& ctx) {
  Field rec = leaf("record", 0, wire.size(), {}, "the unit TLS sends on the wire: a 5-byte header and a fragment");
  Reader r(wire);
  auto type = u8(r, rec, "content_type", fmt_content_type,
                 "what the fragment holds (protected TLS 1.3 records always say application_data)");
  if (!type) return rec;
  if (!u16(r, rec, "legacy_record_version", fmt_version,
           "0x0303 (0x0301 allowed in a first ClientHello); not the negotiated version")) return rec;
  std::size_t len_off = r.offset();
  auto len = r.u16("length");
  if (!len) { fail(rec, r, len.error()); return rec; }
  rec.add(leaf("length", len_off, 2, nbytes(*len), "fragment length (at most 2^14, plus 256 when encrypted)"));
  ByteView frag = r.rest();
  std::size_t have = std::min<std::size_t>(*len, frag.size());
  rec.value = content_type_label(*type) + ", " + nbytes(*len);
  const bool prot = ctx.record_protected || (*type == 23 && ctx.version == Version::tls13);
  if (prot) {
    Field f = leaf("encrypted_record", 5, have, nbytes(have) + " of ciphertext",
                   "AEAD ciphertext: the content, its real type and padding, then the 16-byte tag");
    if (have >= 16) {
      f.add(leaf("ciphertext", 5, have - 16, nbytes(have - 16), "the encrypted content"));
      f.add(leaf("tag", 5 + have - 16, 16, "16 bytes", "authentication tag: any change to the record breaks it"));
    }
    rec.add(std::move(f));
  } else {
    Field p = dissect_plaintext(*type, frag.first(have), ctx);
    shift_offsets(p, 5);
    p.name = "fragment";
    rec.add(std::move(p));
  }
  if (*len > frag.size())
    fail(rec, wire.size(), "truncated at offset " + std::to_string(wire.size()) + ": the header announces " +
                               nbytes(*len) + " but only " + nbytes(frag.size()) + " follow");
  else if (*len < frag.size())
    fail(rec, 5 + *len, nbytes(frag.size() - *len) + " after the end of the record");
  return rec;
}

}  // namespace glass::inspect
