#include "x509/oid.hpp"

#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "x509/der.hpp"

namespace glass::x509::oid {

namespace {

struct Entry {
  std::string_view dotted;
  std::string_view name;
};

const Entry kNames[] = {
    {rsa_encryption, "rsaEncryption"},
    {rsassa_pss, "RSASSA-PSS"},
    {mgf1, "MGF1"},
    {sha1_with_rsa, "sha1WithRSAEncryption"},
    {sha256_with_rsa, "sha256WithRSAEncryption"},
    {sha384_with_rsa, "sha384WithRSAEncryption"},
    {sha512_with_rsa, "sha512WithRSAEncryption"},
    {ec_public_key, "id-ecPublicKey"},
    {secp256r1, "prime256v1"},
    {secp384r1, "secp384r1"},
    {ecdsa_with_sha256, "ecdsa-with-SHA256"},
    {ecdsa_with_sha384, "ecdsa-with-SHA384"},
    {ecdsa_with_sha512, "ecdsa-with-SHA512"},
    {ed25519, "ED25519"},
    {x25519, "X25519"},
    {sha1, "sha1"},
    {sha256, "sha256"},
    {sha384, "sha384"},
    {sha512, "sha512"},
    {at_common_name, "CN"},
    {at_surname, "SN"},
    {at_serial_number, "serialNumber"},
    {at_country, "C"},
    {at_locality, "L"},
    {at_state, "ST"},
    {at_street, "STREET"},
    {at_organization, "O"},
    {at_org_unit, "OU"},
    {at_email, "emailAddress"},
    {at_domain_component, "DC"},
    {at_user_id, "UID"},
    {ext_subject_key_id, "subjectKeyIdentifier"},
    {ext_key_usage, "keyUsage"},
    {ext_subject_alt_name, "subjectAltName"},
    {ext_issuer_alt_name, "issuerAltName"},
    {ext_basic_constraints, "basicConstraints"},
    {ext_name_constraints, "nameConstraints"},
    {ext_crl_distribution_points, "cRLDistributionPoints"},
    {ext_certificate_policies, "certificatePolicies"},
    {ext_authority_key_id, "authorityKeyIdentifier"},
    {ext_ext_key_usage, "extKeyUsage"},
    {ext_authority_info_access, "authorityInfoAccess"},
    {kp_server_auth, "serverAuth"},
    {kp_client_auth, "clientAuth"},
    {kp_any, "anyExtendedKeyUsage"},
    {pbes2, "PBES2"},
    {pbkdf2, "PBKDF2"},
    {pbmac1, "PBMAC1"},
    {pbe_md5_des, "pbeWithMD5AndDES-CBC"},
    {pbe_sha1_des, "pbeWithSHA1AndDES-CBC"},
    {hmac_sha1, "hmacWithSHA1"},
    {hmac_sha256, "hmacWithSHA256"},
    {hmac_sha384, "hmacWithSHA384"},
    {hmac_sha512, "hmacWithSHA512"},
    {aes128_cbc, "aes-128-cbc"},
    {aes192_cbc, "aes-192-cbc"},
    {aes256_cbc, "aes-256-cbc"},
    {des_ede3_cbc, "des-ede3-cbc"},
    {rc2_cbc, "rc2-cbc"},
    {pkcs12_pbe_sha1_rc4_128, "pbeWithSHAAnd128BitRC4"},
    {pkcs12_pbe_sha1_rc4_40, "pbeWithSHAAnd40BitRC4"},
    {pkcs12_pbe_sha1_3des, "pbeWithSHAAnd3-KeyTripleDES-CBC"},
    {pkcs12_pbe_sha1_2des, "pbeWithSHAAnd2-KeyTripleDES-CBC"},
    {pkcs12_pbe_sha1_rc2_128, "pbeWithSHAAnd128BitRC2-CBC"},
    {pkcs12_pbe_sha1_rc2_40, "pbeWithSHAAnd40BitRC2-CBC"},
    {pkcs12_key_bag, "keyBag"},
    {pkcs12_shrouded_key_bag, "pkcs8ShroudedKeyBag"},
    {pkcs12_cert_bag, "certBag"},
    {pkcs12_crl_bag, "crlBag"},
    {pkcs12_secret_bag, "secretBag"},
    {pkcs12_safe_contents_bag, "safeContentsBag"},
    {pkcs9_x509_certificate, "x509Certificate"},
    {pkcs9_friendly_name, "friendlyName"},
    {pkcs9_local_key_id, "localKeyID"},
    {cms_data, "data"},
    {cms_signed_data, "signedData"},
    {cms_enveloped_data, "envelopedData"},
    {cms_encrypted_data, "encryptedData"},
    {ms_key_set, "Microsoft CSP Name"},
    {oracle_trusted_key_usage, "Oracle/Java trusted key usage"},
};

// Encoded contents of every known OID, built once.
const std::map<std::string_view, core::Bytes>& encoded() {
  static const auto* table = [] {
    auto* m = new std::map<std::string_view, core::Bytes>;
    for (const auto& e : kNames) (*m)[e.dotted] = der::oid_from_string(e.dotted);
    return m;
  }();
  return *table;
}

}  // namespace

namespace {

// Appends arc `x` in base 128, high groups first with the continuation bit.
bool put_arc(std::uint64_t x, std::uint8_t* out, std::size_t& n, std::size_t cap) {
  std::uint8_t tmp[10];
  int k = 0;
  do {
    tmp[k++] = static_cast<std::uint8_t>(x & 0x7f);
    x >>= 7;
  } while (x != 0);
  if (n + static_cast<std::size_t>(k) > cap) return false;
  while (k > 0) {
    --k;
    out[n++] = static_cast<std::uint8_t>(tmp[k] | (k > 0 ? 0x80 : 0));
  }
  return true;
}

// Encodes a dotted OID into `out` (no heap: parsers compare OIDs on every
// certificate). False for text that is not a dotted OID or does not fit.
bool encode_dotted(std::string_view dotted, std::uint8_t* out, std::size_t cap, std::size_t& n) {
  std::uint64_t v = 0, first = 0;
  int arcs = 0;
  bool have = false;
  n = 0;
  for (std::size_t i = 0; i <= dotted.size(); ++i) {
    const char ch = i < dotted.size() ? dotted[i] : '.';
    if (ch >= '0' && ch <= '9') {
      if (v > (UINT64_MAX - 9) / 10) return false;
      v = v * 10 + static_cast<std::uint64_t>(ch - '0');
      have = true;
      continue;
    }
    if (ch != '.' || !have) return false;
    if (arcs == 0) first = v;
    else if (arcs == 1 ? first > 2 || !put_arc(first * 40 + v, out, n, cap) : !put_arc(v, out, n, cap))
      return false;
    ++arcs;
    v = 0;
    have = false;
  }
  return arcs >= 2;
}

// The last encodings per thread, in slots picked by the text's address (the
// constants of oid.hpp keep theirs); a slot is used only when its text is the
// same, so a reused address with other text just encodes again.
struct EncodedSlot {
  char text[48];
  std::uint8_t bytes[40];
  std::uint8_t text_len = 0, len = 0;
};

const EncodedSlot* cached_encoding(std::string_view dotted) {
  static thread_local EncodedSlot slots[64];
  if (dotted.size() > sizeof(EncodedSlot::text)) return nullptr;
  const auto addr = reinterpret_cast<std::uintptr_t>(dotted.data());
  EncodedSlot& s = slots[((addr >> 3) ^ (addr >> 9) ^ dotted.size()) & 63];
  if (s.text_len == dotted.size() && std::memcmp(s.text, dotted.data(), dotted.size()) == 0 &&
      s.len > 0)
    return &s;
  s.text_len = s.len = 0;  // invalid until the encoding below is complete
  std::size_t n = 0;
  if (!encode_dotted(dotted, s.bytes, sizeof s.bytes, n)) return nullptr;
  std::memcpy(s.text, dotted.data(), dotted.size());
  s.text_len = static_cast<std::uint8_t>(dotted.size());
  s.len = static_cast<std::uint8_t>(n);
  return &s;
}

}  // namespace

bool equals(ByteView contents, std::string_view dotted) {
  if (const EncodedSlot* s = cached_encoding(dotted))
    return contents.size() == s->len && std::memcmp(contents.data(), s->bytes, s->len) == 0;
  return core::equal(contents, der::oid_from_string(dotted));
}

std::string_view known_name(std::string_view dotted) {
  for (const auto& e : kNames)
    if (e.dotted == dotted) return e.name;
  return {};
}

std::string name(ByteView contents) {
  for (const auto& [dotted, bytes] : encoded())
    if (core::equal(contents, bytes)) return std::string(known_name(dotted));
  return der::oid_to_string(contents);
}

}  // namespace glass::x509::oid
