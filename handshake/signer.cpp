#include "handshake/signer.hpp"

#include "handshake/engine.hpp"

namespace glass::handshake {

core::Result<std::optional<core::Bytes>> sign_or_request(Channel& ch, const Identity& id,
                                                         crypto::SignatureScheme scheme,
                                                         core::ByteView message,
                                                         std::string_view purpose) {
  if (!id.external_key) {
    if (!id.key)
      return core::make_error(core::Alert::internal_error,
                              "identity " + id.label + " has neither a key nor an external signer");
    GLASS_TRY(auto sig, id.key->sign(scheme, message, ch.rng));
    return std::optional<core::Bytes>(std::move(sig));
  }
  if (ch.signature_answer) {
    // The state that asked runs again with the same transcript: same request.
    core::Bytes sig = std::move(*ch.signature_answer);
    ch.signature_answer.reset();
    ch.signature_request.reset();
    return std::optional<core::Bytes>(std::move(sig));
  }
  ch.signature_request =
      SignatureRequest{scheme, core::to_bytes(message), std::string(purpose), id.label};
  ch.note("waiting for " + std::string(purpose) + " to be signed outside (" +
          crypto::name_of(scheme) + ", " + std::to_string(message.size()) + " bytes, key " +
          id.label + ")");
  return std::optional<core::Bytes>();
}

}  // namespace glass::handshake
