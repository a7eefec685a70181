#pragma once
// Finished, both ways and both versions: checking the peer's against the
// transcript (then adding it), and sending ours. In TLS 1.2 ours follows our
// ChangeCipherSpec and goes out under the new write keys.
#include <memory>
#include <string_view>

#include "handshake/engine.hpp"
#include "handshake/peer_auth.hpp"
#include "record/protection.hpp"

namespace glass::handshake {

// RFC 8446 4.4.4: verify_data = HMAC(finished_key(base_key), transcript hash), where
// base_key is the peer's handshake traffic secret (its application traffic secret
// for post-handshake authentication). A mismatch is decrypt_error.
// `proof` is what the peer has shown of its certificate: a Finished from a peer still
// AwaitingCertificateVerify is refused (unexpected_message).
core::Status accept_finished13(Channel& ch, const record::HandshakeMessage& m, crypto::HashAlg hash,
                               core::ByteView base_key, Side peer, const PeerProof& proof);
core::Status send_finished13(Channel& ch, crypto::HashAlg hash, core::ByteView base_key);

// RFC 5246 7.4.9: verify_data = PRF(master_secret, "<sender> finished", transcript hash).
core::Status accept_finished12(Channel& ch, const record::HandshakeMessage& m, crypto::HashAlg prf,
                               core::ByteView master_secret, Side peer, const PeerProof& proof);
// ChangeCipherSpec, then `write_keys` protect what we write, then our Finished.
core::Status send_ccs_and_finished12(Channel& ch, std::unique_ptr<record::RecordProtection> write_keys,
                                     crypto::HashAlg prf, core::ByteView master_secret, Side us);

}  // namespace glass::handshake
