#pragma once
// The asymmetric-primitive floor of a handshake: what the key exchange,
// signatures and signature checks it needs cost when called directly, with
// glasstls' crypto/ API and with OpenSSL's EVP API.
#include <map>
#include <memory>

#include "bench/bench.hpp"

namespace glass::bench {

// How many of each primitive one handshake runs, both sides together. Counted
// from the engine (handshake/key_shares.cpp, peer_auth.cpp, x509/validate.cpp): each side
// makes one X25519 key pair and one shared secret; every signer signs once
// (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange / CertificateVerify);
// every receiver of a certificate checks one CertificateVerify/SKE signature
// and one certificate signature (leaf by CA; the trust anchor's own is not checked).
struct FloorCounts {
  int keygen = 2, derive = 2, sign = 0, verify = 0, cert_verify = 0;
};
FloorCounts floor_counts(const Case& c);

// Per-primitive ops for one library; key-type ops are made per key type.
struct PrimitiveOps {
  Op keygen, derive;
  std::map<crypto::KeyType, std::unique_ptr<Op>> sign, verify, cert_verify;
};
struct FloorSet {
  PrimitiveOps glass, openssl;
  std::vector<Op*> all();  // interleaved ours/theirs
};
std::unique_ptr<FloorSet> make_floor_ops(const std::vector<crypto::KeyType>& types);

// Sum of median costs in ns.
double floor_ns(const PrimitiveOps& ops, const Case& c);

}  // namespace glass::bench
