// check_client_identity: each way a client identity can be unusable is found,
// named with a reason, and turns the verdict to NOT usable; a sound identity is
// usable. Certificates from our builder (x509_test_util.hpp).
#include <doctest/doctest.h>

#include "x509/client_identity_check.hpp"
#include "x509_test_util.hpp"

using namespace xt;
using glass::x509::IdentityCheck;
using glass::x509::IdentityCheckInput;
using glass::x509::IdentityReport;
using S = glass::crypto::SignatureScheme;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const IdentityCheck& check_named(const IdentityReport& r, const std::string& name) {
  for (auto& c : r.checks)
    if (c.name == name) return c;
  FAIL("no check named " << name);
  return r.checks.front();
}

struct Pki {
  Node root = make("CN=Client Root,O=Glass Test", ec(10), nullptr, Kind::ca);
  Node inter = make("CN=Client Issuing CA,O=Glass Test", ec(11), &root, Kind::ca);
  Node leaf = make("CN=client one,O=Glass Test", ec(12), &inter, Kind::leaf);
};

IdentityCheckInput input(const Node& leaf, std::vector<Bytes> rest, const crypto::SigningKey& k) {
  IdentityCheckInput in;
  in.chain = {leaf.der};
  for (auto& r : rest) in.chain.push_back(r);
  in.key = &k;
  in.our_schemes = {S::ecdsa_secp256r1_sha256, S::ed25519, S::rsa_pss_rsae_sha256};
  in.now = kNow;
  return in;
}

}  // namespace

TEST_CASE("client identity: a sound identity with its CA is usable") {
  Pki p;
  auto in = input(p.leaf, {p.inter.der}, *p.leaf.key);
  in.client_cas = {p.root.der};
  auto r = glass::x509::check_client_identity(in);
  INFO(glass::x509::render_identity_report(r));
  CHECK(r.usable);
  CHECK(r.first_failure() == nullptr);
  CHECK(check_named(r, "path").status == IdentityCheck::Status::ok);
  CHECK(check_named(r, "CA key").status == IdentityCheck::Status::ok);
  CHECK(has(r.verdict, "usable"));
  CHECK_FALSE(has(r.verdict, "NOT"));

  // Trusting the issuing CA itself: the path ends there, the root sent or not.
  auto at_inter = input(p.leaf, {p.inter.der, p.root.der}, *p.leaf.key);
  at_inter.client_cas = {p.inter.der};
  auto ri = glass::x509::check_client_identity(at_inter);
  CHECK(check_named(ri, "CA key").status == IdentityCheck::Status::ok);
  CHECK(has(check_named(ri, "CA key").reason, "signed by the key of the given CA CN=Client Issuing CA"));
}

TEST_CASE("client identity: key mismatch") {
  Pki p;
  auto r = glass::x509::check_client_identity(input(p.leaf, {p.inter.der}, ec(13)));
  CHECK_FALSE(r.usable);
  CHECK(check_named(r, "key").status == IdentityCheck::Status::fail);
  CHECK(has(r.verdict, "decrypt_error"));
}

TEST_CASE("client identity: expired leaf and expired intermediate") {
  Pki p;
  Node old = make("CN=old client", ec(12), &p.inter, Kind::leaf,
                  [](auto& t) { t.not_after = kNow - 86400; });
  auto r = glass::x509::check_client_identity(input(old, {p.inter.der}, ec(12)));
  CHECK(check_named(r, "validity").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r, "validity").reason, "the leaf expired"));
  CHECK(has(r.verdict, "certificate_expired"));

  Node old_int = make("CN=Client Issuing CA,O=Glass Test", ec(11), &p.root, Kind::ca,
                      [](auto& t) { t.not_after = kNow - 60; });
  auto r2 = glass::x509::check_client_identity(input(p.leaf, {old_int.der}, *p.leaf.key));
  CHECK(check_named(r2, "validity").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r2, "validity").reason, "intermediate CN=Client Issuing CA"));
}

TEST_CASE("client identity: keyUsage without digitalSignature, extKeyUsage without clientAuth") {
  Pki p;
  Node no_ds = make("CN=no ds", ec(12), &p.inter, Kind::leaf,
                    [](auto& t) { t.key_usage = glass::x509::key_usage::key_encipherment; });
  auto r = glass::x509::check_client_identity(input(no_ds, {p.inter.der}, ec(12)));
  CHECK(check_named(r, "key usage").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r, "key usage").reason, "lacks digitalSignature"));

  Node server_only = make("CN=server only", ec(12), &p.inter, Kind::leaf, [](auto& t) {
    t.ext_key_usage = {std::string(glass::x509::oid::kp_server_auth)};
  });
  auto r2 = glass::x509::check_client_identity(input(server_only, {p.inter.der}, ec(12)));
  CHECK_FALSE(r2.usable);
  CHECK(has(check_named(r2, "key usage").reason, "the leaf's extendedKeyUsage lists serverAuth but not clientAuth"));
  CHECK(has(r2.verdict, "clientAuth"));
}

