#include "crypto/aead.hpp"

#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "crypto/aes_gcm_ni.hpp"
#include "crypto/cpu.hpp"

namespace glass::crypto {

namespace {

// Empty spans may carry a null pointer; the libraries accept null only in some
// argument positions, so hand them a valid address for zero-length input.
const std::uint8_t kEmpty[1] = {0};
inline const std::uint8_t* ptr(ByteView v) { return v.empty() ? kEmpty : v.data(); }

[[noreturn]] void bad_nonce(std::size_t n) {
  std::fprintf(stderr, "glasstls: AEAD nonce must be 12 bytes, got %zu\n", n);
  std::abort();
}

core::Error tag_mismatch(AeadAlg a) {
  return core::make_error(core::Alert::bad_record_mac,
                          std::string(aead_name(a)) +
                              " authentication tag did not verify (wrong key, nonce, "
                              "additional data, or tampered record)");
}

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;  // idempotent; also probes CPU features
  if (!ok) {
    std::fprintf(stderr, "glasstls: libsodium failed to initialise\n");
    std::abort();
  }
}

// libsodium's AES-GCM also needs AES-NI; the fallback switch turns it off too, so
// a forced fallback run really exercises the portable mbedTLS code.
bool sodium_aes_gcm_usable() {
  ensure_sodium();
  return crypto_aead_aes256gcm_is_available() != 0 && !crypto_fallback_forced();
}

bool our_aes_gcm_usable() { return cpu_features().aes_gcm; }

}  // namespace

// One subclass per (library, algorithm). Tag comparison is constant time inside
// every library used here (crypto_verify_16 in libsodium; an accumulated XOR in
// mbedTLS gcm/chachapoly).
struct Aead::Impl {
  virtual ~Impl() = default;
  virtual std::string_view backend() const = 0;
  // Writes ciphertext to `out` and the tag to `tag` (which may be out + len).
  virtual void seal(const std::uint8_t* nonce, ByteView aad, ByteView pt, std::uint8_t* out,
                    std::uint8_t* tag) = 0;
  // head ‖ tail to out (see Aead::seal_into); joined in out, then sealed in place,
  // unless the backend can take the two pieces.
  virtual void seal2(const std::uint8_t* nonce, ByteView aad, ByteView head, ByteView tail,
                     std::uint8_t* out) {
    std::uint8_t* t = out + head.size();
    if (!tail.empty() && tail.data() != t) std::memmove(t, tail.data(), tail.size());
    if (!head.empty() && head.data() != out) std::memmove(out, head.data(), head.size());
    const std::size_t n = head.size() + tail.size();
    seal(nonce, aad, ByteView(out, n), out, out + n);
  }
  // False when the tag does not verify.
  virtual bool open(const std::uint8_t* nonce, ByteView aad, ByteView ct,
                    const std::uint8_t* tag, std::uint8_t* out) = 0;
};

namespace {

class SodiumAes256Gcm final : public Aead::Impl {
 public:
  explicit SodiumAes256Gcm(ByteView key) { crypto_aead_aes256gcm_beforenm(&st_, key.data()); }
  ~SodiumAes256Gcm() override { sodium_memzero(&st_, sizeof st_); }
  std::string_view backend() const override { return "libsodium"; }
  void seal(const std::uint8_t* nonce, ByteView aad, ByteView pt, std::uint8_t* out,
            std::uint8_t* tag) override {
    crypto_aead_aes256gcm_encrypt_detached_afternm(out, tag, nullptr, ptr(pt), pt.size(),
                                                   ptr(aad), aad.size(), nullptr, nonce, &st_);
  }
  bool open(const std::uint8_t* nonce, ByteView aad, ByteView ct, const std::uint8_t* tag,
            std::uint8_t* out) override {
    return crypto_aead_aes256gcm_decrypt_detached_afternm(out, nullptr, ptr(ct), ct.size(), tag,
                                                          ptr(aad), aad.size(), nonce,
                                                          &st_) == 0;
  }

