#include "handshake/connection.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "handshake/engine.hpp"
#include "handshake/key_schedule.hpp"
#include "record/alert.hpp"
#include "record/protection13.hpp"
#include "record/traffic_keys.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

// ---- Channel -----------------------------------------------------------------

Channel::Channel(Config& c, crypto::Rng& r)
    : cfg(c), rng(r), obs(c.observer), reader(c.observer), writer(c.observer),
      assembler(c.observer) {
  writer.set_max_fragment(c.max_fragment);
  reader.set_app_data_sink(&app_in);
}

core::Status Channel::send_compat_ccs() {
  if (!cfg.middlebox_compat || compat_ccs_sent) return {};
  compat_ccs_sent = true;
  return writer.write_change_cipher_spec();
}

core::Status Channel::send_framed(core::ByteView bytes) {
  if (!cfg.tamper) {
    transcript.add(bytes);
    return writer.write_handshake_message(bytes);
  }
  auto type = bytes.empty() ? HandshakeType{} : static_cast<HandshakeType>(bytes[0]);
  core::Bytes framed = core::to_bytes(bytes);
  if (!cfg.tamper->outgoing(type, framed)) {
    note("tamper: " + message_name(type) + " dropped");
    return {};
  }
  transcript.add(framed);
  GLASS_CHECK(writer.write_handshake_message(framed));
  cfg.tamper->after(type, writer);
  return {};
}

