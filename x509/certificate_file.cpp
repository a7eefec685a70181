#include "x509/certificate_file.hpp"

#include "x509/pem.hpp"
#include "x509/read_file.hpp"

namespace glass::x509 {

core::Result<std::vector<Certificate>> load_certificates(ByteView file) {
  return pem::parse_blocks<Certificate>(file, {"CERTIFICATE", "X509 CERTIFICATE"}, "certificate",
                                        [](Bytes der) { return Certificate::parse_owned(std::move(der)); });
}

core::Result<std::vector<Certificate>> load_certificate_file(const std::string& path) {
  GLASS_TRY(auto data, read_file(path));
  auto r = load_certificates(data);
  if (!r) return core::make_error(r.error().alert, path + ": " + r.error().reason);
  return r;
}

}  // namespace glass::x509
