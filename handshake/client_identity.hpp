#pragma once
// Which certificate the client sends for a CertificateRequest (Config::send_cert),
// with a sentence saying why.
#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/engine.hpp"

namespace glass::handshake {

struct IdentityChoice {
  const Identity* identity = nullptr;  // nullptr: send an empty Certificate
  crypto::SignatureScheme scheme{};
  std::string why;  // a sentence for the observer and for failure diagnosis
};
// Client side of a CertificateRequest, by cfg.send_cert: automatic picks the first
// identity whose key can sign with one of the requested schemes and whose chain
// reaches one of the requested CA names (when the server named any); always drops
// the CA-name condition; never sends nothing. `why` names the rule, each candidate
// passed over and what curl/OpenSSL would have sent.
IdentityChoice choose_client_identity(const Channel& ch,
                                      const std::vector<crypto::SignatureScheme>& requested,
                                      const std::vector<core::Bytes>& ca_names, bool tls13);

}  // namespace glass::handshake
