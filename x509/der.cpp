#include "x509/der.hpp"

#include <cstdio>
#include <cstdlib>

namespace glass::x509::der {

using core::Alert;
using core::make_error;

namespace {

std::string at(std::size_t off) { return " at offset " + std::to_string(off); }

core::Error bad(const char* what, std::string why, std::size_t off) {
  return make_error(Alert::decode_error,
                    std::string(what ? what : "element") + ": " + why + at(off));
}

bool is_digit(std::uint8_t c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string tag_name(std::uint8_t t) {
  switch (t) {
    case tag::boolean: return "BOOLEAN";
    case tag::integer: return "INTEGER";
    case tag::bit_string: return "BIT STRING";
    case tag::octet_string: return "OCTET STRING";
    case tag::null: return "NULL";
    case tag::oid: return "OBJECT IDENTIFIER";
    case tag::enumerated: return "ENUMERATED";
    case tag::utf8_string: return "UTF8String";
    case tag::printable_string: return "PrintableString";
    case tag::t61_string: return "TeletexString";
    case tag::ia5_string: return "IA5String";
    case tag::utc_time: return "UTCTime";
    case tag::generalized_time: return "GeneralizedTime";
    case tag::visible_string: return "VisibleString";
    case tag::universal_string: return "UniversalString";
    case tag::bmp_string: return "BMPString";
    case tag::sequence: return "SEQUENCE";
    case tag::set: return "SET";
    default: break;
  }
  if ((t & 0xc0) == 0x80)
    return "[" + std::to_string(t & 0x1f) + "]" + ((t & 0x20) ? " constructed" : "");
  char buf[16];
  std::snprintf(buf, sizeof buf, "tag 0x%02x", t);
  return buf;
}

bool BitString::bit(unsigned i) const {
  std::size_t byte = i / 8;
  if (byte >= bytes.size()) return false;
  return (bytes[byte] >> (7 - i % 8)) & 1;
}

std::string oid_to_string(ByteView c) {
  if (c.empty() || (c.back() & 0x80)) return "invalid";
  std::string out;
  std::uint64_t v = 0;
  bool first = true;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (v > (UINT64_MAX >> 8)) return "invalid";
    v = (v << 7) | (c[i] & 0x7f);
    if (c[i] & 0x80) continue;
    if (first) {
      unsigned arc1 = v < 40 ? 0 : v < 80 ? 1 : 2;
      out = std::to_string(arc1) + "." + std::to_string(v - 40 * arc1);
      first = false;
    } else {
      out += "." + std::to_string(v);
    }
    v = 0;
  }
  return out;
}

core::Status check_oid_contents(ByteView v, const char* what, std::size_t offset) {
  if (v.empty()) return bad(what, "empty OBJECT IDENTIFIER", offset);
  if (v.back() & 0x80) return bad(what, "OBJECT IDENTIFIER ends mid-arc", offset);
  bool arc_start = true;
  for (auto b : v) {
    if (arc_start && b == 0x80) return bad(what, "non-minimal OBJECT IDENTIFIER arc", offset);
    arc_start = !(b & 0x80);
  }
  return {};
}

Bytes oid_from_string(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::uint64_t v = 0;
  bool have = false;
  for (char ch : dotted) {
    if (ch == '.') {
      if (!have) std::abort();
      arcs.push_back(v);
      v = 0;
      have = false;
    } else if (ch >= '0' && ch <= '9') {
      v = v * 10 + static_cast<std::uint64_t>(ch - '0');
      have = true;
    } else {
      std::abort();
    }
  }
  if (!have) std::abort();
  arcs.push_back(v);
  if (arcs.size() < 2 || arcs[0] > 2) std::abort();
  Bytes out;
  auto put = [&](std::uint64_t x) {
    std::uint8_t tmp[10];
    int n = 0;
    do {
      tmp[n++] = static_cast<std::uint8_t>(x & 0x7f);
      x >>= 7;
    } while (x != 0);
    while (n > 0) {
      --n;
      out.push_back(static_cast<std::uint8_t>(tmp[n] | (n > 0 ? 0x80 : 0)));
    }
  };
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

Time make_time(int year, unsigned month, unsigned day, unsigned hour, unsigned minute,
               unsigned second) {
  // Count days from 1970-01-01 using a March-based year so leap days fall last.
  int y = year - (month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int mp = static_cast<int>(month) + (month > 2 ? -3 : 9);
  int doy = (153 * mp + 2) / 5 + static_cast<int>(day) - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

namespace {
struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
};
Civil to_civil(Time t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  unsigned d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return {y, m, d, static_cast<unsigned>(secs / 3600), static_cast<unsigned>(secs / 60 % 60),
          static_cast<unsigned>(secs % 60)};
}

unsigned days_in_month(int year, unsigned month) {
  static const unsigned dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : dm[month - 1];
}

// Parses fixed-width digits; false on any non-digit.
bool digits(ByteView s, std::size_t pos, std::size_t n, unsigned& out) {
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(s[pos + i])) return false;
    out = out * 10 + (s[pos + i] - '0');
  }
  return true;
}
}  // namespace

std::string format_time(Time t) {
  Civil c = to_civil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

Result<PreciseTime> parse_rfc3339_precise(std::string_view s) {
  auto b = core::as_bytes(s);
  auto malformed = [&] {
    return make_error(Alert::illegal_parameter,
                      "time '" + std::string(s) +
                          "' is not RFC 3339 (2026-01-31T12:00:00Z, 2026-01-31T12:00:00.5+02:00)");
  };
  unsigned y, mo, d, h, mi, se;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
      s[13] != ':' || s[16] != ':' || !digits(b, 0, 4, y) || !digits(b, 5, 2, mo) ||
      !digits(b, 8, 2, d) || !digits(b, 11, 2, h) || !digits(b, 14, 2, mi) ||
      !digits(b, 17, 2, se))
    return malformed();
  std::size_t i = 19;
  std::uint32_t nanos = 0;
  if (s[i] == '.') {
    std::size_t n = 0;
    for (++i; i < s.size() && is_digit(b[i]); ++i, ++n)
      if (n < 9) nanos = nanos * 10 + static_cast<std::uint32_t>(b[i] - '0');
    if (n == 0) return malformed();
    for (std::size_t k = n; k < 9; ++k) nanos *= 10;
  }
  if (i >= s.size()) return malformed();
  std::int64_t offset = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    if (i + 1 != s.size()) return malformed();
  } else if (s[i] == '+' || s[i] == '-') {
    unsigned oh, om;
    if (s.size() != i + 6 || s[i + 3] != ':' || !digits(b, i + 1, 2, oh) ||
        !digits(b, i + 4, 2, om) || oh > 23 || om > 59)
      return malformed();
    offset = (s[i] == '+' ? 1 : -1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
  } else {
    return malformed();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(static_cast<int>(y), mo) || h > 23 ||
      mi > 59 || se > 59)
    return make_error(Alert::illegal_parameter, "time '" + std::string(s) + "' is out of range");
  // Local time minus its offset is UTC.
  return PreciseTime{make_time(static_cast<int>(y), mo, d, h, mi, se) - offset, nanos};
}

Result<Time> parse_rfc3339(std::string_view s) {
  GLASS_TRY(auto t, parse_rfc3339_precise(s));
  return t.seconds;
}

Result<Element> Reader::next(const char* what) {
  std::size_t start = pos_;
  std::size_t off = offset();
  if (remaining() < 2)
    return bad(what, "truncated (need an identifier and a length, have " +
                         std::to_string(remaining()) + " bytes)",
               off);
  std::uint8_t t = data_[pos_];
  if ((t & 0x1f) == 0x1f) return bad(what, "high tag numbers are not used here", off);
  if ((t & 0xc0) == 0) {  // universal class: X.690 fixes the form of some types
    const unsigned number = t & 0x1f;
    const bool constructed = (t & 0x20) != 0;
    if (number == 0)  // X.690 8.1.5: only ends an indefinite length (BER)
      return bad(what, "end-of-contents (tag 0) is not a value", off);
    if ((number == 16 || number == 17) && !constructed)
      return bad(what, std::string(number == 16 ? "SEQUENCE" : "SET") + " with the primitive bit (" +
                           tag_name(t) + ") is not DER: it must be constructed",
                 off);
    // DER: only EXTERNAL, EMBEDDED PDV, SEQUENCE, SET and CHARACTER STRING are
    // constructed; everything else, strings included (X.690 10.2), is primitive.
    if (constructed && number != 8 && number != 11 && number != 16 && number != 17 && number != 29)
      return bad(what, tag_name(t & 0x1f) + " with the constructed bit (" + tag_name(t) +
                           ") is not DER: it must be primitive",
                 off);
  }
  std::uint8_t l0 = data_[pos_ + 1];
  std::size_t p = pos_ + 2;
  std::size_t len = 0;
  if (l0 < 0x80) {
    len = l0;
  } else if (l0 == 0x80) {
    return bad(what, "indefinite length is BER, not DER", off);
  } else {
    std::size_t n = l0 & 0x7f;
    if (n > 4) return bad(what, "length of length " + std::to_string(n) + " is too large", off);
    if (remaining() < 2 + n) return bad(what, "truncated in the length octets", off);
    if (data_[p] == 0) return bad(what, "non-minimal length (leading zero)", off);
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | data_[p + i];
    if (len < 0x80) return bad(what, "non-minimal length (long form for a short length)", off);
    p += n;
  }
  if (len > data_.size() - p)
    return bad(what,
               tag_name(t) + " of length " + std::to_string(len) + " truncated (only " +
                   std::to_string(data_.size() - p) + " bytes left)",
               off);
  // Wherever they appear (an ANY, parameters we do not decode), these two have a
  // fixed size: X.690 8.8.2 (NULL has no contents) and 8.2.1 (BOOLEAN one octet).
  if (t == 0x05 && len != 0) return bad(what, "NULL with contents (X.690 8.8.2)", off);
  if (t == 0x01 && len != 1) return bad(what, "BOOLEAN of length " + std::to_string(len) + " (must be 1)", off);
  // An OID must decode wherever it is (e.g. curve parameters we keep as bytes).
  if (t == 0x06) GLASS_CHECK(check_oid_contents(data_.subspan(p, len), what, off));
  Element e;
  e.tag = t;
  e.header_len = p - start;
  e.value = data_.subspan(p, len);
  e.whole = data_.subspan(start, p - start + len);
  e.offset = off;
  pos_ = p + len;
  return e;
}

bool Reader::peek(std::uint8_t t) const { return !empty() && data_[pos_] == t; }

std::optional<std::uint8_t> Reader::peek_tag() const {
  if (empty()) return std::nullopt;
  return data_[pos_];
}

Result<Element> Reader::expect(std::uint8_t t, const char* what) {
  if (empty()) return bad(what, "missing (expected " + tag_name(t) + ")", offset());
  if (data_[pos_] != t) {
    // Name the encoding problem first: 1f 01 is BOOLEAN in the (non-DER) long form.
    if ((data_[pos_] & 0x1f) == 0x1f) return bad(what, "high tag numbers are not used here", offset());
    return bad(what, "expected " + tag_name(t) + ", found " + tag_name(data_[pos_]), offset());
  }
  return next(what);
}

Result<std::optional<Element>> Reader::optional(std::uint8_t t, const char* what) {
  if (!peek(t)) return std::optional<Element>{};
  GLASS_TRY(auto e, next(what));
  return std::optional<Element>{e};
}

Result<Reader> Reader::enter(std::uint8_t t, const char* what) {
  GLASS_TRY(auto e, expect(t, what));
  return Reader(e.value, e.offset + e.header_len);
}

namespace {

// INTEGER and ENUMERATED contents: at least one octet, minimal (X.690 8.3.2).
core::Status check_integer(const Element& e, const char* what) {
  if (e.value.empty()) return bad(what, "empty INTEGER", e.offset);
  if (e.value.size() > 1 && ((e.value[0] == 0x00 && !(e.value[1] & 0x80)) ||
                             (e.value[0] == 0xff && (e.value[1] & 0x80))))
    return bad(what, "non-minimal INTEGER encoding", e.offset);
  return {};
}

}  // namespace

Result<ByteView> Reader::integer(const char* what) {
  GLASS_TRY(auto e, expect(tag::integer, what));
  GLASS_CHECK(check_integer(e, what));
  return e.value;
}

Result<ByteView> Reader::unsigned_integer(const char* what) {
  std::size_t off = offset();
  GLASS_TRY(auto v, integer(what));
  if (v[0] & 0x80) return bad(what, "negative INTEGER where a positive one is required", off);
  if (v.size() > 1 && v[0] == 0) v = v.subspan(1);
  return v;
}

Result<std::int64_t> Reader::small_integer(const char* what) {
  std::size_t off = offset();
  GLASS_TRY(auto v, integer(what));
  if (v.size() > 8) return bad(what, "INTEGER too large", off);
  std::int64_t x = (v[0] & 0x80) ? -1 : 0;
  for (auto b : v) x = static_cast<std::int64_t>((static_cast<std::uint64_t>(x) << 8) | b);
  return x;
}

Result<bool> Reader::boolean(const char* what) {
  GLASS_TRY(auto e, expect(tag::boolean, what));
  if (e.value.size() != 1) return bad(what, "BOOLEAN must be one byte", e.offset);
  if (e.value[0] != 0x00 && e.value[0] != 0xff)
    return bad(what, "BOOLEAN must be 00 or FF in DER", e.offset);
  return e.value[0] == 0xff;
}

Result<ByteView> Reader::oid(const char* what) {
  GLASS_TRY(auto e, expect(tag::oid, what));  // next() checked the encoding
  return e.value;
}

Result<BitString> Reader::bit_string(const char* what) {
  GLASS_TRY(auto e, expect(tag::bit_string, what));
  return bit_string_value(e, what);
}

Result<BitString> bit_string_value(const Element& e, const char* what) {
  if (e.value.empty()) return bad(what, "BIT STRING without its unused-bits octet", e.offset);
  unsigned unused = e.value[0];
  if (unused > 7) return bad(what, "BIT STRING unused-bits octet above 7", e.offset);
  if (e.value.size() == 1 && unused != 0)
    return bad(what, "empty BIT STRING with unused bits", e.offset);
  if (unused != 0 && (e.value.back() & ((1u << unused) - 1)) != 0)
    return bad(what, "BIT STRING padding bits must be zero in DER", e.offset);
  return BitString{e.value.subspan(1), unused};
}

namespace {

// Primitive universal types whose contents have rules of their own (next()
// already checked BOOLEAN, NULL and OBJECT IDENTIFIER).
core::Status check_primitive(const Element& e, const char* what) {
  switch (e.tag) {
    case tag::integer:
    case 0x0a:  // ENUMERATED
      return check_integer(e, what);
    case tag::bit_string: {
      GLASS_CHECK(bit_string_value(e, what));
      return {};
    }
    case tag::bmp_string:  // UCS-2: two octets per character
      if (e.value.size() % 2 != 0) return bad(what, "BMPString of odd length", e.offset);
      return {};
    case tag::universal_string:  // UCS-4
      if (e.value.size() % 4 != 0) return bad(what, "UniversalString length not a multiple of 4", e.offset);
      return {};
    case tag::utc_time:  // DER: YYMMDDHHMMSSZ (X.690 11.8)
      if (e.value.size() != 13) return bad(what, "UTCTime must be YYMMDDHHMMSSZ", e.offset);
      return {};
    case tag::generalized_time:  // DER: YYYYMMDDHHMMSS[.f*]Z
      if (e.value.size() < 15) return bad(what, "GeneralizedTime must be YYYYMMDDHHMMSSZ", e.offset);
      return {};
    default:
      return {};
  }
}

core::Status check_any_contents(const Element& e, const char* what, unsigned depth) {
  if (depth > 16) return bad(what, "value nested too deeply", e.offset);
  Reader r(e.value, e.offset + e.header_len);
  while (!r.empty()) {
    GLASS_TRY(auto inner, r.next(what));
    if (inner.constructed())
      GLASS_CHECK(check_any_contents(inner, what, depth + 1));
    else
      GLASS_CHECK(check_primitive(inner, what));
  }
  return {};
}

}  // namespace

core::Status check_any(const Element& e, const char* what) {
  if (!e.constructed()) return check_primitive(e, what);
  // (next() already refused constructed strings and other primitive-only types.)
  auto inner = check_any_contents(e, nullptr, 0);
  if (!inner)
    return make_error(Alert::decode_error, std::string(what) + ": constructed value at offset " +
                                               std::to_string(e.offset) +
                                               " does not hold complete DER elements: " +
                                               inner.error().reason);
  return {};
}

Result<ByteView> Reader::octet_string(const char* what) {
  GLASS_TRY(auto e, expect(tag::octet_string, what));
  return e.value;
}

Status Reader::null(const char* what) {
  GLASS_TRY(auto e, expect(tag::null, what));
  if (!e.value.empty()) return bad(what, "NULL with contents", e.offset);
  return {};
}

Result<Time> Reader::time(const char* what) {
  if (empty()) return bad(what, "missing time", offset());
  std::uint8_t t = data_[pos_];
  if (t != tag::utc_time && t != tag::generalized_time)
    return bad(what, "expected UTCTime or GeneralizedTime, found " + tag_name(t), offset());
  GLASS_TRY(auto e, next(what));
  ByteView s = e.value;
  unsigned y = 0, mo, d, h, mi, se;
  std::size_t p = 0;
  if (t == tag::utc_time) {
    // RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ, YY >= 50 means 19YY.
    if (s.size() != 13 || s[12] != 'Z' || !digits(s, 0, 2, y))
      return bad(what, "UTCTime must be YYMMDDHHMMSSZ", e.offset);
    y += y >= 50 ? 1900 : 2000;
    p = 2;
  } else {
    // RFC 5280 4.1.2.5.2: YYYYMMDDHHMMSSZ, no fractional seconds.
    if (s.size() != 15 || s[14] != 'Z' || !digits(s, 0, 4, y))
      return bad(what, "GeneralizedTime must be YYYYMMDDHHMMSSZ", e.offset);
    p = 4;
  }
  if (!digits(s, p, 2, mo) || !digits(s, p + 2, 2, d) || !digits(s, p + 4, 2, h) ||
      !digits(s, p + 6, 2, mi) || !digits(s, p + 8, 2, se))
    return bad(what, "time has non-digit characters", e.offset);
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(static_cast<int>(y), mo) || h > 23 ||
      mi > 59 || se > 59)
    return bad(what, "time field out of range", e.offset);
  return make_time(static_cast<int>(y), mo, d, h, mi, se);
}

Status Reader::expect_end(const char* what) const {
  if (empty()) return {};
  return bad(what, std::to_string(remaining()) + " unexpected trailing bytes", offset());
}

Result<Reader> only(ByteView value, std::uint8_t tag, const char* what) {
  Reader outer(value);
  GLASS_TRY(auto r, outer.enter(tag, what));
  GLASS_CHECK(outer.expect_end(what));
  return r;
}

// ---- BER → DER -------------------------------------------------------------

namespace {

struct BerConverter {
  ByteView in;
  std::size_t pos = 0;
  unsigned max_depth;

