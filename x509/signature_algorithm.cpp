#include "x509/signature_algorithm.hpp"

#include "x509/oid.hpp"

namespace glass::x509 {

using core::Alert;
using core::ByteView;
using core::Bytes;
using core::make_error;
using crypto::HashAlg;
using crypto::SigAlgorithm;

namespace {

core::Error unsupported(std::string why) {
  return make_error(Alert::unsupported_certificate, std::move(why));
}

std::string oid_label(ByteView o) {
  std::string n = oid::name(o);
  std::string d = der::oid_to_string(o);
  return n == d ? d : n + " (" + d + ")";
}

const char* hash_oid(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return oid::sha1.data();
    case HashAlg::sha256: return oid::sha256.data();
    case HashAlg::sha384: return oid::sha384.data();
    case HashAlg::sha512: return oid::sha512.data();
  }
  return oid::sha256.data();
}

// HashAlgorithm ::= AlgorithmIdentifier with NULL or absent parameters (RFC 4055 2.1).
core::Result<HashAlg> parse_hash(der::Reader& r, const char* what) {
  GLASS_TRY(auto seq, r.sequence(what));
  GLASS_TRY(auto o, seq.oid(what));
  if (!seq.empty()) GLASS_CHECK(seq.null(what));
  GLASS_CHECK(seq.expect_end(what));
  if (oid::equals(o, oid::sha256)) return HashAlg::sha256;
  if (oid::equals(o, oid::sha384)) return HashAlg::sha384;
  if (oid::equals(o, oid::sha512)) return HashAlg::sha512;
  if (oid::equals(o, oid::sha1)) return HashAlg::sha1;
  return unsupported(std::string(what) + " " + oid_label(o) + " is not supported");
}

// RSASSA-PSS-params ::= SEQUENCE {
//   hashAlgorithm [0] HashAlgorithm DEFAULT sha1, maskGenAlgorithm [1] DEFAULT mgf1SHA1,
//   saltLength [2] INTEGER DEFAULT 20, trailerField [3] INTEGER DEFAULT 1 }
core::Result<SigAlgorithm> parse_pss_params(der::Reader& params) {
  SigAlgorithm a{SigAlgorithm::Kind::rsa_pss, HashAlg::sha1, HashAlg::sha1, 20};
  if (params.empty())
    return unsupported("RSASSA-PSS without parameters means SHA-1, which is not supported");
  GLASS_TRY(auto p, params.sequence("RSASSA-PSS-params"));
  GLASS_CHECK(params.expect_end("RSASSA-PSS AlgorithmIdentifier"));
  if (p.peek(der::tag::context(0, true))) {
    GLASS_TRY(auto h, p.enter(der::tag::context(0, true), "RSASSA-PSS-params.hashAlgorithm"));
    GLASS_TRY(a.hash, parse_hash(h, "RSASSA-PSS hash"));
    GLASS_CHECK(h.expect_end("RSASSA-PSS-params.hashAlgorithm"));
  }
  if (p.peek(der::tag::context(1, true))) {
    GLASS_TRY(auto m, p.enter(der::tag::context(1, true), "RSASSA-PSS-params.maskGenAlgorithm"));
    GLASS_TRY(auto mgf, m.sequence("maskGenAlgorithm"));
    GLASS_TRY(auto mo, mgf.oid("maskGenAlgorithm.algorithm"));
    if (!oid::equals(mo, oid::mgf1))
      return unsupported("RSASSA-PSS mask generation " + oid_label(mo) +
                         " is not supported (only MGF1)");
    GLASS_TRY(a.mgf1_hash, parse_hash(mgf, "RSASSA-PSS MGF1 hash"));
    GLASS_CHECK(mgf.expect_end("maskGenAlgorithm"));
    GLASS_CHECK(m.expect_end("RSASSA-PSS-params.maskGenAlgorithm"));
  }
  if (p.peek(der::tag::context(2, true))) {
    GLASS_TRY(auto s, p.enter(der::tag::context(2, true), "RSASSA-PSS-params.saltLength"));
    GLASS_TRY(auto salt, s.small_integer("saltLength"));
    GLASS_CHECK(s.expect_end("RSASSA-PSS-params.saltLength"));
    if (salt < 0 || salt > 1024)
      return make_error(Alert::decode_error,
                        "RSASSA-PSS saltLength " + std::to_string(salt) + " is out of range");
    a.salt_len = static_cast<std::size_t>(salt);
  }
  if (p.peek(der::tag::context(3, true))) {
    GLASS_TRY(auto t, p.enter(der::tag::context(3, true), "RSASSA-PSS-params.trailerField"));
    GLASS_TRY(auto trailer, t.small_integer("trailerField"));
    GLASS_CHECK(t.expect_end("RSASSA-PSS-params.trailerField"));
    // RFC 4055 3.1: trailerField MUST be 1 (0xBC).
    if (trailer != 1)
      return unsupported("RSASSA-PSS trailerField " + std::to_string(trailer) +
                         " is not supported (only 1, meaning 0xBC)");
  }
  GLASS_CHECK(p.expect_end("RSASSA-PSS-params"));
  if (a.hash == HashAlg::sha1 || a.mgf1_hash == HashAlg::sha1)
    return unsupported("RSASSA-PSS with SHA-1 (hash or MGF1) is not supported");
  if (a.mgf1_hash != a.hash)
    return unsupported("RSASSA-PSS with hash " + std::string(crypto::hash_name(a.hash)) +
                       " but MGF1 " + std::string(crypto::hash_name(a.mgf1_hash)) +
                       " is not supported (they must match)");
  return a;
}

}  // namespace

