#include "handshake/server_key_exchange.hpp"

#include "handshake/certificate_verify.hpp"

namespace glass::handshake {

core::Bytes ServerKeyExchangeEcdhe::params() const {
  core::Writer w;
  w.u8(named_curve);
  w.u16(static_cast<std::uint16_t>(group));
  w.opaque8(public_point);
  return w.release();
}

core::Bytes ServerKeyExchangeEcdhe::signed_content(const Random& client_random,
                                                   const Random& server_random) const {
  return core::concat({client_random, server_random, params()});
}

core::Result<ServerKeyExchangeEcdhe> ServerKeyExchangeEcdhe::parse(core::Reader& r) {
  ServerKeyExchangeEcdhe ske;
  GLASS_TRY(auto curve_type, r.u8("curve_type"));
  if (curve_type != named_curve)
    return core::make_error(core::Alert::illegal_parameter,
                            "ServerKeyExchange curve_type " + std::to_string(curve_type) +
                                " is not named_curve(3) (RFC 8422 5.4)");
  GLASS_TRY(auto group, r.u16("namedcurve"));
  ske.group = static_cast<crypto::NamedGroup>(group);
  GLASS_TRY(auto point, r.opaque8("public", 1, 0xff));
  ske.public_point = core::to_bytes(point);
  GLASS_CHECK(read_digitally_signed(r, "signature algorithm", ske.scheme, ske.signature));
  GLASS_CHECK(r.expect_end("ServerKeyExchange"));
  return ske;
}

void ServerKeyExchangeEcdhe::serialize(core::Writer& w) const {
  w.u8(named_curve);
  w.u16(static_cast<std::uint16_t>(group));
  w.opaque8(public_point);
  write_digitally_signed(w, scheme, signature);
}

}  // namespace glass::handshake
