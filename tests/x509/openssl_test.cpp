// Certificates made by the openssl CLI during the test: our parser must read
// the same fields `openssl x509` prints, and our path validation must agree
// with `openssl verify` on chains made with `openssl x509 -req -extfile`.
#include <doctest/doctest.h>

#include <ctime>
#include <regex>
#include <sstream>

#include "x509/certificate_file.hpp"
#include "x509/hostname.hpp"
#include "x509/signature_algorithm.hpp"
#include "x509_test_util.hpp"

using namespace xt;
using glass::core::Alert;

namespace {

std::string upper_hex(glass::core::ByteView b) {
  static const char* d = "0123456789ABCDEF";
  std::string s;
  for (auto c : b) {
    s += d[c >> 4];
    s += d[c & 15];
  }
  return s;
}

// Value after "key=" on the line starting with key.
std::string field(const std::string& out, const std::string& key) {
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  FAIL("openssl output has no " << key << ": " << out);
  return {};
}

std::string first_match(const std::string& text, const std::string& re) {
  std::smatch m;
  std::regex r(re);
  REQUIRE_MESSAGE(std::regex_search(text, m, r), re);
  return m[1].str();
}

// Normalises openssl's SAN list for comparison: IPv6 written compressed.
std::vector<std::string> split_sans(const std::string& line) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(line);
  while (std::getline(in, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    item = trim(item);
    if (item.rfind("IP Address:", 0) == 0) {
      auto ip = glass::x509::parse_ip(item.substr(11));
      REQUIRE(ip);
      item = "IP Address:" + glass::x509::ip_to_string(*ip);
    }
    out.push_back(item);
  }
  return out;
}

struct Made {
  std::string name;
  std::string extra_req;  // options for `openssl req -x509`
};

}  // namespace

TEST_CASE("x509: fields of openssl-made certificates match openssl x509 output") {
  TempDir dir;
  must("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + (dir / "rsa.key"));
  must("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + (dir / "ec.key"));
  must("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out " + (dir / "ec384.key"));
  must("openssl genpkey -algorithm ED25519 -out " + (dir / "ed.key"));
  const std::string sans =
      "subjectAltName=DNS:a.example,DNS:*.b.example,DNS:UPPER.Example,IP:10.0.0.1,"
      "IP:2001:db8::1,IP:::ffff:1.2.3.4,email:x@example.com,URI:https://example.com/p?q=1";
  std::vector<Made> certs = {
      {"rsa", "-key " + (dir / "rsa.key") + " -sha256 -subj '/C=DE/O=Glass Test/CN=RSA Root'"},
      {"rsa-sha512", "-key " + (dir / "rsa.key") + " -sha512 -subj '/CN=RSA 512'"},
      {"pss", "-key " + (dir / "rsa.key") +
                  " -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 "
                  "-subj '/CN=PSS Root'"},
      {"pss384", "-key " + (dir / "rsa.key") +
                     " -sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48 "
                     "-sigopt rsa_mgf1_md:sha384 -subj '/CN=PSS 384'"},
      {"ec", "-key " + (dir / "ec.key") +
                 " -sha384 -subj '/C=DE/O=Glass Test/OU=a\\+b;c/CN=Doe, John/"
                 "emailAddress=x@example.com' -addext '" + sans + "'"},
      {"ec384", "-key " + (dir / "ec384.key") + " -sha512 -subj '/CN=P-384/serialNumber=42'"},
      {"ed25519", "-key " + (dir / "ed.key") + " -subj '/DC=org/DC=example/CN=Ed Root'"},
  };
  for (const auto& m : certs)
    must("openssl req -x509 -new -days 30 " + m.extra_req + " -outform DER -out " +
         (dir / (m.name + ".der")));
  // v1: `openssl x509 -req` without extensions.
  must("openssl req -new -key " + (dir / "ec.key") + " -subj '/CN=v1 cert' -out " + (dir / "v1.csr"));
  must("openssl x509 -req -in " + (dir / "v1.csr") + " -signkey " + (dir / "ec.key") +
       " -days 10 -outform DER -out " + (dir / "v1.der"));
  certs.push_back({"v1", ""});

  for (const auto& m : certs) {
    CAPTURE(m.name);
    std::string path = dir / (m.name + ".der");
    Bytes der = xt::read_file(path);
    auto parsed = glass::x509::Certificate::parse(der);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().reason));
    const auto& c = *parsed;
    std::string out = must("openssl x509 -inform DER -in " + path +
                           " -noout -serial -subject -issuer -nameopt RFC2253 -dates "
                           "-dateopt iso_8601");
    // Serial: openssl prints the magnitude in hex.
    glass::x509::der::Reader sr(c.fields().serial);
    auto mag = sr.unsigned_integer("serial");
    REQUIRE(mag.ok());
    CHECK(field(out, "serial") == upper_hex(*mag));
    CHECK(field(out, "subject") == c.subject().to_string(true));
    CHECK(field(out, "issuer") == c.issuer().to_string(true));
    std::string nb = field(out, "notBefore"), na = field(out, "notAfter");
    nb[10] = 'T';
    na[10] = 'T';
    CHECK(nb == glass::x509::der::format_time(c.not_before()));
    CHECK(na == glass::x509::der::format_time(c.not_after()));

    std::string text = must("openssl x509 -inform DER -in " + path + " -noout -text");
    CHECK(c.version() == std::stoi(first_match(text, "Version: (\\d)")));
    CHECK(c.signature_algorithm_name() == first_match(text, "Signature Algorithm: (\\S+)"));
    CHECK(glass::x509::oid::name(c.public_key_algorithm()) ==
          first_match(text, "Public Key Algorithm: (\\S+)"));
    // Every one of these is self-signed: the signature verifies with its own key.
    auto key = c.public_key();
    REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().reason));
    auto sig = glass::x509::verify_signature(c, *key->key);
    CHECK_MESSAGE(sig.ok(), (sig.ok() ? "" : sig.error().reason));
    if (m.name.rfind("pss", 0) == 0) {
      auto alg = c.signature_algorithm();
      REQUIRE(alg.ok());
      CHECK(alg->salt_len == std::stoul(first_match(text, "Salt Length: 0x([0-9A-Fa-f]+)"),
                                        nullptr, 16));
    }
    if (c.extensions().subject_alt_name) {
      std::string san = must("openssl x509 -inform DER -in " + path + " -noout -ext subjectAltName");
      std::string line = san.substr(san.find('\n') + 1);
      std::vector<std::string> ours;
      glass::x509::GeneralNameIterator it(*c.extensions().subject_alt_name);
      glass::x509::GeneralName g;
      while (it.next(g)) ours.push_back(glass::x509::general_name_to_string(g));
      CHECK(ours == split_sans(line));
      CHECK(ours.size() == 8);
      CHECK(glass::x509::matches_host(c, "x.b.example"));
      CHECK(glass::x509::matches_host(c, "upper.example"));
      CHECK(glass::x509::matches_host(c, "::ffff:1.2.3.4"));
      CHECK_FALSE(glass::x509::matches_host(c, "b.example"));
    }
  }
}

