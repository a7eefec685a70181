#pragma once
// The certificate fixes `conform --bisect` tries on top of its chain, scheme and
// version variations: a leaf re-issued with clientAuth, the missing
// intermediate added from --ca, and a new leaf from the CA the server names
// (the last two need the CA's key, --ca-key). Each is a candidate chain to send.
#include <string>
#include <vector>

#include "handshake/config.hpp"
#include "handshake/connection.hpp"

namespace glass::conform {

struct ChainFix {
  std::string change;  // "leaf re-issued with extendedKeyUsage clientAuth (...)"
  handshake::Identity identity;
};

// `id`: the user's identity; `ca_certs`: --ca; `ca_signer`: the CA of --ca-key
// (chain[0] its certificate), or null; `request`: what the baseline handshake
// learned (the CertificateRequest's CA names).
std::vector<ChainFix> chain_fixes(const handshake::Identity& id,
                                  const std::vector<core::Bytes>& ca_certs,
                                  const handshake::Identity* ca_signer,
                                  const handshake::SessionInfo& request);

}  // namespace glass::conform
