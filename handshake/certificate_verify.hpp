#pragma once
// CertificateVerify (RFC 8446 4.4.3): SignatureScheme algorithm; opaque signature<0..2^16-1>;
// TLS 1.2's CertificateVerify (RFC 5246 7.4.8) and the signature in ServerKeyExchange
// have the same `digitally-signed` shape: the struct serves TLS 1.2's CertificateVerify,
// the two functions below ServerKeyExchange's signature.
#include "crypto/signature.hpp"
#include "handshake/types.hpp"
#include "core/reader.hpp"
#include "core/writer.hpp"

namespace glass::handshake {

struct CertificateVerify {
  static constexpr HandshakeType msg_type = HandshakeType::certificate_verify;
  crypto::SignatureScheme algorithm{};
  core::Bytes signature;

  static core::Result<CertificateVerify> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const CertificateVerify&) const = default;
};

// SignatureScheme; opaque signature<0..2^16-1>; `algorithm_name` names the first
// field in errors.
core::Status read_digitally_signed(core::Reader& r, const char* algorithm_name,
                                   crypto::SignatureScheme& algorithm, core::Bytes& signature);
void write_digitally_signed(core::Writer& w, crypto::SignatureScheme algorithm,
                            core::ByteView signature);

enum class Side : std::uint8_t { client, server };

// The bytes a TLS 1.3 CertificateVerify signs (RFC 8446 4.4.3): 64 spaces, the
// context string "TLS 1.3, server CertificateVerify" (or client), a zero byte, and
// the transcript hash up to and including Certificate.
core::Bytes certificate_verify_content(Side signer, core::ByteView transcript_hash);

}  // namespace glass::handshake
