#include "handshake/traffic_keys.hpp"

#include "handshake/key_schedule.hpp"
#include "handshake/key_update.hpp"
#include "record/protection12.hpp"

namespace glass::handshake {

namespace {
core::Secret next_secret(core::Side side) {
  return side == core::Side::client ? core::Secret::client_application_traffic_secret_next
                                    : core::Secret::server_application_traffic_secret_next;
}
core::Side other(core::Side s) { return s == core::Side::client ? core::Side::server : core::Side::client; }
}  // namespace

core::Status send_key_update13(Channel& ch, CipherSuite suite, crypto::HashAlg hash,
                               core::SecretBytes& write_secret, std::string_view us,
                               bool request_peer) {
  KeyUpdate ku{request_peer ? KeyUpdateRequest::update_requested
                            : KeyUpdateRequest::update_not_requested};
  GLASS_TRY(auto bytes, encode(ku));
  // Not part of the transcript; a probe may still rewrite it (e.g. an invalid request value).
  if (!ch.cfg.tamper || ch.cfg.tamper->outgoing(HandshakeType::key_update, bytes)) {
    GLASS_CHECK(ch.writer.write_handshake_message(bytes));
    if (ch.cfg.tamper) ch.cfg.tamper->after(HandshakeType::key_update, ch.writer);
  }
  std::string label = std::string(us) + "_application_traffic_secret_N+1";
  write_secret = tls13::next_application_traffic_secret(hash, write_secret, ch.obs, next_secret(ch.side_id()));
  return ch.set_write_secret13(suite, write_secret, label);
}

core::Result<bool> receive_key_update13(Channel& ch, const record::HandshakeMessage& m,
                                        CipherSuite suite, crypto::HashAlg hash,
                                        core::SecretBytes& read_secret, std::string_view peer) {
  GLASS_TRY(auto ku, decode<KeyUpdate>(core::ByteView(m.raw)));
  std::string label = std::string(peer) + "_application_traffic_secret_N+1";
  read_secret = tls13::next_application_traffic_secret(hash, read_secret, ch.obs, next_secret(other(ch.side_id())));
  GLASS_CHECK(ch.set_read_secret13(suite, read_secret, label));
  return ku.request_update == KeyUpdateRequest::update_requested;
}

core::Result<core::SecretBytes> master_secret12(Channel& ch, crypto::HashAlg prf,
                                                core::ByteView pre_master_secret, bool ems,
                                                const Random& client_random,
                                                const Random& server_random) {
  if (!ems) return tls12::master_secret(prf, pre_master_secret, client_random, server_random, ch.obs);
  GLASS_TRY(auto session_hash, ch.transcript.current_hash());
  return tls12::extended_master_secret(prf, pre_master_secret, session_hash, ch.obs);
}

core::Result<std::unique_ptr<record::RecordProtection>> tls12_protection(crypto::AeadAlg aead,
                                                                        const tls12::KeyBlock& kb,
                                                                        bool client_write) {
  auto& key = client_write ? kb.client_write_key : kb.server_write_key;
  auto& iv = client_write ? kb.client_write_iv : kb.server_write_iv;
  GLASS_TRY(auto p, record::Protection12::create(aead, key, iv));
  return std::unique_ptr<record::RecordProtection>(std::move(p));
}

}  // namespace glass::handshake
