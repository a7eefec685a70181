// One DER certificate (RFC 5280 4.1) as a complete field tree in wire order:
// tbsCertificate (version, serial, signature, issuer, validity, subject,
// subjectPublicKeyInfo, unique ids, every extension decoded), then the outer
// signatureAlgorithm and signatureValue. Every node covers the exact bytes of
// its DER element. The certificate was already checked by x509::Certificate;
// the walk still reads through der::Reader and ends in an error node on
// anything unexpected.
#include <string>

#include "inspect/dissect_cert_util.hpp"
#include "x509/certificate.hpp"
#include "x509/oid.hpp"

namespace glass::inspect::detail {

namespace der = x509::der;
namespace oid = x509::oid;

std::string oid_label(ByteView o) {
  // Names the x509 layer does not need but a reader of a certificate meets.
  static const std::pair<std::string_view, std::string_view> extra[] = {
      {"1.3.6.1.5.5.7.48.1", "OCSP"},
      {"1.3.6.1.5.5.7.48.2", "caIssuers"},
      {"1.3.6.1.5.5.7.2.1", "CPS"},
      {"1.3.6.1.5.5.7.2.2", "userNotice"},
      {"2.5.29.32.0", "anyPolicy"},
      {"2.5.29.36", "policyConstraints"},
      {"2.5.29.54", "inhibitAnyPolicy"},
      {"2.5.29.9", "subjectDirectoryAttributes"},
      {"2.5.29.46", "freshestCRL"},
      {"1.3.6.1.5.5.7.1.11", "subjectInfoAccess"},
      {"1.3.6.1.5.5.7.1.24", "TLS Feature"},
      {"1.3.6.1.4.1.11129.2.4.2", "CT precertificate SCTs"},
      {"2.23.140.1.2.1", "CA/B domain-validated"},
      {"2.23.140.1.2.2", "CA/B organization-validated"},
  };
  const std::string dotted = der::oid_to_string(o);
  for (const auto& [d, n] : extra)
    if (dotted == d) return std::string(n) + " (" + dotted + ")";
  std::string n = oid::name(o);
  return n == dotted ? dotted : n + " (" + dotted + ")";
}

core::Result<der::Element> oid_element(der::Reader& r, const char* what) {
  GLASS_TRY(auto e, r.expect(der::tag::oid, what));
  GLASS_CHECK(der::check_oid_contents(e.value, what, e.offset));
  return e;
}

std::string general_name(const CertSpan& c, der::Reader& r, Field& p, const char* what,
                         bool constraints) {
  auto g = x509::parse_general_name(r, constraints);
  if (!g) {
    c.error(p, r, g.error());
    return {};
  }
  std::string text = x509::general_name_to_string(*g);
  p.add(c.node(what, g->whole, text));
  return text;
}

std::string general_names(const CertSpan& c, der::Reader r, Field& p) {
  std::string all;
  while (!r.empty()) {
    std::string t = general_name(c, r, p, "general_name");
    if (t.empty()) break;
    all += (all.empty() ? "" : ", ") + t;
  }
  return all;
}

namespace {

std::string string_value(const der::Element& e) {
  switch (e.tag) {
    case der::tag::utf8_string: case der::tag::printable_string: case der::tag::ia5_string:
    case der::tag::visible_string: case der::tag::t61_string:
      return quoted(e.value);
    default: return der::tag_name(e.tag) + ", " + hex_short(e.value);
  }
}

// RelativeDistinguishedName: a SET of AttributeTypeAndValue.
Field rdn_tree(const CertSpan& c, const der::Element& rdn_el) {
  Field rdn = c.node("rdn", rdn_el.whole, {}, "RelativeDistinguishedName: a SET of attributes");
  der::Reader attrs(rdn_el.value, rdn_el.offset + rdn_el.header_len);
  while (!attrs.empty()) {
    auto atv = attrs.next("AttributeTypeAndValue");
    if (!atv || atv->tag != der::tag::sequence) {
      if (atv) c.error(rdn, attrs, core::make_error(core::Alert::decode_error, "attribute is not a SEQUENCE"));
      else c.error(rdn, attrs, atv.error());
      break;
    }
    der::Reader in(atv->value);
    auto type = oid_element(in, "attribute type");
    auto val = type ? in.next("attribute value") : core::Result<der::Element>(type.error());
    if (!val) { c.error(rdn, in, val.error()); break; }
    rdn.add(c.node("attribute", atv->whole, oid::name(type->value) + " = " + string_value(*val)));
  }
  std::size_t n = rdn.children.size();
  rdn.value = std::to_string(n) + (n == 1 ? " attribute" : " attributes");
  return rdn;
}

// Name ::= SEQUENCE OF RelativeDistinguishedName, in DER order.
Field name_tree(const CertSpan& c, ByteView whole, const x509::Name& name, const char* what,
                std::string note) {
  Field n = c.node(what, whole, name.empty() ? "(empty)" : name.to_string(), std::move(note));
  der::Reader outer(whole);
  auto seq = outer.sequence(what);
  if (!seq) { c.error(n, outer, seq.error()); return n; }
  while (!seq->empty()) {
    auto rdn_el = seq->next("RelativeDistinguishedName");
    if (!rdn_el) { c.error(n, *seq, rdn_el.error()); break; }
    n.add(rdn_tree(c, *rdn_el));
  }
  return n;
}

Field algorithm_identifier(const CertSpan& c, ByteView whole, const char* what, std::string note) {
  Field a = c.node(what, whole, {}, std::move(note));
  der::Reader outer(whole);
  auto seq = outer.sequence(what);
  if (!seq) { c.error(a, outer, seq.error()); return a; }
  auto alg = oid_element(*seq, "algorithm");
  if (!alg) { c.error(a, *seq, alg.error()); return a; }
  a.value = oid_label(alg->value);
  a.add(c.node("algorithm", alg->whole, a.value));
  if (!seq->empty()) {
    auto params = seq->next("parameters");
    if (!params) { c.error(a, *seq, params.error()); return a; }
    std::string v = params->tag == der::tag::null ? "NULL"
                    : params->tag == der::tag::oid
                        ? oid_label(params->value)
                        : der::tag_name(params->tag) + ", " + nbytes(params->value.size());
    if (params->tag == der::tag::oid) a.value += ", " + oid::name(params->value);
    a.add(c.node("parameters", params->whole, v));
  }
  return a;
}

Field validity_tree(const CertSpan& c, const x509::Certificate& cert) {
  const auto& f = cert.fields();
  Field v = c.node("validity", f.validity,
                   der::format_time(cert.not_before()) + " .. " + der::format_time(cert.not_after()),
                   "the certificate is only valid between these two times");
  v.add(c.node("not_before", f.not_before, der::format_time(cert.not_before()),
               f.not_before.size() == 15 ? "UTCTime (years 1950-2049)" : "GeneralizedTime"));
  v.add(c.node("not_after", f.not_after, der::format_time(cert.not_after()),
               f.not_after.size() == 15 ? "UTCTime (years 1950-2049)" : "GeneralizedTime"));
  return v;
}

Field spki_tree(const CertSpan& c, const x509::Certificate& cert) {
  ByteView spki = cert.fields().spki;
  std::string key = "unsupported key algorithm";
  auto pk = cert.public_key();
  if (pk) {
    key = std::string(crypto::key_type_name(pk->type));
    if ((pk->type == crypto::KeyType::rsa || pk->type == crypto::KeyType::rsa_pss) && pk->key)
      key += " (" + std::to_string(pk->key->bits()) + " bit)";
  }
  Field s = c.node("public_key", spki, key,
                   "subjectPublicKeyInfo: the key the owner proves it holds in CertificateVerify");
  der::Reader outer(spki);
  auto seq = outer.sequence("subjectPublicKeyInfo");
  auto alg = seq ? seq->next("algorithm") : core::Result<der::Element>(seq.error());
  auto bits = alg ? seq->next("subjectPublicKey") : core::Result<der::Element>(alg.error());
  if (!bits) { c.error(s, seq ? *seq : outer, bits.error()); return s; }
  s.add(algorithm_identifier(c, alg->whole, "algorithm", "the key's type (and curve)"));
  std::string v = nbytes(bits->value.size() > 0 ? bits->value.size() - 1 : 0);
  if (pk && !pk->key_bits.empty() && pk->key_bits[0] == 0x04 &&
      (pk->type == crypto::KeyType::ecdsa_p256 || pk->type == crypto::KeyType::ecdsa_p384))
    v += ": 04 || x || y (an uncompressed point)";
  s.add(c.node("subject_public_key", bits->whole, v, "BIT STRING: the public key itself"));
  return s;
}

Field serial_node(const CertSpan& c, const x509::Certificate& cert) {
  return c.node("serial_number", cert.fields().serial, hex_short(cert.serial(), 20),
                "unique among the certificates of this issuer");
}

Field extensions_tree(const CertSpan& c, const x509::Certificate& cert);

Field tbs_tree(const CertSpan& c, const x509::Certificate& cert) {
  const auto& f = cert.fields();
  Field t = c.node("tbs_certificate", f.tbs, nbytes(f.tbs.size()),
                   "tbsCertificate: everything the issuer's signature covers");
  if (!f.version.empty())
    t.add(c.node("version", f.version,
                 "v" + std::to_string(cert.version()) + " (" + std::to_string(cert.version() - 1) + ")",
                 "[0] EXPLICIT INTEGER; absent means v1"));
  t.add(serial_node(c, cert));
  t.add(algorithm_identifier(c, f.tbs_signature, "signature",
                             "the issuer's signature algorithm (repeated outside the signed part)"));
  t.add(name_tree(c, f.issuer, cert.issuer(), "issuer",
                  "the CA that signed it; must match the subject of the next certificate up"));
  t.add(validity_tree(c, cert));
  t.add(name_tree(c, f.subject, cert.subject(), "subject", "who this certificate names (its owner)"));
  t.add(spki_tree(c, cert));
  if (!f.issuer_unique_id.empty())
    t.add(c.node("issuer_unique_id", f.issuer_unique_id, nbytes(f.issuer_unique_id.size()), "[1] (obsolete)"));
  if (!f.subject_unique_id.empty())
    t.add(c.node("subject_unique_id", f.subject_unique_id, nbytes(f.subject_unique_id.size()), "[2] (obsolete)"));
  if (!f.extensions.empty()) t.add(extensions_tree(c, cert));
  return t;
}

Field extension_tree(const CertSpan& c, const x509::Extension& x) {
  Field e = c.node(extension_node_name(x.oid), x.whole, oid_label(x.oid) + (x.critical ? ", critical" : ""),
                   x.critical ? "critical: a verifier that does not understand it must reject the certificate"
                              : std::string());
  der::Reader outer(x.whole);
  auto seq = outer.sequence("Extension");
  auto id = seq ? oid_element(*seq, "extnID") : core::Result<der::Element>(seq.error());
  if (!id) { c.error(e, seq ? *seq : outer, id.error()); return e; }
  e.add(c.node("extn_id", id->whole, oid_label(id->value)));
  auto crit = seq->optional(der::tag::boolean, "critical");
  if (crit && *crit) e.add(c.node("critical", (*crit)->whole, "TRUE"));
  auto val = seq->expect(der::tag::octet_string, "extnValue");
  if (!val) { c.error(e, *seq, val.error()); return e; }
  Field v = c.node("extn_value", val->whole, nbytes(val->value.size()), "OCTET STRING holding the DER value");
  extension_value(c, x.oid, val->value, v);
  e.value += v.value.empty() || v.value == nbytes(val->value.size()) ? "" : ": " + v.value;
  e.add(std::move(v));
  return e;
}

Field extensions_tree(const CertSpan& c, const x509::Certificate& cert) {
  const auto& f = cert.fields();
  Field list = c.node("extensions", f.extensions, {}, "[3] EXPLICIT SEQUENCE OF Extension");
  x509::ExtensionIterator it(cert.extensions().der);
  x509::Extension x;
  std::size_t n = 0;
  while (it.next(x)) {
    list.add(extension_tree(c, x));
    ++n;
  }
  list.value = std::to_string(n) + (n == 1 ? " extension" : " extensions");
  return list;
}

}  // namespace

void certificate_tree(ByteView der, std::size_t base, Field& entry) {
  auto cert = x509::Certificate::parse(der);
  if (!cert) {
    entry.add(leaf("certificate_parse_error", base, der.size(), cert.error().reason,
                   "these bytes are not a certificate our X.509 parser accepts"));
    return;
  }
  CertSpan c{der, base};
  const auto& f = cert->fields();
  std::string subj = cert->subject().to_string();
  entry.value = "X.509 v" + std::to_string(cert->version()) + ": " +
                (subj.empty() ? std::string("(empty subject)") : subj);
  Field top = c.node("certificate", f.certificate, entry.value,
                     "Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }");
  top.add(tbs_tree(c, *cert));
  top.add(algorithm_identifier(c, f.signature_algorithm, "signature_algorithm",
                               "how the issuer signed this certificate"));
  top.add(c.node("signature_value", f.signature_value, nbytes(cert->signature().size()),
                 "the issuer's signature over tbs_certificate"));
  entry.add(std::move(top));
}

}  // namespace glass::inspect::detail
