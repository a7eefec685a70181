#pragma once
// TLS 1.3 record protection (RFC 8446 5.2-5.3): the record is TLSCiphertext with
// outer type application_data; inside, TLSInnerPlaintext = content ‖ real type ‖
// zero padding. Nonce = iv XOR the sequence number left-padded to 12 bytes,
// additional data = the 5-byte record header.
#include <array>
#include <memory>

#include "crypto/hash.hpp"
#include "record/protection.hpp"

namespace glass::record {

class Protection13 final : public RecordProtection {
 public:
  // key: aead_key_size(alg) bytes, iv: 12 bytes (illegal_parameter otherwise).
  static core::Result<std::unique_ptr<Protection13>> create(crypto::AeadAlg alg, ByteView key,
                                                            ByteView iv);
  // key = HKDF-Expand-Label(secret, "key", "", key_len), iv = ...("iv", "", 12).
  static core::Result<std::unique_ptr<Protection13>> from_secret(crypto::HashAlg hash,
                                                                 crypto::AeadAlg alg,
                                                                 ByteView traffic_secret);
  ~Protection13() override;

  Version version() const override { return Version::tls13; }
  std::size_t overhead() const override { return crypto::aead_tag_size + 1; }
  core::Result<Bytes> seal(std::uint8_t type, std::uint16_t record_version, ByteView content,
                           std::size_t padding = 0) override;
  core::Result<Opened> open(ByteView header, ByteView fragment) override;
  void describe(core::Observer& obs, core::Direction d, ByteView wire, std::uint64_t seq,
                std::uint8_t type, ByteView content, std::size_t padding) const override;
  core::Status seal_append(ByteQueue& out, std::uint8_t type, std::uint16_t record_version,
                           ByteView content, std::size_t padding = 0) override;
  core::Result<OpenedInto> open_append(ByteView header, ByteView fragment,
                                       ByteQueue& out) override;

  // The per-record nonce for sequence number `seq` (shown to learners).
  std::array<std::uint8_t, 12> nonce(std::uint64_t seq) const;

 private:
  Protection13(crypto::Aead aead, ByteView iv);
  core::Status seal_to(std::uint8_t* rec, std::uint16_t record_version, std::uint8_t type,
                       ByteView content, std::size_t padding);
  core::Result<std::uint64_t> check_open(ByteView header, ByteView fragment) const;
  core::Status decrypt(std::uint64_t seq, ByteView header, ByteView fragment,
                       std::uint8_t* inner);
  static core::Result<OpenedInto> parse_inner(ByteView inner, std::uint64_t seq);
  std::array<std::uint8_t, 12> iv_{};
};

}  // namespace glass::record