  core::Error fail(std::string why) {
    return make_error(Alert::decode_error, "BER: " + why + at(pos));
  }

  static void put_header(Bytes& out, std::uint8_t t, std::size_t len) {
    out.push_back(t);
    if (len < 0x80) {
      out.push_back(static_cast<std::uint8_t>(len));
      return;
    }
    std::uint8_t tmp[8];
    int n = 0;
    while (len) {
      tmp[n++] = static_cast<std::uint8_t>(len);
      len >>= 8;
    }
    out.push_back(static_cast<std::uint8_t>(0x80 | n));
    while (n) out.push_back(tmp[--n]);
  }

  // Reads one element starting at pos; appends its DER form to out. When
  // `flatten_into` is set (inside a constructed string), only the primitive
  // string contents are appended.
  Status element(Bytes& out, unsigned depth, Bytes* flatten_into, std::uint8_t string_tag) {
    if (depth > max_depth) return fail("nesting deeper than " + std::to_string(max_depth));
    if (in.size() - pos < 2) return fail("truncated element");
    std::uint8_t t = in[pos];
    if ((t & 0x1f) == 0x1f) return fail("high tag numbers are not supported");
    std::uint8_t l0 = in[pos + 1];
    pos += 2;
    bool indefinite = false;
    std::size_t len = 0;
    if (l0 < 0x80) {
      len = l0;
    } else if (l0 == 0x80) {
      if (!(t & 0x20)) return fail("indefinite length on a primitive element");
      indefinite = true;
    } else {
      std::size_t n = l0 & 0x7f;
      if (n > 4 || in.size() - pos < n) return fail("bad length octets");
      for (std::size_t i = 0; i < n; ++i) len = (len << 8) | in[pos + i];
      pos += n;
    }
    if (!indefinite && len > in.size() - pos) return fail("element longer than its input");

    bool constructed = t & 0x20;
    std::uint8_t base = t & static_cast<std::uint8_t>(~0x20);
    bool is_string = (t & 0xc0) == 0 && (base == tag::octet_string || base == tag::bit_string ||
                                         base == tag::utf8_string || base == tag::bmp_string ||
                                         base == tag::ia5_string ||
                                         base == tag::printable_string);
    if (flatten_into) {
      if (base != string_tag) return fail("constructed string holds a different type");
      if (!constructed) {
        core::append(*flatten_into, in.subspan(pos, len));
        pos += len;
        return {};
      }
      return children(out, depth, flatten_into, string_tag, indefinite, len);
    }
    if (!constructed) {
      put_header(out, t, len);
      core::append(out, in.subspan(pos, len));
      pos += len;
      return {};
    }
    if (is_string && base != tag::bit_string) {
      // Constructed OCTET STRING etc.: concatenate the pieces into one primitive.
      Bytes flat;
      GLASS_CHECK(children(out, depth, &flat, base, indefinite, len));
      put_header(out, base, flat.size());
      core::append(out, flat);
      return {};
    }
    if (is_string) return fail("constructed BIT STRING is not supported");
    Bytes body;
    GLASS_CHECK(children(body, depth, flatten_into, string_tag, indefinite, len));
    put_header(out, t, body.size());
    core::append(out, body);
    return {};
  }

