#include "x509/signed_writer.hpp"

namespace glass::x509 {

void write_extension(der::Writer& w, std::string_view oid_dotted, bool critical,
                     core::ByteView value) {
  w.sequence([&] {
    w.oid(oid_dotted);
    if (critical) w.boolean(true);
    w.octet_string(value);
  });
}

core::Result<core::Bytes> sign_tbs(core::ByteView tbs_der, core::ByteView alg_id,
                                   const crypto::SigningKey& issuer_key,
                                   const crypto::SigAlgorithm& alg, crypto::Rng& rng) {
  GLASS_TRY(auto sig, issuer_key.sign(alg, tbs_der, rng));
  der::Writer out;
  out.sequence([&] {
    out.raw(tbs_der);
    out.raw(alg_id);
    out.bit_string(sig);
  });
  return out.take();
}

}  // namespace glass::x509
