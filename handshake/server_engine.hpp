#pragma once
// The server state machine. TLS 1.3 states follow RFC 8446 Appendix A.2; a
// ClientHello without TLS 1.3 in supported_versions takes the RFC 5246 7.3 flow.
#include <optional>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "handshake/certificate_request.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/engine.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/negotiation.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/server_key_exchange.hpp"
#include "handshake/ticket.hpp"
#include "record/protection.hpp"

namespace glass::handshake {

class ServerEngine final : public Engine {
 public:
  enum class State : std::uint8_t {
    START,
    RECVD_CH,
    NEGOTIATED,
    WAIT_FLIGHT2,
    WAIT_CERT,
    WAIT_CV,
    WAIT_FINISHED,
    CONNECTED,
    // Post-handshake client authentication (RFC 8446 4.6.2), entered from CONNECTED by
    // request_client_certificate(); application data flows as in CONNECTED.
    PHA_WAIT_CERT,
    PHA_WAIT_CV,
    PHA_WAIT_FINISHED,
    // TLS 1.2 (RFC 5246 7.3)
    WAIT_CERT_12,
    WAIT_CKE_12,
    WAIT_CV_12,
    WAIT_CCS_12,
    WAIT_FINISHED_12,
    CONNECTED_12,
    // Actions: states that run without input, reached by a Next (handshake/step.hpp).
    // state_name() keeps naming the RFC state they belong to.
    SEND_CV_13,        // sign and send CertificateVerify (may wait for a signature)
    SEND_FINISHED_13,  // our Finished and the application secrets, then WAIT_FLIGHT2
    SEND_SKE_12,       // sign and send ServerKeyExchange (may wait), then the rest of the flight
  };
  static std::string_view state_label(State s);

  explicit ServerEngine(Channel& ch) : Engine(ch) {}

  core::Result<Step> on_message(const record::HandshakeMessage& m) override;
  core::Result<Step> run(std::uint8_t state) override;
  core::Status on_change_cipher_spec() override;
  std::string state_name() const override;
  bool connected() const override { return connected13() || state_ == State::CONNECTED_12; }
  core::Status key_update(bool request_peer) override;
  core::Status request_client_certificate() override;
  core::Status can_request_client_certificate() const override;
  bool post_handshake_auth_pending() const override {
    return connected13() && state_ != State::CONNECTED;
  }

 private:
  void go(State to, std::string_view event);
  // Post-handshake authentication moves between CONNECTED and the PHA_* states
  // without a transition event (the narration shows notes instead).
  void go_quietly(State to) { state_ = to; }
  bool connected13() const {
    return state_ == State::CONNECTED || state_ == State::PHA_WAIT_CERT ||
           state_ == State::PHA_WAIT_CV || state_ == State::PHA_WAIT_FINISHED;
  }
  core::Result<Step> on_client_hello(const record::HandshakeMessage& m);

  // TLS 1.3, one function per state of RFC 8446 A.2 (server_engine.cpp).
  // What RECVD_CH chose, for NEGOTIATED to send.
  struct Chosen13 {
    crypto::NamedGroup group{};
    core::Bytes client_share;  // a copy: NEGOTIATED runs after the ClientHello is gone
    std::optional<std::string> alpn;
    std::optional<std::uint16_t> peer_record_limit;
    bool early_data = false;  // offered (never accepted)
  };
  core::Result<Step> on_client_hello13(const ClientHello& hello, const record::HandshakeMessage& m);
  core::Status choose_suite13(const ClientHello& hello);
  core::Status choose_certificate13(const ClientHello& hello);
  core::Result<const KeyShareEntry*> usable_key_share13(const KeyShareClientHello& ks) const;
  std::optional<crypto::NamedGroup> retry_group13(const std::vector<crypto::NamedGroup>& client_groups,
                                                  const KeyShareClientHello& ks,
                                                  const KeyShareEntry* share) const;
  core::Result<Step> negotiated13();
  core::Result<Step> send_certificate_verify13();
  core::Result<Step> send_server_finished13();
  core::Status send_server_hello13(const Chosen13& chosen);
  core::Status send_encrypted_extensions13(const Chosen13& chosen);
  CertificateRequest certificate_request13(core::ByteView context);
  core::Status install_application_secrets13();
  core::Result<Step> wait_flight2();
  core::Status send_hello_retry_request(const ClientHello& hello, const record::HandshakeMessage& m,
                                        crypto::NamedGroup group);
  core::Status on_certificate13(const record::HandshakeMessage& m);
  core::Status on_certificate_verify13(const record::HandshakeMessage& m);
  core::Result<Step> on_finished13(const record::HandshakeMessage& m);
  core::Status on_key_update13(const record::HandshakeMessage& m);
  // PHA_WAIT_CERT, PHA_WAIT_CV, PHA_WAIT_FINISHED.
  core::Status on_pha_certificate13(const record::HandshakeMessage& m);
  core::Status on_pha_certificate_verify13(const record::HandshakeMessage& m);
  core::Status on_pha_finished13(const record::HandshakeMessage& m);
  // What the handshake and post-handshake states share: true if a chain came.
  core::Result<bool> take_client_certificate13(const record::HandshakeMessage& m,
                                               core::ByteView context, bool required);
  core::Status take_client_certificate_verify13(const record::HandshakeMessage& m);
  // Resumption (server_resume.cpp).
  core::Status try_resume(const ClientHello& hello, core::ByteView framed_hello);
  std::string ticket_unusable(const TicketContents& t, std::uint32_t obfuscated_age) const;
  void note_resumed();
  TicketContents ticket_template() const;
  core::Status send_tickets(core::ByteView resumption_master_secret);