 private:
  crypto_aead_aes256gcm_state st_;  // expanded key + H powers, 16-byte aligned
};

class SodiumChaChaPoly final : public Aead::Impl {
 public:
  explicit SodiumChaChaPoly(ByteView key) { std::memcpy(key_, key.data(), sizeof key_); }
  ~SodiumChaChaPoly() override { sodium_memzero(key_, sizeof key_); }
  std::string_view backend() const override { return "libsodium"; }
  void seal(const std::uint8_t* nonce, ByteView aad, ByteView pt, std::uint8_t* out,
            std::uint8_t* tag) override {
    crypto_aead_chacha20poly1305_ietf_encrypt_detached(out, tag, nullptr, ptr(pt), pt.size(),
                                                       ptr(aad), aad.size(), nullptr, nonce,
                                                       key_);
  }
  bool open(const std::uint8_t* nonce, ByteView aad, ByteView ct, const std::uint8_t* tag,
            std::uint8_t* out) override {
    return crypto_aead_chacha20poly1305_ietf_decrypt_detached(out, nullptr, ptr(ct), ct.size(),
                                                              tag, ptr(aad), aad.size(), nonce,
                                                              key_) == 0;
  }

 private:
  std::uint8_t key_[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
};

class NiAesGcm final : public Aead::Impl {
 public:
  explicit NiAesGcm(ByteView key) { detail::aes_gcm_ni_init(k_, key.data(), key.size()); }
  ~NiAesGcm() override { sodium_memzero(&k_, sizeof k_); }
  std::string_view backend() const override { return "glasstls AES-NI"; }
  void seal(const std::uint8_t* nonce, ByteView aad, ByteView pt, std::uint8_t* out,
            std::uint8_t* tag) override {
    detail::aes_gcm_ni_seal(k_, nonce, ptr(aad), aad.size(), ptr(pt), pt.size(), out, tag);
  }
  void seal2(const std::uint8_t* nonce, ByteView aad, ByteView head, ByteView tail,
             std::uint8_t* out) override {
    const std::size_t n = head.size() + tail.size();
    detail::aes_gcm_ni_seal2(k_, nonce, ptr(aad), aad.size(), ptr(head), head.size(), ptr(tail),
                             tail.size(), out, out + n);
  }
  bool open(const std::uint8_t* nonce, ByteView aad, ByteView ct, const std::uint8_t* tag,
            std::uint8_t* out) override {
    return detail::aes_gcm_ni_open(k_, nonce, ptr(aad), aad.size(), ptr(ct), ct.size(), tag,
                                   out);
  }

 private:
  detail::AesGcmNiKey k_;  // round keys + powers of H
};

// mbedTLS decrypts in place (its own TLS record code does so), which open_into's
// aliasing contract relies on; tests/crypto/aead_test.cpp checks it for every backend.
class MbedGcm final : public Aead::Impl {
 public:
  explicit MbedGcm(ByteView key) {
    mbedtls_gcm_init(&ctx_);
    ok_ = mbedtls_gcm_setkey(&ctx_, MBEDTLS_CIPHER_ID_AES, key.data(),
                             static_cast<unsigned>(key.size() * 8)) == 0;
  }
  ~MbedGcm() override { mbedtls_gcm_free(&ctx_); }  // zeroizes the key schedule
  bool ok() const { return ok_; }
  std::string_view backend() const override { return "mbedTLS"; }
  void seal(const std::uint8_t* nonce, ByteView aad, ByteView pt, std::uint8_t* out,
            std::uint8_t* tag) override {
    if (mbedtls_gcm_crypt_and_tag(&ctx_, MBEDTLS_GCM_ENCRYPT, pt.size(), nonce, aead_nonce_size,
                                  ptr(aad), aad.size(), ptr(pt), out, aead_tag_size,
                                  tag) != 0) {
      std::fprintf(stderr, "glasstls: mbedtls_gcm_crypt_and_tag failed\n");
      std::abort();
    }
  }
  bool open(const std::uint8_t* nonce, ByteView aad, ByteView ct, const std::uint8_t* tag,
            std::uint8_t* out) override {
    return mbedtls_gcm_auth_decrypt(&ctx_, ct.size(), nonce, aead_nonce_size, ptr(aad),
                                    aad.size(), tag, aead_tag_size, ptr(ct), out) == 0;
  }

