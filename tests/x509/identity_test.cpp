// x509::load_identity: the one loader of a .p12 or a chain file + key file.
#include <doctest/doctest.h>

#include <cerrno>
#include <string>

#include "crypto/random.hpp"
#include "pki_fixture.hpp"
#include "x509/identity.hpp"
#include "x509/pkcs12_writer.hpp"
#include "x509/private_key.hpp"

// No using-directives: test_x509 is a unity build and they would leak into other files.
namespace x5 = glass::x509;

namespace {

// A password source that counts how often it was asked.
struct CountingPassword {
  std::string text;
  int asked = 0;
  x5::PasswordSource source() {
    return [this](const std::string&) -> glass::core::Result<x5::pbe::Password> {
      ++asked;
      return x5::pbe::Password::utf8(text);
    };
  }
};

std::string identity_p12(const std::string& name) {
  auto& p = glass::testing::pki();
  auto key = x5::load_private_key(p.dir.read("ec256.key"));
  REQUIRE(key.ok());
  x5::pkcs12::Entry e{&key->key, p.dir.read("ec256.der"), {p.dir.read("int.der")}, "id"};
  glass::crypto::SeededRng rng(7);
  auto file = x5::pkcs12::write({e}, x5::pbe::Password::utf8("right"),
                            x5::pkcs12::profile_options(x5::pkcs12::Profile::modern, rng), rng);
  REQUIRE(file.ok());
  p.dir.write(name, *file);
  return p.dir.path(name);
}

}  // namespace

TEST_CASE("identity: a .p12 loads with its password, asked once; a wrong one names the file") {
  auto& p = glass::testing::pki();
  std::string file = identity_p12("identity.p12");
  CountingPassword right{"right"};
  auto id = x5::load_identity({file, "", ""}, right.source());
  REQUIRE(id.ok());
  CHECK(right.asked == 1);
  REQUIRE(id->chain.size() == 2);
  CHECK(id->chain[0] == p.dir.read("ec256.der"));
  CHECK(id->chain[1] == p.dir.read("int.der"));
  CHECK(id->label == file);
  REQUIRE(id->key);

  CountingPassword wrong{"wrong"};
  auto bad = x5::load_identity({file, "", ""}, wrong.source());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().reason.find(file + ": ") == 0);
  CHECK(bad.error().reason.find("password") != std::string::npos);
}

TEST_CASE("identity: chain and key files pair up; a foreign key is refused unless allowed") {
  auto& p = glass::testing::pki();
  auto id = x5::load_identity({"", p.dir.path("ec256.pem"), p.dir.path("ec256.key")}, nullptr);
  REQUIRE(id.ok());
  CHECK(id->chain.size() == 1);
  CHECK(id->label == p.dir.path("ec256.pem"));

  auto foreign = x5::load_identity({"", p.dir.path("ec256.pem"), p.dir.path("ec384.key")}, nullptr);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.error().reason == p.dir.path("ec384.key") +
                                      " is not the key of the first certificate in " +
                                      p.dir.path("ec256.pem"));
  auto kept = x5::load_identity({"", p.dir.path("ec256.pem"), p.dir.path("ec384.key")}, nullptr, false);
  CHECK(kept.ok());
}

TEST_CASE("identity: a missing file is named with the system's reason and errno") {
  CountingPassword pw{"x"};
  auto id = x5::load_identity({"/nonexistent/id.p12", "", ""}, pw.source());
  REQUIRE_FALSE(id.ok());
  CHECK(id.error().reason == "cannot open /nonexistent/id.p12: No such file or directory");
  CHECK(pw.asked == 0);  // the file is read before the password is asked for
  int err = 0;
  CHECK_FALSE(x5::read_file("/nonexistent/x.pem", &err).ok());
  CHECK(err == ENOENT);
  CHECK_FALSE(x5::load_identity({"", "only-a-chain.pem", ""}, nullptr).ok());
}
