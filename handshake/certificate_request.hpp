#pragma once
// TLS 1.3 CertificateRequest (RFC 8446 4.3.2):
//   opaque certificate_request_context<0..2^8-1>; Extension extensions<2..2^16-1>;
// signature_algorithms is mandatory (checked by require<SignatureAlgorithms>()).
// The TLS 1.2 message is CertificateRequest12 (certificate_request12.hpp).
#include "handshake/extensions.hpp"

namespace glass::handshake {

struct CertificateRequest {
  static constexpr HandshakeType msg_type = HandshakeType::certificate_request;
  core::Bytes certificate_request_context;  // empty during the handshake
  Extensions extensions;

  static core::Result<CertificateRequest> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const CertificateRequest&) const = default;
};

}  // namespace glass::handshake
