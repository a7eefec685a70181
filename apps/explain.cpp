#include "apps/explain.hpp"

#include <fmt/core.h>

#include "core/hex.hpp"
#include "handshake/messages.hpp"
#include "handshake/types.hpp"
#include "record/content_type.hpp"

namespace glass::apps {

std::string hex_block(core::ByteView b, std::size_t max_bytes, const char* indent) {
  std::string out;
  std::size_t n = std::min(b.size(), max_bytes);
  for (std::size_t i = 0; i < n; i += 16) {
    out += indent;
    out += fmt::format("{:04x}  ", i);
    for (std::size_t j = i; j < std::min(n, i + 16); ++j) out += fmt::format("{:02x} ", b[j]);
    out += "\n";
  }
  if (b.size() > n) out += fmt::format("{}... ({} more bytes)\n", indent, b.size() - n);
  return out;
}

void Narrator::line(std::string_view side, std::string_view kind, const std::string& text) {
  std::lock_guard<std::mutex> lock(mu_);
  ++step_;
  const char* c = "";
  const char* r = "";
  if (colour_) {
    c = side == "client" ? "\x1b[36m" : "\x1b[35m";
    r = "\x1b[0m";
  }
  fmt::print(out_, "{:3}. {}[{}]{} {:<9} {}\n", step_, c, side, r, kind, text);
  std::fflush(out_);
}

namespace {

// What a handshake message is for, in one sentence.
std::string purpose(handshake::HandshakeType t) {
  using T = handshake::HandshakeType;
  switch (t) {
    case T::client_hello: return "offers versions, cipher suites, groups, signature schemes and a key share";
    case T::server_hello: return "picks the version and suite and answers the key share";
    case T::encrypted_extensions: return "the rest of the server's choices, already encrypted";
    case T::certificate_request: return "asks the client for a certificate, naming schemes and CAs";
    case T::certificate: return "a certificate chain, leaf first";
    case T::certificate_verify: return "a signature over the transcript: proof of owning the certificate's key";
    case T::finished: return "a MAC over the whole transcript with a key from the handshake secret";
    case T::new_session_ticket: return "a ticket for resumption";
    case T::key_update: return "switches to the next generation of traffic keys";
    case T::server_key_exchange: return "the server's ECDHE share, signed with its certificate key";
    case T::server_hello_done: return "the server's first flight is complete";
    case T::client_key_exchange: return "the client's ECDHE share";
    default: return "";
  }
}

}  // namespace

void ExplainObserver::on_record(core::Direction d, std::uint8_t outer, core::ByteView wire,
                                std::uint8_t inner, core::ByteView plain) {
  std::string verb = d == core::Direction::sent ? "writes" : "reads";
  if (outer == inner && wire.size() == plain.size() + 5) {
    n_.line(side_, "record", fmt::format("{} a plaintext {} record of {} bytes", verb,
                                         record::content_type_name(outer), wire.size()));
    return;
  }
  n_.line(side_, "record",
          fmt::format("{} an encrypted record of {} bytes (outer type {}); inside: {} bytes of {}\n{}",
                      verb, wire.size(), record::content_type_name(outer), plain.size(),
                      record::content_type_name(inner), hex_block(wire, 48)));
}

void ExplainObserver::on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) {
  auto t = static_cast<handshake::HandshakeType>(type);
  std::string name = handshake::message_name(t);
  if (t == handshake::HandshakeType::server_hello && msg.size() >= 38) {
    static const std::uint8_t hrr[] = {0xcf, 0x21, 0xad, 0x74};
    if (core::equal(msg.subspan(6, 4), hrr)) name = "HelloRetryRequest";
  }
  n_.line(side_, "message",
          fmt::format("{} {} ({} bytes): {}\n{}", d == core::Direction::sent ? "sends" : "receives",
                      name, msg.size(), purpose(t), hex_block(msg)));
}

void ExplainObserver::on_state(std::string_view, std::string_view from, std::string_view event,
                               std::string_view to) {
  n_.line(side_, "state", fmt::format("{} --{}--> {}", from, event, to));
}

void ExplainObserver::on_secret(std::string_view label, core::ByteView value) {
  if (!n_.secrets()) {
    n_.line(side_, "secret", fmt::format("derives {} ({} bytes; value hidden)", label, value.size()));
    return;
  }
  n_.line(side_, "secret", fmt::format("{} = {}", label, core::to_hex(value.first(std::min<std::size_t>(value.size(), 200)))));
}

void ExplainObserver::on_alert(core::Direction d, core::AlertLevel level, core::Alert a) {
  n_.line(side_, "alert", fmt::format("{} a {} alert: {} ({})",
                                      d == core::Direction::sent ? "sends" : "receives",
                                      core::alert_level_name(level), core::alert_name(a),
                                      static_cast<int>(a)));
}

void ExplainObserver::on_note(std::string_view text) { n_.line(side_, "note", std::string(text)); }

}  // namespace glass::apps
