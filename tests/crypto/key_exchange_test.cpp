// Key exchange: X25519 against RFC 7748 and RFC 8448, cross-checked against
// mbedTLS's own Curve25519; P-256/P-384 against `openssl pkeyutl -derive`; and
// the rejections a TLS peer relies on (small-order, off-curve, wrong length).
#include <doctest/doctest.h>
#include <mbedtls/ecp.h>

#include <string>

#include "core/hex.hpp"
#include "crypto/key_exchange.hpp"
#include "tool_run.hpp"

using namespace glass;
using namespace glass::crypto;
using core::hex;
using core::to_hex;

namespace {

using glass::testing::tool;


std::string x25519(const std::string& scalar_hex, const std::string& u_hex) {
  auto ks = KeyShare::from_private(NamedGroup::x25519, hex(scalar_hex));
  REQUIRE(ks.ok());
  auto z = ks->shared_secret(hex(u_hex));
  REQUIRE(z.ok());
  return to_hex(*z);
}

int rng_callback(void* rng, unsigned char* out, std::size_t n) {
  static_cast<Rng*>(rng)->fill(MutByteView(out, n));
  return 0;
}

// X25519 computed by mbedTLS's Curve25519 (Montgomery ladder, little-endian
// encodings), used only here to cross-check the libsodium production path.
std::string mbedtls_x25519(core::ByteView scalar, core::ByteView u) {
  core::Bytes k(scalar.begin(), scalar.end());
  k[0] &= 248;  // RFC 7748 section 5 clamping, which mbedTLS expects done
  k[31] &= 127;
  k[31] |= 64;
  mbedtls_ecp_group grp;
  mbedtls_ecp_point p, r;
  mbedtls_mpi d;
  mbedtls_ecp_group_init(&grp);
  mbedtls_ecp_point_init(&p);
  mbedtls_ecp_point_init(&r);
  mbedtls_mpi_init(&d);
  REQUIRE(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_CURVE25519) == 0);
  REQUIRE(mbedtls_mpi_read_binary_le(&d, k.data(), k.size()) == 0);
  REQUIRE(mbedtls_ecp_point_read_binary(&grp, &p, u.data(), u.size()) == 0);
  SystemRng rng;
  REQUIRE(mbedtls_ecp_mul(&grp, &r, &d, &p, rng_callback, &rng) == 0);
  core::Bytes out(32);
  REQUIRE(mbedtls_mpi_write_binary_le(&r.X, out.data(), out.size()) == 0);
  mbedtls_mpi_free(&d);
  mbedtls_ecp_point_free(&r);
  mbedtls_ecp_point_free(&p);
  mbedtls_ecp_group_free(&grp);
  return to_hex(out);
}

}  // namespace

