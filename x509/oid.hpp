#pragma once
// The object identifiers glasstls understands, with names for display.
#include <string>
#include <string_view>

#include "core/bytes.hpp"

namespace glass::x509::oid {

using core::ByteView;

// Dotted forms, so code reads like the RFCs.
inline constexpr std::string_view rsa_encryption = "1.2.840.113549.1.1.1";
inline constexpr std::string_view rsassa_pss = "1.2.840.113549.1.1.10";
inline constexpr std::string_view mgf1 = "1.2.840.113549.1.1.8";
inline constexpr std::string_view sha1_with_rsa = "1.2.840.113549.1.1.5";
inline constexpr std::string_view sha256_with_rsa = "1.2.840.113549.1.1.11";
inline constexpr std::string_view sha384_with_rsa = "1.2.840.113549.1.1.12";
inline constexpr std::string_view sha512_with_rsa = "1.2.840.113549.1.1.13";
inline constexpr std::string_view ec_public_key = "1.2.840.10045.2.1";
inline constexpr std::string_view secp256r1 = "1.2.840.10045.3.1.7";
inline constexpr std::string_view secp384r1 = "1.3.132.0.34";
inline constexpr std::string_view ecdsa_with_sha256 = "1.2.840.10045.4.3.2";
inline constexpr std::string_view ecdsa_with_sha384 = "1.2.840.10045.4.3.3";
inline constexpr std::string_view ecdsa_with_sha512 = "1.2.840.10045.4.3.4";
inline constexpr std::string_view ed25519 = "1.3.101.112";
inline constexpr std::string_view x25519 = "1.3.101.110";
inline constexpr std::string_view sha1 = "1.3.14.3.2.26";
inline constexpr std::string_view sha256 = "2.16.840.1.101.3.4.2.1";
inline constexpr std::string_view sha384 = "2.16.840.1.101.3.4.2.2";
inline constexpr std::string_view sha512 = "2.16.840.1.101.3.4.2.3";

/// Attribute types in names (RFC 4514 short names where they exist).
inline constexpr std::string_view at_common_name = "2.5.4.3";
inline constexpr std::string_view at_surname = "2.5.4.4";
inline constexpr std::string_view at_serial_number = "2.5.4.5";
inline constexpr std::string_view at_country = "2.5.4.6";
inline constexpr std::string_view at_locality = "2.5.4.7";
inline constexpr std::string_view at_state = "2.5.4.8";
inline constexpr std::string_view at_street = "2.5.4.9";
inline constexpr std::string_view at_organization = "2.5.4.10";
inline constexpr std::string_view at_org_unit = "2.5.4.11";
inline constexpr std::string_view at_email = "1.2.840.113549.1.9.1";
inline constexpr std::string_view at_domain_component = "0.9.2342.19200300.100.1.25";
inline constexpr std::string_view at_user_id = "0.9.2342.19200300.100.1.1";

/// Certificate extensions (RFC 5280 4.2).
inline constexpr std::string_view ext_subject_key_id = "2.5.29.14";
inline constexpr std::string_view ext_key_usage = "2.5.29.15";
inline constexpr std::string_view ext_subject_alt_name = "2.5.29.17";
inline constexpr std::string_view ext_issuer_alt_name = "2.5.29.18";
inline constexpr std::string_view ext_basic_constraints = "2.5.29.19";
inline constexpr std::string_view ext_name_constraints = "2.5.29.30";
inline constexpr std::string_view ext_crl_distribution_points = "2.5.29.31";
inline constexpr std::string_view ext_certificate_policies = "2.5.29.32";
inline constexpr std::string_view ext_authority_key_id = "2.5.29.35";
inline constexpr std::string_view ext_ext_key_usage = "2.5.29.37";
inline constexpr std::string_view ext_authority_info_access = "1.3.6.1.5.5.7.1.1";
inline constexpr std::string_view kp_server_auth = "1.3.6.1.5.5.7.3.1";
inline constexpr std::string_view kp_client_auth = "1.3.6.1.5.5.7.3.2";
inline constexpr std::string_view kp_any = "2.5.29.37.0";

/// PKCS#5 / PKCS#8 / PKCS#12 / CMS.
inline constexpr std::string_view pbes2 = "1.2.840.113549.1.5.13";
inline constexpr std::string_view pbkdf2 = "1.2.840.113549.1.5.12";
inline constexpr std::string_view pbmac1 = "1.2.840.113549.1.5.14";
inline constexpr std::string_view pbe_md5_des = "1.2.840.113549.1.5.3";
inline constexpr std::string_view pbe_sha1_des = "1.2.840.113549.1.5.10";
inline constexpr std::string_view hmac_sha1 = "1.2.840.113549.2.7";
inline constexpr std::string_view hmac_sha256 = "1.2.840.113549.2.9";
inline constexpr std::string_view hmac_sha384 = "1.2.840.113549.2.10";
inline constexpr std::string_view hmac_sha512 = "1.2.840.113549.2.11";
inline constexpr std::string_view aes128_cbc = "2.16.840.1.101.3.4.1.2";
inline constexpr std::string_view aes192_cbc = "2.16.840.1.101.3.4.1.22";
inline constexpr std::string_view aes256_cbc = "2.16.840.1.101.3.4.1.42";
inline constexpr std::string_view des_ede3_cbc = "1.2.840.113549.3.7";
inline constexpr std::string_view rc2_cbc = "1.2.840.113549.3.2";
inline constexpr std::string_view pkcs12_pbe_sha1_rc4_128 = "1.2.840.113549.1.12.1.1";
inline constexpr std::string_view pkcs12_pbe_sha1_rc4_40 = "1.2.840.113549.1.12.1.2";
inline constexpr std::string_view pkcs12_pbe_sha1_3des = "1.2.840.113549.1.12.1.3";
inline constexpr std::string_view pkcs12_pbe_sha1_2des = "1.2.840.113549.1.12.1.4";
inline constexpr std::string_view pkcs12_pbe_sha1_rc2_128 = "1.2.840.113549.1.12.1.5";
inline constexpr std::string_view pkcs12_pbe_sha1_rc2_40 = "1.2.840.113549.1.12.1.6";
inline constexpr std::string_view pkcs12_key_bag = "1.2.840.113549.1.12.10.1.1";
inline constexpr std::string_view pkcs12_shrouded_key_bag = "1.2.840.113549.1.12.10.1.2";
inline constexpr std::string_view pkcs12_cert_bag = "1.2.840.113549.1.12.10.1.3";
inline constexpr std::string_view pkcs12_crl_bag = "1.2.840.113549.1.12.10.1.4";
inline constexpr std::string_view pkcs12_secret_bag = "1.2.840.113549.1.12.10.1.5";
inline constexpr std::string_view pkcs12_safe_contents_bag = "1.2.840.113549.1.12.10.1.6";
inline constexpr std::string_view pkcs9_x509_certificate = "1.2.840.113549.1.9.22.1";
inline constexpr std::string_view pkcs9_friendly_name = "1.2.840.113549.1.9.20";
inline constexpr std::string_view pkcs9_local_key_id = "1.2.840.113549.1.9.21";
inline constexpr std::string_view cms_data = "1.2.840.113549.1.7.1";
inline constexpr std::string_view cms_signed_data = "1.2.840.113549.1.7.2";
inline constexpr std::string_view cms_enveloped_data = "1.2.840.113549.1.7.3";
inline constexpr std::string_view cms_encrypted_data = "1.2.840.113549.1.7.6";
inline constexpr std::string_view ms_key_set = "1.3.6.1.4.1.311.17.1";       // Microsoft CSP name
inline constexpr std::string_view oracle_trusted_key_usage = "2.16.840.1.113894.746875.1.1";

// True when the DER contents octets of an OID equal the dotted constant.
bool equals(ByteView contents, std::string_view dotted);
// "sha256WithRSAEncryption" for known OIDs, else the dotted form.
std::string name(ByteView contents);
// Known name of a dotted OID, or empty.
std::string_view known_name(std::string_view dotted);

}  // namespace glass::x509::oid
