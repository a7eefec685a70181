// SHA3-256/512 and SHAKE128/256 against the FIPS 202 example values (NIST's
// published examples: empty message, "abc", 200 bytes of 0xa3), plus the
// incremental absorb/squeeze behaviour ML-KEM's matrix sampling relies on.
#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "crypto/keccak.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

core::Bytes msg(const std::string& s) { return core::Bytes(s.begin(), s.end()); }
const core::Bytes kA3(200, 0xa3);

std::string shake_hex(bool s128, ByteView in, std::size_t n) {
  core::Bytes out(n);
  if (s128)
    shake128(in, out);
  else
    shake256(in, out);
  return core::to_hex(out);
}

}  // namespace

TEST_CASE("SHA3-256 FIPS 202 examples") {
  CHECK(core::to_hex(sha3_256(msg(""))) ==
        "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  CHECK(core::to_hex(sha3_256(msg("abc"))) ==
        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
  CHECK(core::to_hex(sha3_256(kA3)) ==
        "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787");
}

TEST_CASE("SHA3-512 FIPS 202 examples") {
  CHECK(core::to_hex(sha3_512(msg(""))) ==
        "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
        "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26");
  CHECK(core::to_hex(sha3_512(msg("abc"))) ==
        "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
        "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0");
  CHECK(core::to_hex(sha3_512(kA3)) ==
        "e76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca8"
        "1b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00");
}

TEST_CASE("SHAKE128 and SHAKE256 FIPS 202 examples") {
  CHECK(shake_hex(true, msg(""), 32) ==
        "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
  CHECK(shake_hex(true, msg("abc"), 32) ==
        "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8");
  CHECK(shake_hex(true, kA3, 32) ==
        "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037");
  CHECK(shake_hex(false, msg(""), 64) ==
        "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
        "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be");
  CHECK(shake_hex(false, msg("abc"), 32) ==
        "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739");
  CHECK(shake_hex(false, kA3, 32) ==
        "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d");
  // Long output: bytes 480..511 of SHAKE128("") lie in the fourth squeezed block.
  CHECK(shake_hex(true, msg(""), 512).substr(960) ==
        "43e41b45a653f2a5c4492c1add544512dda2529833462b71a41a45be97290b6f");
}

TEST_CASE("incremental absorb and squeeze match one-shot output") {
  core::Bytes whole(1000);
  shake128(kA3, whole);
  // Absorb in uneven pieces that straddle the 168-byte rate, squeeze in pieces too.
  for (std::size_t piece : {1u, 7u, 167u, 168u, 169u}) {
    Shake128 s;
    for (std::size_t i = 0; i < kA3.size(); i += piece)
      s.absorb(ByteView(kA3).subspan(i, std::min(piece, kA3.size() - i)));
    core::Bytes got;
    while (got.size() < whole.size()) {
      core::Bytes part(std::min(piece, whole.size() - got.size()));
      s.squeeze(part);
      got.insert(got.end(), part.begin(), part.end());
    }
    CHECK(got == whole);
  }
  // The two-piece hash helpers hash the concatenation.
  CHECK(sha3_256(msg("a"), msg("bc")) == sha3_256(msg("abc")));
  CHECK(sha3_512(msg("ab"), msg("c")) == sha3_512(msg("abc")));
}
