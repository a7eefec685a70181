// Signatures: Ed25519 (RFC 8032 7.1), deterministic ECDSA (RFC 6979 A.2.5/A.2.6),
// strict DER ECDSA-Sig-Value, RSA PKCS#1 v1.5 / PSS and ECDSA/Ed25519 cross-checked
// against openssl run during the test, key generation, and the TLS scheme rules.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hex.hpp"
#include "crypto/ecdsa_der.hpp"
#include "crypto/signature.hpp"
#include "rfc6979_p256.hpp"
#include "tool_run.hpp"

using namespace glass::crypto;
using glass::core::Alert;
using glass::core::as_bytes;
using glass::core::Bytes;
using glass::core::ByteView;
using glass::core::hex;
using glass::core::to_hex;
namespace gt = glass::testing;

namespace {

SigAlgorithm alg(SigAlgorithm::Kind k, HashAlg h) {
  SigAlgorithm a{};
  a.kind = k;
  a.hash = h;
  a.mgf1_hash = h;
  a.salt_len = h == HashAlg::sha1 ? 20 : h == HashAlg::sha256 ? 32 : h == HashAlg::sha384 ? 48 : 64;
  return a;
}

// a + b (big-endian, unsigned), or a + b - 1 for an odd b.
Bytes add_be(ByteView a, ByteView b, bool minus_one = false) {
  Bytes out(std::max(a.size(), b.size()) + 1);
  int carry = minus_one ? -1 : 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    int sum = carry;
    if (i < a.size()) sum += a[a.size() - 1 - i];
    if (i < b.size()) sum += b[b.size() - 1 - i];
    carry = sum < 0 ? -1 : sum >> 8;
    out[out.size() - 1 - i] = static_cast<std::uint8_t>(sum & 0xff);
  }
  return out;
}

Bytes flip(ByteView b, std::size_t byte, std::uint8_t mask = 0x01) {
  Bytes out(b.begin(), b.end());
  out[byte] ^= mask;
  return out;
}

struct Ed25519Vector {
  const char* name;
  const char* secret;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 section 7.1.
const Ed25519Vector kEd25519[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {"TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
     "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
};

using EcdsaVector = glass::test::Rfc6979Vector;

// RFC 6979 A.2.5 (P-256): tests/crypto/rfc6979_p256.hpp.
const char* kP256X = glass::test::kRfc6979P256Key;
const char* kP256Ux = glass::test::kRfc6979P256Ux;
const char* kP256Uy = glass::test::kRfc6979P256Uy;
const auto& kP256 = glass::test::kRfc6979P256;

// RFC 6979 A.2.6 (P-384).
const char* kP384X =
    "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5";
const char* kP384Ux =
    "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13";
const char* kP384Uy =
    "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720";
const EcdsaVector kP384[] = {
    {HashAlg::sha1, "sample",
     "EC748D839243D6FBEF4FC5C4859A7DFFD7F3ABDDF72014540C16D73309834FA37B9BA002899F6FDA3A4A9386790D4EB2",
     "A3BCFA947BEEF4732BF247AC17F71676CB31A847B9FF0CBC9C9ED4C1A5B3FACF26F49CA031D4857570CCB5CA4424A443"},
    {HashAlg::sha256, "sample",
     "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8FB2CD",
     "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4FA0AB0"},
    {HashAlg::sha384, "sample",
     "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
     "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"},
    {HashAlg::sha512, "sample",
     "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799CFE30F35CC900056D7C99CD7882433709",
     "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112DC7CC3EF3446DEFCEB01A45C2667FDD5"},
    {HashAlg::sha1, "test",
     "4BC35D3A50EF4E30576F58CD96CE6BF638025EE624004A1F7789A8B8E43D0678ACD9D29876DAF46638645F7F404B11C7",
     "D5A6326C494ED3FF614703878961C0FDE7B2C278F9A65FD8C4B7186201A2991695BA1C84541327E966FA7B50F7382282"},
    {HashAlg::sha256, "test",
     "6D6DEFAC9AB64DABAFE36C6BF510352A4CC27001263638E5B16D9BB51D451559F918EEDAF2293BE5B475CC8F0188636B",
     "2D46F3BECBCC523D5F1A1256BF0C9B024D879BA9E838144C8BA6BAEB4B53B47D51AB373F9845C0514EEFB14024787265"},
    {HashAlg::sha384, "test",
     "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
     "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5"},
    {HashAlg::sha512, "test",
     "A0D5D090C9980FAF3C2CE57B7AE951D31977DD11C775D314AF55F76C676447D06FB6495CD21B4B6E340FC236584FB277",
     "976984E59B4C77B0E8E4460DCA3D9F20E07B9BB1F63BEEFAF576F6B2E8B224634A2092CD3792E0159AD9CEE37659C736"},
};

std::string hash_name_for_test(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return "SHA-1";
    case HashAlg::sha256: return "SHA-256";
    case HashAlg::sha384: return "SHA-384";
    case HashAlg::sha512: return "SHA-512";
  }
  return "?";
}

void check_rfc6979(NamedGroup curve, const char* x, const char* ux, const char* uy,
                   const EcdsaVector* vectors, std::size_t count) {
  auto key = SigningKey::ecdsa(curve, hex(x));
  REQUIRE(key.ok());
  Bytes point = glass::core::concat({hex("04"), hex(ux), hex(uy)});
  CHECK(to_hex(key->public_key().identity()) == to_hex(point));
  auto pub = VerifyingKey::ecdsa(curve, point);
  REQUIRE(pub.ok());
  SeededRng rng(6979);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& v = vectors[i];
    CAPTURE(hash_name_for_test(v.hash));
    CAPTURE(v.message);
    auto a = alg(SigAlgorithm::Kind::ecdsa, v.hash);
    auto sig = key->sign(a, as_bytes(v.message), rng);
    REQUIRE(sig.ok());
    auto rs = ecdsa_sig_decode(*sig);
    REQUIRE(rs.ok());
    CHECK(to_hex(rs->r) == to_hex(hex(v.r)));
    CHECK(to_hex(rs->s) == to_hex(hex(v.s)));
    // The RFC's (r, s), DER-encoded by us, verifies under the RFC's public key.
    Bytes der = ecdsa_sig_encode(hex(v.r), hex(v.s));
    CHECK(der == *sig);
    CHECK(pub->verify(a, as_bytes(v.message), der).ok());
    auto wrong = pub->verify(a, as_bytes("other"), der);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().alert == Alert::decrypt_error);
  }
}

}  // namespace

