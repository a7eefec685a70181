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

// What on_record_protection reported for each record read, copied.
struct ProtectionLog : core::Observer {
  struct Info {
    std::uint64_t seq;
    Bytes iv, explicit_nonce, nonce, aad, inner, ciphertext, tag;
  };
  std::vector<Info> infos;
  bool want = true;
  bool wants_record_protection() const override { return want; }
  void on_record_protection(core::Direction, const core::RecordProtectionInfo& i) override {
    auto b = [](ByteView v) { return Bytes(v.begin(), v.end()); };
    infos.push_back({i.seq, b(i.write_iv), b(i.explicit_nonce), b(i.nonce), b(i.aad),
                     b(i.inner_plaintext), b(i.ciphertext), b(i.tag)});
  }
};

// The reported nonce and additional data follow RFC 5288 (AES-GCM: salt || the
// explicit nonce the peer sent) / RFC 7905 (ChaCha20: iv XOR seq) and RFC 5246
// 6.2.3.3 (seq || type || version || length); ciphertext and tag are the record's.
void check_protection(const ProtectionLog& log, const std::vector<Bytes>& recs,
                      const std::vector<Record>& got, ByteView iv, bool gcm) {
  REQUIRE(log.infos.size() == recs.size());
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const auto& p = log.infos[i];
    const Bytes& w = recs[i];
    Bytes seq(8);
    for (std::size_t k = 0; k < 8; ++k) seq[7 - k] = static_cast<std::uint8_t>(i >> (8 * k));
    CHECK(p.seq == i);
    CHECK(p.iv == Bytes(iv.begin(), iv.end()));
    Bytes nonce = gcm ? core::concat({iv, ByteView(w).subspan(5, 8)})
                      : core::concat({ByteView(iv).first(4), ByteView(iv).subspan(4)});
    if (!gcm)
      for (std::size_t k = 0; k < 8; ++k) nonce[4 + k] ^= seq[k];
    CHECK(core::to_hex(p.nonce) == core::to_hex(nonce));
    CHECK(core::to_hex(p.explicit_nonce) == (gcm ? core::to_hex(ByteView(w).subspan(5, 8)) : ""));
    const std::size_t len = got[i].fragment.size();
    Bytes aad = core::concat({seq, ByteView(w).first(3),
                              Bytes{static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len)}});
    CHECK(core::to_hex(p.aad) == core::to_hex(aad));
    CHECK(p.inner == got[i].fragment);
    CHECK(core::to_hex(core::concat({p.ciphertext, p.tag})) ==
          core::to_hex(ByteView(w).subspan(gcm ? 13 : 5)));
    CHECK(p.tag.size() == 16);
  }
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

    ProtectionLog log;
    RecordReader r(&log);
    r.set_version(Version::tls12);
    r.set_protection(rtest::p12(alg, keys.key, keys.iv));
    for (const auto& rec : recs) r.feed(rec);
    auto got = rtest::drain(r);
    REQUIRE(got.size() == recs.size());
    check_protection(log, recs, got, keys.iv, alg != AeadAlg::chacha20_poly1305);
    // An observer that does not ask for them gets no protection details.
    ProtectionLog quiet;
    quiet.want = false;
    RecordReader r2(&quiet);
    r2.set_version(Version::tls12);
    r2.set_protection(rtest::p12(alg, keys.key, keys.iv));
    for (const auto& rec : recs) r2.feed(rec);
    CHECK(rtest::drain(r2).size() == recs.size());
    CHECK(quiet.infos.empty());
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
