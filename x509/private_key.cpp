#include "x509/private_key.hpp"

#include "x509/der.hpp"
#include "x509/oid.hpp"
#include "x509/pem.hpp"
#include "x509/public_key.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;
using crypto::KeyType;
using crypto::NamedGroup;
using crypto::SigningKey;

namespace {

core::Error unsupported_key(ByteView alg) {
  return make_error(Alert::illegal_parameter, "unsupported private key algorithm " +
                                                  oid::name(alg) + " (" + der::oid_to_string(alg) + ")");
}

core::Result<NamedGroup> curve_from_oid(ByteView c) {
  if (oid::equals(c, oid::secp256r1)) return NamedGroup::secp256r1;
  if (oid::equals(c, oid::secp384r1)) return NamedGroup::secp384r1;
  return make_error(Alert::illegal_parameter, "unsupported elliptic curve " + oid::name(c) + " (" +
                                                  der::oid_to_string(c) + ")");
}

std::string_view curve_oid(NamedGroup g) {
  return g == NamedGroup::secp384r1 ? oid::secp384r1 : oid::secp256r1;
}
std::size_t curve_bytes(NamedGroup g) { return g == NamedGroup::secp384r1 ? 48 : 32; }

core::Error mismatch(const char* what) {
  return make_error(Alert::decode_error,
                    std::string(what) + ": the embedded public key does not belong to the private key");
}

// RFC 5915 ECPrivateKey. `curve` comes from the PKCS#8 algorithm when wrapped;
// the [0] parameters must then agree, and are required when standalone.
core::Result<SigningKey> parse_ec_private_key(ByteView der_bytes, std::optional<NamedGroup> curve) {
  der::Reader outer(der_bytes);
  GLASS_TRY(auto r, outer.sequence("ECPrivateKey"));
  GLASS_TRY(auto version, r.small_integer("ECPrivateKey.version"));
  if (version != 1)
    return make_error(Alert::decode_error, "ECPrivateKey version must be 1, found " + std::to_string(version));
  GLASS_TRY(auto scalar, r.octet_string("ECPrivateKey.privateKey"));
  GLASS_TRY(auto params, r.optional(der::tag::context(0, true), "ECPrivateKey.parameters"));
  if (params) {
    der::Reader pr(params->value);
    GLASS_TRY(auto c, pr.oid("ECParameters.namedCurve"));
    GLASS_CHECK(pr.expect_end("ECPrivateKey.parameters"));
    GLASS_TRY(auto g, curve_from_oid(c));
    if (curve && *curve != g)
      return make_error(Alert::decode_error, "ECPrivateKey curve differs from the PKCS#8 algorithm's");
    curve = g;
  }
  if (!curve) return make_error(Alert::decode_error, "ECPrivateKey names no curve");
  GLASS_TRY(auto pub, r.optional(der::tag::context(1, true), "ECPrivateKey.publicKey"));
  GLASS_CHECK(r.expect_end("ECPrivateKey"));
  GLASS_CHECK(outer.expect_end("ECPrivateKey"));
  std::size_t n = curve_bytes(*curve);
  if (scalar.size() > n || scalar.empty())
    return make_error(Alert::decode_error, "ECPrivateKey scalar of " + std::to_string(scalar.size()) +
                                               " bytes does not fit the curve");
  SecretBytes s(n);
  for (std::size_t i = 0; i < scalar.size(); ++i) s[n - scalar.size() + i] = scalar[i];
  GLASS_TRY(auto key, SigningKey::ecdsa(*curve, s));
  if (pub) {
    der::Reader pr(pub->value);
    GLASS_TRY(auto bits, pr.bit_string("ECPrivateKey.publicKey"));
    GLASS_CHECK(pr.expect_end("ECPrivateKey.publicKey"));
    if (!core::equal(bits.bytes, key.public_key().raw_public())) return mismatch("ECPrivateKey");
  }
  return key;
}

core::Result<SigningKey> parse_rsa_private_key(ByteView der_bytes, bool pss) {
  der::Reader outer(der_bytes);
  GLASS_TRY(auto r, outer.sequence("RSAPrivateKey"));
  GLASS_TRY(auto version, r.small_integer("RSAPrivateKey.version"));
  if (version == 1)
    return make_error(Alert::illegal_parameter, "multi-prime RSA keys (RSAPrivateKey version 1) are not supported");
  if (version != 0)
    return make_error(Alert::decode_error, "RSAPrivateKey version must be 0, found " + std::to_string(version));
  crypto::RsaPrivateParts p;
  struct Field {
    Bytes* out;
    const char* name;
  } fields[] = {{&p.n, "RSAPrivateKey.modulus"},         {&p.e, "RSAPrivateKey.publicExponent"},
                {&p.d, "RSAPrivateKey.privateExponent"}, {&p.p, "RSAPrivateKey.prime1"},
                {&p.q, "RSAPrivateKey.prime2"},          {&p.dp, "RSAPrivateKey.exponent1"},
                {&p.dq, "RSAPrivateKey.exponent2"},      {&p.qinv, "RSAPrivateKey.coefficient"}};
  for (auto& f : fields) {
    GLASS_TRY(auto v, r.unsigned_integer(f.name));
    *f.out = core::to_bytes(v);
  }
  GLASS_CHECK(r.expect_end("RSAPrivateKey"));
  GLASS_CHECK(outer.expect_end("RSAPrivateKey"));
  return SigningKey::rsa(p, pss);
}

core::Result<SigningKey> parse_ed25519_private_key(ByteView der_bytes) {
  // RFC 8410 7: CurvePrivateKey ::= OCTET STRING, itself inside privateKey.
  der::Reader r(der_bytes);
  GLASS_TRY(auto seed, r.octet_string("CurvePrivateKey"));
  GLASS_CHECK(r.expect_end("CurvePrivateKey"));
  if (seed.size() != 32)
    return make_error(Alert::decode_error,
                      "Ed25519 private key must be 32 bytes, found " + std::to_string(seed.size()));
  return SigningKey::ed25519(seed);
}

SecretBytes take_secret(Bytes&& b) { return SecretBytes(std::move(b)); }

}  // namespace

