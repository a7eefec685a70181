#pragma once
// The `openssl ca` PKI of the revocation tests (tests/revocation/openssl_ca.sh),
// made once per test process, and a loader for its CRL files.
#include "x509/certificate_file.hpp"
#include "x509/crl.hpp"
#include "x509_test_util.hpp"

namespace xt {

inline const TempDir& openssl_ca() {
  static TempDir dir;
  static bool made = false;
  if (!made) {
    must("bash " GLASS_SOURCE_DIR "/tests/revocation/openssl_ca.sh " + dir.path.string());
    made = true;
  }
  return dir;
}

inline x509::Crl load_one_crl(const std::string& path) {
  auto crls = x509::load_crl_file(path);
  REQUIRE_MESSAGE(crls.ok(), (crls.ok() ? "" : crls.error().reason));
  REQUIRE(crls->size() == 1);
  return (*crls)[0];
}

inline x509::Certificate load_one_cert(const std::string& path) {
  auto c = x509::load_certificate_file(path);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().reason));
  return (*c)[0];
}

}  // namespace xt
