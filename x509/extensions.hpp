#pragma once
// Certificate extensions (RFC 5280 4.2) that path validation needs, decoded
// from spans into the certificate: basicConstraints, keyUsage, extKeyUsage,
// subjectAltName, authority/subject key identifiers, nameConstraints,
// policyConstraints and authorityInfoAccess (checked, with their criticality).
// GeneralNames stay as spans and are walked with GeneralNameIterator.
#include <cstdint>
#include <optional>
#include <string>

#include "x509/der.hpp"
#include "x509/name.hpp"

namespace glass::x509 {

// GeneralName CHOICE tags (RFC 5280 4.2.1.6).
enum class GeneralNameType : std::uint8_t {
  other_name = 0,
  rfc822_name = 1,
  dns_name = 2,
  x400_address = 3,
  directory_name = 4,
  edi_party_name = 5,
  uri = 6,
  ip_address = 7,
  registered_id = 8,
};
std::string_view general_name_type_label(GeneralNameType t);  // "DNS", "IP Address", ...

struct GeneralName {
  GeneralNameType type = GeneralNameType::dns_name;
  // IA5 text for rfc822/DNS/URI, address bytes for iPAddress (4/16 bytes, or
  // 8/32 with a mask inside name constraints), the inner Name DER for
  // directoryName, the element contents otherwise.
  ByteView value;
  ByteView whole;  // the whole GeneralName element
  std::string_view text() const { return core::as_chars(value); }
};

// Text of a GeneralName as `openssl x509 -text` shows it ("DNS:example.com",
// "IP Address:10.0.0.1", "email:a@b", "URI:...", "DirName:CN=...").
std::string general_name_to_string(const GeneralName& n);

// Reads one GeneralName from r and checks it (IA5 text, IP length, inner Name).
// in_constraints allows the address+mask form of iPAddress (RFC 5280 4.2.1.10).
core::Result<GeneralName> parse_general_name(der::Reader& r, bool in_constraints);

// Iterates GeneralNames (the contents of a SEQUENCE OF GeneralName) that were
// validated when the certificate was parsed; next() is false at the end.
class GeneralNameIterator {
 public:
  explicit GeneralNameIterator(ByteView contents, bool in_constraints = false)
      : r_(contents), constraints_(in_constraints) {}
  bool next(GeneralName& out);

 private:
  der::Reader r_;
  bool constraints_;
};

// GeneralSubtrees contents (SEQUENCE OF GeneralSubtree), iterated as their bases.
class GeneralSubtreeIterator {
 public:
  explicit GeneralSubtreeIterator(ByteView contents) : r_(contents) {}
  bool next(GeneralName& base);

 private:
  der::Reader r_;
};

struct BasicConstraints {
  bool ca = false;
  std::optional<std::uint32_t> path_len;
};

// keyUsage bits (RFC 5280 4.2.1.3), as bit positions in KeyUsage::bits.
namespace key_usage {
inline constexpr std::uint16_t digital_signature = 1u << 0;
inline constexpr std::uint16_t non_repudiation = 1u << 1;
inline constexpr std::uint16_t key_encipherment = 1u << 2;
inline constexpr std::uint16_t data_encipherment = 1u << 3;
inline constexpr std::uint16_t key_agreement = 1u << 4;
inline constexpr std::uint16_t key_cert_sign = 1u << 5;
inline constexpr std::uint16_t crl_sign = 1u << 6;
inline constexpr std::uint16_t encipher_only = 1u << 7;
inline constexpr std::uint16_t decipher_only = 1u << 8;
// "Digital Signature, Certificate Sign" in openssl's wording.
std::string to_string(std::uint16_t bits);
}  // namespace key_usage

// One extension as it appears in the certificate.
struct Extension {
  ByteView oid;    // OID contents
  bool critical = false;
  ByteView value;  // extnValue OCTET STRING contents
  ByteView whole;  // the whole Extension SEQUENCE
};

// Iterates the Extension list (contents of the Extensions SEQUENCE).
class ExtensionIterator {
 public:
  explicit ExtensionIterator(ByteView contents) : r_(contents) {}
  bool next(Extension& out);

 private:
  der::Reader r_;
};

// The extensions path validation and printing rely on; empty optionals mean absent.
struct Extensions {
  ByteView der;            // contents of the Extensions SEQUENCE (empty when none)
  std::size_t count = 0;
  std::optional<BasicConstraints> basic_constraints;
  std::optional<std::uint16_t> key_usage;
  std::optional<ByteView> ext_key_usage;  // contents of SEQUENCE OF KeyPurposeId
  bool eku_server_auth = false, eku_client_auth = false, eku_any = false;
  std::optional<ByteView> subject_alt_name;  // GeneralNames contents
  std::optional<ByteView> subject_key_id;
  std::optional<ByteView> authority_key_id;  // keyIdentifier, when the AKI has one
  bool has_authority_key_id_ext = false;
  bool has_name_constraints = false;
  ByteView permitted_subtrees;  // GeneralSubtrees contents (empty when absent)
  ByteView excluded_subtrees;
  std::optional<ByteView> unknown_critical;  // OID of the first critical extension we do not process
  // Criticality of the extensions whose criticality RFC 5280 prescribes.
  bool basic_constraints_critical = false, subject_alt_name_critical = false,
       name_constraints_critical = false, authority_key_id_critical = false,
       ext_key_usage_critical = false;
  bool has_policy_constraints = false, policy_constraints_critical = false;
  bool has_authority_info_access = false;  // well formed when present (checked by the parser)
};

// Parses the [3] Extensions contents into `out`. Duplicate OIDs, malformed
// known extensions and empty lists are decode_error / bad_certificate.
core::Status parse_extensions(ByteView contents, std::size_t base_offset, Extensions& out);

// Text forms of parsed IP addresses ("10.0.0.1", "2001:db8::1"); with a mask
// for constraints ("10.0.0.0/255.0.0.0" as openssl prints it).
std::string ip_to_string(ByteView addr);
// Parses "10.1.2.3" or "2001:db8::1" into 4 or 16 bytes.
std::optional<Bytes> parse_ip(std::string_view text);

}  // namespace glass::x509
