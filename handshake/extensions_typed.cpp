#include "handshake/extensions_typed.hpp"

#include <algorithm>

namespace glass::handshake {

using core::Alert;
using core::make_error;
using core::Reader;
using core::Result;
using core::Writer;

namespace {

// A vector of 16-bit code points (groups, schemes, versions).
template <class E>
Result<std::vector<E>> read_u16_list(Reader& r, const char* what, std::size_t len_bytes,
                                     std::size_t min, std::size_t max) {
  Reader list;
  if (len_bytes == 1) {
    GLASS_TRY(list, r.vec8(what, min, max));
  } else {
    GLASS_TRY(list, r.vec16(what, min, max));
  }
  if (list.remaining() % 2 != 0)
    return make_error(Alert::decode_error, std::string(what) + " has odd length " +
                                               std::to_string(list.remaining()) +
                                               " at offset " + std::to_string(list.offset()));
  std::vector<E> out;
  while (!list.empty()) {
    GLASS_TRY(auto v, list.u16(what));
    out.push_back(static_cast<E>(v));
  }
  return out;
}

template <class E>
void write_u16_list(Writer& w, const std::vector<E>& v, std::size_t len_bytes) {
  auto body = [&] {
    for (auto x : v) w.u16(static_cast<std::uint16_t>(x));
  };
  if (len_bytes == 1)
    w.vec8(body);
  else
    w.vec16(body);
}

}  // namespace

// --- server_name --------------------------------------------------------------

std::optional<std::string> ServerNameList::host_name() const {
  for (const auto& n : names)
    if (n.name_type == host_name_type) return std::string(core::as_chars(n.name));
  return std::nullopt;
}

ServerNameList ServerNameList::for_host(std::string_view host) {
  ServerNameList s;
  s.names.push_back({host_name_type, core::to_bytes(core::as_bytes(host))});
  return s;
}

Result<ServerNameList> ServerNameList::parse(Reader& r) {
  GLASS_TRY(auto list, r.vec16("server_name_list", 1, 0xffff));
  ServerNameList out;
  while (!list.empty()) {
    GLASS_TRY(auto type, list.u8("name_type"));
    // RFC 6066 3: only host_name exists, and unknown types cannot be skipped
    // because their layout is unknown; at most one name of each type.
    if (type != host_name_type)
      return make_error(Alert::illegal_parameter,
                        "unknown server name type " + std::to_string(type) + " (RFC 6066 3)");
    GLASS_TRY(auto name, list.opaque16("host_name", 1, 0xffff));
    if (out.host_name())
      return make_error(Alert::illegal_parameter, "more than one host_name (RFC 6066 3)");
    out.names.push_back({type, core::to_bytes(name)});
  }
  return out;
}

void ServerNameList::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& n : names) {
      w.u8(n.name_type);
      w.opaque16(n.name);
    }
  });
}

// --- supported_groups, signature_algorithms(_cert), supported_versions ---------

Result<SupportedGroups> SupportedGroups::parse(Reader& r) {
  GLASS_TRY(auto g, read_u16_list<NamedGroup>(r, "named_group_list", 2, 2, 0xffff));
  return SupportedGroups{std::move(g)};
}
void SupportedGroups::serialize(Writer& w) const { write_u16_list(w, groups, 2); }

template <ExtensionType T>
Result<SchemeList<T>> SchemeList<T>::parse(Reader& r) {
  GLASS_TRY(auto s,
            read_u16_list<SignatureScheme>(r, "supported_signature_algorithms", 2, 2, 0xfffe));
  return SchemeList{std::move(s)};
}
template <ExtensionType T>
void SchemeList<T>::serialize(Writer& w) const {
  write_u16_list(w, schemes, 2);
}
template struct SchemeList<ExtensionType::signature_algorithms>;
template struct SchemeList<ExtensionType::signature_algorithms_cert>;

bool SupportedVersionsClientHello::offers(ProtocolVersion v) const {
  return std::find(versions.begin(), versions.end(), v) != versions.end();
}
Result<SupportedVersionsClientHello> SupportedVersionsClientHello::parse(Reader& r) {
  GLASS_TRY(auto v, read_u16_list<ProtocolVersion>(r, "versions", 1, 2, 254));
  return SupportedVersionsClientHello{std::move(v)};
}
void SupportedVersionsClientHello::serialize(Writer& w) const { write_u16_list(w, versions, 1); }