  Status children(Bytes& out, unsigned depth, Bytes* flat, std::uint8_t string_tag,
                  bool indefinite, std::size_t len) {
    if (indefinite) {
      for (;;) {
        if (in.size() - pos < 2) return fail("missing end-of-contents");
        if (in[pos] == 0 && in[pos + 1] == 0) {
          pos += 2;
          return {};
        }
        GLASS_CHECK(element(out, depth + 1, flat, string_tag));
      }
    }
    std::size_t end = pos + len;
    ByteView saved = in;
    in = in.first(end);
    while (pos < end) {
      auto s = element(out, depth + 1, flat, string_tag);
      if (!s) {
        in = saved;
        return s;
      }
    }
    in = saved;
    return {};
  }
};

}  // namespace

Result<Bytes> ber_to_der(ByteView ber, unsigned max_depth) {
  BerConverter c{ber, 0, max_depth};
  Bytes out;
  GLASS_CHECK(c.element(out, 0, nullptr, 0));
  if (c.pos != ber.size())
    return make_error(Alert::decode_error,
                      "BER: " + std::to_string(ber.size() - c.pos) + " trailing bytes");
  return out;
}

// ---- Writer ----------------------------------------------------------------

void Writer::wrap(std::uint8_t t, std::size_t start) {
  std::size_t len = buf_.size() - start;
  Bytes header;
  header.push_back(t);
  if (len < 0x80) {
    header.push_back(static_cast<std::uint8_t>(len));
  } else {
    std::uint8_t tmp[8];
    int n = 0;
    std::size_t l = len;
    while (l) {
      tmp[n++] = static_cast<std::uint8_t>(l);
      l >>= 8;
    }
    header.push_back(static_cast<std::uint8_t>(0x80 | n));
    while (n) header.push_back(tmp[--n]);
  }
  buf_.insert(buf_.begin() + static_cast<std::ptrdiff_t>(start), header.begin(), header.end());
}

void Writer::element(std::uint8_t t, ByteView contents) {
  constructed(t, [&] { core::append(buf_, contents); });
}

void Writer::unsigned_integer(ByteView m) {
  while (m.size() > 1 && m[0] == 0) m = m.subspan(1);
  constructed(tag::integer, [&] {
    if (m.empty() || (m[0] & 0x80)) buf_.push_back(0);
    core::append(buf_, m);
  });
}

void Writer::small_integer(std::int64_t v) {
  Bytes b;
  for (int i = 7; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  std::size_t s = 0;
  while (s < 7 && ((b[s] == 0x00 && !(b[s + 1] & 0x80)) || (b[s] == 0xff && (b[s + 1] & 0x80))))
    ++s;
  element(tag::integer, ByteView(b).subspan(s));
}

void Writer::boolean(bool v) {
  std::uint8_t b = v ? 0xff : 0x00;
  element(tag::boolean, ByteView(&b, 1));
}

void Writer::null() { element(tag::null, {}); }

void Writer::oid(std::string_view dotted) { element(tag::oid, oid_from_string(dotted)); }

void Writer::bit_string(ByteView b, unsigned unused_bits) {
  constructed(tag::bit_string, [&] {
    buf_.push_back(static_cast<std::uint8_t>(unused_bits));
    core::append(buf_, b);
  });
}

void Writer::utf8_string(std::string_view s) { element(tag::utf8_string, core::as_bytes(s)); }
void Writer::printable_string(std::string_view s) {
  element(tag::printable_string, core::as_bytes(s));
}
void Writer::ia5_string(std::string_view s) { element(tag::ia5_string, core::as_bytes(s)); }

void Writer::bmp_string(std::string_view utf8) {
  Bytes out;
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xe0 && i + 2 < utf8.size()) {
      cp = ((c & 0x0fu) << 12) | ((utf8[i + 1] & 0x3fu) << 6) | (utf8[i + 2] & 0x3fu);
      n = 3;
    } else if (c >= 0xc0 && i + 1 < utf8.size()) {
      cp = ((c & 0x1fu) << 6) | (utf8[i + 1] & 0x3fu);
      n = 2;
    }
    out.push_back(static_cast<std::uint8_t>(cp >> 8));
    out.push_back(static_cast<std::uint8_t>(cp));
    i += n;
  }
  element(tag::bmp_string, out);
}

void Writer::time(Time t) {
  Civil c = to_civil(t);
  char buf[32];
  if (c.year >= 1950 && c.year < 2050) {
    std::snprintf(buf, sizeof buf, "%02d%02u%02u%02u%02u%02uZ", c.year % 100, c.month, c.day,
                  c.hour, c.minute, c.second);
    element(tag::utc_time, core::as_bytes(buf));
  } else {
    std::snprintf(buf, sizeof buf, "%04d%02u%02u%02u%02u%02uZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    element(tag::generalized_time, core::as_bytes(buf));
  }
}

}  // namespace glass::x509::der
