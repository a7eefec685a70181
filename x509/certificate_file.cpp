#include "x509/certificate_file.hpp"

#include "x509/pem.hpp"
#include "x509/read_file.hpp"

namespace glass::x509 {

core::Result<std::vector<Certificate>> load_certificates(ByteView file) {
  return pem::parse_blocks<Certificate>(file, {"CERTIFICATE", "X509 CERTIFICATE"}, "certificate",
                                        [](Bytes der) { return Certificate::parse_owned(std::move(der)); });
}

core::Result<std::vector<Certificate>> load_certificate_file(const std::string& path) {
  return parse_file(path, [](ByteView data) { return load_certificates(data); });
}

core::Result<std::vector<Bytes>> load_ca_bundle(const std::string& path, std::vector<std::string>& skipped) {
  GLASS_TRY(auto blocks, parse_file(path, [](ByteView data) { return pem::decode_any(data); }));
  std::vector<Bytes> out;
  std::size_t n = 0;
  for (const auto& b : blocks) {
    if (!b.from_der && b.label != "CERTIFICATE" && b.label != "X509 CERTIFICATE") continue;
    ++n;
    auto cert = Certificate::parse(b.data.view());
    if (cert) {
      out.push_back(core::to_bytes(b.data.view()));
      continue;
    }
    skipped.push_back("certificate " + std::to_string(n) +
                      (b.from_der ? std::string(" (DER)") : " (PEM line " + std::to_string(b.line) + ")") +
                      ": " + cert.error().reason);
  }
  if (out.empty()) {
    std::string why = skipped.empty() ? "no CERTIFICATE found in the input" : skipped.front();
    return core::make_error(core::Alert::decode_error, path + ": " + why);
  }
  return out;
}

}  // namespace glass::x509
