#include "x509/extensions.hpp"

#include <array>
#include <cstdio>

#include "x509/oid.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

core::Error bad(std::string why) { return make_error(Alert::bad_certificate, std::move(why)); }

bool ia5_ok(ByteView v) {
  for (auto c : v)
    if (c >= 0x80) return false;
  return true;
}

// id-ce arcs (2.5.29.x) are the three bytes 55 1D x: compared without a table lookup.
int id_ce(ByteView o) { return o.size() == 3 && o[0] == 0x55 && o[1] == 0x1d ? o[2] : -1; }

// id-kp-serverAuth / clientAuth (1.3.6.1.5.5.7.3.1/2) and anyExtendedKeyUsage (2.5.29.37.0).
constexpr std::uint8_t kKpPrefix[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03};
constexpr std::uint8_t kAnyEku[] = {0x55, 0x1d, 0x25, 0x00};

}  // namespace

std::string_view general_name_type_label(GeneralNameType t) {
  switch (t) {
    case GeneralNameType::other_name: return "othername";
    case GeneralNameType::rfc822_name: return "email";
    case GeneralNameType::dns_name: return "DNS";
    case GeneralNameType::x400_address: return "X400Name";
    case GeneralNameType::directory_name: return "DirName";
    case GeneralNameType::edi_party_name: return "EdiPartyName";
    case GeneralNameType::uri: return "URI";
    case GeneralNameType::ip_address: return "IP Address";
    case GeneralNameType::registered_id: return "Registered ID";
  }
  return "?";
}

std::string ip_to_string(ByteView a) {
  char buf[64];
  if (a.size() == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    return buf;
  }
  if (a.size() == 8)
    return ip_to_string(a.first(4)) + "/" + ip_to_string(a.subspan(4));
  if (a.size() == 32)
    return ip_to_string(a.first(16)) + "/" + ip_to_string(a.subspan(16));
  if (a.size() != 16) return "<invalid IP of " + std::to_string(a.size()) + " bytes>";
  // RFC 5952: lowercase, longest run (>= 2) of zero groups becomes "::".
  unsigned g[8];
  for (int i = 0; i < 8; ++i) g[i] = (unsigned{a[2 * i]} << 8) | a[2 * i + 1];
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string s;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    if (!s.empty() && s.back() != ':') s += ':';
    std::snprintf(buf, sizeof buf, "%x", g[i]);
    s += buf;
  }
  return s;
}

std::optional<Bytes> parse_ip(std::string_view t) {
  auto parse_v4 = [](std::string_view s, std::uint8_t* out) {
    int parts = 0;
    std::size_t i = 0;
    while (parts < 4) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
      unsigned v = 0;
      std::size_t start = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + static_cast<unsigned>(s[i] - '0');
        if (v > 255 || i - start >= 3) return false;
        ++i;
      }
      if (i - start > 1 && s[start] == '0') return false;  // no octal-looking forms
      out[parts++] = static_cast<std::uint8_t>(v);
      if (parts < 4) {
        if (i >= s.size() || s[i] != '.') return false;
        ++i;
      }
    }
    return i == s.size();
  };
  if (t.find(':') == std::string_view::npos) {
    Bytes b(4);
    if (!parse_v4(t, b.data())) return std::nullopt;
    return b;
  }
  // IPv6 with optional "::" and an optional trailing dotted IPv4.
  std::uint16_t head[8], tail[8];
  int nh = 0, nt = 0;
  bool gap = false;
  std::size_t i = 0;
  if (t.substr(0, 2) == "::") {
    gap = true;
    i = 2;
  } else if (!t.empty() && t[0] == ':') {
    return std::nullopt;
  }
  while (i < t.size()) {
    std::size_t end = t.find(':', i);
    std::string_view part = t.substr(i, end == std::string_view::npos ? t.size() - i : end - i);
    auto* arr = gap ? tail : head;
    int& n = gap ? nt : nh;
    if (part.find('.') != std::string_view::npos) {
      if (end != std::string_view::npos || n > 6) return std::nullopt;
      std::uint8_t v4[4];
      if (!parse_v4(part, v4)) return std::nullopt;
      arr[n++] = static_cast<std::uint16_t>((v4[0] << 8) | v4[1]);
      arr[n++] = static_cast<std::uint16_t>((v4[2] << 8) | v4[3]);
      i = t.size();
      break;
    }
    if (part.empty() || part.size() > 4 || n >= 8) return std::nullopt;
    unsigned v = 0;
    for (char c : part) {
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(d);
    }
    arr[n++] = static_cast<std::uint16_t>(v);
    if (end == std::string_view::npos) {
      i = t.size();
      break;
    }
    i = end + 1;
    if (i < t.size() && t[i] == ':') {
      if (gap) return std::nullopt;  // a second "::"
      gap = true;
      ++i;
    } else if (i == t.size()) {
      return std::nullopt;  // trailing single ':'
    }
  }
  if (gap ? nh + nt > 7 : nh != 8) return std::nullopt;
  Bytes b(16, 0);
  for (int k = 0; k < nh; ++k) {
    b[2 * k] = static_cast<std::uint8_t>(head[k] >> 8);
    b[2 * k + 1] = static_cast<std::uint8_t>(head[k]);
  }
  for (int k = 0; k < nt; ++k) {
    int pos = 8 - nt + k;
    b[2 * pos] = static_cast<std::uint8_t>(tail[k] >> 8);
    b[2 * pos + 1] = static_cast<std::uint8_t>(tail[k]);
  }
  return b;
}