Result<SupportedVersionsServerHello> SupportedVersionsServerHello::parse(Reader& r) {
  GLASS_TRY(auto v, r.u16("selected_version"));
  return SupportedVersionsServerHello{static_cast<ProtocolVersion>(v)};
}
void SupportedVersionsServerHello::serialize(Writer& w) const {
  w.u16(static_cast<std::uint16_t>(selected_version));
}

// --- key_share --------------------------------------------------------------

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
      return make_error(Alert::illegal_parameter,
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

// --- cookie, certificate_authorities, ALPN, record_size_limit ----------------

Result<Cookie> Cookie::parse(Reader& r) {
  GLASS_TRY(auto c, r.opaque16("cookie", 1, 0xffff));
  return Cookie{core::to_bytes(c)};
}
void Cookie::serialize(Writer& w) const { w.opaque16(cookie); }

Result<CertificateAuthorities> CertificateAuthorities::parse(Reader& r) {
  GLASS_TRY(auto list, r.vec16("authorities", 3, 0xffff));
  CertificateAuthorities out;
  while (!list.empty()) {
    GLASS_TRY(auto dn, list.opaque16("DistinguishedName", 1, 0xffff));
    out.authorities.push_back(core::to_bytes(dn));
  }
  return out;
}
void CertificateAuthorities::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& dn : authorities) w.opaque16(dn);
  });
}

Result<Alpn> Alpn::parse(Reader& r) {
  GLASS_TRY(auto list, r.vec16("protocol_name_list", 2, 0xffff));
  Alpn out;
  while (!list.empty()) {
    GLASS_TRY(auto name, list.opaque8("ProtocolName", 1, 0xff));
    out.protocols.emplace_back(core::as_chars(name));
  }
  return out;
}
void Alpn::serialize(Writer& w) const {
  w.vec16([&] {
    for (const auto& p : protocols) w.opaque8(core::as_bytes(p));
  });
}

Result<RecordSizeLimit> RecordSizeLimit::parse(Reader& r) {
  GLASS_TRY(auto v, r.u16("RecordSizeLimit"));
  if (v < 64)
    return make_error(Alert::illegal_parameter, "record_size_limit " + std::to_string(v) +
                                                    " is below the minimum of 64 (RFC 8449 4)");
  return RecordSizeLimit{v};
}
void RecordSizeLimit::serialize(Writer& w) const { w.u16(limit); }

// --- psk_key_exchange_modes, padding, renegotiation_info, ec_point_formats ---

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

Result<Padding> Padding::parse(Reader& r) {
  std::size_t at = r.offset();
  auto body = r.rest();
  for (std::size_t i = 0; i < body.size(); ++i)
    if (body[i] != 0)
      return make_error(Alert::illegal_parameter,
                        "padding byte at offset " + std::to_string(at + i) +
                            " is not zero (RFC 7685 3)");
  return Padding{body.size()};
}
void Padding::serialize(Writer& w) const { w.zeros(length); }

Result<RenegotiationInfo> RenegotiationInfo::parse(Reader& r) {
  GLASS_TRY(auto v, r.opaque8("renegotiated_connection", 0, 0xff));
  return RenegotiationInfo{core::to_bytes(v)};
}
void RenegotiationInfo::serialize(Writer& w) const { w.opaque8(renegotiated_connection); }

Result<EcPointFormats> EcPointFormats::parse(Reader& r) {
  GLASS_TRY(auto v, r.opaque8("ec_point_format_list", 1, 0xff));
  return EcPointFormats{core::to_bytes(v)};
}
void EcPointFormats::serialize(Writer& w) const { w.opaque8(formats); }

// --- pre_shared_key, early_data -----------------------------------------------

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
    return make_error(Alert::illegal_parameter,
                      std::to_string(out.identities.size()) + " PSK identities but " +
                          std::to_string(out.binders.size()) + " binders (RFC 8446 4.2.11)");
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
