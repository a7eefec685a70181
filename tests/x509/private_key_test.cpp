#include <doctest/doctest.h>

#include <vector>

#include "core/hex.hpp"
#include "crypto/random.hpp"
#include "pki_fixture.hpp"
#include "x509/pem.hpp"
#include "x509/private_key.hpp"

using namespace glass;
using namespace glass::x509;
using glass::testing::pki;

namespace {

crypto::KeyType expected_type(const std::string& t) {
  if (t == "rsa") return crypto::KeyType::rsa;
  if (t == "ec256") return crypto::KeyType::ecdsa_p256;
  if (t == "ec384") return crypto::KeyType::ecdsa_p384;
  return crypto::KeyType::ed25519;
}

void check_matches(const crypto::SigningKey& key, const std::string& type) {
  auto& p = pki();
  auto cert = p.dir.read(type + ".der");
  auto m = key_matches_certificate(key, cert);
  REQUIRE(m.ok());
  CHECK(*m);
  auto other = p.dir.read("int.der");
  auto m2 = key_matches_certificate(key, other);
  REQUIRE(m2.ok());
  CHECK(!*m2);
}

}  // namespace

TEST_CASE("x509: PKCS#8 keys from openssl genpkey parse and match their certificates") {
  auto& p = pki();
  for (const auto& t : p.key_types) {
    CAPTURE(t);
    auto pem = p.dir.read(t + ".key");
    auto k = load_private_key(pem);
    REQUIRE_MESSAGE(k.ok(), k.error().reason);
    CHECK(k->format == KeyFormat::pkcs8);
    CHECK(k->key.type() == expected_type(t));
    check_matches(k->key, t);
    // The same key in DER.
    p.dir.must("openssl pkcs8 -topk8 -nocrypt -in " + t + ".key -outform DER -out " + t + ".key.der");
    auto der = load_private_key(p.dir.read(t + ".key.der"));
    REQUIRE(der.ok());
    CHECK(der->key.public_key().same_key(k->key.public_key()));
  }
}

TEST_CASE("x509: encrypted PKCS#8 from openssl pkcs8 -topk8 decrypts (PBES2 and PKCS#12 PBE)") {
  auto& p = pki();
  struct Case {
    const char* args;
    const char* expect;
  } cases[] = {
      {"-v2 aes-256-cbc", "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, 2048 iterations)"},
      {"-v2 aes-128-cbc -v2prf hmacWithSHA1", "PBES2 (PBKDF2-HMAC-SHA1, AES-128-CBC, 2048 iterations)"},
      {"-v2 aes-192-cbc -v2prf hmacWithSHA512 -iter 3000", "PBES2 (PBKDF2-HMAC-SHA512, AES-192-CBC, 3000 iterations)"},
      {"-v2 des3 -v2prf hmacWithSHA384", "PBES2 (PBKDF2-HMAC-SHA384, 3DES-CBC, 2048 iterations)"},
      {"-v1 PBE-SHA1-3DES", "pbeWithSHAAnd3-KeyTripleDES-CBC (2048 iterations)"},
  };
  int n = 0;
  for (const auto& c : cases) {
    CAPTURE(c.args);
    std::string t = p.key_types[static_cast<std::size_t>(n++) % p.key_types.size()];
    std::string out = "enc" + std::to_string(n) + ".pem";
    p.dir.must("openssl pkcs8 -topk8 -in " + t + ".key " + c.args + " -passout pass:s3cret -out " + out);
    auto file = p.dir.read(out);
    auto k = load_private_key(file, pbe::Password::utf8("s3cret"));
    REQUIRE_MESSAGE(k.ok(), k.error().reason);
    CHECK(k->format == KeyFormat::encrypted_pkcs8);
    REQUIRE(k->encryption.has_value());
    CHECK(k->encryption->describe() == c.expect);
    check_matches(k->key, t);

    auto wrong = load_private_key(file, pbe::Password::utf8("nope"));
    REQUIRE(!wrong.ok());
    CHECK(wrong.error().alert == core::Alert::decrypt_error);
    CHECK(wrong.error().reason.find("wrong password") != std::string::npos);
  }
}

