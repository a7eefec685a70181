// ML-KEM-768 (FIPS 203). The known answers were derived by running the FIPS 203
// algorithms here and cross-checked against an independent implementation
// (OpenSSL 4.0's ML-KEM-768 through Python's cryptography 48:
// MLKEM768PrivateKey.from_seed_bytes(d || z), decapsulate, encapsulate): its
// encapsulation key has the SHA3-256 below, its decapsulation of our
// ciphertexts gives our keys (and J(z || c) for the tampered one), and our
// decapsulation of its ciphertext gives its key.
#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "crypto/keccak.hpp"
#include "crypto/mlkem768.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

struct Vector {
  core::Bytes d, z, m;
  const char* ek_sha3;  // SHA3-256 of the encapsulation key
  const char* ct_sha3;  // SHA3-256 of Encaps_internal(ek, m)'s ciphertext
  const char* key;      // its shared secret
  const char* rejected; // Decaps of that ciphertext with byte 5 xored with 1
};

core::Bytes fill(std::uint8_t first, bool count) {
  core::Bytes b(32);
  for (int i = 0; i < 32; ++i) b[i] = static_cast<std::uint8_t>(count ? first + i : first);
  return b;
}

const Vector kVectors[] = {
    {fill(0, true), fill(32, true), fill(64, true),
     "a24e16d8f8f9383a95b77050f4d9fd2f5733eec1d63ef3c23ebf9918173669a7",
     "b4cfbd24cef67afd3764276c6980e0f88f8e9ca57f59b7f12fe1a9c1e72f4710",
     "9cddd089ffe70e3996e76f7c8d06746df34d07e8657bc0fcf2bb0e1c3084aea1",
     "dfcc47a2bb98e31150b86a5b1eace5abbf6c1039acd07e964fcdd8e8f9ba23ff"},
    {fill(0, false), fill(0xff, false), fill(0x42, false),
     "07f81a8b0e266a3ee92d3a63cdae5cff921905544c9dd797a849e1d054180eca",
     "a06fe970b6ef062fb9adaadfb39d58ec758bcc75407c67ed51977aade125720f",
     "16d5cc229f3ea7300bc4850905bf73e638468ffb9fe28d7cf09fed0714b30b36",
     "bf54b7397f15322ddc9718a002b6d7f290f49355869962033ae481503ca56f9c"},
};

// OpenSSL's encapsulation against the first vector's key, and its shared secret.
const char* kOpensslCiphertext =
    "948d4e4ce3d91d5f3a73c4cddc67438e76198ae41e730f1f969a24f5ae870a2a7e52c26ff8ca64d5f1f45eba8b1a47f3"
    "f48f3cadb06724a5c47eae22eb15033c82ddd83df06d5b83f0280f4b7a9dee90180a8ec2cd2633110eb9f8419b157def"
    "fcae53727f314b3c7bbc63ff8d0e10528b186037b70345daf7bd20a46a979cfe7386f967089a3aa21b09489b8dc16347"
    "964920981464b547453b81725dcc5bb7fd2d021f75c5482187fbe79a17b658221df71966be47342d0a9c5eb18dc864d6"
    "50a1cd83224370ac31e0060f5c1bec362cabf71e441a6d823f6c8be073338461c11d3b342b923d640c3798d0bde94b6a"
    "7f00a02fc4579d5636801cee2ed45eb354979de116d4288564fcc1b3090ee6dd1ec54cabc4820f007f1eb41e699b20d2"
    "faf859b50c371d577a71bd683c6aaa7fb881a5ea71f14d8f59d7bc77c376c83b656aa5d4a13c36707e6ed579b80b918d"
    "b3a5a68bce782fad9b03168571714b8afd79e282efa5aebdac7740c3a081f5a8e61cafd9c0fa2b45851c3774a8ca82f9"
    "9c43b3198ee3d8a598d4069ba11f0c8f8011522e52c9b1b1dffab8fdc2f513c7e379ad3c649264390554cd1d9249d636"
    "b95674dce66aec3a4ab2c4485cdbc31bca6aa8bbfee46b968909ab60658b8f5457223cd2ab5eb9c84d15117700b7a33a"
    "9a069aa6fd90581d9fa965aca494cda5c26646b1e37bdd12949c24d9f3d0a5703a3fac791dd2e93cab8f84db451809c1"
    "58dfeee30d21805cc4d217af618b4a9f47dfa404bc8487cb41ae1c2cbd487b4bd6c6c3facd81a0c9d91d1dc92419ec6a"
    "f923fd170cb4728b57bbe8a3b8177471478f0b35f8ca4164cf9053ecc4b263261852a579ee2b1d1e05aef3d65842f6f1"
    "2fd701b6eaa4f0fd4b2091a523481866431821cc7fc4d39e4af34b1f1d3865152ff29fb58bc8cea1426930b8ee3c5f2e"
    "ae4e2ab70e3c76c3588f12c9e46f9cb69736f2d538f987475f0979cef3d2113699c36bab53c794c2487e37ad10c6eb2b"
    "7e9280df3d1915e274fb2675e200648bb3e3907a0bc2458b5d89564988969f15ff5c31a9e97eb737e2e55d0aa2ed26a8"
    "6938b8a510d4aee93d5e57bea4ab6beefac37c7f1e59779eab0796dfa704f28c0adac3678b8cc513beb6b51ec29d1cb1"
    "13c2da74f4101a869e88e223ae63fa548beb52f65026d6625ccb661b8fd9da9e3a1d2e61f5e97f6374c8c3ef89c2ef54"
    "9e97bae126887cbee3e4201516afc16c980193d2573ad07d8413b620175831c6841c8f6b111d4d4a6e4dda664c353023"
    "ccecd7342ee721eb5480e2af6613104a032bc0d2b73f0abda5020a00bdb008bdd7cfb1f1fd1802950ffae7d013bbbb27"
    "9acb1af957d6fe4021a31b7881344a8583def7cc9e64b6cd1bd6aef168acdcdc79b6c2ed1161784f1862e0940a7ec99b"
    "82d320e14172fa54701819500d82766a91145330ca2b2682a4d4ba75f7aae109ce2d2b2749f6d21375a18eacf942aedd"
    "afd7d58f1863e86eed2b5d0cebb1fcb21ac9ca68355406f72e104209e4034054";
