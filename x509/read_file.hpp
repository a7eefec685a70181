#pragma once
// Reading a whole file (certificates, CRLs, keys, .p12), the one reader the CLI,
// the library API and the x509 loaders share.
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::x509 {

// The error names the path and the system's reason ("cannot open ca.pem: No such
// file or directory"); os_error, when given, receives errno (for callers that
// report a std::error_code).
core::Result<core::Bytes> read_file(const std::string& path, int* os_error = nullptr);

}  // namespace glass::x509
