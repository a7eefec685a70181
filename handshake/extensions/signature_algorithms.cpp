#include "handshake/extensions/signature_algorithms.hpp"

#include "handshake/wire_lists.hpp"

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
  GLASS_TRY(auto names, detail::read_distinguished_names(r, "authorities", 3));
  return CertificateAuthorities{std::move(names)};
}
void CertificateAuthorities::serialize(Writer& w) const {
  detail::write_distinguished_names(w, authorities);
}

}  // namespace glass::handshake