 private:
  mbedtls_gcm_context ctx_;
  bool ok_ = false;
};

class MbedChaChaPoly final : public Aead::Impl {
 public:
  explicit MbedChaChaPoly(ByteView key) {
    mbedtls_chachapoly_init(&ctx_);
    ok_ = mbedtls_chachapoly_setkey(&ctx_, key.data()) == 0;
  }
  ~MbedChaChaPoly() override { mbedtls_chachapoly_free(&ctx_); }
  bool ok() const { return ok_; }
  std::string_view backend() const override { return "mbedTLS"; }
  void seal(const std::uint8_t* nonce, ByteView aad, ByteView pt, std::uint8_t* out,
            std::uint8_t* tag) override {
    if (mbedtls_chachapoly_encrypt_and_tag(&ctx_, pt.size(), nonce, ptr(aad), aad.size(),
                                           ptr(pt), out, tag) != 0) {
      std::fprintf(stderr, "glasstls: mbedtls_chachapoly_encrypt_and_tag failed\n");
      std::abort();
    }
  }
  bool open(const std::uint8_t* nonce, ByteView aad, ByteView ct, const std::uint8_t* tag,
            std::uint8_t* out) override {
    return mbedtls_chachapoly_auth_decrypt(&ctx_, ct.size(), nonce, ptr(aad), aad.size(), tag,
                                           ptr(ct), out) == 0;
  }

