#pragma once
// Distinguished names (RFC 5280 4.1.2.4) as views over their DER. Parsing only
// checks the structure; strings are decoded when someone asks for text, so a
// certificate parse never allocates for its names.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "x509/der.hpp"

namespace glass::x509 {

using core::ByteView;
using core::Bytes;

// One AttributeTypeAndValue.
struct Attribute {
  ByteView type;          // OID contents
  std::uint8_t value_tag = 0;
  ByteView value;         // contents of the value element
  ByteView value_der;     // the whole value element
  std::size_t rdn = 0;    // index of its RelativeDistinguishedName (DER order)
  bool first_in_rdn = true;
};

class Name {
 public:
  Name() = default;

  // Reads one Name (SEQUENCE OF SET OF AttributeTypeAndValue) and validates its
  // structure; `what` names it in errors ("issuer").
  static core::Result<Name> parse(der::Reader& r, const char* what);
  static core::Result<Name> parse(ByteView der, const char* what = "Name");

  ByteView der() const { return der_; }  // the whole SEQUENCE element
  bool empty() const { return rdn_count_ == 0; }
  std::size_t rdn_count() const { return rdn_count_; }

  // Attributes in DER order (most general first, e.g. C, O, CN).
  std::vector<Attribute> attributes() const;

  // RFC 4514 text: reverse order, ',' between RDNs, '+' inside one, special
  // characters escaped. With escape_non_ascii, bytes >= 0x80 of the UTF-8 form
  // become \XX, which is what `openssl -nameopt RFC2253` prints.
  std::string to_string(bool escape_non_ascii = false) const;
  // Value of the last (most specific) CN, decoded to UTF-8; empty when absent.
  std::string common_name() const;
  // "CN=Issuing CA 2", or the full RFC 4514 text when there is no CN; for messages.
  std::string short_form() const;

  // Name matching of RFC 5280 7.1: identical DER, or the same attributes with
  // string values equal after trimming, collapsing spaces and ASCII case-folding.
  bool matches(const Name& other) const;
  // True when the first RDNs of this name match all RDNs of `base` (the
  // directoryName subtree test of RFC 5280 4.2.1.10).
  bool within(const Name& base) const;

 private:
  ByteView der_;
  ByteView contents_;
  std::size_t rdn_count_ = 0;
};

// Decodes a DirectoryString-like value (UTF8, Printable, IA5, Teletex as Latin-1,
// BMP, Universal, Visible) to UTF-8; false for other tags or malformed text.
bool decode_string(std::uint8_t tag, ByteView value, std::string& out);

// RFC 4514 escaping of one attribute value (UTF-8 in).
std::string escape_rfc4514(std::string_view value, bool escape_non_ascii = false);

// Parses "CN=Leaf, O=Example, C=DE" (RFC 4514 order: most specific first) into a
// DER Name. Known short names (CN, O, OU, C, L, ST, STREET, DC, UID, SN,
// serialNumber, emailAddress) or dotted OIDs; '+' joins multi-valued RDNs.
core::Result<Bytes> name_from_string(std::string_view text);

}  // namespace glass::x509
