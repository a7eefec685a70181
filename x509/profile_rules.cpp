#include "x509/profile_rules.hpp"

#include <cctype>

#include "x509/dns_name.hpp"
#include "x509/oid.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

std::string_view profile_name(Profile p) {
  return p == Profile::strict ? "strict" : "default";
}

std::optional<Profile> parse_profile(std::string_view text) {
  if (text == "default") return Profile::standard;
  if (text == "strict") return Profile::strict;
  return std::nullopt;
}

std::string Who::text() const {
  if (role_.empty()) return cert_->subject().short_form();
  return std::string(role_) + " " + cert_->subject().short_form();
}

namespace {

core::Error refuse(const Who& who, const std::string& what, std::string_view rule) {
  return make_error(Alert::bad_certificate,
                    who.text() + " " + what + " (" + std::string(rule) + ")");
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// BR 7.1.4.3: a subject CN holds one of the SAN values, in its canonical text.
bool cn_in_san(const std::string& cn, const Extensions& e) {
  if (!e.subject_alt_name) return false;
  GeneralNameIterator it(*e.subject_alt_name);
  GeneralName g;
  while (it.next(g)) {
    if (g.type == GeneralNameType::dns_name &&
        cn == lowercase(canonical_dns(g.text())) && cn == lowercase(cn))
      return true;
    if (g.type == GeneralNameType::ip_address && cn == ip_to_string(g.value)) return true;
  }
  return false;
}

core::Status check_san(const Certificate& c, const CertificateRole& role, Profile profile,
                       const Who& who) {
  const Extensions& e = c.extensions();
  if (c.subject().empty()) {
    if (!e.subject_alt_name)
      return refuse(who, "has an empty subject and no subjectAltName", "RFC 5280 4.1.2.6");
    if (!e.subject_alt_name_critical)
      return refuse(who, "has an empty subject and a non-critical subjectAltName",
                    "RFC 5280 4.2.1.6");
  } else if (profile == Profile::strict && e.subject_alt_name && e.subject_alt_name_critical) {
    return refuse(who, "has a subject and a critical subjectAltName",
                  "CA/B Forum BR 7.1.2.7.12, strict profile");
  }
  if (!e.subject_alt_name) return {};
  GeneralNameIterator it(*e.subject_alt_name);
  GeneralName g;
  while (it.next(g)) {
    if (g.type != GeneralNameType::dns_name) continue;
    std::string_view name = canonical_dns(g.text());
    if (!valid_dns_name(name, true))
      return refuse(who, "has subjectAltName " + general_name_to_string(g) +
                             ", which is not a valid DNS name (letters, digits and hyphens in "
                             "non-empty labels, at most one leftmost wildcard label)",
                    "RFC 5280 4.2.1.6");
    if (profile == Profile::strict && role.leaf && role.server_names && name.size() > 2 && name[0] == '*' &&
        is_public_suffix(name.substr(2)))
      return refuse(who, "has wildcard " + general_name_to_string(g) +
                             " directly under a public suffix",
                    "CA/B Forum BR 3.2.2.6, strict profile");
  }
  return {};
}

core::Status check_strict(const Certificate& c, const CertificateRole& role, const Who& who) {
  const Extensions& e = c.extensions();
  constexpr std::string_view kStrict = "CA/B Forum BR 7.1.2, strict profile";
  if (e.ext_key_usage && e.ext_key_usage_critical)
    return refuse(who, "has a critical extKeyUsage", kStrict);
  if (role.leaf && !role.anchor && !e.ext_key_usage)
    return refuse(who, "is a leaf without extKeyUsage", kStrict);
  if (role.anchor && role.issues && role.self_signed && e.ext_key_usage)
    return refuse(who, "is a root with an extKeyUsage", kStrict);
  if (role.leaf && role.server_names) {
    for (const auto& a : c.subject().attributes()) {
      if (!oid::equals(a.type, oid::at_common_name)) continue;
      std::string cn(core::as_chars(a.value));
      if (!cn_in_san(cn, e))
        return refuse(who, "has subject CN \"" + cn +
                               "\", which is not one of its subjectAltName entries in canonical "
                               "form",
                      "CA/B Forum BR 7.1.4.3, strict profile");
    }
  }
  return {};
}

}  // namespace

core::Status check_certificate_rules(const Certificate& c, const CertificateRole& role,
                                     Profile profile, const Who& who) {
  const Extensions& e = c.extensions();
  // RFC 5280 4.1.2.2: a positive INTEGER of at most 20 octets.
  ByteView serial = c.serial();
  bool zero = true;
  for (auto b : serial) zero = zero && b == 0;
  if (serial.empty() || (serial[0] & 0x80) || zero)
    return refuse(who, "has a serial number that is not positive", "RFC 5280 4.1.2.2");
  if (serial.size() > 20)
    return refuse(who, "has a serial number of " + std::to_string(serial.size()) +
                           " octets (at most 20)",
                  "RFC 5280 4.1.2.2");

  const bool ca_role = c.is_ca() || role.issues;
  if (ca_role) {
    if (c.subject().empty())
      return refuse(who, "is a CA certificate with an empty subject", "RFC 5280 4.1.2.6");
    if (!e.basic_constraints || !e.basic_constraints->ca)
      return refuse(who,
                    std::string(role.anchor ? "is a trust anchor that issues certificates but "
                                            : "issues certificates but ") +
                        "is not a CA (basicConstraints cA is " +
                        (e.basic_constraints ? "FALSE" : "absent") + ")",
                    "RFC 5280 4.2.1.9");
    if (!e.basic_constraints_critical)
      return refuse(who, "is a CA certificate whose basicConstraints is not critical",
                    "RFC 5280 4.2.1.9");
    if (!e.subject_key_id)
      return refuse(who, "is a CA certificate without subjectKeyIdentifier", "RFC 5280 4.2.1.2");
  }

  // RFC 5280 4.2.1.1: the key identifier of the issuer, in all but self-signed certificates.
  if (e.has_authority_key_id_ext && e.authority_key_id_critical)
    return refuse(who, "has a critical authorityKeyIdentifier", "RFC 5280 4.2.1.1");
  if (!role.self_signed && !role.anchor && !e.authority_key_id)
    return refuse(who,
                  e.has_authority_key_id_ext
                      ? "has an authorityKeyIdentifier without keyIdentifier"
                      : "is not self-signed and has no authorityKeyIdentifier",
                  "RFC 5280 4.2.1.1");
  if (role.anchor && e.has_authority_key_id_ext) {
    if (!e.authority_key_id)
      return refuse(who, "is a trust anchor whose authorityKeyIdentifier has no keyIdentifier",
                    "RFC 5280 4.2.1.1");
    if (role.self_signed && e.subject_key_id && !core::equal(*e.authority_key_id, *e.subject_key_id))
      return refuse(who,
                    "is a self-signed trust anchor whose authorityKeyIdentifier differs from its "
                    "subjectKeyIdentifier",
                    "RFC 5280 4.2.1.1");
  }

  // RFC 5280 4.2.1.3 and 4.2.1.9: keyCertSign and cA=TRUE go together.
  if (e.key_usage && (*e.key_usage & key_usage::key_cert_sign) && !c.is_ca())
    return refuse(who, "has keyUsage keyCertSign without basicConstraints cA=TRUE",
                  "RFC 5280 4.2.1.3");
  if (c.is_ca() && e.key_usage && !(*e.key_usage & key_usage::key_cert_sign))
    return refuse(who, "has basicConstraints cA=TRUE but its keyUsage " +
                           key_usage::to_string(*e.key_usage) + " lacks keyCertSign",
                  "RFC 5280 4.2.1.9");

  if (e.has_name_constraints) {
    if (!c.is_ca())
      return refuse(who, "has nameConstraints but is not a CA", "RFC 5280 4.2.1.10");
    if (!e.name_constraints_critical)
      return refuse(who, "has a non-critical nameConstraints", "RFC 5280 4.2.1.10");
  }
  if (e.has_policy_constraints && !e.policy_constraints_critical)
    return refuse(who, "has a non-critical policyConstraints", "RFC 5280 4.2.1.11");

  GLASS_CHECK(check_san(c, role, profile, who));
  if (profile == Profile::strict) GLASS_CHECK(check_strict(c, role, who));
  return {};
}

namespace {

core::Error bad_key(const Who& who, const std::string& what) {
  return make_error(Alert::unsupported_certificate, "the public key of " + who.text() +
                                                        " " + what);
}

std::size_t bit_length(ByteView v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  if (i == v.size()) return 0;
  std::size_t bits = (v.size() - i) * 8;
  for (std::uint8_t top = v[i]; !(top & 0x80); top = static_cast<std::uint8_t>(top << 1)) --bits;
  return bits;
}

}  // namespace

core::Status check_key_rules(const Certificate& c, const Who& who) {
  der::Reader outer(c.spki());
  auto spki = outer.sequence("SubjectPublicKeyInfo");
  if (!spki) return bad_key(who, "is malformed: " + spki.error().reason);
  auto alg = spki->sequence("algorithm");
  if (!alg) return bad_key(who, "is malformed: " + alg.error().reason);
  auto a = alg->oid("algorithm");
  if (!a) return bad_key(who, "is malformed: " + a.error().reason);
  if (oid::equals(*a, "1.2.840.10040.4.1"))
    return bad_key(who, "is a DSA key, which is not accepted (RFC 8446 has no DSA)");
  if (oid::equals(*a, oid::rsa_encryption) || oid::equals(*a, oid::rsassa_pss)) {
    auto bits = spki->bit_string("subjectPublicKey");
    if (!bits) return bad_key(who, "is malformed: " + bits.error().reason);
    der::Reader kr(bits->bytes);
    auto seq = kr.sequence("RSAPublicKey");
    if (!seq) return bad_key(who, "is malformed: " + seq.error().reason);
    auto n = seq->unsigned_integer("modulus");
    if (!n) return bad_key(who, "is malformed: " + n.error().reason);
    auto ex = seq->unsigned_integer("publicExponent");
    if (!ex) return bad_key(who, "is malformed: " + ex.error().reason);
    std::size_t nbits = bit_length(*n);
    if (nbits < 2048 || nbits > 8192 || nbits % 8 != 0)
      return bad_key(who, "is an RSA key of " + std::to_string(nbits) +
                              " bits (2048..8192 bits in whole octets are accepted)");
    std::size_t ebits = bit_length(*ex);
    if (ebits > 32 || ebits < 2 || !(ex->back() & 1))
      return bad_key(who, "is an RSA key whose public exponent (" + std::to_string(ebits) +
                              " bits) is not odd, at least 3 and below 2^32");
    return {};
  }
  if (oid::equals(*a, oid::ec_public_key)) {
    auto curve = alg->oid("namedCurve");
    if (!curve) return bad_key(who, "is an EC key without a named curve");
    if (oid::equals(*curve, oid::secp256r1) || oid::equals(*curve, oid::secp384r1)) return {};
    if (oid::equals(*curve, "1.2.840.10045.3.1.1"))
      return bad_key(who, "is on P-192, which is not accepted (too weak)");
    return bad_key(who, "is on the unsupported curve " + der::oid_to_string(*curve));
  }
  if (oid::equals(*a, oid::ed25519)) return {};
  return bad_key(who, "uses the unsupported algorithm " + der::oid_to_string(*a));
}

}  // namespace glass::x509
