#include "x509/certificate.hpp"

#include "x509/oid.hpp"
#include "x509/signature_algorithm.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

core::Error invalid(std::string why) { return make_error(Alert::bad_certificate, std::move(why)); }

}  // namespace

core::Result<Certificate> Certificate::parse(ByteView der) {
  Certificate c;
  der::Reader top(der);
  GLASS_TRY(auto cert, top.expect(der::tag::sequence, "Certificate"));
  GLASS_CHECK(top.expect_end("Certificate"));
  c.f_.certificate = cert.whole;
  der::Reader cr(cert.value, cert.offset + cert.header_len);

  GLASS_TRY(auto tbs_el, cr.expect(der::tag::sequence, "tbsCertificate"));
  c.f_.tbs = tbs_el.whole;
  GLASS_TRY(auto sig_alg, cr.expect(der::tag::sequence, "signatureAlgorithm"));
  c.f_.signature_algorithm = sig_alg.whole;
  GLASS_TRY(auto sig_el, cr.expect(der::tag::bit_string, "signatureValue"));
  c.f_.signature_value = sig_el.whole;
  GLASS_CHECK(cr.expect_end("Certificate"));
  {
    der::Reader sr(sig_el.whole, sig_el.offset);
    GLASS_TRY(auto bits, sr.bit_string("signatureValue"));
    if (bits.unused_bits != 0)
      return make_error(Alert::decode_error, "signatureValue has unused bits");
    c.signature_ = bits.bytes;
  }

  der::Reader t(tbs_el.value, tbs_el.offset + tbs_el.header_len);
  GLASS_CHECK(c.parse_version_serial(t));
  GLASS_TRY(auto tbs_sig, t.expect(der::tag::sequence, "signature"));
  c.f_.tbs_signature = tbs_sig.whole;
  // RFC 5280 4.1.1.2: MUST contain the same algorithm identifier as signature.
  if (!core::equal(tbs_sig.whole, sig_alg.whole))
    return invalid("signatureAlgorithm differs from the TBSCertificate signature field");

  GLASS_TRY(c.issuer_, Name::parse(t, "issuer"));
  c.f_.issuer = c.issuer_.der();
  GLASS_CHECK(c.parse_validity(t, der));
  GLASS_TRY(c.subject_, Name::parse(t, "subject"));
  c.f_.subject = c.subject_.der();
  GLASS_CHECK(c.check_spki(t));
  GLASS_CHECK(c.parse_tbs_tail(t));
  GLASS_CHECK(t.expect_end("tbsCertificate"));
  return c;
}

// version [0] EXPLICIT Version DEFAULT v1, then serialNumber.
core::Status Certificate::parse_version_serial(der::Reader& t) {
  GLASS_TRY(auto ver, t.optional(der::tag::context(0, true), "version"));
  if (ver) {
    f_.version = ver->whole;
    der::Reader vr(ver->value, ver->offset + ver->header_len);
    GLASS_TRY(auto v, vr.small_integer("version"));
    GLASS_CHECK(vr.expect_end("version"));
    if (v == 0)
      return make_error(Alert::decode_error, "version v1 is encoded explicitly (not DER)");
    if (v != 1 && v != 2)
      return make_error(Alert::decode_error, "unknown certificate version " + std::to_string(v));
    version_ = static_cast<int>(v) + 1;
  }
  GLASS_TRY(auto serial, t.expect(der::tag::integer, "serialNumber"));
  f_.serial = serial.whole;
  {
    der::Reader sr(serial.whole, serial.offset);
    GLASS_TRY(serial_, sr.integer("serialNumber"));
  }
  // RFC 5280 4.1.2.2: conforming users MUST handle serials up to 20 octets.
  if (serial_.size() > 21)
    return invalid("serialNumber is " + std::to_string(serial_.size()) +
                   " bytes long (at most 20 allowed)");
  return {};
}

core::Status Certificate::parse_validity(der::Reader& t, ByteView der) {
  GLASS_TRY(auto validity_el, t.expect(der::tag::sequence, "validity"));
  f_.validity = validity_el.whole;
  der::Reader vr(validity_el.value, validity_el.offset + validity_el.header_len);
  std::size_t nb_at = vr.offset();
  GLASS_TRY(not_before_, vr.time("notBefore"));
  std::size_t na_at = vr.offset();
  GLASS_TRY(not_after_, vr.time("notAfter"));
  GLASS_CHECK(vr.expect_end("validity"));
  f_.not_before = der.subspan(nb_at, na_at - nb_at);  // offsets are absolute in der
  f_.not_after = der.subspan(na_at, vr.offset() - na_at);
  return {};
}

