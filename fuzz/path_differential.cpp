// Differential fuzzing of path validation: the input describes a chain (root ->
// up to two intermediates -> leaf) whose certificates each break rules or not;
// the harness writes and signs the chain with x509/certificate_writer and asks
// both glasstls (validate_path, standard profile, serverAuth) and OpenSSL
// (X509_verify_cert, X509_V_FLAG_X509_STRICT, purpose sslserver) for a verdict
// at a fixed time. A disagreement aborts unless it is on the allow-list below,
// where every entry is a documented, deliberate difference (x509/README.md).
//
// Input: byte 0 = number of intermediates (mod 3), then 9 bytes per certificate
// (intermediates from the root down, then the leaf); missing bytes read as 0,
// which means "a correct certificate for its place in the chain".
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/signature.hpp"
#include "differential_report.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/oid.hpp"
#include "x509/validate.hpp"

namespace {

using namespace glass;
using core::ByteView;
using core::Bytes;

constexpr x509::der::Time kNow = 1767225600;  // 2026-01-01T00:00:00Z
constexpr x509::der::Time kDay = 86400;

// What the input put into the chain, for allow-list entries that depend on it.
enum Tag : unsigned {
  kAnyEkuOnly = 1,         // a certificate's extKeyUsage is only anyExtendedKeyUsage
  kCaWithoutKeyUsage = 2,  // a certificate asserting cA has no keyUsage extension
  kPathLenNoKeyUsage = 4,  // pathLenConstraint in a certificate without keyUsage
  kVersion1 = 8,           // a v1 certificate (no extensions at all)
  kLeafNoDnsSan = 16,      // the leaf has no dNSName subjectAltName
};
unsigned g_tags = 0;

// Deliberate differences, each documented in x509/README.md. An entry applies
// when every field it sets matches: `ours` a substring of our verdict, `theirs`
// of OpenSSL's, `tags` all present in the chain.
struct Allowed {
  const char* ours;
  const char* theirs;
  unsigned tags;
  const char* why;
};
constexpr Allowed kAllowed[] = {
    {"has a serial number", "ok", 0,
     "RFC 5280 4.1.2.2: positive, at most 20 octets; OpenSSL 3.0 does not check serials"},
    {"lacks keyCertSign", "ok", 0,
     "RFC 5280 4.2.1.9: any certificate asserting cA needs keyCertSign when it has keyUsage; "
     "OpenSSL checks only issuers"},
    {"non-critical nameConstraints", "ok", 0,
     "RFC 5280 4.2.1.10: MUST be critical; OpenSSL 3.0 -x509_strict does not check it"},
    {"has no authorityKeyIdentifier", "ok", kVersion1,
     "RFC 5280 4.2.1.1: every certificate but a self-signed one carries an AKI, so a v1 "
     "certificate (no extensions) below a trust anchor is refused; OpenSSL takes v1 certificates"},
    {"accepted", "unsuitable certificate purpose", kAnyEkuOnly,
     "RFC 5280 4.2.1.12: anyExtendedKeyUsage means the key may be used for any purpose; OpenSSL's "
     "sslserver purpose wants serverAuth itself"},
    {"accepted", "CA cert does not include key usage extension", kCaWithoutKeyUsage,
     "RFC 5280 6.1.4 (n) checks keyCertSign only when keyUsage is present (the profile's MUST is on "
     "the issuing CA); OpenSSL -x509_strict requires the extension"},
    {"accepted", "Path length given without key usage keyCertSign", kPathLenNoKeyUsage,
     "RFC 5280 4.2.1.9 forbids pathLenConstraint only when keyUsage is present without "
     "keyCertSign; OpenSSL -x509_strict also refuses it when keyUsage is absent"},
    {"lacks digitalSignature", "ok", 0,
     "a TLS leaf signs (RFC 8446 4.4.2.2); OpenSSL's sslserver purpose also takes keyEncipherment "
     "or keyAgreement"},
    {"accepted", "excluded subtree violation", kLeafNoDnsSan,
     "as below: the CN is not a host name for us, so it is not checked against DNS constraints"},
    {"accepted", "permitted subtree violation", kLeafNoDnsSan,
     "we never take a host name from the subject CN (RFC 9525), so the CN is not checked against "
     "DNS constraints; OpenSSL checks a host-like CN when there is no DNS subjectAltName"},
};

bool allowed(const std::string& ours, const std::string& theirs) {
  for (const auto& a : kAllowed) {
    if (a.ours && ours.find(a.ours) == std::string::npos) continue;
    if (a.theirs && theirs.find(a.theirs) == std::string::npos) continue;
    if ((g_tags & a.tags) != a.tags) continue;
    return true;
  }
  return false;
}

ByteView g_input;

void report(const char* what, const std::string& ours, const std::string& theirs) {
  glass::fuzz::report_difference("path differential", what, ours, theirs, g_input);
}

class Bytes8 {  // reads the input, 0 once it runs out
 public:
  explicit Bytes8(ByteView in) : in_(in) {}
  std::uint8_t next() { return pos_ < in_.size() ? in_[pos_++] : 0; }

