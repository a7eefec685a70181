#include "handshake/types.hpp"

#include <cstdio>

namespace glass::handshake {

std::string unknown_name(std::uint16_t v, int hex_digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "unknown(0x%0*x)", hex_digits, static_cast<unsigned>(v));
  return buf;
}

bool is_grease(std::uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }

std::optional<SuiteParams> suite_params(CipherSuite s) {
  using crypto::AeadAlg;
  using crypto::HashAlg;
  constexpr auto v13 = ProtocolVersion::tls13, v12 = ProtocolVersion::tls12;
  switch (s) {
    case CipherSuite::TLS_AES_128_GCM_SHA256:
      return SuiteParams{v13, AeadAlg::aes128_gcm, HashAlg::sha256, KeyExchangeAuth::none};
    case CipherSuite::TLS_AES_256_GCM_SHA384:
      return SuiteParams{v13, AeadAlg::aes256_gcm, HashAlg::sha384, KeyExchangeAuth::none};
    case CipherSuite::TLS_CHACHA20_POLY1305_SHA256:
      return SuiteParams{v13, AeadAlg::chacha20_poly1305, HashAlg::sha256, KeyExchangeAuth::none};
    case CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
      return SuiteParams{v12, AeadAlg::aes128_gcm, HashAlg::sha256, KeyExchangeAuth::ecdsa};
    case CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
      return SuiteParams{v12, AeadAlg::aes256_gcm, HashAlg::sha384, KeyExchangeAuth::ecdsa};
    case CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
      return SuiteParams{v12, AeadAlg::aes128_gcm, HashAlg::sha256, KeyExchangeAuth::rsa};
    case CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
      return SuiteParams{v12, AeadAlg::aes256_gcm, HashAlg::sha384, KeyExchangeAuth::rsa};
    case CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
      return SuiteParams{v12, AeadAlg::chacha20_poly1305, HashAlg::sha256, KeyExchangeAuth::rsa};
    case CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
      return SuiteParams{v12, AeadAlg::chacha20_poly1305, HashAlg::sha256, KeyExchangeAuth::ecdsa};
    default:
      return std::nullopt;
  }
}

std::string name_of(HandshakeType t) {
  switch (t) {
    case HandshakeType::hello_request: return "hello_request";
    case HandshakeType::client_hello: return "client_hello";
    case HandshakeType::server_hello: return "server_hello";
    case HandshakeType::hello_verify_request: return "hello_verify_request";
    case HandshakeType::new_session_ticket: return "new_session_ticket";
    case HandshakeType::end_of_early_data: return "end_of_early_data";
    case HandshakeType::encrypted_extensions: return "encrypted_extensions";
    case HandshakeType::certificate: return "certificate";
    case HandshakeType::server_key_exchange: return "server_key_exchange";
    case HandshakeType::certificate_request: return "certificate_request";
    case HandshakeType::server_hello_done: return "server_hello_done";
    case HandshakeType::certificate_verify: return "certificate_verify";
    case HandshakeType::client_key_exchange: return "client_key_exchange";
    case HandshakeType::finished: return "finished";
    case HandshakeType::certificate_url: return "certificate_url";
    case HandshakeType::certificate_status: return "certificate_status";
    case HandshakeType::key_update: return "key_update";
    case HandshakeType::message_hash: return "message_hash";
  }
  return unknown_name(static_cast<std::uint8_t>(t), 2);
}

std::string message_name(HandshakeType t) {
  switch (t) {
    case HandshakeType::hello_request: return "HelloRequest";
    case HandshakeType::client_hello: return "ClientHello";
    case HandshakeType::server_hello: return "ServerHello";
    case HandshakeType::hello_verify_request: return "HelloVerifyRequest";
    case HandshakeType::new_session_ticket: return "NewSessionTicket";
    case HandshakeType::end_of_early_data: return "EndOfEarlyData";
    case HandshakeType::encrypted_extensions: return "EncryptedExtensions";
    case HandshakeType::certificate: return "Certificate";
    case HandshakeType::server_key_exchange: return "ServerKeyExchange";
    case HandshakeType::certificate_request: return "CertificateRequest";
    case HandshakeType::server_hello_done: return "ServerHelloDone";
    case HandshakeType::certificate_verify: return "CertificateVerify";
    case HandshakeType::client_key_exchange: return "ClientKeyExchange";
    case HandshakeType::finished: return "Finished";
    case HandshakeType::certificate_url: return "CertificateURL";
    case HandshakeType::certificate_status: return "CertificateStatus";
    case HandshakeType::key_update: return "KeyUpdate";
    case HandshakeType::message_hash: return "MessageHash";
  }
  return unknown_name(static_cast<std::uint8_t>(t), 2);
}

