#include "handshake/psk.hpp"

#include <string>

#include "core/hex.hpp"
#include "handshake/key_schedule.hpp"

namespace glass::handshake::tls13 {

core::Result<core::ByteView> truncated_client_hello(core::ByteView framed_client_hello,
                                                    const OfferedPsks& psks) {
  const std::size_t binders = psks.binders_wire_length();
  if (framed_client_hello.size() < binders + 4)
    return core::make_error(core::Alert::decode_error,
                            "ClientHello is shorter than its PSK binders list");
  return framed_client_hello.first(framed_client_hello.size() - binders);
}

core::Bytes binder_transcript_hash(crypto::HashAlg alg, core::ByteView prior,
                                   core::ByteView truncated) {
  crypto::Hash h(alg);
  h.update(prior);
  h.update(truncated);
  return h.digest();
}

core::Bytes psk_binder(crypto::HashAlg alg, core::ByteView binder_key, core::ByteView binder_hash,
                       std::size_t covered_bytes, core::Observer* obs) {
  core::Bytes binder = finished_verify_data(alg, binder_key, binder_hash);
  if (obs) {
    obs->on_note("PSK binder = HMAC(finished_key(binder_key), Transcript-Hash of the " +
                 std::to_string(covered_bytes) +
                 " ClientHello bytes before the binders list): " + core::to_hex(binder));
    obs->on_secret(core::Secret::psk_binder, binder);
  }
  return binder;
}

}  // namespace glass::handshake::tls13
