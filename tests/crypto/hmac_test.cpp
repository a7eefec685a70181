// HMAC against RFC 4231 section 4 (all seven test cases; case 5 compares the
// 128-bit truncation the RFC prints, cases 6/7 use a 131-byte key that must be
// hashed first).
#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "crypto/hmac.hpp"

using namespace glass;
using namespace glass::crypto;
using core::hex;

namespace {

struct Rfc4231Case {
  int number;
  const char* key;
  const char* data;
  const char* sha256;
  const char* sha384;
  const char* sha512;
};

// Transcribed from RFC 4231 sections 4.2-4.8 (SHA-224 values omitted).
const Rfc4231Case kCases[] = {
    {1,
     "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
     "faea9ea9076ede7f4af152e8b2fa9cb6",
     "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
     "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
    {2,
     "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
     "8e2240ca5e69e2c78b3239ecfab21649",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
     "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
    {3,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
     "dddddddddddddddddddddddddddddddddddd",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
     "2a5ab39dc13814b94e3ab6e101a34f27",
     "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
     "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"},
    {4,
     "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
     "6801dd23c4a7d679ccf8a386c674cffb",
     "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
     "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"},
    {5,
     "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "a3b6167473100ee06e0c796c2955552b",
     "3abf34c3503b2a23a46efc619baef897",
     "415fad6271580a531d4179bc891d87a6"},
    {6,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
     "65204b6579202d2048617368204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
     "0c2ef6ab4030fe8296248df163f44952",
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
     "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"},
    {7,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaa",
     "5468697320697320612074657374207573696e672061206c6172676572207468"
     "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
     "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
     "647320746f20626520686173686564206265666f7265206265696e6720757365"
     "642062792074686520484d414320616c676f726974686d2e",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
     "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
     "a678cc31e799176d3860e6110c46523e",
     "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
     "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"},
};

void run_rfc4231(HashAlg alg) {
  for (const auto& c : kCases) {
    CAPTURE(c.number);
    const char* expect = alg == HashAlg::sha256   ? c.sha256
                         : alg == HashAlg::sha384 ? c.sha384
                                                  : c.sha512;
    const auto mac = hmac(alg, hex(c.key), hex(c.data));
    REQUIRE(mac.size() == hash_size(alg));
    const std::string got = core::to_hex(mac);
    if (c.number == 5) {
      // The RFC prints only the leftmost 128 bits for test case 5.
      CHECK(std::string(expect).size() == 32);
      CHECK(got.substr(0, 32) == expect);
    } else {
      CHECK(got == expect);
    }
  }
}

}  // namespace

TEST_CASE("crypto: HMAC RFC 4231 SHA-256 test cases 1-7") { run_rfc4231(HashAlg::sha256); }
TEST_CASE("crypto: HMAC RFC 4231 SHA-384 test cases 1-7") { run_rfc4231(HashAlg::sha384); }
TEST_CASE("crypto: HMAC RFC 4231 SHA-512 test cases 1-7") { run_rfc4231(HashAlg::sha512); }

TEST_CASE("crypto: HMAC streaming and copies match the one-shot form") {
  const auto key = hex("4a656665");
  const auto data = core::as_bytes("what do ya want for nothing?");
  for (auto a : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512}) {
    CAPTURE(hash_name(a));
    Hmac h(a, key);
    CHECK(h.alg() == a);
    h.update(data.first(9));
    Hmac fork = h;  // snapshot after "what do y"
    h.update(data.subspan(9));
    CHECK(h.finish() == hmac(a, key, data));
    CHECK(h.finish() == hmac(a, key, data));  // finish() is repeatable
    fork.update(data.subspan(9));
    CHECK(fork.finish() == hmac(a, key, data));
    // A key of exactly one block is used as is; one byte more gets hashed.
    core::Bytes block_key(hash_block_size(a), 0x5a), long_key(hash_block_size(a) + 1, 0x5a);
    CHECK(hmac(a, block_key, data) != hmac(a, long_key, data));
    CHECK(hmac(a, long_key, data) == hmac(a, hash(a, long_key), data));
  }
}
