#pragma once
// Structured events that the engine reports as a handshake runs. The teaching
// views (--explain, key log, HTML, JSON) are renderers of these events. Every
// method has an empty default, so an observer overrides only what it needs, and
// code that has no observer pays nothing (pointers are checked before use).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/alert.hpp"
#include "core/bytes.hpp"
#include "core/events.hpp"

namespace glass::core {

enum class Direction : std::uint8_t { sent, received };

inline std::string_view direction_name(Direction d) {
  return d == Direction::sent ? "sent" : "received";
}

// How one protected record was sealed or opened (RFC 8446 5.2-5.3; RFC 5246
// 6.2.3.3 with RFC 5288 for AES-GCM and RFC 7905 for ChaCha20-Poly1305 in TLS
// 1.2). The views are valid only during the call.
struct RecordProtectionInfo {
  std::uint16_t version = 0;   // 0x0304 or 0x0303
  std::string_view aead;       // "AES-128-GCM"
  std::uint64_t seq = 0;       // the record's sequence number under this key
  ByteView write_iv;           // 12 bytes; TLS 1.2 AES-GCM: the 4-byte salt
  ByteView explicit_nonce;     // TLS 1.2 AES-GCM: the 8 bytes sent before the ciphertext
  ByteView nonce;              // the 12 bytes the AEAD used
  ByteView aad;                // additional data: 1.3 the record header; 1.2 seq||type||version||length
  ByteView inner_plaintext;    // what was encrypted: 1.3 content||type||zero padding
  std::uint8_t inner_type = 0; // the real content type
  std::size_t padding = 0;     // TLS 1.3 zero padding bytes
  ByteView ciphertext;         // encrypted inner plaintext, without the tag
  ByteView tag;                // the 16-byte AEAD tag
};

class Observer {
 public:
  virtual ~Observer() = default;

  // A whole record as on the wire (header included). For protected records,
  // `plaintext` is the decrypted content and `inner_type` the real content type;
  // for unprotected records plaintext == the fragment and inner_type == outer type.
  virtual void on_record(Direction, std::uint8_t /*outer_type*/, ByteView /*wire*/,
                         std::uint8_t /*inner_type*/, ByteView /*plaintext*/) {}
  // The protection details of the protected record reported next by on_record
  // (same direction); only for records sealed or opened with AEAD keys, and only
  // when wants_record_protection() (building them costs a copy per record).
  virtual void on_record_protection(Direction, const RecordProtectionInfo&) {}
  virtual bool wants_record_protection() const { return false; }
  // One complete handshake message (4-byte header included).
  virtual void on_handshake_message(Direction, std::uint8_t /*msg_type*/, ByteView /*msg*/) {}
  // "WAIT_CERT_CR --CertificateRequest--> WAIT_CERT": the state machine of `side`
  // left `from` for `to`; `event` says why, in words (the message, or the choice).
  virtual void on_state(Side /*side*/, HandshakeState /*from*/, std::string_view /*event*/,
                        HandshakeState /*to*/) {}
  // A derived secret or key (secret_label(kind) names it as the RFC does).
  virtual void on_secret(Secret /*kind*/, ByteView /*value*/) {}
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
  void on_record_protection(Direction d, const RecordProtectionInfo& i) override {
    for (auto* o : list_) o->on_record_protection(d, i);
  }
  bool wants_record_protection() const override {
    for (auto* o : list_)
      if (o->wants_record_protection()) return true;
    return false;
  }
  void on_handshake_message(Direction d, std::uint8_t t, ByteView m) override {
    for (auto* o : list_) o->on_handshake_message(d, t, m);
  }
  void on_state(Side s, HandshakeState f, std::string_view e, HandshakeState t) override {
    for (auto* o : list_) o->on_state(s, f, e, t);
  }
  void on_secret(Secret l, ByteView v) override {
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
