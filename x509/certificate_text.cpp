#include "x509/certificate_text.hpp"

#include <cstdio>

#include "x509/oid.hpp"
#include "x509/signature_algorithm.hpp"

namespace glass::x509 {

namespace {

std::string hex_lines(ByteView b, std::size_t per_line, const std::string& indent) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i % per_line == 0) s += indent;
    s += d[b[i] >> 4];
    s += d[b[i] & 15];
    if (i + 1 < b.size()) s += ':';
    if (i % per_line == per_line - 1 || i + 1 == b.size()) s += '\n';
  }
  return s;
}

std::string ext_label(ByteView o) {
  struct L {
    std::string_view dotted, label;
  };
  static const L labels[] = {
      {oid::ext_basic_constraints, "X509v3 Basic Constraints"},
      {oid::ext_key_usage, "X509v3 Key Usage"},
      {oid::ext_ext_key_usage, "X509v3 Extended Key Usage"},
      {oid::ext_subject_alt_name, "X509v3 Subject Alternative Name"},
      {oid::ext_issuer_alt_name, "X509v3 Issuer Alternative Name"},
      {oid::ext_subject_key_id, "X509v3 Subject Key Identifier"},
      {oid::ext_authority_key_id, "X509v3 Authority Key Identifier"},
      {oid::ext_name_constraints, "X509v3 Name Constraints"},
      {oid::ext_crl_distribution_points, "X509v3 CRL Distribution Points"},
      {oid::ext_certificate_policies, "X509v3 Certificate Policies"},
      {oid::ext_authority_info_access, "Authority Information Access"},
  };
  for (const auto& l : labels)
    if (oid::equals(o, l.dotted)) return std::string(l.label);
  return oid::name(o);
}

std::string eku_text(ByteView contents) {
  std::string s;
  der::Reader r(contents);
  while (!r.empty()) {
    auto o = r.oid("KeyPurposeId");
    if (!o) break;
    if (!s.empty()) s += ", ";
    if (oid::equals(*o, oid::kp_server_auth)) s += "TLS Web Server Authentication";
    else if (oid::equals(*o, oid::kp_client_auth)) s += "TLS Web Client Authentication";
    else if (oid::equals(*o, oid::kp_any)) s += "Any Extended Key Usage";
    else s += oid::name(*o);
  }
  return s;
}

std::string names_text(ByteView contents) {
  std::string s;
  GeneralNameIterator it(contents);
  GeneralName g;
  while (it.next(g)) {
    if (!s.empty()) s += ", ";
    s += general_name_to_string(g);
  }
  return s;
}

std::string subtrees_text(ByteView contents, const std::string& indent) {
  std::string s;
  GeneralSubtreeIterator it(contents);
  GeneralName g;
  while (it.next(g)) s += indent + general_name_to_string(g) + "\n";
  return s;
}

std::string extension_body(const Certificate& c, const Extension& x, const std::string& in) {
  const Extensions& e = c.extensions();
  if (oid::equals(x.oid, oid::ext_basic_constraints) && e.basic_constraints) {
    std::string s = e.basic_constraints->ca ? "CA:TRUE" : "CA:FALSE";
    if (e.basic_constraints->path_len)
      s += ", pathlen:" + std::to_string(*e.basic_constraints->path_len);
    return in + s + "\n";
  }
  if (oid::equals(x.oid, oid::ext_key_usage) && e.key_usage)
    return in + key_usage::to_string(*e.key_usage) + "\n";
  if (oid::equals(x.oid, oid::ext_ext_key_usage) && e.ext_key_usage)
    return in + eku_text(*e.ext_key_usage) + "\n";
  if (oid::equals(x.oid, oid::ext_subject_alt_name) && e.subject_alt_name)
    return in + names_text(*e.subject_alt_name) + "\n";
  if (oid::equals(x.oid, oid::ext_subject_key_id) && e.subject_key_id)
    return in + hex_colon(*e.subject_key_id, true) + "\n";
  if (oid::equals(x.oid, oid::ext_authority_key_id) && e.authority_key_id)
    return in + "keyid:" + hex_colon(*e.authority_key_id, true) + "\n";
  if (oid::equals(x.oid, oid::ext_name_constraints) && e.has_name_constraints) {
    std::string s;
    if (!e.permitted_subtrees.empty())
      s += in + "Permitted:\n" + subtrees_text(e.permitted_subtrees, in + "  ");
    if (!e.excluded_subtrees.empty())
      s += in + "Excluded:\n" + subtrees_text(e.excluded_subtrees, in + "  ");
    return s;
  }
  return hex_lines(x.value, 18, in);
}

