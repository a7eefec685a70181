#include "x509/crl_writer.hpp"

#include "x509/signature_algorithm.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

void extension(der::Writer& w, std::string_view oid_dotted, bool critical, ByteView value) {
  w.sequence([&] {
    w.oid(oid_dotted);
    if (critical) w.boolean(true);
    w.octet_string(value);
  });
}

template <class F>
Bytes body(F&& f) {
  der::Writer v;
  f(v);
  return v.take();
}

}  // namespace

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
                auto v = body([&](der::Writer& w) {
                  std::uint8_t code = static_cast<std::uint8_t>(*e.reason);
                  w.element(der::tag::enumerated, ByteView(&code, 1));
                });
                extension(tbs, "2.5.29.21", false, v);
              }
              if (e.invalidity_date) {
                // RFC 5280 5.3.2: GeneralizedTime even before 2050.
                std::string s = der::format_time(*e.invalidity_date);
                std::string g;
                for (char c : s)
                  if (c >= '0' && c <= '9') g += c;
                g += 'Z';
                auto v = body([&](der::Writer& w) {
                  w.element(der::tag::generalized_time, core::as_bytes(g));
                });
                extension(tbs, "2.5.29.24", false, v);
              }
              for (const auto& x : e.extra) extension(tbs, x.oid, x.critical, x.value);
            });
          });
        }
      });
    }
    if (t.crl_number || t.authority_key_id || !t.extra.empty()) {
      tbs.constructed(der::tag::context(0, true), [&] {
        tbs.sequence([&] {
          if (t.authority_key_id) {
            auto v = body([&](der::Writer& w) {
              w.sequence([&] { w.element(der::tag::context(0, false), *t.authority_key_id); });
            });
            extension(tbs, "2.5.29.35", false, v);
          }
          if (t.crl_number) {
            auto v = body([&](der::Writer& w) { w.unsigned_integer(*t.crl_number); });
            extension(tbs, "2.5.29.20", false, v);
          }
          for (const auto& x : t.extra) extension(tbs, x.oid, x.critical, x.value);
        });
      });
    }
  });
  Bytes tbs_der = tbs.take();
  GLASS_TRY(auto sig, issuer_key.sign(alg, tbs_der, rng));
  der::Writer crl;
  crl.sequence([&] {
    crl.raw(tbs_der);
    crl.raw(alg_id);
    crl.bit_string(sig);
  });
  return crl.take();
}

}  // namespace glass::x509
