#include "handshake/server_hello.hpp"

#include <algorithm>

namespace glass::handshake {

namespace {
constexpr std::uint8_t downgrd[7] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44};  // "DOWNGRD"
}

DowngradeMarker downgrade_marker(const Random& r) {
  if (!std::equal(std::begin(downgrd), std::end(downgrd), r.begin() + 24)) return DowngradeMarker::none;
  if (r[31] == 0x01) return DowngradeMarker::tls12;
  if (r[31] == 0x00) return DowngradeMarker::tls11_or_below;
  return DowngradeMarker::none;
}

void set_downgrade_marker(Random& r, DowngradeMarker m) {
  if (m == DowngradeMarker::none) return;
  std::copy(std::begin(downgrd), std::end(downgrd), r.begin() + 24);
  r[31] = m == DowngradeMarker::tls12 ? 0x01 : 0x00;
}

core::Result<ServerHello> ServerHello::parse(core::Reader& r) {
  ServerHello sh;
  GLASS_TRY(auto version, r.u16("legacy_version"));
  sh.legacy_version = static_cast<ProtocolVersion>(version);
  GLASS_TRY(auto random, r.bytes(32, "random"));
  std::copy(random.begin(), random.end(), sh.random.begin());
  GLASS_TRY(auto sid, r.opaque8("legacy_session_id_echo", 0, 32));
  sh.legacy_session_id_echo = core::to_bytes(sid);
  GLASS_TRY(auto suite, r.u16("cipher_suite"));
  sh.cipher_suite = static_cast<CipherSuite>(suite);
  GLASS_TRY(sh.legacy_compression_method, r.u8("legacy_compression_method"));
  sh.extensions_present = !r.empty();
  if (sh.extensions_present) {
    GLASS_TRY(sh.extensions, Extensions::parse(r, sh.extension_context()));
  }
  GLASS_CHECK(r.expect_end(sh.is_hello_retry_request() ? "HelloRetryRequest" : "ServerHello"));
  return sh;
}

void ServerHello::serialize(core::Writer& w) const {
  w.u16(static_cast<std::uint16_t>(legacy_version));
  w.bytes(random);
  w.opaque8(legacy_session_id_echo);
  w.u16(static_cast<std::uint16_t>(cipher_suite));
  w.u8(legacy_compression_method);
  if (extensions_present || !extensions.empty()) extensions.serialize(w);
}

}  // namespace glass::handshake
