// Differential fuzzing of AES-GCM: our AES-NI + PCLMULQDQ code against mbedTLS
// (and libsodium for AES-256-GCM). Input: 1 byte of flags (bit 0: AES-256, bit 1:
// also treat the rest as a forged record), 1 byte AAD length, then key, nonce, AAD
// and plaintext taken in that order from what follows (short inputs are padded
// with zeros). Properties: identical ciphertext and tag, open inverts seal in
// place; with bit 1, the plaintext bytes opened as a record are accepted or
// refused by all backends alike, and our sealed record with one bit flipped
// (position and bit from the flags) is refused by all, output zeroed; the
// plaintext sealed in two pieces (split point from the flags) gives the same bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/bytes.hpp"
#include "crypto/aead.hpp"

using namespace glass;
using namespace glass::crypto;

namespace {

[[noreturn]] void differ(const char* what) {
  std::fprintf(stderr, "aead_differential: %s\n", what);
  std::abort();
}

std::vector<Aead> backends(AeadAlg alg, core::ByteView key) {
  std::vector<Aead> out;
  for (auto b : {AeadBackend::glasstls, AeadBackend::mbedtls, AeadBackend::libsodium}) {
    auto a = Aead::create(alg, key, b);
    if (a) out.push_back(std::move(*a));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t flags = data[0];
  const std::size_t aad_len = data[1];
  data += 2;
  size -= 2;
  const AeadAlg alg = (flags & 1) ? AeadAlg::aes256_gcm : AeadAlg::aes128_gcm;
  std::uint8_t head[32 + 12] = {};
  const std::size_t head_len = aead_key_size(alg) + aead_nonce_size;
  std::memcpy(head, data, size < head_len ? size : head_len);
  const std::size_t used = size < head_len ? size : head_len;
  data += used;
  size -= used;
  const core::ByteView key(head, aead_key_size(alg));
  const core::ByteView nonce(head + aead_key_size(alg), aead_nonce_size);
  const std::size_t a = aad_len < size ? aad_len : size;
  const core::ByteView aad(data, a);
  const core::ByteView pt(data + a, size - a);

  auto impls = backends(alg, key);
  if (impls.empty()) differ("no AES-GCM backend");
  const core::Bytes want = impls.front().seal(nonce, aad, pt);
  for (const auto& impl : impls) {
    core::Bytes buf(pt.size() + aead_tag_size);
    std::memcpy(buf.data(), pt.data(), pt.size());
    impl.seal_into(nonce, aad, core::ByteView(buf).first(pt.size()), buf.data());
    if (buf != want) differ("ciphertext or tag differs between backends");
    if (!impl.open_into(nonce, aad, buf, buf.data()).ok()) differ("open refused our seal");
    if (!core::equal(core::ByteView(buf).first(pt.size()), pt)) differ("open did not invert seal");
    // Two-piece seal (record content ‖ type + padding): split where the flags say,
    // tail already in place as the record layer leaves it.
    const std::size_t cut = pt.empty() ? 0 : (static_cast<std::size_t>(flags) * 97) % (pt.size() + 1);
    core::Bytes two(pt.size() + aead_tag_size);
    std::memcpy(two.data() + cut, pt.data() + cut, pt.size() - cut);
    impl.seal_into(nonce, aad, pt.first(cut), core::ByteView(two).subspan(cut, pt.size() - cut),
                   two.data());
    if (two != want) differ("two-piece seal differs from the one-piece seal");
  }
  if ((flags & 2) && pt.size() >= aead_tag_size) {
    int accepted = -1;
    for (const auto& impl : impls) {
      core::Bytes buf(pt.begin(), pt.end());
      const bool ok = impl.open_into(nonce, aad, buf, buf.data()).ok();
      if (accepted != -1 && accepted != static_cast<int>(ok)) differ("backends disagree on a forgery");
      accepted = ok;
      // A record our seal made with one bit flipped must be refused by everyone.
      core::Bytes forged = want;
      forged[(static_cast<std::size_t>(flags >> 2) * 131 + pt.size()) % forged.size()] ^=
          static_cast<std::uint8_t>(1u << (flags >> 5));
      if (impl.open_into(nonce, aad, forged, forged.data()).ok()) differ("forged record accepted");
      for (std::size_t i = 0; i < pt.size(); ++i)
        if (forged[i] != 0) differ("refused forgery left plaintext behind");
      if (!ok) {
        for (std::size_t i = 0; i < pt.size() - aead_tag_size; ++i)
          if (buf[i] != 0) differ("refused record left plaintext behind");
      }
    }
  }
  return 0;
}
