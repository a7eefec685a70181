#include "handshake/transcript.hpp"

#include "handshake/types.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

void Transcript::add(core::ByteView message) {
  if (keep_messages_ || !hash_) {
    // A full mutual handshake with short chains fits: one allocation, no regrowth.
    if (bytes_.capacity() == 0) bytes_.reserve(4096);
    core::append(bytes_, message);
  }
  if (hash_) hash_->update(message);
}

void Transcript::release_messages() {
  if (!hash_) return;  // the messages are all there is until the hash is known
  keep_messages_ = false;
  core::Bytes().swap(bytes_);
}

core::Status Transcript::set_hash(crypto::HashAlg alg) {
  if (hash_) {
    if (hash_->alg() == alg) return {};
    return make_error(Alert::internal_error,
                      "transcript hash already set to " + std::string(crypto::hash_name(hash_->alg())) +
                          ", cannot switch to " + std::string(crypto::hash_name(alg)));
  }
  hash_.emplace(alg);
  hash_->update(bytes_);
  return {};
}

std::optional<crypto::HashAlg> Transcript::hash_alg() const {
  if (!hash_) return std::nullopt;
  return hash_->alg();
}

core::Result<crypto::Digest> Transcript::current_hash() const {
  if (!hash_)
    return make_error(Alert::internal_error,
                      "transcript hash requested before the cipher suite fixed the hash");
  return hash_->digest_inline();
}

core::Bytes Transcript::message_hash(crypto::HashAlg alg, core::ByteView client_hello1) {
  core::Bytes digest = crypto::hash(alg, client_hello1);
  core::Bytes out{static_cast<std::uint8_t>(HandshakeType::message_hash), 0, 0,
                  static_cast<std::uint8_t>(digest.size())};
  core::append(out, digest);
  return out;
}

core::Status Transcript::rewrite_for_hello_retry_request() {
  if (!hash_)
    return make_error(Alert::internal_error,
                      "HelloRetryRequest transcript rewrite needs the hash algorithm first");
  crypto::HashAlg alg = hash_->alg();
  core::Bytes synthetic = message_hash(alg, bytes_);
  bytes_.clear();
  hash_.emplace(alg);
  add(synthetic);
  return {};
}

}  // namespace glass::handshake
