#pragma once
// Helpers for the X.509 tests: a test PKI made with our certificate builder
// (fast, deterministic keys), and a temp directory + shell runner for the
// tests that make certificates with the openssl CLI.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/certificate.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/oid.hpp"
#include "x509/validate.hpp"

namespace xt {

using namespace glass;
using core::Bytes;

// 2026-06-01T00:00:00Z: inside the default validity window below.
inline const x509::der::Time kNow = x509::der::make_time(2026, 6, 1, 0, 0, 0);
inline const x509::der::Time kStart = x509::der::make_time(2026, 1, 1, 0, 0, 0);
inline const x509::der::Time kEnd = x509::der::make_time(2027, 1, 1, 0, 0, 0);

// Deterministic keys, generated once per process (RSA key generation is slow).
inline const crypto::SigningKey& key(crypto::KeyType t, int index = 0) {
  static std::map<std::pair<int, int>, std::unique_ptr<crypto::SigningKey>> cache;
  auto& slot = cache[{static_cast<int>(t), index}];
  if (!slot) {
    crypto::SeededRng rng(static_cast<std::uint64_t>(1000 + 31 * static_cast<int>(t) + index));
    auto k = crypto::SigningKey::generate(t, rng, 2048);
    REQUIRE_MESSAGE(k.ok(), (k.ok() ? "" : k.error().reason));
    slot = std::make_unique<crypto::SigningKey>(std::move(*k));
  }
  return *slot;
}
inline const crypto::SigningKey& ec(int index) { return key(crypto::KeyType::ecdsa_p256, index); }

// One certificate of a test PKI and the key that belongs to it.
struct Node {
  Bytes der;
  const crypto::SigningKey* key = nullptr;
  std::string subject;
};

enum class Kind { ca, leaf };

inline x509::CertificateTemplate base_template(const std::string& subject,
                                               const crypto::SigningKey& k, const Node* issuer,
                                               Kind kind) {
  x509::CertificateTemplate t;
  static std::uint8_t serial = 1;
  t.serial = {0x10, serial++};
  t.subject = subject;
  t.issuer = issuer ? issuer->subject : subject;
  t.not_before = kStart;
  t.not_after = kEnd;
  t.subject_key = &k.public_key();
  if (kind == Kind::ca) {
    t.basic_constraints = x509::CertificateTemplate::Basic{true, std::nullopt, true};
    t.key_usage = x509::key_usage::key_cert_sign | x509::key_usage::crl_sign;
  } else {
    t.basic_constraints = x509::CertificateTemplate::Basic{false, std::nullopt, true};
    t.key_usage = x509::key_usage::digital_signature;
    t.ext_key_usage = {std::string(x509::oid::kp_server_auth),
                       std::string(x509::oid::kp_client_auth)};
    t.subject_alt_names = {x509::dns("leaf.example.com")};
  }
  const crypto::SigningKey& signer = issuer ? *issuer->key : k;
  auto aki = x509::key_identifier(signer.public_key());
  REQUIRE(aki.ok());
  t.authority_key_id = *aki;
  return t;
}

// Replaces the computed subjectKeyIdentifier by `id` (a forged or foreign one).
inline void forge_ski(x509::CertificateTemplate& t, const Bytes& id) {
  t.subject_key_id = false;
  x509::der::Writer w;
  w.octet_string(id);
  t.extra.push_back({"2.5.29.14", false, w.take()});
}

inline Node sign(const x509::CertificateTemplate& t, const crypto::SigningKey& k,
                 const Node* issuer) {
  const crypto::SigningKey& signer = issuer ? *issuer->key : k;
  crypto::SeededRng rng(7);
  auto der = x509::build_certificate(t, signer, x509::default_algorithm(signer), rng);
  REQUIRE_MESSAGE(der.ok(), (der.ok() ? "" : der.error().reason));
  return Node{std::move(*der), &k, t.subject};
}

// make("CN=Root", ec(0), nullptr, Kind::ca, [](auto& t){ ... }) builds and signs.
inline Node make(const std::string& subject, const crypto::SigningKey& k, const Node* issuer,
                 Kind kind, const std::function<void(x509::CertificateTemplate&)>& tweak = {}) {
  auto t = base_template(subject, k, issuer, kind);
  if (tweak) tweak(t);
  return sign(t, k, issuer);
}

inline x509::Certificate parse(const Bytes& der) {
  auto c = x509::Certificate::parse(der);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().reason));
  return *c;
}

