#pragma once
// The typed names of observer events (core/observer.hpp): which secret was
// derived, which side spoke, which handshake state was left and entered. A
// consumer switches on these; the *_label functions give the text the
// narration, the reports and the key log print (the names RFC 8446, RFC 5246
// and the NSS key log use), unchanged from when events carried strings.
#include <cstdint>
#include <optional>
#include <string_view>

namespace glass::core {

enum class Side : std::uint8_t { client, server };

inline std::string_view side_label(Side s) { return s == Side::client ? "client" : "server"; }

// Every secret, key or signed input an engine (or a capture replay) reports.
enum class Secret : std::uint8_t {
  // TLS 1.3 inputs
  psk,                      // "PSK": the resumption PSK a ClientHello offers
  ticket_psk,               // "ticket PSK": the PSK a NewSessionTicket makes
  ecdhe_shared_secret,      // "ECDHE shared secret"
  psk_binder,               // "psk_binder" (RFC 8446 4.2.11.2)
  // TLS 1.3 key schedule (RFC 8446 7.1)
  early_secret,
  binder_key,
  client_early_traffic_secret,
  early_exporter_master_secret,
  handshake_secret,
  client_handshake_traffic_secret,
  server_handshake_traffic_secret,
  master_secret,  // also TLS 1.2's master secret (RFC 5246 8.1, RFC 7627)
  client_application_traffic_secret_0,
  server_application_traffic_secret_0,
  exporter_master_secret,
  resumption_master_secret,
  client_application_traffic_secret_next,  // "client_application_traffic_secret_N+1" (KeyUpdate)
  server_application_traffic_secret_next,
  // TLS 1.3 record keys of a traffic secret (RFC 8446 7.3): "<traffic secret> key" / " iv"
  client_handshake_key,
  client_handshake_iv,
  server_handshake_key,
  server_handshake_iv,
  client_application_key_0,
  client_application_iv_0,
  server_application_key_0,
  server_application_iv_0,
  client_application_key_next,
  client_application_iv_next,
  server_application_key_next,
  server_application_iv_next,
  // "CertificateVerify signed content": the bytes our TLS 1.3 CertificateVerify signs
  certificate_verify_content,
  // TLS 1.2
  pre_master_secret,
  client_write_key,
  server_write_key,
  client_write_iv,
  server_write_iv,
};

// The label as the RFCs name the secret ("client_handshake_traffic_secret",
// "client_handshake_traffic_secret key", "ECDHE shared secret").
std::string_view secret_label(Secret s);
// The secret whose label is `label`: for emitters that name a traffic secret by
// its label (a capture's key log, the record layer's key change), never for
// consumers, which switch on Secret.
std::optional<Secret> secret_from_label(std::string_view label);

// TLS 1.3 traffic secrets and their record keys.
bool is_traffic_secret(Secret s);
bool is_record_key(Secret s);  // a "<traffic secret> key"
bool is_record_iv(Secret s);   // a "<traffic secret> iv"
// The traffic secret a record key or iv comes from (s itself for any other secret).
Secret traffic_secret_of(Secret s);
// The record key (iv=false) or iv of a traffic secret; nullopt for other secrets.
std::optional<Secret> record_key_of(Secret traffic_secret, bool iv);
// Written by the client (client_* secrets and keys); false for shared ones.
bool client_secret(Secret s);

// The states of the client and server handshake state machines (RFC 8446
// A.1/A.2, RFC 5246 7.3), as both engines and the capture replay report them.
enum class HandshakeState : std::uint8_t {
  START,
  // TLS 1.3 client
  WAIT_SH,
  WAIT_EE,
  WAIT_CERT_CR,
  // TLS 1.3 server
  RECVD_CH,
  NEGOTIATED,
  WAIT_FLIGHT2,
  // both
  WAIT_CERT,
  WAIT_CV,
  WAIT_FINISHED,
  CONNECTED,
  // server: post-handshake client authentication
  PHA_WAIT_CERT,
  PHA_WAIT_CV,
  PHA_WAIT_FINISHED,
  // TLS 1.2 client
  WAIT_SERVER_CERTIFICATE,
  WAIT_SERVER_KEY_EXCHANGE,
  WAIT_CERT_REQUEST_OR_HELLO_DONE,
  WAIT_SERVER_HELLO_DONE,
  // TLS 1.2 server
  WAIT_CLIENT_CERTIFICATE,
  WAIT_CLIENT_KEY_EXCHANGE,
  WAIT_CERTIFICATE_VERIFY,
  // TLS 1.2 both
  WAIT_CHANGE_CIPHER_SPEC,
  WAIT_FINISHED_12,
  CONNECTED_12,
  // a capture replay's end after a fatal alert (the engines report the error instead)
  CLOSED,
  // action states: reached through Next{state}, they act without input and are never
  // the current state, so no transition reports them (TLS 1.3 and 1.2 alike)
  SEND_CERTIFICATE,
  SEND_CERTIFICATE_VERIFY,
  SEND_SERVER_KEY_EXCHANGE,
  SEND_FINISHED,
};

// "WAIT_CERT_CR"; TLS 1.2's WAIT_FINISHED and CONNECTED print as in TLS 1.3, the
// post-handshake states as "CONNECTED (post-handshake WAIT_CERT)".
std::string_view state_label(HandshakeState s);
// Application data may flow (CONNECTED, its post-handshake states, CONNECTED_12).
bool is_connected(HandshakeState s);

}  // namespace glass::core
