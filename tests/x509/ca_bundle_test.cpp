// x509::load_ca_bundle: a certificate that does not parse is left out and named,
// the rest of the bundle stays usable.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pki_fixture.hpp"
#include "x509/certificate_file.hpp"
#include "x509/pem.hpp"

namespace x5 = glass::x509;

TEST_CASE("CA bundle: an unparsable certificate is left out and named, the others load") {
  auto& p = glass::testing::pki();
  glass::core::Bytes broken = p.dir.read("int.der");
  broken.resize(broken.size() / 2);  // a certificate cut in the middle
  std::string pem = x5::pem::encode("CERTIFICATE", p.dir.read("int.der")) +
                    x5::pem::encode("CERTIFICATE", broken) +
                    x5::pem::encode("CERTIFICATE", p.dir.read("ec256.der"));
  p.dir.write("bundle.pem", glass::core::Bytes(pem.begin(), pem.end()));
  std::vector<std::string> skipped;
  auto loaded = x5::load_ca_bundle(p.dir.path("bundle.pem"), skipped);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->size() == 2);
  CHECK((*loaded)[0] == p.dir.read("int.der"));
  CHECK((*loaded)[1] == p.dir.read("ec256.der"));
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].rfind("certificate 2 (PEM line ", 0) == 0);

  // Nothing usable at all is an error that names the file and the first problem.
  std::string only_broken = x5::pem::encode("CERTIFICATE", broken);
  p.dir.write("broken.pem", glass::core::Bytes(only_broken.begin(), only_broken.end()));
  std::vector<std::string> none;
  auto bad = x5::load_ca_bundle(p.dir.path("broken.pem"), none);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().reason.find("broken.pem: certificate 1 (PEM line 1)") != std::string::npos);

  std::vector<std::string> missing;
  CHECK_FALSE(x5::load_ca_bundle(p.dir.path("no-such.pem"), missing).ok());
}
