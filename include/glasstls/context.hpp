#pragma once
// glass::context: what every connection made from it shares (identity, trusted
// CAs, verification, protocol choices), shaped like boost::asio::ssl::context.
//
//   glass::context ctx(glass::context::tls_client);
//   ctx.use_pkcs12("alice.p12", "secret");      // our certificate chain and key
//   ctx.load_verify_file("ca.pem");             // CAs that vouch for the server
//
// Loaders throw glass::system_error (code: the alert, what(): the reason); the
// overloads taking std::error_code& don't, and keep the reason in last_error().
// Differences from asio/OpenSSL: a client verifies the server by default
// (verify_peer), and there is no system trust store (load_verify_file it).
// Settings apply to streams constructed afterwards.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "glasstls/certificate.hpp"
#include "glasstls/error.hpp"
#include "glasstls/session.hpp"

namespace glass {

namespace detail {
class context_access;
}

// Receives every record, handshake message, state transition, secret and alert
// (#include <glasstls/observer.hpp> to implement one).
class observer;

class context {
 public:
  // As in asio: the _client/_server forms refuse the other role, the tlsvNN forms
  // speak only that version.
  enum method {
    tls, tls_client, tls_server,
    tlsv12, tlsv12_client, tlsv12_server,
    tlsv13, tlsv13_client, tlsv13_server,
  };
  // Accepted for asio compatibility; glasstls detects PEM or DER by itself.
  enum file_format { asn1, pem };
  enum password_purpose { for_reading, for_writing };
  enum class version { tls12, tls13 };

  // Bit flags, as asio::ssl::verify_mode.
  using verify_mode = int;
  static constexpr verify_mode verify_none = 0;
  static constexpr verify_mode verify_peer = 1;                  // server: ask for a client cert
  static constexpr verify_mode verify_fail_if_no_peer_cert = 2;  // server: and require one
  static constexpr verify_mode verify_client_once = 4;           // accepted; no renegotiation here

  using password_callback = std::function<std::string(std::size_t max_length, password_purpose)>;
  // Called for each certificate of the peer's chain, top (highest depth) first,
  // leaf (depth 0) last; `preverified` is glasstls's verdict on the whole chain.
  // The chain is accepted when every call returns true (so a callback may accept
  // a chain that failed validation, or reject one that passed).
  using verify_callback = std::function<bool(bool preverified, verify_context& ctx)>;
  // One line of the NSS key log format (SSLKEYLOGFILE), for Wireshark.
  using keylog_callback = std::function<void(std::string_view line)>;

  explicit context(method m = tls);
  ~context();
  context(context&&) noexcept;
  context& operator=(context&&) noexcept;

  // ---- our identity (certificate chain + private key); several may be added ----
  void use_pkcs12(const std::string& path, std::string_view password);
  void use_pkcs12(const std::string& path, std::string_view password, std::error_code& ec);
  void use_pkcs12(std::span<const std::uint8_t> bytes, std::string_view password);
  void use_pkcs12(std::span<const std::uint8_t> bytes, std::string_view password,
                  std::error_code& ec);
  // Leaf first, then its issuers (PEM bundle or one DER certificate).
  void use_certificate_chain_file(const std::string& path);
  void use_certificate_chain_file(const std::string& path, std::error_code& ec);
  void use_certificate_chain(std::span<const std::uint8_t> pem_or_der);
  void use_certificate_chain(std::span<const std::uint8_t> pem_or_der, std::error_code& ec);
  // PKCS#8 (also encrypted: the password callback is asked), SEC1 or PKCS#1, PEM or DER.
  // Paired with the chain loaded before or after it; a key that does not match fails.
  void use_private_key_file(const std::string& path, file_format f = pem);
  void use_private_key_file(const std::string& path, file_format f, std::error_code& ec);
  void use_private_key(std::span<const std::uint8_t> pem_or_der, file_format f = pem);
  void use_private_key(std::span<const std::uint8_t> pem_or_der, file_format f,
                       std::error_code& ec);
  void set_password_callback(password_callback cb);
  // Client: what to answer a server's CertificateRequest with. automatic sends the
  // first identity whose chain reaches a CA the server names (RFC 8446 4.4.2.4);
  // always sends it even when the names do not match (OpenSSL's and curl's
  // behaviour); never sends an empty Certificate.
  enum class client_certificate { automatic, always, never };
  void set_client_certificate(client_certificate policy);

