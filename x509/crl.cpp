#include "x509/crl.hpp"

#include <cctype>
#include <mutex>

#include "x509/extensions.hpp"
#include "x509/oid.hpp"
#include "x509/pem.hpp"
#include "x509/read_file.hpp"
#include "x509/signature_algorithm.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

core::Error malformed(std::string why) { return make_error(Alert::decode_error, std::move(why)); }

// id-ce arcs (2.5.29.x) are the three bytes 55 1D x.
int id_ce(ByteView o) { return o.size() == 3 && o[0] == 0x55 && o[1] == 0x1d ? o[2] : -1; }

constexpr int kCrlNumber = 20, kReasonCode = 21, kInvalidityDate = 24, kDeltaCrlIndicator = 27,
              kIssuingDistributionPoint = 28, kCertificateIssuer = 29, kAuthorityKeyId = 35;

std::string ext_name(ByteView oid) {
  switch (id_ce(oid)) {
    case kCrlNumber: return "cRLNumber";
    case kReasonCode: return "reasonCode";
    case kInvalidityDate: return "invalidityDate";
    case kDeltaCrlIndicator: return "deltaCRLIndicator";
    case kIssuingDistributionPoint: return "issuingDistributionPoint";
    case kCertificateIssuer: return "certificateIssuer";
    case 23: return "holdInstructionCode";
    case 46: return "freshestCRL";
    default: return oid::name(oid);
  }
}

// Reads one Extension, checking DER (critical FALSE is never encoded).
core::Status read_extension(der::Reader& r, ByteView& oid_out, bool& critical, ByteView& value) {
  GLASS_TRY(auto x, r.sequence("Extension"));
  GLASS_TRY(oid_out, x.oid("extnID"));
  critical = false;
  if (x.peek(der::tag::boolean)) {
    GLASS_TRY(critical, x.boolean("critical"));
    if (!critical) return malformed("extension encodes the default critical FALSE (not DER)");
  }
  GLASS_TRY(value, x.octet_string("extnValue"));
  return x.expect_end("Extension");
}

// An IMPLICIT [n] BOOLEAN with DEFAULT FALSE: present means TRUE in DER.
core::Result<bool> implicit_true(der::Reader& r, unsigned n, const char* what) {
  GLASS_TRY(auto e, r.optional(der::tag::context(n, false), what));
  if (!e) return false;
  if (e->value.size() != 1 || (e->value[0] != 0x00 && e->value[0] != 0xff))
    return malformed(std::string(what) + " is not a DER BOOLEAN");
  if (e->value[0] == 0x00)
    return malformed(std::string(what) + " encodes the default FALSE (not DER)");
  return true;
}

core::Status parse_idp(ByteView value, IssuingDistributionPoint& idp) {
  GLASS_TRY(auto r, der::only(value, der::tag::sequence, "issuingDistributionPoint"));
  // RFC 5280 5.2.5: the extension MUST NOT be an empty sequence.
  if (r.empty()) return malformed("issuingDistributionPoint is empty");
  GLASS_TRY(auto dp, r.optional(der::tag::context(0, true), "distributionPoint"));
  if (dp) {
    idp.has_distribution_point = true;
    der::Reader d(dp->value, dp->offset + dp->header_len);
    auto peeked = d.peek_tag();
    if (!peeked) return malformed("distributionPoint is empty");
    std::uint8_t tag = *peeked;
    if (tag == der::tag::context(0, true)) {
      GLASS_TRY(auto full, d.enter(tag, "fullName"));
      if (full.empty()) return malformed("distributionPoint fullName is empty");
      while (!full.empty()) GLASS_CHECK(parse_general_name(full, false));
    } else if (tag == der::tag::context(1, true)) {
      GLASS_TRY(auto rdn, d.enter(tag, "nameRelativeToCRLIssuer"));
      if (rdn.empty()) return malformed("nameRelativeToCRLIssuer is empty");
      while (!rdn.empty()) {
        GLASS_TRY(auto atv, rdn.sequence("AttributeTypeAndValue"));
        GLASS_CHECK(atv.oid("AttributeType"));
        GLASS_TRY(auto v, atv.next("AttributeValue"));
        GLASS_CHECK(der::check_any(v, "AttributeValue"));
        GLASS_CHECK(atv.expect_end("AttributeTypeAndValue"));
      }
    } else {
      return malformed("distributionPoint has unknown choice " + der::tag_name(tag));
    }
    GLASS_CHECK(d.expect_end("distributionPoint"));
  }
  GLASS_TRY(idp.only_user_certs, implicit_true(r, 1, "onlyContainsUserCerts"));
  GLASS_TRY(idp.only_ca_certs, implicit_true(r, 2, "onlyContainsCACerts"));
  GLASS_TRY(auto reasons, r.optional(der::tag::context(3, false), "onlySomeReasons"));
  if (reasons) {
    GLASS_CHECK(der::bit_string_value(*reasons, "onlySomeReasons"));
    idp.only_some_reasons = true;
  }
  GLASS_TRY(idp.indirect, implicit_true(r, 4, "indirectCRL"));
  GLASS_TRY(idp.only_attribute_certs, implicit_true(r, 5, "onlyContainsAttributeCerts"));
  GLASS_CHECK(r.expect_end("issuingDistributionPoint"));
  // RFC 5280 5.2.5: at most one of the three "only" booleans may be TRUE.
  if (int{idp.only_user_certs} + int{idp.only_ca_certs} + int{idp.only_attribute_certs} > 1)
    return malformed("issuingDistributionPoint sets more than one of onlyContainsUserCerts, "
                     "onlyContainsCACerts and onlyContainsAttributeCerts");
  return {};
}

