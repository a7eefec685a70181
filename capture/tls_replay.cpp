#include "capture/tls_replay.hpp"

#include <memory>
#include <optional>
#include <variant>

#include "capture/signature_check.hpp"
#include "capture/state_inference.hpp"
#include "core/hex.hpp"
#include "crypto/kdf.hpp"
#include "handshake/certificate.hpp"
#include "handshake/traffic_keys.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/key_schedule12.hpp"
#include "handshake/message.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_key_exchange.hpp"
#include "record/alert.hpp"
#include "record/handshake_assembler.hpp"
#include "record/protection13.hpp"
#include "record/reader.hpp"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // std::variant moves, as in record/reader.cpp
#endif

namespace glass::capture {

namespace {

using core::ByteView;
using core::Bytes;
using core::Direction;

const char* dir_label(bool from_client) { return from_client ? "client-to-server" : "server-to-client"; }

// The record reader reports what it reads; in a capture that is what the
// sending side wrote. Application data beyond the limit is counted, not shown.
class SentView final : public core::Observer {
 public:
  SentView(core::Observer* to, std::size_t limit) : to_(to), limit_(limit) {}
  void on_record(Direction, std::uint8_t outer, ByteView wire, std::uint8_t inner, ByteView plain) override {
    if (inner == 23 && shown_ >= limit_) {
      ++hidden_;
      hidden_bytes_ += plain.size();
      return;
    }
    if (inner == 23) ++shown_;
    if (to_) to_->on_record(Direction::sent, outer, wire, inner, plain);
  }
  void on_note(std::string_view t) override {
    if (!to_) return;
    // The reader speaks as the receiver; the capture shows what the sender wrote.
    if (t.starts_with("dropped the middlebox-compatibility"))
      to_->on_note("a middlebox-compatibility change_cipher_spec (RFC 8446 D.4): no key change, the peer ignores it");
    else
      to_->on_note(t);
  }
  std::size_t hidden() const { return hidden_; }
  std::size_t hidden_bytes() const { return hidden_bytes_; }

 private:
  core::Observer* to_;
  std::size_t limit_, shown_ = 0, hidden_ = 0, hidden_bytes_ = 0;
};

struct Flow {
  Flow(bool c, core::Observer* sender, std::size_t limit) : from_client(c), view(sender, limit), reader(&view) {}
  bool from_client;
  SentView view;
  record::RecordReader reader;
  record::HandshakeAssembler hs;
  bool stopped = false;
  core::SecretBytes app_secret;  // TLS 1.3: the current application traffic secret
};

class Replay {
 public:
  Replay(const KeyLog& keys, core::Observer* client, core::Observer* server, const ReplayOptions& o)
      : keys_(keys), obs_{client, server}, states_(client, server),
        flows_{std::make_unique<Flow>(true, client, o.max_app_records),
               std::make_unique<Flow>(false, server, o.max_app_records)} {}

  ReplayResult run(const Connection& conn);

 private:
  Flow& flow(bool from_client) { return *flows_[from_client ? 0 : 1]; }
  core::Observer* sender(const Flow& f) { return obs_[f.from_client ? 0 : 1]; }
  core::Observer* receiver(const Flow& f) { return obs_[f.from_client ? 1 : 0]; }
  bool tls13() const { return r_.version == 0x0304; }
  void pump(Flow& f);
  void stop(Flow& f, const std::string& why);
  void on_record(Flow& f, record::Record& rec);
  void on_message(Flow& f, const record::HandshakeMessage& m);
  void note_message(Flow& f, const record::HandshakeMessage& m);
  void on_server_hello(const record::HandshakeMessage& m);
  void check_signature(Flow& f, const record::HandshakeMessage& m, bool hrr);
  void on_alert(Flow& f, ByteView body);
  void on_ccs(Flow& f);
  void on_finished(Flow& f);
  void on_key_update(Flow& f);
  void on_client_key_exchange();
  const core::SecretBytes* secret(const char* nss, bool stop_both);
  std::string missing(const char* nss) const;
  bool install13(Flow& f, ByteView secret);
  void finish();