 private:
  ByteView in_;
  std::size_t pos_ = 0;
};

const crypto::SigningKey& key(int i) {  // 0 root, 1..2 intermediates, 3 leaf
  static const std::vector<crypto::SigningKey> keys = [] {
    std::vector<crypto::SigningKey> k;
    for (int n = 0; n < 4; ++n) {
      Bytes scalar(32, static_cast<std::uint8_t>(0x11 * (n + 1)));
      auto s = crypto::SigningKey::ecdsa(crypto::NamedGroup::secp256r1, scalar);
      if (!s) __builtin_trap();
      k.push_back(std::move(*s));
    }
    return k;
  }();
  return keys[static_cast<std::size_t>(i)];
}

std::string subject_of(int i) {
  return i == 0 ? "CN=Diff Root" : i == 3 ? "CN=leaf.example" : "CN=Diff Inter " + std::to_string(i);
}

Bytes sign(const x509::CertificateTemplate& t, int issuer) {
  crypto::SeededRng rng(7);
  const auto& k = key(issuer);
  auto der = x509::build_certificate(t, k, x509::default_algorithm(k), rng);
  if (!der) __builtin_trap();  // the writer must take every template we make
  return *der;
}

const Bytes& root_der() {
  static const Bytes root = [] {
    x509::CertificateTemplate t;
    t.subject = subject_of(0);
    t.not_before = kNow - 365 * kDay;
    t.not_after = kNow + 3650 * kDay;
    t.subject_key = &key(0).public_key();
    t.basic_constraints = x509::CertificateTemplate::Basic{true, std::nullopt, true};
    t.key_usage = x509::key_usage::key_cert_sign | x509::key_usage::crl_sign;
    return sign(t, 0);
  }();
  return root;
}

void apply_serial(x509::CertificateTemplate& t, std::uint8_t b) {
  switch (b % 5) {
    case 1: t.serial = Bytes(20, 0x5a); break;  // the largest allowed
    case 2: t.serial = Bytes(21, 0x5a); break;  // one octet too long
    case 3: t.serial = {0x00}; break;           // zero is not positive
    case 4: t.serial = Bytes(20, 0x9c); break;  // 21 octets once the sign octet is added
    default: t.serial = {0x01};
  }
}

void apply_validity(x509::CertificateTemplate& t, std::uint8_t b) {
  t.not_before = kNow - 30 * kDay;
  t.not_after = kNow + 365 * kDay;
  switch (b % 6) {
    case 3: t.not_after = kNow - kDay; break;                     // expired
    case 4: t.not_before = kNow + kDay; break;                    // not yet valid
    case 5: t.not_before = kNow + kDay, t.not_after = kNow - kDay; break;  // inverted
    default: break;
  }
}

void apply_basic(x509::CertificateTemplate& t, std::uint8_t b, bool ca) {
  using Basic = x509::CertificateTemplate::Basic;
  switch (b % 8) {
    case 1: t.basic_constraints.reset(); break;
    case 2: t.basic_constraints = Basic{true, std::nullopt, true}; break;
    case 3: t.basic_constraints = Basic{true, std::nullopt, false}; break;
    case 4: t.basic_constraints = Basic{false, std::nullopt, true}; break;
    case 5: t.basic_constraints = Basic{true, 0, true}; break;
    case 6: t.basic_constraints = Basic{true, 1, true}; break;
    case 7: t.basic_constraints = Basic{false, std::nullopt, false}; break;
    default: t.basic_constraints = Basic{ca, std::nullopt, true};
  }
}

void apply_key_usage(x509::CertificateTemplate& t, std::uint8_t b, std::uint8_t bits, bool ca) {
  namespace ku = x509::key_usage;
  switch (b % 4) {
    case 1: t.key_usage.reset(); break;
    case 2: t.key_usage = static_cast<std::uint16_t>(bits ? bits : 1); break;
    case 3: t.key_usage = ku::digital_signature | ku::key_cert_sign; break;
    default: t.key_usage = ca ? ku::key_cert_sign | ku::crl_sign : ku::digital_signature;
  }
}

void apply_eku(x509::CertificateTemplate& t, std::uint8_t b, bool ca) {
  const std::string server = "1.3.6.1.5.5.7.3.1", client = "1.3.6.1.5.5.7.3.2",
                    any = "2.5.29.37.0";
  switch (b % 6) {
    case 1: t.ext_key_usage = {}; break;
    case 2: t.ext_key_usage = {client}; break;
    case 3: t.ext_key_usage = {server, client}; break;
    case 4: t.ext_key_usage = {any}; break;
    case 5: t.ext_key_usage = {server}; break;
    default: t.ext_key_usage = ca ? std::vector<std::string>{} : std::vector<std::string>{server};
  }
}

void apply_names(x509::CertificateTemplate& t, std::uint8_t san, std::uint8_t nc, bool ca) {
  using x509::dns;
  switch (san % 5) {
    case 1: t.subject_alt_names = {}; break;
    case 2: t.subject_alt_names = {dns("other.test")}; break;
    case 3: t.subject_alt_names = {dns("leaf.example"), dns("www.other.test")}; break;
    case 4: t.subject_alt_names = {x509::ip("192.0.2.7")}; break;
    default:
      if (!ca) t.subject_alt_names = {dns("leaf.example")};
  }
  switch (nc % 7) {
    case 1: t.permitted = {dns("example")}; break;
    case 2: t.excluded = {dns("leaf.example")}; break;
    case 3: t.permitted = {dns("other.test")}; break;
    case 4: t.permitted = {dns("example")}, t.name_constraints_critical = false; break;
    case 5: t.excluded = {dns("other.test")}; break;
    case 6: t.permitted = {x509::ip("192.0.2.0/24")}; break;
    default: break;
  }
}

void tag_chain(const x509::CertificateTemplate& t, bool ca, std::uint8_t flags) {
  if (t.ext_key_usage == std::vector<std::string>{"2.5.29.37.0"}) g_tags |= kAnyEkuOnly;
  bool asserts_ca = t.basic_constraints && t.basic_constraints->ca;
  if (asserts_ca && !t.key_usage) g_tags |= kCaWithoutKeyUsage;
  if (!t.key_usage && t.basic_constraints && t.basic_constraints->path_len) g_tags |= kPathLenNoKeyUsage;
  if (flags & 64) g_tags |= kVersion1;
  bool dns_san = false;
  for (const auto& n : t.subject_alt_names) dns_san |= n.type == x509::GeneralNameType::dns_name;
  if (!ca && !dns_san) g_tags |= kLeafNoDnsSan;
}

// flags: 1 wrong issuer name, 2 no AKI, 4 wrong AKI, 8 no SKI, 16 bad signature,
// 32 unknown critical extension, 64 version 1.
Bytes make_cert(Bytes8& in, int index, int issuer, bool ca) {
  x509::CertificateTemplate t;
  t.subject = subject_of(index);
  t.issuer = subject_of(issuer);
  t.subject_key = &key(index).public_key();
  apply_serial(t, in.next());
  apply_validity(t, in.next());
  apply_basic(t, in.next(), ca);
  std::uint8_t ku = in.next(), ku_bits = in.next();
  apply_key_usage(t, ku, ku_bits, ca);
  apply_eku(t, in.next(), ca);
  std::uint8_t san = in.next(), nc = in.next();
  apply_names(t, san, ca ? nc : 0, ca);
  std::uint8_t flags = in.next();
  tag_chain(t, ca, flags);
  if (flags & 1) t.issuer = "CN=Somebody Else";
  auto aki = x509::key_identifier(key(issuer).public_key());
  if (!aki) __builtin_trap();
  if (!(flags & 2)) t.authority_key_id = *aki;
  if (flags & 4) t.authority_key_id = Bytes(20, 0xee);
  if (flags & 8) t.subject_key_id = false;
  if (flags & 32) t.extra.push_back({"1.3.6.1.4.1.55555.1", true, {0x05, 0x00}});
  if (flags & 64) t.version = 1;
  Bytes der = sign(t, issuer);
  return (flags & 16) ? x509::corrupt_signature(der) : der;
}

struct OpenSslVerdict {
  bool ok = false;
  std::string reason;
};

OpenSslVerdict openssl_verify(const Bytes& leaf, const std::vector<Bytes>& inters) {
  auto d2i = [](const Bytes& b) {
    const unsigned char* p = b.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(b.size()));
    if (x && p != b.data() + b.size()) X509_free(x), x = nullptr;
    return x;
  };
  OpenSslVerdict v;
  X509* root = d2i(root_der());
  X509* l = d2i(leaf);
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  bool parsed = root && l && untrusted;
  for (const auto& i : inters) {
    X509* x = d2i(i);
    if (!x) parsed = false;
    else sk_X509_push(untrusted, x);
  }
  X509_STORE* store = X509_STORE_new();
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  if (!parsed) {
    v.reason = "d2i_X509 refused a certificate";
  } else if (store && ctx && X509_STORE_add_cert(store, root) == 1 &&
             X509_STORE_CTX_init(ctx, store, l, untrusted) == 1) {
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(kNow));
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    v.ok = X509_verify_cert(ctx) == 1;
    int err = X509_STORE_CTX_get_error(ctx);
    v.reason = std::string(X509_verify_cert_error_string(err)) + " at depth " +
               std::to_string(X509_STORE_CTX_get_error_depth(ctx));
  } else {
    std::abort();  // out of memory or an OpenSSL API change: not a finding
  }
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  sk_X509_pop_free(untrusted, X509_free);
  X509_free(l);
  X509_free(root);
  ERR_clear_error();
  return v;
}

