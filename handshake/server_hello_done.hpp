#pragma once
// TLS 1.2 ServerHelloDone (RFC 5246 7.4.5): an empty body.
#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct ServerHelloDone {
  static constexpr HandshakeType msg_type = HandshakeType::server_hello_done;
  static core::Result<ServerHelloDone> parse(core::Reader& r) {
    GLASS_CHECK(r.expect_end("ServerHelloDone"));
    return ServerHelloDone{};
  }
  void serialize(core::Writer&) const {}
  bool operator==(const ServerHelloDone&) const = default;
};

}  // namespace glass::handshake