  const KeyLog& keys_;
  std::array<core::Observer*, 2> obs_;
  StateInference states_;
  SignatureCheck signatures_;
  std::array<std::unique_ptr<Flow>, 2> flows_;
  ReplayResult r_;
  handshake::Random client_random_{}, server_random_{};
  std::optional<handshake::tls12::KeyBlock> key_block_;
};

ReplayResult Replay::run(const Connection& conn) {
  for (const auto& chunk : conn.chunks) {
    Flow& f = flow(chunk.dir == Dir::to_server);
    if (f.stopped) continue;
    f.reader.feed(chunk.data);
    pump(f);
  }
  finish();
  return std::move(r_);
}

void Replay::stop(Flow& f, const std::string& why) {
  if (f.stopped) return;
  f.stopped = true;
  std::string text = std::string("the ") + dir_label(f.from_client) + " stream cannot be read further: " + why;
  r_.problems.push_back(text);
  if (sender(f)) sender(f)->on_note(text);
}

void Replay::pump(Flow& f) {
  while (!f.stopped) {
    auto ev = f.reader.next();
    if (!ev) return stop(f, ev.error().to_string());
    if (std::holds_alternative<record::NeedMore>(*ev)) return;
    on_record(f, std::get<record::Record>(*ev));
  }
}

void Replay::on_record(Flow& f, record::Record& rec) {
  using record::ContentType;
  if (rec.type != ContentType::handshake) {
    if (auto st = f.hs.check_interleave(record::content_type_name(static_cast<std::uint8_t>(rec.type))); !st)
      return stop(f, st.error().to_string());
  }
  switch (rec.type) {
    case ContentType::handshake: {
      if (auto st = f.hs.add(rec.fragment); !st) return stop(f, st.error().to_string());
      for (;;) {
        auto m = f.hs.next();
        if (!m) return stop(f, m.error().to_string());
        if (!*m || f.stopped) return;
        on_message(f, **m);
      }
    }
    case ContentType::alert: return on_alert(f, rec.fragment);
    case ContentType::change_cipher_spec: return on_ccs(f);
    case ContentType::application_data:
      ++r_.app_records[f.from_client ? 0 : 1];
      r_.app_bytes[f.from_client ? 0 : 1] += rec.fragment.size();
      return;
    default: return;
  }
}

void Replay::note_message(Flow& f, const record::HandshakeMessage& m) {
  if (sender(f)) sender(f)->on_handshake_message(Direction::sent, m.type, m.raw);
  if (receiver(f)) receiver(f)->on_handshake_message(Direction::received, m.type, m.raw);
  r_.messages.push_back({f.from_client, m.type, m.raw});
}

void Replay::on_message(Flow& f, const record::HandshakeMessage& m) {
  note_message(f, m);
  bool hrr = false;
  if (m.type == 1 && r_.client_random.empty() && m.raw.size() >= 38) {
    r_.client_random.assign(m.raw.begin() + 6, m.raw.begin() + 38);
    std::copy(m.raw.begin() + 6, m.raw.begin() + 38, client_random_.begin());
  }
  if (m.type == 2 && !f.from_client) {
    on_server_hello(m);
    hrr = r_.hello_retry && r_.version == 0;
  }
  states_.message(f.from_client, m.type, m.raw, tls13(), hrr);
  if (m.type == 11) {
    auto& chain = f.from_client ? r_.client_chain : r_.server_chain;
    chain.clear();
    if (tls13()) {
      if (auto c = handshake::decode<handshake::Certificate>(ByteView(m.raw)))
        for (auto& e : c->certificate_list) chain.push_back(e.cert_data);
    } else if (auto c = handshake::decode<handshake::Certificate12>(ByteView(m.raw))) {
      chain = c->certificate_list;
    }
  }
  check_signature(f, m, hrr);
  if (m.type == 13 && !f.from_client) r_.certificate_request = m.raw;
  if (m.type == 12 && !f.from_client)
    if (auto ske = handshake::decode<handshake::ServerKeyExchangeEcdhe>(ByteView(m.raw)))
      r_.group = static_cast<std::uint16_t>(ske->group);
  if (m.type == 16 && f.from_client) on_client_key_exchange();
  if (m.type == 20) on_finished(f);
  if (m.type == 24 && tls13()) on_key_update(f);
}

void Replay::on_server_hello(const record::HandshakeMessage& m) {
  auto sh = handshake::decode<handshake::ServerHello>(ByteView(m.raw));
  if (!sh) return stop(flow(false), "ServerHello: " + sh.error().to_string());
  r_.suite = static_cast<std::uint16_t>(sh->cipher_suite);
  if (sh->is_hello_retry_request()) {
    r_.hello_retry = true;
    return;
  }
  server_random_ = sh->random;
  r_.suite = static_cast<std::uint16_t>(sh->cipher_suite);
  r_.version = 0x0303;
  if (auto v = sh->extensions.get<handshake::SupportedVersionsServerHello>(); v && *v)
    r_.version = static_cast<std::uint16_t>((*v)->selected_version);
  if (auto ks = sh->extensions.get<handshake::KeyShareServerHello>(); ks && *ks && tls13())
    r_.group = static_cast<std::uint16_t>((*ks)->server_share.group);
  if (!tls13()) return;  // TLS 1.2 keys come with the ClientKeyExchange
  auto* c = secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", true);
  auto* s = c ? secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", true) : nullptr;
  if (!s) return;
  if (obs_[0]) {
    obs_[0]->on_note("from the key log, for client random " + core::to_hex(r_.client_random) +
                     ": CLIENT_HANDSHAKE_TRAFFIC_SECRET and SERVER_HANDSHAKE_TRAFFIC_SECRET, the secrets "
                     "both sides now derive from the key exchange (which only an ephemeral private key "
                     "could confirm)");
    obs_[0]->on_secret(core::Secret::client_handshake_traffic_secret, c->view());
    obs_[0]->on_secret(core::Secret::server_handshake_traffic_secret, s->view());
  }
  r_.keys_found = true;
  if (install13(flow(false), s->view())) install13(flow(true), c->view());
}

void Replay::check_signature(Flow& f, const record::HandshakeMessage& m, bool hrr) {
  SignatureContext c{r_.version, r_.suite, f.from_client ? &r_.client_chain : &r_.server_chain,
                     client_random_, server_random_};
  auto v = signatures_.message(f.from_client, m.raw, c, hrr);
  if (v.checked) ++(v.ok ? r_.signatures_verified : r_.signatures_failed);
  if (!v.text.empty() && receiver(f)) receiver(f)->on_note(v.text);
}

std::string Replay::missing(const char* nss) const {
  std::string have = keys_.labels_for(r_.client_random);
  return std::string("the key log has no ") + nss + " for client random " + core::to_hex(r_.client_random) +
         (have.empty() ? " (no line for this connection at all)" : " (it has " + have + ")");
}

// The secret for this connection's client random, or null after saying what is missing.
const core::SecretBytes* Replay::secret(const char* nss, bool stop_both) {
  if (const auto* s = keys_.find(r_.client_random, nss)) return s;
  std::string why = missing(nss);
  stop(flow(false), why);
  if (stop_both) stop(flow(true), why);
  return nullptr;
}

bool Replay::install13(Flow& f, ByteView secret) {
  auto params = handshake::suite_params(static_cast<handshake::CipherSuite>(r_.suite));
  if (!params) {
    stop(f, "cipher suite " + core::to_hex(core::Bytes{std::uint8_t(r_.suite >> 8), std::uint8_t(r_.suite)}) +
                " is not one this build can decrypt");
    return false;
  }
  if (auto st = f.hs.check_key_change("the key change"); !st) {
    stop(f, st.error().to_string());
    return false;
  }
  auto p = record::Protection13::from_secret(params->hash, params->aead, secret);
  if (!p) {
    stop(f, p.error().to_string());
    return false;
  }
  f.reader.set_protection(std::move(*p));
  f.app_secret = core::SecretBytes(secret);
  return true;
}

void Replay::on_finished(Flow& f) {
  r_.finished[f.from_client ? 0 : 1] = true;
  if (!tls13() || !r_.keys_found) return;
  if (!f.from_client) {
    auto* c = secret("CLIENT_TRAFFIC_SECRET_0", false);
    auto* s = c ? secret("SERVER_TRAFFIC_SECRET_0", false) : nullptr;
    if (!s) return;
    if (obs_[0]) {
      obs_[0]->on_note("from the key log: CLIENT_TRAFFIC_SECRET_0 and SERVER_TRAFFIC_SECRET_0, the "
                       "application traffic secrets both sides derive after the server's Finished");
      obs_[0]->on_secret(core::Secret::client_application_traffic_secret_0, c->view());
      obs_[0]->on_secret(core::Secret::server_application_traffic_secret_0, s->view());
      if (auto* e = keys_.find(r_.client_random, "EXPORTER_SECRET"))
        obs_[0]->on_secret(core::Secret::exporter_master_secret, e->view());
    }
    install13(f, s->view());
    return;
  }
  if (auto* c = keys_.find(r_.client_random, "CLIENT_TRAFFIC_SECRET_0")) install13(f, c->view());
  else stop(f, "the key log has no CLIENT_TRAFFIC_SECRET_0 for this connection");
}

// RFC 8446 7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", Hash.length).
void Replay::on_key_update(Flow& f) {
  auto params = handshake::suite_params(static_cast<handshake::CipherSuite>(r_.suite));
  if (!params || f.app_secret.size() == 0) return;
  core::SecretBytes next(crypto::hkdf_expand_label(params->hash, f.app_secret.view(), "traffic upd", {},
                                                   crypto::hash_size(params->hash)));
  if (obs_[0])
    obs_[0]->on_secret(f.from_client ? core::Secret::client_application_traffic_secret_next
                                     : core::Secret::server_application_traffic_secret_next,
                       next.view());
  install13(f, next.view());
}

void Replay::on_client_key_exchange() {
  if (tls13() || r_.version == 0) return;
  // Without it the plaintext rest of the handshake still reads; the ChangeCipherSpec stops.
  auto* ms = keys_.find(r_.client_random, "CLIENT_RANDOM");
  if (!ms) return;
  if (obs_[0]) {
    obs_[0]->on_note("from the key log, for client random " + core::to_hex(r_.client_random) +
                     ": CLIENT_RANDOM, the master secret both sides derive from the ClientKeyExchange "
                     "(which only a private key could confirm); the record keys follow from it");
    obs_[0]->on_secret(core::Secret::master_secret, ms->view());
  }
  auto kb = handshake::tls12::key_block(static_cast<handshake::CipherSuite>(r_.suite), ms->view(),
                                        client_random_, server_random_, obs_[0]);
  if (!kb) {
    stop(flow(false), kb.error().to_string());
    stop(flow(true), kb.error().to_string());
    return;
  }
  key_block_ = std::move(*kb);
  r_.keys_found = true;
}

void Replay::on_ccs(Flow& f) {
  states_.change_cipher_spec(f.from_client);
  if (r_.version != 0x0303) {
    if (sender(f)) sender(f)->on_note("a middlebox-compatibility change_cipher_spec (RFC 8446 D.4): no key change");
    return;
  }
  if (!key_block_)
    return stop(f, r_.client_random.empty() ? std::string("ChangeCipherSpec before any ClientHello")
                                            : missing("CLIENT_RANDOM") + "; what follows is encrypted");
  auto params = handshake::suite_params(static_cast<handshake::CipherSuite>(r_.suite));
  if (!params) return stop(f, "cipher suite not supported for decryption");
  if (auto st = f.hs.check_key_change("ChangeCipherSpec"); !st) return stop(f, st.error().to_string());
  auto p = handshake::tls12_protection(params->aead, *key_block_, f.from_client);
  if (!p) return stop(f, p.error().to_string());
  f.reader.set_protection(std::move(*p));
}

void Replay::on_alert(Flow& f, ByteView body) {
  auto a = record::parse_alert(body, record::Version::unknown);
  if (!a) return stop(f, "alert: " + a.error().to_string());
  auto level = static_cast<core::AlertLevel>(a->level);
  if (sender(f)) sender(f)->on_alert(Direction::sent, level, a->description);
  if (receiver(f)) receiver(f)->on_alert(Direction::received, level, a->description);
  r_.alerts.push_back({f.from_client, a->level, a->description});
  auto cls = record::classify_alert(*a, tls13() ? record::Version::tls13 : record::Version::tls12);
  if (cls == record::AlertClass::fatal) states_.fatal_alert(f.from_client, core::alert_name(a->description));
}

void Replay::finish() {
  for (bool from_client : {true, false}) {
    Flow& f = flow(from_client);
    if (f.view.hidden() && sender(f))
      sender(f)->on_note(std::to_string(f.view.hidden()) + " further application_data records (" +
                         std::to_string(f.view.hidden_bytes()) + " bytes decrypted) are not shown");
    std::size_t left = f.reader.buffered() + f.hs.buffered();
    if (!f.stopped && left > 0)
      stop(f, std::to_string(left) + " bytes at the end are an incomplete record or message "
                                     "(the capture ends in the middle of it)");
  }
  r_.client_state = std::string(core::state_label(states_.client_state()));
  r_.server_state = std::string(core::state_label(states_.server_state()));
}

}  // namespace

bool orient_by_client_hello(Connection& conn) {
  auto starts_with_client_hello = [&](Dir d) {
    for (const auto& ch : conn.chunks)
      if (ch.dir == d) return ch.data.size() >= 6 && ch.data[0] == 22 && ch.data[5] == 1;
    return false;
  };
  if (conn.saw_syn || !starts_with_client_hello(Dir::to_client) || starts_with_client_hello(Dir::to_server))
    return false;
  std::swap(conn.client, conn.server);
  std::swap(conn.fin[0], conn.fin[1]);
  std::swap(conn.truncated[0], conn.truncated[1]);
  std::swap(conn.bytes[0], conn.bytes[1]);
  for (auto& ch : conn.chunks) ch.dir = ch.dir == Dir::to_server ? Dir::to_client : Dir::to_server;
  conn.notes.push_back("the ClientHello comes from " + endpoint_name(conn.client) + ": that side is the client");
  return true;
}

ReplayResult replay_tls(const Connection& conn, const KeyLog& keys, core::Observer* client,
                        core::Observer* server, const ReplayOptions& opt) {
  Replay r(keys, client, server, opt);
  return r.run(conn);
}

}  // namespace glass::capture
