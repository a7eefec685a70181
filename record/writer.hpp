#pragma once
// Outgoing records. Handshake messages are buffered so that a flight shares as
// few records as possible (RFC 8448's server flight is one record); anything
// else, a key change or flush() sends them. Long data is cut into records of at
// most max_fragment bytes. Output accumulates until take_output().
#include <cstdint>
#include <memory>

#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "core/result.hpp"
#include "record/alert.hpp"
#include "record/byte_queue.hpp"
#include "record/content_type.hpp"
#include "record/protection.hpp"

namespace glass::record {

// TLS 1.3 record padding (RFC 8446 5.4) hides content lengths. Off by default;
// `--pad` style options show a learner what it does to the wire.
struct PaddingPolicy {
  enum class Mode : std::uint8_t { none, fixed, to_multiple, full };
  Mode mode = Mode::none;
  std::size_t n = 0;

  static PaddingPolicy none() { return {}; }
  // n zero bytes in every record.
  static PaddingPolicy fixed(std::size_t n) { return {Mode::fixed, n}; }
  // Pad content ‖ type up to a multiple of n bytes.
  static PaddingPolicy to_multiple(std::size_t n) { return {Mode::to_multiple, n}; }
  // Every record as large as the fragment limit allows.
  static PaddingPolicy full() { return {Mode::full, 0}; }

  // Zero bytes to add to `content_len` bytes of content, never pushing the
  // content plus padding past `max_fragment`.
  std::size_t padding_for(std::size_t content_len, std::size_t max_fragment) const;
};

class RecordWriter {
 public:
  explicit RecordWriter(core::Observer* obs = nullptr) : obs_(obs) {}
  void set_observer(core::Observer* obs) { obs_ = obs; }

  // legacy_record_version of plaintext records: 0x0301 may be used for the first
  // ClientHello, 0x0303 otherwise (the default). TLS 1.3 protected records are
  // always 0x0303.
  void set_record_version(std::uint16_t v) { record_version_ = v; }
  // Largest content per record, 1..2^14 (record_size_limit, max_fragment_length,
  // or tiny values in tests). Out-of-range values are clamped.
  void set_max_fragment(std::size_t n);
  std::size_t max_fragment() const { return max_fragment_; }
  void set_padding(PaddingPolicy p) { padding_ = p; }

  // New write keys (nullptr: plaintext). Buffered handshake data goes out under
  // the old keys first, so a key change always falls on a record boundary.
  core::Status set_protection(std::unique_ptr<RecordProtection> p);
  RecordProtection* protection() { return prot_.get(); }

  // Handshake data is buffered; other types first flush it, then go out.
  // Empty application data makes one empty record; empty data of other types is
  // refused (internal_error), as is an alert that is not 2 bytes.
  core::Status write(ContentType type, ByteView data);
  // A whole handshake message: buffered like write(handshake, ...) and reported
  // to the observer as a sent handshake message.
  core::Status write_handshake_message(ByteView message);
  core::Status write_alert(const AlertMessage& a);
  // TLS 1.3 middlebox-compatibility ChangeCipherSpec: always plaintext.
  core::Status write_change_cipher_spec();

  core::Status flush();
  std::size_t pending_handshake() const { return pending_.size(); }
  // Flushes, then hands over every record produced so far.
  core::Result<Bytes> take_output();
  // Flushes, then shows the records produced so far without copying them; the
  // view stays valid until the next write or consume_output().
  core::Result<ByteView> output();
  // The first `n` bytes of output() were sent.
  void consume_output(std::size_t n) { out_.consume(n); }
  std::uint64_t records_written() const { return records_; }
  // Records (or buffered handshake data) waiting for take_output().
  bool has_output() const { return !out_.empty() || !pending_.empty(); }

  // The current key has protected as many records as it safely may (RFC 8446 5.5):
  // time for a KeyUpdate (TLS 1.3) or to close.
  bool key_update_due() const { return prot_ && prot_->limit_reached(); }

 private:
  core::Status emit(ContentType type, ByteView data);
  core::Status emit_one(ContentType type, ByteView chunk, bool plaintext);

  core::Observer* obs_ = nullptr;
  std::unique_ptr<RecordProtection> prot_;
  std::uint16_t record_version_ = wire_tls12;
  std::size_t max_fragment_ = max_plaintext;
  PaddingPolicy padding_;
  Bytes pending_;
  ByteQueue out_;
  std::uint64_t records_ = 0;
};

}  // namespace glass::record
