#include "x509/pkcs12_reader.hpp"

#include <algorithm>
#include <set>

#include "core/hex.hpp"
#include "crypto/hmac.hpp"
#include "crypto/kdf.hpp"
#include "x509/der.hpp"
#include "x509/name.hpp"
#include "x509/oid.hpp"
#include "x509/private_key.hpp"
#include "x509/public_key.hpp"

namespace glass::x509::pkcs12 {

using core::Alert;
using core::make_error;
using core::SecretBytes;
using crypto::HashAlg;

namespace {

constexpr unsigned kBerDepth = 32;

core::Error context(std::string where, core::Error e) {
  e.reason = where + ": " + e.reason;
  return e;
}

// BER → DER at one wrapper; remembers in the report that the file was not DER.
core::Result<SecretBytes> normalise(ByteView in, Report& rep, const char* what) {
  auto d = der::ber_to_der(in, kBerDepth);
  if (!d) {
    // A strict parse usually words truncation better ("truncated ... at offset N").
    der::Reader probe(in);
    auto e = probe.next(what);
    if (!e) return std::move(e).error();
    return context(what, std::move(d).error());
  }
  if (!core::equal(*d, in)) rep.ber = true;
  return SecretBytes(std::move(*d));
}

core::Result<HashAlg> digest_hash(ByteView o) {
  if (oid::equals(o, oid::sha1)) return HashAlg::sha1;
  if (oid::equals(o, oid::sha256)) return HashAlg::sha256;
  if (oid::equals(o, oid::sha384)) return HashAlg::sha384;
  if (oid::equals(o, oid::sha512)) return HashAlg::sha512;
  return make_error(Alert::illegal_parameter,
                    "unsupported MAC algorithm " + oid::name(o) + " (" + der::oid_to_string(o) + ")");
}

std::string name_text(ByteView name_der) {
  auto n = Name::parse(name_der);
  if (!n) return "(unparsable name)";
  return n->short_form();
}

bool names_match(ByteView a, ByteView b) {
  if (core::equal(a, b)) return true;
  auto na = Name::parse(a);
  auto nb = Name::parse(b);
  return na && nb && na->matches(*nb);
}

struct KeyItem {
  crypto::SigningKey key;
  Bytes local_key_id;
  std::string friendly_name;
};

struct CertItem {
  Bytes der;
  Bytes issuer, subject;
  std::optional<crypto::VerifyingKey> pub;
};

struct Reading {
  const pbe::Password& pw;
  const Options& opts;
  Report& rep;
  std::vector<pbe::Pkcs12PasswordForm> forms;
  std::vector<KeyItem> keys;
  std::vector<CertItem> certs;
  // After a failed MAC the layers are still walked for the report, but nothing is
  // decrypted or decoded into keys and certificates.
  bool structure_only = false;

  core::Status check_iterations(std::uint32_t n) const {
    if (n > opts.max_iterations)
      return make_error(Alert::illegal_parameter, "iteration count " + std::to_string(n) + " exceeds the limit of " +
                                                      std::to_string(opts.max_iterations));
    return {};
  }

  core::Result<SecretBytes> decrypt(const pbe::Algorithm& a, ByteView ct, std::string& used) {
    GLASS_CHECK(check_iterations(a.iterations));
    if (a.scheme == pbe::Scheme::pbes2) {
      used = pw.empty() ? "empty password (zero bytes, PBES2)" : "password as UTF-8 (PBES2)";
      return pbe::decrypt(a, pw.bytes(), ct);
    }
    std::optional<core::Error> first;
    for (const auto& f : forms) {
      auto r = pbe::decrypt(a, f.bytes, ct);
      if (r) {
        used = f.description;
        return r;
      }
      if (!first) first = std::move(r).error();
    }
    if (!first) return make_error(Alert::decrypt_error, "the password cannot be encoded as a BMPString");
    return *first;
  }

