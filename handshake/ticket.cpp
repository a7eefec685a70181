#include "handshake/ticket.hpp"

#include <algorithm>

#include "core/reader.hpp"
#include "core/writer.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

namespace {

constexpr std::uint8_t kFormat = 1;
constexpr std::string_view kAad = "glasstls ticket v1";
constexpr std::size_t kHeader = 4 + crypto::aead_nonce_size;

core::Bytes aad_for(std::uint32_t key_id) {
  core::Writer w;
  w.bytes(core::as_bytes(kAad));
  w.u32(key_id);
  return w.release();
}

std::string to_string(core::ByteView v) { return std::string(v.begin(), v.end()); }

}  // namespace

core::Bytes encode_ticket_plaintext(const TicketContents& t) {
  core::Writer w;
  w.u8(kFormat);
  w.u16(static_cast<std::uint16_t>(t.version));
  w.u16(static_cast<std::uint16_t>(t.suite));
  w.u64(static_cast<std::uint64_t>(t.issued_at));
  w.u32(t.lifetime);
  w.u32(t.age_add);
  w.opaque8(t.secret);
  w.u8(t.extended_master_secret ? 1 : 0);
  w.opaque8(core::as_bytes(t.alpn));
  w.opaque16(core::as_bytes(t.server_name));
  w.opaque8(t.trust_anchors_hash);
  w.opaque8(t.client_chain_hash);
  w.opaque16(core::as_bytes(t.client_subject));
  return w.release();
}

core::Result<TicketContents> parse_ticket_plaintext(core::ByteView plaintext) {
  core::Reader r(plaintext);
  TicketContents t;
  GLASS_TRY(auto format, r.u8("ticket format"));
  if (format != kFormat)
    return make_error(Alert::decode_error, "ticket format " + std::to_string(format) + " is not ours");
  GLASS_TRY(auto version, r.u16("ticket version"));
  t.version = static_cast<ProtocolVersion>(version);
  if (t.version != ProtocolVersion::tls12 && t.version != ProtocolVersion::tls13)
    return make_error(Alert::decode_error, "ticket names a protocol version other than TLS 1.2/1.3");
  GLASS_TRY(auto suite, r.u16("ticket cipher suite"));
  t.suite = static_cast<CipherSuite>(suite);
  GLASS_TRY(auto issued, r.u64("ticket issue time"));
  // Bounded so issue time + lifetime cannot overflow.
  if (issued >= (1ULL << 62)) return make_error(Alert::decode_error, "ticket issue time is out of range");
  t.issued_at = static_cast<std::int64_t>(issued);
  GLASS_TRY(t.lifetime, r.u32("ticket lifetime"));
  GLASS_TRY(t.age_add, r.u32("ticket age_add"));
  GLASS_TRY(auto secret, r.opaque8("ticket secret", 32, 64));
  t.secret = core::SecretBytes(secret);
  GLASS_TRY(auto ems, r.u8("ticket extended_master_secret"));
  if (ems > 1) return make_error(Alert::decode_error, "ticket extended_master_secret flag is not 0 or 1");
  t.extended_master_secret = ems == 1;
  GLASS_TRY(auto alpn, r.opaque8("ticket ALPN"));
  t.alpn = to_string(alpn);
  GLASS_TRY(auto sni, r.opaque16("ticket server name", 0, 255));
  t.server_name = to_string(sni);
  GLASS_TRY(auto anchors, r.opaque8("ticket trust-anchor hash", 32, 32));
  t.trust_anchors_hash = core::to_bytes(anchors);
  GLASS_TRY(auto chain, r.opaque8("ticket client chain hash", 0, 32));
  if (!chain.empty() && chain.size() != 32)
    return make_error(Alert::decode_error, "ticket client chain hash is neither empty nor 32 bytes");
  t.client_chain_hash = core::to_bytes(chain);
  GLASS_TRY(auto subject, r.opaque16("ticket client subject", 0, 1024));
  t.client_subject = to_string(subject);
  GLASS_CHECK(r.expect_end("ticket"));
  return t;
}

core::Bytes client_chain_hash(const std::vector<core::Bytes>& chain) {
  crypto::Hash h(crypto::HashAlg::sha256);
  for (const auto& c : chain) {
    core::Writer w;
    w.u24(static_cast<std::uint32_t>(c.size()));
    h.update(w.buffer());
    h.update(c);
  }
  return h.digest();
}

