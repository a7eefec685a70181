// Fuzzes the strict DER ECDSA-Sig-Value decoder (crypto/ecdsa_der.cpp) and the
// ECDSA verify path behind it. Properties checked besides "no crash, no OOB read":
// anything the decoder accepts re-encodes to exactly the input (DER is canonical),
// and anything the encoder produces from non-zero r, s decodes back to them.
#include <cstdint>
#include <cstdlib>

#include "core/bytes.hpp"
#include "crypto/ecdsa_der.hpp"
#include "crypto/signature.hpp"

using namespace glass;

namespace {
core::Bytes strip(core::ByteView v) {
  std::size_t z = 0;
  while (z < v.size() && v[z] == 0) ++z;
  return core::Bytes(v.begin() + static_cast<std::ptrdiff_t>(z), v.end());
}

// RFC 6979 A.2.5 public key: a fixed P-256 key to run verification against.
const crypto::VerifyingKey& p256_key() {
  static const crypto::VerifyingKey key = *crypto::VerifyingKey::ecdsa(
      crypto::NamedGroup::secp256r1,
      core::Bytes{0x04, 0x60, 0xfe, 0xd4, 0xba, 0x25, 0x5a, 0x9d, 0x31, 0xc9, 0x61, 0xeb, 0x74,
                  0xc6, 0x35, 0x6d, 0x68, 0xc0, 0x49, 0xb8, 0x92, 0x3b, 0x61, 0xfa, 0x6c, 0xe6,
                  0x69, 0x62, 0x2e, 0x60, 0xf2, 0x9f, 0xb6, 0x79, 0x03, 0xfe, 0x10, 0x08, 0xb8,
                  0xbc, 0x99, 0xa4, 0x1a, 0xe9, 0xe9, 0x56, 0x28, 0xbc, 0x64, 0xf2, 0xf1, 0xb2,
                  0x0c, 0x2d, 0x7e, 0x9f, 0x51, 0x77, 0xa3, 0xc2, 0x94, 0xd4, 0x46, 0x22, 0x99});
  return key;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  core::ByteView in(data, size);
  auto decoded = crypto::ecdsa_sig_decode(in);
  if (decoded) {
    core::Bytes again = crypto::ecdsa_sig_encode(decoded->r, decoded->s);
    if (!core::equal(again, in)) std::abort();
    // Well-formed signatures go on to range checks and verification.
    auto v = p256_key().verify(crypto::SignatureScheme::ecdsa_secp256r1_sha256,
                               core::as_bytes("sample"), in);
    if (!v && v.error().alert != core::Alert::decrypt_error) std::abort();
  }

  // Encoder round trip with the input split into r and s.
  core::ByteView r = in.first(size / 2), s = in.subspan(size / 2);
  core::Bytes rs = strip(r), ss = strip(s);
  auto back = crypto::ecdsa_sig_decode(crypto::ecdsa_sig_encode(r, s));
  bool encodable = !rs.empty() && !ss.empty() && size < 60000;
  if (encodable) {
    if (!back || back->r != rs || back->s != ss) std::abort();
  } else if (back && size < 60000) {
    std::abort();  // a zero r or s must never decode
  }
  return 0;
}
