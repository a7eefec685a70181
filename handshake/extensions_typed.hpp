#pragma once
// Typed extension bodies. Each has `static constexpr ExtensionType type`, a pure
// parse(Reader&) (the caller checks the body is fully consumed, see
// Extensions::parse_body) and serialize(Writer&). Bounds follow the RFCs.
// Use through Extensions: `exts.get<KeyShareClientHello>()`, `exts.set(SupportedGroups{...})`.
#include <string>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "crypto/signature.hpp"
#include "handshake/extensions.hpp"

namespace glass::handshake {

using crypto::NamedGroup;
using crypto::SignatureScheme;

// Extensions whose body is empty: post_handshake_auth, extended_master_secret,
// the server's server_name acknowledgement, early_data in ClientHello/EE, ...
template <ExtensionType T>
struct EmptyExtension {
  static constexpr ExtensionType type = T;
  static core::Result<EmptyExtension> parse(core::Reader&) { return EmptyExtension{}; }
  void serialize(core::Writer&) const {}
  bool operator==(const EmptyExtension&) const = default;
};
using PostHandshakeAuth = EmptyExtension<ExtensionType::post_handshake_auth>;
using ExtendedMasterSecret = EmptyExtension<ExtensionType::extended_master_secret>;
using EncryptThenMac = EmptyExtension<ExtensionType::encrypt_then_mac>;
using ServerNameAck = EmptyExtension<ExtensionType::server_name>;  // EE / TLS 1.2 SH
using EarlyDataIndication = EmptyExtension<ExtensionType::early_data>;  // CH / EE

// RFC 6066 3: ServerName server_name_list<1..2^16-1>; only host_name (0) is defined.
struct ServerNameList {
  static constexpr ExtensionType type = ExtensionType::server_name;
  static constexpr std::uint8_t host_name_type = 0;
  struct Entry {
    std::uint8_t name_type = host_name_type;
    core::Bytes name;  // HostName<1..2^16-1>
    bool operator==(const Entry&) const = default;
  };
  std::vector<Entry> names;

  // The host_name entry, if any.
  std::optional<std::string> host_name() const;
  static ServerNameList for_host(std::string_view host);
  static core::Result<ServerNameList> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const ServerNameList&) const = default;
};

// RFC 8446 4.2.7: NamedGroup named_group_list<2..2^16-1>.
struct SupportedGroups {
  static constexpr ExtensionType type = ExtensionType::supported_groups;
  std::vector<NamedGroup> groups;
  static core::Result<SupportedGroups> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SupportedGroups&) const = default;
};

// RFC 8446 4.2.3: SignatureScheme supported_signature_algorithms<2..2^16-2>.
template <ExtensionType T>
struct SchemeList {
  static constexpr ExtensionType type = T;
  std::vector<SignatureScheme> schemes;
  static core::Result<SchemeList> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SchemeList&) const = default;
};
using SignatureAlgorithms = SchemeList<ExtensionType::signature_algorithms>;
using SignatureAlgorithmsCert = SchemeList<ExtensionType::signature_algorithms_cert>;

// RFC 8446 4.2.1, ClientHello form: ProtocolVersion versions<2..254>.
struct SupportedVersionsClientHello {
  static constexpr ExtensionType type = ExtensionType::supported_versions;
  std::vector<ProtocolVersion> versions;
  bool offers(ProtocolVersion v) const;
  static core::Result<SupportedVersionsClientHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SupportedVersionsClientHello&) const = default;
};
// ServerHello / HelloRetryRequest form: one ProtocolVersion.
struct SupportedVersionsServerHello {
  static constexpr ExtensionType type = ExtensionType::supported_versions;
  ProtocolVersion selected_version = ProtocolVersion::tls13;
  static core::Result<SupportedVersionsServerHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const SupportedVersionsServerHello&) const = default;
};

