// The signature seam (crypto/sig_provider.hpp): every key type has an algorithm
// provider; a replayable Rng selects the deterministic signature provider, under
// which two seeded runs sign byte for byte alike whatever the keys did before;
// the standard provider (real traffic) keeps RSA-PSS salts fresh.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hex.hpp"
#include "crypto/sig_provider.hpp"
#include "crypto/signature.hpp"

using namespace glass::crypto;
using glass::core::as_bytes;
using glass::core::Bytes;
using glass::core::to_hex;

namespace {

struct Signer {
  KeyType type;
  std::vector<SignatureScheme> schemes;
};

// Every scheme this build signs, grouped by the key type that makes it.
const std::vector<Signer>& signers() {
  using S = SignatureScheme;
  static const std::vector<Signer> all = {
      {KeyType::ed25519, {S::ed25519}},
      {KeyType::ecdsa_p256, {S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384}},
      {KeyType::ecdsa_p384, {S::ecdsa_secp384r1_sha384, S::ecdsa_secp256r1_sha256}},
      {KeyType::rsa,
       {S::rsa_pkcs1_sha256, S::rsa_pkcs1_sha384, S::rsa_pkcs1_sha512, S::rsa_pss_rsae_sha256,
        S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512}},
      {KeyType::rsa_pss, {S::rsa_pss_pss_sha256, S::rsa_pss_pss_sha384, S::rsa_pss_pss_sha512}},
  };
  return all;
}

// One key per type, made once (RSA at 1536 bits: enough for PSS with SHA-512, and
// quicker to generate than 2048).
const std::vector<SigningKey>& shared_keys() {
  static const std::vector<SigningKey> keys = [] {
    std::vector<SigningKey> out;
    for (const auto& s : signers()) {
      SeededRng rng(2024 + static_cast<std::uint64_t>(s.type));
      auto k = SigningKey::generate(s.type, rng, 1536);
      REQUIRE(k.ok());
      out.push_back(std::move(*k));
    }
    return out;
  }();
  return keys;
}

// k as a new object, made from its private material.
glass::core::Result<SigningKey> copy_of(const SigningKey& k) {
  switch (k.type()) {
    case KeyType::ed25519: return SigningKey::ed25519(k.ed25519_seed().view());
    case KeyType::ecdsa_p256:
    case KeyType::ecdsa_p384: return SigningKey::ecdsa(k.ec_curve(), k.ec_scalar().view());
    case KeyType::rsa:
    case KeyType::rsa_pss: break;
  }
  return SigningKey::rsa(k.rsa_parts(), k.type() == KeyType::rsa_pss);
}

// The same keys as new objects that have never signed (no cached blinding values).
std::vector<SigningKey> fresh_keys() {
  std::vector<SigningKey> out;
  for (const SigningKey& k : shared_keys()) {
    auto copy = copy_of(k);
    REQUIRE(copy.ok());
    CHECK(copy->public_key().same_key(k.public_key()));
    out.push_back(std::move(*copy));
  }
  return out;
}

const Bytes& message() {
  static const Bytes m = glass::core::to_bytes(as_bytes("signature provider test message"));
  return m;
}

// Signs every scheme with every key from `rng`; after the signatures, the next 16
// bytes of rng (so a run that drew a different amount shows up too). Every
// signature must verify.
std::vector<Bytes> sign_all(const std::vector<SigningKey>& keys, Rng& rng) {
  std::vector<Bytes> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (SignatureScheme s : signers()[i].schemes) {
      CAPTURE(name_of(s));
      auto sig = keys[i].sign(s, message(), rng);
      REQUIRE(sig.ok());
      CHECK(keys[i].public_key().verify(s, message(), *sig).ok());
      out.push_back(std::move(*sig));
    }
  }
  out.push_back(rng.bytes(16));
  return out;
}

// A replayable stream that does not say so: the standard provider then serves it.
class UnflaggedSeededRng final : public Rng {
 public:
  explicit UnflaggedSeededRng(std::uint64_t seed) : inner_(seed) {}
  void fill(glass::core::MutByteView out) override { inner_.fill(out); }

 private:
  SeededRng inner_;
};

}  // namespace

TEST_CASE("crypto: every key type has one algorithm provider") {
  for (KeyType t : {KeyType::ed25519, KeyType::ecdsa_p256, KeyType::ecdsa_p384, KeyType::rsa,
                    KeyType::rsa_pss}) {
    CAPTURE(key_type_name(t));
    const SigAlgorithmProvider* p = sig_algorithm_provider(t);
    REQUIRE(p != nullptr);
    CHECK(p->serves(t));
    CHECK_FALSE(p->name().empty());
  }
  CHECK(sig_algorithm_provider(static_cast<KeyType>(200)) == nullptr);
  CHECK(sig_algorithm_provider(KeyType::rsa) == sig_algorithm_provider(KeyType::rsa_pss));
  CHECK(sig_algorithm_provider(KeyType::rsa) != sig_algorithm_provider(KeyType::ed25519));
}

