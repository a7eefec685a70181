// The ML-KEM hybrid groups: exact wire layouts and secret order of
// draft-ietf-tls-ecdhe-mlkem, and the checks that make a bad share illegal_parameter.
#include <doctest/doctest.h>

#include <string>

#include "core/hex.hpp"
#include "crypto/hybrid_kex.hpp"
#include "crypto/mlkem768.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

core::Bytes hyb_seq(std::uint8_t first, std::size_t n) {
  core::Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(first + i);
  return b;
}

core::Bytes hyb_cat(ByteView a, ByteView b) {
  core::Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

std::string hyb_hex(ByteView b) { return core::to_hex(b); }

}  // namespace

TEST_CASE("X25519MLKEM768: layouts, secret order and agreement") {
  CHECK(name_of(NamedGroup::X25519MLKEM768) == "X25519MLKEM768");
  CHECK(static_cast<unsigned>(NamedGroup::X25519MLKEM768) == 0x11ec);
  CHECK(group_supported(NamedGroup::X25519MLKEM768));
  CHECK(group_tls13_only(NamedGroup::X25519MLKEM768));
  CHECK(!group_tls13_only(NamedGroup::x25519));
  CHECK(group_public_size(NamedGroup::X25519MLKEM768) == 1216);
  CHECK(hybrid_server_share_size(NamedGroup::X25519MLKEM768) == 1120);

  // private = d || z || X25519 scalar
  const core::Bytes d = hyb_seq(0, 32), z = hyb_seq(32, 32), xpriv = hyb_seq(100, 32);
  auto client = KeyShare::from_private(NamedGroup::X25519MLKEM768, hyb_cat(hyb_cat(d, z), xpriv));
  REQUIRE(client);
  auto kp = mlkem768::keygen_internal(d, z);
  auto xclient = *KeyShare::from_private(NamedGroup::x25519, xpriv);
  CHECK(hyb_hex(client->public_key()) == hyb_hex(hyb_cat(kp.encaps_key, xclient.public_key())));

  SeededRng rng(11);
  auto reply = KeyShare::respond(NamedGroup::X25519MLKEM768, client->public_key(), rng);
  REQUIRE(reply);
  REQUIRE(reply->share.size() == 1120);
  REQUIRE(reply->secret.size() == 64);
  // ML-KEM secret first, then the X25519 secret.
  auto kem = mlkem768::decaps(kp.decaps_key, ByteView(reply->share).first(1088));
  REQUIRE(kem);
  auto xs = xclient.shared_secret(ByteView(reply->share).subspan(1088));
  REQUIRE(xs);
  CHECK(hyb_hex(reply->secret) == hyb_hex(hyb_cat(*kem, *xs)));
  auto mine = client->shared_secret(reply->share);
  REQUIRE(mine);
  CHECK(hyb_hex(*mine) == hyb_hex(reply->secret));
}

TEST_CASE("SecP256r1MLKEM768: ECDH part first, then ML-KEM") {
  CHECK(group_public_size(NamedGroup::SecP256r1MLKEM768) == 1249);
  CHECK(hybrid_server_share_size(NamedGroup::SecP256r1MLKEM768) == 1153);
  const core::Bytes d = hyb_seq(1, 32), z = hyb_seq(33, 32), ppriv = hyb_seq(7, 32);
  auto client = KeyShare::from_private(NamedGroup::SecP256r1MLKEM768, hyb_cat(hyb_cat(d, z), ppriv));
  REQUIRE(client);
  auto kp = mlkem768::keygen_internal(d, z);
  auto pclient = *KeyShare::from_private(NamedGroup::secp256r1, ppriv);
  CHECK(hyb_hex(client->public_key()) == hyb_hex(hyb_cat(pclient.public_key(), kp.encaps_key)));
  SeededRng rng(12);
  auto reply = KeyShare::respond(NamedGroup::SecP256r1MLKEM768, client->public_key(), rng);
  REQUIRE(reply);
  REQUIRE(reply->share.size() == 1153);
  auto ps = pclient.shared_secret(ByteView(reply->share).first(65));
  auto kem = mlkem768::decaps(kp.decaps_key, ByteView(reply->share).subspan(65));
  REQUIRE(ps);
  REQUIRE(kem);
  CHECK(hyb_hex(reply->secret) == hyb_hex(hyb_cat(*ps, *kem)));
  auto mine = client->shared_secret(reply->share);
  REQUIRE(mine);
  CHECK(hyb_hex(*mine) == hyb_hex(reply->secret));
  // A generated (not fixed) key share agrees too.
  auto gen = KeyShare::generate(NamedGroup::SecP256r1MLKEM768, rng);
  REQUIRE(gen);
  auto r2 = KeyShare::respond(NamedGroup::SecP256r1MLKEM768, gen->public_key(), rng);
  REQUIRE(r2);
  CHECK(hyb_hex(*gen->shared_secret(r2->share)) == hyb_hex(r2->secret));
}