std::string_view key_format_name(KeyFormat f) {
  switch (f) {
    case KeyFormat::pkcs8: return "PKCS#8";
    case KeyFormat::encrypted_pkcs8: return "encrypted PKCS#8";
    case KeyFormat::sec1: return "SEC1 ECPrivateKey";
    case KeyFormat::pkcs1: return "PKCS#1 RSAPrivateKey";
  }
  return "?";
}

core::Result<SigningKey> parse_pkcs8(ByteView der_bytes) {
  der::Reader outer(der_bytes);
  GLASS_TRY(auto r, outer.sequence("PrivateKeyInfo"));
  GLASS_TRY(auto version, r.small_integer("PrivateKeyInfo.version"));
  if (version != 0 && version != 1)
    return make_error(Alert::decode_error, "PrivateKeyInfo version must be 0 or 1, found " +
                                               std::to_string(version));
  GLASS_TRY(auto alg, r.sequence("PrivateKeyInfo.privateKeyAlgorithm"));
  GLASS_TRY(auto alg_oid, alg.oid("privateKeyAlgorithm.algorithm"));
  std::optional<der::Element> params;
  if (!alg.empty()) {
    GLASS_TRY(auto p, alg.next("privateKeyAlgorithm.parameters"));
    GLASS_CHECK(der::check_any(p, "privateKeyAlgorithm.parameters"));
    params = p;
  }
  GLASS_CHECK(alg.expect_end("privateKeyAlgorithm"));
  GLASS_TRY(auto inner, r.octet_string("PrivateKeyInfo.privateKey"));
  GLASS_TRY(auto attrs, r.optional(der::tag::context(0, true), "PrivateKeyInfo.attributes"));
  (void)attrs;
  GLASS_TRY(auto pub, r.optional(der::tag::context(1, false), "OneAsymmetricKey.publicKey"));
  if (pub && version != 1)
    return make_error(Alert::decode_error, "OneAsymmetricKey publicKey requires version 1 (v2)");
  GLASS_CHECK(r.expect_end("PrivateKeyInfo"));
  GLASS_CHECK(outer.expect_end("PrivateKeyInfo"));

  auto check_pub = [&](const SigningKey& key) -> core::Status {
    if (!pub) return {};
    // [1] IMPLICIT BIT STRING: first contents byte is the unused-bits count.
    if (pub->value.empty() || pub->value[0] != 0 ||
        !core::equal(pub->value.subspan(1), key.public_key().raw_public()))
      return mismatch("OneAsymmetricKey");
    return {};
  };

  if (oid::equals(alg_oid, oid::rsa_encryption) || oid::equals(alg_oid, oid::rsassa_pss)) {
    bool pss = oid::equals(alg_oid, oid::rsassa_pss);
    if (!pss && params && params->tag != der::tag::null)
      return make_error(Alert::decode_error, "rsaEncryption parameters must be NULL");
    return parse_rsa_private_key(inner, pss);
  }
  if (oid::equals(alg_oid, oid::ec_public_key)) {
    if (!params || params->tag != der::tag::oid)
      return make_error(Alert::illegal_parameter, "EC private key without a named curve (explicit curve parameters are not supported)");
    GLASS_TRY(auto curve, curve_from_oid(params->value));
    GLASS_TRY(auto key, parse_ec_private_key(inner, curve));
    GLASS_CHECK(check_pub(key));
    return key;
  }
  if (oid::equals(alg_oid, oid::ed25519)) {
    if (params) return make_error(Alert::decode_error, "Ed25519 key algorithm must have no parameters");
    GLASS_TRY(auto key, parse_ed25519_private_key(inner));
    GLASS_CHECK(check_pub(key));
    return key;
  }
  return unsupported_key(alg_oid);
}