TEST_CASE("x509: SEC1 and PKCS#1 keys from openssl ec / openssl rsa -traditional parse") {
  auto& p = pki();
  for (const char* t : {"ec256", "ec384"}) {
    CAPTURE(t);
    p.dir.must(std::string("openssl ec -in ") + t + ".key -out " + t + ".sec1.pem");
    auto file = p.dir.read(std::string(t) + ".sec1.pem");
    CHECK(core::as_chars(file).find("BEGIN EC PRIVATE KEY") != std::string_view::npos);
    auto k = load_private_key(file);
    REQUIRE_MESSAGE(k.ok(), k.error().reason);
    CHECK(k->format == KeyFormat::sec1);
    check_matches(k->key, t);
    p.dir.must(std::string("openssl ec -in ") + t + ".key -outform DER -out " + t + ".sec1.der");
    auto d = load_private_key(p.dir.read(std::string(t) + ".sec1.der"));
    REQUIRE(d.ok());
    CHECK(d->format == KeyFormat::sec1);
  }
  p.dir.must("openssl rsa -in rsa.key -traditional -out rsa.pkcs1.pem");
  auto file = p.dir.read("rsa.pkcs1.pem");
  CHECK(core::as_chars(file).find("BEGIN RSA PRIVATE KEY") != std::string_view::npos);
  auto k = load_private_key(file);
  REQUIRE_MESSAGE(k.ok(), k.error().reason);
  CHECK(k->format == KeyFormat::pkcs1);
  CHECK(k->key.public_key().bits() == 2048);
  check_matches(k->key, "rsa");
}

TEST_CASE("x509: legacy Proc-Type ENCRYPTED PEM is refused with a conversion hint") {
  auto& p = pki();
  p.dir.must("openssl rsa -in rsa.key -traditional -aes128 -passout pass:x -out rsa.legacy.pem");
  auto r = load_private_key(p.dir.read("rsa.legacy.pem"), pbe::Password::utf8("x"));
  REQUIRE(!r.ok());
  CHECK(r.error().reason.find("unsupported legacy PEM encryption") != std::string::npos);
  CHECK(r.error().reason.find("openssl pkcs8 -topk8") != std::string::npos);
}

TEST_CASE("x509: our PKCS#8, SEC1 and PKCS#1 encodings are read by openssl") {
  auto& p = pki();
  for (const auto& t : p.key_types) {
    CAPTURE(t);
    auto k = load_private_key(p.dir.read(t + ".key"));
    REQUIRE(k.ok());
    auto der = encode_pkcs8(k->key);
    REQUIRE(der.ok());
    // Byte-identical to openssl's own DER for the same key (RSA, Ed25519; OpenSSL's
    // EC PKCS#8 also omits the curve inside ECPrivateKey, as we do).
    CHECK(core::to_hex(*der) == core::to_hex(p.dir.read(t + ".key.der")));
    p.dir.write(t + ".ours.der", *der);
    p.dir.must("openssl pkey -inform DER -in " + t + ".ours.der -pubout -out " + t + ".ours.pub");
    p.dir.must("openssl pkey -in " + t + ".key -pubout -out " + t + ".pub");
    CHECK(p.dir.read(t + ".ours.pub") == p.dir.read(t + ".pub"));
    auto back = parse_pkcs8(*der);
    REQUIRE(back.ok());
    CHECK(back->public_key().same_key(k->key.public_key()));
  }
  auto ec = load_private_key(p.dir.read("ec256.key"));
  auto sec1 = encode_sec1(ec->key);
  REQUIRE(sec1.ok());
  p.dir.write("ours.sec1.pem", core::as_bytes(pem::encode("EC PRIVATE KEY", *sec1)));
  p.dir.must("openssl ec -in ours.sec1.pem -check -noout");
  auto rsa = load_private_key(p.dir.read("rsa.key"));
  auto pkcs1 = encode_pkcs1(rsa->key);
  REQUIRE(pkcs1.ok());
  p.dir.write("ours.pkcs1.pem", core::as_bytes(pem::encode("RSA PRIVATE KEY", *pkcs1)));
  p.dir.must("openssl rsa -in ours.pkcs1.pem -check -noout");
  CHECK(!encode_sec1(rsa->key).ok());
  CHECK(!encode_pkcs1(ec->key).ok());
}