TEST_CASE("crypto: Ed25519 RFC 8032 section 7.1 TEST 1, 2, 3 and SHA(abc)") {
  SeededRng rng(8032);
  for (const auto& v : kEd25519) {
    CAPTURE(v.name);
    auto key = SigningKey::ed25519(hex(v.secret));
    REQUIRE(key.ok());
    CHECK(key->type() == KeyType::ed25519);
    CHECK(to_hex(key->public_key().identity()) == v.public_key);
    CHECK(to_hex(key->ed25519_seed().view()) == v.secret);
    Bytes msg = hex(v.message);
    auto sig = key->sign(SignatureScheme::ed25519, msg, rng);
    REQUIRE(sig.ok());
    CHECK(to_hex(*sig) == v.signature);

    auto pub = VerifyingKey::ed25519(hex(v.public_key));
    REQUIRE(pub.ok());
    CHECK(pub->verify(SignatureScheme::ed25519, msg, hex(v.signature)).ok());
    // A flipped bit anywhere in the signature, or in the message, is rejected.
    for (std::size_t byte : {std::size_t{0}, std::size_t{31}, std::size_t{32}, std::size_t{63}}) {
      auto bad = pub->verify(SignatureScheme::ed25519, msg, flip(hex(v.signature), byte));
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().alert == Alert::decrypt_error);
    }
    Bytes other = msg;
    other.push_back(0);
    CHECK_FALSE(pub->verify(SignatureScheme::ed25519, other, hex(v.signature)).ok());
    if (!msg.empty()) CHECK_FALSE(pub->verify(SignatureScheme::ed25519, flip(msg, 0), hex(v.signature)).ok());
  }
}

TEST_CASE("crypto: ECDSA RFC 6979 A.2.5 P-256 deterministic signatures") {
  check_rfc6979(NamedGroup::secp256r1, kP256X, kP256Ux, kP256Uy, kP256, std::size(kP256));
}

TEST_CASE("crypto: ECDSA RFC 6979 A.2.6 P-384 deterministic signatures") {
  check_rfc6979(NamedGroup::secp384r1, kP384X, kP384Ux, kP384Uy, kP384, std::size(kP384));
}

