#pragma once
// Incoming records, sans-I/O: feed() bytes in any chunking, then call next()
// until it answers NeedMore. A record is looked at only once it is complete
// (its header is checked as soon as the 5 header bytes are in, so an oversized
// or garbage record fails early). Errors are sticky: after one, every next()
// returns the same error, which carries the alert to send.
#include <cstdint>
#include <memory>
#include <variant>

#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "core/result.hpp"
#include "record/content_type.hpp"
#include "record/protection.hpp"

namespace glass::record {

struct Record {
  ContentType type = ContentType::invalid;  // the real type (inner type in TLS 1.3)
  std::uint8_t outer_type = 0;              // as in the header
  std::uint16_t version = 0;                // legacy_record_version from the header
  Bytes fragment;                           // plaintext content
  bool was_protected = false;
  std::uint64_t seq = 0;        // sequence number, for protected records
  std::size_t padding = 0;      // TLS 1.3 zero padding that was removed
  std::uint64_t offset = 0;     // position of the header in the incoming byte stream
  std::size_t wire_size = 0;    // header + fragment as received
};

// At least `bytes` more input is needed before anything can happen.
struct NeedMore {
  std::size_t bytes = 0;
};

using ReadEvent = std::variant<NeedMore, Record>;

class RecordReader {
 public:
  explicit RecordReader(core::Observer* obs = nullptr) : obs_(obs) {}
  void set_observer(core::Observer* obs) { obs_ = obs; }

  // Version rules: unknown (before negotiation) accepts any 3.x record version;
  // TLS 1.2 wants exactly 0x0303; TLS 1.3 ignores it (RFC 8446 5.1: only the
  // major byte must say 3; the AEAD covers the header of protected records).
  void set_version(Version v) { version_ = v; }
  Version version() const { return version_; }

  // Read keys. Replacing them is a key change: the caller checks the handshake
  // assembler is empty first. nullptr returns to plaintext.
  void set_protection(std::unique_ptr<RecordProtection> p) { prot_ = std::move(p); }
  RecordProtection* protection() { return prot_.get(); }
  const RecordProtection* protection() const { return prot_.get(); }

  // Largest content we accept (default 2^14); lower it to what we announced in
  // record_size_limit or max_fragment_length. Larger records are record_overflow.
  void set_max_plaintext(std::size_t n) { max_plain_ = n; }

  // TLS 1.3 middlebox compatibility (RFC 8446 5, D.4): while allowed, one
  // plaintext ChangeCipherSpec of value 1 is dropped silently. The handshake
  // turns it off once the peer's Finished has arrived.
  void allow_compat_ccs(bool on) { compat_ccs_allowed_ = on; }

  void feed(ByteView bytes);
  core::Result<ReadEvent> next();

  // Bytes received but not yet returned as records.
  std::size_t buffered() const { return buf_.size() - pos_; }
  std::uint64_t records_read() const { return records_; }
  bool failed() const { return failed_; }

  // Consecutive empty records allowed before we call it a denial-of-service.
  static constexpr unsigned max_empty_records = 32;

 private:
  core::Result<ReadEvent> next_record();
  core::Error fail(core::Error e);

  core::Observer* obs_ = nullptr;
  Version version_ = Version::unknown;
  std::unique_ptr<RecordProtection> prot_;
  std::size_t max_plain_ = max_plaintext;
  bool compat_ccs_allowed_ = true;
  bool compat_ccs_seen_ = false;
  unsigned empty_run_ = 0;

  Bytes buf_;
  std::size_t pos_ = 0;
  std::uint64_t stream_offset_ = 0;  // stream position of buf_[pos_]
  std::uint64_t records_ = 0;
  bool failed_ = false;
  core::Error error_;
};

}  // namespace glass::record
