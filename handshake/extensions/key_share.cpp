#include "handshake/extensions/key_share.hpp"

#include "handshake/wire_lists.hpp"

namespace glass::handshake {

using core::Reader;
using core::Result;
using core::Writer;

Result<SupportedGroups> SupportedGroups::parse(Reader& r) {
  GLASS_TRY(auto g, detail::read_u16_list<NamedGroup>(r, "named_group_list", 2, 2, 0xffff));
  return SupportedGroups{std::move(g)};
}
void SupportedGroups::serialize(Writer& w) const { detail::write_u16_list(w, groups, 2); }

Result<KeyShareEntry> KeyShareEntry::parse(Reader& r) {
  GLASS_TRY(auto g, r.u16("group"));
  GLASS_TRY(auto ke, r.opaque16("key_exchange", 1, 0xffff));
  return KeyShareEntry{static_cast<NamedGroup>(g), core::to_bytes(ke)};
}
void KeyShareEntry::serialize(Writer& w) const {
  w.u16(static_cast<std::uint16_t>(group));
  w.opaque16(key_exchange);
}

const KeyShareEntry* KeyShareClientHello::find(NamedGroup g) const {
  for (const auto& e : client_shares)
    if (e.group == g) return &e;
  return nullptr;
}
Result<KeyShareClientHello> KeyShareClientHello::parse(Reader& r) {
  GLASS_TRY(auto list, r.vec16("client_shares", 0, 0xffff));
  KeyShareClientHello out;
  while (!list.empty()) {
    GLASS_TRY(auto e, KeyShareEntry::parse(list));
    // RFC 8446 4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the
    // same group ... Servers MAY check for violations ... and abort with illegal_parameter".
    if (out.find(e.group))
      return core::make_error(core::Alert::illegal_parameter,
                              "two key shares for group " + crypto::name_of(e.group) +
                                  " (RFC 8446 4.2.8)");
    out.client_shares.push_back(std::move(e));
  }
  return out;
}
void KeyShareClientHello::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& e : client_shares) e.serialize(w);
  });
}

Result<KeyShareServerHello> KeyShareServerHello::parse(Reader& r) {
  GLASS_TRY(auto e, KeyShareEntry::parse(r));
  return KeyShareServerHello{std::move(e)};
}
void KeyShareServerHello::serialize(Writer& w) const { server_share.serialize(w); }

Result<KeyShareHelloRetryRequest> KeyShareHelloRetryRequest::parse(Reader& r) {
  GLASS_TRY(auto g, r.u16("selected_group"));
  return KeyShareHelloRetryRequest{static_cast<NamedGroup>(g)};
}
void KeyShareHelloRetryRequest::serialize(Writer& w) const {
  w.u16(static_cast<std::uint16_t>(selected_group));
}

}  // namespace glass::handshake
