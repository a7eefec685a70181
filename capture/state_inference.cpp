#include "capture/state_inference.hpp"

namespace glass::capture {

using H = core::HandshakeState;

namespace {

enum : std::uint8_t {
  kClientHello = 1, kServerHello = 2, kNewSessionTicket = 4, kEncryptedExtensions = 8,
  kCertificate = 11, kServerKeyExchange = 12, kCertificateRequest = 13, kServerHelloDone = 14,
  kCertificateVerify = 15, kClientKeyExchange = 16, kFinished = 20,
};

const char* name(std::uint8_t t) {
  switch (t) {
    case kClientHello: return "ClientHello";
    case kServerHello: return "ServerHello";
    case kEncryptedExtensions: return "EncryptedExtensions";
    case kCertificate: return "Certificate";
    case kServerKeyExchange: return "ServerKeyExchange";
    case kCertificateRequest: return "CertificateRequest";
    case kServerHelloDone: return "ServerHelloDone";
    case kCertificateVerify: return "CertificateVerify";
    case kClientKeyExchange: return "ClientKeyExchange";
    case kFinished: return "Finished";
    default: return "";
  }
}

}  // namespace

bool certificate_message_empty(core::ByteView msg, bool tls13) {
  // 1.3: header(4) context_len(1) context list_len(3); 1.2: header(4) list_len(3).
  std::size_t at = 4;
  if (tls13) {
    if (msg.size() < 5) return false;
    at += 1 + msg[4];
  }
  if (msg.size() < at + 3) return false;
  return msg[at] == 0 && msg[at + 1] == 0 && msg[at + 2] == 0;
}

void StateInference::go(bool client, const std::string& event, core::HandshakeState to) {
  core::HandshakeState& s = client ? client_state_ : server_state_;
  core::Observer* o = client ? client_ : server_;
  if (o) o->on_state(client ? core::Side::client : core::Side::server, s, event, to);
  s = to;
}

void StateInference::message(bool from_client, std::uint8_t type, core::ByteView msg, bool tls13,
                             bool hrr) {
  if (from_client) {
    if (type == kClientHello && client_state_ == H::START) go(true, "send ClientHello", H::WAIT_SH);
    server_receives(type, msg, tls13);
    return;
  }
  server_sends(type, tls13, hrr);
  if (type == kServerHello) {
    if (hrr) go(true, "HelloRetryRequest / send ClientHello", H::WAIT_SH);
    else if (tls13) go(true, "ServerHello", H::WAIT_EE);
    else go(true, "ServerHello (TLS 1.2)", H::WAIT_SERVER_CERTIFICATE);
    return;
  }
  if (tls13) client_receives13(type);
  else client_receives12(type);
}

void StateInference::client_receives13(std::uint8_t type) {
  const core::HandshakeState s = client_state_;
  if (type == kEncryptedExtensions && s == H::WAIT_EE) go(true, name(type), H::WAIT_CERT_CR);
  else if (type == kCertificateRequest && s == H::WAIT_CERT_CR) go(true, name(type), H::WAIT_CERT);
  else if (type == kCertificate && (s == H::WAIT_CERT_CR || s == H::WAIT_CERT)) go(true, name(type), H::WAIT_CV);
  else if (type == kCertificateVerify && s == H::WAIT_CV) go(true, name(type), H::WAIT_FINISHED);
  // From WAIT_CERT_CR too: a PSK (resumption) handshake has no certificates.
  else if (type == kFinished && (s == H::WAIT_FINISHED || s == H::WAIT_CERT_CR)) go(true, name(type), H::CONNECTED);
}

void StateInference::client_receives12(std::uint8_t type) {
  const core::HandshakeState s = client_state_;
  if (type == kCertificate && s == H::WAIT_SERVER_CERTIFICATE) go(true, name(type), H::WAIT_SERVER_KEY_EXCHANGE);
  else if (type == kServerKeyExchange && s == H::WAIT_SERVER_KEY_EXCHANGE)
    go(true, name(type), H::WAIT_CERT_REQUEST_OR_HELLO_DONE);
  else if (type == kCertificateRequest && s == H::WAIT_CERT_REQUEST_OR_HELLO_DONE)
    go(true, name(type), H::WAIT_SERVER_HELLO_DONE);
  else if (type == kServerHelloDone &&
           (s == H::WAIT_SERVER_HELLO_DONE || s == H::WAIT_CERT_REQUEST_OR_HELLO_DONE))
    go(true, std::string("ServerHelloDone / send ") +
                 (cert_requested_ ? "Certificate, " : "") + "ClientKeyExchange, " +
                 (cert_requested_ ? "CertificateVerify, " : "") + "ChangeCipherSpec, Finished",
       H::WAIT_CHANGE_CIPHER_SPEC);
  else if (type == kFinished && s == H::WAIT_FINISHED) go(true, name(type), H::CONNECTED);
}

void StateInference::server_sends(std::uint8_t type, bool tls13, bool hrr) {
  if (type == kServerHello) {
    if (server_state_ == H::START) go(false, tls13 || hrr ? "ClientHello" : "ClientHello (TLS 1.2)", H::RECVD_CH);
    if (hrr) {
      go(false, "send HelloRetryRequest", H::START);
      return;
    }
    go(false, "select the cipher suite and key share", H::NEGOTIATED);
    server_flight_ = "ServerHello";
    return;
  }
  if (server_state_ != H::NEGOTIATED || !*name(type)) return;
  if (type == kCertificateRequest) cert_requested_ = true;
  server_flight_ += std::string(", ") + name(type);
  if (tls13 && type == kFinished) {
    go(false, "send " + server_flight_, H::WAIT_FLIGHT2);
    if (cert_requested_) go(false, "client authentication requested", H::WAIT_CERT);
    else go(false, "no client authentication", H::WAIT_FINISHED);
  } else if (!tls13 && type == kServerHelloDone) {
    go(false, "send " + server_flight_,
       cert_requested_ ? H::WAIT_CLIENT_CERTIFICATE : H::WAIT_CLIENT_KEY_EXCHANGE);
  }
}

void StateInference::server_receives(std::uint8_t type, core::ByteView msg, bool tls13) {
  const core::HandshakeState s = server_state_;
  if (type == kCertificate && (s == H::WAIT_CERT || s == H::WAIT_CLIENT_CERTIFICATE)) {
    client_cert_empty_ = certificate_message_empty(msg, tls13);
    core::HandshakeState next = tls13 ? (client_cert_empty_ ? H::WAIT_FINISHED : H::WAIT_CV) : H::WAIT_CLIENT_KEY_EXCHANGE;
    go(false, client_cert_empty_ ? "Certificate (empty)" : "Certificate", next);
  } else if (type == kCertificateVerify && (s == H::WAIT_CV || s == H::WAIT_CERTIFICATE_VERIFY)) {
    go(false, name(type), tls13 ? H::WAIT_FINISHED : H::WAIT_CHANGE_CIPHER_SPEC);
  } else if (type == kClientKeyExchange && s == H::WAIT_CLIENT_KEY_EXCHANGE) {
    bool cv = cert_requested_ && !client_cert_empty_;
    go(false, name(type), cv ? H::WAIT_CERTIFICATE_VERIFY : H::WAIT_CHANGE_CIPHER_SPEC);
  } else if (type == kFinished && s == H::WAIT_FINISHED) {
    go(false, tls13 ? "Finished" : "Finished / send ChangeCipherSpec, Finished", H::CONNECTED);
  }
}

void StateInference::fatal_alert(bool from_client, std::string_view alert) {
  if (client_state_ == H::CLOSED) return;
  go(from_client, "send fatal alert " + std::string(alert), H::CLOSED);
  go(!from_client, "fatal alert " + std::string(alert), H::CLOSED);
}

void StateInference::change_cipher_spec(bool from_client) {
  if (from_client && server_state_ == H::WAIT_CHANGE_CIPHER_SPEC) go(false, "ChangeCipherSpec", H::WAIT_FINISHED);
  if (!from_client && client_state_ == H::WAIT_CHANGE_CIPHER_SPEC) go(true, "ChangeCipherSpec", H::WAIT_FINISHED);
}

}  // namespace glass::capture
