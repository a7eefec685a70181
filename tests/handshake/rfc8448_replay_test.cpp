// RFC 8448 sections 3, 5 and 6 replayed through our engine. Each side runs on its
// own against the trace: our client is fed the trace's server records and must
// answer with the trace's client records byte for byte, and our server is fed
// the trace's client records and must answer with the trace's server records.
//
// What comes from the trace, as the RFC's "inputs": the randoms, the ephemeral
// private keys, the RSA key of section 2 and the certificates, and the RSA-PSS
// salts (recovered from the trace's signatures with the public key, because
// PSS draws its salt at random). The trace also fixes the order of extensions
// and supplies the ones our engine does not implement (session_ticket,
// record_size_limit, the ffdhe groups...): see TraceShaper. Every extension our
// engine does write must equal the trace's, and everything else (suites,
// key_share values, Finished, CertificateVerify, encryption) is ours.
#include <doctest/doctest.h>

#include <mbedtls/bignum.h>

#include <deque>
#include <map>
#include <optional>

#include "core/hex.hpp"
#include "crypto/hash.hpp"
#include "handshake/connection.hpp"
#include "handshake/message.hpp"
#include "handshake/messages.hpp"
#include "handshake/tamper.hpp"
#include "rfc8448_vectors.hpp"
#include "x509/der.hpp"
#include "x509/certificate.hpp"
#include "teach/derived_secrets.hpp"
#include "x509/private_key.hpp"

using namespace glass;
using core::Bytes;
using core::ByteView;
using handshake::Config;
using handshake::Connection;
using handshake::ExtensionType;

namespace {

Bytes hx(std::string_view s) { return core::hex(s); }

// Section 2's RSA key as PKCS#1 RSAPrivateKey, parsed by our own key reader.
std::shared_ptr<const crypto::SigningKey> rsa_key() {
  x509::der::Writer w;
  w.sequence([&] {
    w.small_integer(0);
    for (auto v : {rfc8448::rsa_modulus, rfc8448::rsa_public_exponent, rfc8448::rsa_private_exponent,
                   rfc8448::rsa_prime1, rfc8448::rsa_prime2, rfc8448::rsa_exponent1,
                   rfc8448::rsa_exponent2, rfc8448::rsa_coefficient})
      w.unsigned_integer(hx(v));
  });
  auto key = x509::parse_pkcs1(w.take());
  INFO((key ? std::string() : key.error().to_string()));
  REQUIRE(key.ok());
  return std::make_shared<const crypto::SigningKey>(std::move(key).value());
}

Bytes first_cert(std::string_view certificate_message) {
  auto m = handshake::decode<handshake::Certificate>(ByteView(hx(certificate_message)));
  REQUIRE(m);
  REQUIRE(!m->certificate_list.empty());
  return m->certificate_list.front().cert_data;
}

// MGF1 (RFC 8017 B.2.1) with SHA-256.
Bytes mgf1_sha256(ByteView seed, std::size_t len) {
  Bytes out;
  for (std::uint32_t counter = 0; out.size() < len; ++counter) {
    Bytes block(seed.begin(), seed.end());
    for (int shift = 24; shift >= 0; shift -= 8) block.push_back(static_cast<std::uint8_t>(counter >> shift));
    auto h = crypto::hash(crypto::HashAlg::sha256, block);
    out.insert(out.end(), h.begin(), h.end());
  }
  out.resize(len);
  return out;
}

// The salt an RSASSA-PSS-SHA256 signature was made with (RFC 8017 9.1.2 run
// backwards): open the signature with the public key, unmask DB, take its tail.
Bytes pss_salt(std::string_view certificate_verify_message) {
  auto cv = handshake::decode<handshake::CertificateVerify>(ByteView(hx(certificate_verify_message)));
  REQUIRE(cv);
  mbedtls_mpi n, e, s, m;
  for (auto* x : {&n, &e, &s, &m}) mbedtls_mpi_init(x);
  Bytes nb = hx(rfc8448::rsa_modulus), eb = hx(rfc8448::rsa_public_exponent);
  REQUIRE(mbedtls_mpi_read_binary(&n, nb.data(), nb.size()) == 0);
  REQUIRE(mbedtls_mpi_read_binary(&e, eb.data(), eb.size()) == 0);
  REQUIRE(mbedtls_mpi_read_binary(&s, cv->signature.data(), cv->signature.size()) == 0);
  REQUIRE(mbedtls_mpi_exp_mod(&m, &s, &e, &n, nullptr) == 0);
  Bytes em(nb.size());  // emLen = 128 for a 1024-bit modulus (emBits 1023)
  REQUIRE(mbedtls_mpi_write_binary(&m, em.data(), em.size()) == 0);
  for (auto* x : {&n, &e, &s, &m}) mbedtls_mpi_free(x);
  REQUIRE(em.back() == 0xbc);
  const std::size_t h_len = 32, db_len = em.size() - h_len - 1;
  ByteView h(em.data() + db_len, h_len);
  Bytes db = mgf1_sha256(h, db_len);
  for (std::size_t i = 0; i < db_len; ++i) db[i] ^= em[i];
  db[0] &= 0x7f;
  std::size_t i = 0;
  while (i < db_len && db[i] == 0) ++i;
  REQUIRE(i < db_len);
  REQUIRE(db[i] == 0x01);
  Bytes salt(db.begin() + static_cast<std::ptrdiff_t>(i) + 1, db.end());
  CHECK(salt.size() == h_len);
  return salt;
}

// The trace's values first; after them, bytes whose value cannot show in the
// output (mbedTLS draws RSA blinding values after the PSS salt).
class TraceRng final : public crypto::Rng {
 public:
  explicit TraceRng(Bytes script) : script_(std::move(script)) {}
  void fill(core::MutByteView out) override {
    std::size_t n = std::min(out.size(), script_.size() - pos_);
    std::copy_n(script_.begin() + static_cast<std::ptrdiff_t>(pos_), n, out.begin());
    pos_ += n;
    if (n < out.size()) rest_.fill(out.subspan(n));
  }
  bool used_up() const { return pos_ == script_.size(); }

