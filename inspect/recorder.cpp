#include "inspect/recorder.hpp"

#include "core/hex.hpp"
#include "inspect/dissect_util.hpp"

namespace glass::inspect {

std::string_view kind_name(EventKind k) {
  switch (k) {
    case EventKind::record: return "record";
    case EventKind::message: return "message";
    case EventKind::state: return "state";
    case EventKind::secret: return "secret";
    case EventKind::alert: return "alert";
    case EventKind::note: return "note";
  }
  return "note";
}

std::string event_title(const Event& e) {
  switch (e.kind) {
    case EventKind::record: {
      std::string t = "record " + content_type_label(e.outer_type) + ", " + detail::nbytes(e.wire.size());
      if (e.is_protected) t += " (encrypted " + content_type_label(e.inner_type) + ")";
      return t;
    }
    case EventKind::message: return message_label(e.bytes, e.context);
    case EventKind::state: return e.from + " --" + e.event + "--> " + e.to;
    case EventKind::secret: return "secret " + e.label;
    case EventKind::alert:
      return std::string("alert ") + std::string(core::alert_level_name(e.level)) + " " +
             std::string(core::alert_name(e.alert));
    case EventKind::note: return e.text;
  }
  return e.text;
}

Field event_tree(const Event& e) {
  switch (e.kind) {
    case EventKind::message: return dissect_handshake(e.bytes, e.context);
    case EventKind::record: {
      DissectContext c = e.context;
      c.record_protected = e.is_protected;
      return dissect_record(e.wire, c);
    }
    default: break;
  }
  return detail::leaf(std::string(kind_name(e.kind)), 0, 0, event_title(e), {});
}

std::size_t EventLog::append(Event e) {
  std::lock_guard<std::mutex> lock(mu_);
  e.step = events_.size() + 1;
  events_.push_back(std::move(e));
  return events_.size();
}

std::vector<Event> EventLog::events() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_;
}

std::size_t EventLog::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

void EventLog::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  events_.clear();
}

namespace {
Sender sender_of(const std::string& side) {
  if (side == "client") return Sender::client;
  if (side == "server") return Sender::server;
  return Sender::unknown;
}
}  // namespace

Recorder::Recorder(EventLog& log, std::string side)
    : log_(log), side_(std::move(side)), tracker_(sender_of(side_)) {}

Event Recorder::base(EventKind k) const {
  Event e;
  e.side = side_;
  e.kind = k;
  return e;
}

RecordCrypto to_record_crypto(const core::RecordProtectionInfo& i) {
  RecordCrypto c;
  c.present = true;
  c.version = i.version;
  c.aead = std::string(i.aead);
  c.seq = i.seq;
  c.write_iv = core::to_bytes(i.write_iv);
  c.explicit_nonce = core::to_bytes(i.explicit_nonce);
  c.nonce = core::to_bytes(i.nonce);
  c.aad = core::to_bytes(i.aad);
  c.inner_plaintext = core::to_bytes(i.inner_plaintext);
  c.ciphertext = core::to_bytes(i.ciphertext);
  c.tag = core::to_bytes(i.tag);
  c.inner_type = i.inner_type;
  c.padding = i.padding;
  return c;
}

void Recorder::on_record_protection(core::Direction d, const core::RecordProtectionInfo& i) {
  std::lock_guard<std::mutex> lock(mu_);
  pending_[d == core::Direction::sent ? 0 : 1] = to_record_crypto(i);
}

void Recorder::on_record(core::Direction d, std::uint8_t outer_type, core::ByteView wire,
                         std::uint8_t inner_type, core::ByteView plaintext) {
  Event e = base(EventKind::record);
  e.direction = d;
  e.outer_type = outer_type;
  e.inner_type = inner_type;
  e.wire = core::to_bytes(wire);
  e.plaintext = core::to_bytes(plaintext);
  const core::ByteView frag = wire.size() >= 5 ? wire.subspan(5) : core::ByteView{};
  e.is_protected = inner_type != outer_type || !core::equal(frag, plaintext);
  {
    std::lock_guard<std::mutex> lock(mu_);
    e.context.version = tracker_.version();
    RecordCrypto& p = pending_[d == core::Direction::sent ? 0 : 1];
    if (p.present && e.is_protected) e.crypto = std::move(p);
    p = RecordCrypto{};
  }
  e.context.sender = d == core::Direction::sent ? sender_of(side_)
                     : sender_of(side_) == Sender::client ? Sender::server
                     : sender_of(side_) == Sender::server ? Sender::client
                                                          : Sender::unknown;
  e.text = event_title(e);
  log_.append(std::move(e));
}

void Recorder::on_handshake_message(core::Direction d, std::uint8_t msg_type, core::ByteView msg) {
  Event e = base(EventKind::message);
  e.direction = d;
  e.msg_type = msg_type;
  e.bytes = core::to_bytes(msg);
  {
    std::lock_guard<std::mutex> lock(mu_);
    e.context = tracker_.next(d == core::Direction::sent, msg);
  }
  e.text = event_title(e);
  log_.append(std::move(e));
}

void Recorder::on_state(core::Side side, core::HandshakeState from, std::string_view event,
                        core::HandshakeState to) {
  Event e = base(EventKind::state);
  e.side = std::string(core::side_label(side));
  e.from_state = from;
  e.to_state = to;
  e.from = std::string(core::state_label(from));
  e.event = std::string(event);
  e.to = std::string(core::state_label(to));
  e.text = event_title(e);
  log_.append(std::move(e));
}

void Recorder::on_secret(core::Secret kind, core::ByteView value) {
  Event e = base(EventKind::secret);
  e.secret = kind;
  e.label = std::string(core::secret_label(kind));
  e.value = core::SecretBytes(value);
  e.text = event_title(e);
  log_.append(std::move(e));
}

void Recorder::on_alert(core::Direction d, core::AlertLevel level, core::Alert a) {
  Event e = base(EventKind::alert);
  e.direction = d;
  e.level = level;
  e.alert = a;
  e.text = event_title(e);
  log_.append(std::move(e));
}

void Recorder::on_note(std::string_view text) {
  Event e = base(EventKind::note);
  e.text = std::string(text);
  log_.append(std::move(e));
}

}  // namespace glass::inspect
