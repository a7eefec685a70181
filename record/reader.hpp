#pragma once
// Incoming records, sans-I/O: feed() bytes in any chunking, then call next()
// until it answers NeedMore. A record is looked at only once it is complete
// (its header is checked as soon as the 5 header bytes are in, so an oversized
// or garbage record fails early). Errors are sticky: after one, every next()
// returns the same error, which carries the alert to send.
#include <cstdint>
#include <memory>
#include <optional>
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
  // Protected application data decrypted into the app-data sink instead of
  // `fragment` (see set_app_data_sink): its last `in_sink` bytes.
  std::size_t in_sink = 0;
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

  // TLS 1.3 middlebox compatibility (RFC 8446 5, D.4): while allowed, every
  // plaintext ChangeCipherSpec of exactly the byte 1 is dropped silently, however
  // many arrive (peers send one, some two around a HelloRetryRequest). The
  // handshake turns it off once the peer's Finished has arrived.
  void allow_compat_ccs(bool on) { compat_ccs_allowed_ = on; }
  // The handshake assembler holds part of a message: a compatibility CCS now
  // would sit inside a fragmented handshake message (unexpected_message).
  void set_handshake_pending(bool on) { handshake_pending_ = on; }

  // Early data we do not accept (RFC 8446 4.2.10). With read keys installed,
  // records that fail to deprotect are dropped until one deprotects (trial
  // decryption, after a 1-RTT answer); without keys, every outer
  // application_data record is dropped (after a HelloRetryRequest) until
  // stop_skipping_early_data(). At most max_skipped_early_data bytes of
  // payload (record body minus tag and type byte, padding included) are
  // dropped; past that the early data is unexpected_message.
  void skip_early_data() { early_skip_ = true; }
  void stop_skipping_early_data() { early_skip_ = false; }
  bool skipping_early_data() const { return early_skip_; }
  std::size_t early_data_skipped() const { return early_skipped_; }
  static constexpr std::size_t max_skipped_early_data = 16384;

  // Protected application_data content is decrypted straight into the back of
  // `sink` (Record::in_sink says how much) instead of a fresh Record::fragment.
  // Other records, and records opened while skipping early data, are unchanged.
  void set_app_data_sink(ByteQueue* sink) { sink_ = sink; }

  void feed(ByteView bytes);
  // Like feed(), but when nothing is buffered the records are read from `bytes`
  // itself, without copying; keep_unread() must be called before `bytes` goes
  // away (it copies the part not yet returned as records).
  void feed_borrowed(ByteView bytes);
  void keep_unread();
  core::Result<ReadEvent> next();

  // Bytes received but not yet returned as records.
  std::size_t buffered() const { return buf_.size() - pos_ + borrowed_.size(); }
  std::uint64_t records_read() const { return records_; }
  bool failed() const { return failed_; }

  // Consecutive empty records allowed before we call it a denial-of-service.
  static constexpr unsigned max_empty_records = 32;

 private:
  // The record header at the front of the input and what it implies.
  struct Head {
    const std::uint8_t* h = nullptr;  // header, then body, in the input
    std::size_t have = 0;             // input bytes available from h
    std::uint8_t type = 0;            // outer content type
    std::uint16_t version = 0;
    std::size_t len = 0;              // body length from the header
    bool prot13 = false;              // TLS 1.3 read keys installed
    bool encrypted = false;           // the body is to be deprotected
    std::size_t need = 0;             // more input needed before going on
    ByteView header() const { return ByteView(h, header_size); }
    ByteView fragment() const { return ByteView(h + header_size, len); }
    ByteView wire() const { return ByteView(h, header_size + len); }
  };
  core::Result<ReadEvent> next_record();
  core::Result<Head> parse_header(ByteView in) const;
  core::Status classify(Head& hd) const;
  core::Status check_length(Head& hd) const;
  core::Result<bool> read_body(const Head& hd, Record& rec);
  core::Result<bool> read_early_data(const Head& hd, Record& rec);
  core::Result<bool> check_content(const Head& hd, const Record& rec);
  core::Result<bool> check_ccs(const Head& hd, const Record& rec) const;
  core::Status take_opened(Record& rec, Opened o) const;
  void describe_opened(ByteView wire, const Opened& o) const;
  core::Status open_to_sink(Record& rec, ByteView wire, ByteView header, ByteView fragment);
  ByteView input() const;
  void skip_input(std::size_t n);
  core::Error fail(core::Error e);

  core::Observer* obs_ = nullptr;
  Version version_ = Version::unknown;
  std::unique_ptr<RecordProtection> prot_;
  std::size_t max_plain_ = max_plaintext;
  bool compat_ccs_allowed_ = true;
  bool handshake_pending_ = false;
  bool early_skip_ = false;
  std::size_t early_skipped_ = 0;
  unsigned empty_run_ = 0;

  ByteQueue* sink_ = nullptr;
  Bytes buf_;
  std::size_t pos_ = 0;
  ByteView borrowed_;  // feed_borrowed() input not yet consumed (buf_ is empty then)
  std::uint64_t stream_offset_ = 0;  // stream position of buf_[pos_]
  std::uint64_t records_ = 0;
  bool failed_ = false;
  core::Error error_;
};

}  // namespace glass::record
