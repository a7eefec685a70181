#pragma once
// TLS 1.2 AEAD record protection. The additional data is
// seq_num(8) ‖ type ‖ version ‖ plaintext length (RFC 5246 6.2.3.3).
//  - AES-GCM (RFC 5288): nonce = 4-byte salt ‖ 8-byte explicit nonce, and the
//    explicit part travels in front of the ciphertext. We send the sequence
//    number there (unique per key, as RFC 5288 3 suggests); peers may send any value.
//  - ChaCha20-Poly1305 (RFC 7905): nonce = 12-byte iv XOR padded sequence number,
//    nothing explicit on the wire.
#include <array>
#include <memory>

#include "record/protection.hpp"

namespace glass::record {

class Protection12 final : public RecordProtection {
 public:
  // fixed_iv: 4 bytes for AES-GCM, 12 for ChaCha20-Poly1305 (tls12_fixed_iv_size).
  static core::Result<std::unique_ptr<Protection12>> create(crypto::AeadAlg alg, ByteView key,
                                                            ByteView fixed_iv);
  ~Protection12() override;

  Version version() const override { return Version::tls12; }
  std::size_t overhead() const override;
  // `padding` must be 0: TLS 1.2 AEAD records have no padding.
  core::Result<Bytes> seal(std::uint8_t type, std::uint16_t record_version, ByteView content,
                           std::size_t padding = 0) override;
  core::Result<Opened> open(ByteView header, ByteView fragment) override;
  void describe(core::Observer& obs, core::Direction d, ByteView wire, std::uint64_t seq,
                std::uint8_t type, ByteView content, std::size_t padding) const override;
  core::Status seal_append(ByteQueue& out, std::uint8_t type, std::uint16_t record_version,
                           ByteView content, std::size_t padding = 0) override;
  core::Result<OpenedInto> open_append(ByteView header, ByteView fragment,
                                       ByteQueue& out) override;

  // AES-GCM only: seal with a caller-chosen 8-byte explicit nonce (to reproduce a
  // peer's records byte for byte). Reusing an explicit nonce under one key is fatal
  // to GCM's security: this is for tests and demonstrations.
  core::Result<Bytes> seal_with_explicit_nonce(std::uint8_t type, std::uint16_t record_version,
                                               ByteView content, ByteView explicit_nonce);

  bool has_explicit_nonce() const { return alg() != crypto::AeadAlg::chacha20_poly1305; }

 private:
  Protection12(crypto::Aead aead, ByteView fixed_iv);
  core::Result<Bytes> seal_impl(std::uint8_t type, std::uint16_t record_version,
                                ByteView content, const std::uint8_t* explicit_nonce);
  std::size_t sealed_size(std::size_t content) const;
  core::Status seal_to(std::uint8_t* rec, std::uint8_t type, std::uint16_t record_version,
                       ByteView content, const std::uint8_t* explicit_nonce);
  // Checks, then decrypts into `plain` (fragment minus nonce and tag).
  core::Result<std::uint64_t> open_to(ByteView header, ByteView fragment, std::uint8_t* plain);
  std::array<std::uint8_t, 12> nonce(std::uint64_t seq, const std::uint8_t* explicit_nonce) const;

  std::array<std::uint8_t, 12> iv_{};  // salt in the first 4 bytes for GCM
};

}  // namespace glass::record