std::string general_name_to_string(const GeneralName& n) {
  std::string label(general_name_type_label(n.type));
  switch (n.type) {
    case GeneralNameType::rfc822_name:
    case GeneralNameType::dns_name:
    case GeneralNameType::uri:
      return label + ":" + std::string(n.text());
    case GeneralNameType::ip_address:
      return label + ":" + ip_to_string(n.value);
    case GeneralNameType::directory_name: {
      auto name = Name::parse(n.value, "directoryName");
      return label + ":" + (name ? name->to_string() : std::string("<malformed>"));
    }
    case GeneralNameType::registered_id:
      return label + ":" + oid::name(n.value);
    default:
      return label + ":<unsupported>";
  }
}

core::Result<GeneralName> parse_general_name(der::Reader& r, bool in_constraints) {
  GLASS_TRY(auto e, r.next("GeneralName"));
  GeneralName g;
  g.whole = e.whole;
  g.value = e.value;
  unsigned number = e.tag & 0x1f;
  bool context = (e.tag & 0xc0) == 0x80;
  if (!context || number > 8)
    return make_error(Alert::decode_error, "GeneralName with unexpected " +
                                               der::tag_name(e.tag) + " at offset " +
                                               std::to_string(e.offset));
  g.type = static_cast<GeneralNameType>(number);
  // otherName, x400Address, directoryName and ediPartyName are constructed.
  bool must_construct = number == 0 || number == 3 || number == 4 || number == 5;
  if (e.constructed() != must_construct)
    return make_error(Alert::decode_error, "GeneralName [" + std::to_string(number) +
                                               "] has the wrong form at offset " +
                                               std::to_string(e.offset));
  switch (g.type) {
    case GeneralNameType::rfc822_name:
    case GeneralNameType::dns_name:
    case GeneralNameType::uri:
      if (!ia5_ok(e.value))
        return make_error(Alert::decode_error,
                          std::string(general_name_type_label(g.type)) +
                              " name is not IA5 text at offset " + std::to_string(e.offset));
      break;
    case GeneralNameType::ip_address: {
      std::size_t n = e.value.size();
      bool ok = in_constraints ? (n == 8 || n == 32) : (n == 4 || n == 16);
      if (!ok)
        return make_error(Alert::decode_error, "iPAddress of " + std::to_string(n) +
                                                   " bytes at offset " + std::to_string(e.offset));
      break;
    }
    case GeneralNameType::directory_name: {
      // [4] is EXPLICIT (Name is a CHOICE): the contents hold one Name.
      der::Reader inner(e.value, e.offset + e.header_len);
      GLASS_TRY(auto name, Name::parse(inner, "directoryName"));
      GLASS_CHECK(inner.expect_end("directoryName"));
      g.value = name.der();
      break;
    }
    case GeneralNameType::other_name: {
      // type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY (RFC 5280 4.2.1.6).
      der::Reader on(e.value, e.offset + e.header_len);
      GLASS_TRY(auto type_id, on.oid("otherName.type-id"));
      (void)type_id;
      GLASS_TRY(auto wrapper, on.expect(der::tag::context(0, true), "otherName.value"));
      GLASS_CHECK(on.expect_end("otherName"));
      der::Reader vr(wrapper.value, wrapper.offset + wrapper.header_len);
      GLASS_TRY(auto value, vr.next("otherName.value"));
      GLASS_CHECK(vr.expect_end("otherName.value"));
      GLASS_CHECK(der::check_any(value, "otherName.value"));
      break;
    }
    case GeneralNameType::edi_party_name: {
      // [5] IMPLICIT SEQUENCE { nameAssigner [0] DirectoryString OPTIONAL,
      // partyName [1] DirectoryString }; the CHOICEs are explicitly tagged.
      der::Reader edi(e.value, e.offset + e.header_len);
      GLASS_TRY(auto assigner, edi.optional(der::tag::context(0, true), "ediPartyName.nameAssigner"));
      GLASS_TRY(auto party, edi.expect(der::tag::context(1, true), "ediPartyName.partyName"));
      GLASS_CHECK(edi.expect_end("ediPartyName"));
      for (const auto* field : {assigner ? &*assigner : nullptr, &party}) {
        if (!field) continue;
        der::Reader dr(field->value, field->offset + field->header_len);
        GLASS_TRY(auto str, dr.next("ediPartyName DirectoryString"));
        GLASS_CHECK(dr.expect_end("ediPartyName DirectoryString"));
        const std::uint8_t t = str.tag;
        if (t != der::tag::utf8_string && t != der::tag::printable_string && t != der::tag::t61_string &&
            t != der::tag::universal_string && t != der::tag::bmp_string)
          return make_error(Alert::decode_error, "ediPartyName holds " + der::tag_name(t) +
                                                     ", not a DirectoryString, at offset " +
                                                     std::to_string(str.offset));
        GLASS_CHECK(der::check_any(str, "ediPartyName DirectoryString"));
      }
      break;
    }
    case GeneralNameType::registered_id:  // [8] IMPLICIT OBJECT IDENTIFIER
      GLASS_CHECK(der::check_oid_contents(e.value, "registeredID", e.offset));
      break;
    default:
      // x400Address: kept as bytes, still DER inside.
      GLASS_CHECK(der::check_any(e, "GeneralName"));
      break;
  }
  return g;
}

