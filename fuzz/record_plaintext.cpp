// Fuzz the record reader over arbitrary bytes (no keys), plus what sits right
// on top of it: handshake reassembly and alert parsing.
// Input: byte 0 picks the version rules, the chunk size and the plaintext limit;
// the rest is the incoming byte stream.
#include <cstddef>
#include <cstdint>
#include <variant>

#include "record/alert.hpp"
#include "record/handshake_assembler.hpp"
#include "record/reader.hpp"

using namespace glass::record;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t mode = data[0];
  static const Version versions[] = {Version::unknown, Version::tls12, Version::tls13,
                                     Version::tls13};
  static const std::size_t chunks[] = {1, 2, 3, 7, 64, 1000, 1 << 20, 5};
  RecordReader r;
  r.set_version(versions[mode & 3]);
  if ((mode & 3) == 3) r.allow_compat_ccs(false);
  if (mode & 0x20) r.set_max_plaintext(256);
  HandshakeAssembler hs;
  hs.set_max_message_size(mode & 0x40 ? 300 : HandshakeAssembler::default_max_message);

  const std::size_t chunk = chunks[(mode >> 2) & 7];
  glass::core::ByteView in(data + 1, size - 1);
  for (std::size_t off = 0; off < in.size();) {
    const std::size_t n = chunk < in.size() - off ? chunk : in.size() - off;
    r.feed(in.subspan(off, n));
    off += n;
    for (;;) {
      auto ev = r.next();
      if (!ev) return 0;
      if (std::holds_alternative<NeedMore>(*ev)) break;
      auto& rec = std::get<Record>(*ev);
      if (rec.type == ContentType::handshake) {
        if (!hs.add(rec.fragment)) return 0;
        for (;;) {
          auto m = hs.next();
          if (!m || !*m) break;
          (void)(*m)->body();
        }
      } else {
        if (!hs.check_interleave(content_type_name(rec.type))) return 0;
        if (rec.type == ContentType::alert) {
          auto a = parse_alert(rec.fragment, r.version());
          if (a) (void)classify_alert(*a, r.version());
        }
      }
    }
  }
  return 0;
}
