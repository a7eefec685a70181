#include "record/protection13.hpp"

#include <string>

#include "record/traffic_keys.hpp"

namespace glass::record {

using core::Alert;
using core::make_error;

Protection13::Protection13(crypto::Aead aead, ByteView iv) : RecordProtection(std::move(aead)) {
  std::copy(iv.begin(), iv.end(), iv_.begin());
}

Protection13::~Protection13() { core::secure_wipe(iv_.data(), iv_.size()); }

core::Result<std::unique_ptr<Protection13>> Protection13::create(crypto::AeadAlg alg,
                                                                 ByteView key, ByteView iv) {
  if (iv.size() != crypto::aead_nonce_size)
    return make_error(Alert::illegal_parameter, "TLS 1.3 record iv must be 12 bytes, got " +
                                                    std::to_string(iv.size()));
  GLASS_TRY(auto aead, crypto::Aead::create(alg, key));
  return std::unique_ptr<Protection13>(new Protection13(std::move(aead), iv));
}

core::Result<std::unique_ptr<Protection13>> Protection13::from_secret(crypto::HashAlg hash,
                                                                      crypto::AeadAlg alg,
                                                                      ByteView traffic_secret) {
  TrafficKeys k = derive_traffic_keys13(hash, alg, traffic_secret);
  return create(alg, k.key, k.iv);
}

std::array<std::uint8_t, 12> Protection13::nonce(std::uint64_t seq) const {
  std::array<std::uint8_t, 12> n = iv_;
  std::uint8_t s[8];
  put_u64(s, seq);
  for (int i = 0; i < 8; ++i) n[4 + i] ^= s[i];
  return n;
}

core::Result<Bytes> Protection13::seal(std::uint8_t type, std::uint16_t record_version,
                                       ByteView content, std::size_t padding) {
  const std::size_t inner = content.size() + 1 + padding;
  if (inner > max_plaintext + 1)
    return make_error(Alert::internal_error,
                      "TLSInnerPlaintext of " + std::to_string(inner) +
                          " bytes exceeds 2^14 + 1 (content + type + padding)");
  GLASS_TRY(std::uint64_t seq, current_sequence("write"));
  const std::size_t len = inner + crypto::aead_tag_size;
  Bytes rec(header_size + len);
  rec[0] = static_cast<std::uint8_t>(ContentType::application_data);
  rec[1] = static_cast<std::uint8_t>(record_version >> 8);
  rec[2] = static_cast<std::uint8_t>(record_version);
  rec[3] = static_cast<std::uint8_t>(len >> 8);
  rec[4] = static_cast<std::uint8_t>(len);
  std::uint8_t* body = rec.data() + header_size;
  std::copy(content.begin(), content.end(), body);
  body[content.size()] = type;  // padding bytes are already zero
  auto n = nonce(seq);
  aead_.seal_into(n, ByteView(rec.data(), header_size), ByteView(body, inner), body);
  advance();
  return rec;
}

core::Result<Opened> Protection13::open(ByteView header, ByteView fragment) {
  if (header.size() != header_size)
    return make_error(Alert::internal_error, "record header must be 5 bytes");
  if (fragment.size() > max_ciphertext_13)
    return make_error(Alert::record_overflow,
                      "encrypted record of " + std::to_string(fragment.size()) +
                          " bytes exceeds 2^14 + 256 (RFC 8446 5.2)");
  GLASS_TRY(std::uint64_t seq, current_sequence("read"));
  if (fragment.size() < crypto::aead_tag_size)
    return make_error(Alert::bad_record_mac,
                      "encrypted record of " + std::to_string(fragment.size()) +
                          " bytes is shorter than the 16-byte AEAD tag");
  auto n = nonce(seq);
  Bytes inner(fragment.size() - crypto::aead_tag_size);
  auto st = aead_.open_into(n, header, fragment, inner.data());
  if (!st)
    return make_error(Alert::bad_record_mac,
                      "record with sequence number " + std::to_string(seq) +
                          " failed to decrypt (" + std::string(crypto::aead_name(alg())) +
                          " tag mismatch: wrong key, wrong sequence number or a modified record)");
  advance();
  if (inner.size() > max_plaintext + 1)
    return make_error(Alert::record_overflow,
                      "TLSInnerPlaintext of " + std::to_string(inner.size()) +
                          " bytes exceeds 2^14 + 1 (RFC 8446 5.4)");
  // The real type is the last non-zero byte; everything after it is padding.
  std::size_t end = inner.size();
  while (end > 0 && inner[end - 1] == 0) --end;
  if (end == 0)
    return make_error(Alert::unexpected_message,
                      "decrypted record is all zeros (" + std::to_string(inner.size()) +
                          " bytes): no content type in TLSInnerPlaintext (RFC 8446 5.4)");
  Opened out;
  out.type = inner[end - 1];
  out.padding = inner.size() - end;
  out.seq = seq;
  inner.resize(end - 1);
  out.content = std::move(inner);
  return out;
}

void Protection13::describe(core::Observer& obs, core::Direction d, ByteView wire,
                           std::uint64_t seq, std::uint8_t type, ByteView content,
                           std::size_t padding) const {
  if (wire.size() < header_size + crypto::aead_tag_size) return;
  Bytes inner = core::to_bytes(content);
  inner.push_back(type);
  inner.resize(inner.size() + padding, 0);
  const auto n = nonce(seq);
  core::RecordProtectionInfo i;
  i.version = 0x0304;
  i.aead = crypto::aead_name(alg());
  i.seq = seq;
  i.write_iv = ByteView(iv_.data(), iv_.size());
  i.nonce = ByteView(n.data(), n.size());
  i.aad = wire.first(header_size);
  i.inner_plaintext = inner;
  i.inner_type = type;
  i.padding = padding;
  i.ciphertext = wire.subspan(header_size, wire.size() - header_size - crypto::aead_tag_size);
  i.tag = wire.last(crypto::aead_tag_size);
  obs.on_record_protection(d, i);
}

}  // namespace glass::record