// ---- path validation against `openssl verify` -------------------------------

namespace {

struct OpensslPki {
  TempDir dir;
  int serial = 100;

  // Makes NAME.key and NAME.pem (two openssl runs); issuer empty = self-signed.
  // ext: extfile lines.
  void cert(const std::string& name, const std::string& subj, const std::string& issuer,
            const std::string& ext) {
    std::string k = dir / (name + ".key");
    must("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + k +
         " -subj '" + subj + "' -out " + (dir / (name + ".csr")));
    write_file(dir / (name + ".ext"), ext);
    std::string sign = issuer.empty() ? "-signkey " + k
                                      : "-CA " + (dir / (issuer + ".pem")) + " -CAkey " +
                                            (dir / (issuer + ".key"));
    must("openssl x509 -req -in " + (dir / (name + ".csr")) + " " + sign +
         " -days 365 -set_serial " + std::to_string(serial++) + " -extfile " +
         (dir / (name + ".ext")) + " -out " + (dir / (name + ".pem")));
  }

  // Our PEM loader reads what openssl wrote.
  std::vector<glass::x509::Certificate> load(const std::string& name) {
    auto certs = glass::x509::load_certificate_file(dir / (name + ".pem"));
    REQUIRE_MESSAGE(certs.ok(), (certs.ok() ? "" : certs.error().reason));
    return *certs;
  }

  struct Outcome {
    bool ours_ok;
    glass::core::Error ours_error;
    bool openssl_ok;
    std::string openssl_out;
  };