core::Result<SigningKey> parse_sec1(ByteView der_bytes) {
  return parse_ec_private_key(der_bytes, std::nullopt);
}

core::Result<SigningKey> parse_pkcs1(ByteView der_bytes) { return parse_rsa_private_key(der_bytes, false); }

namespace {
struct EncryptedInfo {
  pbe::Algorithm alg;
  ByteView data;
};
core::Result<EncryptedInfo> parse_epki(ByteView der_bytes) {
  der::Reader outer(der_bytes);
  GLASS_TRY(auto r, outer.sequence("EncryptedPrivateKeyInfo"));
  EncryptedInfo e;
  GLASS_TRY(e.alg, pbe::parse_algorithm(r));
  GLASS_TRY(e.data, r.octet_string("EncryptedPrivateKeyInfo.encryptedData"));
  GLASS_CHECK(r.expect_end("EncryptedPrivateKeyInfo"));
  GLASS_CHECK(outer.expect_end("EncryptedPrivateKeyInfo"));
  return e;
}
}  // namespace

core::Result<pbe::Algorithm> encrypted_pkcs8_algorithm(ByteView der_bytes) {
  GLASS_TRY(auto e, parse_epki(der_bytes));
  return e.alg;
}

core::Result<SecretBytes> decrypt_pkcs8(ByteView der_bytes, const pbe::Password& pw, pbe::Algorithm* alg) {
  GLASS_TRY(auto e, parse_epki(der_bytes));
  if (alg) *alg = e.alg;
  return pbe::decrypt_with(e.alg, pw, e.data);
}

core::Result<Bytes> encrypt_pkcs8(ByteView pkcs8_der, const pbe::Password& pw, const pbe::Algorithm& alg) {
  GLASS_TRY(auto ct, pbe::encrypt_with(alg, pw, pkcs8_der));
  der::Writer w;
  w.sequence([&] {
    w.raw(pbe::encode_algorithm(alg));
    w.octet_string(ct);
  });
  return w.take();
}

namespace {

Bytes ec_private_key_der(const SigningKey& key, bool with_params) {
  der::Writer w;
  auto scalar = key.ec_scalar();
  w.sequence([&] {
    w.small_integer(1);
    w.octet_string(scalar);
    if (with_params) w.constructed(der::tag::context(0, true), [&] { w.oid(curve_oid(key.ec_curve())); });
    w.constructed(der::tag::context(1, true), [&] { w.bit_string(key.public_key().raw_public()); });
  });
  return w.take();
}

Bytes rsa_private_key_der(const SigningKey& key) {
  auto p = key.rsa_parts();
  der::Writer w;
  w.sequence([&] {
    w.small_integer(0);
    for (const Bytes* f : {&p.n, &p.e, &p.d, &p.p, &p.q, &p.dp, &p.dq, &p.qinv}) w.unsigned_integer(*f);
  });
  return w.take();
}

}  // namespace

