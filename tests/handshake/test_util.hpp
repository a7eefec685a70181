#pragma once
// Shared helpers for the handshake tests.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hex.hpp"
#include "handshake/messages.hpp"
#include "rfc8448_vectors.hpp"

namespace hs_test {

using glass::core::Bytes;
using glass::core::hex;

// One framed handshake message from RFC 8448 and how to parse it.
struct RfcMessage {
  std::string name;  // "s3 ClientHello"
  Bytes bytes;
  glass::handshake::ParseOptions opt;
};

inline std::vector<RfcMessage> all_rfc8448_messages() {
  using namespace rfc8448;
  glass::handshake::ParseOptions tls13{};  // SHA-256 suites throughout RFC 8448
  return {
      {"s3 ClientHello", hex(s3::client_hello), tls13},
      {"s3 ServerHello", hex(s3::server_hello), tls13},
      {"s3 EncryptedExtensions", hex(s3::encrypted_extensions), tls13},
      {"s3 Certificate", hex(s3::certificate), tls13},
      {"s3 CertificateVerify", hex(s3::certificate_verify), tls13},
      {"s3 server Finished", hex(s3::server_finished), tls13},
      {"s3 client Finished", hex(s3::client_finished), tls13},
      {"s3 NewSessionTicket", hex(s3::new_session_ticket), tls13},
      {"s4 ClientHello", hex(s4::client_hello), tls13},
      {"s4 ServerHello", hex(s4::server_hello), tls13},
      {"s4 EncryptedExtensions", hex(s4::encrypted_extensions), tls13},
      {"s4 EndOfEarlyData", hex(s4::end_of_early_data), tls13},
      {"s5 ClientHello1", hex(s5::client_hello1), tls13},
      {"s5 HelloRetryRequest", hex(s5::hello_retry_request), tls13},
      {"s5 ClientHello2", hex(s5::client_hello2), tls13},
      {"s5 ServerHello", hex(s5::server_hello), tls13},
      {"s5 EncryptedExtensions", hex(s5::encrypted_extensions), tls13},
      {"s5 Certificate", hex(s5::certificate), tls13},
      {"s5 CertificateVerify", hex(s5::certificate_verify), tls13},
      {"s5 server Finished", hex(s5::server_finished), tls13},
      {"s5 client Finished", hex(s5::client_finished), tls13},
      {"s6 ClientHello", hex(s6::client_hello), tls13},
      {"s6 ServerHello", hex(s6::server_hello), tls13},
      {"s6 EncryptedExtensions", hex(s6::encrypted_extensions), tls13},
      {"s6 CertificateRequest", hex(s6::certificate_request), tls13},
      {"s6 server Certificate", hex(s6::server_certificate), tls13},
      {"s6 server CertificateVerify", hex(s6::server_certificate_verify), tls13},
      {"s6 server Finished", hex(s6::server_finished), tls13},
      {"s6 client Certificate", hex(s6::client_certificate), tls13},
      {"s6 client CertificateVerify", hex(s6::client_certificate_verify), tls13},
      {"s6 client Finished", hex(s6::client_finished), tls13},
      {"s7 ClientHello", hex(s7::client_hello), tls13},
      {"s7 ServerHello", hex(s7::server_hello), tls13},
  };
}

// Decodes a framed message as M, asserting success.
template <class M, class... Args>
M must_decode(const Bytes& bytes, Args&&... args) {
  auto r = glass::handshake::decode<M>(glass::core::ByteView(bytes), std::forward<Args>(args)...);
  if (!r) FAIL("decode failed: " << r.error().to_string());
  return std::move(*r);
}

// Re-encodes m and checks the bytes equal `expected`.
template <class M>
void check_reencodes(const M& m, const Bytes& expected) {
  auto out = glass::handshake::encode(m);
  REQUIRE(out.ok());
  CHECK(glass::core::to_hex(*out) == glass::core::to_hex(expected));
}

}  // namespace hs_test