// keyIdentifier of an authorityKeyIdentifier, checking the rest of its structure.
core::Status parse_aki(ByteView value, std::optional<ByteView>& kid_out) {
  GLASS_TRY(auto r, der::only(value, der::tag::sequence, "authorityKeyIdentifier"));
  GLASS_TRY(auto kid, r.optional(der::tag::context(0, false), "keyIdentifier"));
  if (kid) kid_out = kid->value;
  GLASS_TRY(auto issuer, r.optional(der::tag::context(1, true), "authorityCertIssuer"));
  if (issuer) {
    der::Reader g(issuer->value, issuer->offset + issuer->header_len);
    if (g.empty()) return malformed("authorityCertIssuer is empty");
    while (!g.empty()) GLASS_CHECK(parse_general_name(g, false));
  }
  GLASS_TRY(auto serial, r.optional(der::tag::context(2, false), "authorityCertSerialNumber"));
  if (bool{issuer} != bool{serial})
    return malformed("authorityKeyIdentifier has only one of authorityCertIssuer and serial");
  return r.expect_end("authorityKeyIdentifier");
}

// One revokedCertificates entry. `unusable` is set for entry extensions we do
// not implement; `v2` says whether entry extensions are allowed at all.
// RFC 5280 4.2: at most one instance of an extension in one list (id-ce numbers
// below 64; `seen` holds the ones met so far).
core::Status check_unique(int ce, std::uint64_t& seen, const char* what, ByteView oid) {
  if (ce < 0 || ce >= 64) return {};
  if (seen & (std::uint64_t{1} << ce)) return malformed(what + ext_name(oid));
  seen |= std::uint64_t{1} << ce;
  return {};
}