  core::Status attributes(der::Reader& bag, BagInfo& b) {
    GLASS_TRY(auto set, bag.optional(der::tag::set, "SafeBag.bagAttributes"));
    if (!set) return {};
    der::Reader r(set->value, set->offset + set->header_len);
    while (!r.empty()) {
      GLASS_TRY(auto a, r.sequence("PKCS12Attribute"));
      GLASS_TRY(auto id, a.oid("PKCS12Attribute.attrId"));
      GLASS_TRY(auto vals, a.set("PKCS12Attribute.attrValues"));
      GLASS_CHECK(a.expect_end("PKCS12Attribute"));
      AttributeInfo info;
      info.oid = der::oid_to_string(id);
      info.name = oid::name(id);
      std::size_t count = 0;
      while (!vals.empty()) {
        GLASS_TRY(auto v, vals.next("attribute value"));
        ++count;
        if (count > 1) continue;
        if (oid::equals(id, oid::pkcs9_friendly_name)) {
          std::string text;
          if (!decode_string(v.tag, v.value, text))
            return make_error(Alert::decode_error, "friendlyName is not a valid BMPString");
          b.friendly_name = text;
          info.value = text;
        } else if (oid::equals(id, oid::pkcs9_local_key_id)) {
          if (v.tag != der::tag::octet_string)
            return make_error(Alert::decode_error, "localKeyID is not an OCTET STRING");
          b.local_key_id = core::to_bytes(v.value);
          info.value = core::to_hex(v.value);
        } else {
          std::string text;
          info.value = decode_string(v.tag, v.value, text) ? text : core::to_hex(v.whole);
        }
      }
      if (count > 1) info.value += " (+" + std::to_string(count - 1) + " more values)";
      b.attributes.push_back(std::move(info));
    }
    return {};
  }

  core::Status key(ByteView pkcs8, BagInfo& b, const std::string& how) {
    GLASS_TRY(auto norm, normalise(pkcs8, rep, "PrivateKeyInfo"));
    auto k = parse_pkcs8(norm);
    if (!k) return std::move(k).error();
    b.key_index = static_cast<int>(keys.size());
    std::string desc = std::string(crypto::key_type_name(k->type()));
    if (k->type() == crypto::KeyType::rsa || k->type() == crypto::KeyType::rsa_pss)
      desc += " " + std::to_string(k->public_key().bits()) + "-bit";
    b.summary = desc + " private key";
    rep.keys.push_back(desc + " (" + how + ")");
    keys.push_back({std::move(*k), b.local_key_id, b.friendly_name});
    return {};
  }

  core::Status cert(der::Reader& value, BagInfo& b) {
    GLASS_TRY(auto cb, value.sequence("CertBag"));
    GLASS_TRY(auto id, cb.oid("CertBag.certId"));
    GLASS_TRY(auto inner, cb.enter(der::tag::context(0, true), "CertBag.certValue"));
    GLASS_CHECK(cb.expect_end("CertBag"));
    if (!oid::equals(id, oid::pkcs9_x509_certificate)) {
      b.notice = "certificate type " + oid::name(id) + " (" + der::oid_to_string(id) + ") skipped";
      rep.notices.push_back(b.notice);
      return {};
    }
    GLASS_TRY(auto der_cert, inner.octet_string("x509Certificate"));
    GLASS_CHECK(inner.expect_end("CertBag.certValue"));
    auto f = certificate_fields(der_cert);
    if (!f) return context("certificate", std::move(f).error());
    CertItem c;
    c.der = core::to_bytes(der_cert);
    c.issuer = core::to_bytes(f->issuer);
    c.subject = core::to_bytes(f->subject);
    auto spki = parse_spki(f->spki);
    CertInfo ci;
    ci.subject = name_text(f->subject);
    ci.issuer = name_text(f->issuer);
    ci.self_issued = names_match(f->issuer, f->subject);
    ci.local_key_id = b.local_key_id;
    ci.friendly_name = b.friendly_name;
    if (spki && spki->key) {
      c.pub = *spki->key;
    } else {
      rep.notices.push_back("certificate " + ci.subject + ": public key not usable for pairing (" +
                            (spki ? std::string("no key") : spki.error().reason) + ")");
    }
    b.cert_index = static_cast<int>(certs.size());
    b.summary = "certificate " + ci.subject + " (issuer " + ci.issuer + ")";
    rep.certificates.push_back(std::move(ci));
    certs.push_back(std::move(c));
    return {};
  }

