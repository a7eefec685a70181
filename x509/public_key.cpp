#include "x509/public_key.hpp"

#include "x509/oid.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;
using crypto::KeyType;
using crypto::NamedGroup;

namespace {

core::Error unsupported(ByteView alg) {
  return make_error(Alert::unsupported_certificate,
                    "unsupported public key algorithm " + oid::name(alg) + " (" +
                        der::oid_to_string(alg) + ")");
}

}  // namespace

core::Result<PublicKeyInfo> parse_spki(der::Reader& outer) {
  PublicKeyInfo info;
  GLASS_TRY(auto whole, outer.expect(der::tag::sequence, "SubjectPublicKeyInfo"));
  info.der = whole.whole;
  der::Reader r(whole.value, whole.offset + whole.header_len);
  GLASS_TRY(auto alg, r.sequence("SubjectPublicKeyInfo.algorithm"));
  GLASS_TRY(info.algorithm_oid, alg.oid("SubjectPublicKeyInfo.algorithm.algorithm"));
  if (!alg.empty()) {
    GLASS_TRY(auto params, alg.next("SubjectPublicKeyInfo.algorithm.parameters"));
    GLASS_CHECK(der::check_any(params, "SubjectPublicKeyInfo.algorithm.parameters"));
    info.algorithm_params = params.whole;
  }
  GLASS_CHECK(alg.expect_end("SubjectPublicKeyInfo.algorithm"));
  GLASS_TRY(auto bits, r.bit_string("SubjectPublicKeyInfo.subjectPublicKey"));
  GLASS_CHECK(r.expect_end("SubjectPublicKeyInfo"));
  if (bits.unused_bits != 0)
    return make_error(Alert::decode_error, "subjectPublicKey has unused bits");
  info.key_bits = bits.bytes;

  const ByteView a = info.algorithm_oid;
  if (oid::equals(a, oid::rsa_encryption) || oid::equals(a, oid::rsassa_pss)) {
    bool pss = oid::equals(a, oid::rsassa_pss);
    // RFC 3279 2.3.1: rsaEncryption parameters MUST be NULL. RFC 4055 3.1: PSS
    // keys have absent or RSASSA-PSS-params parameters (kept raw here).
    if (!pss) {
      static const std::uint8_t null_der[] = {0x05, 0x00};
      if (!core::equal(info.algorithm_params, null_der))
        return make_error(Alert::decode_error, "rsaEncryption parameters must be NULL");
    }
    der::Reader kr(info.key_bits);
    GLASS_TRY(auto seq, kr.sequence("RSAPublicKey"));
    GLASS_TRY(auto n, seq.unsigned_integer("RSAPublicKey.modulus"));
    GLASS_TRY(auto e, seq.unsigned_integer("RSAPublicKey.publicExponent"));
    GLASS_CHECK(seq.expect_end("RSAPublicKey"));
    GLASS_CHECK(kr.expect_end("RSAPublicKey"));
    GLASS_TRY(auto key, crypto::VerifyingKey::rsa(n, e, pss));
    info.type = pss ? KeyType::rsa_pss : KeyType::rsa;
    info.key = std::move(key);
    return info;
  }
  if (oid::equals(a, oid::ec_public_key)) {
    // RFC 5480 2.1.1: namedCurve only.
    der::Reader pr(info.algorithm_params);
    GLASS_TRY(auto curve, pr.oid("ECParameters.namedCurve"));
    GLASS_CHECK(pr.expect_end("ECParameters"));
    if (oid::equals(curve, oid::secp256r1)) {
      info.type = KeyType::ecdsa_p256;
      info.curve = NamedGroup::secp256r1;
    } else if (oid::equals(curve, oid::secp384r1)) {
      info.type = KeyType::ecdsa_p384;
      info.curve = NamedGroup::secp384r1;
    } else {
      return make_error(Alert::unsupported_certificate,
                        "unsupported elliptic curve " + oid::name(curve) + " (" +
                            der::oid_to_string(curve) + ")");
    }
    GLASS_TRY(auto key, crypto::VerifyingKey::ecdsa(info.curve, info.key_bits));
    info.key = std::move(key);
    return info;
  }
  if (oid::equals(a, oid::ed25519)) {
    // RFC 8410 3: parameters MUST be absent.
    if (!info.algorithm_params.empty())
      return make_error(Alert::decode_error, "Ed25519 key algorithm must have no parameters");
    GLASS_TRY(auto key, crypto::VerifyingKey::ed25519(info.key_bits));
    info.type = KeyType::ed25519;
    info.key = std::move(key);
    return info;
  }
  return unsupported(a);
}

core::Result<PublicKeyInfo> parse_spki(ByteView der) {
  der::Reader r(der);
  GLASS_TRY(auto info, parse_spki(r));
  GLASS_CHECK(r.expect_end("SubjectPublicKeyInfo"));
  return info;
}

core::Result<Bytes> encode_spki(const crypto::VerifyingKey& key) {
  der::Writer w;
  switch (key.type()) {
    case KeyType::rsa:
    case KeyType::rsa_pss: {
      der::Writer k;
      k.sequence([&] {
        k.unsigned_integer(key.rsa_modulus());
        k.unsigned_integer(key.rsa_exponent());
      });
      Bytes kb = k.take();
      w.sequence([&] {
        w.sequence([&] {
          if (key.type() == KeyType::rsa) {
            w.oid(oid::rsa_encryption);
            w.null();
          } else {
            w.oid(oid::rsassa_pss);
          }
        });
        w.bit_string(kb);
      });
      break;
    }
    case KeyType::ecdsa_p256:
    case KeyType::ecdsa_p384:
      w.sequence([&] {
        w.sequence([&] {
          w.oid(oid::ec_public_key);
          w.oid(key.type() == KeyType::ecdsa_p256 ? oid::secp256r1 : oid::secp384r1);
        });
        w.bit_string(key.raw_public());
      });
      break;
    case KeyType::ed25519:
      w.sequence([&] {
        w.sequence([&] { w.oid(oid::ed25519); });
        w.bit_string(key.raw_public());
      });
      break;
  }
  return w.take();
}

}  // namespace glass::x509
