#pragma once
// What the peer's certificate and signatures may be, and when a client certificate
// may be asked for: signature_algorithms, signature_algorithms_cert,
// certificate_authorities and post_handshake_auth (RFC 8446 4.2.3, 4.2.4, 4.2.6).
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/extensions/empty_extension.hpp"

namespace glass::handshake {

using crypto::SignatureScheme;

// RFC 8446 4.2.3: SignatureScheme supported_signature_algorithms<2..2^16-2>.
template <ExtensionType T>
struct SchemeList {
  static constexpr ExtensionType type = T;
  std::vector<SignatureScheme> schemes;
  static core::Result<SchemeList> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SchemeList&) const = default;
};
using SignatureAlgorithms = SchemeList<ExtensionType::signature_algorithms>;
using SignatureAlgorithmsCert = SchemeList<ExtensionType::signature_algorithms_cert>;

// RFC 8446 4.2.4: DistinguishedName authorities<3..2^16-1>, each DER <1..2^16-1>,
// kept raw (x509/ interprets them).
struct CertificateAuthorities {
  static constexpr ExtensionType type = ExtensionType::certificate_authorities;
  std::vector<core::Bytes> authorities;
  static core::Result<CertificateAuthorities> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const CertificateAuthorities&) const = default;
};

// RFC 8446 4.2.6: empty; the client accepts a CertificateRequest after the handshake.
using PostHandshakeAuth = EmptyExtension<ExtensionType::post_handshake_auth>;

}  // namespace glass::handshake