 private:
  Bytes script_;
  std::size_t pos_ = 0;
  crypto::SeededRng rest_{8448};
};

Bytes random_of(std::string_view hello_message) {
  Bytes b = hx(hello_message);
  return Bytes(b.begin() + 6, b.begin() + 38);
}

// Gives our messages the trace's extension layout (see the file comment). The
// reference messages are queued per type in the order the engine sends them.
class TraceShaper final : public handshake::Tamper {
 public:
  std::deque<Bytes> client_hellos, server_hellos, encrypted_extensions;
  // Extensions whose contents the trace dictates because they list algorithms we
  // do not implement (e.g. secp521r1, ffdhe2048, rsa_pkcs1_sha1).
  std::vector<ExtensionType> replace;
  std::vector<std::string> problems;  // extensions we wrote that the trace lacks

  void shape(handshake::ClientHello& m) override { relayout(m.extensions, next<handshake::ClientHello>(client_hellos).extensions); }
  void shape(handshake::ServerHello& m) override { relayout(m.extensions, next<handshake::ServerHello>(server_hellos).extensions); }
  // Section 6: the client's private key is not published, so the trace's
  // CertificateVerify signature stands in for ours (scheme checked, and the
  // signature checked against our transcript by the test).
  std::optional<handshake::CertificateVerify> certificate_verify;
  std::optional<crypto::SignatureScheme> our_cv_scheme;
  void shape(handshake::CertificateVerify& m) override {
    if (!certificate_verify) return;
    our_cv_scheme = m.algorithm;
    m.signature = certificate_verify->signature;
  }
  void shape(handshake::EncryptedExtensions& m) override {
    relayout(m.extensions, next<handshake::EncryptedExtensions>(encrypted_extensions).extensions);
  }

