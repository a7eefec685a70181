#include "handshake/server_hello.hpp"

#include <algorithm>

#include "handshake/hello_fields.hpp"

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
  GLASS_TRY(auto head, read_hello_head(r, "legacy_session_id_echo"));
  sh.legacy_version = head.legacy_version;
  sh.random = head.random;
  sh.legacy_session_id_echo = std::move(head.session_id);
  GLASS_TRY(auto suite, r.u16("cipher_suite"));
  sh.cipher_suite = static_cast<CipherSuite>(suite);
  GLASS_TRY(sh.legacy_compression_method, r.u8("legacy_compression_method"));
  GLASS_CHECK(read_hello_extensions(
      r, sh.extension_context(), sh.is_hello_retry_request() ? "HelloRetryRequest" : "ServerHello",
      sh.extensions_present, sh.extensions));
  return sh;
}

void ServerHello::serialize(core::Writer& w) const {
  write_hello_head(w, legacy_version, random, legacy_session_id_echo);
  w.u16(static_cast<std::uint16_t>(cipher_suite));
  w.u8(legacy_compression_method);
  write_hello_extensions(w, extensions_present, extensions);
}

}  // namespace glass::handshake