bool GeneralNameIterator::next(GeneralName& out) {
  if (r_.empty()) return false;
  auto g = parse_general_name(r_, constraints_);
  if (!g) return false;
  out = *g;
  return true;
}

bool GeneralSubtreeIterator::next(GeneralName& base) {
  if (r_.empty()) return false;
  auto st = r_.sequence("GeneralSubtree");
  if (!st) return false;
  auto g = parse_general_name(*st, true);
  if (!g) return false;
  base = *g;
  return true;
}

std::string key_usage::to_string(std::uint16_t bits) {
  static const char* names[] = {"Digital Signature", "Non Repudiation", "Key Encipherment",
                                "Data Encipherment", "Key Agreement",   "Certificate Sign",
                                "CRL Sign",          "Encipher Only",   "Decipher Only"};
  std::string s;
  for (unsigned i = 0; i < 9; ++i) {
    if (!(bits & (1u << i))) continue;
    if (!s.empty()) s += ", ";
    s += names[i];
  }
  return s;
}

bool ExtensionIterator::next(Extension& out) {
  if (r_.empty()) return false;
  auto e = r_.expect(der::tag::sequence, "Extension");
  if (!e) return false;
  der::Reader x(e->value);
  auto o = x.oid("extnID");
  if (!o) return false;
  out.oid = *o;
  out.critical = false;
  out.whole = e->whole;
  if (x.peek(der::tag::boolean)) {
    auto c = x.boolean("critical");
    if (!c) return false;
    out.critical = *c;
  }
  auto v = x.octet_string("extnValue");
  if (!v) return false;
  out.value = *v;
  return true;
}

namespace {

core::Status parse_basic_constraints(ByteView v, BasicConstraints& bc) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, "basicConstraints"));
  if (r.peek(der::tag::boolean)) {
    GLASS_TRY(bc.ca, r.boolean("basicConstraints.cA"));
    // DER: a DEFAULT value is never encoded.
    if (!bc.ca) return bad("basicConstraints encodes the default cA FALSE (not DER)");
  }
  if (!r.empty()) {
    GLASS_TRY(auto n, r.small_integer("basicConstraints.pathLenConstraint"));
    if (n < 0 || n > 0xffff) return bad("basicConstraints pathLenConstraint " +
                                        std::to_string(n) + " is out of range");
    bc.path_len = static_cast<std::uint32_t>(n);
  }
  return r.expect_end("basicConstraints");
}

