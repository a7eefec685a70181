// Chains built to burn CPU are refused by the limits in x509/limits.hpp, each
// within 50 ms of CPU (measured around validate_path only; under sanitizers
// the bound asserted is looser, the figure is always printed).
#include <doctest/doctest.h>

#include <ctime>

#include "x509_test_util.hpp"

using namespace xt;
using glass::core::Alert;
using glass::x509::CertificateTemplate;
using glass::x509::ValidationOptions;
namespace x509 = glass::x509;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr double kBoundMs = 500;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kBoundMs = 500;
#else
constexpr double kBoundMs = 50;
#endif
#else
constexpr double kBoundMs = 50;
#endif

struct Timed {
  core::Result<x509::ValidatedPath> result;
  double cpu_ms;
};

Timed run(const x509::Certificate& leaf, const std::vector<x509::Certificate>& bag,
          const std::vector<x509::Certificate>& anchors, ValidationOptions o) {
  o.time = kNow;
  std::clock_t start = std::clock();
  auto r = x509::validate_path(leaf, bag, anchors, o);
  double ms = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  return {std::move(r), ms};
}

// Same-named issuer candidates that claim the real issuer's key identifier.
std::vector<x509::Certificate> candidates(const Node& root, std::size_t n, const Bytes& claimed_id,
                                          const std::function<void(CertificateTemplate&)>& key) {
  std::vector<x509::Certificate> out;
  for (std::size_t i = 0; i < n; ++i) {
    Node c = make("CN=Attack CA", ec(1), &root, Kind::ca, [&](CertificateTemplate& t) {
      key(t);
      t.serial = {0x20, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
      forge_ski(t, claimed_id);
    });
    auto parsed = x509::Certificate::parse_owned(c.der);
    REQUIRE(parsed.ok());
    out.push_back(*parsed);
  }
  return out;
}

}  // namespace

TEST_CASE("x509 budgets: 30 RSA-8192 issuer candidates with 8192-bit exponents") {
  Node root = make("CN=Attack Root", ec(0), nullptr, Kind::ca);
  Node real = make("CN=Attack CA", ec(39), &root, Kind::ca);
  Node leaf_node = make("CN=leaf.example.com", ec(2), &real, Kind::leaf);
  auto real_id = x509::key_identifier(ec(39).public_key());
  REQUIRE(real_id.ok());
  Bytes spki = rsa_spki(odd_number(8192, 3), odd_number(8192, 4));
  auto bag = candidates(root, 30, *real_id, [&](CertificateTemplate& t) {
    t.subject_key = nullptr;
    t.raw_spki = spki;
  });
  auto leaf = parse(leaf_node.der);
  std::vector<x509::Certificate> anchors = {parse(root.der)};
  // Default limits: more certificates than one chain may hold.
  auto d = run(leaf, bag, anchors, {});
  REQUIRE_FALSE(d.result.ok());
  CHECK(contains(d.result.error().reason, "31 certificates, more than the limit of 16"));
  // With room for them, each is refused on its key before any arithmetic.
  ValidationOptions o;
  o.limits.max_certificates = 64;
  auto t = run(leaf, bag, anchors, o);
  MESSAGE("30 RSA-8192/e-8192 candidates: " << t.cpu_ms << " ms CPU");
  REQUIRE_FALSE(t.result.ok());
  INFO(t.result.error().reason);
  CHECK(contains(t.result.error().reason, "the public key of CN=Attack CA is an RSA key whose "
                                          "public exponent (8192 bits)"));
  CHECK(t.cpu_ms < kBoundMs);
  // The real issuer among them is still found.
  bag.push_back(parse(real.der));
  CHECK(run(leaf, bag, anchors, o).result.ok());
}

