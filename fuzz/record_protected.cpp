// Fuzz protected records with fixed keys. Byte 0 picks the suite, the input
// form and the chunk size:
//   bits 0-1  0: TLS 1.3 AES-128-GCM (RFC 8448 server handshake key/iv)
//             1: TLS 1.3 ChaCha20-Poly1305   2: TLS 1.2 AES-128-GCM
//             3: TLS 1.2 ChaCha20-Poly1305   (1.2 keys: server side of the
//                OpenSSL sessions in tests/data/record/tls12_openssl.txt)
//   bit 2     0: the rest is raw wire bytes (ciphertext records);
//             1: the rest is a list of [type, padding, len(2), content] that the
//                harness seals first, so the fuzzer reaches the code behind the
//                AEAD (inner type, padding, zero-length and CCS rules)
//   bits 3-5  chunk size of the feed
//   bit 6     flip one byte of the sealed stream (position from the next byte)
#include <cstddef>
#include <cstdint>
#include <memory>
#include <variant>

#include "core/hex.hpp"
#include "record/alert.hpp"
#include "record/handshake_assembler.hpp"
#include "record/protection12.hpp"
#include "record/protection13.hpp"
#include "record/reader.hpp"

using namespace glass;
using namespace glass::record;
using crypto::AeadAlg;

namespace {

std::unique_ptr<RecordProtection> make(unsigned suite) {
  switch (suite) {
    case 0: {
      auto p = Protection13::create(AeadAlg::aes128_gcm, core::hex("3fce516009c21727d0f2e4e86ee403bc"),
                                    core::hex("5d313eb2671276ee13000b30"));
      return p ? std::move(*p) : nullptr;
    }
    case 1: {
      auto p = Protection13::create(AeadAlg::chacha20_poly1305, core::Bytes(32, 0x13),
                                    core::Bytes(12, 0x31));
      return p ? std::move(*p) : nullptr;
    }
    case 2: {
      auto p = Protection12::create(AeadAlg::aes128_gcm, core::hex("3f262f1264cd0141f3ba56974a33fa7a"),
                                    core::hex("ff9bf79f"));
      return p ? std::move(*p) : nullptr;
    }
    default: {
      auto p = Protection12::create(
          AeadAlg::chacha20_poly1305,
          core::hex("1681668095d2fb0f3dcca02a1019c7b170a89cd01aeac92666ed1ea14e80d939"),
          core::hex("246791796ba70d43df189e8f"));
      return p ? std::move(*p) : nullptr;
    }
  }
}

// Builds a stream of sealed records from [type, padding, len_hi, len_lo, content...].
core::Bytes seal_all(RecordProtection& p, core::ByteView in) {
  core::Bytes out;
  std::size_t i = 0;
  while (i + 4 <= in.size()) {
    const std::uint8_t type = in[i];
    const std::size_t pad = p.version() == Version::tls13 ? in[i + 1] : 0;
    std::size_t len = (std::size_t{in[i + 2]} << 8) | in[i + 3];
    i += 4;
    if (len > in.size() - i) len = in.size() - i;
    auto rec = p.seal(type, wire_tls12, in.subspan(i, len), pad);
    i += len;
    if (rec) core::append(out, *rec);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t mode = data[0];
  const unsigned suite = mode & 3;
  core::ByteView in(data + 1, size - 1);
  core::Bytes sealed;
  if (mode & 4) {
    auto sender = make(suite);
    if (!sender) return 0;
    std::size_t flip_at = 0;
    if (mode & 0x40) {
      if (in.empty()) return 0;
      flip_at = in[0];
      in = in.subspan(1);
    }
    sealed = seal_all(*sender, in);
    if ((mode & 0x40) && !sealed.empty()) sealed[flip_at % sealed.size()] ^= 0x01;
    in = sealed;
  }

  RecordReader r;
  r.set_version(suite < 2 ? Version::tls13 : Version::tls12);
  r.set_protection(make(suite));
  if (!r.protection()) return 0;
  HandshakeAssembler hs;
  static const std::size_t chunks[] = {1, 2, 5, 17, 100, 4096, 1 << 20, 3};
  const std::size_t chunk = chunks[(mode >> 3) & 7];
  for (std::size_t off = 0; off < in.size();) {
    const std::size_t n = chunk < in.size() - off ? chunk : in.size() - off;
    r.feed(in.subspan(off, n));
    off += n;
    for (;;) {
      auto ev = r.next();
      if (!ev) return 0;
      if (std::holds_alternative<NeedMore>(*ev)) break;
      auto& rec = std::get<Record>(*ev);
      if (rec.type == ContentType::handshake) {
        if (!hs.add(rec.fragment)) return 0;
        for (;;) {
          auto m = hs.next();
          if (!m || !*m) break;
        }
      } else if (rec.type == ContentType::alert) {
        auto a = parse_alert(rec.fragment, r.version());
        if (a) (void)classify_alert(*a, r.version());
      }
    }
  }
  return 0;
}
