#pragma once
// TLS 1.2 CertificateRequest (RFC 5246 7.4.4, RFC 8422 5.5):
//   ClientCertificateType certificate_types<1..2^8-1>;
//   SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
//   DistinguishedName certificate_authorities<0..2^16-1>;  each <1..2^16-1>, DER, kept raw
#include <vector>

#include "crypto/signature.hpp"
#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

enum class ClientCertificateType : std::uint8_t { rsa_sign = 1, ecdsa_sign = 64 };

struct CertificateRequest12 {
  static constexpr HandshakeType msg_type = HandshakeType::certificate_request;
  std::vector<ClientCertificateType> certificate_types;
  std::vector<crypto::SignatureScheme> supported_signature_algorithms;
  std::vector<core::Bytes> certificate_authorities;

  static core::Result<CertificateRequest12> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const CertificateRequest12&) const = default;
};

}  // namespace glass::handshake