  Outcome check(const std::string& leaf, const std::vector<std::string>& inters,
                const std::string& root, glass::x509::Purpose purpose,
                const std::string& host = "", std::time_t at = 0) {
    Outcome o{};
    // Ours.
    std::vector<glass::x509::Certificate> bag, anchors = load(root);
    for (const auto& i : inters)
      for (auto& c : load(i)) bag.push_back(std::move(c));
    glass::x509::ValidationOptions opt;
    opt.time = at ? at : std::time(nullptr);
    opt.purpose = purpose;
    opt.host = host;
    auto r = glass::x509::validate_path(load(leaf).front(), bag, anchors, opt);
    o.ours_ok = r.ok();
    if (!r.ok()) o.ours_error = r.error();
    // openssl verify.
    std::string untrusted;
    if (!inters.empty()) {
      std::string all;
      for (const auto& i : inters) all += glass::core::as_chars(xt::read_file(dir / (i + ".pem")));
      write_file(dir / "untrusted.pem", all);
      untrusted = " -untrusted " + (dir / "untrusted.pem");
    }
    std::string cmd = "openssl verify -CAfile " + (dir / (root + ".pem")) + untrusted +
                      " -purpose " +
                      (purpose == glass::x509::Purpose::client_auth ? "sslclient" : "sslserver") +
                      (host.empty()                            ? ""
                       : glass::x509::parse_ip(host) ? " -verify_ip " + host
                                                     : " -verify_hostname " + host) +
                      (at ? " -attime " + std::to_string(at) : "") + " " +
                      (dir / (leaf + ".pem"));
    o.openssl_ok = run(cmd, &o.openssl_out) == 0;
    return o;
  }
};

const char* kCaExt =
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";
const char* kLeafExt =
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    "extendedKeyUsage=serverAuth,clientAuth\nsubjectKeyIdentifier=hash\n"
    "authorityKeyIdentifier=keyid\nsubjectAltName=DNS:leaf.test,IP:127.0.0.1\n";

#define AGREE_OK(o)                                                               \
  do {                                                                            \
    INFO("ours: " << ((o).ours_ok ? "OK" : (o).ours_error.to_string()));          \
    INFO("openssl: " << (o).openssl_out);                                         \
    CHECK((o).ours_ok);                                                           \
    CHECK((o).openssl_ok);                                                        \
  } while (0)

#define AGREE_REJECT(o, alert_, text)                                             \
  do {                                                                            \
    INFO("ours: " << ((o).ours_ok ? "OK" : (o).ours_error.to_string()));          \
    INFO("openssl: " << (o).openssl_out);                                         \
    CHECK_FALSE((o).ours_ok);                                                     \
    CHECK_FALSE((o).openssl_ok);                                                  \
    if (!(o).ours_ok) {                                                           \
      CHECK((o).ours_error.alert == (alert_));                                    \
      CHECK((o).ours_error.reason.find(text) != std::string::npos);               \
    }                                                                             \
  } while (0)

}  // namespace