std::int64_t Channel::now() const {
  if (cfg.now) return cfg.now();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {
// The record key and iv are reported as "<traffic secret label> key" / " iv".
core::Result<std::unique_ptr<record::RecordProtection>> protection13(
    CipherSuite suite, core::ByteView secret, core::Observer* obs, std::string_view name) {
  auto params = suite_params(suite);
  if (!params) return make_error(Alert::internal_error, "no parameters for " + name_of(suite));
  tls13::TrafficKeys k = tls13::traffic_keys(params->hash, params->aead, secret, obs, name);
  GLASS_TRY(auto p, record::Protection13::create(params->aead, k.key, k.iv));
  return std::unique_ptr<record::RecordProtection>(std::move(p));
}
}  // namespace

core::Status Channel::set_read_secret13(CipherSuite suite, core::ByteView secret,
                                        std::string_view name) {
  GLASS_CHECK(assembler.check_key_change(name));
  GLASS_TRY(auto p, protection13(suite, secret, obs, name));
  reader.set_protection(std::move(p));
  if (obs) note(std::string("now reading with keys from ") + std::string(name));
  return {};
}

core::Status Channel::set_write_secret13(CipherSuite suite, core::ByteView secret,
                                         std::string_view name) {
  GLASS_TRY(auto p, protection13(suite, secret, obs, name));
  GLASS_CHECK(writer.set_protection(std::move(p)));
  if (obs) note(std::string("now writing with keys from ") + std::string(name));
  return {};
}

// ---- Engine defaults -----------------------------------------------------------

core::Result<Step> Engine::run(std::uint8_t state) {
  return make_error(Alert::internal_error, "state " + state_name() + " has no action number " +
                                               std::to_string(state));
}

core::Status Engine::on_change_cipher_spec() {
  return make_error(Alert::unexpected_message,
                    "ChangeCipherSpec is not expected in state " + state_name());
}

core::Status Engine::key_update(bool) {
  return make_error(Alert::internal_error, "KeyUpdate needs an established TLS 1.3 connection");
}

core::Status Engine::request_client_certificate() {
  return make_error(Alert::internal_error,
                    "post-handshake authentication needs an established TLS 1.3 server "
                    "connection whose client offered post_handshake_auth");
}

core::Status Engine::can_request_client_certificate() const {
  return make_error(Alert::internal_error,
                    "post-handshake authentication is only for a TLS 1.3 server");
}

core::Status answer_key_update_request(Channel& ch, Engine& e) {
  if (ch.local_closed) {
    ch.note("the peer asked for a KeyUpdate after our close_notify: not answered");
    return {};
  }
  if (ch.key_update_answered) {
    ch.note("the peer asked for another KeyUpdate while we sent nothing: our last reply "
            "serves it (RFC 8446 4.6.3: one update for several requests)");
    return {};
  }
  ch.key_update_answered = true;
  return e.key_update(false);
}

core::Error unexpected(const record::HandshakeMessage& m, std::string_view state) {
  return make_error(Alert::unexpected_message,
                    message_name(static_cast<HandshakeType>(m.type)) +
                        " is not allowed in state " + std::string(state));
}

// ---- Connection ----------------------------------------------------------------

struct Connection::Impl {
  explicit Impl(Config c)
      : cfg(std::move(c)), rng(cfg.rng ? *cfg.rng : pooled), ch(cfg, rng) {
    engine = cfg.role == Role::client ? make_client_engine(ch) : make_server_engine(ch);
  }

  Config cfg;
  // OS randomness, one getrandom(2) for the handshake's randoms and key shares. An
  // injected Config::rng (seeded runs, RFC 8448 replays) is used as it is.
  crypto::PooledRng pooled{crypto::system_rng()};
  crypto::Rng& rng;
  Channel ch;
  std::unique_ptr<Engine> engine;
  std::optional<core::Error> error;
  bool error_from_peer = false;
  bool closed = false;  // we sent close_notify
  bool started = false;
  // Control records since the peer's last non-empty application data.
  unsigned key_updates_run = 0;
  unsigned warnings_run = 0;
  // The state that returned Wait{signature}: it runs again with the signature.
  std::optional<std::uint8_t> signing_state;
  std::optional<std::uint8_t> running;  // the action state the last Next started
  Connection::StepHook step_hook;
  // Stepping (Connection::set_stepping): feed() only keeps bytes, step() runs one
  // handler at a time; a Next waits here for the next step().
  bool stepping = false;
  bool engine_started = false;
  std::optional<std::uint8_t> pending_next;

  bool awaiting_signature() const { return signing_state.has_value(); }

  bool over_app_data_cap() const { return ch.app_in.size() >= cfg.max_unread_app_data; }

  core::Status fail(core::Error e) {
    if (!error) {
      error = e;
      if (closed) return e;  // our close_notify was the last thing we write
      auto a = record::make_alert(e.alert);
      (void)ch.writer.write_alert(a);  // the writer reports it to the observer
      (void)ch.writer.flush();
    }
    return e;
  }

  core::Status check(core::Status s) {
    if (s) return s;
    return fail(std::move(s).error());
  }

  core::Status on_alert(const record::Record& rec) {
    auto a = record::parse_alert(rec.fragment, ch.reader.version());
    if (!a) return fail(std::move(a).error());
    if (ch.obs)
      ch.obs->on_alert(core::Direction::received, static_cast<core::AlertLevel>(a->level),
                       a->description);
    switch (record::classify_alert(*a, ch.reader.version())) {
      case record::AlertClass::closure:
        ch.peer_closed = true;
        ch.note("peer sent close_notify: it will send nothing more");
        return {};
      case record::AlertClass::warning:
        ch.note("peer sent a warning alert: " + record::describe_alert(*a));
        if (++warnings_run > Connection::max_warning_alerts_in_a_row)
          return fail(make_error(Alert::unexpected_message,
                                 "more than " +
                                     std::to_string(Connection::max_warning_alerts_in_a_row) +
                                     " warning alerts without application data between them"));
        return {};
      case record::AlertClass::fatal:
        break;
    }
    error_from_peer = true;
    error = make_error(a->description,
                       "the peer sent " + record::describe_alert(*a) + " while we were in state " +
                           engine->state_name());
    return *error;
  }

  // The dispatch loop (handshake/step.hpp): runs the engine until it waits.
  core::Status drive(core::Result<Step> r) {
    for (unsigned n = 0; n < max_steps_in_a_row; ++n) {
      if (!r) return fail(std::move(r).error());
      if (step_hook) step_hook(*r, engine->state_name());
      if (const Next* next = std::get_if<Next>(&*r)) {
        if (stepping) {
          pending_next = next->state;
          return {};
        }
        running = next->state;
        r = engine->run(next->state);
        continue;
      }
      switch (std::get<Wait>(*r).what) {
        case WaitFor::peer_message:
          return {};
        case WaitFor::flush:
          return check(ch.writer.flush());
        case WaitFor::signature:
          if (!running || !ch.signature_request)
            return fail(make_error(Alert::internal_error,
                                   "a signature was awaited outside a signing state"));
          signing_state = running;
          return {};
      }
    }
    return fail(make_error(Alert::internal_error,
                           "the handshake engine took more than " +
                               std::to_string(max_steps_in_a_row) + " steps without waiting"));
  }
  static constexpr unsigned max_steps_in_a_row = 16;

  // While a signature is pending, input is kept unparsed (bounded like unread data).
  core::Status hold_input(core::ByteView bytes) {
    if (ch.reader.buffered() + bytes.size() > cfg.max_unread_app_data)
      return fail(make_error(Alert::internal_error,
                             "more than max_unread_app_data = " +
                                 std::to_string(cfg.max_unread_app_data) +
                                 " bytes arrived while a signature was pending"));
    ch.reader.feed_borrowed(bytes);
    ch.reader.keep_unread();
    return {};
  }

  core::Status provide_signature(core::Bytes sig) {
    ch.signature_answer = std::move(sig);
    const std::uint8_t state = *signing_state;
    signing_state.reset();
    if (stepping) {  // the next step() runs the state that asked
      pending_next = state;
      return {};
    }
    running = state;
    GLASS_CHECK(drive(engine->run(state)));
    // What arrived meanwhile: whole messages in the assembler, then records.
    GLASS_CHECK(next_messages());
    if (!awaiting_signature() && ch.reader.buffered() > 0) return feed({});
    return {};
  }

  core::Status feed(core::ByteView bytes) {
    if (error) return *error;
    // RFC 8446 6.1: after close_notify the peer sends nothing; whatever comes is ignored.
    if (ch.peer_closed) return {};
    if (awaiting_signature() || stepping) return hold_input(bytes);
    if (over_app_data_cap() && ch.reader.buffered() + bytes.size() > cfg.max_unread_app_data)
      return fail(make_error(Alert::internal_error,
                             "the application stopped reading: " +
                                 std::to_string(ch.app_in.size()) +
                                 " bytes of application data unread and more input held back "
                                 "(limit max_unread_app_data = " +
                                 std::to_string(cfg.max_unread_app_data) +
                                 "; stop reading the socket while wants_input() is false)"));
    // Records are parsed from the caller's bytes; what is left is copied on return.
    ch.reader.feed_borrowed(bytes);
    struct KeepUnread {
      record::RecordReader& r;
      ~KeepUnread() { r.keep_unread(); }
    } keep{ch.reader};
    for (;;) {
      GLASS_TRY(bool more, next_record());
      if (!more) return {};
    }
  }

  // Parses and handles one record; false when none is complete, input is held
  // back, or the peer closed.
  core::Result<bool> next_record() {
    // Back-pressure: records stay unparsed until the application reads; the
    // handshake stands still until a pending signature arrives.
    if (over_app_data_cap() || awaiting_signature()) return false;
    ch.reader.set_handshake_pending(!ch.assembler.empty());
    auto ev = ch.reader.next();
    if (!ev) return failed(std::move(ev).error());
    if (std::holds_alternative<record::NeedMore>(*ev)) return false;
    auto& rec = std::get<record::Record>(*ev);
    // (The name is built only when the check can fail: no string per record.)
    if (rec.type != record::ContentType::handshake && !ch.assembler.empty()) {
      auto inter = ch.assembler.check_interleave(record::content_type_name(rec.type));
      if (!inter) {
        ch.app_in.drop_back(rec.in_sink);  // never released to the application
        return failed(std::move(inter).error());
      }
    }
    GLASS_CHECK(on_record(rec));
    // Anything after close_notify is ignored, not parsed.
    return !ch.peer_closed;
  }

  core::Error failed(core::Error e) {
    (void)fail(e);
    return e;
  }

  core::Status on_record(record::Record& rec) {
    switch (rec.type) {
      case record::ContentType::handshake:
        return on_handshake_record(rec);
      case record::ContentType::alert:
        return on_alert(rec);
      case record::ContentType::change_cipher_spec:
        return check(engine->on_change_cipher_spec());
      case record::ContentType::application_data:
        if (!engine->connected()) {
          ch.app_in.drop_back(rec.in_sink);  // never released to the application
          return fail(make_error(Alert::unexpected_message,
                                 "application data before the handshake finished (state " +
                                     engine->state_name() + ")"));
        }
        if (!rec.fragment.empty() || rec.in_sink) key_updates_run = warnings_run = 0;
        ch.app_in.append(rec.fragment);  // in_sink bytes are there already
        return {};
      default:
        return fail(make_error(Alert::unexpected_message,
                               "unexpected record type " + record::content_type_name(rec.type)));
    }
  }

  // Every complete handshake message goes to the engine's current state.
  core::Status on_handshake_record(const record::Record& rec) {
    GLASS_CHECK(check(ch.assembler.add(rec.fragment)));
    if (stepping) return {};  // step() takes the messages one by one
    return next_messages();
  }

  core::Status next_messages() {
    while (!awaiting_signature()) {
      GLASS_TRY(auto m, next_message());
      if (!m) return {};
      GLASS_CHECK(drive(engine->on_message(*m)));
      if (error) return *error;
    }
    return {};
  }

  // The next complete message in the assembler, counted against the KeyUpdate flood limit.
  core::Result<std::optional<record::HandshakeMessage>> next_message() {
    auto m = ch.assembler.next();
    if (!m) return failed(std::move(m).error());
    if (*m && (*m)->type == static_cast<std::uint8_t>(HandshakeType::key_update) &&
        ++key_updates_run > Connection::max_key_updates_in_a_row)
      return failed(make_error(
          Alert::unexpected_message,
          "more than " + std::to_string(Connection::max_key_updates_in_a_row) +
              " KeyUpdate messages without application data between them"));
    return std::move(*m);
  }

  // Stepping: one handler, as the Next left waiting, the client's start, or the next
  // message (records are parsed until one is complete).
  core::Result<std::optional<Step>> step() {
    if (error) return *error;
    if (awaiting_signature()) return std::optional<Step>();
    std::optional<core::Result<Step>> r;
    if (pending_next) {
      running = *pending_next;
      pending_next.reset();
      r = engine->run(*running);
    } else if (!engine_started && cfg.role == Role::client) {
      engine_started = true;
      r = engine->start();
    } else {
      for (;;) {
        GLASS_TRY(auto m, next_message());
        if (m) {
          r = engine->on_message(*m);
          break;
        }
        GLASS_TRY(bool more, next_record());
        if (!more || error) return std::optional<Step>();
      }
    }
    if (!*r) return failed(std::move(*r).error());
    Step taken = **r;
    GLASS_CHECK(drive(std::move(*r)));
    return std::optional<Step>(taken);
  }
};

Connection::Connection(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

core::Status Connection::start() {
  if (impl_->started) return {};
  impl_->started = true;
  if (impl_->stepping) return {};  // step() runs it
  impl_->engine_started = true;
  return impl_->drive(impl_->engine->start());
}

core::Status Connection::feed(core::ByteView bytes) {
  if (!impl_->started) GLASS_CHECK(start());
  return impl_->feed(bytes);
}

core::Bytes Connection::take_output() {
  core::Bytes out = core::to_bytes(output());
  consume_output(out.size());
  return out;
}

core::ByteView Connection::output() {
  auto out = impl_->ch.writer.output();
  if (!out) {
    (void)impl_->fail(std::move(out).error());
    // The alert fail() queued, if any.
    auto alert = impl_->ch.writer.output();
    return alert ? *alert : core::ByteView{};
  }
  return *out;
}

void Connection::consume_output(std::size_t n) { impl_->ch.writer.consume_output(n); }

bool Connection::has_output() const {
  return impl_->ch.writer.has_output();
}

core::Status Connection::write(core::ByteView data) {
  if (impl_->error) return *impl_->error;
  if (impl_->closed)
    return make_error(Alert::internal_error, "write after close(): close_notify was sent");
  if (!impl_->engine->connected())
    return make_error(Alert::internal_error,
                      "write before the handshake finished (state " + state_name() + ")");
  auto& ch = impl_->ch;
  GLASS_CHECK(impl_->check(ch.writer.write(record::ContentType::application_data, data)));
  ch.key_update_answered = false;
  return {};
}

core::Bytes Connection::read() {
  core::Bytes out = core::to_bytes(app_data());
  consume_app_data(out.size());
  return out;
}

std::size_t Connection::read(std::span<std::uint8_t> out) {
  const core::ByteView v = app_data();
  const std::size_t n = std::min(out.size(), v.size());
  if (n) std::memcpy(out.data(), v.data(), n);
  consume_app_data(n);
  return n;
}

core::ByteView Connection::app_data() const { return impl_->ch.app_in.view(); }

void Connection::consume_app_data(std::size_t n) {
  impl_->ch.app_in.consume(n);
  // Records held back while the application was not reading go through now.
  if (impl_->ch.reader.buffered() > 0 && !impl_->error) (void)impl_->feed({});
}
bool Connection::has_app_data() const { return !impl_->ch.app_in.empty(); }

bool Connection::wants_input() const {
  return !impl_->error && !impl_->ch.peer_closed && !impl_->over_app_data_cap();
}

void Connection::close() {
  if (impl_->closed || impl_->error) return;
  impl_->closed = true;
  impl_->ch.local_closed = true;
  auto a = record::make_alert(Alert::close_notify);
  (void)impl_->ch.writer.write_alert(a);  // the writer reports it to the observer
}

core::Status Connection::key_update(bool request_peer) {
  if (impl_->error) return *impl_->error;
  return impl_->check(impl_->engine->key_update(request_peer));
}

core::Status Connection::request_client_certificate() {
  if (impl_->error) return *impl_->error;
  // Refused locally: the caller asked for something the connection cannot do now,
  // which is no reason to end it.
  GLASS_CHECK(impl_->engine->can_request_client_certificate());
  return impl_->check(impl_->engine->request_client_certificate());
}

const std::optional<SignatureRequest>& Connection::pending_signature() const {
  return impl_->ch.signature_request;
}

core::Status Connection::provide_signature(core::Bytes signature) {
  if (impl_->error) return *impl_->error;
  // Refused locally: a caller's mistake is no reason to end the connection.
  if (!impl_->awaiting_signature())
    return make_error(Alert::internal_error,
                      "provide_signature(): no signature is pending (see pending_signature())");
  if (signature.empty())
    return make_error(Alert::internal_error,
                      "provide_signature(): the signature is empty; the request stays pending");
  return impl_->provide_signature(std::move(signature));
}

void Connection::set_step_hook(StepHook hook) { impl_->step_hook = std::move(hook); }

void Connection::set_stepping(bool on) { impl_->stepping = on; }

core::Result<std::optional<Step>> Connection::step() {
  if (!impl_->started) GLASS_CHECK(start());
  return impl_->step();
}

bool Connection::post_handshake_auth_pending() const {
  return impl_->engine->post_handshake_auth_pending();
}

ConnectionStatus Connection::status() const {
  if (impl_->error) return ConnectionStatus::failed;
  if (impl_->closed || impl_->ch.peer_closed) return ConnectionStatus::closed;
  return impl_->engine->connected() ? ConnectionStatus::connected
                                    : ConnectionStatus::handshaking;
}

bool Connection::is_handshake_done() const { return impl_->engine->connected(); }
bool Connection::peer_closed() const { return impl_->ch.peer_closed; }
const std::optional<core::Error>& Connection::error() const { return impl_->error; }
bool Connection::error_from_peer() const { return impl_->error_from_peer; }
std::string Connection::state_name() const { return impl_->engine->state_name(); }
const SessionInfo& Connection::info() const { return impl_->ch.info; }
const Config& Connection::config() const { return impl_->cfg; }

}  // namespace glass::handshake
