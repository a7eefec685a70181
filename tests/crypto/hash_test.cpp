// SHA-1/256/384/512 against the FIPS 180 example messages, plus the snapshot
// semantics the TLS transcript relies on.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/hex.hpp"
#include "crypto/hash.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

const std::string kAbc = "abc";
const std::string k448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string k896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
    "klmnopqrlmnopqrsmnopqrstnopqrstu";

std::string digest_hex(HashAlg a, const std::string& msg) {
  return core::to_hex(hash(a, core::as_bytes(msg)));
}

// One million 'a', fed in uneven pieces so block boundaries fall everywhere.
std::string million_a_hex(HashAlg a) {
  const std::string chunk(997, 'a');
  Hash h(a);
  std::size_t left = 1000000;
  while (left > 0) {
    std::size_t n = std::min(left, chunk.size());
    h.update(core::as_bytes(std::string_view(chunk).substr(0, n)));
    left -= n;
  }
  return core::to_hex(h.digest());
}

}  // namespace

TEST_CASE("crypto: SHA-1 FIPS 180 examples (abc, 448-bit, one million a)") {
  CHECK(digest_hex(HashAlg::sha1, kAbc) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(digest_hex(HashAlg::sha1, k448) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(million_a_hex(HashAlg::sha1) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("crypto: SHA-256 FIPS 180 examples (abc, 448-bit, one million a)") {
  CHECK(digest_hex(HashAlg::sha256, kAbc) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(digest_hex(HashAlg::sha256, k448) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(million_a_hex(HashAlg::sha256) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("crypto: SHA-384 FIPS 180 examples (abc, 896-bit, one million a)") {
  CHECK(digest_hex(HashAlg::sha384, kAbc) ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        "8086072ba1e7cc2358baeca134c825a7");
  CHECK(digest_hex(HashAlg::sha384, k896) ==
        "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
        "fcc7c71a557e2db966c3e9fa91746039");
  CHECK(million_a_hex(HashAlg::sha384) ==
        "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
        "07b8b3dc38ecc4ebae97ddd87f3d8985");
}

TEST_CASE("crypto: SHA-512 FIPS 180 examples (abc, 896-bit, one million a)") {
  CHECK(digest_hex(HashAlg::sha512, kAbc) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(digest_hex(HashAlg::sha512, k896) ==
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
        "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
  CHECK(million_a_hex(HashAlg::sha512) ==
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
        "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

TEST_CASE("crypto: hash copy is a snapshot and digest() leaves the state running") {
  for (auto a : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512}) {
    CAPTURE(hash_name(a));
    Hash running(a);
    running.update(core::as_bytes("ab"));
    const auto d_ab = running.digest();
    CHECK(d_ab == running.digest());  // asking twice changes nothing
    CHECK(d_ab == hash(a, core::as_bytes("ab")));

    Hash snapshot = running;  // copy construction
    running.update(core::as_bytes("c"));
    CHECK(running.digest() == hash(a, core::as_bytes(kAbc)));
    CHECK(snapshot.digest() == d_ab);  // the copy did not see "c"
    snapshot.update(core::as_bytes("c"));
    CHECK(snapshot.digest() == running.digest());

    Hash assigned(HashAlg::sha1);
    assigned = running;  // copy assignment, even across algorithms
    CHECK(assigned.alg() == a);
    assigned.update(core::as_bytes("d"));
    CHECK(assigned.digest() == hash(a, core::as_bytes("abcd")));
    CHECK(running.digest() == hash(a, core::as_bytes(kAbc)));

    Hash moved = std::move(assigned);
    CHECK(moved.digest() == hash(a, core::as_bytes("abcd")));
    // Empty updates are no-ops.
    moved.update({});
    CHECK(moved.digest() == hash(a, core::as_bytes("abcd")));
  }
}

TEST_CASE("crypto: hash sizes, block sizes and names") {
  CHECK(hash_size(HashAlg::sha1) == 20);
  CHECK(hash_size(HashAlg::sha256) == 32);
  CHECK(hash_size(HashAlg::sha384) == 48);
  CHECK(hash_size(HashAlg::sha512) == 64);
  CHECK(hash_block_size(HashAlg::sha1) == 64);
  CHECK(hash_block_size(HashAlg::sha256) == 64);
  CHECK(hash_block_size(HashAlg::sha384) == 128);
  CHECK(hash_block_size(HashAlg::sha512) == 128);
  CHECK(hash_name(HashAlg::sha384) == "SHA-384");
  for (auto a : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512})
    CHECK(hash(a, {}).size() == hash_size(a));
}