core::Result<SigAlgorithm> parse_signature_algorithm(ByteView alg_id) {
  GLASS_TRY(auto r, der::only(alg_id, der::tag::sequence, "signatureAlgorithm"));
  GLASS_TRY(auto o, r.oid("signatureAlgorithm.algorithm"));
  struct Rsa {
    std::string_view oid;
    HashAlg hash;
  };
  static const Rsa rsa[] = {{oid::sha256_with_rsa, HashAlg::sha256},
                            {oid::sha384_with_rsa, HashAlg::sha384},
                            {oid::sha512_with_rsa, HashAlg::sha512}};
  for (const auto& m : rsa) {
    if (!oid::equals(o, m.oid)) continue;
    // RFC 4055 5: parameters MUST be NULL, and absent ones MUST be accepted.
    if (!r.empty()) GLASS_CHECK(r.null("signatureAlgorithm.parameters"));
    GLASS_CHECK(r.expect_end("signatureAlgorithm"));
    return SigAlgorithm{SigAlgorithm::Kind::rsa_pkcs1, m.hash, m.hash, 0};
  }
  static const Rsa ec[] = {{oid::ecdsa_with_sha256, HashAlg::sha256},
                           {oid::ecdsa_with_sha384, HashAlg::sha384},
                           {oid::ecdsa_with_sha512, HashAlg::sha512}};
  for (const auto& m : ec) {
    if (!oid::equals(o, m.oid)) continue;
    // RFC 5758 3.2: the parameters field MUST be absent.
    GLASS_CHECK(r.expect_end("ecdsa signatureAlgorithm (parameters must be absent)"));
    return SigAlgorithm{SigAlgorithm::Kind::ecdsa, m.hash, m.hash, 0};
  }
  if (oid::equals(o, oid::ed25519)) {
    // RFC 8410 3: parameters MUST be absent.
    GLASS_CHECK(r.expect_end("Ed25519 signatureAlgorithm (parameters must be absent)"));
    return SigAlgorithm{SigAlgorithm::Kind::ed25519, HashAlg::sha512, HashAlg::sha512, 0};
  }
  if (oid::equals(o, oid::rsassa_pss)) return parse_pss_params(r);
  if (oid::equals(o, oid::sha1_with_rsa))
    return unsupported("signature algorithm sha1WithRSAEncryption is not accepted (SHA-1)");
  return unsupported("unsupported signature algorithm " + oid_label(o));
}

Bytes encode_signature_algorithm(const SigAlgorithm& a) {
  der::Writer w;
  w.sequence([&] {
    switch (a.kind) {
      case SigAlgorithm::Kind::rsa_pkcs1:
        w.oid(a.hash == HashAlg::sha384   ? oid::sha384_with_rsa
              : a.hash == HashAlg::sha512 ? oid::sha512_with_rsa
              : a.hash == HashAlg::sha1   ? oid::sha1_with_rsa
                                          : oid::sha256_with_rsa);
        w.null();
        break;
      case SigAlgorithm::Kind::ecdsa:
        w.oid(a.hash == HashAlg::sha384   ? oid::ecdsa_with_sha384
              : a.hash == HashAlg::sha512 ? oid::ecdsa_with_sha512
                                          : oid::ecdsa_with_sha256);
        break;
      case SigAlgorithm::Kind::ed25519:
        w.oid(oid::ed25519);
        break;
      case SigAlgorithm::Kind::rsa_pss:
        w.oid(oid::rsassa_pss);
        w.sequence([&] {
          w.constructed(der::tag::context(0, true), [&] {
            w.sequence([&] { w.oid(hash_oid(a.hash)); });
          });
          w.constructed(der::tag::context(1, true), [&] {
            w.sequence([&] {
              w.oid(oid::mgf1);
              w.sequence([&] { w.oid(hash_oid(a.mgf1_hash)); });
            });
          });
          w.constructed(der::tag::context(2, true),
                        [&] { w.small_integer(static_cast<std::int64_t>(a.salt_len)); });
        });
        break;
    }
  });
  return w.take();
}

std::string signature_algorithm_name(ByteView alg_id) {
  der::Reader outer(alg_id);
  auto r = outer.sequence("signatureAlgorithm");
  if (!r) return "malformed AlgorithmIdentifier";
  auto o = r->oid("signatureAlgorithm.algorithm");
  if (!o) return "malformed AlgorithmIdentifier";
  if (oid::equals(*o, oid::rsassa_pss)) return "rsassaPss";
  return oid::name(*o);
}

std::string describe(const SigAlgorithm& a) {
  std::string h(crypto::hash_name(a.hash));
  switch (a.kind) {
    case SigAlgorithm::Kind::ed25519: return "Ed25519";
    case SigAlgorithm::Kind::ecdsa: return "ECDSA with " + h;
    case SigAlgorithm::Kind::rsa_pkcs1: return "RSA PKCS#1 v1.5 with " + h;
    case SigAlgorithm::Kind::rsa_pss:
      return "RSA-PSS (" + h + ", MGF1 " + std::string(crypto::hash_name(a.mgf1_hash)) +
             ", salt " + std::to_string(a.salt_len) + ")";
  }
  return "unknown";
}

}  // namespace glass::x509
