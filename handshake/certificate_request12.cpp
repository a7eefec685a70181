#include "handshake/certificate_request12.hpp"

namespace glass::handshake {

core::Result<CertificateRequest12> CertificateRequest12::parse(core::Reader& r) {
  CertificateRequest12 cr;
  GLASS_TRY(auto types, r.opaque8("certificate_types", 1, 0xff));
  for (auto t : types) cr.certificate_types.push_back(static_cast<ClientCertificateType>(t));
  GLASS_TRY(auto algs, r.vec16("supported_signature_algorithms", 2, 0xfffe));
  if (algs.remaining() % 2 != 0)
    return core::make_error(core::Alert::decode_error,
                            "supported_signature_algorithms has odd length " +
                                std::to_string(algs.remaining()));
  while (!algs.empty()) {
    GLASS_TRY(auto a, algs.u16("SignatureAndHashAlgorithm"));
    cr.supported_signature_algorithms.push_back(static_cast<crypto::SignatureScheme>(a));
  }
  GLASS_TRY(auto cas, r.vec16("certificate_authorities", 0, 0xffff));
  while (!cas.empty()) {
    GLASS_TRY(auto dn, cas.opaque16("DistinguishedName", 1, 0xffff));
    cr.certificate_authorities.push_back(core::to_bytes(dn));
  }
  GLASS_CHECK(r.expect_end("CertificateRequest"));
  return cr;
}

void CertificateRequest12::serialize(core::Writer& w) const {
  w.vec8([&] {
    for (auto t : certificate_types) w.u8(static_cast<std::uint8_t>(t));
  });
  w.vec16([&] {
    for (auto a : supported_signature_algorithms) w.u16(static_cast<std::uint16_t>(a));
  });
  w.vec16([&] {
    for (const auto& dn : certificate_authorities) w.opaque16(dn);
  });
}

}  // namespace glass::handshake
