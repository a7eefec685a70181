#pragma once
// Internal to the handshake layer: the services a state machine uses (Channel)
// and the interface the Connection drives (Engine). One Engine per role handles
// both TLS 1.3 and TLS 1.2 (the version is only known after the hellos).
#include <memory>
#include <optional>
#include <string>

#include "core/observer.hpp"
#include "core/result.hpp"
#include "handshake/config.hpp"
#include "handshake/connection.hpp"
#include "handshake/message.hpp"
#include "handshake/signer.hpp"
#include "handshake/step.hpp"
#include "handshake/tamper.hpp"
#include "handshake/transcript.hpp"
#include "record/handshake_assembler.hpp"
#include "record/reader.hpp"
#include "record/writer.hpp"

namespace glass::handshake {

// Record I/O, transcript and bookkeeping shared by the client and server engines.
struct Channel {
  Channel(Config& c, crypto::Rng& r);

  Config& cfg;
  crypto::Rng& rng;
  core::Observer* obs;
  record::RecordReader reader;
  record::RecordWriter writer;
  record::HandshakeAssembler assembler;
  Transcript transcript;
  SessionInfo info;
  record::ByteQueue app_in{true};  // decrypted application data not yet read (wiped)
  bool peer_closed = false;
  bool local_closed = false;  // we sent close_notify: answer nothing from now on
  bool compat_ccs_sent = false;

  // RFC 8446 4.6.3: several update_requested received while we stay silent get
  // one reply. Set when we replied; cleared when we send application data. The
  // keys of that reply have protected nothing yet, so a further request in the
  // meantime is already served by them.
  bool key_update_answered = false;

  // An external key's signature: asked for (until provided) and, once provided,
  // waiting for the state that asked to run again (handshake/signer.hpp).
  std::optional<SignatureRequest> signature_request;
  std::optional<core::Bytes> signature_answer;

  std::string_view side() const { return role_name(cfg.role); }
  core::Side side_id() const { return cfg.role == Role::client ? core::Side::client : core::Side::server; }
  std::int64_t now() const;
  // Callers that build the text from pieces check `obs` first: no string work
  // when nobody listens.
  void note(std::string_view text) const {
    if (obs) obs->on_note(text);
  }
  void transition(core::HandshakeState from, std::string_view event, core::HandshakeState to) const {
    if (obs) obs->on_state(side_id(), from, event, to);
  }

  // Frames m, adds it to the transcript and queues it for sending.
  template <class M>
  core::Status send(const M& m) {
    if (!cfg.tamper) {
      GLASS_TRY(auto bytes, encode(m));
      return send_framed(bytes);
    }
    M shaped = m;
    if constexpr (requires(Tamper& t) { t.shape(shaped); }) cfg.tamper->shape(shaped);
    GLASS_TRY(auto bytes, encode(shaped));
    return send_framed(bytes);
  }
  // RFC 8446 D.4: in middlebox compatibility mode, one dummy ChangeCipherSpec (the
  // first call sends it; later calls and other modes send nothing).
  core::Status send_compat_ccs();
  // Sends already framed bytes (adds them to the transcript).
  core::Status send_framed(core::ByteView bytes);

  // TLS 1.3 traffic keys from a traffic secret; `name` labels the keys for the observer.
  core::Status set_read_secret13(CipherSuite suite, core::ByteView secret, std::string_view name);
  core::Status set_write_secret13(CipherSuite suite, core::ByteView secret, std::string_view name);
};

class Engine {
 public:
  explicit Engine(Channel& ch) : ch_(ch) {}
  virtual ~Engine() = default;

  // Every handler says what happens next (handshake/step.hpp).
  virtual core::Result<Step> start() { return wait_peer(); }
  virtual core::Result<Step> on_message(const record::HandshakeMessage& m) = 0;
  // Runs a state that acts without input, as named by a Next.
  virtual core::Result<Step> run(std::uint8_t state);
  // A ChangeCipherSpec record reached the engine (TLS 1.2; in TLS 1.3 the record
  // layer drops the one compatibility CCS itself).
  virtual core::Status on_change_cipher_spec();
  virtual std::string state_name() const = 0;
  virtual bool connected() const = 0;
  virtual core::Status key_update(bool request_peer);
  virtual core::Status request_client_certificate();
  // Why a post-handshake CertificateRequest cannot be sent now (refused locally,
  // the connection stays up), or success.
  virtual core::Status can_request_client_certificate() const;
  virtual bool post_handshake_auth_pending() const { return false; }

 protected:
  Channel& ch_;
};

std::unique_ptr<Engine> make_client_engine(Channel& ch);
std::unique_ptr<Engine> make_server_engine(Channel& ch);

// The peer asked for a KeyUpdate (RFC 8446 4.6.3): reply, unless our last reply
// has not been followed by application data yet or we sent close_notify.
core::Status answer_key_update_request(Channel& ch, Engine& e);

// A handler that only takes a message in waits for the next one; one that ends
// a flight asks for it to be sent.
inline core::Result<Step> received(core::Status s) {
  if (!s) return std::move(s).error();
  return wait_peer();
}
inline core::Result<Step> flight_sent(core::Status s) {
  if (!s) return std::move(s).error();
  return wait_flush();
}

// unexpected_message "<Message> is not allowed in state <STATE>".
core::Error unexpected(const record::HandshakeMessage& m, std::string_view state);

}  // namespace glass::handshake
