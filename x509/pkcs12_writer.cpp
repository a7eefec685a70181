#include "x509/pkcs12_writer.hpp"

#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "x509/der.hpp"
#include "x509/oid.hpp"
#include "x509/private_key.hpp"

namespace glass::x509::pkcs12 {

using core::Alert;
using core::make_error;
using core::SecretBytes;
using crypto::HashAlg;

namespace {

std::string_view hash_oid(HashAlg h) {
  switch (h) {
    case HashAlg::sha1: return oid::sha1;
    case HashAlg::sha256: return oid::sha256;
    case HashAlg::sha384: return oid::sha384;
    case HashAlg::sha512: return oid::sha512;
  }
  return oid::sha256;
}

// Same scheme with a fresh salt and IV, so no two encryptions share them.
pbe::Algorithm fresh(const pbe::Algorithm& a, crypto::Rng& rng) {
  pbe::Algorithm b = a;
  b.salt = rng.bytes(a.salt.empty() ? 8 : a.salt.size());
  if (b.scheme == pbe::Scheme::pbes2) b.iv = rng.bytes(crypto::cbc_block_size(a.cipher));
  return b;
}

void attributes(der::Writer& w, const std::string& friendly_name, ByteView local_key_id) {
  if (friendly_name.empty() && local_key_id.empty()) return;
  w.set([&] {
    if (!friendly_name.empty()) {
      w.sequence([&] {
        w.oid(oid::pkcs9_friendly_name);
        w.set([&] { w.bmp_string(friendly_name); });
      });
    }
    if (!local_key_id.empty()) {
      w.sequence([&] {
        w.oid(oid::pkcs9_local_key_id);
        w.set([&] { w.octet_string(local_key_id); });
      });
    }
  });
}

void safe_bag(der::Writer& w, std::string_view bag_oid, ByteView value_der, const std::string& friendly_name,
              ByteView local_key_id) {
  w.sequence([&] {
    w.oid(bag_oid);
    w.constructed(der::tag::context(0, true), [&] { w.raw(value_der); });
    attributes(w, friendly_name, local_key_id);
  });
}

Bytes cert_bag_value(ByteView cert) {
  der::Writer w;
  w.sequence([&] {
    w.oid(oid::pkcs9_x509_certificate);
    w.constructed(der::tag::context(0, true), [&] { w.octet_string(cert); });
  });
  return w.take();
}

// ContentInfo holding SafeContents, as Data or as EncryptedData.
core::Result<Bytes> content_info(ByteView safe_contents, const std::optional<pbe::Algorithm>& enc,
                                 const pbe::Password& pw, crypto::Rng& rng) {
  der::Writer w;
  if (!enc) {
    w.sequence([&] {
      w.oid(oid::cms_data);
      w.constructed(der::tag::context(0, true), [&] { w.octet_string(safe_contents); });
    });
    return w.take();
  }
  pbe::Algorithm a = fresh(*enc, rng);
  GLASS_TRY(auto ct, pbe::encrypt_with(a, pw, safe_contents));
  w.sequence([&] {
    w.oid(oid::cms_encrypted_data);
    w.constructed(der::tag::context(0, true), [&] {
      w.sequence([&] {
        w.small_integer(0);
        w.sequence([&] {
          w.oid(oid::cms_data);
          w.raw(pbe::encode_algorithm(a));
          w.element(der::tag::context(0, false), ct);
        });
      });
    });
  });
  return w.take();
}

core::Result<Bytes> mac_data(ByteView auth_safe, const pbe::Password& pw, const WriterOptions& o,
                             crypto::Rng& rng) {
  der::Writer w;
  if (o.mac == MacKind::pkcs12_kdf) {
    Bytes salt = rng.bytes(8);
    auto forms = pbe::pkcs12_password_forms(pw);
    if (forms.empty()) return make_error(Alert::illegal_parameter, "password cannot be encoded as a BMPString");
    SecretBytes key(crypto::pkcs12_kdf(o.mac_hash, forms.front().bytes, salt, 3, o.mac_iterations,
                                       crypto::hash_size(o.mac_hash)));
    Bytes digest = crypto::hmac(o.mac_hash, key, auth_safe);
    w.sequence([&] {
      w.sequence([&] {
        w.sequence([&] {
          w.oid(hash_oid(o.mac_hash));
          w.null();
        });
        w.octet_string(digest);
      });
      w.octet_string(salt);
      w.small_integer(o.mac_iterations);
    });
    return w.take();
  }
  // RFC 9579: PBMAC1 with PBKDF2 over the UTF-8 password; macSalt and iterations
  // are ignored by readers ("NOT USED" and 1 as the RFC suggests).
  Bytes salt = rng.bytes(16);
  std::size_t key_len = crypto::hash_size(o.mac_hash);
  SecretBytes key(crypto::pbkdf2_hmac(o.pbmac1_prf, pw.bytes(), salt, o.mac_iterations, key_len));
  Bytes digest = crypto::hmac(o.mac_hash, key, auth_safe);
  w.sequence([&] {
    w.sequence([&] {
      w.sequence([&] {
        w.oid(oid::pbmac1);
        w.sequence([&] {
          w.sequence([&] {
            w.oid(oid::pbkdf2);
            w.sequence([&] {
              w.octet_string(salt);
              w.small_integer(o.mac_iterations);
              w.small_integer(static_cast<std::int64_t>(key_len));
              w.sequence([&] {
                w.oid(pbe::hmac_oid(o.pbmac1_prf));
                w.null();
              });
            });
          });
          w.sequence([&] {
            w.oid(pbe::hmac_oid(o.mac_hash));
            w.null();
          });
        });
      });
      w.octet_string(digest);
    });
    w.octet_string(core::as_bytes("NOT USED"));
  });
  return w.take();
}

}  // namespace

WriterOptions profile_options(Profile p, crypto::Rng& rng, std::uint32_t iterations, bool legacy_3des_certs) {
  WriterOptions o;
  o.mac_iterations = iterations;
  if (p == Profile::modern) {
    o.key_encryption = pbe::pbes2(HashAlg::sha256, crypto::CbcCipher::aes256, iterations, rng);
    o.cert_encryption = pbe::pbes2(HashAlg::sha256, crypto::CbcCipher::aes256, iterations, rng);
    o.mac = MacKind::pkcs12_kdf;
    o.mac_hash = HashAlg::sha256;
  } else {
    o.key_encryption = *pbe::pkcs12_pbe(oid::pkcs12_pbe_sha1_3des, iterations, rng);
    o.cert_encryption = *pbe::pkcs12_pbe(legacy_3des_certs ? oid::pkcs12_pbe_sha1_3des : oid::pkcs12_pbe_sha1_rc2_40,
                                         iterations, rng);
    o.mac = MacKind::pkcs12_kdf;
    o.mac_hash = HashAlg::sha1;
  }
  return o;
}

core::Result<Bytes> write(const std::vector<Entry>& entries, const pbe::Password& pw, const WriterOptions& opts,
                          crypto::Rng& rng) {
  if (opts.mac_iterations < 1 || opts.mac_iterations > pbe::kMaxIterations)
    return make_error(Alert::illegal_parameter, "MAC iteration count out of range");
  der::Writer certs_w, keys_w;
  bool any_cert = false, any_key = false;
  certs_w.sequence([&] {
    for (const auto& e : entries) {
      Bytes lkid = opts.local_key_id && e.key && !e.certificate.empty() ? crypto::hash(HashAlg::sha1, e.certificate)
                                                                          : Bytes{};
      if (!e.certificate.empty()) {
        safe_bag(certs_w, oid::pkcs12_cert_bag, cert_bag_value(e.certificate), e.friendly_name, lkid);
        any_cert = true;
      }
      for (const auto& c : e.chain) {
        safe_bag(certs_w, oid::pkcs12_cert_bag, cert_bag_value(c), "", {});
        any_cert = true;
      }
    }
  });
  core::Status key_status;
  keys_w.sequence([&] {
    for (const auto& e : entries) {
      if (!e.key || !key_status) continue;
      Bytes lkid = opts.local_key_id && !e.certificate.empty() ? crypto::hash(HashAlg::sha1, e.certificate) : Bytes{};
      auto pkcs8 = encode_pkcs8(*e.key);
      if (!pkcs8) {
        key_status = std::move(pkcs8).error();
        continue;
      }
      any_key = true;
      if (!opts.key_encryption) {
        safe_bag(keys_w, oid::pkcs12_key_bag, *pkcs8, e.friendly_name, lkid);
        continue;
      }
      auto epki = encrypt_pkcs8(*pkcs8, pw, fresh(*opts.key_encryption, rng));
      if (!epki) {
        key_status = std::move(epki).error();
        continue;
      }
      safe_bag(keys_w, oid::pkcs12_shrouded_key_bag, *epki, e.friendly_name, lkid);
    }
  });
  GLASS_CHECK(key_status);
  SecretBytes key_safe(keys_w.take());
  Bytes cert_safe = certs_w.take();

  der::Writer as;
  core::Status st;
  as.sequence([&] {
    if (any_cert) {
      auto ci = content_info(cert_safe, opts.cert_encryption, pw, rng);
      if (!ci) st = std::move(ci).error();
      else as.raw(*ci);
    }
    if (any_key && st) {
      auto ci = content_info(key_safe, std::nullopt, pw, rng);
      if (!ci) st = std::move(ci).error();
      else as.raw(*ci);
    }
  });
  GLASS_CHECK(st);
  SecretBytes auth_safe(as.take());

  der::Writer pfx;
  Bytes mac;
  if (opts.mac != MacKind::none) {
    GLASS_TRY(mac, mac_data(auth_safe, pw, opts, rng));
  }
  pfx.sequence([&] {
    pfx.small_integer(3);
    pfx.sequence([&] {
      pfx.oid(oid::cms_data);
      pfx.constructed(der::tag::context(0, true), [&] { pfx.octet_string(auth_safe); });
    });
    pfx.raw(mac);
  });
  return pfx.take();
}

}  // namespace glass::x509::pkcs12
