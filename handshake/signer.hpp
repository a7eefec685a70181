#pragma once
// Signatures by a private key that lives elsewhere (an HSM, an agent). An
// Identity with `external_key` set names only the key's type; when the handshake
// needs a signature from it, the engine files a SignatureRequest and waits
// (Wait{signature}); the caller signs `message` with `scheme` outside and hands
// the signature to Connection::provide_signature(), and the handshake goes on as
// if it had signed itself.
#include <optional>
#include <string>

#include "core/result.hpp"
#include "crypto/signature.hpp"

namespace glass::handshake {

struct Identity;
struct Channel;

struct SignatureRequest {
  crypto::SignatureScheme scheme{};
  // Exactly these bytes are signed: the signer applies the scheme's hash (and
  // padding) itself, as crypto::SigningKey::sign does.
  core::Bytes message;
  std::string purpose;       // "TLS 1.3 server CertificateVerify"
  std::string identity;      // Identity::label of the key asked for
};

// Signs `message` with the identity's own key; for an external key, returns the
// signature provided for the pending request, or files the request in `ch` and
// returns nullopt (the caller then returns Wait{signature}).
core::Result<std::optional<core::Bytes>> sign_or_request(Channel& ch, const Identity& id,
                                                         crypto::SignatureScheme scheme,
                                                         core::ByteView message,
                                                         std::string_view purpose);

}  // namespace glass::handshake
