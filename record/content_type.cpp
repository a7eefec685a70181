#include "record/content_type.hpp"

namespace glass::record {

bool content_type_known(std::uint8_t v) { return v >= 20 && v <= 23; }

std::string content_type_name(std::uint8_t v) {
  switch (v) {
    case 20: return "change_cipher_spec";
    case 21: return "alert";
    case 22: return "handshake";
    case 23: return "application_data";
    case 24: return "heartbeat(24)";
    default: return "unknown(" + std::to_string(v) + ")";
  }
}

std::string version_name(Version v) {
  switch (v) {
    case Version::tls12: return "TLS 1.2";
    case Version::tls13: return "TLS 1.3";
    case Version::unknown: break;
  }
  return "not yet negotiated";
}

}  // namespace glass::record
