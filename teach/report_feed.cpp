#include "teach/report_feed.hpp"

#include "core/hex.hpp"
#include "handshake/types.hpp"

namespace glass::teach {

using inspect::EventKind;

class FeedObserver final : public core::Observer {
 public:
  FeedObserver(ReportFeed& f, std::string side) : f_(f), side_(std::move(side)) {}

  void on_record(core::Direction, std::uint8_t, core::ByteView, std::uint8_t, core::ByteView) override {
    f_.seen(side_, EventKind::record);
  }
  void on_handshake_message(core::Direction d, std::uint8_t type, core::ByteView msg) override {
    f_.seen(side_, EventKind::message);
    bool from_client = (side_ == "client") == (d == core::Direction::sent);
    if (type == static_cast<std::uint8_t>(handshake::HandshakeType::finished))
      if (auto w = kw_.finished(msg, from_client)) f_.add_work(*w);
    // The client's PSK binder goes with the hello it sends (as in --explain).
    if (type == static_cast<std::uint8_t>(handshake::HandshakeType::client_hello) &&
        d == core::Direction::sent)
      if (auto b = kw_.psk_binder(msg)) add_binder(*b);
    kw_.on_message(msg);
  }
  void on_state(core::Side, core::HandshakeState, std::string_view, core::HandshakeState) override {
    f_.seen(side_, EventKind::state);
  }
  void on_secret(core::Secret kind, core::ByteView value) override {
    f_.seen(side_, EventKind::secret);
    if (kind == core::Secret::certificate_verify_content) return;
    auto d = kw_.on_secret(kind, value);
    if (kind == core::Secret::psk_binder)
      if (auto b = kw_.psk_binder()) add_binder(*b);  // a server checking the hello it received
    if (!d) return;
    f_.add_work(*d);
    if (core::is_traffic_secret(kind))
      for (auto& k : kw_.traffic_keys(kind)) f_.add_work(k);
  }
  void on_alert(core::Direction, core::AlertLevel, core::Alert) override { f_.seen(side_, EventKind::alert); }
  void on_note(std::string_view) override { f_.seen(side_, EventKind::note); }

 private:
  void add_binder(const BinderWork& b) {
    f_.add_work(b.finished_key);
    f_.add_work(b.binder);
  }

  ReportFeed& f_;
  std::string side_;
  KeyWork kw_;
};

std::unique_ptr<core::Observer> ReportFeed::side_observer(std::string side) {
  return std::make_unique<FeedObserver>(*this, std::move(side));
}

void ReportFeed::seen(const std::string& side, EventKind k) {
  std::lock_guard<std::mutex> lock(mu_);
  last_event_ = log_.size();
  last_side_ = side;
  last_kind_ = k;
}

void ReportFeed::add_work(const Derivation& d) {
  inspect::WorkShown w;
  w.label = d.label;
  w.secret = d.secret;
  w.formula = d.formula;
  w.checked = d.checked;
  if (secrets_) {
    for (const auto& [name, value] : d.inputs) w.inputs.emplace_back(name, core::to_hex(value));
    w.output = core::to_hex(d.output);
    if (d.checked) w.command = d.command;
  }
  std::lock_guard<std::mutex> lock(mu_);
  work_[last_event_].push_back(std::move(w));
}

void ReportFeed::on_step(unsigned number, std::string_view side, std::string_view kind,
                         const std::string& text, const std::string& detail) {
  std::lock_guard<std::mutex> lock(mu_);
  inspect::TextStep t;
  t.number = number;
  t.side = side;
  t.kind = kind;
  t.text = strip_ansi(text);
  t.detail = strip_ansi(detail);
  // A step narrates the event just recorded when side and kind agree and no
  // earlier step took it; steps of the demo's own (application data) have none.
  if (number && last_event_ > linked_ && side == last_side_ && kind == inspect::kind_name(last_kind_)) {
    t.event = last_event_;
    linked_ = last_event_;
  }
  narration_.push_back(std::move(t));
}

void ReportFeed::fill(inspect::ReportMeta& meta) const {
  std::lock_guard<std::mutex> lock(mu_);
  meta.narration = narration_;
  meta.work = work_;
}

std::string strip_ansi(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace glass::teach