core::Status parse_entry(der::Reader& r, bool v2, RevokedEntry& out,
                         std::optional<std::string>* unusable) {
  GLASS_TRY(auto e, r.expect(der::tag::sequence, "revokedCertificate"));
  out = RevokedEntry{};
  out.whole = e.whole;
  der::Reader x(e.value, e.offset + e.header_len);
  GLASS_TRY(out.serial, x.integer("userCertificate"));
  if (out.serial.size() > 21)
    return malformed("revoked serial number is " + std::to_string(out.serial.size()) +
                     " bytes long (at most 20 allowed)");
  GLASS_TRY(out.revocation_date, x.time("revocationDate"));
  if (x.empty()) return {};
  if (!v2) return malformed("crlEntryExtensions in a v1 CRL");
  GLASS_TRY(auto list, x.sequence("crlEntryExtensions"));
  GLASS_CHECK(x.expect_end("revokedCertificate"));
  if (list.empty()) return malformed("crlEntryExtensions is empty");
  std::uint64_t seen = 0;
  while (!list.empty()) {
    ByteView oid;
    bool critical = false;
    ByteView value;
    GLASS_CHECK(read_extension(list, oid, critical, value));
    int ce = id_ce(oid);
    GLASS_CHECK(check_unique(ce, seen, "duplicate entry extension ", oid));
    switch (ce) {
      case kReasonCode: {
        der::Reader vr(value);
        GLASS_TRY(auto el, vr.expect(der::tag::enumerated, "reasonCode"));
        GLASS_CHECK(vr.expect_end("reasonCode"));
        if (el.value.size() != 1 || el.value[0] > 10 || el.value[0] == 7)
          return malformed("reasonCode is not a known CRLReason");
        auto reason = static_cast<RevocationReason>(el.value[0]);
        // RFC 5280 5.3.1: removeFromCRL only appears in delta CRLs.
        if (reason == RevocationReason::remove_from_crl)
          return malformed("reasonCode removeFromCRL outside a delta CRL");
        out.reason = reason;
        break;
      }
      case kInvalidityDate: {
        der::Reader vr(value);
        // RFC 5280 5.3.2: always GeneralizedTime.
        if (!vr.peek(der::tag::generalized_time))
          return malformed("invalidityDate is not a GeneralizedTime");
        GLASS_TRY(auto t, vr.time("invalidityDate"));
        GLASS_CHECK(vr.expect_end("invalidityDate"));
        out.invalidity_date = t;
        break;
      }
      case kCertificateIssuer: {
        der::Reader vr(value);
        GLASS_TRY(auto names, vr.sequence("certificateIssuer"));
        GLASS_CHECK(vr.expect_end("certificateIssuer"));
        while (!names.empty()) GLASS_CHECK(parse_general_name(names, false));
        if (unusable && !*unusable)
          *unusable = "it is an indirect CRL (an entry has certificateIssuer), which is not "
                      "supported";
        break;
      }
      default:
        if (critical && unusable && !*unusable)
          *unusable = "an entry has the unsupported critical extension " + ext_name(oid);
        break;
    }
  }
  return {};
}

}  // namespace

std::string_view reason_name(RevocationReason r) {
  switch (r) {
    case RevocationReason::unspecified: return "unspecified";
    case RevocationReason::key_compromise: return "keyCompromise";
    case RevocationReason::ca_compromise: return "cACompromise";
    case RevocationReason::affiliation_changed: return "affiliationChanged";
    case RevocationReason::superseded: return "superseded";
    case RevocationReason::cessation_of_operation: return "cessationOfOperation";
    case RevocationReason::certificate_hold: return "certificateHold";
    case RevocationReason::remove_from_crl: return "removeFromCRL";
    case RevocationReason::privilege_withdrawn: return "privilegeWithdrawn";
    case RevocationReason::aa_compromise: return "aACompromise";
  }
  return "?";
}

