#include "x509/name.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "x509/oid.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Strict UTF-8 check (no overlongs, no surrogates, max U+10FFFF).
bool valid_utf8(ByteView s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n;
    std::uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      n = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i - 1 < n) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n + 1;
  }
  return true;
}

bool is_string_tag(std::uint8_t t) {
  switch (t) {
    case der::tag::utf8_string:
    case der::tag::printable_string:
    case der::tag::t61_string:
    case der::tag::ia5_string:
    case der::tag::visible_string:
    case der::tag::universal_string:
    case der::tag::bmp_string:
      return true;
    default:
      return false;
  }
}

// The attributes one at a time, in order, without a list: name comparisons run
// per certificate of every path and must not allocate.
class AttributeCursor {
 public:
  explicit AttributeCursor(ByteView contents) : names_(contents) {}
  bool next(Attribute& a) {
    while (set_.empty()) {
      if (names_.empty()) return false;
      auto set = names_.set("RDN");
      if (!set) return false;
      set_ = *set;
      if (started_) ++rdn_;
      started_ = true;
      first_ = true;
    }
    auto atv = set_.sequence("AttributeTypeAndValue");
    if (!atv) return false;
    auto type = atv->oid("type");
    if (!type) return false;
    auto value = atv->next("value");
    if (!value) return false;
    a.type = *type;
    a.value_tag = value->tag;
    a.value = value->value;
    a.value_der = value->whole;
    a.rdn = rdn_;
    a.first_in_rdn = first_;
    first_ = false;
    return true;
  }

 private:
  der::Reader names_, set_;
  std::size_t rdn_ = 0;
  bool started_ = false, first_ = true;
};

// f(attribute) for each attribute of the RDN sequence. Structure was validated by parse.
template <class F>
void walk(ByteView contents, F&& f) {
  AttributeCursor c(contents);
  Attribute a;
  while (c.next(a)) f(a);
}

std::string hex_der(ByteView b) {
  static const char* digits = "0123456789ABCDEF";
  std::string s = "#";
  for (auto c : b) {
    s += digits[c >> 4];
    s += digits[c & 15];
  }
  return s;
}

// Short name for the attribute type ("CN"), or the dotted OID.
std::string type_label(ByteView type) {
  std::string dotted = der::oid_to_string(type);
  auto k = oid::known_name(dotted);
  if (!k.empty() && dotted.rfind("2.5.4.", 0) == 0) return std::string(k);
  if (dotted == oid::at_email || dotted == oid::at_domain_component || dotted == oid::at_user_id)
    return std::string(k);
  return dotted;
}

// Normalised text for comparison: decoded, trimmed, inner spaces collapsed, ASCII lowercase.
bool normalise(const Attribute& a, std::string& out) {
  std::string s;
  if (!is_string_tag(a.value_tag) || !decode_string(a.value_tag, a.value, s)) return false;
  out.clear();
  bool space = false;
  for (char c : s) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return true;
}

// True when both values are plain ASCII text that differs after normalise()'s
// rules (outer spaces dropped, inner runs collapsed, A-Z folded): a mismatch
// found without decoding into strings. False means "not decided here".
bool ascii_differ(const Attribute& a, const Attribute& b) {
  auto plain = [](const Attribute& x) {
    if (x.value_tag != der::tag::utf8_string && x.value_tag != der::tag::printable_string &&
        x.value_tag != der::tag::ia5_string && x.value_tag != der::tag::visible_string)
      return false;
    for (auto c : x.value)
      if (c >= 0x80) return false;
    return true;
  };
  if (!plain(a) || !plain(b)) return false;
  // Yields the normalised characters one by one; 0 at the end.
  struct Walk {
    ByteView v;
    std::size_t i = 0;
    bool emitted = false, space = false;
    char next() {
      while (i < v.size()) {
        char c = static_cast<char>(v[i]);
        if (c == ' ') {
          ++i;
          space = emitted;
          continue;
        }
        if (space) {
          space = false;
          return ' ';
        }
        ++i;
        emitted = true;
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      }
      return 0;
    }
  };
  Walk x{a.value}, y{b.value};
  for (;;) {
    const char cx = x.next(), cy = y.next();
    if (cx != cy) return true;
    if (cx == 0) return false;
  }
}

}  // namespace

bool decode_string(std::uint8_t tag, ByteView v, std::string& out) {
  out.clear();
  switch (tag) {
    case der::tag::utf8_string:
      if (!valid_utf8(v)) return false;
      out.assign(core::as_chars(v));
      return true;
    case der::tag::printable_string:
    case der::tag::ia5_string:
    case der::tag::visible_string:
      for (auto c : v)
        if (c >= 0x80) return false;
      out.assign(core::as_chars(v));
      return true;
    case der::tag::t61_string:  // treated as Latin-1, as most decoders do
      for (auto c : v) put_utf8(out, c);
      return true;
    case der::tag::bmp_string:
      if (v.size() % 2) return false;
      for (std::size_t i = 0; i < v.size(); i += 2) {
        std::uint32_t cp = (std::uint32_t{v[i]} << 8) | v[i + 1];
        if (cp >= 0xd800 && cp <= 0xdfff) return false;
        put_utf8(out, cp);
      }
      return true;
    case der::tag::universal_string:
      if (v.size() % 4) return false;
      for (std::size_t i = 0; i < v.size(); i += 4) {
        std::uint32_t cp = (std::uint32_t{v[i]} << 24) | (std::uint32_t{v[i + 1]} << 16) |
                           (std::uint32_t{v[i + 2]} << 8) | v[i + 3];
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        put_utf8(out, cp);
      }
      return true;
    default:
      return false;
  }
}