  // TLS 1.2
  // TLS 1.2, one function per state (server_engine12.cpp).
  core::Result<Step> on_client_hello12(const ClientHello& hello, const record::HandshakeMessage& m);
  core::Status choose_suite_and_certificate12(const ClientHello& hello);
  core::Result<crypto::NamedGroup> choose_group12(const ClientHello& hello) const;
  core::Status choose_master_secret12(const ClientHello& hello);
  core::Result<Step> negotiated12(const ClientHello& hello, crypto::NamedGroup group, bool secure_reneg);
  core::Result<Step> send_full_flight12(crypto::NamedGroup group);
  core::Result<Step> send_server_key_exchange12();
  core::Result<Step> send_rest_of_flight12();
  core::Status on_certificate12(const record::HandshakeMessage& m);
  core::Status on_client_key_exchange12(const record::HandshakeMessage& m);
  core::Status on_certificate_verify12(const record::HandshakeMessage& m);
  core::Result<Step> on_finished12(const record::HandshakeMessage& m);
  // TLS 1.2 session tickets (server_resume12.cpp).
  std::string ticket12_unusable(const TicketContents& t) const;
  void try_resume12(const ClientHello& hello);
  core::Status send_ticket12();
  core::Status send_abbreviated12(ServerHello& sh, const ClientHello& hello);

  State state_ = State::START;
  Random client_random_{};
  Random server_random_{};
  core::Bytes session_id_;
  bool hrr_sent_ = false;
  crypto::NamedGroup hrr_group_{};
  bool client_offered_pha_ = false;
  SuiteChoice suite_;
  const Identity* identity_ = nullptr;
  crypto::SignatureScheme scheme_{};
  std::optional<Chosen13> chosen13_;  // from RECVD_CH to NEGOTIATED
  bool ask_cert_ = false;             // our flight carries a CertificateRequest

  std::optional<TicketContents> resumed_;  // the ticket this handshake resumes
  std::uint16_t psk_index_ = 0;
  bool psk_ke_ = false;        // resumed without (EC)DHE
  bool send_tickets_ = false;  // the client offered a PSK mode we accept
  std::optional<tls13::HandshakeSecret> hs_;
  std::optional<tls13::MasterSecret> ms_;  // derived once (the observer sees each secret once)
  core::SecretBytes c_hs_, s_hs_, c_ap_, s_ap_;
  std::vector<crypto::SignatureScheme> cr_schemes_;  // what our CertificateRequest allowed
  Extensions cr_extensions_;  // what it carried: the client's CertificateEntry may only echo these
  PeerProof client_proof_;  // what the client has proved of its certificate

  // Post-handshake client authentication in progress.
  std::optional<Transcript> saved_transcript_;  // the handshake transcript during PHA
  core::Bytes pha_context_;

  // TLS 1.2
  std::optional<crypto::KeyShare> ecdhe12_;
  ServerKeyExchangeEcdhe ske12_;  // made before it is signed
  core::SecretBytes master12_;
  std::unique_ptr<record::RecordProtection> next_write12_;
  bool ems_ = false;
};

}  // namespace glass::handshake