TEST_CASE("x509: path validation agrees with openssl verify on openssl-made chains") {
  using glass::x509::Purpose;
  // Made once and shared by the subcases (doctest re-enters the test per subcase).
  static std::unique_ptr<OpensslPki> shared;
  if (!shared) {
    shared = std::make_unique<OpensslPki>();
    shared->cert("root", "/O=Glass Test/CN=OpenSSL Root", "", kCaExt);
    shared->cert("inter", "/O=Glass Test/CN=Issuing CA 2", "root", kCaExt);
    shared->cert("leaf", "/CN=leaf.test", "inter", kLeafExt);
    shared->cert("junk", "/CN=Unrelated", "", kCaExt);
  }
  OpensslPki& p = *shared;

  SUBCASE("a valid chain, also with a host name and an IP") {
    AGREE_OK(p.check("leaf", {"junk", "inter"}, "root", Purpose::server_auth));
    AGREE_OK(p.check("leaf", {"inter"}, "root", Purpose::client_auth, "leaf.test"));
    AGREE_OK(p.check("leaf", {"inter"}, "root", Purpose::server_auth, "127.0.0.1"));
  }
  SUBCASE("a wrong host name") {
    AGREE_REJECT(p.check("leaf", {"inter"}, "root", Purpose::server_auth, "other.test"),
                 Alert::bad_certificate, "not valid for name other.test");
  }
  SUBCASE("expired at a later validation time") {
    std::time_t later = std::time(nullptr) + 400 * 86400;
    AGREE_REJECT(p.check("leaf", {"inter"}, "root", Purpose::server_auth, "", later),
                 Alert::certificate_expired, "expired");
  }
  SUBCASE("no intermediate: unknown issuer") {
    AGREE_REJECT(p.check("leaf", {"junk"}, "root", Purpose::server_auth), Alert::unknown_ca,
                 "no path to a trust anchor");
  }
  SUBCASE("a leaf for clientAuth only used as a server") {
    p.cert("client", "/CN=client", "inter",
           "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
           "extendedKeyUsage=clientAuth\n");
    AGREE_REJECT(p.check("client", {"inter"}, "root", Purpose::server_auth),
                 Alert::certificate_unknown, "does not allow serverAuth");
    AGREE_OK(p.check("client", {"inter"}, "root", Purpose::client_auth));
  }
  SUBCASE("an issuer with CA:FALSE") {
    p.cert("notca", "/CN=Not A CA", "root", "basicConstraints=critical,CA:FALSE\n");
    p.cert("leaf2", "/CN=leaf2", "notca", kLeafExt);
    AGREE_REJECT(p.check("leaf2", {"notca"}, "root", Purpose::server_auth),
                 Alert::bad_certificate, "intermediate CN=Not A CA is not a CA");
  }
  SUBCASE("an issuer without keyCertSign") {
    p.cert("nosign", "/CN=No Sign CA", "root",
           "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature\n");
    p.cert("leaf3", "/CN=leaf3", "nosign", kLeafExt);
    AGREE_REJECT(p.check("leaf3", {"nosign"}, "root", Purpose::server_auth),
                 Alert::bad_certificate, "lacks keyCertSign");
  }
  SUBCASE("pathlen:0 on the root with an intermediate below") {
    p.cert("root0", "/CN=Root pathlen 0", "",
           "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign\n");
    p.cert("inter0", "/CN=Under pathlen 0", "root0", kCaExt);
    p.cert("leaf4", "/CN=leaf4", "inter0", kLeafExt);
    AGREE_REJECT(p.check("leaf4", {"inter0"}, "root0", Purpose::server_auth),
                 Alert::bad_certificate, "pathLenConstraint");
  }
  SUBCASE("name constraints on the intermediate") {
    p.cert("nc", "/CN=Constrained CA", "root",
           std::string(kCaExt) +
               "nameConstraints=critical,permitted;DNS:allowed.test,permitted;IP:10.0.0.0/"
               "255.0.0.0,excluded;DNS:bad.allowed.test,excluded;email:evil.test\n");
    p.cert("in", "/CN=in", "nc",
           "keyUsage=critical,digitalSignature\nsubjectAltName=DNS:www.allowed.test,IP:10.1.1.1\n");
    p.cert("out", "/CN=out", "nc", "subjectAltName=DNS:www.other.test\n");
    p.cert("excl", "/CN=excl", "nc", "subjectAltName=DNS:x.bad.allowed.test\n");
    p.cert("ipout", "/CN=ipout", "nc", "subjectAltName=DNS:a.allowed.test,IP:192.168.0.1\n");
    p.cert("mail", "/CN=mail", "nc", "subjectAltName=DNS:a.allowed.test,email:a@evil.test\n");
    AGREE_OK(p.check("in", {"nc"}, "root", Purpose::server_auth));
    AGREE_REJECT(p.check("out", {"nc"}, "root", Purpose::server_auth), Alert::bad_certificate,
                 "DNS:www.other.test is outside the permitted subtrees");
    AGREE_REJECT(p.check("excl", {"nc"}, "root", Purpose::server_auth), Alert::bad_certificate,
                 "excluded subtree");
    AGREE_REJECT(p.check("ipout", {"nc"}, "root", Purpose::server_auth), Alert::bad_certificate,
                 "IP Address:192.168.0.1");
    AGREE_REJECT(p.check("mail", {"nc"}, "root", Purpose::server_auth), Alert::bad_certificate,
                 "email:a@evil.test");
  }
  SUBCASE("an unknown critical extension") {
    p.cert("crit", "/CN=crit", "inter",
           std::string(kLeafExt) + "1.3.6.1.4.1.55555.7=critical,ASN1:NULL\n");
    AGREE_REJECT(p.check("crit", {"inter"}, "root", Purpose::server_auth),
                 Alert::unsupported_certificate, "unsupported critical extension");
  }
  SUBCASE("a corrupted signature") {
    Bytes bad = glass::x509::corrupt_signature(p.load("leaf").front().der());
    write_file(p.dir / "bad.der", std::string(glass::core::as_chars(bad)));
    must("openssl x509 -inform DER -in " + (p.dir / "bad.der") + " -out " + (p.dir / "bad.pem"));
    AGREE_REJECT(p.check("bad", {"inter"}, "root", Purpose::server_auth), Alert::bad_certificate,
                 "signature of leaf CN=leaf.test");
  }
}