TEST_CASE("x509 budgets: 250 same-named P-384 candidates spend at most 16 verifications") {
  Node root = make("CN=Attack Root", ec(0), nullptr, Kind::ca);
  Node real = make("CN=Attack CA", ec(39), &root, Kind::ca);
  Node leaf_node = make("CN=leaf.example.com", ec(2), &real, Kind::leaf);
  auto real_id = x509::key_identifier(ec(39).public_key());
  REQUIRE(real_id.ok());
  const auto& p384 = key(glass::crypto::KeyType::ecdsa_p384);
  auto bag = candidates(root, 250, *real_id,
                        [&](CertificateTemplate& t) { t.subject_key = &p384.public_key(); });
  auto leaf = parse(leaf_node.der);
  std::vector<x509::Certificate> anchors = {parse(root.der)};
  auto d = run(leaf, bag, anchors, {});
  REQUIRE_FALSE(d.result.ok());
  CHECK(contains(d.result.error().reason, "251 certificates, more than the limit of 16 (max_certificates)"));
  CHECK(d.cpu_ms < kBoundMs);
  ValidationOptions o;
  o.limits.max_certificates = 1000;
  o.limits.max_chain_bytes = 1 << 20;
  auto t = run(leaf, bag, anchors, o);
  MESSAGE("250 P-384 candidates: " << t.cpu_ms << " ms CPU");
  REQUIRE_FALSE(t.result.ok());
  INFO(t.result.error().reason);
  CHECK(contains(t.result.error().reason,
                 "the budget of 16 signature verifications per validation (max_signature_checks)"));
  CHECK(t.cpu_ms < kBoundMs);
  // Candidates whose key identifier differs cost nothing at all.
  auto other = candidates(root, 250, Bytes(20, 0x77),
                          [&](CertificateTemplate& t) { t.subject_key = &p384.public_key(); });
  auto u = run(leaf, other, anchors, o);
  REQUIRE_FALSE(u.result.ok());
  CHECK(u.result.error().alert == Alert::unknown_ca);
  // Duplicates are dropped: 250 copies of the real issuer are one candidate.
  std::vector<x509::Certificate> copies(250, parse(real.der));
  CHECK(run(leaf, copies, anchors, o).result.ok());
}

TEST_CASE("x509 budgets: 2048 permitted x 2048 excluded constraints against 1024 SANs") {
  std::vector<x509::NameEntry> permitted, excluded, sans;
  for (int i = 0; i < 2048; ++i) {
    permitted.push_back(x509::dns("p" + std::to_string(i) + ".example.com"));
    excluded.push_back(x509::dns("x" + std::to_string(i) + ".example.com"));
  }
  // Every SAN is inside the last permitted subtree: each costs all 4096 comparisons.
  for (int i = 0; i < 1024; ++i)
    sans.push_back(x509::dns("s" + std::to_string(i) + ".p2047.example.com"));
  Node root = make("CN=Constrained Root", ec(0), nullptr, Kind::ca, [&](CertificateTemplate& t) {
    t.permitted = permitted;
    t.excluded = excluded;
  });
  Node leaf_node = make("CN=s0.p2047.example.com", ec(2), &root, Kind::leaf,
                        [&](CertificateTemplate& t) { t.subject_alt_names = sans; });
  auto leaf = parse(leaf_node.der);
  std::vector<x509::Certificate> anchors = {parse(root.der)};
  auto t = run(leaf, {}, anchors, {});
  MESSAGE("2048 x 2048 constraints against 1024 SANs: " << t.cpu_ms << " ms CPU");
  REQUIRE_FALSE(t.result.ok());
  INFO(t.result.error().reason);
  CHECK(contains(t.result.error().reason,
                 "name-constraint checking exceeded its budget of 65536 comparisons"));
  CHECK(t.cpu_ms < kBoundMs);
  // A tenth of the SANs fits the budget and passes.
  sans.resize(8);
  Node small = make("CN=s0.p2047.example.com", ec(2), &root, Kind::leaf,
                    [&](CertificateTemplate& t) { t.subject_alt_names = sans; });
  CHECK(run(parse(small.der), {}, anchors, {}).result.ok());
}

TEST_CASE("x509 budgets: chain length and total bytes have limits") {
  Node root = make("CN=Root", ec(0), nullptr, Kind::ca);
  Node inter = make("CN=CA", ec(1), &root, Kind::ca);
  Node leaf_node = make("CN=leaf.example.com", ec(2), &inter, Kind::leaf);
  ValidationOptions o;
  o.limits.max_chain_bytes = 600;
  CHECK_REFUSED(verify(leaf_node, {&inter}, {&root}, o), Alert::bad_certificate,
                "more than the limit of 600 (max_chain_bytes)");
  o.limits.max_chain_bytes = 128 * 1024;
  o.limits.max_certificates = 1;
  CHECK_REFUSED(verify(leaf_node, {&inter}, {&root}, o), Alert::bad_certificate,
                "the chain holds 2 certificates, more than the limit of 1 (max_certificates)");
  o.limits.max_certificates = 2;
  CHECK(verify(leaf_node, {&inter}, {&root}, o).ok());
}
