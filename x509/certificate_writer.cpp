#include "x509/certificate_writer.hpp"

#include "crypto/hash.hpp"
#include "x509/certificate.hpp"
#include "x509/name.hpp"
#include "x509/oid.hpp"
#include "x509/public_key.hpp"
#include "x509/signature_algorithm.hpp"
#include "x509/signed_writer.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

// "10.0.0.0/8" or "2001:db8::/32" → address ‖ mask.
core::Result<Bytes> ip_with_mask(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return make_error(Alert::illegal_parameter,
                      "IP constraint '" + std::string(text) + "' needs a /prefix length");
  auto addr = parse_ip(text.substr(0, slash));
  std::string_view len_text = text.substr(slash + 1);
  unsigned len = 0;
  for (char c : len_text) {
    if (c < '0' || c > '9') return make_error(Alert::illegal_parameter, "bad prefix length");
    len = len * 10 + static_cast<unsigned>(c - '0');
  }
  if (!addr || len_text.empty() || len > addr->size() * 8)
    return make_error(Alert::illegal_parameter, "bad IP constraint '" + std::string(text) + "'");
  Bytes out = *addr;
  Bytes mask(addr->size(), 0);
  for (unsigned i = 0; i < len; ++i) mask[i / 8] |= static_cast<std::uint8_t>(0x80 >> (i % 8));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] &= mask[i];
  core::append(out, mask);
  return out;
}

core::Status write_general_name(der::Writer& w, const NameEntry& n, bool constraint) {
  switch (n.type) {
    case GeneralNameType::dns_name:
    case GeneralNameType::rfc822_name:
    case GeneralNameType::uri:
      w.element(der::tag::context(static_cast<unsigned>(n.type), false), core::as_bytes(n.value));
      return {};
    case GeneralNameType::ip_address: {
      Bytes v;
      if (constraint) {
        GLASS_TRY(v, ip_with_mask(n.value));
      } else {
        auto a = parse_ip(n.value);
        if (!a) return make_error(Alert::illegal_parameter, "bad IP address '" + n.value + "'");
        v = *a;
      }
      w.element(der::tag::context(7, false), v);
      return {};
    }
    case GeneralNameType::directory_name: {
      GLASS_TRY(auto name, name_from_string(n.value));
      w.constructed(der::tag::context(4, true), [&] { w.raw(name); });
      return {};
    }
    default:
      return make_error(Alert::internal_error, "the builder cannot write this GeneralName form");
  }
}

}  // namespace

core::Result<Bytes> key_identifier(const crypto::VerifyingKey& key) {
  GLASS_TRY(auto spki, encode_spki(key));
  GLASS_TRY(auto info, parse_spki(spki));
  Bytes id = crypto::hash(crypto::HashAlg::sha1, info.key_bits);
  return id;
}

crypto::SigAlgorithm default_algorithm(const crypto::SigningKey& key) {
  using K = crypto::SigAlgorithm::Kind;
  using crypto::HashAlg;
  switch (key.type()) {
    case crypto::KeyType::ecdsa_p384: return {K::ecdsa, HashAlg::sha384, HashAlg::sha384, 0};
    case crypto::KeyType::ecdsa_p256: return {K::ecdsa, HashAlg::sha256, HashAlg::sha256, 0};
    case crypto::KeyType::ed25519: return {K::ed25519, HashAlg::sha512, HashAlg::sha512, 0};
    case crypto::KeyType::rsa_pss: return {K::rsa_pss, HashAlg::sha256, HashAlg::sha256, 32};
    case crypto::KeyType::rsa: break;
  }
  return {K::rsa_pkcs1, HashAlg::sha256, HashAlg::sha256, 0};
}

