// Walks arbitrary bytes as DER with the strict reader: every element, recursively
// into constructed ones (bounded depth), and every primitive decoder on the
// matching tags; then the RFC 3339 time parser on the same bytes. Must never
// crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "x509/der.hpp"

namespace {

using namespace glass::x509;

void walk(der::Reader r, unsigned depth) {
  while (!r.empty()) {
    der::Reader probe = r;  // decode the same element with the typed readers too
    auto e = r.next("element");
    if (!e) return;
    switch (e->tag) {
      case der::tag::integer:
        (void)probe.small_integer("i");
        break;
      case der::tag::boolean:
        (void)probe.boolean("b");
        break;
      case der::tag::oid: {
        auto o = probe.oid("o");
        if (o) (void)der::oid_to_string(*o);
        break;
      }
      case der::tag::bit_string:
        (void)probe.bit_string("s");
        break;
      case der::tag::null:
        (void)probe.null("n");
        break;
      case der::tag::utc_time:
      case der::tag::generalized_time:
        if (auto t = probe.time("t")) (void)der::format_time(*t);
        break;
      default:
        break;
    }
    if (e->constructed() && depth < 32)
      walk(der::Reader(e->value, e->offset + e->header_len), depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  glass::core::ByteView in(data, size);
  walk(der::Reader(in), 0);
  // The BER normaliser must produce something the strict reader accepts.
  auto der = der::ber_to_der(in);
  if (der) walk(der::Reader(*der), 0);
  // The same bytes as an RFC 3339 time (`--at`): never reads past the text.
  if (auto t = der::parse_rfc3339_precise(glass::core::as_chars(in))) (void)der::format_time(t->seconds);
  return 0;
}
