// SigningKey and VerifyingKey: the checks every algorithm shares (does the
// algorithm fit the key?) and dispatch to the algorithm's own code through
// sig_provider.hpp. The algorithms are in sig_ed25519.cpp, sig_ecdsa.cpp and
// sig_rsa.cpp; sig_registry.cpp says which serves which key type.
#include "crypto/signature.hpp"

#include "crypto/sig_provider.hpp"

namespace glass::crypto {

using core::Alert;
using core::make_error;
using core::SecretBytes;
using core::Status;

namespace {

// Whether algorithm a can be computed with a key of type t at all.
Status check_kind(const SigAlgorithm& a, KeyType t) {
  const SigAlgorithmProvider* provider = sig_algorithm_provider(t);
  if (!provider) return make_error(Alert::internal_error, "unknown key type");
  GLASS_CHECK(provider->fits(a, t));
  if (a.kind != SigAlgorithm::Kind::ed25519 && md_type(a.hash) == MBEDTLS_MD_NONE)
    return make_error(Alert::illegal_parameter, "unknown hash algorithm in signature algorithm");
  return {};
}

Status check_scheme(SignatureScheme s, KeyType t) {
  // Version-neutral check (TLS 1.2 rules); TLS 1.3 callers also ask scheme_fits_key.
  if (!scheme_fits_key(s, t, /*tls13=*/false))
    return make_error(Alert::illegal_parameter, "signature scheme " + name_of(s) +
                                                    " cannot be used with an " +
                                                    std::string(key_type_name(t)) + " key");
  return {};
}

}  // namespace

// ---------------------------------------------------------------- VerifyingKey

VerifyingKey::VerifyingKey(KeyType t, Bytes identity, std::shared_ptr<const Impl> impl)
    : type_(t), identity_(std::move(identity)), impl_(std::move(impl)) {}
VerifyingKey::VerifyingKey(const VerifyingKey&) = default;
VerifyingKey& VerifyingKey::operator=(const VerifyingKey&) = default;
VerifyingKey::VerifyingKey(VerifyingKey&&) noexcept = default;
VerifyingKey& VerifyingKey::operator=(VerifyingKey&&) noexcept = default;
VerifyingKey::~VerifyingKey() = default;

std::size_t VerifyingKey::bits() const { return impl_->bits(); }

Bytes VerifyingKey::raw_public() const {
  if (type_ == KeyType::rsa || type_ == KeyType::rsa_pss) return {};
  return identity_;  // the Ed25519 key or the uncompressed EC point
}

NamedGroup VerifyingKey::ec_curve() const { return impl_->ec_curve(); }
Bytes VerifyingKey::rsa_modulus() const { return impl_->rsa_modulus(); }
Bytes VerifyingKey::rsa_exponent() const { return impl_->rsa_exponent(); }

Status VerifyingKey::verify(SignatureScheme s, ByteView message, ByteView signature) const {
  GLASS_TRY(SigAlgorithm alg, sig_algorithm(s));
  GLASS_CHECK(check_scheme(s, type_));
  return verify(alg, message, signature);
}

Status VerifyingKey::verify(const SigAlgorithm& alg, ByteView message, ByteView sig) const {
  GLASS_CHECK(check_kind(alg, type_));
  return impl_->verify(alg, message, sig, SigLabel{alg, type_});
}

// ------------------------------------------------------------------ SigningKey

SigningKey::SigningKey(KeyType t, std::unique_ptr<Impl> impl, std::unique_ptr<VerifyingKey> pub)
    : type_(t), impl_(std::move(impl)), public_(std::move(pub)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

core::Result<SigningKey> SigningKey::generate(KeyType t, Rng& rng, std::size_t rsa_bits) {
  const SigAlgorithmProvider* provider = sig_algorithm_provider(t);
  if (!provider) return make_error(Alert::internal_error, "unknown key type");
  return provider->generate(t, rng, rsa_bits);
}

core::Result<Bytes> SigningKey::sign(SignatureScheme s, ByteView message, Rng& rng) const {
  GLASS_TRY(SigAlgorithm alg, sig_algorithm(s));
  GLASS_CHECK(check_scheme(s, type_));
  return sign(alg, message, rng);
}

core::Result<Bytes> SigningKey::sign(const SigAlgorithm& alg, ByteView message, Rng& rng) const {
  GLASS_CHECK(check_kind(alg, type_));
  return impl_->sign(alg, message, rng, signature_provider_for(rng));
}

SecretBytes SigningKey::ed25519_seed() const { return impl_->ed25519_seed(); }
SecretBytes SigningKey::ec_scalar() const { return impl_->ec_scalar(); }
RsaPrivateParts SigningKey::rsa_parts() const { return impl_->rsa_parts(); }
NamedGroup SigningKey::ec_curve() const { return impl_->ec_curve(); }

}  // namespace glass::crypto