 private:
  template <class M>
  M next(std::deque<Bytes>& q) {
    REQUIRE_MESSAGE(!q.empty(), "the engine sent more messages of this type than the trace has");
    auto m = handshake::decode<M>(ByteView(q.front()));
    INFO((m ? std::string() : m.error().to_string()));
    REQUIRE(m.ok());
    q.pop_front();
    return std::move(m).value();
  }
  void relayout(handshake::Extensions& ours, const handshake::Extensions& trace) {
    for (const auto& e : ours.list())
      if (!trace.has(e.type)) problems.push_back("we sent " + handshake::name_of(e.type));
    handshake::Extensions out;
    for (const auto& e : trace.list()) {
      bool take_trace = !ours.has(e.type) ||
                        std::find(replace.begin(), replace.end(), e.type) != replace.end();
      out.raw_list().push_back(take_trace ? e : *ours.find(e.type));
    }
    ours = std::move(out);
  }
};

// Collects what a side puts on the wire, record by record, and its secrets.
struct Tap final : core::Observer {
  std::vector<Bytes> sent;
  std::map<std::string, Bytes, std::less<>> secrets;
  void on_record(core::Direction d, std::uint8_t, ByteView wire, std::uint8_t, ByteView) override {
    if (d == core::Direction::sent) sent.emplace_back(wire.begin(), wire.end());
  }
  void on_secret(core::Secret kind, ByteView v) override {
    secrets[std::string(core::secret_label(kind))] = Bytes(v.begin(), v.end());
  }
  // How each sent protected record was sealed: nonce, additional data, tag.
  struct Sealed {
    std::uint64_t seq;
    Bytes nonce, aad, tag;
  };
  std::vector<Sealed> sealed;
  bool wants_record_protection() const override { return true; }
  void on_record_protection(core::Direction d, const core::RecordProtectionInfo& i) override {
    if (d == core::Direction::sent)
      sealed.push_back({i.seq, Bytes(i.nonce.begin(), i.nonce.end()), Bytes(i.aad.begin(), i.aad.end()),
                        Bytes(i.tag.begin(), i.tag.end())});
  }
  Bytes take_sent() {
    Bytes all;
    for (auto& r : sent) all.insert(all.end(), r.begin(), r.end());
    sent.clear();
    return all;
  }
};

// First differing byte, for a readable failure.
std::string diff(ByteView got, ByteView want) {
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  if (i == got.size() && i == want.size()) return "identical";
  auto around = [&](ByteView b) {
    std::size_t from = i < 8 ? 0 : i - 8;
    return core::to_hex(b.subspan(from, std::min<std::size_t>(24, b.size() - std::min(from, b.size()))));
  };
  return "first difference at byte " + std::to_string(i) + " (sizes " + std::to_string(got.size()) + " vs " +
         std::to_string(want.size()) + ")\n  ours:  " + around(got) + "\n  trace: " + around(want);
}

#define CHECK_BYTES(got, want)                      \
  do {                                              \
    Bytes g_ = (got), w_ = (want);                  \
    INFO(diff(g_, w_));                             \
    CHECK(g_ == w_);                                \
  } while (0)

Bytes output(Connection& c, Tap& tap) {
  (void)c.take_output();
  return tap.take_sent();
}

void feed(Connection& c, std::string_view record_hex) {
  auto st = c.feed(hx(record_hex));
  INFO((c.error() ? c.error()->to_string() : std::string("ok")));
  REQUIRE(st);
}

// The trace's server certificate is valid from 2016-07-30 for ten years.
constexpr std::int64_t kTraceTime = 1500000000;  // 2017-07-14

Config client_config(crypto::Rng& rng, Tap& tap, TraceShaper& shaper, std::string_view server_cert_msg) {
  Config c;
  c.role = handshake::Role::client;
  c.min_version = c.max_version = handshake::ProtocolVersion::tls13;
  c.cipher_suites = {handshake::CipherSuite::TLS_AES_128_GCM_SHA256,
                     handshake::CipherSuite::TLS_CHACHA20_POLY1305_SHA256,
                     handshake::CipherSuite::TLS_AES_256_GCM_SHA384};
  c.server_name = "server";
  c.middlebox_compat = false;
  // The trace's certificates name no host (CN=rsa, no subjectAltName), so the
  // chain is not validated; the server's CertificateVerify is still checked.
  c.verify_peer = false;
  c.trust_anchors = {first_cert(server_cert_msg)};
  c.rng = &rng;
  c.now = [] { return kTraceTime; };
  c.observer = &tap;
  c.tamper = &shaper;
  shaper.replace = {ExtensionType::supported_groups, ExtensionType::signature_algorithms};
  // The trace predates the ML-KEM hybrids: one x25519 share.
  c.groups = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp256r1,
              crypto::NamedGroup::secp384r1};
  return c;
}

