#pragma once
// What ClientHello and ServerHello share (RFC 8446 4.1.2-4.1.3, RFC 5246 7.4.1.2):
// the head `ProtocolVersion legacy_version; Random random; opaque session_id<0..32>;`
// and an extension block that a TLS 1.2-or-older hello may leave out.

#include "handshake/extensions.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct HelloHead {
  ProtocolVersion legacy_version{};
  Random random{};
  core::Bytes session_id;
};
// session_id_name is the field's name in errors ("legacy_session_id", "..._echo").
core::Result<HelloHead> read_hello_head(core::Reader& r, const char* session_id_name);
void write_hello_head(core::Writer& w, ProtocolVersion legacy_version, const Random& random,
                      core::ByteView session_id);

// Reads the extension block if any bytes are left, then expects the end of `message`.
core::Status read_hello_extensions(core::Reader& r, ExtensionContext where,
                                   const char* message, bool& present, Extensions& out);
// Writes the block when it was on the wire or holds anything.
void write_hello_extensions(core::Writer& w, bool present, const Extensions& extensions);

}  // namespace glass::handshake
