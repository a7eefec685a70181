#include "record/reader.hpp"

#include <cstdio>
#include <string>

#include "record/alert.hpp"

// GCC 12 with -fsanitize reports moves of a std::variant<NeedMore, Record> as
// "maybe uninitialized" (a known false positive of -Wmaybe-uninitialized).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace glass::record {

using core::Alert;
using core::make_error;

namespace {

std::string hex16(std::uint16_t v) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%04x", v);
  return b;
}

// A hint for the classic mistakes of talking TLS to something that is not.
std::string first_bytes_hint(const std::uint8_t* p, std::size_t n) {
  auto starts = [&](const char* s) {
    std::size_t i = 0;
    for (; s[i]; ++i)
      if (i >= n || p[i] != static_cast<std::uint8_t>(s[i])) return false;
    return true;
  };
  for (const char* m : {"GET ", "POST", "PUT ", "HEAD", "HTTP", "OPTI", "DELE", "CONN"})
    if (starts(m)) return " (the bytes look like plaintext HTTP, not TLS)";
  for (const char* m : {"SSH-", "220 ", "* OK"})
    if (starts(m)) return " (the bytes look like a plaintext protocol greeting, not TLS)";
  if (n > 0 && (p[0] & 0x80)) return " (an SSLv2-format record header? not supported)";
  return "";
}

}  // namespace

void RecordReader::feed(ByteView bytes) {
  keep_unread();
  if (pos_ > 0 && (pos_ == buf_.size() || pos_ >= 4096)) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  core::append(buf_, bytes);
}

void RecordReader::feed_borrowed(ByteView bytes) {
  if (buffered() > 0 || bytes.empty()) return feed(bytes);
  buf_.clear();
  pos_ = 0;
  borrowed_ = bytes;
}

void RecordReader::keep_unread() {
  if (borrowed_.empty()) return;
  const ByteView rest = borrowed_;
  borrowed_ = {};
  feed(rest);
}

ByteView RecordReader::input() const {
  if (!borrowed_.empty()) return borrowed_;
  return ByteView(buf_.data() + pos_, buf_.size() - pos_);
}

void RecordReader::skip_input(std::size_t n) {
  if (!borrowed_.empty())
    borrowed_ = borrowed_.subspan(n);
  else
    pos_ += n;
  stream_offset_ += n;
}

core::Error RecordReader::fail(core::Error e) {
  failed_ = true;
  error_ = e;
  if (obs_)
    obs_->on_note("record at stream offset " + std::to_string(stream_offset_) +
                  " rejected: " + e.to_string());
  return e;
}

core::Result<ReadEvent> RecordReader::next() {
  if (failed_) return error_;
  auto r = next_record();
  if (!r) return fail(std::move(r).error());
  return r;
}

void RecordReader::describe_opened(ByteView wire, const Opened& o) const {
  if (!obs_ || !obs_->wants_record_protection()) return;
  prot_->describe(*obs_, core::Direction::received, wire, o.seq, o.type, o.content, o.padding);
}

core::Status RecordReader::take_opened(Record& rec, Opened o) const {
  const bool prot13 = prot_ && prot_->version() == Version::tls13;
  if (!content_type_known(o.type))
    return make_error(Alert::unexpected_message,
                      "decrypted record has content type " + content_type_name(o.type));
  if (prot13 && o.type == static_cast<std::uint8_t>(ContentType::change_cipher_spec))
    return make_error(Alert::unexpected_message,
                      "encrypted change_cipher_spec record (RFC 8446 5: only a plaintext "
                      "one is tolerated, for middlebox compatibility)");
  rec.type = static_cast<ContentType>(o.type);
  rec.fragment = std::move(o.content);
  rec.was_protected = true;
  rec.seq = o.seq;
  rec.padding = o.padding;
  const std::size_t size = rec.fragment.size() + rec.in_sink;
  if (size > max_plain_)
    return make_error(Alert::record_overflow,
                      "decrypted " + content_type_name(o.type) + " record of " +
                          std::to_string(size) + " bytes exceeds the limit of " +
                          std::to_string(max_plain_));
  return {};
}

// Application data stays in the sink; anything else moves to rec.fragment.
core::Status RecordReader::open_to_sink(Record& rec, ByteView wire, ByteView header,
                                        ByteView fragment) {
  GLASS_TRY(OpenedInto o, prot_->open_append(header, fragment, *sink_));
  if (obs_ && obs_->wants_record_protection())
    prot_->describe(*obs_, core::Direction::received, wire, o.seq, o.type,
                    sink_->view().last(o.length), o.padding);
  Opened meta;
  meta.type = o.type;
  meta.padding = o.padding;
  meta.seq = o.seq;
  if (o.type == static_cast<std::uint8_t>(ContentType::application_data)) {
    rec.in_sink = o.length;
  } else {
    const ByteView v = sink_->view().last(o.length);
    meta.content.assign(v.begin(), v.end());
    sink_->drop_back(o.length);
  }
  auto st = take_opened(rec, std::move(meta));
  if (!st) {
    sink_->drop_back(rec.in_sink);
    rec.in_sink = 0;
  }
  return st;
}

