#pragma once
// Resumption's extensions: pre_shared_key, psk_key_exchange_modes and early_data
// (RFC 8446 4.2.9-4.2.11). The binder itself is computed in psk.hpp.
#include <vector>

#include "handshake/extensions/empty_extension.hpp"

namespace glass::handshake {

// RFC 8446 4.2.9: PskKeyExchangeMode ke_modes<1..255>.
enum class PskKeyExchangeMode : std::uint8_t { psk_ke = 0, psk_dhe_ke = 1 };
struct PskKeyExchangeModes {
  static constexpr ExtensionType type = ExtensionType::psk_key_exchange_modes;
  std::vector<PskKeyExchangeMode> modes;
  bool offers(PskKeyExchangeMode m) const;
  static core::Result<PskKeyExchangeModes> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const PskKeyExchangeModes&) const = default;
};

// RFC 8446 4.2.11, ClientHello form: identities<7..2^16-1>, binders<33..2^16-1>.
struct OfferedPsks {
  static constexpr ExtensionType type = ExtensionType::pre_shared_key;
  struct Identity {
    core::Bytes identity;  // <1..2^16-1>
    std::uint32_t obfuscated_ticket_age = 0;
    bool operator==(const Identity&) const = default;
  };
  std::vector<Identity> identities;
  std::vector<core::Bytes> binders;  // each PskBinderEntry<32..255>
  // Bytes taken by the binders list (its u16 length included): the PSK binder is
  // computed over the ClientHello minus this many trailing bytes (RFC 8446 4.2.11.2).
  std::size_t binders_wire_length() const;
  static core::Result<OfferedPsks> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const OfferedPsks&) const = default;
};
// ServerHello form: uint16 selected_identity.
struct SelectedPsk {
  static constexpr ExtensionType type = ExtensionType::pre_shared_key;
  std::uint16_t selected_identity = 0;
  static core::Result<SelectedPsk> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SelectedPsk&) const = default;
};

// RFC 8446 4.2.10: early_data is empty in ClientHello and EncryptedExtensions ...
using EarlyDataIndication = EmptyExtension<ExtensionType::early_data>;
// ... and in NewSessionTicket holds uint32 max_early_data_size.
struct EarlyDataTicket {
  static constexpr ExtensionType type = ExtensionType::early_data;
  std::uint32_t max_early_data_size = 0;
  static core::Result<EarlyDataTicket> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const EarlyDataTicket&) const = default;
};

}  // namespace glass::handshake