TEST_CASE("crypto: ECDSA-Sig-Value DER decoding is strict") {
  auto ok = ecdsa_sig_decode(hex("3006020101020102"));
  REQUIRE(ok.ok());
  CHECK(to_hex(ok->r) == "01");
  CHECK(to_hex(ok->s) == "02");
  // A top bit set needs exactly one 0x00 in front; that form is accepted.
  auto padded = ecdsa_sig_decode(hex("300702020080020101"));
  REQUIRE(padded.ok());
  CHECK(to_hex(padded->r) == "80");
  CHECK(ecdsa_sig_encode(hex("0080"), hex("01")) == hex("300702020080020101"));
  CHECK(ecdsa_sig_encode(hex("80"), hex("01")) == hex("300702020080020101"));

  struct Bad {
    const char* der;
    const char* reason;  // a fragment the error message must contain
  };
  const Bad bad[] = {
      {"", "empty"},
      {"3106020101020101", "expected SEQUENCE"},
      {"300702020001020101", "not minimally encoded"},         // r = 00 01
      {"300602010102010100", "trailing"},                       // byte after the SEQUENCE
      {"3006020181020101", "r is negative"},
      {"3006020101020181", "s is negative"},
      {"3006020100020101", "r is zero"},
      {"3081060201010201 01", "not minimally encoded"},         // long form for 6
      {"3080020101020101 0000", "indefinite"},
      {"30060201010201", "truncated"},
      {"3009020101020101020101", "unexpected"},                 // a third INTEGER
      {"3006040101020101", "expected INTEGER"},
      {"30050200020101", "is empty"},
      {"3006020501020101", "claims"},                           // r longer than the SEQUENCE
      {"308400000006020101020101", "uses 4 bytes"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.der);
    auto r = ecdsa_sig_decode(hex(b.der));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == Alert::decode_error);
    CHECK(r.error().reason.find(b.reason) != std::string::npos);
  }
}

TEST_CASE("crypto: ECDSA verify rejects malformed or out-of-range signatures as decrypt_error") {
  auto key = SigningKey::ecdsa(NamedGroup::secp256r1, hex(kP256X));
  REQUIRE(key.ok());
  const auto& pub = key->public_key();
  auto a = alg(SigAlgorithm::Kind::ecdsa, HashAlg::sha256);
  Bytes good = ecdsa_sig_encode(hex(kP256[1].r), hex(kP256[1].s));
  REQUIRE(pub.verify(a, as_bytes("sample"), good).ok());

  // Non-minimal r (an extra 0x00), a trailing byte, a negative r. The RFC's r has
  // its top bit set, so its minimal encoding is 02 21 00 EF..; edit around that.
  Bytes s = hex(kP256[1].s);
  REQUIRE(good[3] == 0x21);
  REQUIRE(good[4] == 0x00);
  ByteView g(good);
  Bytes nonminimal = glass::core::concat({g.first(4), hex("00"), g.subspan(4)});
  nonminimal[1]++;
  nonminimal[3]++;
  Bytes negative = glass::core::concat({g.first(4), g.subspan(5)});
  negative[1]--;
  negative[3]--;
  Bytes trailing = good;
  trailing.push_back(0);
  for (const Bytes& sig : {nonminimal, trailing, negative}) {
    auto res = pub.verify(a, as_bytes("sample"), sig);
    REQUIRE_FALSE(res.ok());
    CHECK(res.error().alert == Alert::decrypt_error);
    CHECK(res.error().reason.find("malformed") != std::string::npos);
  }
  // r = n (the P-256 order) is well-formed DER but out of range.
  Bytes order = hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
  auto big = pub.verify(a, as_bytes("sample"), ecdsa_sig_encode(order, s));
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().reason.find("not below the curve order") != std::string::npos);
  // Flipped bits in r, in s, and in the message.
  for (std::size_t byte : {std::size_t{5}, good.size() - 1}) {
    auto res = pub.verify(a, as_bytes("sample"), flip(good, byte));
    REQUIRE_FALSE(res.ok());
    CHECK(res.error().alert == Alert::decrypt_error);
  }
  CHECK_FALSE(pub.verify(a, as_bytes("samplf"), good).ok());
}

namespace {

// One RSA-2048 key made by openssl, shared by the RSA tests (key generation is
// slow): its files (rsa.pem, pub.pem, msg.bin) and its private parts as
// `openssl pkey -text` prints them.
struct OpensslRsa {
  gt::TempDir dir;
  RsaPrivateParts parts;
  Bytes msg;
};

const OpensslRsa& openssl_rsa() {
  static OpensslRsa k;
  if (!k.parts.n.empty()) return k;
  const gt::TempDir& dir = k.dir;
  std::string out;
  REQUIRE(gt::run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " +
                      dir / "rsa.pem", &out) == 0);
  REQUIRE(gt::run("openssl pkey -in " + dir / "rsa.pem" + " -pubout -out " + dir / "pub.pem") == 0);
  REQUIRE(gt::run("openssl pkey -in " + dir / "rsa.pem" + " -text -noout", &out) == 0);
  auto f = gt::parse_openssl_text(out);
  RsaPrivateParts parts;
  parts.n = f["modulus"];
  parts.e = f["publicExponent"];
  parts.d = f["privateExponent"];
  parts.p = f["prime1"];
  parts.q = f["prime2"];
  parts.dp = f["exponent1"];
  parts.dq = f["exponent2"];
  parts.qinv = f["coefficient"];
  REQUIRE(parts.n.size() == 257);  // openssl prints the DER INTEGER's leading 00
  k.msg = glass::core::to_bytes(as_bytes("glasstls: a message signed by openssl and by us"));
  gt::write_file(dir / "msg.bin", k.msg);
  k.parts = std::move(parts);
  return k;
}

