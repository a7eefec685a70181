#pragma once
// Human-readable renderings of a certificate: the layout of `openssl x509 -text`
// (fields, public key, extensions, signature) and a byte-range table of every
// field for teaching (`glasstls x509 --offsets`). Never fails: undecodable parts
// are shown as such.
#include <string>

#include "x509/certificate.hpp"

namespace glass::x509 {

std::string to_text(const Certificate& cert);
std::string offsets_text(const Certificate& cert);

}  // namespace glass::x509
