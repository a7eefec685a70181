#pragma once
// TLS 1.3 pre-shared keys from tickets (RFC 8446 4.2.11, 4.6.1, 7.1): the PSK
// binder and the obfuscated ticket age. The key schedule stages themselves are in
// key_schedule.hpp (EarlySecret takes the PSK).
//
//   resumption_master_secret --HKDF-Expand-Label("resumption", ticket_nonce)--> PSK
//   PSK --HKDF-Extract--> early_secret --Derive-Secret("res binder", "")--> binder_key
//   binder = HMAC(finished_key(binder_key), Transcript-Hash(Truncate(ClientHello)))
#include <cstdint>

#include "core/observer.hpp"
#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "handshake/extensions_typed.hpp"

namespace glass::handshake::tls13 {

// The framed ClientHello up to and excluding the binders list (its u16 length
// included), which the PSK binder covers (RFC 8446 4.2.11.2). pre_shared_key is the
// last extension, so the binders list is the last thing in the message.
// decode_error if the message is shorter than the binders it claims to end with.
core::Result<core::ByteView> truncated_client_hello(core::ByteView framed_client_hello,
                                                    const OfferedPsks& psks);

// Transcript-Hash over `prior` then the truncated ClientHello. `prior` is what the
// transcript holds before this ClientHello: empty for the first one; after a
// HelloRetryRequest, message_hash(ClientHello1) and the HelloRetryRequest.
core::Bytes binder_transcript_hash(crypto::HashAlg alg, core::ByteView prior,
                                   core::ByteView truncated);

// binder = HMAC(finished_key(binder_key), binder_hash): Finished's construction.
// With an observer, a note says what the binder covers and its value.
core::Bytes psk_binder(crypto::HashAlg alg, core::ByteView binder_key, core::ByteView binder_hash,
                       std::size_t covered_bytes = 0, core::Observer* obs = nullptr);

// RFC 8446 4.2.11.1: obfuscated_ticket_age = (age in ms + ticket_age_add) mod 2^32;
// the server undoes it with the ticket_age_add it stored in the ticket.
inline std::uint32_t obfuscate_ticket_age(std::uint32_t age_ms, std::uint32_t age_add) {
  return age_ms + age_add;
}
inline std::uint32_t ticket_age_from_obfuscated(std::uint32_t obfuscated, std::uint32_t age_add) {
  return obfuscated - age_add;
}

}  // namespace glass::handshake::tls13
