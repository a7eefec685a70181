// Structure-aware PKCS#12 fuzzing: the input is the *inside* of a .p12 (the
// SafeContents with their bags); the harness wraps it the way a writer would,
// encrypting with the known password "fuzz" and computing a correct MAC, so
// every mutation gets past the integrity check and the decryption and reaches
// the bag, attribute, key and certificate parsers. Input layout:
//   byte 0  bits 0-1  cipher of encrypted safes: PBES2 SHA-256/AES-256-CBC,
//                     PBES2 SHA-1/AES-128-CBC, pbeWithSHAAnd3-KeyTripleDES-CBC,
//                     pbeWithSHAAnd40BitRC2-CBC
//           bits 2-3  MAC: PKCS#12 KDF HMAC-SHA256, PKCS#12 KDF HMAC-SHA1,
//                     PBMAC1 (RFC 9579), none
//           bit 4     turn every keyBag into a pkcs8ShroudedKeyBag (encrypted
//                     with the cipher above), so shrouded-key parsing is reached
//   byte 1  bit i: safe i goes into EncryptedData (else Data)
//   rest    SafeContents elements back to back (each one safe); bytes that do
//           not parse as an element become one last safe as they are
// Iteration counts are 1, salts and IVs fixed: the run is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "crypto/random.hpp"
#include "x509/der.hpp"
#include "x509/oid.hpp"
#include "x509/pbe.hpp"
#include "x509/pkcs12_reader.hpp"

using namespace glass;
using namespace glass::x509;
using core::Bytes;
using core::ByteView;