// Type and version of the header at the front of `in` (at least header_size bytes).
core::Result<RecordReader::Head> RecordReader::parse_header(ByteView in) const {
  Head hd;
  hd.h = in.data();
  hd.have = in.size();
  const std::uint8_t* h = hd.h;
  hd.type = h[0];
  hd.version = static_cast<std::uint16_t>((h[1] << 8) | h[2]);
  hd.len = (std::size_t{h[3]} << 8) | h[4];
  if (!content_type_known(hd.type))
    return make_error(Alert::unexpected_message,
                      "record of unknown content type " + content_type_name(hd.type) +
                          " (expected 20..23)" +
                          (stream_offset_ == 0 ? first_bytes_hint(h, hd.have) : ""));
  if ((hd.version >> 8) != 3)
    return make_error(Alert::protocol_version,
                      "record version " + hex16(hd.version) +
                          " is not TLS (major version must be 3)" +
                          (stream_offset_ == 0 ? first_bytes_hint(h, hd.have) : ""));
  if (version_ == Version::tls12 && hd.version != wire_tls12)
    return make_error(Alert::protocol_version, "record version " + hex16(hd.version) +
                                                   " in a TLS 1.2 connection (expected 0x0303)");
  return hd;
}

// Whether the record is protected; sets hd.need when the alert bytes are missing.
core::Status RecordReader::classify(Head& hd) const {
  const std::uint8_t* h = hd.h;
  hd.prot13 = prot_ && prot_->version() == Version::tls13;
  const auto ctype = static_cast<ContentType>(hd.type);
  // TLS 1.3 never encrypts ChangeCipherSpec; with 1.3 keys, everything else
  // must arrive as application_data.
  const bool encrypted_type = prot_ && !(hd.prot13 && ctype == ContentType::change_cipher_spec);
  // A peer that gave up on us (our certificate, say) may send its fatal alert in
  // plaintext although we expect protected records. Two bytes cannot be an AEAD
  // record, so this is unambiguous: hand it over as the alert it is.
  const bool two_byte_alert = prot_ && ctype == ContentType::alert && hd.len == 2;
  if (two_byte_alert && hd.have < header_size + 2) {
    hd.need = header_size + 2 - hd.have;
    return {};
  }
  const bool plaintext_fatal_alert =
      two_byte_alert && h[5] == static_cast<std::uint8_t>(core::AlertLevel::fatal);
  if (hd.prot13 && !plaintext_fatal_alert &&
      (ctype == ContentType::handshake || ctype == ContentType::alert)) {
    std::string what = "plaintext " + content_type_name(hd.type) +
                       " record after encryption started (TLS 1.3 protects every record "
                       "after ServerHello)";
    if (ctype == ContentType::alert && hd.len == 2 && hd.have >= header_size + 2) {
      AlertMessage a{h[5], static_cast<Alert>(h[6])};
      what += "; the peer says: " + describe_alert(a);
    }
    return make_error(Alert::unexpected_message, what);
  }
  hd.encrypted = encrypted_type && !plaintext_fatal_alert;
  return {};
}

// The length limit for this kind of record; sets hd.need until the body is in.
core::Status RecordReader::check_length(Head& hd) const {
  const bool encrypted = hd.encrypted;
  const std::size_t limit = !encrypted   ? max_plain_
                            : hd.prot13 ? max_ciphertext_13
                                        : max_ciphertext_12;
  if (hd.len > limit)
    return make_error(Alert::record_overflow,
                      std::string(encrypted ? "encrypted" : "plaintext") + " " +
                          content_type_name(hd.type) + " record of " + std::to_string(hd.len) +
                          " bytes exceeds the limit of " + std::to_string(limit) +
                          (encrypted ? (hd.prot13 ? " (2^14 + 256, RFC 8446 5.2)"
                                                  : " (2^14 + 2048, RFC 5246 6.2.3)")
                                     : ""));
  if (hd.have < header_size + hd.len) hd.need = header_size + hd.len - hd.have;
  return {};
}

// Early data we declined: drop what we cannot (or need not) deprotect.
// False when the record was dropped.
core::Result<bool> RecordReader::read_early_data(const Head& hd, Record& rec) {
  std::optional<Opened> opened;
  if (hd.encrypted) {
    auto o = prot_->open(hd.header(), hd.fragment());
    if (o) opened = std::move(o).value();
    else if (o.error().alert != Alert::bad_record_mac) return std::move(o).error();
  }
  if (!opened) {
    const std::size_t len = hd.len;
    const std::size_t payload =
        len > crypto::aead_tag_size + 1 ? len - crypto::aead_tag_size - 1 : 0;
    early_skipped_ += payload;
    if (early_skipped_ > max_skipped_early_data)
      return make_error(Alert::unexpected_message,
                        "more than " + std::to_string(max_skipped_early_data) +
                            " bytes of early data, which this server does not accept "
                            "(RFC 8446 4.2.10)");
    skip_input(hd.wire().size());
    if (obs_) {
      obs_->on_record(core::Direction::received, hd.type, hd.wire(), hd.type, {});
      obs_->on_note("skipped " + std::to_string(len) +
                    " bytes of early data (not accepted; RFC 8446 4.2.10)");
    }
    return false;
  }
  early_skip_ = false;  // the client's second flight starts here
  describe_opened(hd.wire(), *opened);
  GLASS_CHECK(take_opened(rec, std::move(*opened)));
  return true;
}

