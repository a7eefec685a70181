#pragma once
// Certificate messages.
// TLS 1.3 (RFC 8446 4.4.2):
//   opaque certificate_request_context<0..2^8-1>;
//   CertificateEntry certificate_list<0..2^24-1>;
//   CertificateEntry: opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>;
// TLS 1.2 (RFC 5246 7.4.2): ASN.1Cert certificate_list<0..2^24-1>, each <1..2^24-1>.
// Both share msg_type 11; the negotiated version picks the struct.
#include <vector>

#include "handshake/extensions.hpp"

namespace glass::handshake {

struct CertificateEntry {
  core::Bytes cert_data;  // DER X.509 (RawPublicKey is not supported)
  Extensions extensions;  // status_request, signed_certificate_timestamp
  bool operator==(const CertificateEntry&) const = default;
};

struct Certificate {
  static constexpr HandshakeType msg_type = HandshakeType::certificate;
  core::Bytes certificate_request_context;  // empty, or echoes CertificateRequest's
  std::vector<CertificateEntry> certificate_list;  // end-entity first; empty = no cert

  // Just the DER certificates, in order.
  std::vector<core::ByteView> chain() const;
  // The same, copied (what SessionInfo::peer_chain keeps).
  std::vector<core::Bytes> der_chain() const;
  // Certificate with empty extensions for each DER certificate.
  static Certificate from_chain(const std::vector<core::Bytes>& der_chain,
                                core::ByteView request_context = {});

  static core::Result<Certificate> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Certificate&) const = default;
};

struct Certificate12 {
  static constexpr HandshakeType msg_type = HandshakeType::certificate;
  std::vector<core::Bytes> certificate_list;  // sender's certificate first

  static core::Result<Certificate12> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Certificate12&) const = default;
};

}  // namespace glass::handshake