// ---- TicketKeys ----------------------------------------------------------------

TicketKeys::TicketKeys(std::int64_t rotation_period, crypto::Rng* rng)
    : period_(rotation_period > 0 ? rotation_period : default_rotation_period),
      rng_(rng ? rng : &crypto::system_rng()) {
  next_id_ = 0;
  rng_->fill({reinterpret_cast<std::uint8_t*>(&next_id_), sizeof next_id_});
}

void TicketKeys::rotate_locked(std::int64_t now) {
  previous_ = std::move(current_);
  Key k;
  k.id = next_id_++;
  k.key = core::SecretBytes(rng_->bytes(32));
  k.created = now;
  current_ = std::move(k);
}

void TicketKeys::maybe_rotate_locked(std::int64_t now) {
  if (current_ && now - current_->created < period_ && now >= current_->created) return;
  // The previous key opens tickets for one period after it stopped sealing; a
  // current key idle for two periods is past that too.
  if (current_ && now - current_->created >= 2 * period_) current_.reset();
  rotate_locked(now);
}

void TicketKeys::rotate(std::int64_t now) {
  std::lock_guard lock(mu_);
  rotate_locked(now);
}

const TicketKeys::Key* TicketKeys::find_locked(std::uint32_t id) const {
  if (current_ && current_->id == id) return &*current_;
  if (previous_ && previous_->id == id) return &*previous_;
  return nullptr;
}

core::Bytes TicketKeys::seal(const TicketContents& t, std::int64_t now) {
  core::SecretBytes plain(encode_ticket_plaintext(t));
  std::lock_guard lock(mu_);
  maybe_rotate_locked(now);
  auto aead = crypto::Aead::create(crypto::AeadAlg::aes256_gcm, current_->key);
  core::Writer w;
  w.u32(current_->id);
  core::Bytes nonce = rng_->bytes(crypto::aead_nonce_size);
  w.bytes(nonce);
  w.bytes(aead->seal(nonce, aad_for(current_->id), plain));
  return w.release();
}

core::Result<TicketContents> TicketKeys::open(core::ByteView ticket, std::int64_t now) {
  if (ticket.size() > max_ticket_size)
    return make_error(Alert::decode_error, "ticket is larger than " + std::to_string(max_ticket_size) + " bytes");
  if (ticket.size() < kHeader + crypto::aead_tag_size)
    return make_error(Alert::decode_error, "ticket is too short to be one of ours");
  core::Reader r(ticket);
  GLASS_TRY(auto id, r.u32("ticket key id"));
  GLASS_TRY(auto nonce, r.bytes(crypto::aead_nonce_size, "ticket nonce"));
  core::ByteView sealed = ticket.subspan(kHeader);
  core::SecretBytes plain;
  {
    std::lock_guard lock(mu_);
    maybe_rotate_locked(now);
    const Key* k = find_locked(id);
    if (!k) return make_error(Alert::decrypt_error, "ticket key is unknown or retired");
    auto aead = crypto::Aead::create(crypto::AeadAlg::aes256_gcm, k->key);
    if (!aead) return aead.error();
    auto opened = aead->open(nonce, aad_for(id), sealed);
    if (!opened) return make_error(Alert::decrypt_error, "ticket does not authenticate (tampered or not ours)");
    plain = core::SecretBytes(std::move(*opened));
  }
  return parse_ticket_plaintext(plain);
}

void TicketKeys::set_single_use(bool on, std::size_t max_entries) {
  std::lock_guard lock(mu_);
  single_use_ = on;
  max_replay_ = max_entries;
}

bool TicketKeys::single_use() const {
  std::lock_guard lock(mu_);
  return single_use_;
}

bool TicketKeys::claim(core::ByteView ticket, std::int64_t expires_at, std::int64_t now) {
  std::lock_guard lock(mu_);
  if (!single_use_) return true;
  while (!used_order_.empty() && used_order_.front().first <= now) {
    used_.erase(used_order_.front().second);
    used_order_.pop_front();
  }
  // The ticket's tag identifies it: 16 bytes no one can choose for a ticket of ours.
  std::string id(ticket.end() - crypto::aead_tag_size, ticket.end());
  if (used_.count(id)) return false;
  if (used_.size() >= max_replay_) return false;
  used_.insert(id);
  used_order_.emplace_back(expires_at, std::move(id));
  return true;
}

}  // namespace glass::handshake
