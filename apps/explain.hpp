#pragma once
// A readable, numbered narrative of a handshake, rendered from the engine's
// observer events: state transitions, each handshake message with its bytes,
// every derived secret, records in and out (encrypted and decrypted), alerts and
// the engine's own notes. Both sides of a demo share one Narrator, so the steps
// are numbered in the order they happen.
#include <cstdio>
#include <mutex>
#include <string>

#include "core/observer.hpp"

namespace glass::apps {

class Narrator {
 public:
  explicit Narrator(std::FILE* out, bool colour, bool show_secrets)
      : out_(out), colour_(colour), secrets_(show_secrets) {}
  void line(std::string_view side, std::string_view kind, const std::string& text);
  bool secrets() const { return secrets_; }
  bool colour() const { return colour_; }

 private:
  std::mutex mu_;
  std::FILE* out_;
  bool colour_;
  bool secrets_;
  unsigned step_ = 0;
};

class ExplainObserver final : public core::Observer {
 public:
  ExplainObserver(Narrator& n, std::string side) : n_(n), side_(std::move(side)) {}

  void on_record(core::Direction d, std::uint8_t outer, core::ByteView wire, std::uint8_t inner,
                 core::ByteView plain) override;
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override;
  void on_state(std::string_view side, std::string_view from, std::string_view event,
                std::string_view to) override;
  void on_secret(std::string_view label, core::ByteView value) override;
  void on_alert(core::Direction d, core::AlertLevel level, core::Alert a) override;
  void on_note(std::string_view text) override;

 private:
  Narrator& n_;
  std::string side_;
};

// Hex in rows of 16 bytes, indented, at most max_bytes shown.
std::string hex_block(core::ByteView b, std::size_t max_bytes = 96, const char* indent = "        ");

}  // namespace glass::apps