const char* kOpensslKey = "c128c2b80694075c96ead7bb51f6de711134fcf226b5bf98fba72ff3624d0c91";

}  // namespace

TEST_CASE("ML-KEM-768 known answers (cross-checked with OpenSSL)") {
  for (const auto& v : kVectors) {
    auto kp = mlkem768::keygen_internal(v.d, v.z);
    REQUIRE(kp.encaps_key.size() == mlkem768::kEncapsKeySize);
    REQUIRE(kp.decaps_key.size() == mlkem768::kDecapsKeySize);
    CHECK(core::to_hex(sha3_256(kp.encaps_key)) == v.ek_sha3);
    // dk = dk_pke || ek || H(ek) || z (FIPS 203 Algorithm 16).
    CHECK(core::Bytes(kp.decaps_key.data() + 1152, kp.decaps_key.data() + 2336) == kp.encaps_key);
    CHECK(core::to_hex(kp.decaps_key.view().subspan(2336, 32)) == v.ek_sha3);
    CHECK(core::Bytes(kp.decaps_key.data() + 2368, kp.decaps_key.data() + 2400) == v.z);

    auto enc = mlkem768::encaps_internal(kp.encaps_key, v.m);
    REQUIRE(enc);
    REQUIRE(enc->ciphertext.size() == mlkem768::kCiphertextSize);
    CHECK(core::to_hex(sha3_256(enc->ciphertext)) == v.ct_sha3);
    CHECK(core::to_hex(enc->shared_secret) == v.key);
    auto dec = mlkem768::decaps(kp.decaps_key, enc->ciphertext);
    REQUIRE(dec);
    CHECK(core::to_hex(*dec) == v.key);

    auto tampered = enc->ciphertext;
    tampered[5] ^= 1;
    auto rej = mlkem768::decaps(kp.decaps_key, tampered);
    REQUIRE(rej);
    CHECK(core::to_hex(*rej) == v.rejected);
  }
  auto kp = mlkem768::keygen_internal(kVectors[0].d, kVectors[0].z);
  auto ct = core::from_hex(kOpensslCiphertext);
  REQUIRE(ct);
  auto dec = mlkem768::decaps(kp.decaps_key, *ct);
  REQUIRE(dec);
  CHECK(core::to_hex(*dec) == kOpensslKey);
}

