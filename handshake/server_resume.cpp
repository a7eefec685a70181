// Server: resuming from a ticket (RFC 8446 4.2.11) and issuing tickets after the
// handshake (4.6.1). The rules for refusing a ticket are in handshake/README.md.
#include <algorithm>
#include <cstdlib>

#include "core/hex.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/psk.hpp"
#include "handshake/server_engine.hpp"
#include "x509/certificate.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

namespace {
// Identities examined per ClientHello; the rest are ignored.
constexpr std::size_t kMaxPskIdentities = 8;
}  // namespace

std::string ServerEngine::ticket_unusable(const TicketContents& t, std::uint32_t obfuscated_age) const {
  const Config& c = ch_.cfg;
  const std::int64_t now = ch_.now();
  if (t.version != ProtocolVersion::tls13) return "it is a TLS 1.2 ticket";
  if (t.expired(now)) return "it has expired";
  auto p = suite_params(t.suite);
  if (!p || p->hash != suite_.hash) return "its cipher suite's hash differs from the one chosen now";
  if (t.server_name != ch_.info.server_name) return "it was issued for another server name";
  if (!core::equal(t.trust_anchors_hash, c.trust_anchors.set_hash()))
    return "our trust anchors changed since it was issued";
  if (c.client_auth == ClientAuthMode::require && !t.has_client_identity())
    return "it carries no client identity and this server requires client certificates";
  // RFC 8446 4.2.11.1 / 8.3: the age the client reports must match ours.
  const std::int64_t client_ms = tls13::ticket_age_from_obfuscated(obfuscated_age, t.age_add);
  const std::int64_t server_ms = (now - t.issued_at) * 1000;
  // Both clocks count whole seconds: allow one more second than the window.
  if (std::llabs(client_ms - server_ms) > static_cast<std::int64_t>(c.ticket_age_window_ms) + 1000)
    return "the ticket age the client reports (" + std::to_string(client_ms) +
           " ms) is outside the window around ours (" + std::to_string(server_ms) + " ms)";
  return {};
}

core::Status ServerEngine::try_resume(const ClientHello& hello, core::ByteView framed_hello) {
  const Config& c = ch_.cfg;
  GLASS_TRY(auto modes, hello.extensions.get<PskKeyExchangeModes>());
  const bool dhe = modes && modes->offers(PskKeyExchangeMode::psk_dhe_ke);
  const bool ke = modes && c.allow_psk_ke && modes->offers(PskKeyExchangeMode::psk_ke);
  send_tickets_ = c.ticket_keys && c.tickets_per_handshake > 0 && (dhe || ke);
  GLASS_TRY(auto offer, hello.extensions.get<OfferedPsks>());
  if (!offer) return {};
  // RFC 8446 4.2.9: a client offering a PSK must say which modes it accepts.
  if (!modes)
    return make_error(Alert::missing_extension,
                      "ClientHello offers pre_shared_key without psk_key_exchange_modes (RFC 8446 4.2.9)");
  if (!c.ticket_keys) return {};
  if (!dhe && !ke) {
    ch_.note("the client offers a ticket only for a PSK mode we do not accept: full handshake");
    return {};
  }
  for (std::size_t i = 0; i < offer->identities.size() && i < kMaxPskIdentities; ++i) {
    const auto& id = offer->identities[i];
    auto t = c.ticket_keys->open(id.identity, ch_.now());
    std::string why = t ? ticket_unusable(*t, id.obfuscated_ticket_age) : t.error().reason;
    if (!why.empty()) {
      ch_.note("ticket " + std::to_string(i) + " not used, " + why + ": full handshake unless another fits");
      continue;
    }
    ch_.note("ticket " + std::to_string(i) + " opened: its PSK keys the early secret");
    GLASS_TRY(auto truncated, tls13::truncated_client_hello(framed_hello, *offer));
    if (ch_.obs) ch_.obs->on_secret(core::Secret::psk, t->secret);
    tls13::EarlySecret es(suite_.hash, t->secret, ch_.obs);
    auto bk = es.binder_key(true);
    auto h = tls13::binder_transcript_hash(suite_.hash, ch_.transcript.messages(), truncated);
    auto expected = tls13::psk_binder(suite_.hash, bk, h, truncated.size(), ch_.obs);
    // RFC 8446 4.2.11: the binder of the PSK we select must verify.
    if (!core::ct_equal(expected, offer->binders[i]))
      return make_error(Alert::decrypt_error,
                        "the PSK binder does not match the ClientHello (RFC 8446 4.2.11)");
    if (!c.ticket_keys->claim(id.identity, t->issued_at + t->lifetime, ch_.now())) {
      ch_.note("ticket " + std::to_string(i) + " was used before (single-use tickets): full handshake");
      continue;
    }
    resumed_ = std::move(*t);
    psk_index_ = static_cast<std::uint16_t>(i);
    psk_ke_ = !dhe;
    note_resumed();
    return {};
  }
  return {};
}