 private:
  mbedtls_chachapoly_context ctx_;
  bool ok_ = false;
};

// The automatic choice; the reasons and numbers are in crypto/README.md.
AeadBackend default_backend(AeadAlg a) {
  switch (a) {
    case AeadAlg::aes128_gcm:
      // libsodium 1.0.18 has no AES-128-GCM
      return our_aes_gcm_usable() ? AeadBackend::glasstls : AeadBackend::mbedtls;
    case AeadAlg::aes256_gcm:
      if (our_aes_gcm_usable()) return AeadBackend::glasstls;
      return sodium_aes_gcm_usable() ? AeadBackend::libsodium : AeadBackend::mbedtls;
    case AeadAlg::chacha20_poly1305:
      return AeadBackend::libsodium;
  }
  return AeadBackend::mbedtls;
}

}  // namespace

std::size_t aead_key_size(AeadAlg a) { return a == AeadAlg::aes128_gcm ? 16 : 32; }

std::string_view aead_name(AeadAlg a) {
  switch (a) {
    case AeadAlg::aes128_gcm: return "AES-128-GCM";
    case AeadAlg::aes256_gcm: return "AES-256-GCM";
    case AeadAlg::chacha20_poly1305: return "ChaCha20-Poly1305";
  }
  return "unknown AEAD";
}

std::string_view aead_backend(AeadAlg a) {
  switch (default_backend(a)) {
    case AeadBackend::glasstls: return "glasstls AES-NI";
    case AeadBackend::libsodium: return "libsodium";
    default: return "mbedTLS";
  }
}

bool aes_gcm_is_fast() {
  return our_aes_gcm_usable() || sodium_aes_gcm_usable();
}

core::Result<Aead> Aead::create(AeadAlg alg, ByteView key, AeadBackend backend) {
  if (key.size() != aead_key_size(alg)) {
    return core::make_error(core::Alert::illegal_parameter,
                            std::string(aead_name(alg)) + " key must be " +
                                std::to_string(aead_key_size(alg)) + " bytes, got " +
                                std::to_string(key.size()));
  }
  if (backend == AeadBackend::automatic) backend = default_backend(alg);
  ensure_sodium();
  std::unique_ptr<Impl> impl;
  if (backend == AeadBackend::glasstls) {
    if (alg == AeadAlg::chacha20_poly1305 || !our_aes_gcm_usable()) {
      return core::make_error(core::Alert::illegal_parameter,
                              std::string("glasstls has no ") + std::string(aead_name(alg)) +
                                  " of its own on this machine (AES-GCM only, needs AES-NI + "
                                  "PCLMULQDQ and the fallback not forced)");
    }
    impl = std::make_unique<NiAesGcm>(key);
  } else if (backend == AeadBackend::libsodium) {
    if (alg == AeadAlg::chacha20_poly1305) {
      impl = std::make_unique<SodiumChaChaPoly>(key);
    } else if (alg == AeadAlg::aes256_gcm && sodium_aes_gcm_usable()) {
      impl = std::make_unique<SodiumAes256Gcm>(key);
    } else {
      return core::make_error(core::Alert::illegal_parameter,
                              std::string("libsodium cannot do ") + std::string(aead_name(alg)) +
                                  " on this machine (needs AES-256 and AES-NI + PCLMUL)");
    }
  } else if (alg == AeadAlg::chacha20_poly1305) {
    auto m = std::make_unique<MbedChaChaPoly>(key);
    if (!m->ok())
      return core::make_error(core::Alert::internal_error, "mbedtls_chachapoly_setkey failed");
    impl = std::move(m);
  } else {
    auto m = std::make_unique<MbedGcm>(key);
    if (!m->ok())
      return core::make_error(core::Alert::internal_error, "mbedtls_gcm_setkey failed");
    impl = std::move(m);
  }
  return Aead(alg, std::move(impl));
}

Aead::Aead(AeadAlg alg, std::unique_ptr<Impl> impl) : alg_(alg), impl_(std::move(impl)) {}
Aead::Aead(Aead&&) noexcept = default;
Aead& Aead::operator=(Aead&&) noexcept = default;
Aead::~Aead() = default;

std::string_view Aead::backend() const { return impl_->backend(); }

void Aead::seal_into(ByteView nonce, ByteView aad, ByteView plaintext, std::uint8_t* out) const {
  if (nonce.size() != aead_nonce_size) bad_nonce(nonce.size());
  impl_->seal(nonce.data(), aad, plaintext, out, out + plaintext.size());
}

void Aead::seal_into(ByteView nonce, ByteView aad, ByteView head, ByteView tail,
                     std::uint8_t* out) const {
  if (nonce.size() != aead_nonce_size) bad_nonce(nonce.size());
  impl_->seal2(nonce.data(), aad, head, tail, out);
}

Bytes Aead::seal(ByteView nonce, ByteView aad, ByteView plaintext) const {
  Bytes out(plaintext.size() + aead_tag_size);
  seal_into(nonce, aad, plaintext, out.data());
  return out;
}

core::Status Aead::open_into(ByteView nonce, ByteView aad, ByteView ciphertext_and_tag,
                             std::uint8_t* out) const {
  if (nonce.size() != aead_nonce_size) {
    return core::make_error(core::Alert::internal_error,
                            "AEAD nonce must be 12 bytes, got " + std::to_string(nonce.size()));
  }
  if (ciphertext_and_tag.size() < aead_tag_size) {
    return core::make_error(core::Alert::bad_record_mac,
                            std::string(aead_name(alg_)) + " record of " +
                                std::to_string(ciphertext_and_tag.size()) +
                                " bytes is shorter than the 16-byte tag");
  }
  // In-place decryption writes the first n bytes only, so the tag stays intact.
  const std::size_t n = ciphertext_and_tag.size() - aead_tag_size;
  if (!impl_->open(nonce.data(), aad, ciphertext_and_tag.first(n),
                   ciphertext_and_tag.data() + n, out)) {
    // Never hand out unauthenticated plaintext, whichever library ran.
    if (n != 0) std::memset(out, 0, n);
    return tag_mismatch(alg_);
  }
  return {};
}

core::Result<Bytes> Aead::open(ByteView nonce, ByteView aad, ByteView ciphertext_and_tag) const {
  Bytes out(ciphertext_and_tag.size() >= aead_tag_size
                ? ciphertext_and_tag.size() - aead_tag_size
                : 0);
  GLASS_CHECK(open_into(nonce, aad, ciphertext_and_tag, out.data()));
  return out;
}

}  // namespace glass::crypto
