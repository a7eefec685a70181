#include "record/writer.hpp"

#include <algorithm>
#include <string>

namespace glass::record {

using core::Alert;
using core::make_error;

std::size_t PaddingPolicy::padding_for(std::size_t content_len, std::size_t max_fragment) const {
  const std::size_t room = content_len < max_fragment ? max_fragment - content_len : 0;
  std::size_t want = 0;
  switch (mode) {
    case Mode::none: break;
    case Mode::fixed: want = n; break;
    case Mode::to_multiple:
      if (n > 1) {
        const std::size_t inner = content_len + 1;  // content ‖ type
        want = (n - inner % n) % n;
      }
      break;
    case Mode::full: want = room; break;
  }
  return std::min(want, room);
}

void RecordWriter::set_max_fragment(std::size_t n) {
  max_fragment_ = std::clamp<std::size_t>(n, 1, max_plaintext);
}

core::Status RecordWriter::set_protection(std::unique_ptr<RecordProtection> p) {
  GLASS_CHECK(flush());
  prot_ = std::move(p);
  return {};
}

core::Status RecordWriter::write(ContentType type, ByteView data) {
  switch (type) {
    case ContentType::handshake:
      if (data.empty())
        return make_error(Alert::internal_error, "refusing to write an empty handshake record");
      core::append(pending_, data);
      return {};
    case ContentType::alert:
      if (data.size() != 2)
        return make_error(Alert::internal_error, "an alert record must hold exactly 2 bytes");
      break;
    case ContentType::change_cipher_spec:
      if (data.size() != 1)
        return make_error(Alert::internal_error, "change_cipher_spec must be 1 byte");
      break;
    case ContentType::application_data:
      break;
    case ContentType::invalid:
      return make_error(Alert::internal_error, "content type 0 is never sent");
  }
  GLASS_CHECK(flush());
  return emit(type, data);
}

core::Status RecordWriter::write_handshake_message(ByteView message) {
  if (message.size() < 4)
    return make_error(Alert::internal_error, "handshake message shorter than its header");
  GLASS_CHECK(write(ContentType::handshake, message));
  if (obs_) obs_->on_handshake_message(core::Direction::sent, message[0], message);
  return {};
}

core::Status RecordWriter::write_alert(const AlertMessage& a) {
  Bytes b = serialize_alert(a);
  GLASS_CHECK(write(ContentType::alert, b));
  if (obs_) obs_->on_alert(core::Direction::sent, static_cast<core::AlertLevel>(a.level),
                           a.description);
  return {};
}

core::Status RecordWriter::write_change_cipher_spec() {
  const std::uint8_t one = 1;
  return write(ContentType::change_cipher_spec, ByteView(&one, 1));
}

core::Status RecordWriter::flush() {
  if (pending_.empty()) return {};
  Bytes data = std::move(pending_);
  pending_.clear();
  return emit(ContentType::handshake, data);
}

core::Result<Bytes> RecordWriter::take_output() {
  GLASS_CHECK(flush());
  return out_.take();
}

core::Result<ByteView> RecordWriter::output() {
  GLASS_CHECK(flush());
  return out_.view();
}

core::Status RecordWriter::emit(ContentType type, ByteView data) {
  // TLS 1.3 sends ChangeCipherSpec in the clear even when keys are installed.
  const bool plaintext = !prot_ || (prot_->version() == Version::tls13 &&
                                    type == ContentType::change_cipher_spec);
  if (data.empty()) return emit_one(type, data, plaintext);
  for (std::size_t off = 0; off < data.size(); off += max_fragment_) {
    const std::size_t n = std::min(max_fragment_, data.size() - off);
    GLASS_CHECK(emit_one(type, data.subspan(off, n), plaintext));
  }
  return {};
}

core::Status RecordWriter::emit_one(ContentType type, ByteView chunk, bool plaintext) {
  const auto t = static_cast<std::uint8_t>(type);
  const std::size_t start = out_.size();
  if (plaintext) {
    std::uint8_t* h = out_.grow(header_size);
    h[0] = t;
    h[1] = static_cast<std::uint8_t>(record_version_ >> 8);
    h[2] = static_cast<std::uint8_t>(record_version_);
    h[3] = static_cast<std::uint8_t>(chunk.size() >> 8);
    h[4] = static_cast<std::uint8_t>(chunk.size());
    out_.append(chunk);
  } else {
    // Sealed straight into the output queue: no record-sized temporary.
    const bool v13 = prot_->version() == Version::tls13;
    const std::size_t pad = v13 ? padding_.padding_for(chunk.size(), max_fragment_) : 0;
    const std::uint64_t seq = prot_->sequence();
    GLASS_CHECK(prot_->seal_append(out_, t, v13 ? wire_tls12 : record_version_, chunk, pad));
    if (obs_ && obs_->wants_record_protection())
      prot_->describe(*obs_, core::Direction::sent, out_.view().subspan(start), seq, t, chunk, pad);
  }
  ++records_;
  if (obs_) {
    const ByteView rec = out_.view().subspan(start);
    obs_->on_record(core::Direction::sent, rec[0], rec, t, chunk);
  }
  return {};
}

}  // namespace glass::record