// What each RSA signing case starts from: the openssl key as our signing key, its
// public key imported from n and e, and the Rng the case signs with.
struct RsaSetup {
  const OpensslRsa& k;
  SigningKey key;
  VerifyingKey pub;
  SeededRng rng{17};
};

RsaSetup rsa_setup(bool pss_only = false) {
  const OpensslRsa& k = openssl_rsa();
  auto key = SigningKey::rsa(k.parts, pss_only);
  REQUIRE(key.ok());
  auto pub = VerifyingKey::rsa(k.parts.n, k.parts.e, pss_only);
  REQUIRE(pub.ok());
  return RsaSetup{k, std::move(*key), std::move(*pub)};
}

}  // namespace

TEST_CASE("crypto: RSA private key parts from openssl text output import") {
  const OpensslRsa& k = openssl_rsa();
  const RsaPrivateParts& parts = k.parts;
  CHECK(to_hex(parts.e) == "010001");
  auto key = SigningKey::rsa(parts);
  REQUIRE(key.ok());
  CHECK(key->type() == KeyType::rsa);
  CHECK(key->public_key().bits() == 2048);
  auto pub = VerifyingKey::rsa(parts.n, parts.e);
  REQUIRE(pub.ok());
  CHECK(pub->same_key(key->public_key()));
  CHECK(to_hex(pub->rsa_modulus()) == to_hex(ByteView(parts.n).subspan(1)));
  CHECK(to_hex(key->public_key().rsa_exponent()) == "010001");
  CHECK(pub->raw_public().empty());
  CHECK(pub->ec_curve() == NamedGroup{0});
}

TEST_CASE("crypto: RSA PKCS#1 v1.5 and PSS signatures interoperate with openssl") {
  RsaSetup rs = rsa_setup();
  const gt::TempDir& dir = rs.k.dir;
  const Bytes& msg = rs.k.msg;
  std::string out;

  struct Case {
    SignatureScheme scheme;
    const char* dgst;
    bool pss;
  };
  const Case cases[] = {
      {SignatureScheme::rsa_pkcs1_sha256, "-sha256", false},
      {SignatureScheme::rsa_pkcs1_sha384, "-sha384", false},
      {SignatureScheme::rsa_pkcs1_sha512, "-sha512", false},
      {SignatureScheme::rsa_pss_rsae_sha256, "-sha256", true},
      {SignatureScheme::rsa_pss_rsae_sha384, "-sha384", true},
      {SignatureScheme::rsa_pss_rsae_sha512, "-sha512", true},
  };
  for (const auto& c : cases) {
    CAPTURE(name_of(c.scheme));
    std::string opts = c.pss ? " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest" : "";
    // openssl signs, we verify.
    REQUIRE(gt::run(std::string("openssl dgst ") + c.dgst + opts + " -sign " + dir / "rsa.pem" +
                    " -out " + dir / "theirs.bin " + dir / "msg.bin") == 0);
    Bytes theirs = gt::read_file(dir / "theirs.bin");
    REQUIRE(theirs.size() == 256);
    CHECK(rs.pub.verify(c.scheme, msg, theirs).ok());
    // Flipped bits in the signature or the message are rejected.
    for (std::size_t byte : {std::size_t{0}, std::size_t{128}, std::size_t{255}}) {
      auto bad = rs.pub.verify(c.scheme, msg, flip(theirs, byte));
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().alert == Alert::decrypt_error);
    }
    CHECK_FALSE(rs.pub.verify(c.scheme, flip(msg, 3), theirs).ok());
    // A truncated signature is refused before mbedTLS reads it.
    auto shorter = rs.pub.verify(c.scheme, msg, ByteView(theirs).first(255));
    REQUIRE_FALSE(shorter.ok());
    CHECK(shorter.error().reason.find("expected 256") != std::string::npos);

    // We sign, openssl verifies.
    auto ours = rs.key.sign(c.scheme, msg, rs.rng);
    REQUIRE(ours.ok());
    gt::write_file(dir / "ours.bin", *ours);
    CHECK(gt::run(std::string("openssl dgst ") + c.dgst + opts + " -verify " + dir / "pub.pem" +
                  " -signature " + dir / "ours.bin " + dir / "msg.bin", &out) == 0);
    CHECK(out.find("Verified OK") != std::string::npos);
    // PKCS#1 v1.5 is deterministic: both sides produce the same bytes.
    if (!c.pss) CHECK(*ours == theirs);
  }
}

