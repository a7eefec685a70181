#include "handshake/key_update.hpp"

namespace glass::handshake {

core::Result<KeyUpdate> KeyUpdate::parse(core::Reader& r) {
  GLASS_TRY(auto v, r.u8("request_update"));
  GLASS_CHECK(r.expect_end("KeyUpdate"));
  // RFC 8446 4.6.3: "If an implementation receives any other value, it MUST terminate
  // the connection with an "illegal_parameter" alert."
  if (v > 1)
    return core::make_error(core::Alert::illegal_parameter,
                            "KeyUpdate request_update value " + std::to_string(v) +
                                " is neither update_not_requested(0) nor update_requested(1)");
  return KeyUpdate{static_cast<KeyUpdateRequest>(v)};
}

}  // namespace glass::handshake
