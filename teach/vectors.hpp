#pragma once
// `--vectors FILE`: the values of a (seeded) run written in the layout of
// RFC 8448 ("{client}  create an ephemeral x25519 key pair:" followed by
// "private key (32 octets):" hex blocks), so a teacher can hand them out and a
// learner can check an implementation of their own against them.
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/observer.hpp"
#include "crypto/key_exchange.hpp"
#include "teach/key_work.hpp"

namespace glass::teach {

class VectorsWriter {
 public:
  void section(std::string_view side, const std::string& title, const std::string& body);
  std::string text() const;

 private:
  mutable std::mutex mu_;
  std::string text_;
};

class VectorsObserver final : public core::Observer {
 public:
  // ephemeral_keys: the side's private keys (from --seed), to print the pair it used.
  VectorsObserver(VectorsWriter& w, std::string side,
                  std::vector<std::pair<crypto::NamedGroup, core::Bytes>> ephemeral_keys);

  void on_record(core::Direction d, std::uint8_t outer, core::ByteView wire, std::uint8_t inner,
                 core::ByteView plain) override;
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override;
  void on_secret(core::Secret kind, core::ByteView value) override;

 private:
  VectorsWriter& w_;
  std::string side_;
  std::vector<std::pair<crypto::NamedGroup, core::Bytes>> keys_;
  KeyWork kw_;
};

}  // namespace glass::teach
