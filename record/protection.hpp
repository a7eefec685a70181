#pragma once
// Record protection: one AEAD key in one direction, with its sequence number.
// TLS 1.3 (protection13.hpp) and TLS 1.2 (protection12.hpp) differ in the nonce,
// the additional data and what the ciphertext carries; the reader and writer
// only see this interface. Installing new keys means installing a new object,
// so sequence numbers are per direction and per key by construction.
#include <cstdint>
#include <limits>

#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "record/byte_queue.hpp"
#include "record/content_type.hpp"

namespace glass::record {

using core::ByteView;
using core::Bytes;

// A decrypted record.
struct Opened {
  std::uint8_t type = 0;    // the real content type (TLS 1.3: from TLSInnerPlaintext)
  Bytes content;            // plaintext without type byte and padding
  std::size_t padding = 0;  // TLS 1.3 zero padding that was stripped
  std::uint64_t seq = 0;    // sequence number the record was opened with
};

// A record opened into a caller's ByteQueue: its content is the queue's last
// `length` bytes.
struct OpenedInto {
  std::uint8_t type = 0;
  std::size_t length = 0;
  std::size_t padding = 0;
  std::uint64_t seq = 0;
};

class RecordProtection {
 public:
  virtual ~RecordProtection() = default;
  RecordProtection(const RecordProtection&) = delete;
  RecordProtection& operator=(const RecordProtection&) = delete;

  virtual Version version() const = 0;
  crypto::AeadAlg alg() const { return aead_.alg(); }
  // Bytes a protected record adds to its content (tag, explicit nonce, type byte).
  virtual std::size_t overhead() const = 0;

  // Whole record (header included) carrying `content` of the given type.
  // `padding` zero bytes are added inside TLSInnerPlaintext (TLS 1.3 only).
  virtual core::Result<Bytes> seal(std::uint8_t type, std::uint16_t record_version,
                                   ByteView content, std::size_t padding = 0) = 0;
  // `header` is the 5 bytes as received (they are the additional data in 1.3).
  virtual core::Result<Opened> open(ByteView header, ByteView fragment) = 0;
  // The same without intermediate buffers: the record is appended to `out`, or the
  // content is decrypted straight into the back of `out` (the tag is checked before
  // anything is appended; on any failure `out` is as before). The defaults go
  // through seal()/open().
  virtual core::Status seal_append(ByteQueue& out, std::uint8_t type,
                                   std::uint16_t record_version, ByteView content,
                                   std::size_t padding = 0);
  virtual core::Result<OpenedInto> open_append(ByteView header, ByteView fragment,
                                               ByteQueue& out);

  // Tells `obs` how `wire` (a whole record just sealed or opened by this object
  // with sequence number `seq`, carrying `content` of `type`) was protected:
  // nonce, additional data, ciphertext and tag (observer events only).
  virtual void describe(core::Observer& obs, core::Direction d, ByteView wire, std::uint64_t seq,
                        std::uint8_t type, ByteView content, std::size_t padding) const = 0;

  // Sequence number the next record will use.
  std::uint64_t sequence() const { return seq_; }
  // For tests and for teaching ("what happens at 2^64 - 1").
  void set_sequence(std::uint64_t s) { seq_ = s; exhausted_ = false; }
  // Records protected/unprotected with this key so far.
  std::uint64_t records() const { return count_; }

  // AEAD usage limit (RFC 8446 5.5): once `records()` reaches it, limit_reached()
  // turns true so the handshake layer can send KeyUpdate. Nothing is refused at
  // the soft limit; only a wrapping sequence number is.
  void set_record_limit(std::uint64_t n) { limit_ = n; }
  std::uint64_t record_limit() const { return limit_; }
  bool limit_reached() const { return count_ >= limit_; }
  // 2^24.5 full-size records for AES-GCM; ChaCha20-Poly1305 has no practical limit.
  static std::uint64_t default_record_limit(crypto::AeadAlg a);

 protected:
  explicit RecordProtection(crypto::Aead aead)
      : aead_(std::move(aead)), limit_(default_record_limit(aead_.alg())) {}
  // The sequence number for this record, or an error if it would wrap.
  core::Result<std::uint64_t> current_sequence(const char* direction) const;
  // Called after a record was sealed/opened successfully.
  void advance();

  crypto::Aead aead_;

 private:
  std::uint64_t seq_ = 0;
  std::uint64_t count_ = 0;
  std::uint64_t limit_;
  bool exhausted_ = false;  // 2^64 - 1 was used: the next one would wrap
};

// Big-endian 8-byte sequence number (the TLS 1.2 AAD and nonce pieces use it).
void put_u64(std::uint8_t* out, std::uint64_t v);

}  // namespace glass::record
