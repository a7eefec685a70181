#include "x509/pkcs12_report.hpp"

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
void line(std::string& out, int indent, const std::string& text) {
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
  out += text;
  out += '\n';
}
}  // namespace

std::string render(const Report& r) {
  std::string out;
  line(out, 0, "PKCS#12 file: " + std::to_string(r.size) + " bytes, " +
                   (r.ber ? "BER (indefinite lengths or constructed strings; normalised to DER)" : "DER") +
                   (r.version ? ", PFX version " + std::to_string(r.version) : ""));
  if (!r.auth_safe_type.empty()) line(out, 0, "authSafe: " + r.auth_safe_type);
  std::string mac = "MAC: " + r.mac.describe();
  if (r.mac.kind != MacKind::none)
    mac += r.mac.verified ? " -- verified with the " + r.mac.password_form : " -- NOT verified";
  line(out, 0, mac);
  for (std::size_t i = 0; i < r.safes.size(); ++i) {
    const auto& s = r.safes[i];
    std::string t = "safe #" + std::to_string(i + 1) + " at offset " + std::to_string(s.offset) + ": " +
                    std::string(safe_kind_name(s.kind));
    if (s.encryption) t += ", " + s.encryption->describe();
    if (s.kind == SafeKind::encrypted_data) t += s.decrypted ? " -- decrypted" : " -- not decrypted";
    line(out, 1, t);
    if (!s.notice.empty()) line(out, 2, "note: " + s.notice);
    for (const auto& b : s.bags) {
      std::string bt = b.type + " at offset " + std::to_string(b.offset);
      if (b.depth) bt += " (nested " + std::to_string(b.depth) + ")";
      if (!b.summary.empty()) bt += ": " + b.summary;
      line(out, 2 + static_cast<int>(b.depth), bt);
      if (b.encryption) line(out, 3 + static_cast<int>(b.depth), "encrypted with " + b.encryption->describe());
      for (const auto& a : b.attributes) line(out, 3 + static_cast<int>(b.depth), a.name + ": " + a.value);
      if (!b.notice.empty()) line(out, 3 + static_cast<int>(b.depth), "note: " + b.notice);
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
        line(out, 1, k + " <-> certificate #" + std::to_string(p.cert_index + 1) + " " + c.subject +
                         ", matched by " + p.matched_by);
        std::string chain = "chain: " + c.subject;
        for (int ci : p.chain) chain += " -> " + r.certificates[static_cast<std::size_t>(ci)].subject;
        chain += p.chain_complete ? " (complete: ends in a self-issued certificate)" : " (incomplete)";
        line(out, 2, chain);
      }
      for (const auto& w : p.warnings) line(out, 2, "warning: " + w);
    }
    for (int ci : r.unpaired_certs) {
      const auto& c = r.certificates[static_cast<std::size_t>(ci)];
      line(out, 1, "certificate #" + std::to_string(ci + 1) + " " + c.subject + " (issuer " + c.issuer +
                       "): not part of any key's chain");
    }
  }
  for (const auto& n : r.notices) line(out, 0, "notice: " + n);
  if (!r.error.empty()) line(out, 0, "ERROR: " + r.error);
  if (r.mac.kind != MacKind::none || !r.safes.empty()) {
    line(out, 0, "Importable by (judged from the algorithms used):");
    for (const auto& c : compatibility(r))
      line(out, 1, std::string(c.ok ? "[yes] " : "[no]  ") + c.consumer + (c.ok ? "" : ": " + c.why));
  }
  return out;
}

}  // namespace glass::x509::pkcs12
