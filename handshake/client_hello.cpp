#include "handshake/client_hello.hpp"

#include <algorithm>

#include "handshake/hello_fields.hpp"
#include "handshake/wire_lists.hpp"

namespace glass::handshake {

bool ClientHello::offers(CipherSuite s) const {
  return std::find(cipher_suites.begin(), cipher_suites.end(), s) != cipher_suites.end();
}

core::Result<ClientHello> ClientHello::parse(core::Reader& r) {
  ClientHello ch;
  GLASS_TRY(auto head, read_hello_head(r, "legacy_session_id"));
  ch.legacy_version = head.legacy_version;
  ch.random = head.random;
  ch.legacy_session_id = std::move(head.session_id);
  GLASS_TRY(ch.cipher_suites,
            detail::read_u16_list<CipherSuite>(r, "cipher_suites", 2, 2, 0xfffe));
  GLASS_TRY(auto comp, r.opaque8("legacy_compression_methods", 1, 0xff));
  ch.legacy_compression_methods = core::to_bytes(comp);
  GLASS_CHECK(read_hello_extensions(r, ExtensionContext::client_hello, "ClientHello",
                                    ch.extensions_present, ch.extensions));
  return ch;
}

void ClientHello::serialize(core::Writer& w) const {
  write_hello_head(w, legacy_version, random, legacy_session_id);
  detail::write_u16_list(w, cipher_suites, 2);
  w.opaque8(legacy_compression_methods);
  write_hello_extensions(w, extensions_present, extensions);
}

}  // namespace glass::handshake
