#include "x509/crl_writer.hpp"

#include "x509/signature_algorithm.hpp"
#include "x509/signed_writer.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

core::Result<Bytes> build_crl(const CrlTemplate& t, const crypto::SigningKey& issuer_key,
                              const crypto::SigAlgorithm& alg, crypto::Rng& rng) {
  if (t.issuer_der.empty())
    return make_error(Alert::internal_error, "CRL template without an issuer name");
  Bytes alg_id = encode_signature_algorithm(alg);
  der::Writer tbs;
  tbs.sequence([&] {
    tbs.small_integer(1);  // v2
    tbs.raw(alg_id);
    tbs.raw(t.issuer_der);
    tbs.time(t.this_update);
    if (t.next_update) tbs.time(*t.next_update);
    if (!t.entries.empty()) {
      tbs.sequence([&] {
        for (const auto& e : t.entries) {
          tbs.sequence([&] {
            tbs.unsigned_integer(e.serial);
            tbs.time(e.revocation_date);
            if (!e.reason && !e.invalidity_date && e.extra.empty()) return;
            tbs.sequence([&] {
              if (e.reason) {
                auto v = der_of([&](der::Writer& w) {
                  std::uint8_t code = static_cast<std::uint8_t>(*e.reason);
                  w.element(der::tag::enumerated, ByteView(&code, 1));
                });
                write_extension(tbs, "2.5.29.21", false, v);
              }
              if (e.invalidity_date) {
                // RFC 5280 5.3.2: GeneralizedTime even before 2050.
                std::string s = der::format_time(*e.invalidity_date);
                std::string g;
                for (char c : s)
                  if (c >= '0' && c <= '9') g += c;
                g += 'Z';
                auto v = der_of([&](der::Writer& w) {
                  w.element(der::tag::generalized_time, core::as_bytes(g));
                });
                write_extension(tbs, "2.5.29.24", false, v);
              }
              for (const auto& x : e.extra) write_extension(tbs, x.oid, x.critical, x.value);
            });
          });
        }
      });
    }
    if (t.crl_number || t.authority_key_id || !t.extra.empty()) {
      tbs.constructed(der::tag::context(0, true), [&] {
        tbs.sequence([&] {
          if (t.authority_key_id) {
            auto v = der_of([&](der::Writer& w) {
              w.sequence([&] { w.element(der::tag::context(0, false), *t.authority_key_id); });
            });
            write_extension(tbs, "2.5.29.35", false, v);
          }
          if (t.crl_number) {
            auto v = der_of([&](der::Writer& w) { w.unsigned_integer(*t.crl_number); });
            write_extension(tbs, "2.5.29.20", false, v);
          }
          for (const auto& x : t.extra) write_extension(tbs, x.oid, x.critical, x.value);
        });
      });
    }
  });
  Bytes tbs_der = tbs.take();
  return sign_tbs(tbs_der, alg_id, issuer_key, alg, rng);
}

}  // namespace glass::x509
