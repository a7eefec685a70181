// The extnValue of each certificate extension (RFC 5280 4.2) as children of
// the extension's node: basicConstraints, keyUsage, extKeyUsage, subject and
// issuer alternative names, key identifiers, nameConstraints, CRL
// distribution points, authority information access, certificate policies.
// Anything else is shown as hex under its OID (and name when known).
#include <string>

#include "inspect/dissect_cert_util.hpp"
#include "x509/extensions.hpp"
#include "x509/oid.hpp"

namespace glass::inspect::detail {

namespace der = x509::der;
namespace oid = x509::oid;

namespace {

using Decoder = void (*)(const CertSpan&, der::Reader&, Field&);

// Every decoder reads the whole extnValue with `r`; errors become error nodes.
bool bad(const CertSpan& c, der::Reader& r, Field& p, const core::Error& e) { return c.error(p, r, e); }

void basic_constraints(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("BasicConstraints");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  bool ca = false;
  auto cae = seq->optional(der::tag::boolean, "cA");
  if (!cae) { bad(c, *seq, p, cae.error()); return; }
  if (*cae) {
    ca = !(*cae)->value.empty() && (*cae)->value[0] != 0;
    p.add(c.node("ca", (*cae)->whole, ca ? "TRUE" : "FALSE", "may this key sign certificates?"));
  }
  p.value = ca ? "CA: true" : "CA: false";
  if (!seq->empty()) {
    auto pl = seq->next("pathLenConstraint");
    if (!pl) { bad(c, *seq, p, pl.error()); return; }
    std::uint64_t n = 0;
    for (auto b : pl->value) n = (n << 8) | b;
    p.add(c.node("path_len_constraint", pl->whole, std::to_string(n),
                 "at most this many intermediate CAs below this one"));
    p.value += ", pathlen " + std::to_string(n);
  }
  if (!ca) p.value += " (an end-entity certificate)";
}

void key_usage(const CertSpan& c, der::Reader& r, Field& p) {
  auto bits = r.next("KeyUsage");
  if (!bits || bits->tag != der::tag::bit_string) {
    if (bits) bad(c, r, p, core::make_error(core::Alert::decode_error, "keyUsage is not a BIT STRING"));
    else bad(c, r, p, bits.error());
    return;
  }
  auto bs = der::bit_string_value(*bits, "KeyUsage");
  std::uint16_t v = 0;
  if (bs)
    for (unsigned i = 0; i < 9; ++i)
      if (bs->bit(i)) v = static_cast<std::uint16_t>(v | (1u << i));
  p.value = x509::key_usage::to_string(v);
  p.add(c.node("bits", bits->whole, p.value, "BIT STRING of named bits (RFC 5280 4.2.1.3)"));
}

void ext_key_usage(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("ExtKeyUsageSyntax");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  std::string all;
  while (!seq->empty()) {
    auto o = oid_element(*seq, "KeyPurposeId");
    if (!o) { bad(c, *seq, p, o.error()); return; }
    std::string label = oid_label(o->value);
    std::string note = oid::equals(o->value, oid::kp_client_auth)   ? "may authenticate a TLS client"
                       : oid::equals(o->value, oid::kp_server_auth) ? "may authenticate a TLS server"
                                                                     : std::string();
    p.add(c.node("key_purpose", o->whole, label, note));
    all += (all.empty() ? "" : ", ") + oid::name(o->value);
  }
  p.value = all;
}

void alt_names(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("GeneralNames");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  p.value = general_names(c, *seq, p);
}

void key_identifier(const CertSpan& c, der::Reader& r, Field& p) {
  auto id = r.expect(der::tag::octet_string, "KeyIdentifier");
  if (!id) { bad(c, r, p, id.error()); return; }
  p.value = hex_short(id->value, 32);
  p.add(c.node("key_identifier", id->whole, p.value,
               "usually a hash of the public key: finds the issuer's certificate"));
}

void authority_key_id(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("AuthorityKeyIdentifier");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  while (!seq->empty()) {
    auto e = seq->next("AuthorityKeyIdentifier field");
    if (!e) { bad(c, *seq, p, e.error()); return; }
    if (e->tag == der::tag::context(0, false)) {
      p.value = "keyid " + hex_short(e->value, 32);
      p.add(c.node("key_identifier", e->whole, hex_short(e->value, 32),
                   "[0]: the issuer's subjectKeyIdentifier"));
    } else if (e->tag == der::tag::context(1, true)) {
      Field n = c.node("authority_cert_issuer", e->whole, {}, "[1] GeneralNames: the issuer's issuer");
      n.value = general_names(c, der::Reader(e->value), n);
      p.add(std::move(n));
    } else {
      p.add(c.node("authority_cert_serial_number", e->whole, hex_short(e->value, 20),
                   "[2]: the issuer certificate's serial"));
    }
  }
}

// GeneralSubtrees contents: SEQUENCE { base GeneralName, [0] minimum, [1] maximum }.
void subtrees(const CertSpan& c, der::Reader r, Field& p) {
  std::size_t n = 0;
  while (!r.empty()) {
    auto st = r.sequence("GeneralSubtree");
    if (!st) { bad(c, r, p, st.error()); return; }
    general_name(c, *st, p, "base", true);
    ++n;
  }
  p.value = std::to_string(n) + (n == 1 ? " subtree" : " subtrees");
}

void name_constraints(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("NameConstraints");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  while (!seq->empty()) {
    auto e = seq->next("GeneralSubtrees");
    if (!e) { bad(c, *seq, p, e.error()); return; }
    bool permitted = e->tag == der::tag::context(0, true);
    Field s = c.node(permitted ? "permitted_subtrees" : "excluded_subtrees", e->whole, {},
                     permitted ? "names below this CA must lie inside one of these"
                               : "names below this CA must lie outside all of these");
    subtrees(c, der::Reader(e->value), s);
    p.value += (p.value.empty() ? "" : ", ") + std::string(permitted ? "permitted " : "excluded ") + s.value;
    p.add(std::move(s));
  }
}

void distribution_point(const CertSpan& c, const der::Element& dp_el, Field& p) {
  Field dp = c.node("distribution_point", dp_el.whole, {}, "where a CRL covering this certificate is published");
  der::Reader in(dp_el.value);
  while (!in.empty()) {
    auto e = in.next("DistributionPoint field");
    if (!e) { bad(c, in, dp, e.error()); break; }
    if (e->tag == der::tag::context(0, true)) {
      der::Reader name(e->value);
      auto full = name.next("DistributionPointName");
      if (full && full->tag == der::tag::context(0, true)) {
        Field fn = c.node("full_name", full->whole, {}, "[0] GeneralNames");
        fn.value = general_names(c, der::Reader(full->value), fn);
        dp.value = fn.value;
        dp.add(std::move(fn));
      } else {
        dp.add(c.node("distribution_point_name", e->whole, nbytes(e->value.size())));
      }
    } else if (e->tag == der::tag::context(1, false)) {
      dp.add(c.node("reasons", e->whole, hex_short(e->value), "[1] ReasonFlags: the CRL covers only these"));
    } else {
      Field ci = c.node("crl_issuer", e->whole, {}, "[2] GeneralNames: who signs the CRL");
      ci.value = general_names(c, der::Reader(e->value), ci);
      dp.add(std::move(ci));
    }
  }
  p.add(std::move(dp));
}

void crl_distribution_points(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("CRLDistributionPoints");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  std::string all;
  while (!seq->empty()) {
    auto dp = seq->expect(der::tag::sequence, "DistributionPoint");
    if (!dp) { bad(c, *seq, p, dp.error()); return; }
    distribution_point(c, *dp, p);
    if (!p.children.back().value.empty()) all += (all.empty() ? "" : ", ") + p.children.back().value;
  }
  p.value = all;
}

void access_descriptions(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("AuthorityInfoAccessSyntax");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  std::string all;
  while (!seq->empty()) {
    auto ad = seq->expect(der::tag::sequence, "AccessDescription");
    if (!ad) { bad(c, *seq, p, ad.error()); return; }
    der::Reader in(ad->value);
    auto method = oid_element(in, "accessMethod");
    if (!method) { bad(c, in, p, method.error()); return; }
    Field a = c.node("access_description", ad->whole, oid_label(method->value));
    a.add(c.node("access_method", method->whole, a.value));
    std::string loc = general_name(c, in, a, "access_location");
    a.value += " " + loc;
    all += (all.empty() ? "" : ", ") + a.value;
    p.add(std::move(a));
  }
  p.value = all;
}

void policy_qualifiers(const CertSpan& c, der::Reader r, Field& p) {
  while (!r.empty()) {
    auto q = r.expect(der::tag::sequence, "PolicyQualifierInfo");
    if (!q) { bad(c, r, p, q.error()); return; }
    der::Reader in(q->value);
    auto id = oid_element(in, "policyQualifierId");
    if (!id) { bad(c, in, p, id.error()); return; }
    auto v = in.next("qualifier");
    std::string text = oid_label(id->value);
    if (v && v->tag == der::tag::ia5_string) text += " " + quoted(v->value);
    p.add(c.node("policy_qualifier", q->whole, text));
  }
}

void certificate_policies(const CertSpan& c, der::Reader& r, Field& p) {
  auto seq = r.sequence("certificatePolicies");
  if (!seq) { bad(c, r, p, seq.error()); return; }
  std::string all;
  while (!seq->empty()) {
    auto pi = seq->expect(der::tag::sequence, "PolicyInformation");
    if (!pi) { bad(c, *seq, p, pi.error()); return; }
    der::Reader in(pi->value);
    auto id = oid_element(in, "policyIdentifier");
    if (!id) { bad(c, in, p, id.error()); return; }
    Field pol = c.node("policy", pi->whole, oid_label(id->value));
    pol.add(c.node("policy_identifier", id->whole, oid_label(id->value)));
    if (!in.empty()) {
      auto qs = in.expect(der::tag::sequence, "policyQualifiers");
      if (qs) policy_qualifiers(c, der::Reader(qs->value), pol);
      else bad(c, in, pol, qs.error());
    }
    all += (all.empty() ? "" : ", ") + pol.value;
    p.add(std::move(pol));
  }
  p.value = all;
}

struct Known {
  std::string_view oid;
  const char* node;  // the extension node's name in the tree
  Decoder decode;
};

const Known kKnown[] = {
    {oid::ext_basic_constraints, "basic_constraints", basic_constraints},
    {oid::ext_key_usage, "key_usage", key_usage},
    {oid::ext_ext_key_usage, "ext_key_usage", ext_key_usage},
    {oid::ext_subject_alt_name, "subject_alt_name", alt_names},
    {oid::ext_issuer_alt_name, "issuer_alt_name", alt_names},
    {oid::ext_subject_key_id, "subject_key_identifier", key_identifier},
    {oid::ext_authority_key_id, "authority_key_identifier", authority_key_id},
    {oid::ext_name_constraints, "name_constraints", name_constraints},
    {oid::ext_crl_distribution_points, "crl_distribution_points", crl_distribution_points},
    {"2.5.29.46", "freshest_crl", crl_distribution_points},  // same syntax as CRL DPs
    {oid::ext_authority_info_access, "authority_info_access", access_descriptions},
    {"1.3.6.1.5.5.7.1.11", "subject_info_access", access_descriptions},
    {oid::ext_certificate_policies, "certificate_policies", certificate_policies},
};

}  // namespace

std::string extension_node_name(ByteView oid_contents) {
  for (const auto& k : kKnown)
    if (oid::equals(oid_contents, k.oid)) return k.node;
  return "extension";
}

void extension_value(const CertSpan& c, ByteView oid_contents, ByteView value, Field& ext) {
  for (const auto& k : kKnown) {
    if (!oid::equals(oid_contents, k.oid)) continue;
    der::Reader r(value);
    k.decode(c, r, ext);
    if (!r.empty() && !ext.has_error())
      fail(ext, c.at(value) + (value.size() - r.remaining()), "bytes after the extension's value");
    return;
  }
  ext.value = hex_short(value, 32);
  ext.note = "not decoded here: shown as DER bytes";
  if (!value.empty()) ext.add(c.node("value", value, nbytes(value.size()), "the extension's DER value"));
}

}  // namespace glass::inspect::detail
