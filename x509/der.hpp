#pragma once
// Strict DER reader and writer (X.690 distinguished encoding) as views over the
// input bytes. Certificates, keys and CRL-like structures are parsed with this
// reader only; BER input (some PKCS#12 files) must first go through ber_to_der(),
// so leniency is explicit and confined to that path.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace glass::x509::der {

using core::Bytes;
using core::ByteView;
using core::Result;
using core::Status;

// Identifier octets (single-byte tags only: X.509 and PKCS#12 use no high tag numbers).
namespace tag {
inline constexpr std::uint8_t boolean = 0x01;
inline constexpr std::uint8_t integer = 0x02;
inline constexpr std::uint8_t bit_string = 0x03;
inline constexpr std::uint8_t octet_string = 0x04;
inline constexpr std::uint8_t null = 0x05;
inline constexpr std::uint8_t oid = 0x06;
inline constexpr std::uint8_t enumerated = 0x0a;
inline constexpr std::uint8_t utf8_string = 0x0c;
inline constexpr std::uint8_t printable_string = 0x13;
inline constexpr std::uint8_t t61_string = 0x14;
inline constexpr std::uint8_t ia5_string = 0x16;
inline constexpr std::uint8_t utc_time = 0x17;
inline constexpr std::uint8_t generalized_time = 0x18;
inline constexpr std::uint8_t visible_string = 0x1a;
inline constexpr std::uint8_t universal_string = 0x1c;
inline constexpr std::uint8_t bmp_string = 0x1e;
inline constexpr std::uint8_t sequence = 0x30;
inline constexpr std::uint8_t set = 0x31;
// [n] context-specific; constructed for EXPLICIT tags and constructed IMPLICIT ones.
constexpr std::uint8_t context(unsigned n, bool constructed) {
  return static_cast<std::uint8_t>(0x80 | (constructed ? 0x20 : 0) | (n & 0x1f));
}
}  // namespace tag

// "SEQUENCE", "[0] constructed", "tag 0x5f".
std::string tag_name(std::uint8_t tag);

struct Element {
  std::uint8_t tag = 0;
  ByteView value;           // contents octets
  ByteView whole;           // identifier + length + contents
  std::size_t offset = 0;   // absolute offset of the identifier octet
  std::size_t header_len = 0;
  bool constructed() const { return (tag & 0x20) != 0; }
};

struct BitString {
  ByteView bytes;            // contents after the unused-bits octet
  unsigned unused_bits = 0;
  // Bit i counted from the most significant bit of the first byte (named bit lists).
  bool bit(unsigned i) const;
};

// A BIT STRING's contents checked for DER: the unused-bits octet present and
// at most 7, zero padding bits. Also for IMPLICIT-tagged ones (unique IDs).
Result<BitString> bit_string_value(const Element& e, const char* what);

// An ASN.1 ANY value kept as bytes (attribute values, unknown algorithm
// parameters, otherName values) is still DER all the way down: constructed
// contents complete elements, primitive ones valid for their type, depth bounded.
core::Status check_any(const Element& e, const char* what);

// OBJECT IDENTIFIER contents: non-empty, minimal arcs, not ending mid-arc.
core::Status check_oid_contents(ByteView contents, const char* what, std::size_t offset);

// Dotted-decimal text of an OID's contents ("1.2.840.113549.1.1.11"); "invalid" if malformed.
std::string oid_to_string(ByteView oid_contents);
// Contents octets for a dotted OID; aborts on a malformed constant (programmer error).
Bytes oid_from_string(std::string_view dotted);

// Seconds since 1970-01-01T00:00:00Z, and back to "2026-01-01T00:00:00Z".
using Time = std::int64_t;
std::string format_time(Time t);
// An instant with sub-second precision (validity comparisons stay exact).
struct PreciseTime {
  Time seconds = 0;           // floor of the instant
  std::uint32_t nanos = 0;    // 0..999999999
};
// Parses an RFC 3339 date-time (5.6): "2026-01-31T12:00:00Z", with optional
// fractional seconds ("...:00.250Z", up to 9 digits) and a numeric offset
// ("...+02:00", "...-05:30") instead of Z. For --at options.
Result<PreciseTime> parse_rfc3339_precise(std::string_view s);
Result<Time> parse_rfc3339(std::string_view s);  // floor of the above
// Days-from-civil style conversion, shared by the DER time parser and writer.
Time make_time(int year, unsigned month, unsigned day, unsigned hour, unsigned minute,
               unsigned second);