TEST_CASE("crypto: an RSA key imported as id-RSASSA-PSS makes only PSS signatures") {
  RsaSetup rs = rsa_setup(/*pss_only=*/true);
  const OpensslRsa& k = rs.k;
  CHECK(rs.pub.same_key(rs.key.public_key()));
  CHECK(rs.pub.type() == KeyType::rsa_pss);
  CHECK(rs.key.type() == KeyType::rsa_pss);
  auto refused = rs.key.sign(alg(SigAlgorithm::Kind::rsa_pkcs1, HashAlg::sha256), k.msg, rs.rng);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().alert == Alert::illegal_parameter);
  auto pss_sig = rs.key.sign(SignatureScheme::rsa_pss_pss_sha256, k.msg, rs.rng);
  REQUIRE(pss_sig.ok());
  CHECK(rs.key.public_key().verify(SignatureScheme::rsa_pss_pss_sha256, k.msg, *pss_sig).ok());
  CHECK(rs.key.public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, k.msg, *pss_sig).error().alert ==
        Alert::illegal_parameter);
}

TEST_CASE("crypto: RSA-PSS with a non-default salt (X.509 RSASSA-PSS-params); MGF1 must match") {
  RsaSetup rs = rsa_setup();
  const gt::TempDir& dir = rs.k.dir;
  const Bytes& msg = rs.k.msg;
  auto x509 = alg(SigAlgorithm::Kind::rsa_pss, HashAlg::sha256);
  x509.salt_len = 20;
  auto custom = rs.key.sign(x509, msg, rs.rng);
  REQUIRE(custom.ok());
  CHECK(rs.pub.verify(x509, msg, *custom).ok());
  auto wrong_salt = x509;
  wrong_salt.salt_len = 32;
  CHECK(rs.pub.verify(wrong_salt, msg, *custom).error().alert == Alert::decrypt_error);
  gt::write_file(dir / "custom.bin", *custom);
  CHECK(gt::run("openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20 "
                "-verify " + dir / "pub.pem" + " -signature " + dir / "custom.bin " +
                dir / "msg.bin") == 0);
  // An MGF1 hash different from the message hash is refused, not silently mis-computed.
  auto mixed = x509;
  mixed.mgf1_hash = HashAlg::sha384;
  auto mixed_sig = rs.key.sign(mixed, msg, rs.rng);
  REQUIRE_FALSE(mixed_sig.ok());
  CHECK(mixed_sig.error().alert == Alert::illegal_parameter);
  CHECK(mixed_sig.error().reason.find("MGF1 SHA-384") != std::string::npos);
  CHECK(rs.pub.verify(mixed, msg, *custom).error().alert == Alert::illegal_parameter);
}

TEST_CASE("crypto: RSA private parts round-trip; inconsistent CRT values are refused") {
  auto key = SigningKey::rsa(openssl_rsa().parts);
  REQUIRE(key.ok());
  RsaPrivateParts back = key->rsa_parts();
  auto again = SigningKey::rsa(back);
  REQUIRE(again.ok());
  CHECK(again->public_key().same_key(key->public_key()));
  RsaPrivateParts broken = back;
  broken.dp = flip(broken.dp, broken.dp.size() - 1);
  auto rejected = SigningKey::rsa(broken);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().alert == Alert::illegal_parameter);
  CHECK(rejected.error().reason.find("dP") != std::string::npos);
  // dP + (p - 1) is congruent to d mod p-1, so it passes mbedTLS's key check;
  // only the reduced-form check catches it, and the error still names dP.
  RsaPrivateParts unreduced = back;
  unreduced.dp = add_be(back.dp, back.p, /*minus_one=*/true);
  auto unreduced_key = SigningKey::rsa(unreduced);
  REQUIRE_FALSE(unreduced_key.ok());
  CHECK(unreduced_key.error().reason.find("dP") != std::string::npos);
  RsaPrivateParts wrong_d = back;
  wrong_d.d = flip(wrong_d.d, wrong_d.d.size() - 1, 0x02);
  wrong_d.p.clear();
  wrong_d.q.clear();
  CHECK_FALSE(SigningKey::rsa(wrong_d).ok());
}

