#pragma once
// The handshake transcript (RFC 8446 4.4.1; RFC 5246 7.4.9 and RFC 7627 for TLS 1.2).
// Messages are added as framed bytes (header included). Until the hash algorithm is
// known (it comes with the cipher suite in ServerHello) they are only buffered; from
// then on they are hashed incrementally. The bytes are also kept, because TLS 1.2
// CertificateVerify signs the messages themselves with a hash that may differ from
// the PRF hash, and because learners like to see exactly what was hashed.
#include <optional>

#include "core/result.hpp"
#include "crypto/hash.hpp"

namespace glass::handshake {

class Transcript {
 public:
  Transcript() = default;

  // Appends one framed handshake message.
  void add(core::ByteView message);
  // Fixes the hash and hashes everything buffered so far. internal_error if a
  // different hash was already set (setting the same one again is a no-op).
  core::Status set_hash(crypto::HashAlg alg);
  bool hash_known() const { return hash_.has_value(); }
  std::optional<crypto::HashAlg> hash_alg() const;

  // Hash of all messages so far: Transcript-Hash(M1 ... Mn). internal_error before
  // set_hash.
  core::Result<crypto::Digest> current_hash() const;
  // Every byte added so far (after a HelloRetryRequest rewrite: the synthetic
  // message_hash first).
  core::ByteView messages() const { return bytes_; }
  // Once connected only the running hash matters (post-handshake messages, KeyUpdate):
  // drop the message copy (2-4 KB with certificates) so an idle connection stays
  // small; later messages are hashed but no longer kept.
  void release_messages();

  // RFC 8446 4.4.1: on HelloRetryRequest, ClientHello1 is replaced by
  //   message_hash(254) 00 00 Hash.length Hash(ClientHello1)
  // Call after adding ClientHello1 (and nothing else) and after set_hash, before
  // adding the HelloRetryRequest. internal_error if the hash is unknown.
  core::Status rewrite_for_hello_retry_request();

  // The synthetic message itself, for showing or testing.
  static core::Bytes message_hash(crypto::HashAlg alg, core::ByteView client_hello1);

 private:
  core::Bytes bytes_;
  std::optional<crypto::Hash> hash_;
  bool keep_messages_ = true;
};

}  // namespace glass::handshake
