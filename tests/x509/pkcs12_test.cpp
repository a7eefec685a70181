#include <doctest/doctest.h>

#include <cctype>
#include <cstdio>
#include <string>

#include "core/hex.hpp"
#include "crypto/random.hpp"
#include "pki_fixture.hpp"
#include "x509/der.hpp"
#include "x509/oid.hpp"
#include "x509/pkcs12_reader.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/private_key.hpp"

using namespace glass;
using namespace glass::x509;
using glass::testing::pki;
using glass::testing::require_tool;
using pbe::Password;

namespace {

// Opens a .p12, requires one identity whose key matches its certificate, and
// (when `type` names a fixture leaf) that the certificate is that leaf.
pkcs12::Analysis check_p12(core::ByteView file, const Password& pw, const std::string& type,
                           std::size_t chain_len = 2) {
  auto a = pkcs12::open(file, pw);
  if (!a.ok()) std::fprintf(stderr, "pkcs12::open failed: %s\n", a.error().reason.c_str());
  REQUIRE_MESSAGE(a.ok(), a.error().reason);
  REQUIRE(a->identities.size() >= 1);
  auto& id = a->identities.front();
  REQUIRE(!id.certificate.empty());
  auto m = key_matches_certificate(id.key, id.certificate);
  REQUIRE(m.ok());
  CHECK(*m);
  if (!type.empty()) {
    CHECK(id.certificate == pki().dir.read(type + ".der"));
    CHECK(id.chain.size() == chain_len);
    if (chain_len == 2) {
      CHECK(id.chain[0] == pki().dir.read("int.der"));
      CHECK(id.chain[1] == pki().dir.read("root.der"));
      REQUIRE(a->report.pairings.size() == 1);
      CHECK(a->report.pairings[0].chain_complete);
    }
  }
  return std::move(*a);
}

std::string openssl_export(const std::string& type, const std::string& out, const std::string& args,
                           const std::string& pass = "pw") {
  pki().dir.must("openssl pkcs12 -export -inkey " + type + ".key -in " + type +
                 ".pem -certfile chain.pem -name 'friendly " + type + "' -passout 'pass:" + pass + "' -out " +
                 out + " " + args);
  return out;
}

// Re-encodes DER as BER the way Java/Windows exports look: constructed elements
// with indefinite length, long OCTET STRINGs (and [0] IMPLICIT encryptedContent)
// split into constructed pieces. With `deep`, OCTET STRINGs holding DER get the
// same treatment inside (only valid for files without a MAC).
core::Bytes to_ber(core::ByteView in, bool deep) {
  core::Bytes out;
  der::Reader r(in);
  // A CertBag's certificate must stay DER (it is signed): no recursion below it.
  {
    der::Reader first(in);
    auto e = first.next("first");
    if (e.ok() && e->tag == der::tag::oid && oid::equals(e->value, oid::pkcs9_x509_certificate)) deep = false;
    // Nor below a PrivateKeyInfo { INTEGER, AlgorithmIdentifier, OCTET STRING }: BER
    // appears at the PKCS#12 wrappers, the key structures themselves are DER.
    auto second = first.next("second");
    auto third = first.next("third");
    if (e.ok() && e->tag == der::tag::integer && second.ok() && second->tag == der::tag::sequence && third.ok() &&
        third->tag == der::tag::octet_string)
      deep = false;
  }
  while (!r.empty()) {
    auto e = r.next("ber");
    REQUIRE(e.ok());
    auto chunked = [&](std::uint8_t ctag, core::ByteView content) {
      out.push_back(ctag);
      out.push_back(0x80);
      for (std::size_t i = 0; i < content.size(); i += 16) {
        std::size_t n = std::min<std::size_t>(16, content.size() - i);
        out.push_back(0x04);
        out.push_back(static_cast<std::uint8_t>(n));
        core::append(out, content.subspan(i, n));
      }
      out.push_back(0);
      out.push_back(0);
    };
    if (e->constructed()) {
      out.push_back(e->tag);
      out.push_back(0x80);
      core::append(out, to_ber(e->value, deep));
      out.push_back(0);
      out.push_back(0);
    } else if (e->tag == der::tag::octet_string && e->value.size() > 16) {
      core::Bytes inner = core::to_bytes(e->value);
      if (deep && e->value[0] == 0x30 && der::Reader(e->value).next("probe").ok()) {
        der::Reader probe(e->value);
        (void)probe.next("probe");
        if (probe.empty()) inner = to_ber(e->value, deep);
      }
      chunked(0x24, inner);
    } else if (e->tag == der::tag::context(0, false) && e->value.size() > 16) {
      chunked(0xa0, e->value);
    } else {
      core::append(out, e->whole);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("pkcs12: openssl 3 default exports load for RSA, EC and Ed25519 with the chain ordered") {
  require_tool("openssl");
  auto& p = pki();
  for (const auto& t : p.key_types) {
    CAPTURE(t);
    auto file = p.dir.read(openssl_export(t, "def-" + t + ".p12", ""));
    auto a = check_p12(file, Password::utf8("pw"), t);
    const auto& r = a.report;
    CHECK(r.mac.kind == pkcs12::MacKind::pkcs12_kdf);
    CHECK(r.mac.hash == crypto::HashAlg::sha256);
    CHECK(r.mac.iterations == 2048);
    CHECK(r.mac.verified);
    CHECK(!r.ber);
    REQUIRE(r.safes.size() == 2);
    CHECK(r.safes[0].kind == pkcs12::SafeKind::encrypted_data);
    REQUIRE(r.safes[0].encryption.has_value());
    CHECK(r.safes[0].encryption->describe() == "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, 2048 iterations)");
    CHECK(r.safes[1].kind == pkcs12::SafeKind::data);
    REQUIRE(r.safes[1].bags.size() == 1);
    CHECK(r.safes[1].bags[0].kind == pkcs12::BagKind::shrouded_key);
    CHECK(r.safes[1].bags[0].friendly_name == "friendly " + t);
    CHECK(r.safes[1].bags[0].local_key_id.size() == 20);
    CHECK(a.identities[0].friendly_name == "friendly " + t);
    REQUIRE(r.pairings.size() == 1);
    CHECK(r.pairings[0].matched_by == "localKeyID and public key");
  }
}

TEST_CASE("pkcs12: openssl -legacy and -keypbe/-certpbe/-macalg variants load") {
  require_tool("openssl");
  auto& p = pki();
  struct Case {
    const char* type;
    const char* args;
    const char* key_alg;   // describe() of the shrouded key bag
    const char* cert_alg;  // describe() of the certificate safe ("" = plain data)
    crypto::HashAlg mac;
  } cases[] = {
      {"ec256", "-legacy", "pbeWithSHAAnd3-KeyTripleDES-CBC (2048 iterations)",
       "pbeWithSHAAnd40BitRC2-CBC (2048 iterations)", crypto::HashAlg::sha1},
      {"rsa", "-keypbe AES-128-CBC -certpbe AES-128-CBC",
       "PBES2 (PBKDF2-HMAC-SHA256, AES-128-CBC, 2048 iterations)",
       "PBES2 (PBKDF2-HMAC-SHA256, AES-128-CBC, 2048 iterations)", crypto::HashAlg::sha256},
      {"ec384", "-keypbe DES-EDE3-CBC -certpbe DES-EDE3-CBC -macalg sha384",
       "PBES2 (PBKDF2-HMAC-SHA256, 3DES-CBC, 2048 iterations)",
       "PBES2 (PBKDF2-HMAC-SHA256, 3DES-CBC, 2048 iterations)", crypto::HashAlg::sha384},
      {"ed25519", "-legacy -keypbe PBE-SHA1-RC2-128 -certpbe PBE-SHA1-RC2-40 -macalg sha512",
       "pbeWithSHAAnd128BitRC2-CBC (2048 iterations)", "pbeWithSHAAnd40BitRC2-CBC (2048 iterations)",
       crypto::HashAlg::sha512},
      {"ec256", "-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -iter 1000",
       "pbeWithSHAAnd3-KeyTripleDES-CBC (1000 iterations)", "pbeWithSHAAnd3-KeyTripleDES-CBC (1000 iterations)",
       crypto::HashAlg::sha1},
      {"rsa", "-legacy -keypbe PBE-SHA1-2DES -certpbe PBE-SHA1-RC2-40",
       "pbeWithSHAAnd2-KeyTripleDES-CBC (2048 iterations)", "pbeWithSHAAnd40BitRC2-CBC (2048 iterations)",
       crypto::HashAlg::sha1},
      {"ec256", "-keypbe NONE -certpbe NONE", "", "", crypto::HashAlg::sha256},
  };
  int n = 0;
  for (const auto& c : cases) {
    CAPTURE(c.args);
    auto file = p.dir.read(openssl_export(c.type, "var" + std::to_string(n++) + ".p12", c.args));
    auto a = check_p12(file, Password::utf8("pw"), c.type);
    const auto& r = a.report;
    CHECK(r.mac.hash == c.mac);
    CHECK(r.mac.verified);
    REQUIRE(r.safes.size() == 2);
    if (*c.cert_alg) {
      REQUIRE(r.safes[0].encryption.has_value());
      CHECK(r.safes[0].encryption->describe() == c.cert_alg);
    } else {
      CHECK(r.safes[0].kind == pkcs12::SafeKind::data);
    }
    REQUIRE(r.safes[1].bags.size() == 1);
    const auto& kb = r.safes[1].bags[0];
    if (*c.key_alg) {
      REQUIRE(kb.encryption.has_value());
      CHECK(kb.encryption->describe() == c.key_alg);
    } else {
      CHECK(kb.kind == pkcs12::BagKind::key);
    }
  }
}

TEST_CASE("pkcs12: files without a MAC, without MAC iterations, and with an empty password load") {
  require_tool("openssl");
  auto& p = pki();
  {
    auto file = p.dir.read(openssl_export("ec256", "nomac.p12", "-nomac"));
    auto a = check_p12(file, Password::utf8("pw"), "ec256");
    CHECK(a.report.mac.kind == pkcs12::MacKind::none);
    CHECK(a.report.notices.size() >= 1);
    // Without a MAC a wrong password shows up when decrypting.
    auto bad = pkcs12::open(file, Password::utf8("wrong"));
    REQUIRE(!bad.ok());
    CHECK(bad.error().alert == core::Alert::decrypt_error);
    CHECK(bad.error().reason.find("wrong password") != std::string::npos);
  }
  {
    auto file = p.dir.read(openssl_export("rsa", "nomaciter.p12", "-nomaciter"));
    auto a = check_p12(file, Password::utf8("pw"), "rsa");
    CHECK(a.report.mac.iterations == 1);
    CHECK(a.report.mac.verified);
  }
  {
    auto file = p.dir.read(openssl_export("ec256", "empty.p12", "", ""));
    // Empty and absent passwords both work: both encodings of "" are tried.
    auto a = check_p12(file, Password::utf8(""), "ec256");
    CHECK(a.report.mac.password_form.find("empty password") != std::string::npos);
    check_p12(file, Password(), "ec256");
    auto bad = pkcs12::open(file, Password::utf8("x"));
    REQUIRE(!bad.ok());
    CHECK(bad.error().reason == "wrong password (MAC verification failed)");
  }
  {
    auto file = p.dir.read(openssl_export("ec256", "legacy-empty.p12", "-legacy", ""));
    check_p12(file, Password(), "ec256");
  }
  {
    // Non-ASCII password: OpenSSL 3 converts UTF-8 to a BMPString.
    auto file = p.dir.read(openssl_export("ed25519", "utf8.p12", "-legacy", "p\xc3\xa4ss\xe2\x82\xac"));
    auto a = check_p12(file, Password::utf8("p\xc3\xa4ss\xe2\x82\xac"), "ed25519");
    CHECK(a.report.mac.password_form.find("BMPString") != std::string::npos);
  }
}

TEST_CASE("pkcs12: a wrong password is the MAC error and yields no keys") {
  require_tool("openssl");
  auto& p = pki();
  auto file = p.dir.read(openssl_export("rsa", "wrongpw.p12", ""));
  auto a = pkcs12::analyze(file, Password::utf8("not the password"));
  REQUIRE(a.error.has_value());
  CHECK(a.error->alert == core::Alert::decrypt_error);
  CHECK(a.error->reason == "wrong password (MAC verification failed)");
  CHECK(a.identities.empty());
  CHECK(a.certificates.empty());
  // The layers read before the failure are still described.
  CHECK(a.report.mac.kind == pkcs12::MacKind::pkcs12_kdf);
  CHECK(!a.report.mac.verified);
  // ... including the algorithms of the safes and bags, which need no password.
  REQUIRE(a.report.safes.size() == 2);
  REQUIRE(a.report.safes[0].encryption.has_value());
  CHECK(!a.report.safes[0].decrypted);
  REQUIRE(a.report.safes[1].bags.size() == 1);
  CHECK(a.report.safes[1].bags[0].encryption.has_value());
  CHECK(a.report.keys.empty());
  CHECK(a.report.certificates.empty());
  auto l = pkcs12::load(file, Password::utf8("nope"));
  REQUIRE(!l.ok());
  CHECK(l.error().reason == "wrong password (MAC verification failed)");
}

TEST_CASE("pkcs12: RC4 encryption is refused naming the algorithm") {
  require_tool("openssl");
  auto& p = pki();
  std::string out;
  int rc = p.dir.run("openssl pkcs12 -export -legacy -keypbe PBE-SHA1-RC4-128 -certpbe PBE-SHA1-RC4-128 "
                     "-inkey ec256.key -in ec256.pem -passout pass:pw -out rc4.p12",
                     &out);
  // The legacy provider ships with this OpenSSL; if it ever cannot make the file
  // the test fails here instead of passing vacuously.
  REQUIRE_MESSAGE(rc == 0, "openssl could not write an RC4 PKCS#12: " << out);
  auto r = pkcs12::open(p.dir.read("rc4.p12"), Password::utf8("pw"));
  REQUIRE(!r.ok());
  CHECK(r.error().reason.find("unsupported encryption pbeWithSHAAnd128BitRC4 (1.2.840.113549.1.12.1.1)") !=
        std::string::npos);
}

TEST_CASE("pkcs12: GnuTLS certtool --to-p12 output loads (RSA, EC, Ed25519; empty and null passwords)") {
  // certtool 3.7 uses 600,000 iterations for every KDF and has no option to lower
  // them, so this test keeps to one file per key type.
  require_tool("certtool");
  auto& p = pki();
  struct Case {
    const char* type;
    const char* pass_args;
    bool with_password;
  } cases[] = {
      {"rsa", "--password pw", true},
      {"ec256", "--empty-password", false},
      {"ed25519", "--null-password", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.type);
    std::string out = std::string("gnutls-") + c.type + ".p12";
    p.dir.must(std::string("certtool --to-p12 --load-privkey ") + c.type + ".key --load-certificate " + c.type +
               ".pem " + c.pass_args + " --p12-name 'gnutls " + c.type + "' --outder --outfile " + out);
    auto a = check_p12(p.dir.read(out), c.with_password ? Password::utf8("pw") : Password(), c.type, 0);
    CHECK(a.identities[0].friendly_name == std::string("gnutls ") + c.type);
    if (!c.with_password && a.report.mac.kind != pkcs12::MacKind::none)
      CHECK(a.report.mac.password_form.find("empty password") != std::string::npos);
  }
}

TEST_CASE("pkcs12: Java keytool PKCS12 keystores load (RSA, EC P-256, Ed25519, legacy format)") {
  require_tool("keytool");
  auto& p = pki();
  struct Case {
    const char* name;
    const char* args;
    bool legacy;
  } cases[] = {
      {"java-rsa", "-keyalg RSA -keysize 2048", false},
      {"java-ec", "-keyalg EC -groupname secp256r1", false},
      {"java-ed25519", "-keyalg Ed25519", false},
      {"java-legacy", "-keyalg EC -groupname secp256r1 -J-Dkeystore.pkcs12.legacy", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    p.dir.must(std::string("keytool -genkeypair -alias ") + c.name + " " + c.args + " -dname 'CN=" + c.name +
               "' -validity 30 -storetype PKCS12 -keystore " + c.name + ".p12 -storepass changeit -keypass changeit");
    auto a = check_p12(p.dir.read(std::string(c.name) + ".p12"), Password::utf8("changeit"), "", 0);
    CHECK(a.identities[0].friendly_name == c.name);
    REQUIRE(!a.report.safes.empty());
    bool any_pbes2 = false;
    for (const auto& s : a.report.safes) {
      if (s.encryption && s.encryption->scheme == pbe::Scheme::pbes2) any_pbes2 = true;
      for (const auto& b : s.bags)
        if (b.encryption && b.encryption->scheme == pbe::Scheme::pbes2) any_pbes2 = true;
    }
    CHECK(any_pbes2 == !c.legacy);
    auto bad = pkcs12::open(p.dir.read(std::string(c.name) + ".p12"), Password::utf8("wrong"));
    REQUIRE(!bad.ok());
    CHECK(bad.error().reason == "wrong password (MAC verification failed)");
  }
}

TEST_CASE("pkcs12: our modern and legacy profiles are read by openssl and by our reader") {
  require_tool("openssl");
  auto& p = pki();
  auto key = load_private_key(p.dir.read("ec256.key"));
  REQUIRE(key.ok());
  pkcs12::Entry e{&key->key, p.dir.read("ec256.der"), {p.dir.read("int.der"), p.dir.read("root.der")}, "ours"};
  for (auto profile : {pkcs12::Profile::modern, pkcs12::Profile::legacy}) {
    bool modern = profile == pkcs12::Profile::modern;
    CAPTURE(modern);
    crypto::SeededRng rng(42);
    auto opts = pkcs12::profile_options(profile, rng);
    auto file = pkcs12::write({e}, Password::utf8("pw"), opts, rng);
    REQUIRE(file.ok());
    // Deterministic under a seeded RNG.
    crypto::SeededRng rng2(42);
    auto opts2 = pkcs12::profile_options(profile, rng2);
    auto again = pkcs12::write({e}, Password::utf8("pw"), opts2, rng2);
    REQUIRE(again.ok());
    CHECK(*file == *again);

    std::string name = modern ? "ours-modern.p12" : "ours-legacy.p12";
    p.dir.write(name, *file);
    std::string info;
    int rc = p.dir.run("openssl pkcs12 " + std::string(modern ? "" : "-legacy ") + "-in " + name +
                           " -info -noout -passin pass:pw",
                       &info);
    CHECK_MESSAGE(rc == 0, info);
    if (modern) {
      CHECK(info.find("MAC: sha256") != std::string::npos);
      CHECK(info.find("PBES2, PBKDF2, AES-256-CBC") != std::string::npos);
    } else {
      CHECK(info.find("MAC: sha1") != std::string::npos);
      CHECK(info.find("pbeWithSHA1And40BitRC2-CBC") != std::string::npos);
      CHECK(info.find("pbeWithSHA1And3-KeyTripleDES-CBC") != std::string::npos);
      // OpenSSL 3 without -legacy cannot decrypt RC2: our report says so too.
      CHECK(p.dir.run("openssl pkcs12 -in " + name + " -info -noout -passin pass:pw") != 0);
    }
    // openssl extracts the same key.
    p.dir.must("openssl pkcs12 " + std::string(modern ? "" : "-legacy ") + "-in " + name +
               " -nocerts -nodes -passin pass:pw | openssl pkey -pubout -out " + name + ".pub");
    p.dir.must("openssl pkey -in ec256.key -pubout -out ec256.pub");
    CHECK(p.dir.read(name + ".pub") == p.dir.read("ec256.pub"));

    auto a = check_p12(*file, Password::utf8("pw"), "ec256");
    CHECK(a.identities[0].friendly_name == "ours");
    auto compat = pkcs12::compatibility(a.report);
    bool java8_ok = false, openssl3_ok = false;
    for (const auto& c : compat) {
      if (c.consumer.find("Java 8") != std::string::npos) java8_ok = c.ok;
      if (c.consumer.find("OpenSSL 3.0") != std::string::npos) openssl3_ok = c.ok;
    }
    CHECK(java8_ok == !modern);
    CHECK(openssl3_ok == modern);
  }
}

TEST_CASE("pkcs12: PBMAC1 files written by us verify, and a wrong password fails") {
  // OpenSSL 3.4+ writes PBMAC1 with -pbmac1_pbkdf2; the installed 3.0 cannot, so the
  // file comes from our writer (RFC 9579: PBKDF2 over the UTF-8 password, HMAC over authSafe).
  auto& p = pki();
  auto key = load_private_key(p.dir.read("rsa.key"));
  REQUIRE(key.ok());
  crypto::SeededRng rng(9);
  auto opts = pkcs12::profile_options(pkcs12::Profile::modern, rng);
  opts.mac = pkcs12::MacKind::pbmac1;
  opts.mac_hash = crypto::HashAlg::sha512;
  opts.pbmac1_prf = crypto::HashAlg::sha256;
  auto file = pkcs12::write({{&key->key, p.dir.read("rsa.der"), {p.dir.read("int.der"), p.dir.read("root.der")}, "pb"}},
                            Password::utf8("pw"), opts, rng);
  REQUIRE(file.ok());
  auto a = check_p12(*file, Password::utf8("pw"), "rsa");
  CHECK(a.report.mac.kind == pkcs12::MacKind::pbmac1);
  CHECK(a.report.mac.hash == crypto::HashAlg::sha512);
  CHECK(a.report.mac.kdf_hash == crypto::HashAlg::sha256);
  CHECK(a.report.mac.key_len == 64);
  CHECK(a.report.mac.verified);
  auto bad = pkcs12::open(*file, Password::utf8("pW"));
  REQUIRE(!bad.ok());
  CHECK(bad.error().reason == "wrong password (MAC verification failed)");
  // Cross-check the MAC with openssl's own PBKDF2 and HMAC (3.0 has both, just not PBMAC1):
  // key = PBKDF2-HMAC-SHA256("pw", salt, iterations, 64), mac = HMAC-SHA512(key, authSafe).
  der::Reader top(*file);
  auto pfx = top.sequence("PFX");
  REQUIRE(pfx.ok());
  (void)pfx->next("version");
  auto ci = pfx->sequence("authSafe");
  REQUIRE(ci.ok());
  (void)ci->oid("type");
  auto explicit0 = ci->enter(der::tag::context(0, true), "content");
  REQUIRE(explicit0.ok());
  auto auth_safe = explicit0->octet_string("octets");
  REQUIRE(auth_safe.ok());
  auto macdata = pfx->sequence("MacData");
  REQUIRE(macdata.ok());
  auto digest_info = macdata->sequence("DigestInfo");
  REQUIRE(digest_info.ok());
  (void)digest_info->next("alg");
  auto digest = digest_info->octet_string("digest");
  REQUIRE(digest.ok());
  p.dir.write("pbmac1-authsafe.bin", *auth_safe);
  std::string key_hex;
  REQUIRE(p.dir.run("openssl kdf -keylen 64 -kdfopt digest:SHA256 -kdfopt pass:pw -kdfopt hexsalt:" +
                        core::to_hex(a.report.mac.salt) + " -kdfopt iter:" + std::to_string(a.report.mac.iterations) +
                        " PBKDF2",
                    &key_hex) == 0);
  std::string compact;
  for (char ch : key_hex)
    if (std::isxdigit(static_cast<unsigned char>(ch))) compact.push_back(ch);
  std::string mac_hex;
  REQUIRE(p.dir.run("openssl mac -digest SHA512 -macopt hexkey:" + compact + " -in pbmac1-authsafe.bin HMAC",
                    &mac_hex) == 0);
  std::string expected = core::to_hex(*digest);
  for (auto& ch : expected) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(mac_hex.find(expected) != std::string::npos);

  bool openssl30_ok = true;
  for (const auto& c : pkcs12::compatibility(a.report))
    if (c.consumer.find("OpenSSL 3.0") != std::string::npos) openssl30_ok = c.ok;
  CHECK(!openssl30_ok);
}

TEST_CASE("pkcs12: BER input (indefinite lengths, constructed OCTET STRINGs) is normalised") {
  require_tool("openssl");
  auto& p = pki();
  {
    // With a MAC only the outer layers can change (the MAC covers the inner bytes).
    auto der_file = p.dir.read(openssl_export("ec256", "ber-src.p12", ""));
    auto ber = to_ber(der_file, false);
    REQUIRE(ber != der_file);
    auto a = check_p12(ber, Password::utf8("pw"), "ec256");
    CHECK(a.report.ber);
  }
  {
    // Without a MAC and encryption, every wrapper down to the bags is BER.
    auto der_file = p.dir.read(openssl_export("rsa", "ber-plain.p12", "-nomac -keypbe NONE -certpbe NONE"));
    auto ber = to_ber(der_file, true);
    auto a = check_p12(ber, Password(), "rsa");
    CHECK(a.report.ber);
  }
  {
    // Encrypted safe with constructed [0] encryptedContent, no MAC.
    auto der_file = p.dir.read(openssl_export("ec384", "ber-enc.p12", "-nomac"));
    auto ber = to_ber(der_file, true);
    auto a = check_p12(ber, Password::utf8("pw"), "ec384");
    CHECK(a.report.ber);
  }
}

TEST_CASE("pkcs12: several keys, certificate-only files and localKeyID disagreements") {
  auto& p = pki();
  auto ec = load_private_key(p.dir.read("ec256.key"));
  auto rsa = load_private_key(p.dir.read("rsa.key"));
  REQUIRE(ec.ok());
  REQUIRE(rsa.ok());
  crypto::SeededRng rng(3);
  auto opts = pkcs12::profile_options(pkcs12::Profile::modern, rng, 1000);
  {
    auto file = pkcs12::write({{&ec->key, p.dir.read("ec256.der"), {p.dir.read("int.der")}, "one"},
                               {&rsa->key, p.dir.read("rsa.der"), {p.dir.read("root.der")}, "two"}},
                              Password::utf8("pw"), opts, rng);
    REQUIRE(file.ok());
    auto a = pkcs12::open(*file, Password::utf8("pw"));
    REQUIRE(a.ok());
    REQUIRE(a->identities.size() == 2);
    CHECK(a->identities[0].certificate == p.dir.read("ec256.der"));
    CHECK(a->identities[1].certificate == p.dir.read("rsa.der"));
    // Both chains are built from every certificate in the file.
    CHECK(a->identities[0].chain.size() == 2);
    CHECK(a->identities[1].chain.size() == 2);
    CHECK(a->identities[1].friendly_name == "two");
  }
  {
    // The key's localKeyID names the RSA certificate: pairing by public key wins, with a warning.
    auto file = pkcs12::write({{&ec->key, p.dir.read("rsa.der"), {}, "odd"}, {nullptr, p.dir.read("ec256.der"), {}, ""}},
                              Password::utf8("pw"), opts, rng);
    REQUIRE(file.ok());
    auto a = pkcs12::open(*file, Password::utf8("pw"));
    REQUIRE(a.ok());
    REQUIRE(a->identities.size() == 1);
    CHECK(a->identities[0].certificate == p.dir.read("ec256.der"));
    REQUIRE(a->report.pairings.size() == 1);
    CHECK(a->report.pairings[0].matched_by == "public key");
    REQUIRE(!a->report.pairings[0].warnings.empty());
    CHECK(a->report.pairings[0].warnings[0].find("public key differs") != std::string::npos);
  }
  {
    auto file = pkcs12::write({{nullptr, p.dir.read("root.der"), {}, ""}}, Password::utf8("pw"), opts, rng);
    REQUIRE(file.ok());
    auto a = pkcs12::open(*file, Password::utf8("pw"));
    REQUIRE(a.ok());
    CHECK(a->identities.empty());
    CHECK(a->certificates.size() == 1);
    auto l = pkcs12::load(*file, Password::utf8("pw"));
    REQUIRE(!l.ok());
    CHECK(l.error().reason.find("holds no private key") != std::string::npos);
  }
}

TEST_CASE("pkcs12: hostile iteration counts and truncated files are refused with clear errors") {
  auto& p = pki();
  auto key = load_private_key(p.dir.read("ec256.key"));
  REQUIRE(key.ok());
  crypto::SeededRng rng(5);
  auto opts = pkcs12::profile_options(pkcs12::Profile::modern, rng);
  auto file = pkcs12::write({{&key->key, p.dir.read("ec256.der"), {}, ""}}, Password::utf8("pw"), opts, rng);
  REQUIRE(file.ok());
  // Rebuild the PFX with a MAC iteration count of 20 million.
  der::Reader top(*file);
  auto pfx = top.sequence("PFX");
  REQUIRE(pfx.ok());
  auto version = pfx->next("version");
  auto auth = pfx->next("authSafe");
  auto mac = pfx->sequence("MacData");
  REQUIRE(mac.ok());
  auto digest_info = mac->next("mac");
  auto salt = mac->next("salt");
  REQUIRE(salt.ok());
  der::Writer w;
  w.sequence([&] {
    w.raw(version->whole);
    w.raw(auth->whole);
    w.sequence([&] {
      w.raw(digest_info->whole);
      w.raw(salt->whole);
      w.small_integer(20'000'000);
    });
  });
  auto hostile = w.take();
  auto r = pkcs12::open(hostile, Password::utf8("pw"));
  REQUIRE(!r.ok());
  CHECK(r.error().reason.find("iteration count 20000000 exceeds the limit of 10000000") != std::string::npos);

  // PBKDF2 iteration counts are bounded the same way.
  auto alg = pbe::pbes2(crypto::HashAlg::sha256, crypto::CbcCipher::aes128, 2048, rng);
  alg.iterations = 50'000'000;
  auto parsed = pbe::parse_algorithm(pbe::encode_algorithm(alg));
  REQUIRE(!parsed.ok());
  CHECK(parsed.error().reason.find("exceeds the limit") != std::string::npos);

  // Truncation names the offset.
  REQUIRE(file->size() > 400);
  core::Bytes cut(file->begin(), file->end() - 100);
  auto t = pkcs12::open(cut, Password::utf8("pw"));
  REQUIRE(!t.ok());
  CAPTURE(t.error().reason);
  CHECK(t.error().reason.find("truncated") != std::string::npos);
  CHECK(t.error().reason.find("offset") != std::string::npos);
  // Random garbage.
  auto g = pkcs12::open(core::hex("0102030405"), Password::utf8("pw"));
  REQUIRE(!g.ok());
}

TEST_CASE("pkcs12: the report renders every layer for the doctor") {
  require_tool("openssl");
  auto& p = pki();
  auto file = p.dir.read(openssl_export("ec256", "render.p12", "-legacy"));
  auto a = pkcs12::analyze(file, Password::utf8("pw"));
  REQUIRE(!a.error);
  std::string text = pkcs12::render(a.report);
  CAPTURE(text);
  CHECK(text.find("MAC: HMAC-SHA-1, key from the PKCS#12 KDF, 2048 iterations, 8-byte salt -- verified") !=
        std::string::npos);
  CHECK(text.find("encryptedData (1.2.840.113549.1.7.6), pbeWithSHAAnd40BitRC2-CBC (2048 iterations) "
                  "(1.2.840.113549.1.12.1.6) -- decrypted") != std::string::npos);
  CHECK(text.find("pkcs8ShroudedKeyBag (1.2.840.113549.1.12.10.1.2)") != std::string::npos);
  CHECK(text.find("friendlyName (1.2.840.113549.1.9.20): friendly ec256") != std::string::npos);
  CHECK(text.find("localKeyID (1.2.840.113549.1.9.21): ") != std::string::npos);
  // OpenSSL 3 refuses the RC2-40 certificates, not the 3DES key.
  CHECK(text.find("OpenSSL 3 (default provider, no -legacy): REFUSES this file") != std::string::npos);
  CHECK(text.find("refused: safe #1 is encrypted with pbeWithSHAAnd40BitRC2-CBC") != std::string::npos);
  CHECK(text.find("refused: safe #2") == std::string::npos);
  CHECK(text.find("matched by localKeyID and public key") != std::string::npos);
  CHECK(text.find("chain: CN=leaf ec256 -> CN=Keys Test Intermediate -> CN=Keys Test Root (complete") !=
        std::string::npos);
  CHECK(text.find("[no]  OpenSSL 3.0-3.3 (default provider): RC2 needs the legacy provider") != std::string::npos);
  CHECK(text.find("[yes] Java 8 before 8u301") != std::string::npos);
}