TEST_CASE("x509: our encrypted PKCS#8 is decrypted by openssl") {
  auto& p = pki();
  crypto::SeededRng rng(7);
  auto k = load_private_key(p.dir.read("ec256.key"));
  REQUIRE(k.ok());
  auto plain = encode_pkcs8(k->key);
  REQUIRE(plain.ok());
  auto alg = pbe::pbes2(crypto::HashAlg::sha256, crypto::CbcCipher::aes256, 2048, rng);
  auto enc = encrypt_pkcs8(*plain, pbe::Password::utf8("pw"), alg);
  REQUIRE(enc.ok());
  p.dir.write("ours.enc.pem", core::as_bytes(pem::encode("ENCRYPTED PRIVATE KEY", *enc)));
  p.dir.must("openssl pkcs8 -in ours.enc.pem -passin pass:pw -out ours.dec.pem");
  auto back = load_private_key(p.dir.read("ours.dec.pem"));
  REQUIRE(back.ok());
  CHECK(back->key.public_key().same_key(k->key.public_key()));
  auto again = load_private_key(p.dir.read("ours.enc.pem"), pbe::Password::utf8("pw"));
  REQUIRE(again.ok());
  CHECK(again->key.public_key().same_key(k->key.public_key()));
}

TEST_CASE("x509: private key parsers reject malformed and unsupported input") {
  // PKCS#8 with an X25519 key: a key type we cannot sign with.
  auto x25519 = core::hex(
      "302e020100300506032b656e04220420"
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  auto r = parse_pkcs8(x25519);
  REQUIRE(!r.ok());
  CHECK(r.error().reason.find("unsupported private key algorithm X25519") != std::string::npos);
  // Truncated input.
  auto t = parse_private_key_der(core::hex("30 10 02 01 00"));
  REQUIRE(!t.ok());
  CHECK(t.error().reason.find("truncated") != std::string::npos);
  // Ed25519 seed of the wrong size.
  auto bad = parse_pkcs8(core::hex("302f020100300506032b657004230421" + std::string(66, '1')));
  REQUIRE(!bad.ok());
  // PBES1 DES (PKCS#5 v1.5) is refused by name.
  auto pbes1 = core::hex("301b 300d 06092a864886f70d01050a 3000 040a 00112233445566778899");
  auto e = parse_private_key_der(pbes1, pbe::Password::utf8("x"));
  REQUIRE(!e.ok());
  CHECK(e.error().reason.find("unsupported encryption pbeWithSHA1AndDES-CBC (1.2.840.113549.1.5.10)") !=
        std::string::npos);
}

TEST_CASE("x509: PBE algorithms round-trip through encode, parse, encrypt and decrypt") {
  crypto::SeededRng rng(11);
  std::vector<pbe::Algorithm> algs;
  for (auto c : {crypto::CbcCipher::aes128, crypto::CbcCipher::aes192, crypto::CbcCipher::aes256,
                 crypto::CbcCipher::des_ede3, crypto::CbcCipher::rc2})
    for (auto h : {crypto::HashAlg::sha1, crypto::HashAlg::sha512}) algs.push_back(pbe::pbes2(h, c, 10, rng));
  auto rc2_40 = pbe::pbes2(crypto::HashAlg::sha256, crypto::CbcCipher::rc2, 10, rng);
  rc2_40.rc2_bits = 40;
  rc2_40.key_len = 5;
  algs.push_back(rc2_40);
  auto rc2_32 = rc2_40;
  rc2_32.rc2_bits = 32;  // encoded without a version number
  algs.push_back(rc2_32);
  for (const char* o : {"1.2.840.113549.1.12.1.3", "1.2.840.113549.1.12.1.4", "1.2.840.113549.1.12.1.5",
                        "1.2.840.113549.1.12.1.6"}) {
    auto a = pbe::pkcs12_pbe(o, 10, rng);
    REQUIRE(a.ok());
    algs.push_back(*a);
  }
  core::Bytes msg = core::hex("00112233445566778899aabbccddeeff0102");
  for (const auto& a : algs) {
    CAPTURE(a.describe());
    auto parsed = pbe::parse_algorithm(pbe::encode_algorithm(a));
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().reason);
    CHECK(parsed->describe() == a.describe());
    CHECK(parsed->key_len == a.key_len);
    CHECK(parsed->rc2_bits == a.rc2_bits);
    auto ct = pbe::encrypt_with(*parsed, pbe::Password::utf8("pw"), msg);
    REQUIRE(ct.ok());
    std::string used;
    auto pt = pbe::decrypt_with(a, pbe::Password::utf8("pw"), *ct, &used);
    REQUIRE(pt.ok());
    CHECK(core::equal(*pt, msg));
    CHECK(!used.empty());
  }
  // RC4 and PBES1 are named when refused.
  auto rc4 = pbe::parse_algorithm(core::hex("301b 060a2a864886f70d010c0101 300d 0408 0102030405060708 020101"));
  REQUIRE(!rc4.ok());
  CHECK(rc4.error().reason == "unsupported encryption pbeWithSHAAnd128BitRC4 (1.2.840.113549.1.12.1.1)");
}
