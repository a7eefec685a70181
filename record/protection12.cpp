#include "record/protection12.hpp"

#include <string>

namespace glass::record {

using core::Alert;
using core::make_error;

namespace {
constexpr std::size_t explicit_size = 8;

// seq_num ‖ type ‖ version ‖ length
std::array<std::uint8_t, 13> additional_data(std::uint64_t seq, std::uint8_t type,
                                             std::uint16_t version, std::size_t len) {
  std::array<std::uint8_t, 13> ad{};
  put_u64(ad.data(), seq);
  ad[8] = type;
  ad[9] = static_cast<std::uint8_t>(version >> 8);
  ad[10] = static_cast<std::uint8_t>(version);
  ad[11] = static_cast<std::uint8_t>(len >> 8);
  ad[12] = static_cast<std::uint8_t>(len);
  return ad;
}
}  // namespace

Protection12::Protection12(crypto::Aead aead, ByteView fixed_iv)
    : RecordProtection(std::move(aead)) {
  std::copy(fixed_iv.begin(), fixed_iv.end(), iv_.begin());
}

Protection12::~Protection12() { core::secure_wipe(iv_.data(), iv_.size()); }

core::Result<std::unique_ptr<Protection12>> Protection12::create(crypto::AeadAlg alg,
                                                                 ByteView key,
                                                                 ByteView fixed_iv) {
  const std::size_t want = alg == crypto::AeadAlg::chacha20_poly1305 ? 12 : 4;
  if (fixed_iv.size() != want)
    return make_error(Alert::illegal_parameter,
                      "TLS 1.2 " + std::string(crypto::aead_name(alg)) + " needs a " +
                          std::to_string(want) + "-byte fixed iv, got " +
                          std::to_string(fixed_iv.size()));
  GLASS_TRY(auto aead, crypto::Aead::create(alg, key));
  return std::unique_ptr<Protection12>(new Protection12(std::move(aead), fixed_iv));
}

std::size_t Protection12::overhead() const {
  return crypto::aead_tag_size + (has_explicit_nonce() ? explicit_size : 0);
}

std::array<std::uint8_t, 12> Protection12::nonce(std::uint64_t seq,
                                                 const std::uint8_t* explicit_nonce) const {
  std::array<std::uint8_t, 12> n = iv_;
  if (has_explicit_nonce()) {
    std::copy(explicit_nonce, explicit_nonce + explicit_size, n.begin() + 4);
  } else {
    std::uint8_t s[8];
    put_u64(s, seq);
    for (int i = 0; i < 8; ++i) n[4 + i] ^= s[i];
  }
  return n;
}

core::Result<Bytes> Protection12::seal(std::uint8_t type, std::uint16_t record_version,
                                       ByteView content, std::size_t padding) {
  if (padding != 0)
    return make_error(Alert::internal_error, "TLS 1.2 AEAD records cannot be padded");
  std::uint8_t seq_bytes[8];
  put_u64(seq_bytes, sequence());
  return seal_impl(type, record_version, content, seq_bytes);
}

core::Result<Bytes> Protection12::seal_with_explicit_nonce(std::uint8_t type,
                                                           std::uint16_t record_version,
                                                           ByteView content,
                                                           ByteView explicit_nonce) {
  if (!has_explicit_nonce() || explicit_nonce.size() != explicit_size)
    return make_error(Alert::internal_error,
                      "an explicit nonce (8 bytes) exists only for TLS 1.2 AES-GCM");
  return seal_impl(type, record_version, content, explicit_nonce.data());
}

std::size_t Protection12::sealed_size(std::size_t content) const {
  return header_size + (has_explicit_nonce() ? explicit_size : 0) + content +
         crypto::aead_tag_size;
}

core::Status Protection12::seal_to(std::uint8_t* rec, std::uint8_t type,
                                   std::uint16_t record_version, ByteView content,
                                   const std::uint8_t* explicit_nonce) {
  if (content.size() > max_plaintext)
    return make_error(Alert::internal_error, "record content of " +
                                                 std::to_string(content.size()) +
                                                 " bytes exceeds 2^14");
  GLASS_TRY(std::uint64_t seq, current_sequence("write"));
  const std::size_t ex = has_explicit_nonce() ? explicit_size : 0;
  const std::size_t len = ex + content.size() + crypto::aead_tag_size;
  rec[0] = type;
  rec[1] = static_cast<std::uint8_t>(record_version >> 8);
  rec[2] = static_cast<std::uint8_t>(record_version);
  rec[3] = static_cast<std::uint8_t>(len >> 8);
  rec[4] = static_cast<std::uint8_t>(len);
  if (ex) std::copy(explicit_nonce, explicit_nonce + ex, rec + header_size);
  std::uint8_t* body = rec + header_size + ex;
  // The AEAD reads the caller's content and writes the ciphertext: no copy first.
  auto n = nonce(seq, explicit_nonce);
  auto ad = additional_data(seq, type, record_version, content.size());
  aead_.seal_into(n, ad, content, body);
  advance();
  return {};
}

core::Result<Bytes> Protection12::seal_impl(std::uint8_t type, std::uint16_t record_version,
                                            ByteView content,
                                            const std::uint8_t* explicit_nonce) {
  Bytes rec(sealed_size(content.size()));
  GLASS_CHECK(seal_to(rec.data(), type, record_version, content, explicit_nonce));
  return rec;
}

core::Status Protection12::seal_append(ByteQueue& out, std::uint8_t type,
                                       std::uint16_t record_version, ByteView content,
                                       std::size_t padding) {
  if (padding != 0)
    return make_error(Alert::internal_error, "TLS 1.2 AEAD records cannot be padded");
  std::uint8_t seq_bytes[8];
  put_u64(seq_bytes, sequence());
  const std::size_t n = sealed_size(content.size());
  auto st = seal_to(out.grow(n), type, record_version, content, seq_bytes);
  if (!st) out.drop_back(n);
  return st;
}

core::Result<std::uint64_t> Protection12::open_to(ByteView header, ByteView fragment,
                                                  std::uint8_t* plain) {
  const std::size_t ex = has_explicit_nonce() ? explicit_size : 0;
  const std::size_t plain_len = fragment.size() - ex - crypto::aead_tag_size;
  GLASS_TRY(std::uint64_t seq, current_sequence("read"));
  const std::uint16_t version = static_cast<std::uint16_t>((header[1] << 8) | header[2]);
  auto n = nonce(seq, fragment.data());
  auto ad = additional_data(seq, header[0], version, plain_len);
  if (!aead_.open_into(n, ad, fragment.subspan(ex), plain))
    return make_error(Alert::bad_record_mac,
                      "record with sequence number " + std::to_string(seq) +
                          " failed to decrypt (" + std::string(crypto::aead_name(alg())) +
                          " tag mismatch: wrong key, wrong sequence number or a modified record)");
  advance();
  if (plain_len > max_plaintext)
    return make_error(Alert::record_overflow, "decrypted record of " +
                                                  std::to_string(plain_len) +
                                                  " bytes exceeds 2^14 (RFC 5246 6.2.3)");
  return seq;
}

namespace {
core::Status check_fragment12(ByteView header, ByteView fragment, std::size_t ex) {
  if (header.size() != header_size)
    return make_error(Alert::internal_error, "record header must be 5 bytes");
  if (fragment.size() > max_ciphertext_12)
    return make_error(Alert::record_overflow,
                      "encrypted record of " + std::to_string(fragment.size()) +
                          " bytes exceeds 2^14 + 2048 (RFC 5246 6.2.3)");
  if (fragment.size() < ex + crypto::aead_tag_size)
    return make_error(Alert::bad_record_mac,
                      "encrypted record of " + std::to_string(fragment.size()) +
                          " bytes is too short for " + (ex ? "the 8-byte explicit nonce and " : "") +
                          "the 16-byte AEAD tag");
  return {};
}
}  // namespace

core::Result<Opened> Protection12::open(ByteView header, ByteView fragment) {
  const std::size_t ex = has_explicit_nonce() ? explicit_size : 0;
  GLASS_CHECK(check_fragment12(header, fragment, ex));
  Opened out;
  out.content.resize(fragment.size() - ex - crypto::aead_tag_size);
  GLASS_TRY(out.seq, open_to(header, fragment, out.content.data()));
  out.type = header[0];
  return out;
}

void Protection12::describe(core::Observer& obs, core::Direction d, ByteView wire,
                           std::uint64_t seq, std::uint8_t type, ByteView content,
                           std::size_t) const {
  const std::size_t ex = has_explicit_nonce() ? explicit_size : 0;
  if (wire.size() < header_size + ex + crypto::aead_tag_size) return;
  const std::uint16_t version = static_cast<std::uint16_t>((wire[1] << 8) | wire[2]);
  std::uint8_t seq_bytes[8];
  put_u64(seq_bytes, seq);
  const auto n = nonce(seq, ex ? wire.data() + header_size : seq_bytes);
  const auto ad = additional_data(seq, type, version, content.size());
  core::RecordProtectionInfo i;
  i.version = 0x0303;
  i.aead = crypto::aead_name(alg());
  i.seq = seq;
  i.write_iv = ByteView(iv_.data(), ex ? 4 : iv_.size());
  if (ex) i.explicit_nonce = wire.subspan(header_size, ex);
  i.nonce = ByteView(n.data(), n.size());
  i.aad = ByteView(ad.data(), ad.size());
  i.inner_plaintext = content;
  i.inner_type = type;
  i.ciphertext = wire.subspan(header_size + ex, wire.size() - header_size - ex - crypto::aead_tag_size);
  i.tag = wire.last(crypto::aead_tag_size);
  obs.on_record_protection(d, i);
}

core::Result<OpenedInto> Protection12::open_append(ByteView header, ByteView fragment,
                                                   ByteQueue& out) {
  const std::size_t ex = has_explicit_nonce() ? explicit_size : 0;
  GLASS_CHECK(check_fragment12(header, fragment, ex));
  const std::size_t n = fragment.size() - ex - crypto::aead_tag_size;
  auto seq = open_to(header, fragment, out.grow(n));
  if (!seq) {
    out.drop_back(n);
    return std::move(seq).error();
  }
  return OpenedInto{header[0], n, 0, *seq};
}

}  // namespace glass::record