namespace {

// keyUsage as a named bit list: trailing zero bits dropped (X.690 11.2.2).
Bytes key_usage_value(std::uint16_t bits) {
  unsigned highest = 0;
  for (unsigned i = 0; i < 9; ++i)
    if (bits & (1u << i)) highest = i;
  std::size_t nbytes = highest / 8 + 1;
  Bytes b(nbytes, 0);
  for (unsigned i = 0; i < 9; ++i)
    if (bits & (1u << i)) b[i / 8] |= static_cast<std::uint8_t>(0x80 >> (i % 8));
  unsigned unused = 7 - highest % 8;
  return der_of([&](der::Writer& w) { w.bit_string(b, unused); });
}

// A SEQUENCE OF GeneralName; the first name that cannot be written lands in `failed`.
Bytes general_names_value(const std::vector<NameEntry>& names, core::Status& failed) {
  return der_of([&](der::Writer& w) {
    w.sequence([&] {
      for (const auto& n : names) {
        auto st = write_general_name(w, n, false);
        if (!st && failed) failed = std::move(st);
      }
    });
  });
}

Bytes name_constraints_value(const CertificateTemplate& t, core::Status& failed) {
  auto subtrees = [&](der::Writer& w, unsigned tagno, const std::vector<NameEntry>& list) {
    if (list.empty()) return;
    w.constructed(der::tag::context(tagno, true), [&] {
      for (const auto& n : list) {
        w.sequence([&] {
          auto st = write_general_name(w, n, true);
          if (!st && failed) failed = std::move(st);
        });
      }
    });
  };
  return der_of([&](der::Writer& w) {
    w.sequence([&] {
      subtrees(w, 0, t.permitted);
      subtrees(w, 1, t.excluded);
    });
  });
}

// The template's extensions, encoded before anything is signed so failures surface first.
core::Result<Bytes> encode_extensions(const CertificateTemplate& t, ByteView subject) {
  der::Writer ext;
  core::Status failed;
  if (t.basic_constraints) {
    auto v = der_of([&](der::Writer& w) {
      w.sequence([&] {
        if (t.basic_constraints->ca) w.boolean(true);
        if (t.basic_constraints->path_len) w.small_integer(*t.basic_constraints->path_len);
      });
    });
    write_extension(ext, oid::ext_basic_constraints, t.basic_constraints->critical, v);
  }
  if (t.key_usage) write_extension(ext, oid::ext_key_usage, true, key_usage_value(*t.key_usage));
  if (!t.ext_key_usage.empty()) {
    auto v = der_of([&](der::Writer& w) {
      w.sequence([&] {
        for (const auto& o : t.ext_key_usage) w.oid(o);
      });
    });
    write_extension(ext, oid::ext_ext_key_usage, false, v);
  }
  if (!t.subject_alt_names.empty())
    write_extension(ext, oid::ext_subject_alt_name,
              t.subject_alt_name_critical.value_or(subject.size() <= 2),
              general_names_value(t.subject_alt_names, failed));
  if (t.subject_key_id) {
    Bytes id;
    if (t.raw_spki) id = crypto::hash(crypto::HashAlg::sha1, *t.raw_spki);
    else {
      GLASS_TRY(id, key_identifier(*t.subject_key));
    }
    write_extension(ext, oid::ext_subject_key_id, false,
              der_of([&](der::Writer& w) { w.octet_string(id); }));
  }
  if (t.authority_key_id) {
    auto v = der_of([&](der::Writer& w) {
      w.sequence([&] { w.element(der::tag::context(0, false), *t.authority_key_id); });
    });
    write_extension(ext, oid::ext_authority_key_id, false, v);
  }
  if (!t.permitted.empty() || !t.excluded.empty())
    write_extension(ext, oid::ext_name_constraints, t.name_constraints_critical,
              name_constraints_value(t, failed));
  for (const auto& x : t.extra) write_extension(ext, x.oid, x.critical, x.value);
  if (!failed) return std::move(failed).error();
  return ext.take();
}

struct TbsParts {
  ByteView alg_id, issuer, subject, spki, extensions;
};

Bytes encode_tbs(const CertificateTemplate& t, const TbsParts& p) {
  der::Writer tbs;
  tbs.sequence([&] {
    if (t.version != 1)
      tbs.constructed(der::tag::context(0, true), [&] { tbs.small_integer(t.version - 1); });
    tbs.unsigned_integer(t.serial);
    tbs.raw(p.alg_id);
    tbs.raw(p.issuer);
    tbs.sequence([&] {
      tbs.time(t.not_before);
      tbs.time(t.not_after);
    });
    tbs.raw(p.subject);
    tbs.raw(p.spki);
    if (t.issuer_unique_id) tbs.element(der::tag::context(1, false), *t.issuer_unique_id);
    if (t.subject_unique_id) tbs.element(der::tag::context(2, false), *t.subject_unique_id);
    if (t.version == 3 && !p.extensions.empty())
      tbs.constructed(der::tag::context(3, true), [&] { tbs.sequence([&] { tbs.raw(p.extensions); }); });
  });
  return tbs.take();
}

}  // namespace

core::Result<Bytes> build_certificate(const CertificateTemplate& t,
                                      const crypto::SigningKey& issuer_key,
                                      const crypto::SigAlgorithm& alg, crypto::Rng& rng) {
  if (!t.subject_key && !t.raw_spki)
    return make_error(Alert::internal_error, "certificate template without a subject key");
  GLASS_TRY(auto subject, name_from_string(t.subject));
  GLASS_TRY(auto issuer, name_from_string(t.issuer.empty() ? t.subject : t.issuer));
  Bytes spki;
  if (t.raw_spki) spki = *t.raw_spki;
  else {
    GLASS_TRY(spki, encode_spki(*t.subject_key));
  }
  Bytes alg_id = encode_signature_algorithm(alg);
  GLASS_TRY(auto extensions, encode_extensions(t, subject));
  Bytes tbs_der = encode_tbs(t, {alg_id, issuer, subject, spki, extensions});
  return sign_tbs(tbs_der, alg_id, issuer_key, alg, rng);
}

Bytes corrupt_signature(ByteView der) {
  Bytes out = core::to_bytes(der);
  auto c = Certificate::parse(der);
  if (!c) return out;
  std::size_t at = c->offset_of(c->signature());
  if (c->signature().size() > 8) out[at + c->signature().size() / 2] ^= 0x01;
  return out;
}

}  // namespace glass::x509