// Runs validate_path over DER inputs.
inline core::Result<std::vector<std::string>> verify(const Node& leaf,
                                                     const std::vector<const Node*>& bag,
                                                     const std::vector<const Node*>& anchors,
                                                     x509::ValidationOptions opt = {}) {
  if (opt.time == 0) opt.time = kNow;
  std::vector<x509::Certificate> inter, roots;
  for (auto* n : bag) inter.push_back(parse(n->der));
  for (auto* n : anchors) roots.push_back(parse(n->der));
  auto l = parse(leaf.der);
  auto r = x509::validate_path(l, inter, roots, opt);
  if (!r) return std::move(r).error();
  std::vector<std::string> names;
  for (auto* c : r->chain) names.push_back(c->subject().to_string());
  return names;
}

// ---- openssl CLI -------------------------------------------------------------

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "glass-x509-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// Runs a shell command; returns its exit status and puts stdout+stderr in *out.
inline int run(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  std::string text;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int st = pclose(p);
  if (out) *out = text;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// Runs a command that must succeed; returns its output.
inline std::string must(const std::string& cmd) {
  std::string out;
  int rc = run(cmd, &out);
  INFO(cmd);
  INFO(out);
  REQUIRE(rc == 0);
  return out;
}

inline Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path);
  return Bytes((std::istreambuf_iterator<char>(in)), {});
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace xt

// ---- rule tests ---------------------------------------------------------------

namespace xt {
inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}
}  // namespace xt

// The result is a refusal with this alert whose reason contains `text`.
#define CHECK_REFUSED(result, alert_, text)      \
  do {                                          \
    auto r_ = (result);                         \
    REQUIRE_FALSE(r_.ok());                     \
    INFO(r_.error().reason);                    \
    CHECK(r_.error().alert == (alert_));        \
    CHECK(xt::contains(r_.error().reason, text)); \
  } while (0)

namespace xt {
// A SubjectPublicKeyInfo written by hand: refused keys never need to be real.
inline Bytes rsa_spki(const Bytes& n, const Bytes& e) {
  x509::der::Writer k;
  k.sequence([&] {
    k.unsigned_integer(n);
    k.unsigned_integer(e);
  });
  Bytes key = k.take();
  x509::der::Writer w;
  w.sequence([&] {
    w.sequence([&] {
      w.oid("1.2.840.113549.1.1.1");
      w.null();
    });
    w.bit_string(key);
  });
  return w.take();
}
// An odd number of `bits` bits (top bit set) with a byte pattern from `seed`.
inline Bytes odd_number(std::size_t bits, std::uint8_t seed) {
  Bytes b((bits + 7) / 8);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(seed * 31 + i * 17 + 1);
  unsigned top = static_cast<unsigned>((bits - 1) % 8);
  b[0] = static_cast<std::uint8_t>((b[0] & ((1u << top) - 1)) | (1u << top));
  b.back() |= 1;
  return b;
}
inline Bytes ec_spki(const std::string& curve_oid, std::size_t point_len) {
  Bytes point(point_len, 0x11);
  point[0] = 0x04;
  x509::der::Writer w;
  w.sequence([&] {
    w.sequence([&] {
      w.oid("1.2.840.10045.2.1");
      w.oid(curve_oid);
    });
    w.bit_string(point);
  });
  return w.take();
}
}  // namespace xt