Config server_config(crypto::Rng& rng, Tap& tap, TraceShaper& shaper) {
  Config c;
  c.role = handshake::Role::server;
  c.min_version = c.max_version = handshake::ProtocolVersion::tls13;
  c.cipher_suites = Config::default_cipher_suites(true);  // the trace's AES-128-GCM on any CPU
  handshake::Identity id;
  id.chain = {first_cert(rfc8448::s3::certificate)};
  id.key = rsa_key();
  id.label = "RFC 8448 server";
  c.identities = {id};
  c.rng = &rng;
  c.now = [] { return kTraceTime; };
  c.observer = &tap;
  c.tamper = &shaper;
  shaper.replace = {ExtensionType::supported_groups};
  return c;
}

void check_secret(const Tap& tap, const char* label, std::string_view want) {
  auto it = tap.secrets.find(label);
  INFO(label);
  REQUIRE(it != tap.secrets.end());
  CHECK(core::to_hex(it->second) == core::to_hex(hx(want)));
}

}  // namespace

TEST_CASE("handshake: RFC 8448 section 3 replayed by our client, byte for byte") {
  using namespace rfc8448::s3;
  TraceRng rng(random_of(client_hello));
  Tap tap;
  TraceShaper shaper;
  shaper.client_hellos = {hx(client_hello)};
  Config c = client_config(rng, tap, shaper, certificate);
  // The engine derives no exporter secret; the teach layer does, from what it reports.
  teach::DerivedSecrets derived(tap);
  c.observer = &derived;
  c.fixed_ephemeral_keys = {{crypto::NamedGroup::x25519, hx(client_x25519_private)}};
  Connection client(c);
  REQUIRE(client.start());
  CHECK_BYTES(output(client, tap), hx(client_hello_record));
  feed(client, server_hello_record);
  feed(client, server_flight_record);
  CHECK(client.is_handshake_done());
  CHECK(rng.used_up());
  CHECK_BYTES(output(client, tap), hx(client_finished_record));
  CHECK_MESSAGE(shaper.problems.empty(), (shaper.problems.empty() ? std::string() : shaper.problems.front()));
  check_secret(tap, "handshake_secret", handshake_secret);
  check_secret(tap, "client_handshake_traffic_secret", client_handshake_traffic_secret);
  check_secret(tap, "server_handshake_traffic_secret", server_handshake_traffic_secret);
  check_secret(tap, "master_secret", master_secret);
  check_secret(tap, "client_application_traffic_secret_0", client_application_traffic_secret_0);
  check_secret(tap, "server_application_traffic_secret_0", server_application_traffic_secret_0);
  check_secret(tap, "exporter_master_secret", exporter_master_secret);
  check_secret(tap, "resumption_master_secret", resumption_master_secret);
  // The record keys and IVs are reported under their traffic secret's label.
  check_secret(tap, "client_handshake_traffic_secret key", client_handshake_key);
  check_secret(tap, "client_handshake_traffic_secret iv", client_handshake_iv);
  check_secret(tap, "server_handshake_traffic_secret key", server_handshake_key);
  check_secret(tap, "server_handshake_traffic_secret iv", server_handshake_iv);
  check_secret(tap, "client_application_traffic_secret_0 key", client_application_key);
  check_secret(tap, "client_application_traffic_secret_0 iv", client_application_iv);
  check_secret(tap, "server_application_traffic_secret_0 key", server_application_key);
  check_secret(tap, "server_application_traffic_secret_0 iv", server_application_iv);
  // The client's Finished record: sequence number 0 under the client handshake key, so
  // nonce = iv; the additional data is the record header; the tag ends the record.
  REQUIRE(tap.sealed.size() == 1);
  const Bytes fin = hx(client_finished_record);
  CHECK(tap.sealed[0].seq == 0);
  CHECK(core::to_hex(tap.sealed[0].nonce) == core::to_hex(hx(client_handshake_iv)));
  CHECK(tap.sealed[0].aad == Bytes(fin.begin(), fin.begin() + 5));
  CHECK(tap.sealed[0].tag == Bytes(fin.end() - 16, fin.end()));
}

