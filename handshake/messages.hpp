#pragma once
// Every handshake message struct, plus AnyMessage: parse any framed message by its
// type for the version in use (fuzzing, --explain views, tests). The state machines
// use decode<M>() (message.hpp) for the one message each state expects.
#include <variant>

#include "handshake/certificate.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/certificate_request12.hpp"
#include "handshake/certificate_verify.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/client_key_exchange.hpp"
#include "handshake/encrypted_extensions.hpp"
#include "handshake/finished.hpp"
#include "handshake/key_update.hpp"
#include "handshake/message.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_hello_done.hpp"
#include "handshake/server_key_exchange.hpp"

namespace glass::handshake {

using AnyMessage =
    std::variant<ClientHello, ServerHello, EncryptedExtensions, EndOfEarlyData, CertificateRequest,
                 Certificate, CertificateVerify, Finished, NewSessionTicket, KeyUpdate,
                 Certificate12, CertificateRequest12, ServerKeyExchangeEcdhe, ServerHelloDone,
                 ClientKeyExchangeEcdhe, NewSessionTicket12>;

// Message types mean different structs in TLS 1.2 and 1.3 (Certificate,
// CertificateRequest, NewSessionTicket), and Finished has no length of its own.
struct ParseOptions {
  ProtocolVersion version = ProtocolVersion::tls13;  // tls12 selects the 1.2 structs
  std::size_t finished_length = 32;                  // Hash.length in 1.3, 12 in 1.2
};

// unexpected_message for types that do not exist in that version.
core::Result<AnyMessage> parse_any(const MessageView& msg, const ParseOptions& opt = {});
// The framed bytes (header included).
core::Result<core::Bytes> encode_any(const AnyMessage& m);
HandshakeType type_of(const AnyMessage& m);
// "ClientHello", "HelloRetryRequest", "Certificate", ...
std::string message_name(const AnyMessage& m);

}  // namespace glass::handshake