// The record's content into rec (deprotected if need be), and the input past it.
// False when the record was dropped as declined early data.
core::Result<bool> RecordReader::read_body(const Head& hd, Record& rec) {
  const auto ctype = static_cast<ContentType>(hd.type);
  rec.outer_type = hd.type;
  rec.version = hd.version;
  rec.offset = stream_offset_;
  rec.wire_size = hd.wire().size();
  if (early_skip_ && ctype == ContentType::application_data) {
    GLASS_TRY(bool kept, read_early_data(hd, rec));
    if (!kept) return false;
  } else if (hd.encrypted && sink_) {
    GLASS_CHECK(open_to_sink(rec, hd.wire(), hd.header(), hd.fragment()));
  } else if (hd.encrypted) {
    GLASS_TRY(Opened o, prot_->open(hd.header(), hd.fragment()));
    describe_opened(hd.wire(), o);
    GLASS_CHECK(take_opened(rec, std::move(o)));
  } else {
    if (ctype == ContentType::application_data)
      return make_error(Alert::unexpected_message,
                        "application_data record before encryption keys were installed");
    rec.type = ctype;
    rec.fragment.assign(hd.fragment().begin(), hd.fragment().end());
  }
  skip_input(hd.wire().size());
  return true;
}

// Content rules for ChangeCipherSpec. False when it was dropped as a TLS 1.3
// middlebox-compatibility record.
core::Result<bool> RecordReader::check_ccs(const Head& hd, const Record& rec) const {
  const bool ok_value = rec.fragment.size() == 1 && rec.fragment[0] == 1;
  if (version_ == Version::tls13 || hd.prot13) {
    if (!ok_value)
      return make_error(Alert::unexpected_message,
                        "change_cipher_spec must be the single byte 0x01 (RFC 8446 5)");
    if (!compat_ccs_allowed_)
      return make_error(Alert::unexpected_message,
                        "change_cipher_spec outside the handshake (TLS 1.3 tolerates one "
                        "only before the peer's Finished)");
    if (handshake_pending_)
      return make_error(Alert::unexpected_message,
                        "change_cipher_spec inside a fragmented handshake message (RFC "
                        "8446 5.1: handshake messages must not be interleaved with other "
                        "records)");
    if (obs_) {
      obs_->on_record(core::Direction::received, hd.type, hd.wire(), hd.type, rec.fragment);
      obs_->on_note("dropped the middlebox-compatibility change_cipher_spec (RFC 8446 D.4)");
    }
    return false;
  }
  if (!ok_value)
    // unexpected_message, as OpenSSL answers: the record is not a CCS at all.
    return make_error(Alert::unexpected_message,
                      "change_cipher_spec must be the single byte 0x01 (RFC 5246 7.1)");
  return true;
}

// Content type checks on the read record; false when it is to be dropped.
core::Result<bool> RecordReader::check_content(const Head& hd, const Record& rec) {
  if (rec.fragment.empty() && rec.type != ContentType::application_data)
    return make_error(Alert::unexpected_message,
                      "zero-length " + content_type_name(rec.type) +
                          " record (only application_data may be empty)");
  if (rec.type == ContentType::change_cipher_spec) {
    GLASS_TRY(bool keep, check_ccs(hd, rec));
    if (!keep) return false;
  }
  if (rec.fragment.empty() && rec.in_sink == 0) {
    if (++empty_run_ > max_empty_records)
      return make_error(Alert::unexpected_message,
                        "more than " + std::to_string(max_empty_records) +
                            " empty records in a row");
  } else {
    empty_run_ = 0;
  }
  return true;
}

core::Result<ReadEvent> RecordReader::next_record() {
  for (;;) {
    const ByteView in = input();
    if (in.size() < header_size) return ReadEvent{NeedMore{header_size - in.size()}};
    GLASS_TRY(Head hd, parse_header(in));
    GLASS_CHECK(classify(hd));
    if (hd.need) return ReadEvent{NeedMore{hd.need}};
    GLASS_CHECK(check_length(hd));
    if (hd.need) return ReadEvent{NeedMore{hd.need}};

    Record rec;
    GLASS_TRY(bool read, read_body(hd, rec));
    if (!read) continue;
    GLASS_TRY(bool keep, check_content(hd, rec));
    if (!keep) continue;
    ++records_;
    if (obs_)
      obs_->on_record(core::Direction::received, hd.type, hd.wire(),
                      static_cast<std::uint8_t>(rec.type),
                      rec.in_sink ? sink_->view().last(rec.in_sink) : ByteView(rec.fragment));
    return ReadEvent{std::move(rec)};
  }
}

}  // namespace glass::record
