#include "handshake/extensions/padding.hpp"

namespace glass::handshake {

core::Result<Padding> Padding::parse(core::Reader& r) {
  std::size_t at = r.offset();
  auto body = r.rest();
  for (std::size_t i = 0; i < body.size(); ++i)
    if (body[i] != 0)
      return core::make_error(core::Alert::illegal_parameter,
                              "padding byte at offset " + std::to_string(at + i) +
                                  " is not zero (RFC 7685 3)");
  return Padding{body.size()};
}
void Padding::serialize(core::Writer& w) const { w.zeros(length); }

}  // namespace glass::handshake
