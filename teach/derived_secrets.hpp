#pragma once
// Secrets the engine has no use for and so does not derive, computed for the
// views from what the engine exports. Today: the exporter_master_secret
// (RFC 8446 7.1; glasstls has no exporter API), Derive-Secret(master_secret,
// "exp master", ClientHello..server Finished), from the reported master_secret
// and the handshake messages. DerivedSecrets sits in front of the observer that
// gets the events, passes every event on and reports the derived secret right
// after server_application_traffic_secret_0, where an engine computing it would.
#include "core/observer.hpp"
#include "teach/key_work.hpp"

namespace glass::teach {

class DerivedSecrets final : public core::Observer {
 public:
  explicit DerivedSecrets(core::Observer& next) : next_(next) {}

  void on_record(core::Direction d, std::uint8_t outer, core::ByteView wire, std::uint8_t inner,
                 core::ByteView plain) override {
    next_.on_record(d, outer, wire, inner, plain);
  }
  void on_record_protection(core::Direction d, const core::RecordProtectionInfo& i) override {
    next_.on_record_protection(d, i);
  }
  bool wants_record_protection() const override { return next_.wants_record_protection(); }
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override;
  void on_state(core::Side s, core::HandshakeState from, std::string_view event,
                core::HandshakeState to) override {
    next_.on_state(s, from, event, to);
  }
  void on_secret(core::Secret kind, core::ByteView value) override;
  void on_alert(core::Direction d, core::AlertLevel l, core::Alert a) override { next_.on_alert(d, l, a); }
  void on_note(std::string_view text) override { next_.on_note(text); }

 private:
  core::Observer& next_;
  KeyWork kw_;                 // the transcript and the suite (no secrets)
  core::SecretBytes master_;   // TLS 1.3 master_secret until the exporter secret is derived
};

}  // namespace glass::teach
