#include "teach/vectors.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "handshake/types.hpp"
#include "inspect/dissect.hpp"
#include "record/content_type.hpp"

namespace glass::teach {

void VectorsWriter::section(std::string_view side, const std::string& title,
                            const std::string& body) {
  std::lock_guard<std::mutex> lock(mu_);
  text_ += fmt::format("   {{{}}}  {}:\n\n{}\n", side, title, body);
}

std::string VectorsWriter::text() const {
  std::lock_guard<std::mutex> lock(mu_);
  return text_;
}

VectorsObserver::VectorsObserver(VectorsWriter& w, std::string side,
                                 std::vector<std::pair<crypto::NamedGroup, core::Bytes>> keys)
    : w_(w), side_(std::move(side)), keys_(std::move(keys)) {}

namespace {

// The RFC 8448 names of a derivation's inputs and output.
std::string body_of(const Derivation& d) {
  std::string out;
  bool extract = !d.inputs.empty() && d.inputs.front().first == "salt";
  for (auto& [name, value] : d.inputs) out += rfc_hex(name, value) + "\n";
  out += rfc_hex(extract ? "secret" : "expanded", d.output);
  return out;
}

bool contains(core::ByteView hay, core::ByteView needle) {
  return !needle.empty() &&
         std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

}  // namespace

void VectorsObserver::on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) {
  bool hello = type == 1 || type == 2;
  if (d == core::Direction::sent && hello) {
    for (auto& [g, priv] : keys_) {
      auto ks = crypto::KeyShare::from_private(g, priv);
      if (!ks || !contains(msg, ks->public_key())) continue;
      w_.section(side_, "create an ephemeral " + crypto::name_of(g) + " key pair",
                 rfc_hex("private key", priv) + "\n" + rfc_hex("public key", ks->public_key()));
    }
  }
  if (type == static_cast<std::uint8_t>(handshake::HandshakeType::finished)) {
    bool from_client = (side_ == "client") == (d == core::Direction::sent);
    if (auto f = kw_.finished(msg, from_client); f && f->checked) {
      std::string body;
      for (auto& [name, value] : f->inputs) body += rfc_hex(name, value) + "\n";
      body += rfc_hex("verify_data", f->output);
      w_.section(side_, f->rfc_title, body);
    }
  }
  kw_.on_message(msg);
  if (d == core::Direction::sent) {
    std::string name = inspect::message_label(msg);
    w_.section(side_, "construct a " + name + " handshake message", rfc_hex(name, msg));
  }
}

void VectorsObserver::on_record(core::Direction d, std::uint8_t, core::ByteView wire,
                                std::uint8_t inner, core::ByteView plain) {
  w_.section(side_,
             fmt::format("{} {} record", d == core::Direction::sent ? "send" : "receive",
                         record::content_type_name(inner)),
             rfc_hex("payload", plain) + "\n" + rfc_hex("complete record", wire));
}

void VectorsObserver::on_secret(core::Secret kind, core::ByteView value) {
  const std::string_view label = core::secret_label(kind);
  auto d = kw_.on_secret(kind, value);
  if (d && d->checked && !d->rfc_title.empty()) {
    w_.section(side_, d->rfc_title, body_of(*d));
    return;
  }
  w_.section(side_, "compute " + std::string(label), rfc_hex(std::string(label), value));
}

}  // namespace glass::teach