TEST_CASE("crypto: X25519 RFC 7748 section 5.2 vectors and 1/1000 iterations") {
  CHECK(x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
               "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c") ==
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  // The u-coordinate's top bit is set here and must be ignored.
  CHECK(x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
               "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493") ==
        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");

  // k = u = 9; each round k' = X25519(k, u), u' = k.
  std::string k = "0900000000000000000000000000000000000000000000000000000000000000";
  std::string u = k;
  for (int i = 1; i <= 1000; ++i) {
    std::string next = x25519(k, u);
    u = k;
    k = next;
    if (i == 1) CHECK(k == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
  }
  CHECK(k == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  // (The 1,000,000-iteration value is left out for run time.)
}

TEST_CASE("crypto: X25519 RFC 7748 section 6.1 Alice and Bob") {
  auto alice = KeyShare::from_private(
      NamedGroup::x25519, hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  auto bob = KeyShare::from_private(
      NamedGroup::x25519, hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
  REQUIRE(alice.ok());
  REQUIRE(bob.ok());
  CHECK(alice->group() == NamedGroup::x25519);
  CHECK(to_hex(alice->public_key()) ==
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  CHECK(to_hex(bob->public_key()) ==
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  const std::string k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
  CHECK(to_hex(*alice->shared_secret(bob->public_key())) == k);
  CHECK(to_hex(*bob->shared_secret(alice->public_key())) == k);
}

TEST_CASE("crypto: X25519 RFC 8448 section 3 key shares give the trace's shared secret") {
  auto client = KeyShare::from_private(
      NamedGroup::x25519, hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005"));
  auto server = KeyShare::from_private(
      NamedGroup::x25519, hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e"));
  REQUIRE(client.ok());
  REQUIRE(server.ok());
  CHECK(to_hex(client->public_key()) ==
        "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
  CHECK(to_hex(server->public_key()) ==
        "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
  const std::string shared = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";
  CHECK(to_hex(*client->shared_secret(server->public_key())) == shared);
  CHECK(to_hex(*server->shared_secret(client->public_key())) == shared);
}

TEST_CASE("crypto: X25519 libsodium agrees with mbedTLS Curve25519 (cross-check)") {
  // RFC 7748 6.1 through mbedTLS, then random pairs through both.
  const auto a = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const auto kb = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  CHECK(mbedtls_x25519(a, kb) ==
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  SeededRng rng(7748);
  for (int i = 0; i < 16; ++i) {
    auto x = KeyShare::generate(NamedGroup::x25519, rng);
    const auto priv_y = rng.bytes(32);
    auto y = KeyShare::from_private(NamedGroup::x25519, priv_y);
    REQUIRE(x.ok());
    REQUIRE(y.ok());
    const auto nine = hex("0900000000000000000000000000000000000000000000000000000000000000");
    CHECK(mbedtls_x25519(priv_y, nine) == to_hex(y->public_key()));
    CHECK(mbedtls_x25519(priv_y, x->public_key()) == to_hex(*x->shared_secret(y->public_key())));
  }
}

TEST_CASE("crypto: X25519 rejects small-order points (all-zero result) and wrong lengths") {
  auto ks = KeyShare::generate(NamedGroup::x25519, system_rng());
  REQUIRE(ks.ok());
  CHECK(ks->public_key().size() == 32);
  const char* small_order[] = {
      "0000000000000000000000000000000000000000000000000000000000000000",  // u = 0
      "0100000000000000000000000000000000000000000000000000000000000000",  // u = 1
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",  // order 8
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",  // order 8
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // u = p - 1
  };
  for (const char* u : small_order) {
    CAPTURE(u);
    auto r = ks->shared_secret(hex(u));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == core::Alert::illegal_parameter);
    CHECK(r.error().reason.find("all zeros") != std::string::npos);
  }
  for (std::size_t n : {0u, 31u, 33u, 65u}) {
    auto r = ks->shared_secret(core::Bytes(n, 9));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == core::Alert::illegal_parameter);
  }
  CHECK_FALSE(KeyShare::from_private(NamedGroup::x25519, core::Bytes(31, 1)).ok());
}

namespace {

struct Curve {
  NamedGroup group;
  const char* openssl_name;
  std::size_t field;
  const char* spki_prefix;  // SubjectPublicKeyInfo DER up to the point
};
const Curve kCurves[] = {
    {NamedGroup::secp256r1, "prime256v1", 32,
     "3059301306072a8648ce3d020106082a8648ce3d030107034200"},
    {NamedGroup::secp384r1, "secp384r1", 48, "3076301006072a8648ce3d020106052b81040022036200"},
};

// "priv:" / "pub:" blocks of `openssl ec -text -noout`.
core::Bytes text_field(const std::string& text, const std::string& name, const std::string& next) {
  const auto a = text.find(name + ":");
  const auto b = text.find(next, a);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  auto v = core::from_hex(text.substr(a + name.size() + 1, b - a - name.size() - 1));
  REQUIRE(v.ok());
  return *v;
}

}  // namespace

TEST_CASE("crypto: ECDH P-256 and P-384 agree with openssl pkeyutl -derive") {
  glass::testing::TempDir dir;
  SeededRng rng(8446);
  for (const auto& c : kCurves) {
    CAPTURE(c.openssl_name);
    for (int round = 0; round < 3; ++round) {
      // Peer A: made and held by openssl.
      const auto a_pem = dir / "a.pem";
      tool("openssl ecparam -name " + std::string(c.openssl_name) + " -genkey -noout -out " +
           a_pem);
      const auto text = tool("openssl ec -in " + a_pem + " -text -noout");
      core::Bytes a_priv = text_field(text, "priv", "pub:");
      const core::Bytes a_pub = text_field(text, "pub", "ASN1 OID");
      // openssl prints the scalar as a minimal integer: normalise to the field size.
      while (a_priv.size() > c.field && a_priv.front() == 0) a_priv.erase(a_priv.begin());
      a_priv.insert(a_priv.begin(), c.field - a_priv.size(), 0);
      REQUIRE(a_pub.size() == 1 + 2 * c.field);

      // Our key B, given to openssl as a DER SubjectPublicKeyInfo.
      auto b = KeyShare::generate(c.group, rng);
      REQUIRE(b.ok());
      CHECK(b->public_key().size() == group_public_size(c.group));
      CHECK(b->public_key()[0] == 0x04);
      const auto spki = core::concat({hex(c.spki_prefix), b->public_key()});
      glass::testing::write_file(dir / "b.der", spki);
      tool("openssl pkeyutl -derive -inkey " + a_pem + " -peerkey " + (dir / "b.der") +
           " -peerform DER -out " + (dir / "z.bin"));
      const auto z_openssl = glass::testing::read_file(dir / "z.bin");
      REQUIRE(z_openssl.size() == c.field);

      auto z_b = b->shared_secret(a_pub);
      REQUIRE(z_b.ok());
      CHECK(to_hex(*z_b) == to_hex(z_openssl));
      // The same key A rebuilt from its scalar gives openssl's public point and secret.
      auto a = KeyShare::from_private(c.group, a_priv);
      REQUIRE(a.ok());
      CHECK(to_hex(a->public_key()) == to_hex(a_pub));
      auto z_a = a->shared_secret(b->public_key());
      REQUIRE(z_a.ok());
      CHECK(to_hex(*z_a) == to_hex(z_openssl));
    }
  }
}

TEST_CASE("crypto: ECDH rejects off-curve, malformed and wrong-length P-256/P-384 key shares") {
  SeededRng rng(1);
  for (const auto& c : kCurves) {
    CAPTURE(c.openssl_name);
    auto ours = KeyShare::generate(c.group, rng);
    auto peer = KeyShare::generate(c.group, rng);
    REQUIRE(ours.ok());
    REQUIRE(peer.ok());
    const core::Bytes good = core::to_bytes(peer->public_key());
    REQUIRE(ours->shared_secret(good).ok());

    auto expect_illegal = [&](const core::Bytes& pt, const char* why) {
      CAPTURE(why);
      auto r = ours->shared_secret(pt);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().alert == core::Alert::illegal_parameter);
      return r.error().reason;
    };
    auto off = good;
    off.back() ^= 0x01;  // y changed: no longer on the curve
    CHECK(expect_illegal(off, "off-curve") == name_of(c.group) +
                                                  " key share is not a point on the curve");
    auto big_x = good;
    std::fill(big_x.begin() + 1, big_x.begin() + 1 + static_cast<long>(c.field), 0xff);  // x >= p
    expect_illegal(big_x, "x >= p");
    core::Bytes zeros(good.size(), 0);
    zeros[0] = 0x04;  // (0, 0) is not on either curve
    expect_illegal(zeros, "(0,0)");
    auto compressed = core::Bytes(good.begin(), good.begin() + 1 + static_cast<long>(c.field));
    compressed[0] = 0x02;
    expect_illegal(compressed, "compressed form");
    auto hybrid = good;
    hybrid[0] = 0x06;
    CHECK(expect_illegal(hybrid, "wrong prefix").find("0x06") != std::string::npos);
    expect_illegal({0x00}, "point at infinity");
    expect_illegal(core::Bytes(good.begin(), good.end() - 1), "one byte short");
    auto longer = good;
    longer.push_back(0);
    expect_illegal(longer, "one byte long");
  }
  // Private scalars outside [1, n-1] and of the wrong size.
  CHECK_FALSE(KeyShare::from_private(NamedGroup::secp256r1, core::Bytes(32, 0)).ok());
  CHECK_FALSE(KeyShare::from_private(NamedGroup::secp256r1, core::Bytes(32, 0xff)).ok());
  CHECK_FALSE(KeyShare::from_private(NamedGroup::secp384r1, core::Bytes(32, 1)).ok());
}

TEST_CASE("crypto: key exchange group names, sizes and deterministic generation") {
  CHECK(name_of(NamedGroup::x25519) == "x25519");
  CHECK(name_of(NamedGroup::secp256r1) == "secp256r1");
  CHECK(name_of(NamedGroup::secp384r1) == "secp384r1");
  CHECK(name_of(static_cast<NamedGroup>(0x1234)) == "unknown(0x1234)");
  CHECK(group_supported(NamedGroup::x25519));
  CHECK(group_supported(NamedGroup::secp384r1));
  CHECK_FALSE(group_supported(NamedGroup::x448));
  CHECK_FALSE(group_supported(NamedGroup::secp521r1));
  CHECK(group_public_size(NamedGroup::x25519) == 32);
  CHECK(group_public_size(NamedGroup::secp256r1) == 65);
  CHECK(group_public_size(NamedGroup::secp384r1) == 97);
  CHECK(group_public_size(NamedGroup::ffdhe2048) == 0);
  auto x448 = KeyShare::generate(NamedGroup::x448, system_rng());
  REQUIRE_FALSE(x448.ok());
  CHECK(x448.error().alert == core::Alert::illegal_parameter);
  // Same seed, same key share: what --seed runs and replays rely on.
  for (auto g : {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1}) {
    CAPTURE(name_of(g));
    SeededRng r1(42), r2(42);
    auto k1 = KeyShare::generate(g, r1);
    auto k2 = KeyShare::generate(g, r2);
    REQUIRE(k1.ok());
    REQUIRE(k2.ok());
    CHECK(to_hex(k1->public_key()) == to_hex(k2->public_key()));
    // Both sides of a generated pair agree.
    SeededRng r3(43);
    auto k3 = KeyShare::generate(g, r3);
    REQUIRE(k3.ok());
    CHECK(to_hex(*k1->shared_secret(k3->public_key())) ==
          to_hex(*k3->shared_secret(k1->public_key())));
    // Moving keeps the key usable.
    KeyShare moved = std::move(*k1);
    CHECK(moved.shared_secret(k3->public_key()).ok());
  }
}
