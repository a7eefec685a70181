#pragma once
// Records every observer event of a connection, in order, for the report
// renderers (JSON, HTML) and the step-by-step CLI. Two Recorders (client and
// server of an in-memory demo) may share one EventLog: appends are locked and
// numbered, so steps follow the order in which things happened.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/alert.hpp"
#include "core/bytes.hpp"
#include "core/observer.hpp"
#include "inspect/dissect.hpp"

namespace glass::inspect {

// How one protected record was sealed or opened (owned copy of
// core::RecordProtectionInfo; see there for each field).
struct RecordCrypto {
  bool present = false;
  std::uint16_t version = 0;  // 0x0304 / 0x0303
  std::string aead;           // "AES-128-GCM"
  std::uint64_t seq = 0;
  core::Bytes write_iv, explicit_nonce, nonce, aad, inner_plaintext, ciphertext, tag;
  std::uint8_t inner_type = 0;
  std::size_t padding = 0;
};
RecordCrypto to_record_crypto(const core::RecordProtectionInfo& i);

enum class EventKind : std::uint8_t { record, message, state, secret, alert, note };
std::string_view kind_name(EventKind k);  // "record", "message", "state", ...

struct Event {
  std::size_t step = 0;          // 1-based, global across the log
  std::string side;              // "client" / "server" (the observing side)
  EventKind kind = EventKind::note;
  core::Direction direction = core::Direction::sent;  // record, message, alert

  // record: wire = header + fragment; plaintext = decrypted content (equal to
  // the fragment for unprotected records); protected = outer type 23 carrying
  // another inner type, or wire fragment != plaintext.
  std::uint8_t outer_type = 0, inner_type = 0;
  core::Bytes wire, plaintext;
  bool is_protected = false;
  RecordCrypto crypto;  // protected records: nonce, additional data, ciphertext, tag

  // message: the whole handshake message (header included) and its context.
  std::uint8_t msg_type = 0;
  core::Bytes bytes;
  DissectContext context;

  // state: "WAIT_CERT_CR --CertificateRequest--> WAIT_CERT" (from, to: their labels)
  std::string from, event, to;
  core::HandshakeState from_state = core::HandshakeState::START, to_state = core::HandshakeState::START;

  // secret: which one, and its label as the RFC names it; the value is wiped when the event dies.
  core::Secret secret = core::Secret::master_secret;
  std::string label;
  core::SecretBytes value;

  // alert
  core::AlertLevel level = core::AlertLevel::fatal;
  core::Alert alert = core::Alert::close_notify;

  // note (and the text of any event when rendered)
  std::string text;
};

// One line title: "ClientHello", "record handshake (22), 517 bytes",
// "secret client_handshake_traffic_secret", "alert fatal decode_error", ...
std::string event_title(const Event& e);
// Dissected field tree of a message / record event (an informative root for other kinds).
Field event_tree(const Event& e);

class EventLog {
 public:
  // Assigns the next step number; returns it. Thread-safe.
  std::size_t append(Event e);
  // A copy of all events in step order. Thread-safe.
  std::vector<Event> events() const;
  std::size_t size() const;
  void clear();

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

class Recorder : public core::Observer {
 public:
  // side: "client" or "server" (what the events are labelled with).
  Recorder(EventLog& log, std::string side);

  void on_record(core::Direction d, std::uint8_t outer_type, core::ByteView wire,
                 std::uint8_t inner_type, core::ByteView plaintext) override;
  void on_record_protection(core::Direction d, const core::RecordProtectionInfo& i) override;
  bool wants_record_protection() const override { return true; }
  void on_handshake_message(core::Direction d, std::uint8_t msg_type, core::ByteView msg) override;
  void on_state(core::Side side, core::HandshakeState from, std::string_view event,
                core::HandshakeState to) override;
  void on_secret(core::Secret kind, core::ByteView value) override;
  void on_alert(core::Direction d, core::AlertLevel level, core::Alert a) override;
  void on_note(std::string_view text) override;

  const std::string& side() const { return side_; }
  EventLog& log() { return log_; }

 private:
  Event base(EventKind k) const;
  EventLog& log_;
  std::string side_;
  std::mutex mu_;            // guards tracker_ (one Recorder may see several threads)
  ContextTracker tracker_;
  RecordCrypto pending_[2];  // by direction: attached to the next record event
};

}  // namespace glass::inspect
