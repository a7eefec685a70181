#pragma once
// Finished (RFC 8446 4.4.4; RFC 5246 7.4.9): opaque verify_data[Hash.length] in
// TLS 1.3, 12 bytes in TLS 1.2. The body has no length prefix, so the parser is
// told the length the negotiated suite implies.
#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

inline constexpr std::size_t tls12_verify_data_size = 12;

struct Finished {
  static constexpr HandshakeType msg_type = HandshakeType::finished;
  core::Bytes verify_data;

  // decode_error unless the body is exactly expected_length bytes.
  static core::Result<Finished> parse(core::Reader& r, std::size_t expected_length);
  void serialize(core::Writer& w) const { w.bytes(verify_data); }
  bool operator==(const Finished&) const = default;
};

}  // namespace glass::handshake
