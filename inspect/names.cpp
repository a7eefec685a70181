// Name tables with codes, built on the handshake/crypto/core tables; only names
// those tables lack (legacy suites a browser offers, newer groups) live here.
#include <cstdio>
#include <string>

#include "core/alert.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/signature.hpp"
#include "handshake/types.hpp"
#include "inspect/dissect.hpp"

namespace glass::inspect {

namespace {

std::string code(unsigned v, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%0*x", digits, v);
  return buf;
}

// "name (0x1301)"; tables answer "unknown(0x..)"/"GREASE(0x..)" for values they
// lack, which become "unknown (0x..)"/"GREASE (0x..)".
std::string with_code(const std::string& name, unsigned v, int digits = 4) {
  if (name.rfind("unknown(", 0) == 0) return "unknown (" + code(v, digits) + ")";
  if (name.rfind("GREASE(", 0) == 0) return "GREASE (" + code(v, digits) + ")";
  return name + " (" + code(v, digits) + ")";
}

const char* extra_suite(std::uint16_t v) {
  switch (v) {
    case 0x002f: return "TLS_RSA_WITH_AES_128_CBC_SHA";
    case 0x0035: return "TLS_RSA_WITH_AES_256_CBC_SHA";
    case 0x003c: return "TLS_RSA_WITH_AES_128_CBC_SHA256";
    case 0x003d: return "TLS_RSA_WITH_AES_256_CBC_SHA256";
    case 0x009c: return "TLS_RSA_WITH_AES_128_GCM_SHA256";
    case 0x009d: return "TLS_RSA_WITH_AES_256_GCM_SHA384";
    case 0x009e: return "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    case 0x009f: return "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384";
    case 0xc009: return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
    case 0xc00a: return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA";
    case 0xc013: return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
    case 0xc014: return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";
    case 0xc023: return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    case 0xc024: return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384";
    case 0xc027: return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256";
    case 0xc028: return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384";
    case 0xccaa: return "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
    default: return nullptr;
  }
}

const char* extra_group(std::uint16_t v) {
  switch (v) {
    case 0x0101: return "ffdhe3072";
    case 0x0102: return "ffdhe4096";
    case 0x0103: return "ffdhe6144";
    case 0x0104: return "ffdhe8192";
    case 0x11eb: return "SecP256r1MLKEM768";
    case 0x11ec: return "X25519MLKEM768";
    case 0x11ed: return "SecP384r1MLKEM1024";
    case 0x6399: return "X25519Kyber768Draft00";
    default: return nullptr;
  }
}

const char* extra_extension(std::uint16_t v) {
  switch (v) {
    case 17: return "status_request_v2";
    case 27: return "compress_certificate";
    case 34: return "delegated_credential";
    case 57: return "quic_transport_parameters";
    case 13172: return "next_protocol_negotiation";
    case 0x4469: return "application_settings";
    case 0xfe0d: return "encrypted_client_hello";
    default: return nullptr;
  }
}

}  // namespace

std::string_view version_label(Version v) {
  switch (v) {
    case Version::tls12: return "TLS 1.2";
    case Version::tls13: return "TLS 1.3";
    case Version::unknown: break;
  }
  return "unknown";
}

std::string_view sender_label(Sender s) {
  switch (s) {
    case Sender::client: return "client";
    case Sender::server: return "server";
    case Sender::unknown: break;
  }
  return "unknown";
}

std::string content_type_label(std::uint8_t t) {
  const char* n = nullptr;
  switch (t) {
    case 20: n = "change_cipher_spec"; break;
    case 21: n = "alert"; break;
    case 22: n = "handshake"; break;
    case 23: n = "application_data"; break;
    case 24: n = "heartbeat"; break;
    default: n = "unknown"; break;
  }
  return std::string(n) + " (" + std::to_string(t) + ")";
}

std::string suite_label(std::uint16_t v) {
  if (const char* n = extra_suite(v)) return with_code(n, v);
  return with_code(handshake::name_of(static_cast<handshake::CipherSuite>(v)), v);
}

std::string group_label(std::uint16_t v) {
  if (const char* n = extra_group(v)) return with_code(n, v);
  if (handshake::is_grease(v)) return with_code("GREASE(", v);
  return with_code(crypto::name_of(static_cast<crypto::NamedGroup>(v)), v);
}

std::string scheme_label(std::uint16_t v) {
  if (handshake::is_grease(v)) return with_code("GREASE(", v);
  return with_code(crypto::name_of(static_cast<crypto::SignatureScheme>(v)), v);
}

std::string extension_label(std::uint16_t v) {
  if (const char* n = extra_extension(v)) return with_code(n, v);
  return with_code(handshake::name_of(static_cast<handshake::ExtensionType>(v)), v);
}

std::string version_code_label(std::uint16_t v) {
  if (v == 0x7f1c) return with_code("TLS 1.3 draft 28", v);
  return with_code(handshake::name_of(static_cast<handshake::ProtocolVersion>(v)), v);
}

std::string alert_label(std::uint8_t v) {
  std::string n(core::alert_name(static_cast<core::Alert>(v)));
  if (!core::alert_is_known(v)) n = "unknown";
  return n + " (" + std::to_string(v) + ")";
}

}  // namespace glass::inspect