TEST_CASE("crypto: ECDSA P-256 and P-384 signatures interoperate with openssl") {
  gt::TempDir dir;
  struct Curve {
    const char* openssl_name;
    NamedGroup group;
    SignatureScheme scheme;
    const char* dgst;
  };
  const Curve curves[] = {
      {"P-256", NamedGroup::secp256r1, SignatureScheme::ecdsa_secp256r1_sha256, "-sha256"},
      {"P-384", NamedGroup::secp384r1, SignatureScheme::ecdsa_secp384r1_sha384, "-sha384"},
  };
  SeededRng rng(256);
  std::size_t padded_integers = 0;
  for (const auto& c : curves) {
    CAPTURE(c.openssl_name);
    std::string out;
    REQUIRE(gt::run(std::string("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:") +
                    c.openssl_name + " -out " + dir / "ec.pem") == 0);
    REQUIRE(gt::run("openssl pkey -in " + dir / "ec.pem" + " -pubout -out " + dir / "pub.pem") == 0);
    REQUIRE(gt::run("openssl pkey -in " + dir / "ec.pem" + " -text -noout", &out) == 0);
    auto f = gt::parse_openssl_text(out);
    auto key = SigningKey::ecdsa(c.group, f["priv"]);
    REQUIRE(key.ok());
    CHECK(key->ec_curve() == c.group);
    // Our public point, computed from the scalar, is the one openssl printed.
    CHECK(to_hex(key->public_key().identity()) == to_hex(f["pub"]));
    auto pub = VerifyingKey::ecdsa(c.group, f["pub"]);
    REQUIRE(pub.ok());
    CHECK(pub->raw_public() == f["pub"]);
    CHECK(pub->ec_curve() == c.group);
    CHECK(pub->rsa_modulus().empty());
    Bytes scalar = glass::core::to_bytes(key->ec_scalar().view());
    CHECK(scalar.size() == (c.group == NamedGroup::secp256r1 ? 32u : 48u));

    // Several messages, so both 32/48-byte and 0x00-padded integers show up.
    for (int i = 0; i < 6; ++i) {
      std::string text = "message " + std::to_string(i);
      Bytes msg(text.begin(), text.end());
      gt::write_file(dir / "msg.bin", msg);
      REQUIRE(gt::run(std::string("openssl dgst ") + c.dgst + " -sign " + dir / "ec.pem" +
                      " -out " + dir / "theirs.bin " + dir / "msg.bin") == 0);
      Bytes theirs = gt::read_file(dir / "theirs.bin");
      auto rs = ecdsa_sig_decode(theirs);
      REQUIRE(rs.ok());
      padded_integers += (theirs[3] == 0x21 || theirs[3] == 0x31);
      CHECK(pub->verify(c.scheme, msg, theirs).ok());
      CHECK_FALSE(pub->verify(c.scheme, flip(msg, 0), theirs).ok());

      auto ours = key->sign(c.scheme, msg, rng);
      REQUIRE(ours.ok());
      gt::write_file(dir / "ours.bin", *ours);
      CHECK(gt::run(std::string("openssl dgst ") + c.dgst + " -verify " + dir / "pub.pem" +
                    " -signature " + dir / "ours.bin " + dir / "msg.bin", &out) == 0);
      CHECK(out.find("Verified OK") != std::string::npos);
    }
  }
  MESSAGE("openssl signatures with a 0x00-padded r: " << padded_integers << " of 12");
}

TEST_CASE("crypto: Ed25519 signatures match openssl byte for byte") {
  gt::TempDir dir;
  std::string out;
  REQUIRE(gt::run("openssl genpkey -algorithm ed25519 -out " + dir / "ed.pem") == 0);
  REQUIRE(gt::run("openssl pkey -in " + dir / "ed.pem" + " -pubout -out " + dir / "pub.pem") == 0);
  REQUIRE(gt::run("openssl pkey -in " + dir / "ed.pem" + " -text -noout", &out) == 0);
  auto f = gt::parse_openssl_text(out);
  auto key = SigningKey::ed25519(f["priv"]);
  REQUIRE(key.ok());
  CHECK(to_hex(key->public_key().identity()) == to_hex(f["pub"]));
  CHECK(key->public_key().raw_public() == f["pub"]);
  Bytes msg = hex("00112233445566778899");
  gt::write_file(dir / "msg.bin", msg);
  REQUIRE(gt::run("openssl pkeyutl -sign -rawin -inkey " + dir / "ed.pem" + " -in " +
                  dir / "msg.bin -out " + dir / "theirs.bin") == 0);
  Bytes theirs = gt::read_file(dir / "theirs.bin");
  SeededRng rng(1);
  auto ours = key->sign(SignatureScheme::ed25519, msg, rng);
  REQUIRE(ours.ok());
  CHECK(to_hex(*ours) == to_hex(theirs));
  gt::write_file(dir / "ours.bin", *ours);
  CHECK(gt::run("openssl pkeyutl -verify -rawin -pubin -inkey " + dir / "pub.pem" + " -in " +
                dir / "msg.bin -sigfile " + dir / "ours.bin", &out) == 0);
  CHECK(out.find("Signature Verified Successfully") != std::string::npos);
}

