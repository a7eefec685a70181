#pragma once
// Structured events that the engine reports as a handshake runs. The teaching
// views (--explain, key log, HTML, JSON) are renderers of these events. Every
// method has an empty default, so an observer overrides only what it needs, and
// code that has no observer pays nothing (pointers are checked before use).
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/alert.hpp"
#include "core/bytes.hpp"

namespace glass::core {

enum class Direction : std::uint8_t { sent, received };

inline std::string_view direction_name(Direction d) {
  return d == Direction::sent ? "sent" : "received";
}

class Observer {
 public:
  virtual ~Observer() = default;

  // A whole record as on the wire (header included). For protected records,
  // `plaintext` is the decrypted content and `inner_type` the real content type;
  // for unprotected records plaintext == the fragment and inner_type == outer type.
  virtual void on_record(Direction, std::uint8_t /*outer_type*/, ByteView /*wire*/,
                         std::uint8_t /*inner_type*/, ByteView /*plaintext*/) {}
  // One complete handshake message (4-byte header included).
  virtual void on_handshake_message(Direction, std::uint8_t /*msg_type*/, ByteView /*msg*/) {}
  // "WAIT_CERT_CR --CertificateRequest--> WAIT_CERT"
  virtual void on_state(std::string_view /*side*/, std::string_view /*from*/,
                        std::string_view /*event*/, std::string_view /*to*/) {}
  // A derived secret or key: label as the RFC names it.
  virtual void on_secret(std::string_view /*label*/, ByteView /*value*/) {}
  virtual void on_alert(Direction, AlertLevel, Alert) {}
  // Free-form explanation (a decision, a choice, a warning).
  virtual void on_note(std::string_view /*text*/) {}
};

// Passes every event to several observers (e.g. a key log and an explainer).
class ObserverFanout final : public Observer {
 public:
  void add(Observer* o) {
    if (o) list_.push_back(o);
  }
  bool empty() const { return list_.empty(); }
  void on_record(Direction d, std::uint8_t ot, ByteView w, std::uint8_t it, ByteView p) override {
    for (auto* o : list_) o->on_record(d, ot, w, it, p);
  }
  void on_handshake_message(Direction d, std::uint8_t t, ByteView m) override {
    for (auto* o : list_) o->on_handshake_message(d, t, m);
  }
  void on_state(std::string_view s, std::string_view f, std::string_view e,
                std::string_view t) override {
    for (auto* o : list_) o->on_state(s, f, e, t);
  }
  void on_secret(std::string_view l, ByteView v) override {
    for (auto* o : list_) o->on_secret(l, v);
  }
  void on_alert(Direction d, AlertLevel l, Alert a) override {
    for (auto* o : list_) o->on_alert(d, l, a);
  }
  void on_note(std::string_view t) override {
    for (auto* o : list_) o->on_note(t);
  }

 private:
  std::vector<Observer*> list_;
};

}  // namespace glass::core
