#include "handshake/extensions/signature_algorithms.hpp"

#include "handshake/extensions/code_point_list.hpp"

namespace glass::handshake {

using core::Reader;
using core::Result;
using core::Writer;

template <ExtensionType T>
Result<SchemeList<T>> SchemeList<T>::parse(Reader& r) {
  GLASS_TRY(auto s, detail::read_u16_list<SignatureScheme>(r, "supported_signature_algorithms",
                                                           2, 2, 0xfffe));
  return SchemeList{std::move(s)};
}
template <ExtensionType T>
void SchemeList<T>::serialize(Writer& w) const {
  detail::write_u16_list(w, schemes, 2);
}
template struct SchemeList<ExtensionType::signature_algorithms>;
template struct SchemeList<ExtensionType::signature_algorithms_cert>;

Result<CertificateAuthorities> CertificateAuthorities::parse(Reader& r) {
  GLASS_TRY(auto list, r.vec16("authorities", 3, 0xffff));
  CertificateAuthorities out;
  while (!list.empty()) {
    GLASS_TRY(auto dn, list.opaque16("DistinguishedName", 1, 0xffff));
    out.authorities.push_back(core::to_bytes(dn));
  }
  return out;
}
void CertificateAuthorities::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& dn : authorities) w.opaque16(dn);
  });
}

}  // namespace glass::handshake
