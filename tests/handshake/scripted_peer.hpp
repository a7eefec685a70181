#pragma once
// A scripted TLS 1.3 peer for the time after the handshake: it learns a side's
// application traffic secret from that side's observer and then writes raw
// protected records itself (whatever a hostile peer would), so the other
// Connection can be tested against exact bytes. The Connection whose secret was
// taken must not write afterwards (the sequence numbers would collide).
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/observer.hpp"
#include "crypto/kdf.hpp"
#include "handshake/connection.hpp"
#include "handshake/types.hpp"
#include "record/protection13.hpp"

namespace glass::test {

// Secrets and handshake messages one side reports.
struct Recorder : core::Observer {
  std::map<std::string, core::Bytes, std::less<>> secrets;
  std::vector<std::pair<core::Direction, std::uint8_t>> messages;
  std::vector<std::string> notes;
  void on_secret(core::Secret kind, core::ByteView value) override {
    secrets[std::string(core::secret_label(kind))] = core::Bytes(value.begin(), value.end());
  }
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView) override {
    messages.emplace_back(d, type);
  }
  void on_note(std::string_view t) override { notes.emplace_back(t); }
  int count(core::Direction d, handshake::HandshakeType t) const {
    int n = 0;
    for (auto& [dir, type] : messages) n += dir == d && type == static_cast<std::uint8_t>(t);
    return n;
  }
};

class RawWriter13 {
 public:
  RawWriter13(const handshake::SessionInfo& info, core::ByteView traffic_secret) {
    auto p = handshake::suite_params(info.cipher_suite);
    REQUIRE(p);
    hash_ = p->hash;
    aead_ = p->aead;
    secret_.assign(traffic_secret.begin(), traffic_secret.end());
    rekey();
  }

  core::Bytes record(record::ContentType type, core::ByteView content, std::size_t pad = 0) {
    auto r = prot_->seal(static_cast<std::uint8_t>(type), record::wire_tls12, content, pad);
    REQUIRE(r.ok());
    return std::move(*r);
  }
  core::Bytes app_data(std::string_view s) {
    return record(record::ContentType::application_data, core::as_bytes(s));
  }
  // A KeyUpdate message; our own write keys move on, as RFC 8446 4.6.3 says.
  core::Bytes key_update(bool request_peer) {
    const core::Bytes msg = {24, 0, 0, 1, static_cast<std::uint8_t>(request_peer ? 1 : 0)};
    auto rec = record(record::ContentType::handshake, msg);
    secret_ = crypto::hkdf_expand_label(hash_, secret_, "traffic upd", {}, crypto::hash_size(hash_));
    rekey();
    return rec;
  }
  core::Bytes alert(std::uint8_t level, core::Alert a) {
    const core::Bytes body = {level, static_cast<std::uint8_t>(a)};
    return record(record::ContentType::alert, body);
  }

 private:
  void rekey() {
    auto p = record::Protection13::from_secret(hash_, aead_, secret_);
    REQUIRE(p.ok());
    prot_ = std::move(*p);
  }
  crypto::HashAlg hash_{};
  crypto::AeadAlg aead_{};
  core::Bytes secret_;
  std::unique_ptr<record::Protection13> prot_;
};

}  // namespace glass::test