core::Result<SecretBytes> encode_pkcs8(const SigningKey& key) {
  der::Writer w;
  Bytes inner;
  switch (key.type()) {
    case KeyType::rsa:
    case KeyType::rsa_pss:
      inner = rsa_private_key_der(key);
      break;
    case KeyType::ecdsa_p256:
    case KeyType::ecdsa_p384:
      inner = ec_private_key_der(key, false);
      break;
    case KeyType::ed25519: {
      der::Writer s;
      auto seed = key.ed25519_seed();
      s.octet_string(seed);
      inner = s.take();
      break;
    }
  }
  w.sequence([&] {
    w.small_integer(0);
    w.sequence([&] {
      switch (key.type()) {
        case KeyType::rsa: w.oid(oid::rsa_encryption); w.null(); break;
        case KeyType::rsa_pss: w.oid(oid::rsassa_pss); break;
        case KeyType::ecdsa_p256:
        case KeyType::ecdsa_p384:
          w.oid(oid::ec_public_key);
          w.oid(curve_oid(key.ec_curve()));
          break;
        case KeyType::ed25519: w.oid(oid::ed25519); break;
      }
    });
    w.octet_string(inner);
  });
  core::secure_wipe(inner);
  return take_secret(w.take());
}

core::Result<SecretBytes> encode_sec1(const SigningKey& key) {
  if (key.type() != KeyType::ecdsa_p256 && key.type() != KeyType::ecdsa_p384)
    return make_error(Alert::illegal_parameter, "SEC1 ECPrivateKey needs an EC key, not " +
                                                    std::string(crypto::key_type_name(key.type())));
  return take_secret(ec_private_key_der(key, true));
}

core::Result<SecretBytes> encode_pkcs1(const SigningKey& key) {
  if (key.type() != KeyType::rsa)
    return make_error(Alert::illegal_parameter, "PKCS#1 RSAPrivateKey needs an RSA key, not " +
                                                    std::string(crypto::key_type_name(key.type())));
  return take_secret(rsa_private_key_der(key));
}

core::Result<LoadedKey> parse_private_key_der(ByteView der_bytes, const pbe::Password& pw) {
  // Tell the formats apart by their first fields.
  der::Reader outer(der_bytes);
  GLASS_TRY(auto r, outer.sequence("private key"));
  GLASS_TRY(auto first, r.next("private key first field"));
  if (first.tag == der::tag::sequence) {
    pbe::Algorithm alg;
    GLASS_TRY(auto pkcs8, decrypt_pkcs8(der_bytes, pw, &alg));
    auto key = parse_pkcs8(pkcs8);
    if (!key)
      return make_error(key.error().alert == Alert::illegal_parameter ? Alert::illegal_parameter
                                                                      : Alert::decrypt_error,
                        "encrypted PKCS#8 did not decrypt to a valid key (wrong password?): " +
                            key.error().reason);
    return LoadedKey{std::move(*key), KeyFormat::encrypted_pkcs8, alg};
  }
  if (first.tag != der::tag::integer)
    return make_error(Alert::decode_error, "not a private key: expected INTEGER or SEQUENCE first");
  GLASS_TRY(auto second, r.next("private key second field"));
  if (second.tag == der::tag::sequence) {
    GLASS_TRY(auto key, parse_pkcs8(der_bytes));
    return LoadedKey{std::move(key), KeyFormat::pkcs8, std::nullopt};
  }
  if (second.tag == der::tag::octet_string) {
    GLASS_TRY(auto key, parse_sec1(der_bytes));
    return LoadedKey{std::move(key), KeyFormat::sec1, std::nullopt};
  }
  if (second.tag == der::tag::integer) {
    GLASS_TRY(auto key, parse_pkcs1(der_bytes));
    return LoadedKey{std::move(key), KeyFormat::pkcs1, std::nullopt};
  }
  return make_error(Alert::decode_error, "not a private key (unknown structure)");
}