std::string escape_rfc4514(std::string_view v, bool escape_non_ascii) {
  std::string out;
  out.reserve(v.size());
  static const char* digits = "0123456789ABCDEF";
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto c = static_cast<unsigned char>(v[i]);
    bool special = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' ||
                   c == ';' || (i == 0 && (c == '#' || c == ' ')) ||
                   (i + 1 == v.size() && c == ' ');
    if (c < 0x20 || c == 0x7f || (escape_non_ascii && c >= 0x80)) {
      out += '\\';
      out += digits[c >> 4];
      out += digits[c & 15];
    } else {
      if (special) out += '\\';
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

// UTF8String, BMPString and UniversalString have an encoding of their own that
// must be valid (X.690 8.23, RFC 5280 4.1.2.4); a name that breaks it cannot be
// compared or shown faithfully, so it is refused here rather than shown as #hex
// (OpenSSL's decoder refuses it too). The 7- and 8-bit types stay lenient:
// real certificates carry Latin-1 in PrintableString and IA5String.
core::Result<void> check_unicode_string(const der::Element& value, const char* what) {
  const char* type = nullptr;
  switch (value.tag) {
    case der::tag::utf8_string: type = "UTF8String"; break;
    case der::tag::bmp_string: type = "BMPString"; break;
    case der::tag::universal_string: type = "UniversalString"; break;
    default: return {};
  }
  std::string ignored;
  if (decode_string(value.tag, value.value, ignored)) return {};
  return make_error(Alert::decode_error, std::string(what) + ": invalid " + type + " contents at offset " +
                                                std::to_string(value.offset));
}

}  // namespace

core::Result<Name> Name::parse(der::Reader& outer, const char* what) {
  Name n;
  GLASS_TRY(auto e, outer.expect(der::tag::sequence, what));
  n.der_ = e.whole;
  n.contents_ = e.value;
  der::Reader r(e.value, e.offset + e.header_len);
  while (!r.empty()) {
    GLASS_TRY(auto set, r.set(what));
    if (set.empty())
      return make_error(Alert::decode_error,
                        std::string(what) + ": empty RelativeDistinguishedName at offset " +
                            std::to_string(set.offset()));
    while (!set.empty()) {
      GLASS_TRY(auto atv, set.sequence(what));
      GLASS_TRY(auto type, atv.oid(what));
      (void)type;
      GLASS_TRY(auto value, atv.next(what));
      GLASS_CHECK(check_unicode_string(value, what));
      GLASS_CHECK(der::check_any(value, what));  // kept as bytes, but DER all the way down
      GLASS_CHECK(atv.expect_end(what));
    }
    ++n.rdn_count_;
  }
  return n;
}

core::Result<Name> Name::parse(ByteView der, const char* what) {
  der::Reader r(der);
  GLASS_TRY(auto n, parse(r, what));
  GLASS_CHECK(r.expect_end(what));
  return n;
}

std::vector<Attribute> Name::attributes() const {
  std::vector<Attribute> out;
  walk(contents_, [&](const Attribute& a) { out.push_back(a); });
  return out;
}

std::string Name::to_string(bool escape_non_ascii) const {
  auto attrs = attributes();
  std::string out;
  // RFC 4514 2.1: RDNs in reverse order; attributes inside one RDN keep their order.
  std::size_t end = attrs.size();
  while (end > 0) {
    std::size_t begin = end - 1;
    while (begin > 0 && !attrs[begin].first_in_rdn) --begin;
    if (!out.empty()) out += ',';
    for (std::size_t i = begin; i < end; ++i) {
      if (i != begin) out += '+';
      const Attribute& a = attrs[i];
      std::string label = type_label(a.type);
      out += label;
      out += '=';
      std::string text;
      bool dotted = !label.empty() && label[0] >= '0' && label[0] <= '9';
      if (!dotted && decode_string(a.value_tag, a.value, text))
        out += escape_rfc4514(text, escape_non_ascii);
      else
        out += hex_der(a.value_der);  // RFC 4514 2.4: unknown types as #hex of the BER
    }
    end = begin;
  }
  return out;
}

std::string Name::common_name() const {
  std::string cn;
  walk(contents_, [&](const Attribute& a) {
    std::string s;
    if (oid::equals(a.type, oid::at_common_name) && decode_string(a.value_tag, a.value, s))
      cn = s;
  });
  return cn;
}

std::string Name::short_form() const {
  std::string cn = common_name();
  if (!cn.empty()) return "CN=" + escape_rfc4514(cn);
  std::string s = to_string();
  return s.empty() ? "(empty name)" : s;
}

bool Name::matches(const Name& other) const {
  if (core::equal(der_, other.der_)) return true;
  if (rdn_count_ != other.rdn_count_) return false;
  AttributeCursor ca(contents_), cb(other.contents_);
  Attribute a, b;
  std::string x, y;
  for (;;) {
    const bool more_a = ca.next(a), more_b = cb.next(b);
    if (more_a != more_b) return false;
    if (!more_a) return true;
    if (a.rdn != b.rdn || !core::equal(a.type, b.type)) return false;
    if (core::equal(a.value_der, b.value_der)) continue;
    if (ascii_differ(a, b)) return false;
    if (!normalise(a, x) || !normalise(b, y) || x != y) return false;
  }
}

bool Name::within(const Name& base) const {
  if (base.rdn_count_ > rdn_count_) return false;
  auto a = attributes();
  auto b = base.attributes();
  std::size_t i = 0;
  std::string x, y;
  for (; i < b.size(); ++i) {
    if (i >= a.size() || a[i].rdn != b[i].rdn || !core::equal(a[i].type, b[i].type)) return false;
    if (core::equal(a[i].value_der, b[i].value_der)) continue;
    if (!normalise(a[i], x) || !normalise(b[i], y) || x != y) return false;
  }
  // The subject's RDN at the boundary must not carry extra attributes.
  return i == a.size() || a[i].rdn >= base.rdn_count_;
}

// ---- text → DER --------------------------------------------------------------

namespace {

struct Ava {
  std::string type;  // dotted
  std::string value;
  bool joins_previous = false;  // '+' before it
};

core::Error bad_name(std::string_view text, std::string why) {
  return make_error(Alert::illegal_parameter, "name '" + std::string(text) + "': " + why);
}

std::string dotted_for(std::string_view label) {
  struct M {
    std::string_view label, dotted;
  };
  static const M table[] = {
      {"CN", oid::at_common_name}, {"SN", oid::at_surname},
      {"serialNumber", oid::at_serial_number}, {"C", oid::at_country},
      {"L", oid::at_locality}, {"ST", oid::at_state}, {"STREET", oid::at_street},
      {"O", oid::at_organization}, {"OU", oid::at_org_unit},
      {"emailAddress", oid::at_email}, {"DC", oid::at_domain_component},
      {"UID", oid::at_user_id},
  };
  for (auto& m : table) {
    if (m.label.size() != label.size()) continue;
    bool eq = true;
    for (std::size_t i = 0; i < label.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(label[i])) !=
          std::tolower(static_cast<unsigned char>(m.label[i])))
        eq = false;
    if (eq) return std::string(m.dotted);
  }
  if (!label.empty() && label[0] >= '0' && label[0] <= '9') return std::string(label);
  return {};
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

core::Result<Bytes> name_from_string(std::string_view text) {
  std::vector<Ava> avas;
  std::size_t i = 0;
  bool joins = false;
  auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_spaces();
  while (i < text.size()) {
    std::size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) return bad_name(text, "missing '=' after attribute type");
    std::string_view label = text.substr(i, eq - i);
    while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
    Ava a;
    a.type = dotted_for(label);
    if (a.type.empty())
      return bad_name(text, "unknown attribute type '" + std::string(label) + "'");
    a.joins_previous = joins;
    i = eq + 1;
    skip_spaces();
    std::size_t trailing_unescaped_spaces = 0;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c == ',' || c == '+') break;
      if (c == '\\') {
        if (i + 1 >= text.size()) return bad_name(text, "dangling '\\'");
        int h = hexval(text[i + 1]);
        int l = i + 2 < text.size() ? hexval(text[i + 2]) : -1;
        if (h >= 0 && l >= 0) {
          a.value += static_cast<char>(h * 16 + l);
          i += 2;
        } else {
          a.value += text[i + 1];
          i += 1;
        }
        trailing_unescaped_spaces = 0;
        continue;
      }
      a.value += c;
      trailing_unescaped_spaces = c == ' ' ? trailing_unescaped_spaces + 1 : 0;
    }
    a.value.resize(a.value.size() - trailing_unescaped_spaces);
    avas.push_back(std::move(a));
    joins = i < text.size() && text[i] == '+';
    if (i < text.size()) ++i;
    skip_spaces();
  }
  // RFC 4514 lists the most specific RDN first; DER holds the most general first.
  std::vector<std::vector<const Ava*>> rdns;
  for (const auto& a : avas) {
    if (a.joins_previous && !rdns.empty())
      rdns.back().push_back(&a);
    else
      rdns.push_back({&a});
  }
  std::reverse(rdns.begin(), rdns.end());
  der::Writer w;
  w.sequence([&] {
    for (const auto& rdn : rdns) {
      w.set([&] {
        for (const Ava* a : rdn) {
          w.sequence([&] {
            w.oid(a->type);
            if (a->type == oid::at_country || a->type == oid::at_serial_number)
              w.printable_string(a->value);
            else if (a->type == oid::at_email || a->type == oid::at_domain_component)
              w.ia5_string(a->value);
            else
              w.utf8_string(a->value);
          });
        }
      });
    }
  });
  return w.take();
}

}  // namespace glass::x509
