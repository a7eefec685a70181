// x509::TrustAnchors: parsed once when made, shared by copies, hash independent of order.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/writer.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "x509/pki.hpp"
#include "x509/trust_anchors.hpp"

using namespace glass;

namespace {

x509::TestPki pki_named(const std::string& ca_name, crypto::Rng& rng) {
  x509::PkiOptions o;
  o.now = 1767225600;
  o.ca_name = ca_name;
  return *x509::make_test_pki(o, rng);
}

// The ticket's anchor-set hash as written before the set existed, kept here so a
// change of the algorithm (which would void every issued ticket) fails this test.
core::Bytes reference_set_hash(std::vector<core::Bytes> anchors) {
  std::sort(anchors.begin(), anchors.end());
  crypto::Hash h(crypto::HashAlg::sha256);
  h.update(core::as_bytes("trust anchors"));
  for (const auto& a : anchors) {
    core::Writer w;
    w.u24(static_cast<std::uint32_t>(a.size()));
    h.update(w.buffer());
    h.update(a);
  }
  return h.digest();
}

struct Sets {
  crypto::SystemRng rng;
  x509::TestPki a = pki_named("CN=Anchor A,O=glasstls", rng);
  x509::TestPki b = pki_named("CN=Anchor B,O=glasstls", rng);
};

}  // namespace

TEST_CASE("trust anchors: parsed once, names in order, an unparsable one only in der()") {
  Sets s;
  core::Bytes junk = {0x30, 0x03, 0x02, 0x01, 0x05};
  x509::TrustAnchors t = {s.a.ca.der, junk, s.b.ca.der};
  REQUIRE(t.size() == 3);
  CHECK(t.der()[1] == junk);
  REQUIRE(t.certificates().size() == 2);
  // Views into the stored DER, not into the caller's copies.
  CHECK(t.certificates()[0].der().data() == t.der()[0].data());
  CHECK(t.certificates()[1].der().data() == t.der()[2].data());
  REQUIRE(t.subject_names().size() == 2);
  CHECK(t.subject_names()[0] == core::to_bytes(t.certificates()[0].subject().der()));
  CHECK(t.certificates()[0].subject().short_form() == "CN=Anchor A");
  CHECK(t.certificates()[1].subject().short_form() == "CN=Anchor B");
}

TEST_CASE("trust anchors: the set hash is the ticket's, in any order") {
  Sets s;
  x509::TrustAnchors ab = {s.a.ca.der, s.b.ca.der};
  x509::TrustAnchors ba = std::vector<core::Bytes>{s.b.ca.der, s.a.ca.der};
  CHECK(ab.set_hash() == reference_set_hash({s.a.ca.der, s.b.ca.der}));
  CHECK(ab.set_hash() == ba.set_hash());
  CHECK(ab.set_hash() == x509::anchor_set_hash(ba.der()));
  x509::TrustAnchors only_a = {s.a.ca.der};
  CHECK(only_a.set_hash() != ab.set_hash());
  x509::TrustAnchors none;
  CHECK(none.empty());
  CHECK(none.certificates().empty());
  CHECK(none.set_hash() == reference_set_hash({}));
}

TEST_CASE("trust anchors: copies share the parse; push_back leaves other copies alone") {
  Sets s;
  x509::TrustAnchors first = {s.a.ca.der};
  x509::TrustAnchors copy = first;
  CHECK(copy.certificates().data() == first.certificates().data());
  CHECK(copy.der().data() == first.der().data());
  auto hash_before = first.set_hash();

  copy.push_back(s.b.ca.der);
  CHECK(first.size() == 1);
  CHECK(first.certificates().size() == 1);
  CHECK(first.set_hash() == hash_before);
  REQUIRE(copy.size() == 2);
  CHECK(copy.subject_names().size() == 2);
  CHECK(copy.set_hash() == reference_set_hash({s.a.ca.der, s.b.ca.der}));
  CHECK(copy.certificates()[1].der().data() == copy.der()[1].data());

  x509::TrustAnchors more = first;
  more.append({s.b.ca.der, s.b.ca.der});
  CHECK(more.size() == 3);
  CHECK(first.size() == 1);
  std::size_t n = 0;
  for (const auto& d : more) n += d == s.b.ca.der;
  CHECK(n == 2);
}
