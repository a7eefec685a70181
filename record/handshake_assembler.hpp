#pragma once
// Handshake messages ride in records without respecting their boundaries: one
// message may span many records and one record may hold many messages
// (RFC 8446 5.1, RFC 5246 6.2.1). The assembler takes the plaintext of handshake
// records and hands back whole messages: msg_type(1) ‖ length(3) ‖ body.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "core/result.hpp"

namespace glass::record {

using core::ByteView;
using core::Bytes;

struct HandshakeMessage {
  std::uint8_t type = 0;
  Bytes raw;                // header + body, exactly as received (the transcript input)
  std::uint64_t offset = 0; // where it starts in the stream of handshake bytes
  ByteView body() const { return ByteView(raw).subspan(4); }
};

class HandshakeAssembler {
 public:
  // Bodies up to 2^24 - 1 are legal; we refuse large ones early so a peer cannot
  // make us buffer 16 MiB. 256 KiB fits any sane certificate chain.
  static constexpr std::size_t default_max_message = 256 * 1024;

  explicit HandshakeAssembler(core::Observer* obs = nullptr) : obs_(obs) {}
  void set_observer(core::Observer* obs) { obs_ = obs; }
  void set_max_message_size(std::size_t n) { max_message_ = n; }

  // Appends the plaintext of one handshake record. Empty fragments are
  // unexpected_message (RFC 8446 5.1, RFC 5246 6.2.1).
  core::Status add(ByteView fragment);
  // The next complete message, or nullopt if more records are needed. A length
  // above the limit is an error as soon as the 4-byte header is in. Each message
  // is reported to the observer (received).
  core::Result<std::optional<HandshakeMessage>> next();

  // Bytes of an incomplete (or not yet taken) message.
  std::size_t buffered() const { return buf_.size() - pos_; }
  bool empty() const { return buffered() == 0; }
  std::uint64_t bytes_consumed() const { return consumed_; }

  // Call before a key change (after ServerHello, Finished, KeyUpdate, EndOfEarlyData,
  // or a TLS 1.2 ChangeCipherSpec): unexpected_message if handshake data is still
  // buffered, because a key change must fall on a record boundary (RFC 8446 5.1).
  core::Status check_key_change(std::string_view after_what) const;
  // Call when a record of another type arrives: handshake messages must not be
  // interleaved with other records (RFC 8446 5.1).
  core::Status check_interleave(std::string_view record_type_name) const;

 private:
  Bytes buf_;
  std::size_t pos_ = 0;
  std::uint64_t consumed_ = 0;
  std::size_t max_message_ = default_max_message;
  core::Observer* obs_ = nullptr;
};

}  // namespace glass::record
