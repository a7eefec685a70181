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

// A CA bundle (e.g. /etc/ssl/certs/ca-certificates.crt): system bundles carry a few
// roots that are not strict DER, and one of them must not make the whole bundle
// unusable. Each certificate that does not parse is left out and described in
// `skipped` ("certificate 37 (PEM line 2210): ..."); an error only when the file
// cannot be read, is not PEM/DER, or holds no certificate that parses.
core::Result<std::vector<Bytes>> load_ca_bundle(const std::string& path, std::vector<std::string>& skipped);

}  // namespace glass::x509
