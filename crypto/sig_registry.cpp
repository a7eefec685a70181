// The one place that says which code serves a key type, and which signature
// provider (where salts and blinding come from) a signing call uses.
#include "crypto/sig_provider.hpp"

namespace glass::crypto {

// Each defined in its algorithm's file.
const SigAlgorithmProvider& ed25519_provider();  // sig_ed25519.cpp
const SigAlgorithmProvider& ecdsa_provider();    // sig_ecdsa.cpp
const SigAlgorithmProvider& rsa_provider();      // sig_rsa.cpp

const SigAlgorithmProvider* sig_algorithm_provider(KeyType t) {
  static const SigAlgorithmProvider* const registered[] = {
      &ed25519_provider(),
      &ecdsa_provider(),
      &rsa_provider(),
  };
  for (const SigAlgorithmProvider* p : registered)
    if (p->serves(t)) return p;
  return nullptr;
}

namespace {

// Real traffic: the library draws from the caller's Rng whenever it needs to
// (mbedTLS RSA draws its blinding pair once per key and reuses it squared).
class StandardProvider final : public SignatureProvider {
 public:
  std::string_view name() const override { return "standard"; }
  Rng& private_op_rng(Rng& caller, std::optional<SeededRng>&) const override { return caller; }
};

// Seeded runs and fuzz replays: every private-key operation takes exactly 32 bytes
// from the caller's Rng and draws salt and blinding from a stream keyed by them, so
// the signature and the caller's stream afterwards do not depend on the key's
// history (cached blinding), on mbedTLS's retry loops or on its version.
class DeterministicProvider final : public SignatureProvider {
 public:
  std::string_view name() const override { return "deterministic"; }
  Rng& private_op_rng(Rng& caller, std::optional<SeededRng>& own) const override {
    core::SecretBytes seed(32);
    caller.fill(seed.mut());
    own.emplace(seed.view());
    return *own;
  }
};

}  // namespace

const SignatureProvider& standard_signature_provider() {
  static const StandardProvider p;
  return p;
}

const SignatureProvider& deterministic_signature_provider() {
  static const DeterministicProvider p;
  return p;
}

const SignatureProvider& signature_provider_for(const Rng& rng) {
  return rng.deterministic() ? deterministic_signature_provider() : standard_signature_provider();
}

}  // namespace glass::crypto
