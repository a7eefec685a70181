// TLS 1.2 AEAD records from a real peer: OpenSSL sessions captured by
// make_tls12_vectors.py (key log + wire bytes). We derive the key block from
// the master secret and must decrypt every record to the known content, then
// encrypt it back to the same bytes. One test reads the committed vector file,
// another captures a fresh session from the installed openssl.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "helpers.hpp"
#include "record/alert.hpp"
#include "record/traffic_keys.hpp"
#include "crypto/kdf.hpp"
#include "record/writer.hpp"

using namespace glass;
using namespace glass::record;
using crypto::AeadAlg;
using crypto::HashAlg;
using rtest::hex;

namespace {

const std::string kLine = "glasstls record layer test line\n";

struct Session {
  std::string suite;
  Bytes client_random, server_random, master;
  std::map<std::string, std::vector<Bytes>> records;  // "client"/"server" -> in order
};

std::vector<Session> load(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::vector<Session> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string key;
    ls >> key;
    if (key == "suite") {
      out.emplace_back();
      ls >> out.back().suite;
      continue;
    }
    REQUIRE(!out.empty());
    auto& s = out.back();
    std::string v;
    if (key == "record") {
      std::string side;
      std::size_t seq = 0;
      ls >> side >> seq >> v;
      REQUIRE(seq == s.records[side].size());
      s.records[side].push_back(hex(v));
    } else {
      ls >> v;
      if (key == "client_random") s.client_random = hex(v);
      else if (key == "server_random") s.server_random = hex(v);
      else if (key == "master_secret") s.master = hex(v);
      else FAIL("unknown line: " << line);
    }
  }
  return out;
}

void check_session(const Session& s) {
  INFO("suite " << s.suite);
  HashAlg prf = s.suite.find("SHA384") != std::string::npos ? HashAlg::sha384 : HashAlg::sha256;
  AeadAlg alg = s.suite.find("CHACHA20") != std::string::npos ? AeadAlg::chacha20_poly1305
                : s.suite.find("AES256") != std::string::npos ? AeadAlg::aes256_gcm
                                                              : AeadAlg::aes128_gcm;
  REQUIRE(s.master.size() == 48);
  auto kb = derive_key_block12(prf, alg, s.master, s.client_random, s.server_random);
  std::string reversed(kLine.begin(), kLine.end() - 1);
  std::reverse(reversed.begin(), reversed.end());
  reversed += "\n";

  for (const char* side : {"client", "server"}) {
    INFO("side " << side);
    const auto& keys = std::string(side) == "client" ? kb.client_write : kb.server_write;
    const auto& recs = s.records.at(side);
    REQUIRE(recs.size() >= 2);

    RecordReader r;
    r.set_version(Version::tls12);
    r.set_protection(rtest::p12(alg, keys.key, keys.iv));
    for (const auto& rec : recs) r.feed(rec);
    auto got = rtest::drain(r);
    REQUIRE(got.size() == recs.size());
    // Finished: 14 00 00 0c + 12 bytes of verify_data.
    CHECK(got[0].type == ContentType::handshake);
    REQUIRE(got[0].fragment.size() == 16);
    CHECK(core::to_hex(ByteView(got[0].fragment).first(4)) == "1400000c");
    CHECK(got[1].type == ContentType::application_data);
    CHECK(core::as_chars(got[1].fragment) ==
          (std::string(side) == "client" ? kLine : reversed));
    if (got.size() > 2) {
      CHECK(got[2].type == ContentType::alert);
      CHECK(core::to_hex(got[2].fragment) == "0100");  // warning close_notify
    }

    // Encrypt back to the captured bytes (GCM: with the peer's explicit nonces).
    auto p = rtest::p12(alg, keys.key, keys.iv);
    for (std::size_t i = 0; i < recs.size(); ++i) {
      core::Result<Bytes> again =
          p->has_explicit_nonce()
              ? p->seal_with_explicit_nonce(got[i].outer_type, wire_tls12, got[i].fragment,
                                            ByteView(recs[i]).subspan(5, 8))
              : p->seal(got[i].outer_type, wire_tls12, got[i].fragment);
      REQUIRE(again.ok());
      CHECK(core::to_hex(*again) == core::to_hex(recs[i]));
    }
    CHECK(p->sequence() == recs.size());
  }
}

}  // namespace

TEST_CASE("record: TLS 1.2 GCM and ChaCha20 records from an OpenSSL session (stored vectors)") {
  auto sessions = load(std::string(GLASS_SOURCE_DIR) + "/tests/data/record/tls12_openssl.txt");
  REQUIRE(sessions.size() == 3);
  for (const auto& s : sessions) check_session(s);
}

TEST_CASE("record: TLS 1.2 GCM and ChaCha20 records from a live openssl s_server session") {
  const std::string out = std::string(GLASS_BINARY_DIR) + "/record_tls12_live_vectors.txt";
  std::remove(out.c_str());
  const std::string cmd = "python3 '" + std::string(GLASS_SOURCE_DIR) +
                          "/tests/record/make_tls12_vectors.py' '" + out + "'";
  REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "vector capture failed: " << cmd);
  auto sessions = load(out);
  REQUIRE(sessions.size() == 3);
  for (const auto& s : sessions) check_session(s);
}

TEST_CASE("record: TLS 1.2 key block splits into keys and fixed ivs") {
  // Sizes per RFC 5246 6.3 with AEAD suites: no MAC keys.
  auto gcm = derive_key_block12(HashAlg::sha256, AeadAlg::aes128_gcm, Bytes(48, 1), Bytes(32, 2),
                                Bytes(32, 3));
  CHECK(gcm.client_write.key.size() == 16);
  CHECK(gcm.client_write.iv.size() == 4);
  auto cc = derive_key_block12(HashAlg::sha256, AeadAlg::chacha20_poly1305, Bytes(48, 1),
                               Bytes(32, 2), Bytes(32, 3));
  CHECK(cc.server_write.key.size() == 32);
  CHECK(cc.server_write.iv.size() == 12);
  // The block is client key ‖ server key ‖ client iv ‖ server iv.
  Bytes block = crypto::tls12_prf(HashAlg::sha256, Bytes(48, 1), "key expansion",
                                  core::concat({Bytes(32, 3), Bytes(32, 2)}), 40);
  CHECK(core::to_hex(gcm.client_write.key) == core::to_hex(ByteView(block).first(16)));
  CHECK(core::to_hex(gcm.server_write.key) == core::to_hex(ByteView(block).subspan(16, 16)));
  CHECK(core::to_hex(gcm.client_write.iv) == core::to_hex(ByteView(block).subspan(32, 4)));
  CHECK(core::to_hex(gcm.server_write.iv) == core::to_hex(ByteView(block).subspan(36, 4)));
}
