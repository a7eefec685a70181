// Revocation in the handshake: the server checks the client's chain against its
// CRLs after path validation (and the client the server's), refusing a revoked
// certificate with certificate_revoked and an uncovered one with certificate_unknown.
#include <doctest/doctest.h>

#include "engine_harness.hpp"
#include "handshake/types.hpp"
#include "x509/certificate.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/crl_writer.hpp"
#include "x509/revocation.hpp"

using namespace glass;
using core::Alert;
using handshake::Connection;
using handshake::ProtocolVersion;

namespace {

const x509::TestPki& rpki() {
  static x509::TestPki p = test::make_pki(crypto::KeyType::ecdsa_p256, 700);
  return p;
}

// A CRL of the test CA revoking the given certificates (DER).
x509::Crl crl_revoking(const std::vector<const core::Bytes*>& revoked) {
  auto ca = x509::Certificate::parse(rpki().ca.der);
  REQUIRE(ca.ok());
  x509::CrlTemplate t;
  t.issuer_der = core::to_bytes(ca->subject().der());
  t.this_update = test::kNow - 3600;
  t.next_update = test::kNow + 86400;
  t.crl_number = core::Bytes{0x01};
  for (const auto* der : revoked) {
    auto c = x509::Certificate::parse(*der);
    REQUIRE(c.ok());
    x509::der::Reader sr(c->fields().serial);
    auto mag = sr.unsigned_integer("serial");
    REQUIRE(mag.ok());
    x509::CrlEntryTemplate e;
    e.serial = core::to_bytes(*mag);
    e.revocation_date = test::kNow - 600;
    e.reason = x509::RevocationReason::key_compromise;
    t.entries.push_back(e);
  }
  crypto::SeededRng rng(70);
  auto der = x509::build_crl(t, *rpki().ca.key, x509::default_algorithm(*rpki().ca.key), rng);
  REQUIRE(der.ok());
  auto crl = x509::Crl::parse_owned(*der);
  REQUIRE(crl.ok());
  return *crl;
}

std::shared_ptr<const std::vector<x509::Crl>> crls_of(x509::Crl crl) {
  return std::make_shared<const std::vector<x509::Crl>>(std::vector<x509::Crl>{std::move(crl)});
}

test::Pair run(const handshake::Config& c, const handshake::Config& s) {
  return test::handshake_and_data(c, s);
}

}  // namespace

TEST_CASE("handshake: the server refuses a revoked client certificate with certificate_revoked") {
  for (auto v : {ProtocolVersion::tls13, ProtocolVersion::tls12}) {
    CAPTURE(static_cast<int>(v));
    crypto::SeededRng crng(71), srng(72);
    auto cfg = test::mtls_configs(rpki(), crng, srng);
    cfg.client.min_version = cfg.client.max_version = v;
    cfg.server.crls = crls_of(crl_revoking({&rpki().client.der}));
    cfg.server.crl_check = x509::CrlCheck::leaf;
    auto r = run(cfg.client, cfg.server);
    REQUIRE(r.server.error());
    CHECK(r.server.error()->alert == Alert::certificate_revoked);
    CHECK(r.server.error()->reason.find("is revoked (keyCompromise) since") != std::string::npos);
    REQUIRE(r.client.error());
    CHECK(r.client.error_from_peer());
    CHECK(r.client.error()->alert == Alert::certificate_revoked);
  }
}

TEST_CASE("handshake: a CRL that does not list the client lets it in; no CRL at all does not") {
  crypto::SeededRng crng(73), srng(74);
  auto cfg = test::mtls_configs(rpki(), crng, srng);
  cfg.server.crls = crls_of(crl_revoking({&rpki().server.der}));
  cfg.server.crl_check = x509::CrlCheck::chain;
  auto ok = run(cfg.client, cfg.server);
  CHECK_FALSE(ok.server.error());
  CHECK(ok.server.is_handshake_done());
  CHECK(ok.server.info().peer_verified);

  crypto::SeededRng crng2(75), srng2(76);
  auto cfg2 = test::mtls_configs(rpki(), crng2, srng2);
  cfg2.server.crl_check = x509::CrlCheck::leaf;
  auto missing = run(cfg2.client, cfg2.server);
  REQUIRE(missing.server.error());
  CHECK(missing.server.error()->alert == Alert::certificate_unknown);
  CHECK(missing.server.error()->reason.find("no CRL from CN=glasstls Test CA covers this "
                                            "certificate") != std::string::npos);
}

TEST_CASE("handshake: the client refuses a revoked server certificate") {
  crypto::SeededRng crng(77), srng(78);
  auto cfg = test::mtls_configs(rpki(), crng, srng);
  cfg.client.crls = crls_of(crl_revoking({&rpki().server.der}));
  cfg.client.crl_check = x509::CrlCheck::leaf;
  auto r = run(cfg.client, cfg.server);
  REQUIRE(r.client.error());
  CHECK_FALSE(r.client.error_from_peer());
  CHECK(r.client.error()->alert == Alert::certificate_revoked);
  CHECK(r.client.error()->reason.find("leaf CN=localhost is revoked") != std::string::npos);
}
