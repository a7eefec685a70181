// The per-thread list of recently parsed certificates: exact-bytes hits only,
// oldest replaced first, size limit, one list per thread.
#include <thread>

#include "x509/recent_certificates.hpp"
#include "x509_test_util.hpp"

using namespace xt;
using glass::x509::ParsedCertificate;

namespace {

std::shared_ptr<const ParsedCertificate> parsed(const Bytes& der) {
  auto c = glass::x509::Certificate::parse_owned(der);
  REQUIRE(c.ok());
  auto pk = c->public_key();
  REQUIRE(pk.ok());
  return std::make_shared<const ParsedCertificate>(ParsedCertificate{*c, *pk->key});
}

}  // namespace

TEST_CASE("x509: recent certificates are found by their exact bytes only") {
  glass::x509::forget_recent_certificates();
  Node root = make("CN=Recent Root", ec(0), nullptr, Kind::ca);
  Node leaf = make("CN=recent.example", ec(1), &root, Kind::leaf);
  CHECK(glass::x509::recall_certificate(leaf.der) == nullptr);
  glass::x509::remember_certificate(parsed(leaf.der));
  auto hit = glass::x509::recall_certificate(leaf.der);
  REQUIRE(hit != nullptr);
  CHECK(hit->cert.subject().to_string() == "CN=recent.example");
  CHECK(hit->key.type() == glass::crypto::KeyType::ecdsa_p256);
  // The kept certificate owns its bytes: it does not point into the caller's buffer.
  CHECK(hit->cert.der().data() != leaf.der.data());

  Bytes changed = leaf.der;
  changed.back() ^= 1;  // last signature byte
  CHECK(glass::x509::recall_certificate(changed) == nullptr);
  Bytes shorter(leaf.der.begin(), leaf.der.end() - 1);
  CHECK(glass::x509::recall_certificate(shorter) == nullptr);
  CHECK(glass::x509::recall_certificate(Bytes{}) == nullptr);

  // Another thread has its own (empty) list.
  bool other_thread_hit = true;
  std::thread([&] { other_thread_hit = glass::x509::recall_certificate(leaf.der) != nullptr; }).join();
  CHECK_FALSE(other_thread_hit);
  glass::x509::forget_recent_certificates();
  CHECK(glass::x509::recall_certificate(leaf.der) == nullptr);
}

TEST_CASE("x509: recent certificates keep the last eight, oldest replaced first") {
  glass::x509::forget_recent_certificates();
  Node root = make("CN=Recent Root", ec(0), nullptr, Kind::ca);
  std::vector<Node> leaves;
  for (int i = 0; i < 9; ++i)
    leaves.push_back(make("CN=leaf" + std::to_string(i) + ".example", ec(1), &root, Kind::leaf));
  for (auto& l : leaves) glass::x509::remember_certificate(parsed(l.der));
  CHECK(glass::x509::recall_certificate(leaves[0].der) == nullptr);  // the ninth replaced it
  for (int i = 1; i < 9; ++i) CHECK(glass::x509::recall_certificate(leaves[i].der) != nullptr);
  glass::x509::forget_recent_certificates();
}

TEST_CASE("x509: certificates above 4 KiB are not kept") {
  glass::x509::forget_recent_certificates();
  Node root = make("CN=Recent Root", ec(0), nullptr, Kind::ca);
  // 250 DNS names push the certificate over the limit.
  Node big = make("CN=big.example", ec(1), &root, Kind::leaf, [](glass::x509::CertificateTemplate& t) {
    for (int i = 0; i < 250; ++i)
      t.subject_alt_names.push_back(glass::x509::dns("host-" + std::to_string(i) + ".example.com"));
  });
  REQUIRE(big.der.size() > glass::x509::recent_certificate_max_bytes);
  glass::x509::remember_certificate(parsed(big.der));
  CHECK(glass::x509::recall_certificate(big.der) == nullptr);
}