TEST_CASE("crypto: key generation works for every key type and is reproducible from the RNG") {
  struct Gen {
    KeyType type;
    SignatureScheme scheme;
  };
  const Gen gens[] = {
      {KeyType::ed25519, SignatureScheme::ed25519},
      {KeyType::ecdsa_p256, SignatureScheme::ecdsa_secp256r1_sha256},
      {KeyType::ecdsa_p384, SignatureScheme::ecdsa_secp384r1_sha384},
      {KeyType::rsa, SignatureScheme::rsa_pss_rsae_sha256},
      {KeyType::rsa_pss, SignatureScheme::rsa_pss_pss_sha256},
  };
  for (const auto& g : gens) {
    CAPTURE(key_type_name(g.type));
    SeededRng rng_a(42), rng_b(42), rng(7);
    auto a = SigningKey::generate(g.type, rng_a, 1024);
    REQUIRE(a.ok());
    CHECK(a->type() == g.type);
    CHECK(a->public_key().type() == g.type);
    auto sig = a->sign(g.scheme, as_bytes("generated"), rng);
    REQUIRE(sig.ok());
    CHECK(a->public_key().verify(g.scheme, as_bytes("generated"), *sig).ok());
    CHECK_FALSE(a->public_key().verify(g.scheme, as_bytes("generatee"), *sig).ok());
    if (g.type != KeyType::rsa_pss) {  // one RSA reproducibility check is enough
      auto b = SigningKey::generate(g.type, rng_b, 1024);
      REQUIRE(b.ok());
      CHECK(a->public_key().same_key(b->public_key()));
    }
    SeededRng rng_c(43);
    if (g.type != KeyType::rsa && g.type != KeyType::rsa_pss) {
      auto c = SigningKey::generate(g.type, rng_c);
      REQUIRE(c.ok());
      CHECK_FALSE(a->public_key().same_key(c->public_key()));
    }
  }
  SeededRng rng(1);
  auto tiny = SigningKey::generate(KeyType::rsa, rng, 512);
  REQUIRE_FALSE(tiny.ok());
  CHECK(tiny.error().alert == Alert::illegal_parameter);
}

TEST_CASE("crypto: signature algorithm and key mismatches are illegal_parameter") {
  SeededRng rng(3);
  auto ed = SigningKey::ed25519(hex(kEd25519[0].secret));
  auto ec = SigningKey::ecdsa(NamedGroup::secp256r1, hex(kP256X));
  REQUIRE(ed.ok());
  REQUIRE(ec.ok());
  auto r1 = ed->sign(SignatureScheme::ecdsa_secp256r1_sha256, as_bytes("x"), rng);
  REQUIRE_FALSE(r1.ok());
  CHECK(r1.error().alert == Alert::illegal_parameter);
  CHECK(r1.error().reason.find("Ed25519") != std::string::npos);
  auto r2 = ec->public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, as_bytes("x"), Bytes(256));
  REQUIRE_FALSE(r2.ok());
  CHECK(r2.error().alert == Alert::illegal_parameter);
  auto r3 = ec->sign(SignatureScheme::rsa_pkcs1_sha1, as_bytes("x"), rng);
  REQUIRE_FALSE(r3.ok());
  CHECK(r3.error().reason.find("not supported") != std::string::npos);
  // TLS 1.2 lets a P-256 key sign with SHA-384; the scheme-level call allows it.
  auto r4 = ec->sign(SignatureScheme::ecdsa_secp384r1_sha384, as_bytes("x"), rng);
  REQUIRE(r4.ok());
  CHECK(ec->public_key().verify(SignatureScheme::ecdsa_secp384r1_sha384, as_bytes("x"), *r4).ok());

  CHECK(VerifyingKey::ed25519(Bytes(31)).error().alert == Alert::illegal_parameter);
  CHECK_FALSE(VerifyingKey::ecdsa(NamedGroup::secp256r1, hex("0400")).ok());
  Bytes off_curve = glass::core::concat({hex("04"), hex(kP256Ux), hex(kP256Ux)});
  auto oc = VerifyingKey::ecdsa(NamedGroup::secp256r1, off_curve);
  REQUIRE_FALSE(oc.ok());
  CHECK(oc.error().reason.find("not a valid point") != std::string::npos);
  CHECK_FALSE(VerifyingKey::ecdsa(NamedGroup::x25519, Bytes(65, 4)).ok());
  CHECK_FALSE(SigningKey::ecdsa(NamedGroup::secp256r1, Bytes(32, 0)).ok());
  CHECK_FALSE(SigningKey::ecdsa(NamedGroup::secp256r1,
                                hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"))
                  .ok());
  auto small = VerifyingKey::rsa(Bytes(64, 0xff), hex("010001"));
  REQUIRE_FALSE(small.ok());
  CHECK(small.error().reason.find("512 bits") != std::string::npos);
}

