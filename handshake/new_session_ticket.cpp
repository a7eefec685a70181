#include "handshake/new_session_ticket.hpp"

namespace glass::handshake {

core::Result<NewSessionTicket> NewSessionTicket::parse(core::Reader& r) {
  NewSessionTicket t;
  GLASS_TRY(t.ticket_lifetime, r.u32("ticket_lifetime"));
  GLASS_TRY(t.ticket_age_add, r.u32("ticket_age_add"));
  GLASS_TRY(auto nonce, r.opaque8("ticket_nonce", 0, 0xff));
  t.ticket_nonce = core::to_bytes(nonce);
  GLASS_TRY(auto ticket, r.opaque16("ticket", 1, 0xffff));
  t.ticket = core::to_bytes(ticket);
  GLASS_TRY(t.extensions, Extensions::parse(r, ExtensionContext::new_session_ticket, 0, 0xfffe));
  GLASS_CHECK(r.expect_end("NewSessionTicket"));
  return t;
}

void NewSessionTicket::serialize(core::Writer& w) const {
  w.u32(ticket_lifetime);
  w.u32(ticket_age_add);
  w.opaque8(ticket_nonce);
  w.opaque16(ticket);
  extensions.serialize(w);
}

core::Result<NewSessionTicket12> NewSessionTicket12::parse(core::Reader& r) {
  NewSessionTicket12 t;
  GLASS_TRY(t.ticket_lifetime_hint, r.u32("ticket_lifetime_hint"));
  GLASS_TRY(auto ticket, r.opaque16("ticket", 0, 0xffff));
  t.ticket = core::to_bytes(ticket);
  GLASS_CHECK(r.expect_end("NewSessionTicket"));
  return t;
}

void NewSessionTicket12::serialize(core::Writer& w) const {
  w.u32(ticket_lifetime_hint);
  w.opaque16(ticket);
}

}  // namespace glass::handshake