core::Status parse_key_usage(ByteView v, std::uint16_t& bits) {
  der::Reader r(v);
  GLASS_TRY(auto bs, r.bit_string("keyUsage"));
  GLASS_CHECK(r.expect_end("keyUsage"));
  // DER named bit lists drop trailing zero bits (X.690 11.2.2).
  if (!bs.bytes.empty() && bs.bytes.back() == 0)
    return bad("keyUsage has trailing zero bytes (not DER)");
  if (!bs.bytes.empty() && bs.unused_bits < 8 &&
      !(bs.bytes.back() & (1u << bs.unused_bits)))
    return bad("keyUsage has trailing zero bits (not DER)");
  if (bs.bytes.size() > 2) return bad("keyUsage is longer than 9 bits");
  bits = 0;
  for (unsigned i = 0; i < 9; ++i)
    if (bs.bit(i)) bits |= static_cast<std::uint16_t>(1u << i);
  if (bits == 0) return bad("keyUsage has no bit set");
  return {};
}

core::Status parse_eku(ByteView v, Extensions& out) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, "extKeyUsage"));
  if (r.empty()) return bad("extKeyUsage is empty");
  out.ext_key_usage = r.data();
  while (!r.empty()) {
    GLASS_TRY(auto o, r.oid("KeyPurposeId"));
    if (o.size() == sizeof kKpPrefix + 1 &&
        std::equal(kKpPrefix, kKpPrefix + sizeof kKpPrefix, o.begin())) {
      if (o.back() == 1) out.eku_server_auth = true;
      if (o.back() == 2) out.eku_client_auth = true;
    } else if (core::equal(o, kAnyEku)) {
      out.eku_any = true;
    }
  }
  return {};
}

core::Status parse_general_names(ByteView v, const char* what, ByteView& contents) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, what));
  if (r.empty()) return bad(std::string(what) + " is empty");
  contents = r.data();
  while (!r.empty()) {
    GLASS_TRY(auto g, parse_general_name(r, false));
    (void)g;
  }
  return {};
}

// RFC 5280 4.2.1.13. We do not fetch CRLs, but a malformed list is refused like
// any other known extension (OpenSSL's decoder refuses it too).
core::Status parse_crl_distribution_points(ByteView v) {
  const char* what = "cRLDistributionPoints";
  GLASS_TRY(auto list, der::only(v, der::tag::sequence, what));
  if (list.empty()) return bad(std::string(what) + " is empty");
  auto names = [](ByteView contents, const char* field) -> core::Status {
    der::Reader g(contents);
    if (g.empty()) return bad(std::string(field) + " is empty");
    while (!g.empty()) {
      GLASS_TRY(auto name, parse_general_name(g, false));
      (void)name;
    }
    return {};
  };
  while (!list.empty()) {
    GLASS_TRY(auto dp, list.sequence("DistributionPoint"));
    // distributionPoint [0] is a tagged CHOICE, hence explicit: it holds one of
    // fullName [0] GeneralNames or nameRelativeToCRLIssuer [1] RelativeDistinguishedName.
    GLASS_TRY(auto point, dp.optional(der::tag::context(0, true), "distributionPoint"));
    if (point) {
      der::Reader choice(point->value);
      GLASS_TRY(auto full, choice.optional(der::tag::context(0, true), "fullName"));
      if (full) {
        GLASS_CHECK(names(full->value, "fullName"));
      } else {
        GLASS_TRY(auto rdn, choice.expect(der::tag::context(1, true), "nameRelativeToCRLIssuer"));
        der::Reader atvs(rdn.value);
        if (atvs.empty()) return bad("nameRelativeToCRLIssuer is empty");
        while (!atvs.empty()) {
          GLASS_TRY(auto atv, atvs.sequence("AttributeTypeAndValue"));
          GLASS_TRY(auto type, atv.oid("AttributeTypeAndValue"));
          (void)type;
          GLASS_TRY(auto value, atv.next("AttributeTypeAndValue"));
          GLASS_CHECK(der::check_any(value, "AttributeTypeAndValue"));
          GLASS_CHECK(atv.expect_end("AttributeTypeAndValue"));
        }
      }
      GLASS_CHECK(choice.expect_end("distributionPoint"));
    }
    GLASS_TRY(auto reasons, dp.optional(der::tag::context(1, false), "reasons"));
    GLASS_TRY(auto issuer, dp.optional(der::tag::context(2, true), "cRLIssuer"));
    if (issuer) GLASS_CHECK(names(issuer->value, "cRLIssuer"));
    GLASS_CHECK(dp.expect_end("DistributionPoint"));
    if (!point && !issuer)
      return bad("a DistributionPoint needs distributionPoint or cRLIssuer (RFC 5280 4.2.1.13)");
    (void)reasons;
  }
  return {};
}