core::Result<LoadedKey> load_private_key(ByteView file, const pbe::Password& pw) {
  GLASS_TRY(auto blocks, pem::decode_any(file));
  for (const auto& b : blocks) {
    if (b.from_der) return parse_private_key_der(b.data, pw);
    if (b.label != "PRIVATE KEY" && b.label != "ENCRYPTED PRIVATE KEY" && b.label != "EC PRIVATE KEY" &&
        b.label != "RSA PRIVATE KEY")
      continue;
    if (b.header("Proc-Type").find("ENCRYPTED") != std::string_view::npos)
      return make_error(Alert::illegal_parameter,
                        "unsupported legacy PEM encryption (Proc-Type: 4,ENCRYPTED, DEK-Info: " +
                            std::string(b.header("DEK-Info")) +
                            ") in block '" + b.label + "' at line " + std::to_string(b.line) +
                            "; convert with openssl pkcs8 -topk8");
    auto where = [&](core::Error e) {
      e.reason = "'" + b.label + "' block at line " + std::to_string(b.line) + ": " + e.reason;
      return e;
    };
    if (b.label == "EC PRIVATE KEY") {
      auto k = parse_sec1(b.data);
      if (!k) return where(std::move(k).error());
      return LoadedKey{std::move(*k), KeyFormat::sec1, std::nullopt};
    }
    if (b.label == "RSA PRIVATE KEY") {
      auto k = parse_pkcs1(b.data);
      if (!k) return where(std::move(k).error());
      return LoadedKey{std::move(*k), KeyFormat::pkcs1, std::nullopt};
    }
    if (b.label == "PRIVATE KEY") {
      auto k = parse_pkcs8(b.data);
      if (!k) return where(std::move(k).error());
      return LoadedKey{std::move(*k), KeyFormat::pkcs8, std::nullopt};
    }
    auto k = parse_private_key_der(b.data, pw);
    if (!k) return where(std::move(k).error());
    if (k->format != KeyFormat::encrypted_pkcs8)
      return where(make_error(Alert::decode_error, "ENCRYPTED PRIVATE KEY block holds an unencrypted key"));
    return k;
  }
  return make_error(Alert::decode_error, "no private key block (PRIVATE KEY, ENCRYPTED PRIVATE KEY, "
                                         "EC PRIVATE KEY, RSA PRIVATE KEY) in the PEM input");
}

core::Result<CertificateFields> certificate_fields(ByteView cert_der) {
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
  der::Reader outer(cert_der);
  GLASS_TRY(auto cert, outer.sequence("Certificate"));
  GLASS_TRY(auto tbs, cert.sequence("TBSCertificate"));
  GLASS_TRY(auto version, tbs.optional(der::tag::context(0, true), "TBSCertificate.version"));
  (void)version;
  GLASS_TRY(auto serial, tbs.next("TBSCertificate.serialNumber"));
  (void)serial;
  GLASS_TRY(auto sig, tbs.expect(der::tag::sequence, "TBSCertificate.signature"));
  (void)sig;
  CertificateFields f;
  GLASS_TRY(auto issuer, tbs.expect(der::tag::sequence, "TBSCertificate.issuer"));
  f.issuer = issuer.whole;
  GLASS_TRY(auto validity, tbs.expect(der::tag::sequence, "TBSCertificate.validity"));
  (void)validity;
  GLASS_TRY(auto subject, tbs.expect(der::tag::sequence, "TBSCertificate.subject"));
  f.subject = subject.whole;
  GLASS_TRY(auto spki, tbs.expect(der::tag::sequence, "TBSCertificate.subjectPublicKeyInfo"));
  f.spki = spki.whole;
  return f;
}

core::Result<bool> key_matches_certificate(const SigningKey& key, ByteView cert_der) {
  GLASS_TRY(auto f, certificate_fields(cert_der));
  GLASS_TRY(auto info, parse_spki(f.spki));
  if (!info.key) return false;
  return key.public_key().same_key(*info.key);
}

}  // namespace glass::x509