std::optional<RevocationReason> parse_reason(std::string_view name) {
  for (int v = 0; v <= 10; ++v) {
    if (v == 7) continue;
    auto r = static_cast<RevocationReason>(v);
    std::string_view n = reason_name(r);
    if (n.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < n.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(n[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return r;
  }
  return std::nullopt;
}

bool RevokedIterator::next(RevokedEntry& out) {
  if (r_.empty()) return false;
  // Entries were validated by Crl::parse; v2 here only decides whether extensions are read.
  return static_cast<bool>(parse_entry(r_, true, out, nullptr));
}

std::optional<RevokedEntry> Crl::find(ByteView serial) const {
  RevokedIterator it(revoked_);
  RevokedEntry e;
  while (it.next(e))
    if (core::equal(e.serial, serial)) return e;
  return std::nullopt;
}

core::Result<Crl> Crl::parse(ByteView der) {
  Crl c;
  der::Reader top(der);
  GLASS_TRY(auto list, top.expect(der::tag::sequence, "CertificateList"));
  GLASS_CHECK(top.expect_end("CertificateList"));
  c.der_ = list.whole;
  der::Reader lr(list.value, list.offset + list.header_len);
  GLASS_TRY(auto tbs_el, lr.expect(der::tag::sequence, "tbsCertList"));
  c.tbs_ = tbs_el.whole;
  GLASS_TRY(auto sig_alg, lr.expect(der::tag::sequence, "signatureAlgorithm"));
  c.sig_alg_ = sig_alg.whole;
  GLASS_TRY(auto bits, lr.bit_string("signatureValue"));
  if (bits.unused_bits != 0) return malformed("signatureValue has unused bits");
  c.signature_ = bits.bytes;
  GLASS_CHECK(lr.expect_end("CertificateList"));

  der::Reader t(tbs_el.value, tbs_el.offset + tbs_el.header_len);
  // version Version OPTIONAL -- if present, MUST be v2 (RFC 5280 5.1.2.1)
  if (t.peek(der::tag::integer)) {
    GLASS_TRY(auto v, t.small_integer("version"));
    if (v != 1) return malformed("CRL version " + std::to_string(v + 1) + " (only v2 is encoded)");
    c.version_ = 2;
  }
  GLASS_TRY(auto tbs_sig, t.expect(der::tag::sequence, "signature"));
  // RFC 5280 5.1.1.2: MUST be the same algorithm identifier as in tbsCertList.
  if (!core::equal(tbs_sig.whole, sig_alg.whole))
    return malformed("signatureAlgorithm differs from the tbsCertList signature field");
  GLASS_TRY(c.issuer_, Name::parse(t, "issuer"));
  GLASS_TRY(c.this_update_, t.time("thisUpdate"));
  if (t.peek(der::tag::utc_time) || t.peek(der::tag::generalized_time)) {
    GLASS_TRY(auto nu, t.time("nextUpdate"));
    c.next_update_ = nu;
  }
  GLASS_CHECK(c.parse_revoked(t));
  GLASS_TRY(auto exts, t.optional(der::tag::context(0, true), "crlExtensions"));
  GLASS_CHECK(t.expect_end("tbsCertList"));
  if (c.issuer_.empty()) return malformed("CRL issuer is an empty name");
  if (exts) {
    GLASS_CHECK(c.parse_crl_extensions(*exts));
  }
  c.judge_scope();
  return c;
}

// revokedCertificates, when present: every entry is checked now.
core::Status Crl::parse_revoked(der::Reader& t) {
  if (!t.peek(der::tag::sequence)) return {};
  GLASS_TRY(auto rev, t.expect(der::tag::sequence, "revokedCertificates"));
  // DER: an empty SEQUENCE OF is omitted, not encoded (RFC 5280 5.1.2.6).
  if (rev.value.empty()) return malformed("revokedCertificates is present but empty");
  revoked_ = rev.value;
  der::Reader rr(rev.value, rev.offset + rev.header_len);
  RevokedEntry e;
  while (!rr.empty()) {
    GLASS_CHECK(parse_entry(rr, version_ == 2, e, &unusable_));
    ++revoked_count_;
  }
  return {};
}

core::Status Crl::parse_crl_extensions(const der::Element& exts) {
  if (version_ != 2) return malformed("crlExtensions in a v1 CRL");
  der::Reader er(exts.value, exts.offset + exts.header_len);
  GLASS_TRY(auto el, er.sequence("Extensions"));
  GLASS_CHECK(er.expect_end("crlExtensions"));
  if (el.empty()) return malformed("crlExtensions is empty");
  std::uint64_t seen = 0;
  while (!el.empty()) {
    ByteView oid;
    bool critical = false;
    ByteView value;
    GLASS_CHECK(read_extension(el, oid, critical, value));
    ++ext_count_;
    int ce = id_ce(oid);
    GLASS_CHECK(check_unique(ce, seen, "duplicate CRL extension ", oid));
    GLASS_CHECK(parse_crl_extension(ce, oid, critical, value));
  }
  return {};
}

core::Status Crl::parse_crl_extension(int ce, ByteView oid, bool critical, ByteView value) {
  switch (ce) {
    case kCrlNumber: {
      der::Reader vr(value);
      GLASS_TRY(auto n, vr.integer("cRLNumber"));
      GLASS_CHECK(vr.expect_end("cRLNumber"));
      // RFC 5280 5.2.3: a non-negative integer of at most 20 octets.
      if (n[0] & 0x80) return malformed("cRLNumber is negative");
      if (n.size() > 1 && n[0] == 0) n = n.subspan(1);
      if (n.size() > 20) return malformed("cRLNumber is longer than 20 octets");
      crl_number_ = n;
      break;
    }
    case kAuthorityKeyId:
      // RFC 5280 4.2.1.1 applies to CRLs too: never critical.
      if (critical) return malformed("authorityKeyIdentifier is marked critical");
      GLASS_CHECK(parse_aki(value, aki_));
      break;
    case kIssuingDistributionPoint: {
      IssuingDistributionPoint idp;
      GLASS_CHECK(parse_idp(value, idp));
      idp_ = idp;
      break;
    }
    case kDeltaCrlIndicator: {
      der::Reader vr(value);
      GLASS_CHECK(vr.integer("BaseCRLNumber"));
      GLASS_CHECK(vr.expect_end("deltaCRLIndicator"));
      if (!unusable_) unusable_ = "it is a delta CRL (deltaCRLIndicator), which is not supported";
      break;
    }
    default:
      if (critical && !unusable_)
        unusable_ = "it has the unsupported critical extension " + ext_name(oid);
      break;
  }
  return {};
}

// Scope narrowing we do not implement makes the CRL undecidable rather than wrong.
void Crl::judge_scope() {
  if (idp_ && !unusable_) {
    if (idp_->indirect)
      unusable_ = "it is an indirect CRL (issuingDistributionPoint indirectCRL), which is not "
                  "supported";
    else if (idp_->has_distribution_point)
      unusable_ = "it covers only one distribution point (issuingDistributionPoint "
                  "distributionPoint); partitioned CRLs are not supported";
    else if (idp_->only_some_reasons)
      unusable_ = "it covers only some revocation reasons (issuingDistributionPoint "
                  "onlySomeReasons), which is not supported";
    else if (idp_->only_attribute_certs)
      unusable_ = "it covers only attribute certificates (onlyContainsAttributeCerts)";
  }
  if (!next_update_ && !unusable_)
    unusable_ = "it has no nextUpdate, so nobody can tell when it goes stale (RFC 5280 5.1.2.5)";
}

struct Crl::VerifiedKeys {
  std::mutex m;
  std::vector<Bytes> keys;  // VerifyingKey::identity() with the key type in front
};

core::Result<Crl> Crl::parse_owned(Bytes der) {
  auto owned = std::make_shared<const Bytes>(std::move(der));
  GLASS_TRY(auto c, parse(*owned));
  c.owned_ = std::move(owned);
  c.verified_ = std::make_shared<VerifiedKeys>();
  return c;
}

core::Result<crypto::SigAlgorithm> Crl::signature_algorithm() const {
  return parse_signature_algorithm(sig_alg_);
}

std::string Crl::signature_algorithm_name() const {
  return x509::signature_algorithm_name(sig_alg_);
}

core::Status verify_signature(const Crl& crl, const crypto::VerifyingKey& key) {
  Bytes id;
  if (crl.verified_) {
    id.push_back(static_cast<std::uint8_t>(key.type()));
    core::append(id, key.identity());
    std::lock_guard lock(crl.verified_->m);
    for (const auto& k : crl.verified_->keys)
      if (k == id) return {};
  }
  GLASS_TRY(auto alg, crl.signature_algorithm());
  auto st = key.verify(alg, crl.tbs(), crl.signature());
  if (st) {
    if (crl.verified_) {
      std::lock_guard lock(crl.verified_->m);
      if (crl.verified_->keys.size() < 8) crl.verified_->keys.push_back(std::move(id));
    }
    return {};
  }
  const auto& e = st.error();
  if (e.alert == Alert::decrypt_error)
    return make_error(Alert::bad_certificate,
                      describe(alg) + " signature of the CRL does not verify with the issuer's " +
                          std::string(crypto::key_type_name(key.type())) + " key");
  return make_error(Alert::bad_certificate, "CRL signature check failed: " + e.reason);
}

core::Result<std::vector<Crl>> load_crls(ByteView file) {
  return pem::parse_blocks<Crl>(file, {"X509 CRL"}, "CRL",
                                [](Bytes der) { return Crl::parse_owned(std::move(der)); });
}

core::Result<std::vector<Crl>> load_crl_file(const std::string& path) {
  return parse_file(path, [](ByteView data) { return load_crls(data); });
}

}  // namespace glass::x509