TEST_CASE("handshake: RFC 8448 section 3 replayed by our server, byte for byte") {
  using namespace rfc8448::s3;
  Bytes seed = random_of(server_hello);
  Bytes salt = pss_salt(certificate_verify);
  seed.insert(seed.end(), salt.begin(), salt.end());
  TraceRng rng(seed);
  Tap tap;
  TraceShaper shaper;
  shaper.server_hellos = {hx(server_hello)};
  shaper.encrypted_extensions = {hx(encrypted_extensions)};
  Config c = server_config(rng, tap, shaper);
  c.fixed_ephemeral_keys = {{crypto::NamedGroup::x25519, hx(server_x25519_private)}};
  Connection server(c);
  REQUIRE(server.start());
  feed(server, client_hello_record);
  Bytes want = hx(server_hello_record);
  Bytes flight = hx(server_flight_record);
  want.insert(want.end(), flight.begin(), flight.end());
  CHECK_BYTES(output(server, tap), want);
  feed(server, client_finished_record);
  CHECK(server.is_handshake_done());
  CHECK(rng.used_up());
  CHECK_MESSAGE(shaper.problems.empty(), (shaper.problems.empty() ? std::string() : shaper.problems.front()));
  check_secret(tap, "master_secret", master_secret);
  check_secret(tap, "resumption_master_secret", resumption_master_secret);
}

TEST_CASE("handshake: RFC 8448 section 5 (HelloRetryRequest) replayed by our client, byte for byte") {
  using namespace rfc8448::s5;
  TraceRng rng(random_of(client_hello1));
  Tap tap;
  TraceShaper shaper;
  shaper.client_hellos = {hx(client_hello1), hx(client_hello2)};
  Config c = client_config(rng, tap, shaper, certificate);
  c.fixed_ephemeral_keys = {{crypto::NamedGroup::x25519, hx(client_x25519_private)},
                            {crypto::NamedGroup::secp256r1, hx(client_p256_private)}};
  Connection client(c);
  REQUIRE(client.start());
  CHECK_BYTES(output(client, tap), hx(client_hello1_record));
  feed(client, hello_retry_request_record);
  CHECK_BYTES(output(client, tap), hx(client_hello2_record));
  feed(client, server_hello_record);
  feed(client, server_flight_record);
  CHECK(client.is_handshake_done());
  CHECK(client.info().hello_retry_request);
  CHECK(rng.used_up());
  CHECK_BYTES(output(client, tap), hx(client_finished_record));
  CHECK_MESSAGE(shaper.problems.empty(), (shaper.problems.empty() ? std::string() : shaper.problems.front()));
  check_secret(tap, "handshake_secret", handshake_secret);
  check_secret(tap, "master_secret", master_secret);
  check_secret(tap, "resumption_master_secret", resumption_master_secret);
}

