#include "handshake/certificate_request.hpp"

namespace glass::handshake {

core::Result<CertificateRequest> CertificateRequest::parse(core::Reader& r) {
  CertificateRequest cr;
  GLASS_TRY(auto ctx, r.opaque8("certificate_request_context", 0, 0xff));
  cr.certificate_request_context = core::to_bytes(ctx);
  GLASS_TRY(cr.extensions,
            Extensions::parse(r, ExtensionContext::certificate_request, 2, 0xffff));
  GLASS_CHECK(r.expect_end("CertificateRequest"));
  return cr;
}

void CertificateRequest::serialize(core::Writer& w) const {
  w.opaque8(certificate_request_context);
  extensions.serialize(w);
}

}  // namespace glass::handshake