std::string name_of(ExtensionType t) {
  switch (t) {
    case ExtensionType::server_name: return "server_name";
    case ExtensionType::max_fragment_length: return "max_fragment_length";
    case ExtensionType::status_request: return "status_request";
    case ExtensionType::supported_groups: return "supported_groups";
    case ExtensionType::ec_point_formats: return "ec_point_formats";
    case ExtensionType::signature_algorithms: return "signature_algorithms";
    case ExtensionType::use_srtp: return "use_srtp";
    case ExtensionType::heartbeat: return "heartbeat";
    case ExtensionType::application_layer_protocol_negotiation:
      return "application_layer_protocol_negotiation";
    case ExtensionType::signed_certificate_timestamp: return "signed_certificate_timestamp";
    case ExtensionType::client_certificate_type: return "client_certificate_type";
    case ExtensionType::server_certificate_type: return "server_certificate_type";
    case ExtensionType::padding: return "padding";
    case ExtensionType::encrypt_then_mac: return "encrypt_then_mac";
    case ExtensionType::extended_master_secret: return "extended_master_secret";
    case ExtensionType::record_size_limit: return "record_size_limit";
    case ExtensionType::session_ticket: return "session_ticket";
    case ExtensionType::pre_shared_key: return "pre_shared_key";
    case ExtensionType::early_data: return "early_data";
    case ExtensionType::supported_versions: return "supported_versions";
    case ExtensionType::cookie: return "cookie";
    case ExtensionType::psk_key_exchange_modes: return "psk_key_exchange_modes";
    case ExtensionType::certificate_authorities: return "certificate_authorities";
    case ExtensionType::oid_filters: return "oid_filters";
    case ExtensionType::post_handshake_auth: return "post_handshake_auth";
    case ExtensionType::signature_algorithms_cert: return "signature_algorithms_cert";
    case ExtensionType::key_share: return "key_share";
    case ExtensionType::renegotiation_info: return "renegotiation_info";
  }
  auto v = static_cast<std::uint16_t>(t);
  if (is_grease(v)) return "GREASE(" + unknown_name(v).substr(8);
  return unknown_name(v);
}

std::string name_of(ProtocolVersion v) {
  switch (v) {
    case ProtocolVersion::ssl30: return "SSL 3.0";
    case ProtocolVersion::tls10: return "TLS 1.0";
    case ProtocolVersion::tls11: return "TLS 1.1";
    case ProtocolVersion::tls12: return "TLS 1.2";
    case ProtocolVersion::tls13: return "TLS 1.3";
  }
  auto raw = static_cast<std::uint16_t>(v);
  if (is_grease(raw)) return "GREASE(" + unknown_name(raw).substr(8);
  return unknown_name(raw);
}

std::string name_of(CipherSuite s) {
  switch (s) {
#define GLASS_SUITE_NAME(x) \
  case CipherSuite::x: return #x;
    GLASS_SUITE_NAME(TLS_AES_128_GCM_SHA256)
    GLASS_SUITE_NAME(TLS_AES_256_GCM_SHA384)
    GLASS_SUITE_NAME(TLS_CHACHA20_POLY1305_SHA256)
    GLASS_SUITE_NAME(TLS_AES_128_CCM_SHA256)
    GLASS_SUITE_NAME(TLS_AES_128_CCM_8_SHA256)
    GLASS_SUITE_NAME(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
    GLASS_SUITE_NAME(TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)
    GLASS_SUITE_NAME(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
    GLASS_SUITE_NAME(TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)
    GLASS_SUITE_NAME(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)
    GLASS_SUITE_NAME(TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)
    GLASS_SUITE_NAME(TLS_EMPTY_RENEGOTIATION_INFO_SCSV)
    GLASS_SUITE_NAME(TLS_FALLBACK_SCSV)
#undef GLASS_SUITE_NAME
  }
  auto raw = static_cast<std::uint16_t>(s);
  if (is_grease(raw)) return "GREASE(" + unknown_name(raw).substr(8);
  return unknown_name(raw);
}

}  // namespace glass::handshake
