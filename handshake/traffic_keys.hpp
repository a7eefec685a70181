#pragma once
// Moving traffic keys after the handshake (TLS 1.3 KeyUpdate) and building TLS 1.2
// record protection from the key block.
#include <memory>
#include <string_view>

#include "handshake/engine.hpp"
#include "handshake/key_schedule12.hpp"
#include "record/protection.hpp"

namespace glass::handshake {

// TLS 1.3 KeyUpdate (RFC 8446 4.6.3). Sending moves our write keys to the next
// generation of `write_secret`; receiving moves the read keys and returns whether the
// peer asked us to update too. `peer`/`us` name the secrets ("client"/"server").
core::Status send_key_update13(Channel& ch, CipherSuite suite, crypto::HashAlg hash,
                               core::SecretBytes& write_secret, std::string_view us,
                               bool request_peer);
core::Result<bool> receive_key_update13(Channel& ch, const record::HandshakeMessage& m,
                                        CipherSuite suite, crypto::HashAlg hash,
                                        core::SecretBytes& read_secret, std::string_view peer);
// TLS 1.2 master secret from the pre-master secret: over the session hash (the
// transcript so far) with extended master secret (RFC 7627 4), else over the
// randoms (RFC 5246 8.1).
core::Result<core::SecretBytes> master_secret12(Channel& ch, crypto::HashAlg prf,
                                                core::ByteView pre_master_secret, bool ems,
                                                const Random& client_random,
                                                const Random& server_random);
// TLS 1.2 record protection for one direction from the key block.
core::Result<std::unique_ptr<record::RecordProtection>> tls12_protection(crypto::AeadAlg aead,
                                                                        const tls12::KeyBlock& kb,
                                                                        bool client_write);

}  // namespace glass::handshake
