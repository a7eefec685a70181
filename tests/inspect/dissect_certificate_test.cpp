// Certificates inside a Certificate message: the complete field tree, in wire
// order, every node a closed byte range inside its parent, and every extension
// decoded. The certificate comes from the openssl CLI (with SAN, EKU, keyUsage,
// basicConstraints, SKI/AKI, nameConstraints, CRL DP, AIA, policies and an
// unknown extension); its serial and key identifier are compared with openssl's.
#include <doctest/doctest.h>

#include "inspect/dissect.hpp"
#include "inspect/text.hpp"
#include "x509/pem.hpp"
#include "x509/x509_test_util.hpp"

using namespace glass;
using inspect::Field;

namespace {

core::Bytes openssl_certificate(const xt::TempDir& dir, std::string& text) {
  xt::must(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -keyout " +
      dir / "k.pem" + " -out " + dir / "c.pem" +
      " -subj '/C=DE/O=glass/CN=full.example'"
      " -addext 'subjectAltName=DNS:full.example,IP:10.0.0.1,email:a@full.example'"
      " -addext 'keyUsage=critical,digitalSignature,keyCertSign'"
      " -addext 'extendedKeyUsage=clientAuth,serverAuth'"
      " -addext 'basicConstraints=critical,CA:TRUE,pathlen:1'"
      " -addext 'nameConstraints=critical,permitted;DNS:.example,excluded;DNS:bad.example'"
      " -addext 'crlDistributionPoints=URI:http://crl.example/ca.crl'"
      " -addext 'authorityInfoAccess=OCSP;URI:http://ocsp.example,caIssuers;URI:http://ca.example/ca.cer'"
      " -addext 'certificatePolicies=2.23.140.1.2.1'"
      " -addext '1.2.3.4.5=DER:01020304'");
  text = xt::must("openssl x509 -in " + dir / "c.pem" + " -noout -serial -ext subjectKeyIdentifier");
  core::Bytes pem = xt::read_file(dir / "c.pem");
  auto blocks = x509::pem::decode(pem);
  REQUIRE(blocks.ok());
  return core::to_bytes((*blocks)[0].data.view());
}

// TLS 1.3 Certificate message: empty context, one entry, no entry extensions.
core::Bytes certificate_message(const core::Bytes& der) {
  core::Bytes body = {0x00};
  std::size_t list = 3 + der.size() + 2;
  body.insert(body.end(), {static_cast<std::uint8_t>(list >> 16), static_cast<std::uint8_t>(list >> 8),
                           static_cast<std::uint8_t>(list)});
  body.insert(body.end(), {static_cast<std::uint8_t>(der.size() >> 16),
                           static_cast<std::uint8_t>(der.size() >> 8), static_cast<std::uint8_t>(der.size())});
  body.insert(body.end(), der.begin(), der.end());
  body.insert(body.end(), {0x00, 0x00});
  core::Bytes msg = {11, static_cast<std::uint8_t>(body.size() >> 16),
                     static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
  msg.insert(msg.end(), body.begin(), body.end());
  return msg;
}

// Every node covers bytes (length > 0), lies inside its parent, and its
// children follow each other in wire order without overlapping.
void check_ranges(const Field& f, std::size_t& nodes) {
  ++nodes;
  INFO(f.name << " " << f.value);
  CHECK(f.length > 0);
  std::size_t at = f.offset;
  for (const auto& c : f.children) {
    INFO("child " << c.name << " at " << c.offset);
    CHECK(c.offset >= at);
    CHECK(c.offset + c.length <= f.offset + f.length);
    at = c.offset + c.length;
    check_ranges(c, nodes);
  }
}

std::vector<std::string> names(const Field& f) {
  std::vector<std::string> out;
  for (const auto& c : f.children) out.push_back(c.name);
  return out;
}

std::string lower_hex_of(std::string colon_hex) {
  std::string out;
  for (char c : colon_hex)
    if (std::isxdigit(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

TEST_CASE("inspect: a certificate in a Certificate message is a complete field tree") {
  xt::TempDir dir;
  std::string openssl_text;
  core::Bytes der = openssl_certificate(dir, openssl_text);
  core::Bytes msg = certificate_message(der);
  inspect::DissectContext ctx;
  ctx.version = inspect::Version::tls13;
  ctx.sender = inspect::Sender::server;
  Field m = inspect::dissect_handshake(msg, ctx);
  INFO(inspect::render_tree(m, msg));
  REQUIRE_FALSE(m.has_error());
  const Field* cert = m.find("certificate");
  REQUIRE(cert != nullptr);
  CHECK(cert->offset == 4 + 1 + 3 + 3);  // header, context, list length, entry length
  CHECK(cert->length == der.size());
  CHECK(names(*cert) == std::vector<std::string>{"tbs_certificate", "signature_algorithm", "signature_value"});
  const Field* tbs = cert->find("tbs_certificate");
  CHECK(names(*tbs) == std::vector<std::string>{"version", "serial_number", "signature", "issuer", "validity",
                                               "subject", "public_key", "extensions"});
  std::size_t nodes = 0;
  check_ranges(*cert, nodes);
  CHECK(nodes > 60);

  CHECK(tbs->find("version")->value == "v3 (2)");
  CHECK(tbs->find("issuer")->value == "CN=full.example,O=glass,C=DE");
  CHECK(tbs->find("subject")->find("attribute")->value == "C = \"DE\"");
  CHECK(tbs->find("public_key")->value == "ECDSA P-256");
  CHECK(tbs->find("signature")->value.find("ecdsa-with-SHA256") == 0);
  // The serial and key identifier are the ones openssl prints.
  auto serial_at = openssl_text.find("serial=");
  REQUIRE(serial_at != std::string::npos);
  std::string serial = lower_hex_of(openssl_text.substr(serial_at + 7, openssl_text.find('\n', serial_at) - serial_at - 7));
  std::string ours = tbs->find("serial_number")->value;
  CHECK(lower_hex_of(ours).find(serial.substr(serial.size() > 8 ? serial.size() - 8 : 0)) != std::string::npos);
  auto ski_at = openssl_text.find("Subject Key Identifier:");
  REQUIRE(ski_at != std::string::npos);
  std::string ski = lower_hex_of(openssl_text.substr(openssl_text.find('\n', ski_at)));
  CHECK(tbs->find("subject_key_identifier")->find("extn_value")->value == ski);
  CHECK(tbs->find("authority_key_identifier")->find("extn_value")->value == "keyid " + ski);

  const Field* exts = tbs->find("extensions");
  CHECK(tbs->find("basic_constraints")->value.find("CA: true, pathlen 1") != std::string::npos);
  CHECK(tbs->find("basic_constraints")->find("critical") != nullptr);
  CHECK(tbs->find("key_usage")->value.find("Digital Signature, Certificate Sign") != std::string::npos);
  CHECK(tbs->find("ext_key_usage")->value.find("clientAuth, serverAuth") != std::string::npos);
  const Field* san = tbs->find("subject_alt_name");
  CHECK(san->find_all("general_name").size() == 3);
  CHECK(san->value.find("DNS:full.example, IP Address:10.0.0.1, email:a@full.example") != std::string::npos);
  const Field* nc = tbs->find("name_constraints");
  CHECK(nc->find("permitted_subtrees")->find("base")->value == "DNS:.example");
  CHECK(nc->find("excluded_subtrees")->find("base")->value == "DNS:bad.example");
  CHECK(tbs->find("crl_distribution_points")->value.find("URI:http://crl.example/ca.crl") != std::string::npos);
  const Field* aia = tbs->find("authority_info_access");
  REQUIRE(aia->find_all("access_description").size() == 2);
  CHECK(aia->find_all("access_description")[0]->value == "OCSP (1.3.6.1.5.5.7.48.1) URI:http://ocsp.example");
  CHECK(aia->find_all("access_description")[1]->value.find("caIssuers") == 0);
  CHECK(tbs->find("certificate_policies")->value.find("2.23.140.1.2.1") != std::string::npos);
  const Field* unknown = exts->find("extension");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->value.find("1.2.3.4.5") == 0);
  CHECK(unknown->find("value")->length == 4);
  // Nothing between the nodes: the outer signature covers the rest of the DER.
  const Field* sig = cert->find("signature_value");
  CHECK(sig->offset + sig->length == cert->offset + cert->length);

  // A seed for fuzz/inspect_dissect.cpp (selector: handshake, TLS 1.3, server).
  if (const char* corpus = std::getenv("GLASS_INSPECT_CORPUS")) {
    core::Bytes seed = msg;
    seed.insert(seed.begin(), 2 | 4);
    std::ofstream(std::string(corpus) + "/openssl_certificate_all_extensions", std::ios::binary)
        .write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
  }
}
