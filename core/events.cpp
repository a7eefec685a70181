#include "core/events.hpp"

#include <array>
#include <utility>

namespace glass::core {

namespace {

using S = Secret;

constexpr std::pair<Secret, std::string_view> kLabels[] = {
    {S::psk, "PSK"},
    {S::ticket_psk, "ticket PSK"},
    {S::ecdhe_shared_secret, "ECDHE shared secret"},
    {S::psk_binder, "psk_binder"},
    {S::early_secret, "early_secret"},
    {S::binder_key, "binder_key"},
    {S::client_early_traffic_secret, "client_early_traffic_secret"},
    {S::early_exporter_master_secret, "early_exporter_master_secret"},
    {S::handshake_secret, "handshake_secret"},
    {S::client_handshake_traffic_secret, "client_handshake_traffic_secret"},
    {S::server_handshake_traffic_secret, "server_handshake_traffic_secret"},
    {S::master_secret, "master_secret"},
    {S::client_application_traffic_secret_0, "client_application_traffic_secret_0"},
    {S::server_application_traffic_secret_0, "server_application_traffic_secret_0"},
    {S::exporter_master_secret, "exporter_master_secret"},
    {S::resumption_master_secret, "resumption_master_secret"},
    {S::client_application_traffic_secret_next, "client_application_traffic_secret_N+1"},
    {S::server_application_traffic_secret_next, "server_application_traffic_secret_N+1"},
    {S::client_handshake_key, "client_handshake_traffic_secret key"},
    {S::client_handshake_iv, "client_handshake_traffic_secret iv"},
    {S::server_handshake_key, "server_handshake_traffic_secret key"},
    {S::server_handshake_iv, "server_handshake_traffic_secret iv"},
    {S::client_application_key_0, "client_application_traffic_secret_0 key"},
    {S::client_application_iv_0, "client_application_traffic_secret_0 iv"},
    {S::server_application_key_0, "server_application_traffic_secret_0 key"},
    {S::server_application_iv_0, "server_application_traffic_secret_0 iv"},
    {S::client_application_key_next, "client_application_traffic_secret_N+1 key"},
    {S::client_application_iv_next, "client_application_traffic_secret_N+1 iv"},
    {S::server_application_key_next, "server_application_traffic_secret_N+1 key"},
    {S::server_application_iv_next, "server_application_traffic_secret_N+1 iv"},
    {S::certificate_verify_content, "CertificateVerify signed content"},
    {S::pre_master_secret, "pre_master_secret"},
    {S::client_write_key, "client_write_key"},
    {S::server_write_key, "server_write_key"},
    {S::client_write_iv, "client_write_iv"},
    {S::server_write_iv, "server_write_iv"},
};

// traffic secret, its key, its iv
constexpr std::array<std::array<Secret, 3>, 6> kRecordKeys = {{
    {S::client_handshake_traffic_secret, S::client_handshake_key, S::client_handshake_iv},
    {S::server_handshake_traffic_secret, S::server_handshake_key, S::server_handshake_iv},
    {S::client_application_traffic_secret_0, S::client_application_key_0, S::client_application_iv_0},
    {S::server_application_traffic_secret_0, S::server_application_key_0, S::server_application_iv_0},
    {S::client_application_traffic_secret_next, S::client_application_key_next,
     S::client_application_iv_next},
    {S::server_application_traffic_secret_next, S::server_application_key_next,
     S::server_application_iv_next},
}};

}  // namespace

std::string_view secret_label(Secret s) {
  for (const auto& [k, l] : kLabels)
    if (k == s) return l;
  return "secret";
}

std::optional<Secret> secret_from_label(std::string_view label) {
  for (const auto& [k, l] : kLabels)
    if (l == label) return k;
  return std::nullopt;
}

bool is_traffic_secret(Secret s) {
  for (const auto& r : kRecordKeys)
    if (r[0] == s) return true;
  return s == S::client_early_traffic_secret;
}

bool is_record_key(Secret s) {
  for (const auto& r : kRecordKeys)
    if (r[1] == s) return true;
  return false;
}

bool is_record_iv(Secret s) {
  for (const auto& r : kRecordKeys)
    if (r[2] == s) return true;
  return false;
}

Secret traffic_secret_of(Secret s) {
  for (const auto& r : kRecordKeys)
    if (r[1] == s || r[2] == s) return r[0];
  return s;
}

std::optional<Secret> record_key_of(Secret traffic_secret, bool iv) {
  for (const auto& r : kRecordKeys)
    if (r[0] == traffic_secret) return iv ? r[2] : r[1];
  return std::nullopt;
}

bool client_secret(Secret s) {
  switch (traffic_secret_of(s)) {
    case S::client_early_traffic_secret:
    case S::client_handshake_traffic_secret:
    case S::client_application_traffic_secret_0:
    case S::client_application_traffic_secret_next:
    case S::client_write_key:
    case S::client_write_iv:
      return true;
    default:
      return false;
  }
}

std::string_view state_label(HandshakeState s) {
  using H = HandshakeState;
  switch (s) {
    case H::START: return "START";
    case H::WAIT_SH: return "WAIT_SH";
    case H::WAIT_EE: return "WAIT_EE";
    case H::WAIT_CERT_CR: return "WAIT_CERT_CR";
    case H::RECVD_CH: return "RECVD_CH";
    case H::NEGOTIATED: return "NEGOTIATED";
    case H::WAIT_FLIGHT2: return "WAIT_FLIGHT2";
    case H::WAIT_CERT: return "WAIT_CERT";
    case H::WAIT_CV: return "WAIT_CV";
    case H::WAIT_FINISHED: return "WAIT_FINISHED";
    case H::CONNECTED: return "CONNECTED";
    case H::PHA_WAIT_CERT: return "CONNECTED (post-handshake WAIT_CERT)";
    case H::PHA_WAIT_CV: return "CONNECTED (post-handshake WAIT_CV)";
    case H::PHA_WAIT_FINISHED: return "CONNECTED (post-handshake WAIT_FINISHED)";
    case H::WAIT_SERVER_CERTIFICATE: return "WAIT_SERVER_CERTIFICATE";
    case H::WAIT_SERVER_KEY_EXCHANGE: return "WAIT_SERVER_KEY_EXCHANGE";
    case H::WAIT_CERT_REQUEST_OR_HELLO_DONE: return "WAIT_CERT_REQUEST_OR_HELLO_DONE";
    case H::WAIT_SERVER_HELLO_DONE: return "WAIT_SERVER_HELLO_DONE";
    case H::WAIT_CLIENT_CERTIFICATE: return "WAIT_CLIENT_CERTIFICATE";
    case H::WAIT_CLIENT_KEY_EXCHANGE: return "WAIT_CLIENT_KEY_EXCHANGE";
    case H::WAIT_CERTIFICATE_VERIFY: return "WAIT_CERTIFICATE_VERIFY";
    case H::WAIT_CHANGE_CIPHER_SPEC: return "WAIT_CHANGE_CIPHER_SPEC";
    case H::WAIT_FINISHED_12: return "WAIT_FINISHED";
    case H::CONNECTED_12: return "CONNECTED";
    case H::CLOSED: return "CLOSED";
    case H::SEND_CERTIFICATE: return "SEND_CERTIFICATE";
    case H::SEND_CERTIFICATE_VERIFY: return "SEND_CERTIFICATE_VERIFY";
    case H::SEND_SERVER_KEY_EXCHANGE: return "SEND_SERVER_KEY_EXCHANGE";
    case H::SEND_FINISHED: return "SEND_FINISHED";
  }
  return "UNKNOWN";
}

bool is_connected(HandshakeState s) {
  using H = HandshakeState;
  return s == H::CONNECTED || s == H::CONNECTED_12 || s == H::PHA_WAIT_CERT ||
         s == H::PHA_WAIT_CV || s == H::PHA_WAIT_FINISHED;
}

}  // namespace glass::core
