#include "handshake/certificate_verify.hpp"

namespace glass::handshake {

core::Status read_digitally_signed(core::Reader& r, const char* algorithm_name,
                                   crypto::SignatureScheme& algorithm, core::Bytes& signature) {
  GLASS_TRY(auto alg, r.u16(algorithm_name));
  algorithm = static_cast<crypto::SignatureScheme>(alg);
  GLASS_TRY(auto sig, r.opaque16("signature", 0, 0xffff));
  signature = core::to_bytes(sig);
  return {};
}

void write_digitally_signed(core::Writer& w, crypto::SignatureScheme algorithm,
                            core::ByteView signature) {
  w.u16(static_cast<std::uint16_t>(algorithm));
  w.opaque16(signature);
}

core::Result<CertificateVerify> CertificateVerify::parse(core::Reader& r) {
  CertificateVerify cv;
  GLASS_CHECK(read_digitally_signed(r, "algorithm", cv.algorithm, cv.signature));
  GLASS_CHECK(r.expect_end("CertificateVerify"));
  return cv;
}

void CertificateVerify::serialize(core::Writer& w) const {
  write_digitally_signed(w, algorithm, signature);
}

core::Bytes certificate_verify_content(Side signer, core::ByteView transcript_hash) {
  std::string_view context = signer == Side::server ? "TLS 1.3, server CertificateVerify"
                                                    : "TLS 1.3, client CertificateVerify";
  core::Bytes out;
  out.reserve(64 + context.size() + 1 + transcript_hash.size());
  out.resize(64, 0x20);
  core::append(out, core::as_bytes(context));
  out.push_back(0);
  core::append(out, transcript_hash);
  return out;
}

}  // namespace glass::handshake