  core::Status safe_contents(ByteView der_bytes, SafeInfo& s, unsigned depth) {
    if (depth > opts.max_nesting)
      return make_error(Alert::decode_error, "safeContentsBag nesting deeper than " +
                                                 std::to_string(opts.max_nesting));
    der::Reader top(der_bytes);
    GLASS_TRY(auto r, top.sequence("SafeContents"));
    GLASS_CHECK(top.expect_end("SafeContents"));
    while (!r.empty()) {
      BagInfo b;
      b.offset = r.offset();
      b.depth = depth;
      GLASS_TRY(auto bag, r.sequence("SafeBag"));
      GLASS_TRY(auto id, bag.oid("SafeBag.bagId"));
      GLASS_TRY(auto value, bag.enter(der::tag::context(0, true), "SafeBag.bagValue"));
      GLASS_CHECK(attributes(bag, b));
      GLASS_CHECK(bag.expect_end("SafeBag"));
      b.type = oid::name(id);
      b.type_oid = der::oid_to_string(id);
      std::string where = "bag " + b.type + " at offset " + std::to_string(b.offset);
      if (oid::equals(id, oid::pkcs12_key_bag)) {
        b.kind = BagKind::key;
        GLASS_TRY(auto k, value.next("keyBag"));
        GLASS_CHECK(value.expect_end("keyBag"));
        if (structure_only) {
          b.summary = "private key (not read)";
        } else {
          auto st = key(k.whole, b, "keyBag, unencrypted");
          if (!st) return context(where, std::move(st).error());
        }
      } else if (oid::equals(id, oid::pkcs12_shrouded_key_bag)) {
        b.kind = BagKind::shrouded_key;
        GLASS_TRY(auto epki, value.sequence("EncryptedPrivateKeyInfo"));
        GLASS_CHECK(value.expect_end("pkcs8ShroudedKeyBag"));
        auto alg = pbe::parse_algorithm(epki);
        if (!alg) return context(where, std::move(alg).error());
        b.encryption = *alg;
        GLASS_TRY(auto ct, epki.octet_string("EncryptedPrivateKeyInfo.encryptedData"));
        GLASS_CHECK(epki.expect_end("EncryptedPrivateKeyInfo"));
        if (structure_only) {
          b.summary = "encrypted private key (not decrypted)";
          s.bags.push_back(std::move(b));
          continue;
        }
        std::string used;
        auto pt = decrypt(*alg, ct, used);
        if (!pt) return context(where, std::move(pt).error());
        auto st = key(*pt, b, "pkcs8ShroudedKeyBag, " + alg->describe());
        if (!st) {
          auto e = std::move(st).error();
          if (e.alert == Alert::decode_error)
            return make_error(Alert::decrypt_error,
                              where + ": decrypted key does not parse (wrong password?): " + e.reason);
          return context(where, std::move(e));
        }
      } else if (oid::equals(id, oid::pkcs12_cert_bag)) {
        b.kind = BagKind::cert;
        if (structure_only) {
          b.summary = "certificate (not read)";
          s.bags.push_back(std::move(b));
          continue;
        }
        auto st = cert(value, b);
        if (!st) return context(where, std::move(st).error());
      } else if (oid::equals(id, oid::pkcs12_safe_contents_bag)) {
        b.kind = BagKind::safe_contents;
        GLASS_TRY(auto inner, value.next("safeContentsBag"));
        s.bags.push_back(b);
        GLASS_CHECK(safe_contents(inner.whole, s, depth + 1));
        continue;
      } else {
        b.kind = oid::equals(id, oid::pkcs12_crl_bag)      ? BagKind::crl
                 : oid::equals(id, oid::pkcs12_secret_bag) ? BagKind::secret
                                                           : BagKind::unknown;
        b.notice = "bag type " + b.type + " (" + b.type_oid + ") skipped";
        rep.notices.push_back(b.notice);
      }
      s.bags.push_back(std::move(b));
    }
    return {};
  }

