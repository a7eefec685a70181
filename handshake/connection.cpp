#include "handshake/connection.hpp"

#include <chrono>

#include "handshake/engine.hpp"
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
core::Result<std::unique_ptr<record::RecordProtection>> protection13(CipherSuite suite,
                                                                    core::ByteView secret) {
  auto params = suite_params(suite);
  if (!params) return make_error(Alert::internal_error, "no parameters for " + name_of(suite));
  GLASS_TRY(auto p, record::Protection13::from_secret(params->hash, params->aead, secret));
  return std::unique_ptr<record::RecordProtection>(std::move(p));
}
}  // namespace

core::Status Channel::set_read_secret13(CipherSuite suite, core::ByteView secret,
                                        std::string_view name) {
  GLASS_CHECK(assembler.check_key_change(name));
  GLASS_TRY(auto p, protection13(suite, secret));
  reader.set_protection(std::move(p));
  note(std::string("now reading with keys from ") + std::string(name));
  return {};
}

core::Status Channel::set_write_secret13(CipherSuite suite, core::ByteView secret,
                                         std::string_view name) {
  GLASS_TRY(auto p, protection13(suite, secret));
  GLASS_CHECK(writer.set_protection(std::move(p)));
  note(std::string("now writing with keys from ") + std::string(name));
  return {};
}

// ---- Engine defaults -----------------------------------------------------------

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

core::Error unexpected(const record::HandshakeMessage& m, std::string_view state) {
  return make_error(Alert::unexpected_message,
                    message_name(static_cast<HandshakeType>(m.type)) +
                        " is not allowed in state " + std::string(state));
}

// ---- Connection ----------------------------------------------------------------

struct Connection::Impl {
  explicit Impl(Config c)
      : cfg(std::move(c)), rng(cfg.rng ? *cfg.rng : crypto::system_rng()), ch(cfg, rng) {
    engine = cfg.role == Role::client ? make_client_engine(ch) : make_server_engine(ch);
  }

  Config cfg;
  crypto::Rng& rng;
  Channel ch;
  std::unique_ptr<Engine> engine;
  std::optional<core::Error> error;
  bool error_from_peer = false;
  bool closed = false;  // we sent close_notify
  bool started = false;

  core::Status fail(core::Error e) {
    if (!error) {
      error = e;
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

  core::Status feed(core::ByteView bytes) {
    if (error) return *error;
    ch.reader.feed(bytes);
    for (;;) {
      auto ev = ch.reader.next();
      if (!ev) return fail(std::move(ev).error());
      if (std::holds_alternative<record::NeedMore>(*ev)) break;
      auto& rec = std::get<record::Record>(*ev);
      if (ch.peer_closed)
        return fail(make_error(Alert::unexpected_message, "data after the peer's close_notify"));
      if (rec.type != record::ContentType::handshake) {
        auto inter = ch.assembler.check_interleave(record::content_type_name(rec.type));
        if (!inter) return fail(std::move(inter).error());
      }
      switch (rec.type) {
        case record::ContentType::handshake: {
          GLASS_CHECK(check(ch.assembler.add(rec.fragment)));
          for (;;) {
            auto m = ch.assembler.next();
            if (!m) return fail(std::move(m).error());
            if (!*m) break;
            GLASS_CHECK(check(engine->on_message(**m)));
            if (error) return *error;
          }
          break;
        }
        case record::ContentType::alert:
          GLASS_CHECK(on_alert(rec));
          break;
        case record::ContentType::change_cipher_spec:
          GLASS_CHECK(check(engine->on_change_cipher_spec()));
          break;
        case record::ContentType::application_data:
          if (!engine->connected())
            return fail(make_error(Alert::unexpected_message,
                                   "application data before the handshake finished (state " +
                                       engine->state_name() + ")"));
          core::append(ch.app_in, rec.fragment);
          break;
        default:
          return fail(make_error(Alert::unexpected_message,
                                 "unexpected record type " + record::content_type_name(rec.type)));
      }
    }
    return {};
  }
};

Connection::Connection(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

core::Status Connection::start() {
  if (impl_->started) return {};
  impl_->started = true;
  return impl_->check(impl_->engine->start());
}

core::Status Connection::feed(core::ByteView bytes) {
  if (!impl_->started) GLASS_CHECK(start());
  return impl_->feed(bytes);
}

core::Bytes Connection::take_output() {
  auto out = impl_->ch.writer.take_output();
  if (!out) {
    (void)impl_->fail(std::move(out).error());
    return {};
  }
  return std::move(out).value();
}

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
  return impl_->check(impl_->ch.writer.write(record::ContentType::application_data, data));
}

core::Bytes Connection::read() { return std::exchange(impl_->ch.app_in, {}); }
bool Connection::has_app_data() const { return !impl_->ch.app_in.empty(); }

void Connection::close() {
  if (impl_->closed || impl_->error) return;
  impl_->closed = true;
  auto a = record::make_alert(Alert::close_notify);
  (void)impl_->ch.writer.write_alert(a);  // the writer reports it to the observer
}

core::Status Connection::key_update(bool request_peer) {
  if (impl_->error) return *impl_->error;
  return impl_->check(impl_->engine->key_update(request_peer));
}

core::Status Connection::request_client_certificate() {
  if (impl_->error) return *impl_->error;
  return impl_->check(impl_->engine->request_client_certificate());
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