TEST_CASE("crypto: SignatureScheme names, support and RFC 8446 4.2.3 key rules") {
  CHECK(name_of(SignatureScheme::ecdsa_secp256r1_sha256) == "ecdsa_secp256r1_sha256");
  CHECK(name_of(SignatureScheme::rsa_pss_pss_sha512) == "rsa_pss_pss_sha512");
  CHECK(name_of(static_cast<SignatureScheme>(0x1234)) == "unknown(0x1234)");
  CHECK(key_type_name(KeyType::ecdsa_p256) == "ECDSA P-256");
  CHECK(key_type_name(KeyType::rsa_pss) == "RSA-PSS");

  CHECK(scheme_supported(SignatureScheme::ed25519));
  CHECK(scheme_supported(SignatureScheme::rsa_pss_pss_sha384));
  CHECK(scheme_supported(SignatureScheme::rsa_pkcs1_sha256));
  CHECK_FALSE(scheme_supported(SignatureScheme::rsa_pkcs1_sha1));
  CHECK_FALSE(scheme_supported(SignatureScheme::ecdsa_sha1));
  CHECK_FALSE(scheme_supported(SignatureScheme::ed448));
  // Supported for TLS 1.2's reading (ECDSA with SHA-512 on P-256/P-384), never in 1.3.
  CHECK(scheme_supported(SignatureScheme::ecdsa_secp521r1_sha512));
  CHECK(scheme_fits_key(SignatureScheme::ecdsa_secp521r1_sha512, KeyType::ecdsa_p256, false));
  CHECK(scheme_fits_key(SignatureScheme::ecdsa_secp521r1_sha512, KeyType::ecdsa_p384, false));
  CHECK_FALSE(scheme_fits_key(SignatureScheme::ecdsa_secp521r1_sha512, KeyType::ecdsa_p256, true));
  CHECK_FALSE(scheme_fits_key(SignatureScheme::ecdsa_secp521r1_sha512, KeyType::ed25519, false));

  auto pss = sig_algorithm(SignatureScheme::rsa_pss_rsae_sha384);
  REQUIRE(pss.ok());
  CHECK(pss->kind == SigAlgorithm::Kind::rsa_pss);
  CHECK(pss->hash == HashAlg::sha384);
  CHECK(pss->mgf1_hash == HashAlg::sha384);
  CHECK(pss->salt_len == 48);
  auto e = sig_algorithm(SignatureScheme::ed448);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().alert == Alert::illegal_parameter);
  CHECK(e.error().reason == "signature scheme ed448 (0x0808) is not supported");

  using S = SignatureScheme;
  using T = KeyType;
  // TLS 1.3: curve bound to hash, rsae vs pss by key type, no PKCS#1.
  CHECK(scheme_fits_key(S::ecdsa_secp256r1_sha256, T::ecdsa_p256, true));
  CHECK_FALSE(scheme_fits_key(S::ecdsa_secp256r1_sha256, T::ecdsa_p384, true));
  CHECK_FALSE(scheme_fits_key(S::ecdsa_secp384r1_sha384, T::ecdsa_p256, true));
  CHECK(scheme_fits_key(S::rsa_pss_rsae_sha256, T::rsa, true));
  CHECK_FALSE(scheme_fits_key(S::rsa_pss_rsae_sha256, T::rsa_pss, true));
  CHECK(scheme_fits_key(S::rsa_pss_pss_sha256, T::rsa_pss, true));
  CHECK_FALSE(scheme_fits_key(S::rsa_pss_pss_sha256, T::rsa, true));
  CHECK_FALSE(scheme_fits_key(S::rsa_pkcs1_sha256, T::rsa, true));
  CHECK(scheme_fits_key(S::ed25519, T::ed25519, true));
  CHECK_FALSE(scheme_fits_key(S::ed25519, T::ecdsa_p256, true));
  CHECK_FALSE(scheme_fits_key(S::rsa_pkcs1_sha1, T::rsa, false));
  // TLS 1.2: ECDSA schemes name only the hash; PKCS#1 allowed for rsaEncryption keys.
  CHECK(scheme_fits_key(S::ecdsa_secp256r1_sha256, T::ecdsa_p384, false));
  CHECK(scheme_fits_key(S::ecdsa_secp384r1_sha384, T::ecdsa_p256, false));
  CHECK(scheme_fits_key(S::rsa_pkcs1_sha256, T::rsa, false));
  CHECK_FALSE(scheme_fits_key(S::rsa_pkcs1_sha256, T::rsa_pss, false));
  CHECK_FALSE(scheme_fits_key(S::ecdsa_secp256r1_sha256, T::rsa, false));
}