namespace {

const pbe::Password& password() {
  static const pbe::Password pw = pbe::Password::utf8("fuzz");
  return pw;
}

pbe::Algorithm cipher(unsigned which, crypto::Rng& rng) {
  switch (which & 3) {
    case 0: return pbe::pbes2(crypto::HashAlg::sha256, crypto::CbcCipher::aes256, 1, rng);
    case 1: return pbe::pbes2(crypto::HashAlg::sha1, crypto::CbcCipher::aes128, 1, rng);
    case 2: return *pbe::pkcs12_pbe(oid::pkcs12_pbe_sha1_3des, 1, rng);
    default: return *pbe::pkcs12_pbe(oid::pkcs12_pbe_sha1_rc2_40, 1, rng);
  }
}

bool same_oid(ByteView contents, std::string_view dotted) { return der::oid_to_string(contents) == dotted; }

// Rewrites keyBags of one SafeContents as pkcs8ShroudedKeyBags; anything that
// does not parse is copied as it is.
Bytes shroud_keys(ByteView safe, const pbe::Algorithm& alg) {
  der::Reader outer(safe);
  auto seq = outer.sequence("SafeContents");
  if (!seq || !outer.empty()) return Bytes(safe.begin(), safe.end());
  der::Writer w;
  w.sequence([&] {
    while (!seq->empty()) {
      auto bag = seq->next("SafeBag");
      if (!bag) break;
      der::Reader b(bag->value);
      auto id = b.oid("bagId");
      auto value = b.expect(der::tag::context(0, true), "bagValue");
      if (!id || !value || !same_oid(*id, oid::pkcs12_key_bag)) {
        w.raw(bag->whole);
        continue;
      }
      auto ct = pbe::encrypt_with(alg, password(), value->value);
      if (!ct) {
        w.raw(bag->whole);
        continue;
      }
      w.sequence([&] {
        w.oid(oid::pkcs12_shrouded_key_bag);
        w.constructed(der::tag::context(0, true), [&] {
          w.sequence([&] {
            w.raw(pbe::encode_algorithm(alg));
            w.octet_string(*ct);
          });
        });
        while (!b.empty()) {  // attributes and whatever else follows, unchanged
          auto rest = b.next("bagAttributes");
          if (!rest) break;
          w.raw(rest->whole);
        }
      });
    }
  });
  return w.take();
}

void content_info(der::Writer& w, ByteView safe, const std::optional<pbe::Algorithm>& enc) {
  if (!enc) {
    w.sequence([&] {
      w.oid(oid::cms_data);
      w.constructed(der::tag::context(0, true), [&] { w.octet_string(safe); });
    });
    return;
  }
  auto ct = pbe::encrypt_with(*enc, password(), safe);
  if (!ct) return;
  w.sequence([&] {
    w.oid(oid::cms_encrypted_data);
    w.constructed(der::tag::context(0, true), [&] {
      w.sequence([&] {
        w.small_integer(0);
        w.sequence([&] {
          w.oid(oid::cms_data);
          w.raw(pbe::encode_algorithm(*enc));
          w.element(der::tag::context(0, false), *ct);
        });
      });
    });
  });
}

void mac_data(der::Writer& w, ByteView auth_safe, unsigned kind) {
  static const std::uint8_t salt[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  if (kind == 0 || kind == 1) {
    auto h = kind == 0 ? crypto::HashAlg::sha256 : crypto::HashAlg::sha1;
    auto forms = pbe::pkcs12_password_forms(password());
    core::SecretBytes key(crypto::pkcs12_kdf(h, forms.front().bytes, salt, 3, 1, crypto::hash_size(h)));
    Bytes digest = crypto::hmac(h, key, auth_safe);
    w.sequence([&] {
      w.sequence([&] {
        w.sequence([&] {
          w.oid(h == crypto::HashAlg::sha256 ? oid::sha256 : oid::sha1);
          w.null();
        });
        w.octet_string(digest);
      });
      w.octet_string(salt);
      w.small_integer(1);
    });
    return;
  }
  // RFC 9579 PBMAC1: PBKDF2-HMAC-SHA256 over the UTF-8 password, HMAC-SHA256.
  core::SecretBytes key(crypto::pbkdf2_hmac(crypto::HashAlg::sha256, password().bytes(), salt, 1, 32));
  Bytes digest = crypto::hmac(crypto::HashAlg::sha256, key, auth_safe);
  w.sequence([&] {
    w.sequence([&] {
      w.sequence([&] {
        w.oid(oid::pbmac1);
        w.sequence([&] {
          w.sequence([&] {
            w.oid(oid::pbkdf2);
            w.sequence([&] {
              w.octet_string(salt);
              w.small_integer(1);
              w.small_integer(32);
              w.sequence([&] {
                w.oid(oid::hmac_sha256);
                w.null();
              });
            });
          });
          w.sequence([&] {
            w.oid(oid::hmac_sha256);
            w.null();
          });
        });
      });
      w.octet_string(digest);
    });
    w.octet_string(core::as_bytes("NOT USED"));
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const unsigned mode = data[0], mask = data[1];
  ByteView in(data + 2, size - 2);
  crypto::SeededRng rng(7);
  const pbe::Algorithm alg = cipher(mode & 3, rng);

  // Split the input into safes.
  std::vector<ByteView> safes;
  der::Reader r(in);
  while (!r.empty() && safes.size() < 8) {
    const std::size_t before = r.offset();
    auto e = r.next("SafeContents");
    if (!e) {
      safes.push_back(in.subspan(before));
      break;
    }
    safes.push_back(e->whole);
  }

  der::Writer auth;
  auth.sequence([&] {
    for (std::size_t i = 0; i < safes.size(); ++i) {
      Bytes safe = (mode & 0x10) ? shroud_keys(safes[i], alg) : Bytes(safes[i].begin(), safes[i].end());
      std::optional<pbe::Algorithm> enc;
      if (mask & (1u << i)) enc = alg;
      content_info(auth, safe, enc);
    }
  });
  const Bytes auth_safe = auth.take();

  der::Writer pfx;
  pfx.sequence([&] {
    pfx.small_integer(3);
    pfx.sequence([&] {
      pfx.oid(oid::cms_data);
      pfx.constructed(der::tag::context(0, true), [&] { pfx.octet_string(auth_safe); });
    });
    const unsigned mac = (mode >> 2) & 3;
    if (mac != 3) mac_data(pfx, auth_safe, mac);
  });
  const Bytes file = pfx.take();
  // PKCS12_BAGS_DUMP=path writes the assembled .p12 (to check a case with openssl).
  if (const char* dump = std::getenv("PKCS12_BAGS_DUMP")) {
    if (std::FILE* f = std::fopen(dump, "wb")) {
      std::fwrite(file.data(), 1, file.size(), f);
      std::fclose(f);
    }
  }

  pkcs12::Options opts;
  opts.max_iterations = 4096;
  auto a = pkcs12::analyze(file, password(), opts);
  if (a.error && (!a.identities.empty() || !a.certificates.empty())) __builtin_trap();
  (void)pkcs12::render(a.report);
  return 0;
}
