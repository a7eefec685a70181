#pragma once
// Certificates from files: PEM (any number of CERTIFICATE blocks, text between
// blocks ignored) or one DER certificate. The certificates own their bytes.
#include <string>
#include <vector>

#include "x509/certificate.hpp"

namespace glass::x509 {

// decode_error naming the block ("certificate 2 (PEM line 31): ...") on failure;
// an input with no certificate at all is an error too.
core::Result<std::vector<Certificate>> load_certificates(ByteView file);
// Same, reading the file first; the error names the path.
core::Result<std::vector<Certificate>> load_certificate_file(const std::string& path);

}  // namespace glass::x509
