#pragma once
// NewSessionTicket.
// TLS 1.3 (RFC 8446 4.6.1): uint32 ticket_lifetime; uint32 ticket_age_add;
//   opaque ticket_nonce<0..255>; opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>;
// TLS 1.2 (RFC 5077 3.3): uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>;
#include "handshake/extensions.hpp"

namespace glass::handshake {

struct NewSessionTicket {
  static constexpr HandshakeType msg_type = HandshakeType::new_session_ticket;
  std::uint32_t ticket_lifetime = 0;  // seconds; at most 604800 (checked by the caller)
  std::uint32_t ticket_age_add = 0;
  core::Bytes ticket_nonce;
  core::Bytes ticket;
  Extensions extensions;  // early_data (EarlyDataTicket)

  static core::Result<NewSessionTicket> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const NewSessionTicket&) const = default;
};

struct NewSessionTicket12 {
  static constexpr HandshakeType msg_type = HandshakeType::new_session_ticket;
  std::uint32_t ticket_lifetime_hint = 0;
  core::Bytes ticket;

  static core::Result<NewSessionTicket12> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const NewSessionTicket12&) const = default;
};

}  // namespace glass::handshake