// Structure only; the key itself is decoded by public_key().
core::Status Certificate::check_spki(der::Reader& t) {
  GLASS_TRY(auto spki, t.expect(der::tag::sequence, "subjectPublicKeyInfo"));
  f_.spki = spki.whole;
  der::Reader kr(spki.value, spki.offset + spki.header_len);
  GLASS_TRY(auto alg, kr.sequence("subjectPublicKeyInfo.algorithm"));
  GLASS_TRY(spki_alg_, alg.oid("subjectPublicKeyInfo.algorithm.algorithm"));
  if (!alg.empty()) {
    GLASS_TRY(auto params, alg.next("subjectPublicKeyInfo.algorithm.parameters"));
    GLASS_CHECK(der::check_any(params, "subjectPublicKeyInfo.algorithm.parameters"));
  }
  GLASS_CHECK(alg.expect_end("subjectPublicKeyInfo.algorithm"));
  GLASS_TRY(auto bits, kr.bit_string("subjectPublicKey"));
  (void)bits;
  GLASS_CHECK(kr.expect_end("subjectPublicKeyInfo"));
  return {};
}

// issuerUniqueID [1] and subjectUniqueID [2] (IMPLICIT BIT STRING, v2/v3 only),
// then extensions [3] (v3 only).
core::Status Certificate::parse_tbs_tail(der::Reader& t) {
  GLASS_TRY(auto iuid, t.optional(der::tag::context(1, false), "issuerUniqueID"));
  GLASS_TRY(auto suid, t.optional(der::tag::context(2, false), "subjectUniqueID"));
  if ((iuid || suid) && version_ < 2)
    return make_error(Alert::decode_error, "unique identifiers in a v1 certificate");
  if (iuid) {
    GLASS_CHECK(der::bit_string_value(*iuid, "issuerUniqueID"));
    f_.issuer_unique_id = iuid->whole;
  }
  if (suid) {
    GLASS_CHECK(der::bit_string_value(*suid, "subjectUniqueID"));
    f_.subject_unique_id = suid->whole;
  }
  GLASS_TRY(auto exts, t.optional(der::tag::context(3, true), "extensions"));
  if (!exts) return {};
  if (version_ != 3)
    return make_error(Alert::decode_error, "extensions in a v" + std::to_string(version_) +
                                               " certificate");
  f_.extensions = exts->whole;
  der::Reader er(exts->value, exts->offset + exts->header_len);
  GLASS_TRY(auto list, er.expect(der::tag::sequence, "Extensions"));
  GLASS_CHECK(er.expect_end("extensions"));
  return parse_extensions(list.value, list.offset + list.header_len, ext_);
}

core::Result<Certificate> Certificate::parse_owned(Bytes der) {
  auto owned = std::make_shared<const Bytes>(std::move(der));
  GLASS_TRY(auto c, parse(*owned));
  c.owned_ = std::move(owned);
  return c;
}

std::string Certificate::serial_hex() const { return hex_colon(serial_); }

std::string hex_colon(ByteView b, bool upper) {
  const char* d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i) s += ':';
    s += d[b[i] >> 4];
    s += d[b[i] & 15];
  }
  return s;
}

core::Result<crypto::SigAlgorithm> Certificate::signature_algorithm() const {
  return parse_signature_algorithm(f_.signature_algorithm);
}

std::string Certificate::signature_algorithm_name() const {
  return x509::signature_algorithm_name(f_.signature_algorithm);
}

core::Result<PublicKeyInfo> Certificate::public_key() const {
  der::Reader r(f_.spki, offset_of(f_.spki));
  return parse_spki(r);
}

core::Status verify_signature(const Certificate& cert, const crypto::VerifyingKey& key) {
  GLASS_TRY(auto alg, cert.signature_algorithm());
  auto st = key.verify(alg, cert.tbs(), cert.signature());
  if (st) return {};
  const auto& e = st.error();
  if (e.alert == Alert::decrypt_error)
    return make_error(Alert::bad_certificate,
                      describe(alg) + " signature does not verify with the issuer's " +
                          std::string(crypto::key_type_name(key.type())) + " key");
  if (e.alert == Alert::illegal_parameter)
    return make_error(Alert::bad_certificate, "signature algorithm does not fit the issuer key: " +
                                                  e.reason);
  return make_error(Alert::bad_certificate, "signature check failed: " + e.reason);
}

}  // namespace glass::x509
