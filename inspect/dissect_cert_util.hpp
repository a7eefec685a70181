#pragma once
// Internal helpers of the certificate dissector (dissect_certificate*.cpp):
// offsets of DER spans inside the dissected bytes, OID labels, GeneralNames.
#include <string>

#include "inspect/dissect_util.hpp"
#include "x509/der.hpp"

namespace glass::inspect::detail {

// The certificate being dissected: `der` at `base` in the dissected bytes.
struct CertSpan {
  ByteView der;
  std::size_t base = 0;
  std::size_t at(ByteView part) const {
    return base + static_cast<std::size_t>(part.data() - der.data());
  }
  Field node(std::string name, ByteView whole, std::string value, std::string note = {}) const {
    return leaf(std::move(name), at(whole), whole.size(), std::move(value), std::move(note));
  }
  // An error node at the reader's position; returns false.
  bool error(Field& p, const x509::der::Reader& r, const core::Error& e) const {
    const std::size_t pos = r.data().data() ? at(r.data()) + (r.data().size() - r.remaining()) : base;
    return fail(p, pos, e.reason);
  }
};

// "subjectAltName (2.5.29.17)", or the dotted form alone when unknown.
std::string oid_label(ByteView oid_contents);
// The next element as an OBJECT IDENTIFIER (its whole span stays in `out`).
core::Result<x509::der::Element> oid_element(x509::der::Reader& r, const char* what);
// One GeneralName as a child `what` of p; its text, or empty after an error node.
std::string general_name(const CertSpan& c, x509::der::Reader& r, Field& p, const char* what,
                         bool constraints = false);
// GeneralNames contents: every name as a child of p; all names joined by ", ".
std::string general_names(const CertSpan& c, x509::der::Reader r, Field& p);
// "basic_constraints", "subject_alt_name", ...; "extension" for the others.
std::string extension_node_name(ByteView oid_contents);
// Decodes one extension's extnValue contents into children of `ext`.
void extension_value(const CertSpan& c, ByteView oid_contents, ByteView value, Field& ext);

}  // namespace glass::inspect::detail