core::Status parse_aki(ByteView v, Extensions& out) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, "authorityKeyIdentifier"));
  out.has_authority_key_id_ext = true;
  GLASS_TRY(auto kid, r.optional(der::tag::context(0, false), "keyIdentifier"));
  if (kid) out.authority_key_id = kid->value;
  GLASS_TRY(auto issuer, r.optional(der::tag::context(1, true), "authorityCertIssuer"));
  if (issuer) {
    der::Reader g(issuer->value);
    while (!g.empty()) {
      GLASS_TRY(auto name, parse_general_name(g, false));
      (void)name;
    }
  }
  GLASS_TRY(auto serial, r.optional(der::tag::context(2, false), "authorityCertSerialNumber"));
  // RFC 5280 4.2.1.1: issuer and serial come together or not at all.
  if (issuer.has_value() != serial.has_value())
    return bad("authorityKeyIdentifier has only one of authorityCertIssuer and serial");
  return r.expect_end("authorityKeyIdentifier");
}

// RFC 5280 4.2.1.11: SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
// inhibitPolicyMapping [1] SkipCerts OPTIONAL }, not both absent.
core::Status parse_policy_constraints(ByteView v, bool& require_explicit) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, "policyConstraints"));
  GLASS_TRY(auto req, r.optional(der::tag::context(0, false), "requireExplicitPolicy"));
  GLASS_TRY(auto inh, r.optional(der::tag::context(1, false), "inhibitPolicyMapping"));
  GLASS_CHECK(r.expect_end("policyConstraints"));
  if (!req && !inh) return bad("policyConstraints is empty (RFC 5280 4.2.1.11)");
  require_explicit = req.has_value();
  for (const auto* f : {req ? &*req : nullptr, inh ? &*inh : nullptr})
    if (f && (f->value.empty() || f->value.size() > 4 || (f->value[0] & 0x80) ||
              (f->value.size() > 1 && f->value[0] == 0 && !(f->value[1] & 0x80))))
      return bad("policyConstraints SkipCerts is not a small non-negative DER INTEGER");
  return {};
}

// RFC 5280 4.2.2.1: SEQUENCE SIZE (1..MAX) OF AccessDescription
// { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }.
core::Status parse_authority_info_access(ByteView v) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, "authorityInfoAccess"));
  if (r.empty()) return bad("authorityInfoAccess is empty (RFC 5280 4.2.2.1: SIZE (1..MAX))");
  while (!r.empty()) {
    GLASS_TRY(auto ad, r.sequence("AccessDescription"));
    GLASS_TRY(auto method, ad.oid("AccessDescription.accessMethod"));
    (void)method;
    GLASS_TRY(auto location, parse_general_name(ad, false));
    (void)location;
    GLASS_CHECK(ad.expect_end("AccessDescription"));
  }
  return {};
}

core::Status parse_subtrees(der::Element e, ByteView& out) {
  der::Reader r(e.value, e.offset + e.header_len);
  if (r.empty()) return bad("nameConstraints has an empty subtree list");
  out = e.value;
  while (!r.empty()) {
    GLASS_TRY(auto st, r.sequence("GeneralSubtree"));
    GLASS_TRY(auto base, parse_general_name(st, true));
    (void)base;
    // RFC 5280 4.2.1.10: minimum MUST be zero (so absent in DER), maximum MUST be absent.
    if (!st.empty())
      return bad("nameConstraints GeneralSubtree has minimum/maximum, which RFC 5280 forbids");
  }
  return {};
}

core::Status parse_name_constraints(ByteView v, Extensions& out) {
  GLASS_TRY(auto r, der::only(v, der::tag::sequence, "nameConstraints"));
  out.has_name_constraints = true;
  GLASS_TRY(auto p, r.optional(der::tag::context(0, true), "permittedSubtrees"));
  if (p) GLASS_CHECK(parse_subtrees(*p, out.permitted_subtrees));
  GLASS_TRY(auto x, r.optional(der::tag::context(1, true), "excludedSubtrees"));
  if (x) GLASS_CHECK(parse_subtrees(*x, out.excluded_subtrees));
  // RFC 5280 4.2.1.10: conforming CAs MUST NOT issue an empty nameConstraints.
  if (!p && !x) return bad("nameConstraints is empty");
  return r.expect_end("nameConstraints");
}

