#include "record/protection.hpp"

#include <string>

namespace glass::record {

std::uint64_t RecordProtection::default_record_limit(crypto::AeadAlg a) {
  switch (a) {
    case crypto::AeadAlg::aes128_gcm:
    case crypto::AeadAlg::aes256_gcm:
      return 23726566;  // floor(2^24.5)
    case crypto::AeadAlg::chacha20_poly1305:
      break;
  }
  return std::numeric_limits<std::uint64_t>::max();
}

core::Result<std::uint64_t> RecordProtection::current_sequence(const char* direction) const {
  if (exhausted_)
    return core::make_error(core::Alert::internal_error,
                            std::string("the ") + direction +
                                " sequence number would wrap past 2^64 - 1; the key must be "
                                "updated (KeyUpdate) or the connection closed (RFC 8446 5.3)");
  return seq_;
}

void RecordProtection::advance() {
  ++count_;
  if (seq_ == std::numeric_limits<std::uint64_t>::max())
    exhausted_ = true;
  else
    ++seq_;
}

core::Status RecordProtection::seal_append(ByteQueue& out, std::uint8_t type,
                                          std::uint16_t record_version, ByteView content,
                                          std::size_t padding) {
  GLASS_TRY(Bytes rec, seal(type, record_version, content, padding));
  out.append(rec);
  return {};
}

core::Result<OpenedInto> RecordProtection::open_append(ByteView header, ByteView fragment,
                                                       ByteQueue& out) {
  GLASS_TRY(Opened o, open(header, fragment));
  out.append(o.content);
  core::secure_wipe(o.content);
  return OpenedInto{o.type, o.content.size(), o.padding, o.seq};
}

void put_u64(std::uint8_t* out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<std::uint8_t>(v);
    v >>= 8;
  }
}

}  // namespace glass::record
