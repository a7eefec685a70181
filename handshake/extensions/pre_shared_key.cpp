#include "handshake/extensions/pre_shared_key.hpp"

#include <algorithm>

namespace glass::handshake {

using core::Reader;
using core::Result;
using core::Writer;

bool PskKeyExchangeModes::offers(PskKeyExchangeMode m) const {
  return std::find(modes.begin(), modes.end(), m) != modes.end();
}
Result<PskKeyExchangeModes> PskKeyExchangeModes::parse(Reader& r) {
  GLASS_TRY(auto list, r.opaque8("ke_modes", 1, 0xff));
  PskKeyExchangeModes out;
  for (auto m : list) out.modes.push_back(static_cast<PskKeyExchangeMode>(m));
  return out;
}
void PskKeyExchangeModes::serialize(Writer& w) const {
  w.vec8([&] {
    for (auto m : modes) w.u8(static_cast<std::uint8_t>(m));
  });
}

std::size_t OfferedPsks::binders_wire_length() const {
  std::size_t n = 2;
  for (const auto& b : binders) n += 1 + b.size();
  return n;
}

Result<OfferedPsks> OfferedPsks::parse(Reader& r) {
  OfferedPsks out;
  GLASS_TRY(auto ids, r.vec16("identities", 7, 0xffff));
  while (!ids.empty()) {
    GLASS_TRY(auto id, ids.opaque16("identity", 1, 0xffff));
    GLASS_TRY(auto age, ids.u32("obfuscated_ticket_age"));
    out.identities.push_back({core::to_bytes(id), age});
  }
  GLASS_TRY(auto binders, r.vec16("binders", 33, 0xffff));
  while (!binders.empty()) {
    GLASS_TRY(auto b, binders.opaque8("PskBinderEntry", 32, 255));
    out.binders.push_back(core::to_bytes(b));
  }
  // RFC 8446 4.2.11: one binder per identity.
  if (out.binders.size() != out.identities.size())
    return core::make_error(core::Alert::illegal_parameter,
                            std::to_string(out.identities.size()) + " PSK identities but " +
                                std::to_string(out.binders.size()) +
                                " binders (RFC 8446 4.2.11)");
  return out;
}
void OfferedPsks::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& id : identities) {
      w.opaque16(id.identity);
      w.u32(id.obfuscated_ticket_age);
    }
  });
  w.vec16([&] {
    for (const auto& b : binders) w.opaque8(b);
  });
}

Result<SelectedPsk> SelectedPsk::parse(Reader& r) {
  GLASS_TRY(auto v, r.u16("selected_identity"));
  return SelectedPsk{v};
}
void SelectedPsk::serialize(Writer& w) const { w.u16(selected_identity); }

Result<EarlyDataTicket> EarlyDataTicket::parse(Reader& r) {
  GLASS_TRY(auto v, r.u32("max_early_data_size"));
  return EarlyDataTicket{v};
}
void EarlyDataTicket::serialize(Writer& w) const { w.u32(max_early_data_size); }

}  // namespace glass::handshake