TEST_CASE("handshake: RFC 8448 section 5 (HelloRetryRequest) replayed by our server, byte for byte") {
  using namespace rfc8448::s5;
  Bytes seed = random_of(server_hello);
  Bytes salt = pss_salt(certificate_verify);
  seed.insert(seed.end(), salt.begin(), salt.end());
  TraceRng rng(seed);
  Tap tap;
  TraceShaper shaper;
  // The trace's HelloRetryRequest carries a cookie (opaque server state); ours
  // makes none, so that extension comes from the trace.
  shaper.server_hellos = {hx(hello_retry_request), hx(server_hello)};
  shaper.encrypted_extensions = {hx(encrypted_extensions)};
  Config c = server_config(rng, tap, shaper);
  c.groups = {crypto::NamedGroup::secp256r1};  // the trace's server prefers P-256
  c.fixed_ephemeral_keys = {{crypto::NamedGroup::secp256r1, hx(server_p256_private)}};
  Connection server(c);
  REQUIRE(server.start());
  feed(server, client_hello1_record);
  CHECK_BYTES(output(server, tap), hx(hello_retry_request_record));
  feed(server, client_hello2_record);
  Bytes want = hx(server_hello_record);
  Bytes flight = hx(server_flight_record);
  want.insert(want.end(), flight.begin(), flight.end());
  CHECK_BYTES(output(server, tap), want);
  feed(server, client_finished_record);
  CHECK(server.is_handshake_done());
  CHECK(rng.used_up());
  CHECK_MESSAGE(shaper.problems.empty(), (shaper.problems.empty() ? std::string() : shaper.problems.front()));
  check_secret(tap, "master_secret", master_secret);
}

// Section 6 publishes neither private key (the server's ECDSA key, the client's
// RSA key), so only our client replays it, and the trace's CertificateVerify
// signature is put in place of ours: the test checks our scheme is the trace's
// and that the trace's signature verifies over the content our transcript gives.
TEST_CASE("handshake: RFC 8448 section 6 (client authentication) replayed by our client, byte for byte") {
  using namespace rfc8448::s6;
  TraceRng rng(random_of(client_hello));
  Tap tap;
  TraceShaper shaper;
  shaper.client_hellos = {hx(client_hello)};
  auto trace_cv = handshake::decode<handshake::CertificateVerify>(ByteView(hx(client_certificate_verify)));
  REQUIRE(trace_cv.ok());
  shaper.certificate_verify = *trace_cv;
  Config c = client_config(rng, tap, shaper, server_certificate);
  handshake::Identity id;
  id.chain = {first_cert(client_certificate)};
  id.key = rsa_key();  // signs a value that is then replaced (see above)
  id.label = "RFC 8448 client";
  c.identities = {id};
  c.offer_post_handshake_auth = false;  // the trace's client does not offer it
  c.fixed_ephemeral_keys = {{crypto::NamedGroup::x25519, hx(client_x25519_private)}};
  Connection client(c);
  REQUIRE(client.start());
  CHECK_BYTES(output(client, tap), hx(client_hello_record));
  feed(client, server_hello_record);
  feed(client, server_flight_record);
  CHECK(client.is_handshake_done());
  CHECK(client.info().client_cert_sent);
  CHECK_BYTES(output(client, tap), hx(client_flight_record));
  CHECK_MESSAGE(shaper.problems.empty(), (shaper.problems.empty() ? std::string() : shaper.problems.front()));
  REQUIRE(shaper.our_cv_scheme);
  CHECK(*shaper.our_cv_scheme == trace_cv->algorithm);
  auto cert = x509::Certificate::parse(id.chain.front());
  REQUIRE(cert.ok());
  auto pk = cert->public_key();
  REQUIRE(pk.ok());
  auto content = tap.secrets.find("CertificateVerify signed content");
  REQUIRE(content != tap.secrets.end());
  CHECK(pk->key->verify(trace_cv->algorithm, content->second, trace_cv->signature).ok());
  check_secret(tap, "resumption_master_secret", resumption_master_secret);
}
