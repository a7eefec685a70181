#pragma once
// Passes the engine's events (core::Observer) to a user's glass::observer.
#include "api/settings.hpp"
#include "core/observer.hpp"
#include "glasstls/observer.hpp"

namespace glass::detail {

class observer_bridge final : public core::Observer {
 public:
  explicit observer_bridge(observer& user) : user_(user) {}

  void on_record(core::Direction d, std::uint8_t ot, core::ByteView w, std::uint8_t it,
                 core::ByteView p) override {
    user_.on_record(dir(d), ot, w, it, p);
  }
  void on_handshake_message(core::Direction d, std::uint8_t t, core::ByteView m) override {
    user_.on_handshake_message(dir(d), t, m);
  }
  // The public observer keeps the labels as text (glasstls/observer.hpp).
  void on_state(core::Side s, core::HandshakeState f, std::string_view e, core::HandshakeState t) override {
    user_.on_state(core::side_label(s), core::state_label(f), e, core::state_label(t));
  }
  void on_secret(core::Secret k, core::ByteView v) override { user_.on_secret(core::secret_label(k), v); }
  void on_alert(core::Direction d, core::AlertLevel l, core::Alert a) override {
    user_.on_alert(dir(d), l == core::AlertLevel::fatal ? alert_level::fatal : alert_level::warning,
                   public_alert(a));
  }
  void on_note(std::string_view t) override { user_.on_note(t); }

 private:
  static direction dir(core::Direction d) {
    return d == core::Direction::sent ? direction::sent : direction::received;
  }
  observer& user_;
};

}  // namespace glass::detail
