#pragma once
// The certificates this thread parsed last, with their public keys, so that a
// handshake with a peer seen before (the same server again, a returning client)
// does not parse the peer's certificate a second time. Parsing is a function of
// the bytes alone, so a hit gives exactly what a parse would; nothing about trust
// is kept: every handshake still validates the chain and checks every signature.
//
// Per thread, no lock: at most 8 certificates of at most 4 KiB each, the oldest
// replaced first. A certificate that fails to parse is never kept.
#include <cstddef>
#include <memory>

#include "crypto/signature.hpp"
#include "x509/certificate.hpp"

namespace glass::x509 {

struct ParsedCertificate {
  Certificate cert;  // owns its bytes (parse_owned)
  crypto::VerifyingKey key;
};

constexpr std::size_t recent_certificates_kept = 8;
constexpr std::size_t recent_certificate_max_bytes = 4096;

// The entry for exactly these DER bytes, or nullptr.
std::shared_ptr<const ParsedCertificate> recall_certificate(ByteView der);
// Keeps `parsed` (its certificate must own its bytes); larger certificates are ignored.
void remember_certificate(std::shared_ptr<const ParsedCertificate> parsed);
// Empties this thread's list (tests).
void forget_recent_certificates();

}  // namespace glass::x509
