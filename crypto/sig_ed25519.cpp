// Ed25519 over libsodium (RFC 8032): seed → key pair, detached sign and verify.
// Signing is deterministic by definition and takes nothing from the Rng, so both
// signature providers give the same bytes.
#include <sodium.h>

#include <algorithm>

#include "crypto/sig_provider.hpp"

namespace glass::crypto {

using core::Alert;
using core::make_error;

namespace {

struct Ed25519Verifier final : VerifyingKey::Impl {
  std::uint8_t pk[crypto_sign_PUBLICKEYBYTES] = {};

  std::size_t bits() const override { return 256; }
  core::Status verify(const SigAlgorithm&, ByteView message, ByteView sig,
                      const SigLabel& what) const override {
    ensure_sodium();
    if (sig.size() != crypto_sign_BYTES)
      return make_error(Alert::decrypt_error,
                        what.text() + " has " + std::to_string(sig.size()) + " bytes, expected 64");
    if (crypto_sign_verify_detached(sig.data(), message.data(), message.size(), pk) != 0)
      return make_error(Alert::decrypt_error, what.text() + " does not verify");
    return {};
  }
};

struct Ed25519Signer final : SigningKey::Impl {
  core::SecretBytes sk{crypto_sign_SECRETKEYBYTES};  // libsodium's seed ‖ public key

  core::Result<Bytes> sign(const SigAlgorithm&, ByteView message, Rng&,
                           const SignatureProvider&) const override {
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), sk.data());
    return sig;
  }
  core::SecretBytes ed25519_seed() const override {
    return core::SecretBytes(sk.view().first(crypto_sign_SEEDBYTES));
  }
};

class Ed25519Provider final : public SigAlgorithmProvider {
 public:
  std::string_view name() const override { return "Ed25519 (libsodium)"; }
  bool serves(KeyType t) const override { return t == KeyType::ed25519; }
  core::Status fits(const SigAlgorithm& a, KeyType t) const override {
    if (a.kind != SigAlgorithm::Kind::ed25519) return kind_mismatch(a, t);
    return {};
  }
  core::Result<SigningKey> generate(KeyType, Rng& rng, std::size_t) const override {
    core::SecretBytes seed(32);
    rng.fill(seed.mut());
    return SigningKey::ed25519(seed);
  }
};

}  // namespace

const SigAlgorithmProvider& ed25519_provider() {
  static const Ed25519Provider p;
  return p;
}

core::Result<VerifyingKey> VerifyingKey::ed25519(ByteView pk) {
  if (pk.size() != crypto_sign_PUBLICKEYBYTES)
    return make_error(Alert::illegal_parameter, "Ed25519 public key must be 32 bytes, got " +
                                                    std::to_string(pk.size()));
  auto impl = std::make_shared<Ed25519Verifier>();
  std::copy(pk.begin(), pk.end(), impl->pk);
  return VerifyingKey(KeyType::ed25519, core::to_bytes(pk), std::move(impl));
}

core::Result<SigningKey> SigningKey::ed25519(ByteView seed) {
  if (seed.size() != crypto_sign_SEEDBYTES)
    return make_error(Alert::illegal_parameter, "Ed25519 private key (seed) must be 32 bytes, got " +
                                                    std::to_string(seed.size()));
  ensure_sodium();
  auto impl = std::make_unique<Ed25519Signer>();
  std::uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, impl->sk.data(), seed.data());
  GLASS_TRY(VerifyingKey pub, VerifyingKey::ed25519(ByteView(pk, sizeof pk)));
  return SigningKey(KeyType::ed25519, std::move(impl),
                    std::make_unique<VerifyingKey>(std::move(pub)));
}

}  // namespace glass::crypto
