#pragma once
// Key derivation: HKDF (RFC 5869), the TLS 1.3 labels (RFC 8446 7.1), the TLS 1.2
// PRF (RFC 5246 5), PBKDF2 (RFC 8018 5.2) and the PKCS#12 KDF (RFC 7292 B.2).
#include <string_view>

#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "crypto/hmac.hpp"

namespace glass::crypto {

Bytes hkdf_extract(HashAlg alg, ByteView salt, ByteView ikm);
// illegal_parameter if len > 255 * hash_size.
core::Result<Bytes> hkdf_expand(HashAlg alg, ByteView prk, ByteView info, std::size_t len);
// The same with the PRK already keyed into an Hmac: a secret that feeds several
// labels (traffic key and iv, the three secrets of a handshake secret) is keyed once.
core::Result<Bytes> hkdf_expand(const Hmac& keyed_prk, ByteView info, std::size_t len);

// HKDF-Expand-Label(secret, label, context, len); `label` without the "tls13 " prefix.
Bytes hkdf_expand_label(HashAlg alg, ByteView secret, std::string_view label, ByteView context,
                        std::size_t len);
Bytes hkdf_expand_label(const Hmac& keyed_secret, std::string_view label, ByteView context,
                        std::size_t len);
// The HkdfLabel structure itself (for showing the exact bytes to a learner).
Bytes hkdf_label(std::string_view label, ByteView context, std::size_t len);
// Derive-Secret(secret, label, messages) where transcript_hash = Hash(messages).
Bytes derive_secret(HashAlg alg, ByteView secret, std::string_view label,
                    ByteView transcript_hash);
Bytes derive_secret(const Hmac& keyed_secret, std::string_view label, ByteView transcript_hash);

// PRF(secret, label, seed) = P_<hash>(secret, label + seed), RFC 5246 section 5.
Bytes tls12_prf(HashAlg alg, ByteView secret, std::string_view label, ByteView seed,
                std::size_t len);

Bytes pbkdf2_hmac(HashAlg alg, ByteView password, ByteView salt, std::uint32_t iterations,
                  std::size_t len);

// RFC 7292 appendix B.2. `password` is already in its PKCS#12 form (BMPString with
// the two-byte terminator, or empty); id is 1 (key), 2 (IV) or 3 (MAC key).
Bytes pkcs12_kdf(HashAlg alg, ByteView password, ByteView salt, std::uint8_t id,
                 std::uint32_t iterations, std::size_t len);
// UTF-8 → big-endian BMPString plus 00 00 (RFC 7292 B.1). The empty string gives
// just the terminator; characters outside the BMP are illegal_parameter.
core::Result<Bytes> pkcs12_password(std::string_view utf8);

}  // namespace glass::crypto
