// `glasstls selftest`: known-answer checks of the primitives this build links
// (values transcribed from the RFCs and FIPS 180), so a user can see that the
// crypto bindings work on their machine.
#include <fmt/core.h>

#include "apps/commands.hpp"
#include "core/hex.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/random.hpp"
#include "crypto/signature.hpp"

namespace glass::apps {

namespace {

using core::hex;

bool sha256_abc() {
  return crypto::hash(crypto::HashAlg::sha256, core::as_bytes("abc")) ==
         hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

bool hmac_rfc4231_case2() {
  return crypto::hmac(crypto::HashAlg::sha256, core::as_bytes("Jefe"),
                      core::as_bytes("what do ya want for nothing?")) ==
         hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

bool hkdf_rfc5869_case1() {
  auto prk = crypto::hkdf_extract(crypto::HashAlg::sha256, hex("000102030405060708090a0b0c"),
                                  hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
  auto okm = crypto::hkdf_expand(crypto::HashAlg::sha256, prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42);
  return okm && *okm == hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                            "34007208d5b887185865");
}

bool x25519_rfc7748() {
  auto alice = crypto::KeyShare::from_private(
      crypto::NamedGroup::x25519,
      hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  if (!alice) return false;
  auto shared = alice->shared_secret(
      hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
  return shared && core::equal(shared->view(), hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d1"
                                                   "9e3376f09b3c1e161742"));
}

bool ed25519_rfc8032_test1() {
  auto key = crypto::SigningKey::ed25519(
      hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  if (!key) return false;
  crypto::SeededRng rng(1);
  auto sig = key->sign(crypto::SignatureScheme::ed25519, {}, rng);
  return sig && *sig == hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

bool chacha20_poly1305_rfc8439() {
  auto aead = crypto::Aead::create(
      crypto::AeadAlg::chacha20_poly1305,
      hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
  if (!aead) return false;
  auto pt = core::as_bytes(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
      "future, sunscreen would be it.");
  auto ct = aead->seal(hex("070000004041424344454647"), hex("50515253c0c1c2c3c4c5c6c7"), pt);
  auto tag = core::ByteView(ct).last(16);
  return core::equal(tag, hex("1ae10b594f09e26a7e902ecbd0600691")) &&
         aead->open(hex("070000004041424344454647"), hex("50515253c0c1c2c3c4c5c6c7"), ct).ok();
}

bool aes128_gcm_test_case_2() {
  auto aead = crypto::Aead::create(crypto::AeadAlg::aes128_gcm, core::Bytes(16, 0));
  if (!aead) return false;
  auto ct = aead->seal(core::Bytes(12, 0), {}, core::Bytes(16, 0));
  return ct == hex("0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
}

int run_selftest() {
  int failed = 0;
  auto report = [&](const char* name, bool ok) {
    fmt::print("  {:<52} {}\n", name, ok ? "ok" : "FAILED");
    if (!ok) ++failed;
  };
  fmt::print("glasstls self-test of the primitives (known answers from the RFCs):\n");
  report("SHA-256 FIPS 180 \"abc\"", sha256_abc());
  report("HMAC-SHA-256 RFC 4231 test case 2", hmac_rfc4231_case2());
  report("HKDF-SHA-256 RFC 5869 test case 1", hkdf_rfc5869_case1());
  report("X25519 RFC 7748 6.1 (Alice and Bob)", x25519_rfc7748());
  report("Ed25519 RFC 8032 7.1 TEST 1", ed25519_rfc8032_test1());
  report("ChaCha20-Poly1305 RFC 8439 2.8.2", chacha20_poly1305_rfc8439());
  report("AES-128-GCM, GCM specification test case 2", aes128_gcm_test_case_2());
  crypto::SeededRng a(42), b(42);
  report("seeded RNG is reproducible", a.bytes(100) == b.bytes(100));
  fmt::print("{}\n", failed == 0 ? "all primitives ok" : "SELF-TEST FAILED");
  return failed == 0 ? 0 : 1;
}

}  // namespace

void register_selftest(CLI::App& app) {
  auto* cmd = app.add_subcommand("selftest", "Check the crypto primitives against known answers");
  cmd->callback([] { set_exit_code(run_selftest()); });
}

}  // namespace glass::apps