TEST_CASE("crypto: the Rng selects the signature provider") {
  SeededRng seeded(1);
  SystemRng system;
  PooledRng pooled_seeded(seeded), pooled_system(system);
  FixedRng fixed(Bytes(4));
  CHECK(&signature_provider_for(seeded) == &deterministic_signature_provider());
  CHECK(&signature_provider_for(fixed) == &deterministic_signature_provider());
  CHECK(&signature_provider_for(pooled_seeded) == &deterministic_signature_provider());
  CHECK(&signature_provider_for(system) == &standard_signature_provider());
  CHECK(&signature_provider_for(pooled_system) == &standard_signature_provider());
  CHECK(&signature_provider_for(system_rng()) == &standard_signature_provider());
  CHECK(deterministic_signature_provider().name() == "deterministic");
  CHECK(standard_signature_provider().name() == "standard");
}

TEST_CASE("crypto: two seeded runs make identical signatures for every scheme") {
  const std::vector<SigningKey> fresh = fresh_keys();
  const std::vector<SigningKey> used = fresh_keys();
  // `used` has signed before, with fresh randomness: mbedTLS now holds cached RSA
  // blinding values that the first signature of `fresh` still has to draw.
  for (std::size_t i = 0; i < used.size(); ++i)
    REQUIRE(used[i].sign(signers()[i].schemes[0], as_bytes("warm up"), system_rng()).ok());

  SeededRng run1(7), run2(7), run3(8);
  const auto a = sign_all(fresh, run1);
  const auto b = sign_all(used, run2);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CAPTURE(i);
    CHECK(to_hex(a[i]) == to_hex(b[i]));
  }
  // A different seed changes the RSA-PSS salts, and so those signatures.
  const auto c = sign_all(fresh, run3);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ += a[i] != c[i];
  CHECK(differ == 6 + 1);  // three rsae and three pss schemes, and the stream after
}

TEST_CASE("crypto: the deterministic provider takes a fixed amount from the Rng") {
  const std::vector<SigningKey>& keys = shared_keys();
  // Ed25519 takes nothing, ECDSA P-256 its three blinding values (as mbedTLS would),
  // RSA 32 bytes per signature, seeding the stream its salt and blinding come from.
  const struct { std::size_t key; SignatureScheme scheme; std::size_t bytes; } cases[] = {
      {0, SignatureScheme::ed25519, 0},
      {1, SignatureScheme::ecdsa_secp256r1_sha256, 96},
      {3, SignatureScheme::rsa_pkcs1_sha256, 32},
      {3, SignatureScheme::rsa_pss_rsae_sha256, 32},
      {4, SignatureScheme::rsa_pss_pss_sha512, 32},
  };
  for (const auto& c : cases) {
    CAPTURE(name_of(c.scheme));
    for (int round = 0; round < 2; ++round) {  // the second time the key has cached values
      SeededRng signing(99), reference(99);
      REQUIRE(keys[c.key].sign(c.scheme, message(), signing).ok());
      (void)reference.bytes(c.bytes);
      CHECK(to_hex(signing.bytes(16)) == to_hex(reference.bytes(16)));
    }
  }
}

TEST_CASE("crypto: under the standard provider RSA draws depend on the key's history") {
  // What the deterministic provider removes: mbedTLS draws an RSA key's blinding
  // pair on its first private operation only, so a replayed stream ends up elsewhere.
  const std::vector<SigningKey> keys = fresh_keys();
  const SigningKey& rsa = keys[3];
  UnflaggedSeededRng first(5), second(5);
  REQUIRE(rsa.sign(SignatureScheme::rsa_pkcs1_sha256, message(), first).ok());
  REQUIRE(rsa.sign(SignatureScheme::rsa_pkcs1_sha256, message(), second).ok());
  CHECK(first.bytes(16) != second.bytes(16));
}

TEST_CASE("crypto: the standard provider's RSA-PSS salts are fresh; ECDSA stays RFC 6979") {
  const std::vector<SigningKey>& keys = shared_keys();
  SystemRng rng;
  const auto a = sign_all(keys, rng);
  const auto b = sign_all(keys, rng);
  std::size_t i = 0;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    for (SignatureScheme s : signers()[k].schemes) {
      CAPTURE(name_of(s));
      const auto kind = sig_algorithm(s).value().kind;
      if (kind == SigAlgorithm::Kind::rsa_pss)
        CHECK(a[i] != b[i]);  // a fresh salt each time
      else
        CHECK(a[i] == b[i]);  // Ed25519, RFC 6979 ECDSA and PKCS#1 v1.5 are deterministic
      ++i;
    }
  }
}
