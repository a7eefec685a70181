#pragma once
// What a capture lets anyone check without a private key: the handshake's
// signatures, with the public keys of the certificates it carries — TLS 1.3
// CertificateVerify (over the transcript hash), TLS 1.2 CertificateVerify (over
// the messages) and ServerKeyExchange (over the randoms and ECDH parameters).
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "handshake/transcript.hpp"
#include "handshake/types.hpp"

namespace glass::capture {

struct SignatureContext {
  std::uint16_t version = 0;  // 0x0304 / 0x0303, 0 before the ServerHello
  std::uint16_t suite = 0;
  const std::vector<core::Bytes>* signer_chain = nullptr;  // the sender's certificates
  handshake::Random client_random{}, server_random{};
};

struct SignatureVerdict {
  bool checked = false;  // the message carried a signature we could judge
  bool ok = false;
  std::string text;      // one sentence for the narrative
};

class SignatureCheck {
 public:
  // Every handshake message in order, after the ServerHello's fields are known
  // (`hrr`: this is a HelloRetryRequest).
  SignatureVerdict message(bool from_client, core::ByteView msg, const SignatureContext& c, bool hrr);

 private:
  SignatureVerdict judge(bool from_client, core::ByteView msg, const SignatureContext& c);
  handshake::Transcript transcript_;
};

}  // namespace glass::capture
