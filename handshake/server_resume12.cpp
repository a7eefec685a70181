// Server: TLS 1.2 session tickets (RFC 5077) with extended master secret required
// (RFC 7627 5.3). The ticket format is the TLS 1.3 one (handshake/ticket.hpp); its
// secret is the 48-byte master secret. The rules are in handshake/README.md.
#include "handshake/traffic_keys.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_schedule12.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_engine.hpp"
#include "handshake/server_hello.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;
using S = ServerEngine::State;

std::string ServerEngine::ticket12_unusable(const TicketContents& t) const {
  const Config& c = ch_.cfg;
  if (t.version != ProtocolVersion::tls12) return "it is not a TLS 1.2 ticket";
  if (t.expired(ch_.now())) return "it has expired";
  // RFC 7627 5.3: a session without extended master secret is never resumed, and
  // an abbreviated handshake must negotiate it again.
  if (!t.extended_master_secret) return "its session did not use extended_master_secret";
  if (!ems_) return "this ClientHello does not offer extended_master_secret (RFC 7627 5.3)";
  if (t.secret.size() != tls12::master_secret_size) return "its master secret has the wrong size";
  if (t.suite != suite_.id) return "its cipher suite differs from the one chosen now";
  if (t.server_name != ch_.info.server_name) return "it was issued for another server name";
  if (t.alpn != ch_.info.alpn) return "it was issued for another ALPN protocol";
  if (!core::equal(t.trust_anchors_hash, c.trust_anchors.set_hash()))
    return "our trust anchors changed since it was issued";
  if (c.client_auth == ClientAuthMode::require && !t.has_client_identity())
    return "it carries no client identity and this server requires client certificates";
  return {};
}

void ServerEngine::try_resume12(const ClientHello& hello) {
  const Config& c = ch_.cfg;
  const Extension* e = hello.extensions.find(ExtensionType::session_ticket);
  // RFC 5077 3.2: we acknowledge the extension only if we will send a ticket.
  send_tickets_ = e && c.ticket_keys && c.tickets_per_handshake > 0 && ems_;
  if (!e || e->data.empty() || !c.ticket_keys) return;
  auto t = c.ticket_keys->open(e->data, ch_.now());
  std::string why = t ? ticket12_unusable(*t) : t.error().reason;
  if (why.empty() && !c.ticket_keys->claim(e->data, t->issued_at + t->lifetime, ch_.now()))
    why = "it was used before (single-use tickets)";
  if (!why.empty()) {
    ch_.note("session ticket not used, " + why + ": full handshake");
    return;
  }
  resumed_ = std::move(*t);
  note_resumed();
}

core::Status ServerEngine::send_ticket12() {
  TicketContents t = ticket_template();
  t.version = ProtocolVersion::tls12;
  t.secret = master12_;
  t.extended_master_secret = true;
  NewSessionTicket12 nst;
  nst.ticket_lifetime_hint = t.lifetime;
  nst.ticket = ch_.cfg.ticket_keys->seal(t, t.issued_at);
  // RFC 5077 3.3: part of the handshake, so in the transcript of both Finished.
  GLASS_CHECK(ch_.send(nst));
  ++ch_.info.tickets_sent;
  ch_.note("sent a TLS 1.2 session ticket, lifetime " + std::to_string(t.lifetime) +
           " s, client identity: " + (t.has_client_identity() ? t.client_subject : std::string("none")));
  return {};
}

// RFC 5077 3.1 / RFC 5246 7.3: ServerHello, [NewSessionTicket], ChangeCipherSpec,
// Finished; then the client's ChangeCipherSpec and Finished (on_finished12).
core::Status ServerEngine::send_abbreviated12(ServerHello& sh, const ClientHello& hello) {
  sh.legacy_session_id_echo = hello.legacy_session_id;
  if (send_tickets_) sh.extensions.set_raw(ExtensionType::session_ticket, {});
  sh.extensions_present = !sh.extensions.empty();
  GLASS_CHECK(ch_.send(sh));
  ch_.reader.set_version(record::Version::tls12);
  ch_.reader.allow_compat_ccs(false);
  master12_ = resumed_->secret;
  if (ch_.obs) ch_.obs->on_secret(core::Secret::master_secret, master12_);
  auto& info = ch_.info;
  info.version = ProtocolVersion::tls12;
  info.cipher_suite = suite_.id;
  info.extended_master_secret = true;
  if (send_tickets_) GLASS_CHECK(send_ticket12());
  GLASS_TRY(auto kb, tls12::key_block(suite_.id, master12_, client_random_, server_random_, ch_.obs));
  GLASS_TRY(auto wp, tls12_protection(suite_.aead, kb, false));
  GLASS_CHECK(send_ccs_and_finished12(ch_, std::move(wp), suite_.hash, master12_, Side::server));
  GLASS_CHECK(ch_.writer.flush());
  // on_change_cipher_spec installs the client's keys from master12_ and the randoms.
  go(S::WAIT_CCS_12, std::string("send ServerHello (session resumed), ") +
                         (send_tickets_ ? "NewSessionTicket, " : "") + "ChangeCipherSpec, Finished");
  return {};
}

}  // namespace glass::handshake