  // ---- whom we trust -----------------------------------------------------------
  void load_verify_file(const std::string& path);
  void load_verify_file(const std::string& path, std::error_code& ec);
  // A CA bundle such as /etc/ssl/certs/ca-certificates.crt: a certificate that does
  // not parse is left out (one line in `skipped` says which and why) instead of
  // failing the whole file. Throws when none parses or the file cannot be read.
  void load_verify_file(const std::string& path, std::vector<std::string>& skipped);
  void add_certificate_authority(std::span<const std::uint8_t> pem_or_der);
  void add_certificate_authority(std::span<const std::uint8_t> pem_or_der, std::error_code& ec);
  void set_verify_mode(verify_mode m);
  void set_verify_callback(verify_callback cb);
  // Which rules judge the peer's chain: standard = RFC 5280 + the TLS rules;
  // strict adds the CA/Browser Forum Baseline Requirements checks.
  enum class validation_profile { standard, strict };
  void set_validation_profile(validation_profile p);
  // Bounds on the work one peer chain may cause; exceeding one refuses the chain
  // with a reason naming it. Defaults as documented in x509/README.md.
  struct validation_limits {
    unsigned max_certificates = 16;          // certificates the peer sends
    std::size_t max_chain_bytes = 128 * 1024;  // their total DER size
    unsigned max_intermediates = 8;          // intermediates in one path
    unsigned max_candidates = 200;           // issuer candidates examined
    unsigned max_signature_checks = 16;      // signature verifications
    std::uint64_t max_name_comparisons = 65536;  // name-constraint comparisons
  };
  void set_validation_limits(const validation_limits& limits);
  // Revocation (RFC 5280 CRLs): CRLs of the CAs above, PEM ("X509 CRL", any number)
  // or DER. Once one is added the peer's certificate must be covered by a current
  // CRL of its issuer and not listed (crl_check::leaf), unless set_crl_check says
  // otherwise; a revoked peer fails with alert::certificate_revoked.
  enum class crl_check { none, leaf, chain };
  void add_crl(std::span<const std::uint8_t> pem_or_der);
  void add_crl(std::span<const std::uint8_t> pem_or_der, std::error_code& ec);
  void load_crl_file(const std::string& path);
  void load_crl_file(const std::string& path, std::error_code& ec);
  void set_crl_check(crl_check mode);

  // ---- what we negotiate (names as IANA spells them; unknown names throw) -------
  void set_versions(version min, version max);
  void set_cipher_suites(const std::vector<std::string>& names);  // "TLS_AES_128_GCM_SHA256"
  void set_groups(const std::vector<std::string>& names);         // "X25519MLKEM768", "x25519"
  void set_signature_schemes(const std::vector<std::string>& names);  // "ed25519"
  // TLS 1.2: require the peer to use extended_master_secret (RFC 7627; the default).
  // false also accepts peers without it, whose master secret is not bound to the
  // handshake (the triple handshake attack): only for old peers you cannot fix.
  void set_extended_master_secret_required(bool on);
  void set_alpn_protocols(const std::vector<std::string>& protocols);  // "h2", "http/1.1"
  // Client: SNI and the name the server's certificate must match (a stream may override).
  void set_server_name(std::string name);

  // ---- session resumption (TLS 1.3 tickets, RFC 8446 2.2; docs/api.md) ----------
  // Server: NewSessionTickets sent after each handshake (default 2, lifetime 2 h;
  // 0 turns tickets and resumption off). A resumed stream reports the client
  // identity sealed in the ticket (stream::resumed_client_subject()).
  void set_session_tickets(unsigned per_handshake, std::uint32_t lifetime_seconds = 7200);
  // Server: a new ticket key every period (default 2 h); the previous key still
  // opens tickets for one more period, then is forgotten.
  void set_ticket_key_rotation(std::uint32_t period_seconds);
  // Server: each ticket resumes at most once (replay cache of up to 100000 live tickets;
  // when full, tickets are refused until some expire).
  void set_single_use_tickets(bool on);
  // Server: also accept psk_ke (resumption without (EC)DHE: no forward secrecy).
  void set_psk_ke(bool allow);
  // Client: keep tickets in memory per server name and ALPN and offer the newest
  // (once) on the next streams made from this context. Off by default.
  void set_session_resumption(bool on);
  // Client: the newest unexpired session kept for this server name (and this
  // context's ALPN list), to save for another process; nullopt if none.
  std::optional<session> stored_session(const std::string& server_name) const;
  // Client: offers `s` (e.g. read back with session::from_bytes) on the next
  // stream to its server name and ALPN list; turns session resumption on.
  void add_session(const session& s);

  // ---- watching --------------------------------------------------------------
  void set_keylog_callback(keylog_callback cb);
  // Not owned: it must outlive the streams made from this context.
  void set_observer(observer* o);

  // The reason of the last loader failure reported through an error_code.
  const std::string& last_error() const;

  struct impl;
  const impl& get_impl() const { return *impl_; }

 private:
  friend class detail::context_access;  // the CLI's internal path (not API)
  std::unique_ptr<impl> impl_;
};

// The library version (project(VERSION) in the root CMakeLists.txt), e.g. "0.1.0".
std::string_view version();

}  // namespace glass
