#pragma once
// The client state machine. TLS 1.3 states follow RFC 8446 Appendix A.1;
// after a TLS 1.2 ServerHello the RFC 5246 7.3 flow takes over.
#include <optional>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/client_identity.hpp"
#include "handshake/engine.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/negotiation.hpp"
#include "handshake/peer_auth.hpp"
#include "handshake/new_session_ticket.hpp"
#include "handshake/server_hello.hpp"
#include "handshake/session_cache.hpp"
#include "record/protection.hpp"

namespace glass::handshake {

struct Cookie;

class ClientEngine final : public Engine {
 public:
  enum class State : std::uint8_t {
    START,
    WAIT_SH,
    WAIT_EE,
    WAIT_CERT_CR,
    WAIT_CERT,
    WAIT_CV,
    WAIT_FINISHED,
    CONNECTED,
    // TLS 1.2 (RFC 5246 7.3)
    WAIT_CERT_12,
    WAIT_SKE_12,
    WAIT_CR_OR_SHD_12,
    WAIT_SHD_12,
    WAIT_CCS_12,
    WAIT_FINISHED_12,
    CONNECTED_12,
    // Actions: states that run without input, reached by a Next (handshake/step.hpp).
    // state_name() keeps naming the RFC state they belong to.
    SEND_CERT_13,      // our Certificate for a CertificateRequest (also post-handshake)
    SEND_CV_13,        // sign and send CertificateVerify (may wait for a signature)
    SEND_FINISHED_13,  // our Finished, then CONNECTED (or back to it after post-handshake auth)
    SEND_CV_12,        // TLS 1.2 CertificateVerify (may wait for a signature)
    SEND_FINISHED_12,  // ChangeCipherSpec and Finished
  };
  static std::string_view state_label(State s);

  explicit ClientEngine(Channel& ch) : Engine(ch) {}

  core::Result<Step> start() override;
  core::Result<Step> on_message(const record::HandshakeMessage& m) override;
  core::Result<Step> run(std::uint8_t state) override;
  core::Status on_change_cipher_spec() override;
  std::string state_name() const override { return std::string(state_label(state_)); }
  bool connected() const override {
    return state_ == State::CONNECTED || state_ == State::CONNECTED_12;
  }
  core::Status key_update(bool request_peer) override;

 private:
  void go(State to, std::string_view event);
  core::Status send_client_hello();

  // TLS 1.3
  core::Result<Step> on_server_hello(const record::HandshakeMessage& m);
  core::Result<Step> on_hello_retry_request(const ServerHello& hrr, const record::HandshakeMessage& m);
  core::Status retry_key_share(crypto::NamedGroup g);
  core::Status send_second_client_hello(const Cookie* cookie);
  core::Status on_server_hello13(const ServerHello& sh, const record::HandshakeMessage& m);
  core::Status on_encrypted_extensions(const record::HandshakeMessage& m);
  core::Status on_certificate_request(const record::HandshakeMessage& m);
  core::Status on_certificate13(const record::HandshakeMessage& m);
  core::Status on_certificate_verify13(const record::HandshakeMessage& m);
  core::Result<Step> on_finished13(const record::HandshakeMessage& m);
  core::Result<Step> send_certificate13();
  core::Result<Step> send_certificate_verify13();
  core::Result<Step> send_client_finished13();
  core::Result<Step> on_post_handshake13(const record::HandshakeMessage& m);
  core::Result<Step> on_post_handshake_certificate_request13(const record::HandshakeMessage& m);
  // Resumption: the ticket offered, its binder, the tickets received.
  void offer_session();
  core::Status attach_psk();
  core::Status accept_selected_psk(const ServerHello& sh);
  core::Status on_new_session_ticket(const record::HandshakeMessage& m);
  // Files a received ticket in the session cache under this server name and ALPN.
  void keep_session(ClientSession s, std::string_view what);

  // TLS 1.2
  core::Status on_server_hello12(const ServerHello& sh, const record::HandshakeMessage& m);
  core::Status on_certificate12(const record::HandshakeMessage& m);
  core::Status on_server_key_exchange12(const record::HandshakeMessage& m);
  core::Status on_certificate_request12(const record::HandshakeMessage& m);
  core::Result<Step> on_server_hello_done12(const record::HandshakeMessage& m);
  core::Result<Step> send_certificate_verify12();
  core::Result<Step> send_client_finished12();
  core::Result<Step> on_finished12(const record::HandshakeMessage& m);
  // TLS 1.2 session tickets (client_resume12.cpp).
  void offer_ticket12(ClientSession s);
  bool resumes12(const ServerHello& sh);
  core::Status on_abbreviated_server_hello12(const ServerHello& sh);
  core::Status on_new_session_ticket12(const record::HandshakeMessage& m);
  core::Status finish_abbreviated12();
  void store_ticket12();

  State state_ = State::START;
  ClientHello hello_;
  std::vector<crypto::KeyShare> shares_;
  Random client_random_{};
  Random server_random_{};
  bool hrr_seen_ = false;
  SuiteChoice suite_;

  std::optional<tls13::HandshakeSecret> hs_;
  std::optional<tls13::MasterSecret> ms_;  // from the server's Finished to ours
  core::SecretBytes c_hs_, s_hs_, c_ap_, s_ap_;
  std::optional<ClientSession> psk_;  // the ticket in our ClientHello
  bool resumed_ = false;
  core::SecretBytes rms_;  // resumption_master_secret, for the tickets to come
  PeerProof server_proof_;  // what the server has proved of its certificate
  bool cert_requested_ = false;
  std::vector<crypto::SignatureScheme> cr_schemes_;
  std::vector<core::Bytes> cr_ca_names_;
  IdentityChoice auth_choice_;  // what we answer the CertificateRequest with
  // Post-handshake authentication (RFC 8446 4.6.2) in progress: the request's
  // context and the handshake transcript, restored after our Finished.
  bool pha_ = false;
  core::Bytes pha_context_;
  std::optional<Transcript> pha_saved_;

  // TLS 1.2
  std::optional<crypto::KeyShare> ecdhe12_;
  core::Bytes server_point12_;
  core::SecretBytes master12_;
  std::unique_ptr<record::RecordProtection> next_read12_;
  std::unique_ptr<record::RecordProtection> next_write12_;  // abbreviated handshake
  bool ems_ = false;
  std::optional<ClientSession> session12_;  // the TLS 1.2 ticket offered, until not resumed
  bool ticket_expected12_ = false;          // ServerHello acknowledged session_ticket
  std::optional<NewSessionTicket12> pending_ticket12_;  // kept once the server's Finished verifies
};

}  // namespace glass::handshake