  core::Status encrypted_data(der::Reader& content, SafeInfo& s, std::size_t index) {
    // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo, [1] unprotectedAttrs OPTIONAL }
    GLASS_TRY(auto ed, content.sequence("EncryptedData"));
    GLASS_TRY(auto version, ed.small_integer("EncryptedData.version"));
    (void)version;
    GLASS_TRY(auto eci, ed.sequence("EncryptedContentInfo"));
    GLASS_TRY(auto ct_type, eci.oid("EncryptedContentInfo.contentType"));
    if (!oid::equals(ct_type, oid::cms_data))
      return make_error(Alert::decode_error, "encrypted content type is " + oid::name(ct_type) + ", not data");
    auto alg = pbe::parse_algorithm(eci);
    if (!alg) return std::move(alg).error();
    s.encryption = *alg;
    // encryptedContent [0] IMPLICIT OCTET STRING: primitive, or constructed pieces from BER.
    Bytes ct;
    if (eci.peek(der::tag::context(0, false))) {
      GLASS_TRY(auto e, eci.next("encryptedContent"));
      ct = core::to_bytes(e.value);
    } else if (eci.peek(der::tag::context(0, true))) {
      GLASS_TRY(auto pieces, eci.enter(der::tag::context(0, true), "encryptedContent"));
      while (!pieces.empty()) {
        GLASS_TRY(auto p, pieces.octet_string("encryptedContent piece"));
        core::append(ct, p);
      }
    } else {
      return make_error(Alert::decode_error, "EncryptedData has no encryptedContent");
    }
    GLASS_CHECK(eci.expect_end("EncryptedContentInfo"));
    (void)index;
    if (structure_only) return {};
    GLASS_TRY(auto pt, decrypt(*alg, ct, s.password_form));
    GLASS_TRY(auto norm, normalise(pt, rep, "SafeContents"));
    s.decrypted = true;
    auto st = safe_contents(norm, s, 0);
    if (!st) {
      auto e = std::move(st).error();
      if (e.alert == Alert::decode_error && s.bags.empty())
        return make_error(Alert::decrypt_error,
                          "decrypted safe does not parse (wrong password?): " + e.reason);
      return e;
    }
    return {};
  }
};

core::Status verify_mac(Reading& rd, MacInfo& mac, ByteView digest, ByteView auth_safe) {
  GLASS_CHECK(rd.check_iterations(mac.iterations));
  if (mac.kind == MacKind::pbmac1) {
    auto key = SecretBytes(crypto::pbkdf2_hmac(mac.kdf_hash, rd.pw.bytes(), mac.salt, mac.iterations, mac.key_len));
    auto m = crypto::hmac(mac.hash, key, auth_safe);
    if (core::ct_equal(m, digest)) {
      mac.verified = true;
      mac.password_form = rd.pw.empty() ? "empty password (zero bytes, PBKDF2)" : "password as UTF-8 (PBKDF2)";
      return {};
    }
  } else {
    for (std::size_t i = 0; i < rd.forms.size(); ++i) {
      auto key = SecretBytes(crypto::pkcs12_kdf(mac.hash, rd.forms[i].bytes, mac.salt, 3, mac.iterations,
                                                crypto::hash_size(mac.hash)));
      auto m = crypto::hmac(mac.hash, key, auth_safe);
      if (core::ct_equal(m, digest)) {
        mac.verified = true;
        mac.password_form = rd.forms[i].description;
        // Try the encoding that verified first when decrypting.
        std::rotate(rd.forms.begin(), rd.forms.begin() + static_cast<std::ptrdiff_t>(i),
                    rd.forms.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        return {};
      }
    }
  }
  return make_error(Alert::decrypt_error, "wrong password (MAC verification failed)");
}

core::Status parse_mac(der::Reader& pfx, MacInfo& mac, ByteView& digest) {
  mac.offset = pfx.offset();
  GLASS_TRY(auto md, pfx.sequence("MacData"));
  GLASS_TRY(auto di, md.sequence("MacData.mac"));
  GLASS_TRY(auto alg, di.sequence("DigestInfo.digestAlgorithm"));
  GLASS_TRY(auto aoid, alg.oid("DigestInfo.digestAlgorithm.algorithm"));
  if (oid::equals(aoid, oid::pbmac1)) {
    // RFC 9579: PBMAC1-params { keyDerivationFunc PBKDF2, messageAuthScheme HMAC }.
    mac.kind = MacKind::pbmac1;
    GLASS_TRY(auto params, alg.sequence("PBMAC1-params"));
    GLASS_TRY(auto kdf, params.sequence("PBMAC1-params.keyDerivationFunc"));
    GLASS_TRY(auto kdf_oid, kdf.oid("keyDerivationFunc.algorithm"));
    if (!oid::equals(kdf_oid, oid::pbkdf2))
      return make_error(Alert::illegal_parameter, "unsupported PBMAC1 key derivation " + oid::name(kdf_oid) +
                                                      " (" + der::oid_to_string(kdf_oid) + ")");
    GLASS_TRY(auto kp, kdf.sequence("PBKDF2-params"));
    GLASS_TRY(auto salt, kp.octet_string("PBKDF2-params.salt"));
    mac.salt = core::to_bytes(salt);
    GLASS_TRY(mac.iterations, pbe::read_iterations(kp, "PBKDF2-params.iterationCount"));
    std::optional<std::int64_t> kl;
    if (kp.peek(der::tag::integer)) {
      GLASS_TRY(auto v, kp.small_integer("PBKDF2-params.keyLength"));
      if (v < 1 || v > 1024) return make_error(Alert::illegal_parameter, "PBMAC1 keyLength out of range");
      kl = v;
    }
    mac.kdf_hash = HashAlg::sha1;
    if (!kp.empty()) {
      GLASS_TRY(mac.kdf_hash, pbe::parse_hmac_algorithm(kp, "PBKDF2-params.prf"));
    }
    GLASS_CHECK(kp.expect_end("PBKDF2-params"));
    GLASS_CHECK(kdf.expect_end("keyDerivationFunc"));
    GLASS_TRY(mac.hash, pbe::parse_hmac_algorithm(params, "PBMAC1-params.messageAuthScheme"));
    GLASS_CHECK(params.expect_end("PBMAC1-params"));
    // RFC 9579 requires keyLength; without it the HMAC's output size is the only sane choice.
    mac.key_len = kl ? static_cast<std::size_t>(*kl) : crypto::hash_size(mac.hash);
  } else {
    mac.kind = MacKind::pkcs12_kdf;
    GLASS_TRY(mac.hash, digest_hash(aoid));
    if (!alg.empty()) GLASS_CHECK(alg.null("DigestInfo.digestAlgorithm.parameters"));
  }
  GLASS_CHECK(alg.expect_end("DigestInfo.digestAlgorithm"));
  GLASS_TRY(digest, di.octet_string("DigestInfo.digest"));
  GLASS_CHECK(di.expect_end("DigestInfo"));
  GLASS_TRY(auto salt, md.octet_string("MacData.macSalt"));
  std::uint32_t iterations = 1;  // DEFAULT 1
  if (md.peek(der::tag::integer)) {
    GLASS_TRY(iterations, pbe::read_iterations(md, "MacData.iterations"));
  }
  GLASS_CHECK(md.expect_end("MacData"));
  if (mac.kind == MacKind::pkcs12_kdf) {
    mac.salt = core::to_bytes(salt);
    mac.iterations = iterations;
  }
  // RFC 9579 ignores macSalt and iterations for PBMAC1.
  if (digest.size() != crypto::hash_size(mac.hash))
    return make_error(Alert::decode_error, "MAC of " + std::to_string(digest.size()) + " bytes for " +
                                               std::string(hash_display(mac.hash)));
  return {};
}

void pair_up(Reading& rd, Analysis& out) {
  Report& rep = rd.rep;
  std::set<int> used;
  for (std::size_t ki = 0; ki < rd.keys.size(); ++ki) {
    auto& k = rd.keys[ki];
    PairingInfo p;
    p.key_index = static_cast<int>(ki);
    const auto& kpub = k.key.public_key();
    auto same = [&](std::size_t ci) { return rd.certs[ci].pub && rd.certs[ci].pub->same_key(kpub); };
    int by_id = -1, by_key = -1;
    for (std::size_t ci = 0; ci < rd.certs.size(); ++ci) {
      if (!k.local_key_id.empty() && by_id < 0 &&
          core::equal(rep.certificates[ci].local_key_id, k.local_key_id))
        by_id = static_cast<int>(ci);
      if (by_key < 0 && same(ci)) by_key = static_cast<int>(ci);
    }
    if (by_id >= 0 && same(static_cast<std::size_t>(by_id))) {
      p.cert_index = by_id;
      p.matched_by = "localKeyID and public key";
    } else if (by_key >= 0) {
      p.cert_index = by_key;
      p.matched_by = "public key";
      if (by_id >= 0)
        p.warnings.push_back("localKeyID of key #" + std::to_string(ki + 1) + " points at certificate #" +
                             std::to_string(by_id + 1) + " whose public key differs; paired by public key instead");
      else if (!k.local_key_id.empty())
        p.warnings.push_back("no certificate carries the key's localKeyID " + core::to_hex(k.local_key_id));
    } else {
      p.warnings.push_back("no certificate in the file holds the public key of key #" + std::to_string(ki + 1) +
                           (by_id >= 0 ? " (its localKeyID points at certificate #" + std::to_string(by_id + 1) +
                                             ", whose public key differs)"
                                       : ""));
    }
    Identity id{std::move(k.key), {}, {}, k.friendly_name, k.local_key_id};
    if (p.cert_index >= 0) {
      std::size_t cur = static_cast<std::size_t>(p.cert_index);
      id.certificate = rd.certs[cur].der;
      used.insert(p.cert_index);
      std::set<std::size_t> in_chain{cur};
      for (;;) {
        if (rep.certificates[cur].self_issued) {
          p.chain_complete = true;
          break;
        }
        std::optional<std::size_t> next;
        for (std::size_t ci = 0; ci < rd.certs.size() && !next; ++ci)
          if (!in_chain.count(ci) && names_match(rd.certs[ci].subject, rd.certs[cur].issuer)) next = ci;
        if (!next) break;
        cur = *next;
        in_chain.insert(cur);
        p.chain.push_back(static_cast<int>(cur));
        used.insert(static_cast<int>(cur));
        id.chain.push_back(rd.certs[cur].der);
      }
      if (!p.chain_complete)
        p.warnings.push_back("chain ends at " + rep.certificates[cur].subject + ": its issuer " +
                             rep.certificates[cur].issuer + " is not in the file");
    }
    rep.pairings.push_back(std::move(p));
    out.identities.push_back(std::move(id));
  }
  for (std::size_t ci = 0; ci < rd.certs.size(); ++ci) {
    if (!used.count(static_cast<int>(ci))) rep.unpaired_certs.push_back(static_cast<int>(ci));
    out.certificates.push_back(rd.certs[ci].der);
  }
}

core::Status walk_safes(Reading& rd, ByteView auth_safe);

core::Status read_pfx(Reading& rd, ByteView file, Analysis& out) {
  Report& rep = rd.rep;
  rep.size = file.size();
  GLASS_TRY(auto pfx_der, normalise(file, rep, "PFX"));
  der::Reader top(pfx_der);
  GLASS_TRY(auto pfx, top.sequence("PFX"));
  GLASS_CHECK(top.expect_end("PFX"));
  GLASS_TRY(rep.version, pfx.small_integer("PFX.version"));
  if (rep.version != 3)
    return make_error(Alert::decode_error, "PFX version must be 3, found " + std::to_string(rep.version));
  GLASS_TRY(auto ci, pfx.sequence("PFX.authSafe"));
  GLASS_TRY(auto ctype, ci.oid("authSafe.contentType"));
  rep.auth_safe_type = oid::name(ctype);
  rep.auth_safe_oid = der::oid_to_string(ctype);
  if (oid::equals(ctype, oid::cms_signed_data))
    return make_error(Alert::illegal_parameter,
                      "public-key integrity mode (authSafe is signedData) is not supported");
  if (!oid::equals(ctype, oid::cms_data))
    return make_error(Alert::decode_error, "authSafe content type " + rep.auth_safe_type + " is not data");
  GLASS_TRY(auto explicit0, ci.enter(der::tag::context(0, true), "authSafe.content"));
  GLASS_TRY(auto auth_safe, explicit0.octet_string("authSafe.content OCTET STRING"));
  GLASS_CHECK(explicit0.expect_end("authSafe.content"));
  GLASS_CHECK(ci.expect_end("authSafe"));
  ByteView digest;
  if (!pfx.empty()) GLASS_CHECK(parse_mac(pfx, rep.mac, digest));
  GLASS_CHECK(pfx.expect_end("PFX"));

  std::optional<core::Error> mac_error;
  if (rep.mac.kind == MacKind::none) {
    rep.notices.push_back("the file has no MAC: its integrity is not protected");
  } else {
    auto mac_ok = verify_mac(rd, rep.mac, digest, auth_safe);
    if (!mac_ok) {
      mac_error = std::move(mac_ok).error();
      rd.structure_only = true;
    }
  }
  auto walk = walk_safes(rd, auth_safe);
  if (mac_error) return *mac_error;
  GLASS_CHECK(walk);
  pair_up(rd, out);
  return {};
}

core::Status walk_safes(Reading& rd, ByteView auth_safe) {
  Report& rep = rd.rep;

  GLASS_TRY(auto as_der, normalise(auth_safe, rep, "AuthenticatedSafe"));
  der::Reader as_top(as_der);
  GLASS_TRY(auto as, as_top.sequence("AuthenticatedSafe"));
  GLASS_CHECK(as_top.expect_end("AuthenticatedSafe"));
  std::size_t index = 0;
  while (!as.empty()) {
    ++index;
    SafeInfo s;
    s.offset = as.offset();
    GLASS_TRY(auto c, as.sequence("ContentInfo"));
    GLASS_TRY(auto t, c.oid("ContentInfo.contentType"));
    s.type = oid::name(t);
    s.type_oid = der::oid_to_string(t);
    std::string where = "safe #" + std::to_string(index) + " (" + s.type + ")";
    core::Status st;
    if (oid::equals(t, oid::cms_data)) {
      s.kind = SafeKind::data;
      GLASS_TRY(auto content, c.enter(der::tag::context(0, true), "ContentInfo.content"));
      GLASS_TRY(auto octets, content.octet_string("Data"));
      GLASS_CHECK(content.expect_end("ContentInfo.content"));
      auto norm = normalise(octets, rep, "SafeContents");
      st = norm ? rd.safe_contents(*norm, s, 0) : core::Status(std::move(norm).error());
    } else if (oid::equals(t, oid::cms_encrypted_data)) {
      s.kind = SafeKind::encrypted_data;
      GLASS_TRY(auto content, c.enter(der::tag::context(0, true), "ContentInfo.content"));
      st = rd.encrypted_data(content, s, index);
    } else {
      s.kind = oid::equals(t, oid::cms_enveloped_data) ? SafeKind::enveloped_data : SafeKind::unknown;
      s.notice = s.kind == SafeKind::enveloped_data
                     ? "public-key privacy mode (envelopedData) is not supported; safe skipped"
                     : "unknown content type " + der::oid_to_string(t) + "; safe skipped";
      rep.notices.push_back(where + ": " + s.notice);
    }
    rep.safes.push_back(std::move(s));
    if (!st) return context(where, std::move(st).error());
  }
  return {};
}

}  // namespace

Analysis analyze(ByteView file, const pbe::Password& pw, const Options& opts) {
  Analysis out;
  Reading rd{pw, opts, out.report, pbe::pkcs12_password_forms(pw), {}, {}};
  auto st = read_pfx(rd, file, out);
  if (!st) {
    out.error = std::move(st).error();
    out.report.error = out.error->reason;
    // A failure never hands out partial results.
    out.identities.clear();
    out.certificates.clear();
  }
  return out;
}

core::Result<Analysis> open(ByteView file, const pbe::Password& pw, const Options& opts) {
  Analysis a = analyze(file, pw, opts);
  if (a.error) return *a.error;
  return a;
}

core::Result<Identity> load(ByteView file, const pbe::Password& pw) {
  GLASS_TRY(auto a, open(file, pw));
  if (a.identities.empty())
    return make_error(Alert::decode_error, "the PKCS#12 file holds no private key (" +
                                               std::to_string(a.certificates.size()) + " certificates only)");
  return std::move(a.identities.front());
}

}  // namespace glass::x509::pkcs12
