#include "handshake/hello_fields.hpp"

#include <algorithm>

namespace glass::handshake {

core::Result<HelloHead> read_hello_head(core::Reader& r, const char* session_id_name) {
  HelloHead h;
  GLASS_TRY(auto version, r.u16("legacy_version"));
  h.legacy_version = static_cast<ProtocolVersion>(version);
  GLASS_TRY(auto random, r.bytes(32, "random"));
  std::copy(random.begin(), random.end(), h.random.begin());
  GLASS_TRY(auto sid, r.opaque8(session_id_name, 0, 32));
  h.session_id = core::to_bytes(sid);
  return h;
}

void write_hello_head(core::Writer& w, ProtocolVersion legacy_version, const Random& random,
                      core::ByteView session_id) {
  w.u16(static_cast<std::uint16_t>(legacy_version));
  w.bytes(random);
  w.opaque8(session_id);
}

core::Status read_hello_extensions(core::Reader& r, ExtensionContext where,
                                   const char* message, bool& present, Extensions& out) {
  present = !r.empty();
  if (present) {
    GLASS_TRY(out, Extensions::parse(r, where));
  }
  return r.expect_end(message);
}

void write_hello_extensions(core::Writer& w, bool present, const Extensions& extensions) {
  if (present || !extensions.empty()) extensions.serialize(w);
}

}  // namespace glass::handshake
