// Client: TLS 1.2 session tickets (RFC 5077) with extended master secret required
// (RFC 7627 5.3): offering a stored ticket with a fresh session_id, recognising the
// abbreviated handshake by its echo, and keeping the tickets the server sends.
#include <algorithm>

#include "handshake/client_engine.hpp"
#include "handshake/traffic_keys.hpp"
#include "handshake/finished_exchange.hpp"
#include "handshake/key_schedule12.hpp"
#include "handshake/new_session_ticket.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;
using S = ClientEngine::State;

namespace {
// RFC 5077 3.3: 0 leaves the lifetime unspecified; we keep such a ticket this long.
constexpr std::uint32_t kUnspecifiedLifetime = 3600;
}  // namespace

void ClientEngine::offer_ticket12(ClientSession s) {
  if (!hello_.offers(s.suite) || !s.extended_master_secret ||
      s.secret.size() != tls12::master_secret_size) {
    ch_.note("the stored TLS 1.2 ticket cannot be offered (cipher suite not offered or no "
             "extended master secret): full handshake");
    return;
  }
  // RFC 5077 3.4: a session_id of our own tells us from the echo that the server resumed.
  if (hello_.legacy_session_id.empty()) hello_.legacy_session_id = ch_.rng.bytes(32);
  hello_.extensions.set_raw(ExtensionType::session_ticket, s.ticket);
  ch_.note("offering a TLS 1.2 session ticket (" + std::to_string(s.ticket.size()) + " bytes)");
  ch_.info.psk_offered = true;
  session12_ = std::move(s);
}

bool ClientEngine::resumes12(const ServerHello& sh) {
  if (!session12_) return false;
  if (!sh.legacy_session_id_echo.empty() &&
      core::equal(sh.legacy_session_id_echo, hello_.legacy_session_id))
    return true;
  ch_.note("the server did not resume our TLS 1.2 ticket: full handshake");
  session12_.reset();
  return false;
}

core::Status ClientEngine::on_abbreviated_server_hello12(const ServerHello& sh) {
  if (sh.cipher_suite != session12_->suite)
    return make_error(Alert::illegal_parameter,
                      "server resumed the session with cipher suite " + name_of(sh.cipher_suite) +
                          ", not the session's " + name_of(session12_->suite) + " (RFC 5246 7.4.1.3)");
  master12_ = session12_->secret;
  if (ch_.obs) ch_.obs->on_secret(core::Secret::master_secret, master12_);
  auto& info = ch_.info;
  info.resumed = true;
  info.peer_chain = session12_->peer_chain;
  info.peer_verified = true;
  info.peer_verify_result = "OK (verified in the original handshake; resumed)";
  ch_.note("the server accepted our ticket: abbreviated handshake, no certificates this time");
  GLASS_TRY(auto kb, tls12::key_block(suite_.id, master12_, client_random_, server_random_, ch_.obs));
  GLASS_TRY(next_read12_, tls12_protection(suite_.aead, kb, false));
  GLASS_TRY(next_write12_, tls12_protection(suite_.aead, kb, true));
  go(S::WAIT_CCS_12, "ServerHello (TLS 1.2, session resumed)");
  return {};
}

core::Status ClientEngine::on_new_session_ticket12(const record::HandshakeMessage& m) {
  if (!ticket_expected12_ || pending_ticket12_)
    return make_error(Alert::unexpected_message,
                      "NewSessionTicket without the session_ticket extension in ServerHello, or a "
                      "second one (RFC 5077 3.3)");
  GLASS_TRY(auto nst, decode<NewSessionTicket12>(ByteView(m.raw)));
  ch_.transcript.add(m.raw);
  pending_ticket12_ = std::move(nst);
  return {};
}

// After the server's Finished verified: in an abbreviated handshake our
// ChangeCipherSpec and Finished come last (RFC 5077 3.1).
core::Status ClientEngine::finish_abbreviated12() {
  GLASS_CHECK(send_ccs_and_finished12(ch_, std::move(next_write12_), suite_.hash, master12_, Side::client));
  return ch_.writer.flush();
}

void ClientEngine::store_ticket12() {
  if (!pending_ticket12_) {
    // RFC 5077 3.4: without a new ticket the resumed one stays usable (the server
    // sees the same ticket again; TLS 1.2 echoes the session_id in clear anyway).
    if (session12_ && ch_.cfg.session_cache) {
      ch_.cfg.session_cache->add(*session12_);
      ch_.note("no new ticket: the resumed one is kept for the next connection");
    }
    return;
  }
  auto nst = std::move(*pending_ticket12_);
  pending_ticket12_.reset();
  std::string why;
  if (!ch_.cfg.session_cache) why = "no session cache is configured";
  else if (!ch_.info.peer_verified) why = "the server's certificate was not verified";
  else if (!ems_) why = "the session has no extended master secret (RFC 7627 5.3)";
  else if (nst.ticket.empty()) why = "the ticket is empty (RFC 5077 3.3)";
  if (!why.empty()) {
    ch_.note("server sent a NewSessionTicket; not kept: " + why);
    return;
  }
  const std::uint32_t lifetime = nst.ticket_lifetime_hint == 0
                                     ? kUnspecifiedLifetime
                                     : std::min<std::uint32_t>(nst.ticket_lifetime_hint, 604800);
  ClientSession s;
  s.version = ProtocolVersion::tls12;
  s.suite = suite_.id;
  s.secret = master12_;
  s.extended_master_secret = true;
  s.ticket = std::move(nst.ticket);
  s.lifetime = lifetime;
  keep_session(std::move(s), "a TLS 1.2 session ticket");
}

}  // namespace glass::handshake
