// Client: offering a ticket (RFC 8446 4.2.11), accepting the server's choice, and
// storing the tickets it sends after the handshake (4.6.1).
#include <algorithm>

#include "core/hex.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/psk.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

void ClientEngine::offer_session() {
  const Config& c = ch_.cfg;
  if (!c.session_cache) return;
  // RFC 8446 4.2.9: psk_dhe_ke only; the modes also tell the server it may send tickets.
  hello_.extensions.set(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}});
  auto s = c.session_cache->take(session_key(c.server_name, c.alpn), ch_.now());
  if (s && s->version == ProtocolVersion::tls12 && hello_.extensions.has(ExtensionType::session_ticket))
    offer_ticket12(std::move(*s));
  if (!s || s->version != ProtocolVersion::tls13) return;
  auto p = suite_params(s->suite);
  if (!p || !hello_.offers(s->suite)) {
    ch_.note("the stored ticket's cipher suite is not offered any more: full handshake");
    return;
  }
  psk_ = std::move(s);
  ch_.info.psk_offered = true;
  if (!attach_psk()) psk_.reset();
}

core::Status ClientEngine::attach_psk() {
  const auto alg = suite_params(psk_->suite)->hash;
  const std::int64_t age_s = std::max<std::int64_t>(0, ch_.now() - psk_->received_at);
  OfferedPsks offer;
  offer.identities.push_back(
      {psk_->ticket, tls13::obfuscate_ticket_age(static_cast<std::uint32_t>(age_s * 1000), psk_->age_add)});
  offer.binders.push_back(core::Bytes(crypto::hash_size(alg), 0));
  hello_.extensions.remove(ExtensionType::pre_shared_key);
  hello_.extensions.set(offer);  // last, as RFC 8446 4.2.11 requires
  GLASS_TRY(auto framed, encode(hello_));
  GLASS_TRY(auto truncated, tls13::truncated_client_hello(framed, offer));
  ch_.note("offering a session ticket (" + std::to_string(psk_->ticket.size()) +
           " bytes) received " + std::to_string(age_s) + " s ago; its PSK keys the early secret");
  if (ch_.obs) ch_.obs->on_secret(core::Secret::psk, psk_->secret);
  tls13::EarlySecret es(alg, psk_->secret, ch_.obs);
  auto binder_key = es.binder_key(true);
  auto h = tls13::binder_transcript_hash(alg, ch_.transcript.messages(), truncated);
  offer.binders[0] = tls13::psk_binder(alg, binder_key, h, truncated.size(), ch_.obs);
  hello_.extensions.set(offer);  // same size: replaced in place
  return {};
}

core::Status ClientEngine::accept_selected_psk(const ServerHello& sh) {
  GLASS_TRY(auto sel, sh.extensions.get<SelectedPsk>());
  if (!sel) {
    if (psk_) ch_.note("the server did not accept our ticket: full handshake");
    return {};
  }
  // check_solicited already refused pre_shared_key when we offered none.
  if (!psk_ || sel->selected_identity != 0)
    return make_error(Alert::illegal_parameter,
                      "ServerHello selects PSK identity " + std::to_string(sel->selected_identity) +
                          ", but we offered one (RFC 8446 4.2.11)");
  if (suite_params(sh.cipher_suite)->hash != suite_params(psk_->suite)->hash)
    return make_error(Alert::illegal_parameter,
                      "server resumed with a cipher suite whose hash differs from the ticket's "
                      "(RFC 8446 4.2.11)");
  resumed_ = true;
  auto& info = ch_.info;
  info.resumed = true;
  info.peer_chain = psk_->peer_chain;
  info.peer_verified = true;
  info.peer_verify_result = "OK (verified in the original handshake; resumed)";
  ch_.note("the server accepted our ticket: resumed handshake, no certificates this time");
  return {};
}

core::Status ClientEngine::on_new_session_ticket(const record::HandshakeMessage& m) {
  GLASS_TRY(auto nst, decode<NewSessionTicket>(ByteView(m.raw)));
  // RFC 8446 4.6.1: lifetimes above seven days are illegal.
  if (nst.ticket_lifetime > 604800)
    return make_error(Alert::illegal_parameter, "NewSessionTicket lifetime above 7 days");
  if (!ch_.cfg.session_cache || rms_.empty()) {
    ch_.note("server sent a NewSessionTicket (" + std::to_string(nst.ticket.size()) +
             " bytes); no session cache is configured, so it is not kept");
    return {};
  }
  // A ticket skips certificate checks next time: keep only those of a verified server.
  if (!ch_.info.peer_verified) {
    ch_.note("server sent a NewSessionTicket, but its certificate was not verified: not kept");
    return {};
  }
  if (nst.ticket_lifetime == 0) {
    ch_.note("server sent a NewSessionTicket with lifetime 0: not kept (RFC 8446 4.6.1)");
    return {};
  }
  ClientSession s;
  s.version = ProtocolVersion::tls13;
  s.suite = suite_.id;
  s.secret = tls13::resumption_psk(suite_.hash, rms_, nst.ticket_nonce);
  if (ch_.obs) {
    ch_.obs->on_secret(core::Secret::ticket_psk, s.secret);
    ch_.note("ticket PSK = HKDF-Expand-Label(resumption_master_secret, \"resumption\", nonce " +
             core::to_hex(nst.ticket_nonce) + ")");
  }
  s.ticket = std::move(nst.ticket);
  s.lifetime = nst.ticket_lifetime;
  s.age_add = nst.ticket_age_add;
  keep_session(std::move(s), "a session ticket");
  return {};
}

void ClientEngine::keep_session(ClientSession s, std::string_view what) {
  const auto lifetime = s.lifetime;
  s.received_at = ch_.now();
  s.server_name = ch_.cfg.server_name;
  s.alpn_offered = session_key("", ch_.cfg.alpn).substr(1);
  s.peer_chain = ch_.info.peer_chain;
  ch_.cfg.session_cache->add(std::move(s));
  ++ch_.info.tickets_received;
  ch_.note("stored " + std::string(what) + " for " + ch_.cfg.server_name + " (lifetime " +
           std::to_string(lifetime) + " s)");
}

}  // namespace glass::handshake