void ServerEngine::note_resumed() {
  auto& info = ch_.info;
  info.resumed = true;
  info.resumed_client_subject = resumed_->client_subject;
  info.resumed_client_chain_hash = resumed_->client_chain_hash;
  info.peer_verified = resumed_->has_client_identity();
  info.peer_verify_result = resumed_->has_client_identity()
                                ? "OK (verified in the original handshake; resumed)"
                                : "(no client certificate in the original handshake)";
  ch_.note("resuming: the client is known by the ticket as " +
           (resumed_->has_client_identity() ? resumed_->client_subject : std::string("no certificate")));
}

TicketContents ServerEngine::ticket_template() const {
  const auto& info = ch_.info;
  TicketContents t;
  t.version = ProtocolVersion::tls13;
  t.suite = suite_.id;
  t.issued_at = ch_.now();
  t.lifetime = std::min<std::uint32_t>(ch_.cfg.ticket_lifetime, 604800);
  t.alpn = info.alpn;
  t.server_name = info.server_name;
  t.trust_anchors_hash = ch_.cfg.trust_anchors.set_hash();
  if (resumed_) {
    t.client_chain_hash = resumed_->client_chain_hash;
    t.client_subject = resumed_->client_subject;
  } else if (info.client_cert_sent && info.peer_verified && !info.peer_chain.empty()) {
    t.client_chain_hash = client_chain_hash(info.peer_chain);
    auto leaf = x509::Certificate::parse(info.peer_chain.front());
    t.client_subject = leaf ? leaf->subject().to_string() : std::string("(unparsable certificate)");
    if (t.client_subject.size() > 1024) t.client_subject = t.client_subject.substr(0, 1020) + " ...";
  }
  return t;
}

core::Status ServerEngine::send_tickets(core::ByteView rms) {
  TicketContents t = ticket_template();
  for (unsigned i = 0; i < ch_.cfg.tickets_per_handshake && i < 0x10000; ++i) {
    NewSessionTicket nst;
    nst.ticket_lifetime = t.lifetime;
    core::Bytes add = ch_.rng.bytes(4);
    nst.ticket_age_add = (std::uint32_t(add[0]) << 24) | (std::uint32_t(add[1]) << 16) |
                         (std::uint32_t(add[2]) << 8) | add[3];
    nst.ticket_nonce = {static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
    t.age_add = nst.ticket_age_add;
    t.secret = tls13::resumption_psk(suite_.hash, rms, nst.ticket_nonce);
    if (ch_.obs && i == 0)
      ch_.note("ticket PSK = HKDF-Expand-Label(resumption_master_secret, \"resumption\", nonce " +
               core::to_hex(nst.ticket_nonce) + ")");
    if (ch_.obs) ch_.obs->on_secret(core::Secret::ticket_psk, t.secret);
    nst.ticket = ch_.cfg.ticket_keys->seal(t, t.issued_at);
    GLASS_TRY(auto bytes, encode(nst));
    // Post-handshake: not part of the transcript (RFC 8446 4.4.1).
    GLASS_CHECK(ch_.writer.write_handshake_message(bytes));
    ++ch_.info.tickets_sent;
  }
  if (ch_.cfg.tickets_per_handshake)
    ch_.note("sent " + std::to_string(ch_.cfg.tickets_per_handshake) + " session ticket(s), lifetime " +
             std::to_string(t.lifetime) + " s, client identity: " +
             (t.has_client_identity() ? t.client_subject : std::string("none")));
  return ch_.writer.flush();
}

}  // namespace glass::handshake