std::string public_key_text(const Certificate& c, const std::string& in) {
  std::string s = in + "Public Key Algorithm: " + oid::name(c.public_key_algorithm()) + "\n";
  auto pk = c.public_key();
  if (!pk) return s + in + "    (cannot decode: " + pk.error().reason + ")\n";
  const auto& key = *pk->key;
  std::string in2 = in + "    ";
  s += in2 + "Public-Key: (" + std::to_string(key.bits()) + " bit)\n";
  switch (key.type()) {
    case crypto::KeyType::rsa:
    case crypto::KeyType::rsa_pss: {
      Bytes n = key.rsa_modulus();
      if (!n.empty() && (n[0] & 0x80)) n.insert(n.begin(), 0);  // as openssl prints it
      s += in2 + "Modulus:\n" + hex_lines(n, 15, in2 + "    ");
      Bytes e = key.rsa_exponent();
      std::uint64_t v = 0;
      for (auto b : e) v = (v << 8) | b;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%llu (0x%llx)", static_cast<unsigned long long>(v),
                    static_cast<unsigned long long>(v));
      s += in2 + "Exponent: " + (e.size() <= 8 ? std::string(buf) : hex_colon(e, true)) + "\n";
      break;
    }
    case crypto::KeyType::ecdsa_p256:
    case crypto::KeyType::ecdsa_p384:
      s += in2 + "pub:\n" + hex_lines(pk->key_bits, 15, in2 + "    ");
      s += in2 + "ASN1 OID: " +
           std::string(key.type() == crypto::KeyType::ecdsa_p256 ? "prime256v1" : "secp384r1") +
           "\n";
      s += in2 + "NIST CURVE: " +
           std::string(key.type() == crypto::KeyType::ecdsa_p256 ? "P-256" : "P-384") + "\n";
      break;
    case crypto::KeyType::ed25519:
      s += in2 + "pub:\n" + hex_lines(pk->key_bits, 15, in2 + "    ");
      break;
  }
  return s;
}

std::string signature_algorithm_text(const Certificate& c, const std::string& in) {
  std::string s = in + "Signature Algorithm: " + c.signature_algorithm_name() + "\n";
  auto alg = c.signature_algorithm();
  if (!alg)
    s += in + "    (" + alg.error().reason + ")\n";
  else if (alg->kind == crypto::SigAlgorithm::Kind::rsa_pss)
    s += in + "    Hash Algorithm: " + std::string(crypto::hash_name(alg->hash)) + "\n" + in +
         "    Mask Algorithm: MGF1 with " + std::string(crypto::hash_name(alg->mgf1_hash)) +
         "\n" + in + "    Salt Length: " + std::to_string(alg->salt_len) + "\n" + in +
         "    Trailer Field: 0xBC (default)\n";
  return s;
}

}  // namespace

std::string to_text(const Certificate& c) {
  std::string s = "Certificate:\n    Data:\n";
  const std::string in = "        ";
  s += in + "Version: " + std::to_string(c.version()) + " (0x" + std::to_string(c.version() - 1) +
       ")\n";
  s += in + "Serial Number:\n" + in + "    " + c.serial_hex() + "\n";
  s += signature_algorithm_text(c, in);
  s += in + "Issuer: " + c.issuer().to_string() + "\n";
  s += in + "Validity\n";
  s += in + "    Not Before: " + der::format_time(c.not_before()) + "\n";
  s += in + "    Not After : " + der::format_time(c.not_after()) + "\n";
  s += in + "Subject: " + c.subject().to_string() + "\n";
  s += in + "Subject Public Key Info:\n" + public_key_text(c, in + "    ");
  if (c.extensions().count > 0) {
    s += in + "X509v3 extensions:\n";
    ExtensionIterator it(c.extensions().der);
    Extension x;
    while (it.next(x)) {
      s += in + "    " + ext_label(x.oid) + ":" + (x.critical ? " critical" : "") + "\n";
      s += extension_body(c, x, in + "        ");
    }
  }
  s += signature_algorithm_text(c, "    ");
  s += "    Signature Value:\n" + hex_lines(c.signature(), 18, "        ");
  return s;
}

std::string offsets_text(const Certificate& c) {
  std::string s = "Field byte ranges (offset, length; offsets count from the first byte of the DER):\n";
  auto row = [&](const std::string& name, ByteView v, int depth) {
    if (v.empty()) return;
    char buf[160];
    std::size_t off = c.offset_of(v);
    std::snprintf(buf, sizeof buf, "  %6zu..%-6zu %5zu bytes  %*s%s\n", off, off + v.size(),
                  v.size(), depth * 2, "", name.c_str());
    s += buf;
  };
  const auto& f = c.fields();
  row("Certificate", f.certificate, 0);
  row("tbsCertificate", f.tbs, 1);
  row("version", f.version, 2);
  row("serialNumber", f.serial, 2);
  row("signature (algorithm)", f.tbs_signature, 2);
  row("issuer", f.issuer, 2);
  row("validity", f.validity, 2);
  row("notBefore", f.not_before, 3);
  row("notAfter", f.not_after, 3);
  row("subject", f.subject, 2);
  row("subjectPublicKeyInfo", f.spki, 2);
  row("issuerUniqueID", f.issuer_unique_id, 2);
  row("subjectUniqueID", f.subject_unique_id, 2);
  row("extensions [3]", f.extensions, 2);
  if (c.extensions().count > 0) {
    ExtensionIterator it(c.extensions().der);
    Extension x;
    while (it.next(x))
      row(oid::name(x.oid) + (x.critical ? " (critical)" : ""), x.whole, 3);
  }
  row("signatureAlgorithm", f.signature_algorithm, 1);
  row("signatureValue", f.signature_value, 1);
  return s;
}

}  // namespace glass::x509
