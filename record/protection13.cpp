#include "record/protection13.hpp"

#include <algorithm>
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

core::Status Protection13::seal_to(std::uint8_t* rec, std::uint16_t record_version,
                                   std::uint8_t type, ByteView content, std::size_t padding) {
  const std::size_t inner = content.size() + 1 + padding;
  GLASS_TRY(std::uint64_t seq, current_sequence("write"));
  const std::size_t len = inner + crypto::aead_tag_size;
  rec[0] = static_cast<std::uint8_t>(ContentType::application_data);
  rec[1] = static_cast<std::uint8_t>(record_version >> 8);
  rec[2] = static_cast<std::uint8_t>(record_version);
  rec[3] = static_cast<std::uint8_t>(len >> 8);
  rec[4] = static_cast<std::uint8_t>(len);
  // type ‖ padding written where they end up; the content is sealed from where the
  // caller holds it (no copy into the record first).
  std::uint8_t* body = rec + header_size;
  std::uint8_t* tail = body + content.size();
  tail[0] = type;
  std::fill_n(tail + 1, padding, std::uint8_t{0});
  aead_.seal_into(nonce(seq), ByteView(rec, header_size), content, ByteView(tail, 1 + padding),
                  body);
  advance();
  return {};
}

namespace {
core::Status check_inner(std::size_t content, std::size_t padding) {
  const std::size_t inner = content + 1 + padding;
  if (inner > max_plaintext + 1)
    return make_error(Alert::internal_error,
                      "TLSInnerPlaintext of " + std::to_string(inner) +
                          " bytes exceeds 2^14 + 1 (content + type + padding)");
  return {};
}

std::size_t sealed_size(std::size_t content, std::size_t padding) {
  return header_size + content + 1 + padding + crypto::aead_tag_size;
}
}  // namespace

core::Result<Bytes> Protection13::seal(std::uint8_t type, std::uint16_t record_version,
                                       ByteView content, std::size_t padding) {
  GLASS_CHECK(check_inner(content.size(), padding));
  Bytes rec(sealed_size(content.size(), padding));
  GLASS_CHECK(seal_to(rec.data(), record_version, type, content, padding));
  return rec;
}

core::Status Protection13::seal_append(ByteQueue& out, std::uint8_t type,
                                       std::uint16_t record_version, ByteView content,
                                       std::size_t padding) {
  GLASS_CHECK(check_inner(content.size(), padding));
  const std::size_t n = sealed_size(content.size(), padding);
  auto st = seal_to(out.grow(n), record_version, type, content, padding);
  if (!st) out.drop_back(n);
  return st;
}

core::Result<std::uint64_t> Protection13::check_open(ByteView header, ByteView fragment) const {
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
  return seq;
}

// Decrypts into `inner` (fragment.size() - 16 bytes); nothing is written but zeros
// unless the tag verifies.
core::Status Protection13::decrypt(std::uint64_t seq, ByteView header, ByteView fragment,
                                   std::uint8_t* inner) {
  if (!aead_.open_into(nonce(seq), header, fragment, inner))
    return make_error(Alert::bad_record_mac,
                      "record with sequence number " + std::to_string(seq) +
                          " failed to decrypt (" + std::string(crypto::aead_name(alg())) +
                          " tag mismatch: wrong key, wrong sequence number or a modified record)");
  advance();
  return {};
}

// TLSInnerPlaintext → content length, type and padding.
core::Result<OpenedInto> Protection13::parse_inner(ByteView inner, std::uint64_t seq) {
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
  return OpenedInto{inner[end - 1], end - 1, inner.size() - end, seq};
}

core::Result<Opened> Protection13::open(ByteView header, ByteView fragment) {
  GLASS_TRY(std::uint64_t seq, check_open(header, fragment));
  Bytes inner(fragment.size() - crypto::aead_tag_size);
  GLASS_CHECK(decrypt(seq, header, fragment, inner.data()));
  GLASS_TRY(OpenedInto info, parse_inner(inner, seq));
  Opened out;
  out.type = info.type;
  out.padding = info.padding;
  out.seq = seq;
  inner.resize(info.length);
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

core::Result<OpenedInto> Protection13::open_append(ByteView header, ByteView fragment,
                                                   ByteQueue& out) {
  GLASS_TRY(std::uint64_t seq, check_open(header, fragment));
  const std::size_t n = fragment.size() - crypto::aead_tag_size;
  std::uint8_t* inner = out.grow(n);
  auto st = decrypt(seq, header, fragment, inner);
  if (!st) {
    out.drop_back(n);
    return std::move(st).error();
  }
  auto info = parse_inner(ByteView(inner, n), seq);
  out.drop_back(info ? n - info->length : n);
  return info;
}

}  // namespace glass::record
