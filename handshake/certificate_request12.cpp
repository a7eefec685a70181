#include "handshake/certificate_request12.hpp"

#include "handshake/wire_lists.hpp"

namespace glass::handshake {

core::Result<CertificateRequest12> CertificateRequest12::parse(core::Reader& r) {
  CertificateRequest12 cr;
  GLASS_TRY(auto types, r.opaque8("certificate_types", 1, 0xff));
  for (auto t : types) cr.certificate_types.push_back(static_cast<ClientCertificateType>(t));
  GLASS_TRY(cr.supported_signature_algorithms,
            detail::read_u16_list<crypto::SignatureScheme>(r, "supported_signature_algorithms",
                                                           2, 2, 0xfffe));
  GLASS_TRY(cr.certificate_authorities,
            detail::read_distinguished_names(r, "certificate_authorities", 0));
  GLASS_CHECK(r.expect_end("CertificateRequest"));
  return cr;
}

void CertificateRequest12::serialize(core::Writer& w) const {
  w.vec8([&] {
    for (auto t : certificate_types) w.u8(static_cast<std::uint8_t>(t));
  });
  detail::write_u16_list(w, supported_signature_algorithms, 2);
  detail::write_distinguished_names(w, certificate_authorities);
}

}  // namespace glass::handshake
