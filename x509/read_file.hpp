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

// Reads `path` and returns parse(its bytes); a parse error gets "path: " in front
// (a read error names the path already).
template <class Parse>
auto parse_file(const std::string& path, Parse&& parse) -> decltype(parse(core::ByteView{})) {
  GLASS_TRY(auto data, read_file(path));
  auto r = parse(core::ByteView(data));
  if (!r) return core::make_error(r.error().alert, path + ": " + r.error().reason);
  return r;
}

}  // namespace glass::x509