class Reader {
 public:
  Reader() = default;
  explicit Reader(ByteView data, std::size_t base_offset = 0)
      : data_(data), base_(base_offset) {}
  explicit Reader(Bytes&&, std::size_t = 0) = delete;

  // Any element; decode_error for non-minimal or indefinite lengths, high tags,
  // or truncation. `what` names the field in errors.
  Result<Element> next(const char* what);
  // Next element, which must carry `tag`.
  Result<Element> expect(std::uint8_t tag, const char* what);
  // Next element if it carries `tag`, otherwise nothing (and nothing is consumed).
  Result<std::optional<Element>> optional(std::uint8_t tag, const char* what);
  bool peek(std::uint8_t tag) const;
  std::optional<std::uint8_t> peek_tag() const;

  // Enter a constructed element: the returned reader covers its contents.
  Result<Reader> enter(std::uint8_t tag, const char* what);
  Result<Reader> sequence(const char* what) { return enter(tag::sequence, what); }
  Result<Reader> set(const char* what) { return enter(tag::set, what); }

  // INTEGER contents, validated minimal; the sign byte is kept.
  Result<ByteView> integer(const char* what);
  // Non-negative INTEGER as unsigned big-endian magnitude (leading 00 removed).
  Result<ByteView> unsigned_integer(const char* what);
  // INTEGER that must fit in int64.
  Result<std::int64_t> small_integer(const char* what);
  Result<bool> boolean(const char* what);
  Result<ByteView> oid(const char* what);  // contents octets, validated
  Result<BitString> bit_string(const char* what);
  Result<ByteView> octet_string(const char* what);
  Status null(const char* what);
  // UTCTime or GeneralizedTime per RFC 5280 4.1.2.5 (Z, seconds, no fractions).
  Result<Time> time(const char* what);

  bool empty() const { return pos_ == data_.size(); }
  std::size_t remaining() const { return data_.size() - pos_; }
  std::size_t offset() const { return base_ + pos_; }
  ByteView data() const { return data_; }
  Status expect_end(const char* what) const;

 private:
  ByteView data_;
  std::size_t pos_ = 0;
  std::size_t base_ = 0;
};

// The whole of `value` must be one element of `tag` (an extension value, an
// AlgorithmIdentifier); returns a reader over its contents.
Result<Reader> only(ByteView value, std::uint8_t tag, const char* what);

// Rewrites BER (indefinite lengths, constructed strings, non-minimal lengths)
// as DER so the strict reader can take it. Depth and size are bounded.
Result<Bytes> ber_to_der(ByteView ber, unsigned max_depth = 32);

// DER builder. Constructed elements take a body callback; lengths are computed
// once the body is written.
class Writer {
 public:
  template <class F>
  void constructed(std::uint8_t tag, F&& body) {
    std::size_t start = buf_.size();
    body();
    wrap(tag, start);
  }
  template <class F>
  void sequence(F&& body) { constructed(tag::sequence, std::forward<F>(body)); }
  template <class F>
  void set(F&& body) { constructed(tag::set, std::forward<F>(body)); }

  void element(std::uint8_t tag, ByteView contents);
  void raw(ByteView der) { core::append(buf_, der); }
  // Unsigned big-endian magnitude; adds a leading zero when the top bit is set.
  void unsigned_integer(ByteView magnitude);
  void small_integer(std::int64_t v);
  void boolean(bool v);
  void null();
  void oid(std::string_view dotted);
  void oid_bytes(ByteView contents) { element(tag::oid, contents); }
  void octet_string(ByteView b) { element(tag::octet_string, b); }
  void bit_string(ByteView b, unsigned unused_bits = 0);
  void utf8_string(std::string_view s);
  void printable_string(std::string_view s);
  void ia5_string(std::string_view s);
  void bmp_string(std::string_view utf8);  // UTF-8 in, UCS-2 big-endian out
  // UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5).
  void time(Time t);

  Bytes take() { return std::move(buf_); }
  const Bytes& buffer() const { return buf_; }

 private:
  void wrap(std::uint8_t tag, std::size_t start);
  Bytes buf_;
};

}  // namespace glass::x509::der
