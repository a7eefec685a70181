#pragma once
// Wire enums of the handshake layer (RFC 8446 4 and B.3, RFC 5246 7.4, IANA TLS
// registries) and their names. Every enum stays open: any 16-bit value can be
// carried, so GREASE (RFC 8701) and unknown code points survive a round trip.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace glass::handshake {

using core::Bytes;
using core::ByteView;

enum class HandshakeType : std::uint8_t {
  hello_request = 0,  // TLS 1.2 only
  client_hello = 1,
  server_hello = 2,
  hello_verify_request = 3,  // DTLS only
  new_session_ticket = 4,
  end_of_early_data = 5,
  encrypted_extensions = 8,
  certificate = 11,
  server_key_exchange = 12,  // TLS 1.2 only
  certificate_request = 13,
  server_hello_done = 14,  // TLS 1.2 only
  certificate_verify = 15,
  client_key_exchange = 16,  // TLS 1.2 only
  finished = 20,
  certificate_url = 21,
  certificate_status = 22,
  key_update = 24,
  message_hash = 254,  // synthetic, only inside the TLS 1.3 transcript
};

enum class ExtensionType : std::uint16_t {
  server_name = 0,
  max_fragment_length = 1,
  status_request = 5,
  supported_groups = 10,
  ec_point_formats = 11,
  signature_algorithms = 13,
  use_srtp = 14,
  heartbeat = 15,
  application_layer_protocol_negotiation = 16,
  signed_certificate_timestamp = 18,
  client_certificate_type = 19,
  server_certificate_type = 20,
  padding = 21,
  encrypt_then_mac = 22,
  extended_master_secret = 23,
  record_size_limit = 28,
  session_ticket = 35,
  pre_shared_key = 41,
  early_data = 42,
  supported_versions = 43,
  cookie = 44,
  psk_key_exchange_modes = 45,
  certificate_authorities = 47,
  oid_filters = 48,
  post_handshake_auth = 49,
  signature_algorithms_cert = 50,
  key_share = 51,
  renegotiation_info = 0xff01,
};

enum class ProtocolVersion : std::uint16_t {
  ssl30 = 0x0300,
  tls10 = 0x0301,
  tls11 = 0x0302,
  tls12 = 0x0303,
  tls13 = 0x0304,
};

enum class CipherSuite : std::uint16_t {
  // TLS 1.3 (RFC 8446 B.4)
  TLS_AES_128_GCM_SHA256 = 0x1301,
  TLS_AES_256_GCM_SHA384 = 0x1302,
  TLS_CHACHA20_POLY1305_SHA256 = 0x1303,
  TLS_AES_128_CCM_SHA256 = 0x1304,
  TLS_AES_128_CCM_8_SHA256 = 0x1305,
  // TLS 1.2 ECDHE AEAD suites (RFC 5289, RFC 7905)
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xc02b,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = 0xc02c,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = 0xc030,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca8,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca9,
  // Signalling values
  TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff,  // RFC 5746
  TLS_FALLBACK_SCSV = 0x5600,                  // RFC 7507
};

// TLS 1.2 ECDHE authentication: which certificate key signs ServerKeyExchange.
enum class KeyExchangeAuth : std::uint8_t { none, ecdsa, rsa };

// What a cipher suite means to the record layer and the key schedule.
struct SuiteParams {
  ProtocolVersion version;  // tls13 for 1.3 suites, tls12 for the 1.2 ones
  crypto::AeadAlg aead;
  crypto::HashAlg hash;     // HKDF hash (1.3) or PRF hash (1.2)
  KeyExchangeAuth auth;     // none for 1.3 suites
};
// nullopt for suites this build cannot run (SCSVs, CCM, unknown values).
std::optional<SuiteParams> suite_params(CipherSuite s);

// "client_hello" (RFC spelling) / "ClientHello" (message name); unknown values
// come back as "unknown(0x1234)" / "unknown(123)".
std::string name_of(HandshakeType t);
std::string message_name(HandshakeType t);
std::string name_of(ExtensionType t);   // "key_share"
std::string name_of(ProtocolVersion v); // "TLS 1.3"
std::string name_of(CipherSuite s);     // "TLS_AES_128_GCM_SHA256"
// GREASE values (RFC 8701) of the 16-bit registries: 0x0a0a, 0x1a1a, ... 0xfafa.
bool is_grease(std::uint16_t v);

// "unknown(0x1234)" with four hex digits (two for 8-bit values).
std::string unknown_name(std::uint16_t v, int hex_digits = 4);

using Random = std::array<std::uint8_t, 32>;

}  // namespace glass::handshake
