#include "handshake/client_hello.hpp"

#include <algorithm>

namespace glass::handshake {

bool ClientHello::offers(CipherSuite s) const {
  return std::find(cipher_suites.begin(), cipher_suites.end(), s) != cipher_suites.end();
}

core::Result<ClientHello> ClientHello::parse(core::Reader& r) {
  ClientHello ch;
  GLASS_TRY(auto version, r.u16("legacy_version"));
  ch.legacy_version = static_cast<ProtocolVersion>(version);
  GLASS_TRY(auto random, r.bytes(32, "random"));
  std::copy(random.begin(), random.end(), ch.random.begin());
  GLASS_TRY(auto sid, r.opaque8("legacy_session_id", 0, 32));
  ch.legacy_session_id = core::to_bytes(sid);
  GLASS_TRY(auto suites, r.vec16("cipher_suites", 2, 0xfffe));
  if (suites.remaining() % 2 != 0)
    return core::make_error(core::Alert::decode_error,
                            "cipher_suites has odd length " + std::to_string(suites.remaining()));
  while (!suites.empty()) {
    GLASS_TRY(auto s, suites.u16("cipher_suite"));
    ch.cipher_suites.push_back(static_cast<CipherSuite>(s));
  }
  GLASS_TRY(auto comp, r.opaque8("legacy_compression_methods", 1, 0xff));
  ch.legacy_compression_methods = core::to_bytes(comp);
  ch.extensions_present = !r.empty();
  if (ch.extensions_present) {
    GLASS_TRY(ch.extensions, Extensions::parse(r, ExtensionContext::client_hello));
  }
  GLASS_CHECK(r.expect_end("ClientHello"));
  return ch;
}

void ClientHello::serialize(core::Writer& w) const {
  w.u16(static_cast<std::uint16_t>(legacy_version));
  w.bytes(random);
  w.opaque8(legacy_session_id);
  w.vec16([&] {
    for (auto s : cipher_suites) w.u16(static_cast<std::uint16_t>(s));
  });
  w.opaque8(legacy_compression_methods);
  if (extensions_present || !extensions.empty()) extensions.serialize(w);
}

}  // namespace glass::handshake