TEST_CASE("hybrid shares: wrong lengths, modulus check and the all-zero X25519 rule") {
  SeededRng rng(13);
  auto client = KeyShare::generate(NamedGroup::X25519MLKEM768, rng);
  REQUIRE(client);
  const core::Bytes good = core::to_bytes(client->public_key());
  auto expect_illegal = [](const auto& r, const std::string& words) {
    REQUIRE(!r);
    CHECK(r.error().alert == core::Alert::illegal_parameter);
    CHECK_MESSAGE(r.error().reason.find(words) != std::string::npos, r.error().reason);
  };
  // Client share of the wrong length (x25519 alone, one byte short, one long).
  for (std::size_t n : {std::size_t{32}, std::size_t{1215}, std::size_t{1217}}) {
    core::Bytes s(good.begin(), good.begin() + std::min(n, good.size()));
    s.resize(n, 1);
    expect_illegal(KeyShare::respond(NamedGroup::X25519MLKEM768, s, rng), "must be 1216 bytes");
  }
  // Encapsulation key failing the modulus check: first coefficient 4095.
  core::Bytes bad_ek = good;
  bad_ek[0] = 0xff;
  bad_ek[1] |= 0x0f;
  expect_illegal(KeyShare::respond(NamedGroup::X25519MLKEM768, bad_ek, rng), "modulus check");
  // The X25519 half is a small-order point (zero): the shared secret would be all zeros.
  core::Bytes zero_x = good;
  std::fill(zero_x.begin() + 1184, zero_x.end(), 0);
  expect_illegal(KeyShare::respond(NamedGroup::X25519MLKEM768, zero_x, rng), "all zeros");

  auto reply = KeyShare::respond(NamedGroup::X25519MLKEM768, good, rng);
  REQUIRE(reply);
  // Server share of the wrong length (the ciphertext alone; one byte long).
  expect_illegal(client->shared_secret(ByteView(reply->share).first(1088)), "must be 1120 bytes");
  core::Bytes longer = reply->share;
  longer.push_back(0);
  expect_illegal(client->shared_secret(longer), "must be 1120 bytes");
  core::Bytes zero_server = reply->share;
  std::fill(zero_server.begin() + 1088, zero_server.end(), 0);
  expect_illegal(client->shared_secret(zero_server), "all zeros");
  // A tampered ciphertext is not an error (implicit rejection): the secrets differ.
  core::Bytes tampered = reply->share;
  tampered[17] ^= 4;
  auto other = client->shared_secret(tampered);
  REQUIRE(other);
  CHECK(hyb_hex(*other) != hyb_hex(reply->secret));
  // The classical groups answer through respond() as before.
  auto x = KeyShare::generate(NamedGroup::x25519, rng);
  auto xr = KeyShare::respond(NamedGroup::x25519, x->public_key(), rng);
  REQUIRE(xr);
  CHECK(xr->share.size() == 32);
  CHECK(hyb_hex(*x->shared_secret(xr->share)) == hyb_hex(xr->secret));
}
