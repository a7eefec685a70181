#include "handshake/finished_exchange.hpp"

#include "handshake/finished.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/key_schedule12.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

namespace {

core::Status accept_finished(Channel& ch, const record::HandshakeMessage& m, const Finished& fin,
                             core::ByteView expected, Side peer, std::string_view what) {
  if (!core::ct_equal(expected, fin.verify_data))
    return make_error(Alert::decrypt_error, std::string(peer == Side::client ? "client" : "server") +
                                                " Finished does not match " + std::string(what));
  ch.transcript.add(m.raw);
  return {};
}

}  // namespace

core::Status accept_finished13(Channel& ch, const record::HandshakeMessage& m, crypto::HashAlg hash,
                               core::ByteView base_key, Side peer, const PeerProof& proof) {
  GLASS_CHECK(check_peer_proven(proof, peer));
  GLASS_TRY(auto fin, decode<Finished>(core::ByteView(m.raw), crypto::hash_size(hash)));
  GLASS_TRY(auto h, ch.transcript.current_hash());
  auto expected = tls13::finished_verify_data(hash, base_key, h);
  return accept_finished(ch, m, fin, expected, peer, "the transcript (RFC 8446 4.4.4)");
}

core::Status send_finished13(Channel& ch, crypto::HashAlg hash, core::ByteView base_key) {
  GLASS_TRY(auto h, ch.transcript.current_hash());
  return ch.send(Finished{tls13::finished_verify_data(hash, base_key, h)});
}

core::Status accept_finished12(Channel& ch, const record::HandshakeMessage& m, crypto::HashAlg prf,
                               core::ByteView master_secret, Side peer, const PeerProof& proof) {
  GLASS_CHECK(check_peer_proven(proof, peer));
  GLASS_TRY(auto fin, decode<Finished>(core::ByteView(m.raw), tls12_verify_data_size));
  GLASS_TRY(auto h, ch.transcript.current_hash());
  auto expected = tls12::finished_verify_data(prf, master_secret, peer, h);
  return accept_finished(ch, m, fin, expected, peer, "the handshake (RFC 5246 7.4.9)");
}

core::Status send_ccs_and_finished12(Channel& ch, std::unique_ptr<record::RecordProtection> write_keys,
                                     crypto::HashAlg prf, core::ByteView master_secret, Side us) {
  GLASS_CHECK(ch.writer.write_change_cipher_spec());
  GLASS_CHECK(ch.writer.set_protection(std::move(write_keys)));
  GLASS_TRY(auto h, ch.transcript.current_hash());
  return ch.send(Finished{tls12::finished_verify_data(prf, master_secret, us, h)});
}

}  // namespace glass::handshake
