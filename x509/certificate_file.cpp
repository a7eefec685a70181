#include "x509/certificate_file.hpp"

#include "x509/pem.hpp"
#include "x509/read_file.hpp"

namespace glass::x509 {

core::Result<std::vector<Certificate>> load_certificates(ByteView file) {
  GLASS_TRY(auto blocks, pem::decode_any(file));
  std::vector<Certificate> out;
  std::size_t n = 0;
  for (const auto& b : blocks) {
    if (!b.from_der && b.label != "CERTIFICATE" && b.label != "X509 CERTIFICATE")
      continue;  // keys and other blocks may share the file
    ++n;
    auto c = Certificate::parse_owned(core::to_bytes(b.data.view()));
    if (!c) {
      auto e = std::move(c).error();
      std::string where = "certificate " + std::to_string(n) +
                          (b.from_der ? std::string(" (DER)")
                                      : " (PEM line " + std::to_string(b.line) + ")");
      return core::make_error(e.alert, where + ": " + e.reason);
    }
    out.push_back(std::move(*c));
  }
  if (out.empty())
    return core::make_error(core::Alert::decode_error, "no CERTIFICATE found in the input");
  return out;
}

core::Result<std::vector<Certificate>> load_certificate_file(const std::string& path) {
  GLASS_TRY(auto data, read_file(path));
  auto r = load_certificates(data);
  if (!r) return core::make_error(r.error().alert, path + ": " + r.error().reason);
  return r;
}

}  // namespace glass::x509
