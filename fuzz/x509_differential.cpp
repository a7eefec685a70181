// Differential fuzzing of X.509 parsing: glasstls's Certificate::parse against
// OpenSSL's d2i_X509 (linked into this harness only; see fuzz/CMakeLists.txt).
// Aborts when
//   - one accepts and the other rejects, unless the difference is on the
//     allow-list below (each entry is a deliberate, documented difference), or
//   - both accept but disagree on a key field: serial, notBefore/notAfter,
//     issuer and subject DER, SubjectPublicKeyInfo DER, signature value.
// "OpenSSL accepts" means d2i_X509 consumed exactly the input and its extension
// cache did not mark the certificate invalid (X509_check_purpose forces the
// extensions to be decoded, as our parser does).
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "differential_report.hpp"
#include "x509/certificate.hpp"

namespace {

using glass::core::ByteView;

// Differences we keep on purpose. `ours` is a substring of our rejection reason
// when OpenSSL accepts; `theirs` a substring of OpenSSL's error (reason string or
// our own label for a check below) when we accept and OpenSSL rejects.
struct Allowed {
  const char* ours;
  const char* theirs;
  const char* why;
};
constexpr Allowed kAllowed[] = {
    // Strict DER (RFC 5280 4.1: the signed part is DER); OpenSSL decodes BER too.
    {"indefinite length is BER, not DER", nullptr, "strict DER: no indefinite lengths"},
    {"non-minimal length", nullptr, "strict DER: minimal length octets"},
    {"non-minimal INTEGER encoding", nullptr, "strict DER: no leading 00/FF octets"},
    {"BOOLEAN must be 00 or FF in DER", nullptr, "strict DER: TRUE is FF"},
    {"non-minimal OBJECT IDENTIFIER arc", nullptr, "strict DER: minimal OID arcs"},
    {"BIT STRING padding bits must be zero in DER", nullptr, "strict DER: zero padding bits"},
    {"empty BIT STRING with unused bits", nullptr, "X.690 8.6.2.3: an empty BIT STRING's initial octet is 0"},
    {"(not DER)", nullptr, "strict DER: defaults (v1, cA FALSE) omitted, no trailing keyUsage bits"},
    {"high tag numbers are not used here", nullptr, "X.509 uses no tag numbers above 30"},
    // OpenSSL refuses 00 00 ("unexpected eoc") but takes tag 0 with contents.
    {"end-of-contents (tag 0) is not a value", nullptr, "X.680 8.6: universal tag 0 is reserved"},
    // RFC 5280 4.1.2.5: UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ.
    // OpenSSL's d2i does not look inside times.
    {"UTCTime must be YYMMDDHHMMSSZ", nullptr, "RFC 5280 4.1.2.5.1 time form"},
    {"GeneralizedTime must be YYYYMMDDHHMMSSZ", nullptr, "RFC 5280 4.1.2.5.2 time form"},
    {"time has non-digit characters", nullptr, "RFC 5280 4.1.2.5 time form"},
    {"time field out of range", nullptr, "month 13, second 61, ... are refused"},
    // Checks OpenSSL leaves to X509_verify or never makes.
    {"signatureAlgorithm differs from the TBSCertificate signature field", nullptr,
     "RFC 5280 4.1.1.2: the two algorithm fields must be identical"},
    {"unknown certificate version", nullptr, "only v1, v2, v3 exist"},
    {"unique identifiers in a v1 certificate", nullptr, "RFC 5280 4.1.2.8"},
    // RFC 5280 lists are SIZE (1..MAX) (GeneralNames, extKeyUsage, CRL
    // distribution points) and nameConstraints must not be empty (4.2.1.10);
    // OpenSSL decodes an empty SEQUENCE OF as an empty list.
    {" is empty", nullptr, "RFC 5280: SIZE (1..MAX) lists, non-empty nameConstraints"},
    // OpenSSL looks for repeats only among extension types it knows.
    {"duplicate extension", nullptr, "RFC 5280 4.2: at most one instance of any extension"},
    {"extensions in a v", nullptr, "RFC 5280 4.1.2.9: extensions only in v3"},
    {"serialNumber is ", nullptr, "RFC 5280 4.1.2.2: positive, at most 20 octets"},
    {"negative INTEGER where a positive one is required", nullptr, "pathLen and similar are non-negative"},
    {"empty RelativeDistinguishedName", nullptr, "X.501: SET SIZE (1..MAX)"},
    {"signatureValue has unused bits", nullptr, "signatures are whole octets"},
    {"subjectPublicKey has unused bits", nullptr, "keys are whole octets"},
    {"rsaEncryption parameters must be NULL", nullptr, "RFC 3279 2.3.1"},
    {"Ed25519 key algorithm must have no parameters", nullptr, "RFC 8410 3"},
    // Extensions are decoded on parse (OpenSSL skips unknown non-critical ones
    // and tolerates some malformed known ones in its cache).
    {"empty Extensions list", nullptr, "RFC 5280 4.1: SIZE (1..MAX)"},
    {"keyUsage has no bit set", nullptr, "RFC 5280 4.2.1.3: at least one bit"},
    {"keyUsage is longer than 9 bits", nullptr, "only nine bits are defined"},
    {"extKeyUsage is empty", nullptr, "RFC 5280 4.2.1.12: SIZE (1..MAX)"},
    {"authorityKeyIdentifier has only one of", nullptr, "RFC 5280 4.2.1.1: both or neither"},
    {"nameConstraints", nullptr, "RFC 5280 4.2.1.10: non-empty, no minimum/maximum"},
    {"GeneralName", nullptr, "general names are decoded on parse"},
    {"policyConstraints", nullptr, "RFC 5280 4.2.1.11: decoded on parse, not both fields absent"},
    {"authorityInfoAccess", nullptr, "RFC 5280 4.2.2.1: decoded on parse, SIZE (1..MAX)"},
    {"AccessDescription", nullptr, "RFC 5280 4.2.2.1: method OID and one GeneralName"},
    {"iPAddress of ", nullptr, "iPAddress must be 4 or 16 octets (8 or 32 in constraints)"},
    {"basicConstraints pathLenConstraint", nullptr, "RFC 5280 4.2.1.9"},
    {"trailing bytes after subjectKeyIdentifier", nullptr, "extension values are one element"},
    {"unexpected trailing bytes", nullptr,
     "an extension value is exactly one element; OpenSSL's extension decoder ignores what follows"},
    {"Extension ", nullptr, "malformed extension bodies are refused"},
    {"is not IA5 text", nullptr, "dNSName, rfc822Name and URI must be IA5 (7-bit); OpenSSL does not check"},
    {"found tag 0x23", nullptr, "strict DER: constructed BIT STRING is BER"},
    {"found tag 0x24", nullptr, "strict DER: constructed OCTET STRING is BER"},
    // X.690 8.9/8.11: SEQUENCE and SET are constructed; OpenSSL 3.0 takes a
    // primitive SET (0x11) as a Name's RDN (fuzzing finding, kept in the corpus).
    {"found tag 0x11", nullptr, "strict DER: a primitive SET is not a SET"},
    {"found tag 0x10", nullptr, "strict DER: a primitive SEQUENCE is not a SEQUENCE"},
    {"with the primitive bit", nullptr, "strict DER: SEQUENCE/SET must be constructed"},
    // OpenSSL refuses a constructed INTEGER/OID/... but keeps a constructed
    // REAL or RELATIVE-OID as an opaque ANY (SPKI parameters 2d 00).
    {"with the constructed bit", nullptr, "X.690 8.5, 8.20: REAL and RELATIVE-OID are primitive"},
    // Name attribute values are ASN.1 ANY (X.520): we keep values of types we do
    // not decode as bytes and show them as #hex (RFC 4514 2.4); OpenSSL 3 wants
    // a DirectoryString for the attribute types it knows. (Broken UTF8String,
    // BMPString and UniversalString contents are refused by both.)
    // A constructed value (say a SEQUENCE) is ASN.1 ANY to both; OpenSSL keeps
    // its contents unread, we require complete DER elements inside (X.690 8.9).
    {"does not hold complete DER elements", nullptr, "strict DER inside constructed ANY values"},
    {nullptr, "mstring not universal", "as above: values with non-universal tags are kept as ANY"},
    {nullptr, "mstring wrong tag", "as above: values of other universal types are kept as ANY"},
};

ByteView g_input;  // the input under test, for report-only mode

void report(const char* what, const std::string& ours, const std::string& theirs) {
  glass::fuzz::report_difference("x509 differential", what, ours, theirs, g_input);
}

bool allowed_ours(const std::string& reason) {
  for (const auto& a : kAllowed)
    if (a.ours && reason.find(a.ours) != std::string::npos) return true;
  return false;
}

bool allowed_theirs(const std::string& reason) {
  for (const auto& a : kAllowed)
    if (a.theirs && reason.find(a.theirs) != std::string::npos) return true;
  return false;
}

std::string openssl_error() {
  unsigned long e = ERR_peek_error();
  if (!e) return "unknown error";
  const char* r = ERR_reason_error_string(e);
  return r ? r : "error " + std::to_string(e);
}

template <class T, int (*I2D)(const T*, unsigned char**)>
std::string der_of(const T* v) {
  unsigned char* buf = nullptr;
  int n = I2D(v, &buf);
  if (n <= 0) return {};
  std::string s(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  OPENSSL_free(buf);
  return s;
}

// The extension types OpenSSL 3.0's extension cache decodes (v3_purp.c);
// a decode failure of any other type does not mark a certificate invalid.
bool cache_decodes(int nid) {
  switch (nid) {
    case NID_basic_constraints: case NID_proxyCertInfo: case NID_key_usage:
    case NID_ext_key_usage: case NID_netscape_cert_type: case NID_subject_key_identifier:
    case NID_authority_key_identifier: case NID_subject_alt_name:
    case NID_name_constraints: case NID_crl_distribution_points:
    case NID_sbgp_ipAddrBlock: case NID_sbgp_autonomousSysNum:
      return true;
    default:
      return false;
  }
}

// OpenSSL's extension cache pops the reason a decode failed and leaves only
// "invalid certificate"; decode the cached types again to name the one and why.
std::string failing_extension(X509* x) {
  for (int i = 0; i < X509_get_ext_count(x); ++i) {
    X509_EXTENSION* ext = X509_get_ext(x, i);
    if (!cache_decodes(OBJ_obj2nid(X509_EXTENSION_get_object(ext)))) continue;
    const X509V3_EXT_METHOD* m = X509V3_EXT_get(ext);
    if (!m) continue;
    ERR_clear_error();
    void* v = X509V3_EXT_d2i(ext);
    if (!v) {
      char name[80];
      OBJ_obj2txt(name, sizeof name, X509_EXTENSION_get_object(ext), 0);
      return std::string(name) + ": " + openssl_error();
    }
    if (m->it)
      ASN1_item_free(static_cast<ASN1_VALUE*>(v), ASN1_ITEM_ptr(m->it));
    else
      m->ext_free(v);
  }
  return "every extension decodes on its own";
}

std::string str(ByteView b) { return std::string(reinterpret_cast<const char*>(b.data()), b.size()); }

bool openssl_time(const ASN1_TIME* t, std::int64_t& out) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return false;
  out = static_cast<std::int64_t>(timegm(&tm));
  return true;
}

void compare_fields(const glass::x509::Certificate& c, X509* x) {
  const auto& f = c.fields();
  // i2d of a decoded field gives back its encoding; for fields we accepted
  // (strict DER) that must be the input bytes.
  if (der_of<ASN1_INTEGER, i2d_ASN1_INTEGER>(X509_get0_serialNumber(x)) != str(f.serial))
    report("serial differs", c.serial_hex(), "(see i2d_ASN1_INTEGER)");
  if (der_of<X509_NAME, i2d_X509_NAME>(X509_get_issuer_name(x)) != str(c.issuer().der()))
    report("issuer DER differs", c.issuer().to_string(), "(see i2d_X509_NAME)");
  if (der_of<X509_NAME, i2d_X509_NAME>(X509_get_subject_name(x)) != str(c.subject().der()))
    report("subject DER differs", c.subject().to_string(), "(see i2d_X509_NAME)");
  if (der_of<X509_PUBKEY, i2d_X509_PUBKEY>(X509_get_X509_PUBKEY(x)) != str(c.spki()))
    report("SubjectPublicKeyInfo DER differs", "", "");
  std::int64_t nb = 0, na = 0;
  if (!openssl_time(X509_get0_notBefore(x), nb) || nb != c.not_before())
    report("notBefore differs", std::to_string(c.not_before()), std::to_string(nb));
  if (!openssl_time(X509_get0_notAfter(x), na) || na != c.not_after())
    report("notAfter differs", std::to_string(c.not_after()), std::to_string(na));
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, x);
  if (!sig || std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(sig)),
                               static_cast<std::size_t>(ASN1_STRING_length(sig))) != str(c.signature()))
    report("signature value differs", "", "");
  if (c.version() != X509_get_version(x) + 1)
    report("version differs", std::to_string(c.version()), std::to_string(X509_get_version(x) + 1));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ERR_clear_error();
  g_input = ByteView(data, size);
  const unsigned char* p = data;
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(size));
  std::string theirs;
  bool ossl_ok = x != nullptr;
  if (!ossl_ok) {
    theirs = openssl_error();
  } else if (p != data + size) {
    ossl_ok = false;
    theirs = "trailing data";  // we parse exactly one certificate occupying the input
  } else {
    X509_check_purpose(x, -1, 0);  // decode and cache the extensions
    if (X509_get_extension_flags(x) & EXFLAG_INVALID) {
      ossl_ok = false;
      theirs = "ex-flag invalid: " + openssl_error();
      theirs += " (" + failing_extension(x) + ")";
    }
  }

  auto ours = glass::x509::Certificate::parse(ByteView(data, size));
  if (ours && ossl_ok) {
    compare_fields(*ours, x);
  } else if (ours && !ossl_ok) {
    if (!allowed_theirs(theirs)) report("glasstls accepts, OpenSSL rejects", "accepted", theirs);
  } else if (!ours && ossl_ok) {
    if (!allowed_ours(ours.error().reason))
      report("OpenSSL accepts, glasstls rejects", ours.error().reason, "accepted");
  }
  X509_free(x);
  return 0;
}
