#include "handshake/finished.hpp"

namespace glass::handshake {

core::Result<Finished> Finished::parse(core::Reader& r, std::size_t expected_length) {
  if (r.remaining() != expected_length)
    return core::make_error(core::Alert::decode_error,
                            "Finished verify_data is " + std::to_string(r.remaining()) +
                                " bytes, expected " + std::to_string(expected_length));
  return Finished{core::to_bytes(r.rest("verify_data"))};
}

}  // namespace glass::handshake