TEST_CASE("client identity: missing intermediate is found once the CA is known") {
  Pki p;
  // Without CA information the gap cannot be told from a root the server holds.
  auto blind = glass::x509::check_client_identity(input(p.leaf, {}, *p.leaf.key));
  CHECK(check_named(blind, "chain").status == IdentityCheck::Status::unknown);
  CHECK(blind.usable);
  CHECK(has(blind.verdict, "as far as checked"));

  auto in = input(p.leaf, {}, *p.leaf.key);
  in.client_cas = {p.root.der};
  auto r = glass::x509::check_client_identity(in);
  CHECK(check_named(r, "chain").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r, "chain").reason, "CN=Client Issuing CA"));
  CHECK(has(r.verdict, "append CN=Client Issuing CA"));

  // The server naming the issuing CA itself makes the short chain complete.
  auto named = input(p.leaf, {}, *p.leaf.key);
  named.request = glass::x509::ServerRequest{true, {Bytes(parse(p.inter.der).subject().der().begin(),
                                                          parse(p.inter.der).subject().der().end())},
                                             {S::ecdsa_secp256r1_sha256}};
  auto r2 = glass::x509::check_client_identity(named);
  CHECK(check_named(r2, "chain").status == IdentityCheck::Status::ok);
  CHECK(check_named(r2, "server CA").status == IdentityCheck::Status::ok);
}

TEST_CASE("client identity: same CA name, different key") {
  Pki p;
  Node remade = make("CN=Client Root,O=Glass Test", ec(14), nullptr, Kind::ca);
  auto in = input(p.leaf, {p.inter.der}, *p.leaf.key);
  in.client_cas = {remade.der};
  auto r = glass::x509::check_client_identity(in);
  CHECK_FALSE(r.usable);
  CHECK(check_named(r, "CA key").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r, "CA key").reason, "same name, different key"));
  CHECK(check_named(r, "path").status == IdentityCheck::Status::fail);

  // The root in the chain itself, compared with the given CA by key.
  auto in2 = input(p.leaf, {p.inter.der, p.root.der}, *p.leaf.key);
  in2.client_cas = {remade.der};
  auto r2 = glass::x509::check_client_identity(in2);
  CHECK(has(check_named(r2, "CA key").reason, "same name, different key"));
}

TEST_CASE("client identity: the server names other CAs, accepts other schemes") {
  Pki p;
  Node other = make("CN=Other Root", ec(15), nullptr, Kind::ca);
  // A complete chain (up to its root), to a CA the server does not name.
  auto in = input(p.leaf, {p.inter.der, p.root.der}, *p.leaf.key);
  Bytes other_name(parse(other.der).subject().der().begin(), parse(other.der).subject().der().end());
  in.request = glass::x509::ServerRequest{true, {other_name}, {S::ecdsa_secp256r1_sha256}};
  auto r = glass::x509::check_client_identity(in);
  CHECK(check_named(r, "server CA").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r, "server CA").reason, "CN=Other Root"));
  CHECK(check_named(r, "chain").status == IdentityCheck::Status::ok);
  CHECK(check_named(r, "schemes").status == IdentityCheck::Status::ok);
  CHECK(has(r.verdict, "certificate_required"));
  // Without the root the chain's end cannot be told from a missing intermediate.
  auto short_in = in;
  short_in.chain.pop_back();
  auto rs = glass::x509::check_client_identity(short_in);
  CHECK(check_named(rs, "chain").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(rs, "chain").reason, "or the server trusts another CA"));

  auto in2 = input(p.leaf, {p.inter.der}, *p.leaf.key);
  in2.request = glass::x509::ServerRequest{true, {}, {S::rsa_pss_rsae_sha256, S::ed25519}};
  auto r2 = glass::x509::check_client_identity(in2);
  CHECK(check_named(r2, "server CA").status == IdentityCheck::Status::ok);
  CHECK(check_named(r2, "schemes").status == IdentityCheck::Status::fail);
  CHECK(has(check_named(r2, "schemes").reason, "the server accepts only rsa_pss_rsae_sha256, ed25519"));
}

TEST_CASE("client identity: chain_reaches_names compares issuer and subject names") {
  Pki p;
  auto root_name = parse(p.root.der).subject().der();
  std::vector<Bytes> names = {Bytes(root_name.begin(), root_name.end())};
  CHECK(glass::x509::chain_reaches_names({p.leaf.der, p.inter.der}, names));
  CHECK_FALSE(glass::x509::chain_reaches_names({p.leaf.der}, names));
}
