#pragma once
// TLS 1.2 ServerKeyExchange for ECDHE suites (RFC 8422 5.4, RFC 5246 7.4.3):
//   ServerECDHParams { ECParameters { ECCurveType curve_type = named_curve(3);
//                                     NamedCurve namedcurve; }  ECPoint public<1..2^8-1>; }
//   digitally-signed { SignatureAndHashAlgorithm; opaque signature<0..2^16-1>; }
// The signature covers client_random + server_random + ServerECDHParams (signed_content()).
#include "crypto/key_exchange.hpp"
#include "crypto/signature.hpp"
#include "core/reader.hpp"
#include "core/writer.hpp"
#include "handshake/types.hpp"

namespace glass::handshake {

struct ServerKeyExchangeEcdhe {
  static constexpr HandshakeType msg_type = HandshakeType::server_key_exchange;
  static constexpr std::uint8_t named_curve = 3;  // the only curve_type RFC 8422 allows

  crypto::NamedGroup group{};
  core::Bytes public_point;  // X25519: 32 bytes; NIST curves: 04 || X || Y
  crypto::SignatureScheme scheme{};
  core::Bytes signature;

  // The ServerECDHParams bytes, as on the wire.
  core::Bytes params() const;
  // client_random + server_random + params(): what the server signs.
  core::Bytes signed_content(const Random& client_random, const Random& server_random) const;

  // explicit_prime(1) / explicit_char2(2) curves: illegal_parameter (RFC 8422 5.4).
  static core::Result<ServerKeyExchangeEcdhe> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const ServerKeyExchangeEcdhe&) const = default;
};

}  // namespace glass::handshake