TEST_CASE("ML-KEM-768 round trip with random keys, and implicit rejection") {
  SeededRng rng(25);
  for (int i = 0; i < 8; ++i) {
    auto kp = mlkem768::keygen(rng);
    auto enc = mlkem768::encaps(kp.encaps_key, rng);
    REQUIRE(enc);
    auto dec = mlkem768::decaps(kp.decaps_key, enc->ciphertext);
    REQUIRE(dec);
    CHECK(dec->view().size() == 32);
    CHECK(core::to_hex(*dec) == core::to_hex(enc->shared_secret));
    // Tampering anywhere (first byte, the u/v boundary, last byte) yields
    // J(z || c'), which differs from the real key and is computed as FIPS 203 says.
    for (std::size_t pos : {std::size_t{0}, std::size_t{959}, std::size_t{960}, std::size_t{1087}}) {
      auto bad = enc->ciphertext;
      bad[pos] ^= 0x80;
      auto rej = mlkem768::decaps(kp.decaps_key, bad);
      REQUIRE(rej);
      CHECK(core::to_hex(*rej) != core::to_hex(enc->shared_secret));
      core::Bytes expect(32);
      Shake256 j;
      j.absorb(kp.decaps_key.view().subspan(2368, 32));
      j.absorb(bad);
      j.squeeze(expect);
      CHECK(core::to_hex(*rej) == core::to_hex(expect));
    }
  }
}

TEST_CASE("ML-KEM-768 encapsulation key checks (FIPS 203 7.2)") {
  auto kp = mlkem768::keygen_internal(kVectors[0].d, kVectors[0].z);
  CHECK(mlkem768::check_encaps_key(kp.encaps_key));
  core::Bytes m(32, 7);
  // Length.
  core::Bytes shorter(kp.encaps_key.begin(), kp.encaps_key.end() - 1);
  auto r = mlkem768::encaps_internal(shorter, m);
  REQUIRE(!r);
  CHECK(r.error().alert == core::Alert::illegal_parameter);
  CHECK(r.error().reason.find("1184") != std::string::npos);
  // Modulus: coefficient 0 set to q = 3329 (0xd01), then to 4095; the last
  // coefficient of t-hat set to q too. rho (the last 32 bytes) is not checked.
  for (int which = 0; which < 3; ++which) {
    auto bad = kp.encaps_key;
    if (which == 0) {
      bad[0] = 0x01;
      bad[1] = static_cast<std::uint8_t>((bad[1] & 0xf0) | 0x0d);
    } else if (which == 1) {
      bad[0] = 0xff;
      bad[1] |= 0x0f;
    } else {
      bad[1150] = static_cast<std::uint8_t>((bad[1150] & 0x0f) | 0x10);  // 3329 = 0xd01
      bad[1151] = 0xd0;
    }
    auto e = mlkem768::encaps_internal(bad, m);
    REQUIRE(!e);
    CHECK(e.error().alert == core::Alert::illegal_parameter);
    CHECK(e.error().reason.find("modulus check") != std::string::npos);
  }
  auto rho_changed = kp.encaps_key;
  rho_changed[1183] ^= 0xff;
  CHECK(mlkem768::check_encaps_key(rho_changed));
  // The largest legal coefficient, q - 1 = 3328 = 0xd00, passes.
  auto edge = kp.encaps_key;
  edge[0] = 0x00;
  edge[1] = static_cast<std::uint8_t>((edge[1] & 0xf0) | 0x0d);
  CHECK(mlkem768::check_encaps_key(edge));
}

TEST_CASE("ML-KEM-768 decapsulation input checks (FIPS 203 7.3)") {
  auto kp = mlkem768::keygen_internal(kVectors[1].d, kVectors[1].z);
  auto enc = mlkem768::encaps_internal(kp.encaps_key, kVectors[1].m);
  REQUIRE(enc);
  for (std::size_t n : {std::size_t{0}, std::size_t{1087}, std::size_t{1089}}) {
    core::Bytes ct(n, 1);
    auto r = mlkem768::decaps(kp.decaps_key, ct);
    REQUIRE(!r);
    CHECK(r.error().alert == core::Alert::illegal_parameter);
    CHECK(r.error().reason.find("1088") != std::string::npos);
  }
  // The hash check: a decapsulation key whose embedded ek no longer hashes to H(ek).
  core::SecretBytes bad(kp.decaps_key.view());
  bad[1152 + 10] ^= 1;
  auto r = mlkem768::decaps(bad, enc->ciphertext);
  REQUIRE(!r);
  CHECK(r.error().reason.find("hash check") != std::string::npos);
  core::SecretBytes shorter(kp.decaps_key.view().first(2399));
  CHECK(!mlkem768::decaps(shorter, enc->ciphertext));
  CHECK(mlkem768::check_decaps_key(kp.decaps_key));
}
