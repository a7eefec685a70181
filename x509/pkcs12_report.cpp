#include "x509/pkcs12_report.hpp"

#include <cstdio>

#include "core/hex.hpp"

namespace glass::x509::pkcs12 {

std::string_view hash_display(crypto::HashAlg h) {
  switch (h) {
    case crypto::HashAlg::sha1: return "SHA-1";
    case crypto::HashAlg::sha256: return "SHA-256";
    case crypto::HashAlg::sha384: return "SHA-384";
    case crypto::HashAlg::sha512: return "SHA-512";
  }
  return "?";
}

std::string_view safe_kind_name(SafeKind k) {
  switch (k) {
    case SafeKind::data: return "data (unencrypted)";
    case SafeKind::encrypted_data: return "encryptedData";
    case SafeKind::enveloped_data: return "envelopedData";
    case SafeKind::unknown: return "unknown";
  }
  return "?";
}

std::string MacInfo::describe() const {
  switch (kind) {
    case MacKind::none: return "none (no integrity protection)";
    case MacKind::pkcs12_kdf:
      return "HMAC-" + std::string(hash_display(hash)) + ", key from the PKCS#12 KDF, " +
             std::to_string(iterations) + " iteration" + (iterations == 1 ? "" : "s") + ", " +
             std::to_string(salt.size()) + "-byte salt";
    case MacKind::pbmac1:
      return "PBMAC1 (RFC 9579): HMAC-" + std::string(hash_display(hash)) + ", key from PBKDF2-HMAC-" +
             std::string(hash_display(kdf_hash)) + ", " + std::to_string(iterations) + " iterations, " +
             std::to_string(key_len) + "-byte key, " + std::to_string(salt.size()) + "-byte salt";
  }
  return "?";
}

std::vector<Compat> compatibility(const Report& r) {
  bool pbes2 = false, aes = false, rc2 = false, sha2_mac = false, pbmac1 = false;
  auto see = [&](const std::optional<pbe::Algorithm>& a) {
    if (!a) return;
    if (a->scheme == pbe::Scheme::pbes2) pbes2 = true;
    if (a->cipher == crypto::CbcCipher::aes128 || a->cipher == crypto::CbcCipher::aes192 ||
        a->cipher == crypto::CbcCipher::aes256)
      aes = true;
    if (a->cipher == crypto::CbcCipher::rc2) rc2 = true;
  };
  for (const auto& s : r.safes) {
    see(s.encryption);
    for (const auto& b : s.bags) see(b.encryption);
  }
  if (r.mac.kind == MacKind::pbmac1) pbmac1 = true;
  if (r.mac.kind == MacKind::pkcs12_kdf && r.mac.hash != crypto::HashAlg::sha1) sha2_mac = true;

  std::vector<Compat> out;
  auto add = [&](std::string who, std::vector<std::string> problems) {
    Compat c;
    c.consumer = std::move(who);
    c.ok = problems.empty();
    for (std::size_t i = 0; i < problems.size(); ++i) c.why += (i ? "; " : "") + problems[i];
    out.push_back(std::move(c));
  };
  std::string pbes2_why = aes ? "PBES2/AES encryption is not supported" : "PBES2 encryption is not supported";
  {
    std::vector<std::string> p;
    if (rc2) p.push_back("RC2 needs the legacy provider (openssl pkcs12 -legacy)");
    if (pbmac1) p.push_back("PBMAC1 is only read by OpenSSL 3.4 and later");
    add("OpenSSL 3.0-3.3 (default provider)", p);
  }
  {
    std::vector<std::string> p;
    if (rc2) p.push_back("RC2 needs the legacy provider (openssl pkcs12 -legacy)");
    add("OpenSSL 3.4+ (default provider)", p);
  }
  {
    std::vector<std::string> p;
    if (pbmac1) p.push_back("PBMAC1 is not supported");
    add("OpenSSL 1.1.1", p);
  }
  {
    std::vector<std::string> p;
    if (pbes2) p.push_back(pbes2_why);
    if (sha2_mac) p.push_back("only SHA-1 MACs are accepted (a SHA-2 MAC reads as 'wrong password')");
    if (pbmac1) p.push_back("PBMAC1 is not supported");
    add("Windows Server 2016 / Windows 10 before 1709", p);
  }
  {
    std::vector<std::string> p;
    if (pbmac1) p.push_back("PBMAC1 is not supported");
    add("Windows Server 2019+ / Windows 10 1709+", p);
  }
  {
    std::vector<std::string> p;
    if (pbes2) p.push_back(pbes2_why);
    if (sha2_mac) p.push_back("only SHA-1 MACs are accepted");
    if (pbmac1) p.push_back("PBMAC1 is not supported");
    add("Java 8 before 8u301", p);
  }
  {
    std::vector<std::string> p;
    if (pbmac1) p.push_back("PBMAC1 needs JDK 25 or later");
    add("Java 11/17/21", p);
  }
  {
    std::vector<std::string> p;
    if (pbes2) p.push_back(pbes2_why + " (import fails as a wrong password)");
    if (sha2_mac) p.push_back("SHA-2 MACs are rejected");
    if (pbmac1) p.push_back("PBMAC1 is not supported");
    add("macOS Keychain (security import)", p);
  }
  return out;
}

namespace {

// Length of the UTF-8 sequence at `i` and its code point, or 0 when invalid.
std::size_t utf8_at(std::string_view t, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(t[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > t.size()) return 0;
  cp = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(t[i + k]);
    if ((c >> 6) != 2) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  return n;
}

bool hidden(char32_t cp) {
  return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string printable(std::string_view t) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < t.size();) {
    char32_t cp = 0;
    std::size_t n = utf8_at(t, i, cp);
    if (n == 0 || (n == 1 && hidden(cp))) {
      auto b = static_cast<unsigned char>(t[i]);
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 15];
      i += 1;
      continue;
    }
    if (hidden(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(t.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string oid_label(const std::string& name, const std::string& dotted) {
  if (dotted.empty()) return name;
  if (name.empty() || name == dotted) return dotted + " (unnamed OID)";
  return name + " (" + dotted + ")";
}

OpensslVerdict openssl3_verdict(const Report& r) {
  OpensslVerdict v;
  auto see = [&](const std::optional<pbe::Algorithm>& a, const std::string& where) {
    if (!a) return;
    if (a->needs_openssl_legacy())
      v.refused.push_back(where + " is encrypted with " + a->describe() + " (" + a->oid + "): " +
                          a->cipher_name() + " is only in OpenSSL 3's legacy provider (openssl "
                          "pkcs12 -legacy)");
    else if (a->cipher == crypto::CbcCipher::des_ede3)
      v.weak.push_back(where + " is encrypted with " + a->describe() +
                       ": 3DES, read by OpenSSL 3 without -legacy but a 64-bit block cipher");
    if (a->iterations > 0 && a->iterations < 1000)
      v.weak.push_back(where + "'s key is derived with only " + std::to_string(a->iterations) +
                       " iteration(s)");
  };
  for (std::size_t i = 0; i < r.safes.size(); ++i) {
    std::string safe = "safe #" + std::to_string(i + 1);
    see(r.safes[i].encryption, safe);
    for (const auto& b : r.safes[i].bags)
      see(b.encryption, safe + " " + b.type + " at offset " + std::to_string(b.offset));
  }
  if (r.mac.kind == MacKind::pbmac1)
    v.refused.push_back("the MAC is PBMAC1 (RFC 9579): OpenSSL 3.0-3.3 cannot verify it (3.4+ can)");
  if (r.mac.kind != MacKind::none && r.mac.iterations < 1000)
    v.weak.push_back("the MAC is HMAC-" + std::string(hash_display(r.mac.hash)) + " with a key from " +
                     std::to_string(r.mac.iterations) + " iteration(s)" +
                     (r.mac.iterations <= 1 ? " (openssl -nomaciter)" : "") +
                     ": OpenSSL 3 accepts it, but each password guess costs almost nothing");
  if (r.mac.kind == MacKind::none)
    v.weak.push_back("there is no MAC: nothing protects the file's integrity");
  return v;
}

namespace {
void line(std::string& out, int indent, const std::string& text) {
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
  out += text;
  out += '\n';
}
// What OpenSSL 3's default provider makes of the file, exactly.
void render_openssl3(std::string& out, const Report& r) {
  auto v = openssl3_verdict(r);
  if (v.refused.empty())
    line(out, 0, "OpenSSL 3 (default provider, no -legacy): reads this file");
  else
    line(out, 0, "OpenSSL 3 (default provider, no -legacy): REFUSES this file:");
  for (const auto& x : v.refused) line(out, 1, "refused: " + x);
  for (const auto& x : v.weak) line(out, 1, "weak: " + x);
}

}  // namespace

std::string render(const Report& r) {
  std::string out;
  line(out, 0, "PKCS#12 file: " + std::to_string(r.size) + " bytes, " +
                   (r.ber ? "BER (indefinite lengths or constructed strings; normalised to DER)" : "DER") +
                   (r.version ? ", PFX version " + std::to_string(r.version) : ""));
  if (!r.auth_safe_type.empty()) line(out, 0, "authSafe: " + oid_label(r.auth_safe_type, r.auth_safe_oid));
  std::string mac = "MAC: " + r.mac.describe();
  if (r.mac.kind != MacKind::none)
    mac += r.mac.verified ? " -- verified with the " + r.mac.password_form : " -- NOT verified";
  line(out, 0, mac);
  for (std::size_t i = 0; i < r.safes.size(); ++i) {
    const auto& s = r.safes[i];
    std::string t = "safe #" + std::to_string(i + 1) + " at offset " + std::to_string(s.offset) + ": " +
                    std::string(safe_kind_name(s.kind)) +
                    (s.type_oid.empty() ? "" : " (" + s.type_oid + ")");
    if (s.encryption) t += ", " + s.encryption->describe() + " (" + s.encryption->oid + ")";
    if (s.kind == SafeKind::encrypted_data) t += s.decrypted ? " -- decrypted" : " -- not decrypted";
    line(out, 1, t);
    if (!s.notice.empty()) line(out, 2, "note: " + printable(s.notice));
    for (const auto& b : s.bags) {
      std::string bt = oid_label(b.type, b.type_oid) + " at offset " + std::to_string(b.offset);
      if (b.depth) bt += " (nested " + std::to_string(b.depth) + ")";
      if (!b.summary.empty()) bt += ": " + printable(b.summary);
      int in = 3 + static_cast<int>(b.depth);
      line(out, in - 1, bt);
      if (b.encryption)
        line(out, in, "encrypted with " + b.encryption->describe() + " (" + b.encryption->oid + ")");
      for (const auto& a : b.attributes) line(out, in, oid_label(a.name, a.oid) + ": " + printable(a.value));
      if (!b.notice.empty()) line(out, in, "note: " + printable(b.notice));
    }
  }
  if (!r.keys.empty() || !r.certificates.empty()) {
    line(out, 0, "Contents: " + std::to_string(r.keys.size()) + " private key(s), " +
                     std::to_string(r.certificates.size()) + " certificate(s)");
    for (const auto& p : r.pairings) {
      std::string k = "key #" + std::to_string(p.key_index + 1) + " (" + r.keys[static_cast<std::size_t>(p.key_index)] + ")";
      if (p.cert_index < 0) {
        line(out, 1, k + ": no matching certificate");
      } else {
        const auto& c = r.certificates[static_cast<std::size_t>(p.cert_index)];
        line(out, 1, k + " <-> certificate #" + std::to_string(p.cert_index + 1) + " " +
                         printable(c.subject) + ", matched by " + p.matched_by);
        std::string chain = "chain: " + printable(c.subject);
        for (int ci : p.chain)
          chain += " -> " + printable(r.certificates[static_cast<std::size_t>(ci)].subject);
        chain += p.chain_complete ? " (complete: ends in a self-issued certificate)" : " (incomplete)";
        line(out, 2, chain);
      }
      for (const auto& w : p.warnings) line(out, 2, "warning: " + printable(w));
    }
    for (int ci : r.unpaired_certs) {
      const auto& c = r.certificates[static_cast<std::size_t>(ci)];
      line(out, 1, "certificate #" + std::to_string(ci + 1) + " " + printable(c.subject) + " (issuer " +
                       printable(c.issuer) + "): not part of any key's chain");
    }
  }
  for (const auto& n : r.notices) line(out, 0, "notice: " + printable(n));
  if (!r.error.empty()) line(out, 0, "ERROR: " + printable(r.error));
  if (r.mac.kind != MacKind::none || !r.safes.empty()) render_openssl3(out, r);
  if (r.mac.kind != MacKind::none || !r.safes.empty()) {
    line(out, 0, "Importable by (judged from the algorithms used):");
    for (const auto& c : compatibility(r))
      line(out, 1, std::string(c.ok ? "[yes] " : "[no]  ") + c.consumer + (c.ok ? "" : ": " + c.why));
  }
  return out;
}

}  // namespace glass::x509::pkcs12