// One extension's extnValue into `out`, by its OID.
core::Status parse_extension_value(ByteView o, bool critical, ByteView value, Extensions& out) {
  if (oid::equals(o, oid::ext_authority_info_access)) {
    out.has_authority_info_access = true;
    if (critical && !out.unknown_critical) out.unknown_critical = o;
    return parse_authority_info_access(value);
  }
  core::Status st;
  switch (id_ce(o)) {
    case 19: {  // basicConstraints
      BasicConstraints bc;
      st = parse_basic_constraints(value, bc);
      out.basic_constraints = bc;
      out.basic_constraints_critical = critical;
      break;
    }
    case 15: {  // keyUsage
      std::uint16_t bits = 0;
      st = parse_key_usage(value, bits);
      out.key_usage = bits;
      break;
    }
    case 37:
      st = parse_eku(value, out);
      out.ext_key_usage_critical = critical;
      break;
    case 17: {  // subjectAltName
      ByteView names;
      st = parse_general_names(value, "subjectAltName", names);
      out.subject_alt_name = names;
      out.subject_alt_name_critical = critical;
      break;
    }
    case 14: {  // subjectKeyIdentifier
      der::Reader k(value);
      auto id = k.octet_string("subjectKeyIdentifier");
      if (!id) st = std::move(id).error();
      else if (!k.empty()) st = bad("trailing bytes after subjectKeyIdentifier");
      else out.subject_key_id = *id;
      break;
    }
    case 35:
      st = parse_aki(value, out);
      out.authority_key_id_critical = critical;
      break;
    case 30:
      st = parse_name_constraints(value, out);
      out.name_constraints_critical = critical;
      break;
    case 36: {  // policyConstraints
      bool require_explicit = false;
      st = parse_policy_constraints(value, require_explicit);
      out.has_policy_constraints = true;
      out.policy_constraints_critical = critical;
      // Without policy mapping, inhibitPolicyMapping changes nothing; requiring an
      // explicit policy would need the policy tree we do not build.
      if (critical && require_explicit && !out.unknown_critical) out.unknown_critical = o;
      break;
    }
    case 31:  // cRLDistributionPoints: checked, not acted on (no revocation checking)
      st = parse_crl_distribution_points(value);
      if (critical && !out.unknown_critical) out.unknown_critical = o;
      break;
    default:
      if (critical && !out.unknown_critical) out.unknown_critical = o;
      break;
  }
  return st;
}

}  // namespace

core::Status parse_extensions(ByteView contents, std::size_t base, Extensions& out) {
  out.der = contents;
  der::Reader r(contents, base);
  if (r.empty()) return bad("empty Extensions list (RFC 5280 4.1: SIZE (1..MAX))");
  // Seen OIDs for the duplicate check (RFC 5280 4.2: at most one instance of each).
  constexpr std::size_t kMax = 64;
  std::array<ByteView, kMax> seen;
  std::size_t n = 0;
  while (!r.empty()) {
    GLASS_TRY(auto ext, r.sequence("Extension"));
    std::size_t at = ext.offset();
    GLASS_TRY(auto o, ext.oid("Extension.extnID"));
    bool critical = false;
    if (ext.peek(der::tag::boolean)) {
      GLASS_TRY(critical, ext.boolean("Extension.critical"));
      if (!critical)
        return make_error(Alert::decode_error, "Extension " + oid::name(o) +
                                                   " encodes the default critical FALSE (not DER)");
    }
    GLASS_TRY(auto value, ext.octet_string("Extension.extnValue"));
    GLASS_CHECK(ext.expect_end("Extension"));
    if (n == kMax)
      return bad("more than " + std::to_string(kMax) + " extensions");
    for (std::size_t i = 0; i < n; ++i)
      if (core::equal(seen[i], o))
        return bad("duplicate extension " + oid::name(o) + " at offset " + std::to_string(at));
    seen[n++] = o;
    if (auto st = parse_extension_value(o, critical, value, out); !st) {
      auto e = std::move(st).error();
      return make_error(Alert::bad_certificate,
                        "extension " + oid::name(o) + " at offset " + std::to_string(at) + ": " +
                            e.reason);
    }
  }
  out.count = n;
  return {};
}

}  // namespace glass::x509
