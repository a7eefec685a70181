// The seed corpora of fuzz/record_* are only useful if they reach deep code:
// check that the real-record seeds still decrypt under the harness's fixed keys
// (a regenerated vector file without a regenerated corpus would break this).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "helpers.hpp"

using namespace glass;
using namespace glass::record;
using crypto::AeadAlg;
using rtest::hex;

namespace {

Bytes seed(const std::string& name) {
  std::ifstream in(std::string(GLASS_SOURCE_DIR) + "/fuzz/corpus/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing seed " << name);
  return Bytes((std::istreambuf_iterator<char>(in)), {});
}

std::size_t decrypted_records(std::unique_ptr<RecordProtection> p, Version v, const Bytes& s) {
  RecordReader r;
  r.set_version(v);
  r.set_protection(std::move(p));
  r.feed(ByteView(s).subspan(1));  // byte 0 is the harness mode
  auto recs = rtest::drain(r);
  CHECK(r.buffered() == 0);
  return recs.size();
}

}  // namespace

TEST_CASE("record: fuzz seed corpora hold records that decrypt under the harness keys") {
  CHECK(decrypted_records(rtest::p13(AeadAlg::aes128_gcm, hex("3fce516009c21727d0f2e4e86ee403bc"),
                                     hex("5d313eb2671276ee13000b30")),
                          Version::tls13, seed("record_protected/rfc8448_server_flight")) == 1);
  CHECK(decrypted_records(rtest::p12(AeadAlg::aes128_gcm, hex("3f262f1264cd0141f3ba56974a33fa7a"),
                                     hex("ff9bf79f")),
                          Version::tls12, seed("record_protected/openssl_tls12_gcm_server")) == 3);
  CHECK(decrypted_records(
            rtest::p12(AeadAlg::chacha20_poly1305,
                       hex("1681668095d2fb0f3dcca02a1019c7b170a89cd01aeac92666ed1ea14e80d939"),
                       hex("246791796ba70d43df189e8f")),
            Version::tls12, seed("record_protected/openssl_tls12_chacha_server")) == 3);
  std::size_t plain = 0, prot = 0;
  for (auto& e : std::filesystem::directory_iterator(std::string(GLASS_SOURCE_DIR) +
                                                     "/fuzz/corpus/record_plaintext"))
    plain += e.is_regular_file();
  for (auto& e : std::filesystem::directory_iterator(std::string(GLASS_SOURCE_DIR) +
                                                     "/fuzz/corpus/record_protected"))
    prot += e.is_regular_file();
  CHECK(plain >= 5);
  CHECK(prot >= 5);
}
