#pragma once
// TLS 1.2 ClientKeyExchange for ECDHE (RFC 8422 5.7): ECPoint ecdh_Yc<1..2^8-1>;
#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct ClientKeyExchangeEcdhe {
  static constexpr HandshakeType msg_type = HandshakeType::client_key_exchange;
  core::Bytes public_point;

  static core::Result<ClientKeyExchangeEcdhe> parse(core::Reader& r) {
    GLASS_TRY(auto p, r.opaque8("ecdh_Yc", 1, 0xff));
    GLASS_CHECK(r.expect_end("ClientKeyExchange"));
    return ClientKeyExchangeEcdhe{core::to_bytes(p)};
  }
  void serialize(core::Writer& w) const { w.opaque8(public_point); }
  bool operator==(const ClientKeyExchangeEcdhe&) const = default;
};

}  // namespace glass::handshake
