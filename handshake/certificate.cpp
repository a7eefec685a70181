#include "handshake/certificate.hpp"

namespace glass::handshake {

std::vector<core::ByteView> Certificate::chain() const {
  std::vector<core::ByteView> out;
  for (const auto& e : certificate_list) out.push_back(e.cert_data);
  return out;
}

std::vector<core::Bytes> Certificate::der_chain() const {
  std::vector<core::Bytes> out;
  for (const auto& e : certificate_list) out.push_back(e.cert_data);
  return out;
}

Certificate Certificate::from_chain(const std::vector<core::Bytes>& der_chain,
                                    core::ByteView request_context) {
  Certificate c;
  c.certificate_request_context = core::to_bytes(request_context);
  for (const auto& der : der_chain) c.certificate_list.push_back({der, {}});
  return c;
}

core::Result<Certificate> Certificate::parse(core::Reader& r) {
  Certificate c;
  GLASS_TRY(auto ctx, r.opaque8("certificate_request_context", 0, 0xff));
  c.certificate_request_context = core::to_bytes(ctx);
  GLASS_TRY(auto list, r.vec24("certificate_list", 0, 0xffffff));
  while (!list.empty()) {
    CertificateEntry e;
    GLASS_TRY(auto der, list.opaque24("cert_data", 1, 0xffffff));
    e.cert_data = core::to_bytes(der);
    GLASS_TRY(e.extensions, Extensions::parse(list, ExtensionContext::certificate));
    c.certificate_list.push_back(std::move(e));
  }
  GLASS_CHECK(r.expect_end("Certificate"));
  return c;
}

void Certificate::serialize(core::Writer& w) const {
  w.opaque8(certificate_request_context);
  w.vec24([&] {
    for (const auto& e : certificate_list) {
      w.opaque24(e.cert_data);
      e.extensions.serialize(w);
    }
  });
}

core::Result<Certificate12> Certificate12::parse(core::Reader& r) {
  Certificate12 c;
  GLASS_TRY(auto list, r.vec24("certificate_list", 0, 0xffffff));
  while (!list.empty()) {
    GLASS_TRY(auto der, list.opaque24("ASN.1Cert", 1, 0xffffff));
    c.certificate_list.push_back(core::to_bytes(der));
  }
  GLASS_CHECK(r.expect_end("Certificate"));
  return c;
}

void Certificate12::serialize(core::Writer& w) const {
  w.vec24([&] {
    for (const auto& der : certificate_list) w.opaque24(der);
  });
}

}  // namespace glass::handshake