struct OurVerdict {
  bool ok = false;
  std::string reason;
};

OurVerdict our_verify(const Bytes& leaf, const std::vector<Bytes>& inters) {
  auto anchor = x509::Certificate::parse(root_der());
  if (!anchor) __builtin_trap();
  auto l = x509::Certificate::parse(leaf);
  if (!l) return {false, l.error().to_string()};
  std::vector<x509::Certificate> bag;
  for (const auto& i : inters) {
    auto c = x509::Certificate::parse(i);
    if (!c) return {false, c.error().to_string()};
    bag.push_back(*c);
  }
  x509::ValidationOptions opt;
  opt.time = kNow;
  opt.purpose = x509::Purpose::server_auth;
  auto r = x509::validate_path(*l, bag, std::span<const x509::Certificate>(&*anchor, 1), opt);
  if (!r) return {false, r.error().to_string()};
  return {true, "accepted"};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  g_input = ByteView(data, size);
  g_tags = 0;
  Bytes8 in(g_input);
  int n_inter = in.next() % 3;
  std::vector<Bytes> inters;  // leaf's issuer first, as a server would send them
  int issuer = 0;
  for (int i = 1; i <= n_inter; ++i) {
    inters.insert(inters.begin(), make_cert(in, i, issuer, true));
    issuer = i;
  }
  Bytes leaf = make_cert(in, 3, issuer, false);
  auto ours = our_verify(leaf, inters);
  auto theirs = openssl_verify(leaf, inters);
  if (ours.ok != theirs.ok && !allowed(ours.reason, theirs.reason))
    report(ours.ok ? "glasstls accepts a chain OpenSSL refuses"
                   : "glasstls refuses a chain OpenSSL accepts",
           ours.reason, theirs.reason);
  return 0;
}