// RFC 8446 4.2.8: struct { NamedGroup group; opaque key_exchange<1..2^16-1>; }
struct KeyShareEntry {
  NamedGroup group{};
  core::Bytes key_exchange;
  static core::Result<KeyShareEntry> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareEntry&) const = default;
};
// ClientHello: KeyShareEntry client_shares<0..2^16-1>. Two shares for one group are
// illegal_parameter (RFC 8446 4.2.8).
struct KeyShareClientHello {
  static constexpr ExtensionType type = ExtensionType::key_share;
  std::vector<KeyShareEntry> client_shares;
  const KeyShareEntry* find(NamedGroup g) const;
  static core::Result<KeyShareClientHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareClientHello&) const = default;
};
// ServerHello: one KeyShareEntry.
struct KeyShareServerHello {
  static constexpr ExtensionType type = ExtensionType::key_share;
  KeyShareEntry server_share;
  static core::Result<KeyShareServerHello> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareServerHello&) const = default;
};
// HelloRetryRequest: the group the server wants a share for.
struct KeyShareHelloRetryRequest {
  static constexpr ExtensionType type = ExtensionType::key_share;
  NamedGroup selected_group{};
  static core::Result<KeyShareHelloRetryRequest> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const KeyShareHelloRetryRequest&) const = default;
};

// RFC 8446 4.2.2: opaque cookie<1..2^16-1>.
struct Cookie {
  static constexpr ExtensionType type = ExtensionType::cookie;
  core::Bytes cookie;
  static core::Result<Cookie> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Cookie&) const = default;
};

// RFC 8446 4.2.4: DistinguishedName authorities<3..2^16-1>, each DER <1..2^16-1>,
// kept raw (x509/ interprets them).
struct CertificateAuthorities {
  static constexpr ExtensionType type = ExtensionType::certificate_authorities;
  std::vector<core::Bytes> authorities;
  static core::Result<CertificateAuthorities> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const CertificateAuthorities&) const = default;
};

// RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>, each <1..2^8-1>.
struct Alpn {
  static constexpr ExtensionType type = ExtensionType::application_layer_protocol_negotiation;
  std::vector<std::string> protocols;
  static core::Result<Alpn> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Alpn&) const = default;
};

// RFC 8449 4: uint16 RecordSizeLimit, at least 64 (illegal_parameter otherwise).
struct RecordSizeLimit {
  static constexpr ExtensionType type = ExtensionType::record_size_limit;
  std::uint16_t limit = 0x4001;
  static core::Result<RecordSizeLimit> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const RecordSizeLimit&) const = default;
};

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

// RFC 7685: padding bytes, which MUST all be zero (illegal_parameter otherwise).
struct Padding {
  static constexpr ExtensionType type = ExtensionType::padding;
  std::size_t length = 0;
  static core::Result<Padding> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const Padding&) const = default;
};

// RFC 5746 3.2: opaque renegotiated_connection<0..255>.
struct RenegotiationInfo {
  static constexpr ExtensionType type = ExtensionType::renegotiation_info;
  core::Bytes renegotiated_connection;
  static core::Result<RenegotiationInfo> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const RenegotiationInfo&) const = default;
};

// RFC 8422 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>; 0 = uncompressed.
struct EcPointFormats {
  static constexpr ExtensionType type = ExtensionType::ec_point_formats;
  static constexpr std::uint8_t uncompressed = 0;
  core::Bytes formats{uncompressed};
  static core::Result<EcPointFormats> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const EcPointFormats&) const = default;
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
// NewSessionTicket form of early_data: uint32 max_early_data_size.
struct EarlyDataTicket {
  static constexpr ExtensionType type = ExtensionType::early_data;
  std::uint32_t max_early_data_size = 0;
  static core::Result<EarlyDataTicket> parse(core::Reader& r);
  void serialize(core::Writer& w) const;
  bool operator==(const EarlyDataTicket&) const = default;
};

}  // namespace glass::handshake
