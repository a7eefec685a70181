#pragma once
// "Show your work": recomputes every secret the engine reports from what one
// side has already seen (earlier secrets, the transcript, the randoms), so the
// narrative can print the inputs, the exact HKDF/PRF info bytes, and an
// independent openssl command that reproduces the value. A derivation is only
// presented as checked when our recomputation equals the engine's value.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "core/events.hpp"
#include "crypto/hash.hpp"

namespace glass::teach {

struct Derivation {
  std::string label;    // the engine's label: "client_handshake_traffic_secret"
  std::optional<core::Secret> secret;  // the secret it derives, when the engine reports one
  std::string formula;  // Derive-Secret(handshake_secret, "c hs traffic", H(ClientHello..ServerHello))
  // Named inputs in RFC 8448 order: ("salt", ..), ("IKM", ..) or ("PRK", ..), ("hash", ..), ("info", ..)
  std::vector<std::pair<std::string, core::Bytes>> inputs;
  core::Bytes output;
  std::string command;     // an openssl command printing `output`, or empty
  std::string rfc_title;   // RFC 8448 wording: derive secret "tls13 c hs traffic"
  bool checked = false;    // our recomputation equals the engine's value
};

// The TLS 1.3 PSK binder of a ClientHello (RFC 8446 4.2.11.2): the bytes it covers
// and its two steps, each with an openssl command.
struct BinderWork {
  core::Bytes covered;       // the earlier messages (after a HelloRetryRequest), then the
                             // ClientHello up to its binders list
  std::string covered_desc;  // "ClientHello[0000-0692]", after HRR "message_hash + HelloRetryRequest + ..."
  Derivation finished_key;   // HKDF-Expand-Label(binder_key, "finished", "", Hash.length)
  Derivation binder;         // HMAC(finished_key, Hash(covered))
};

class KeyWork {
 public:
  // Every handshake message of the connection, in transcript order.
  void on_message(core::ByteView msg);
  // The engine reported `kind` = value; explains it when we can.
  std::optional<Derivation> on_secret(core::Secret kind, core::ByteView value);
  // TLS 1.3: the record key and IV of a traffic secret reported earlier
  // (RFC 8446 7.3), computed here so they can be shown with the secret (the
  // engine reports them after it).
  std::vector<Derivation> traffic_keys(core::Secret traffic_secret) const;
  // A Finished message (call before on_message adds it to the transcript).
  std::optional<Derivation> finished(core::ByteView msg, bool from_client);
  // TLS 1.3: the bytes a CertificateVerify signs, from the transcript so far
  // (call before on_message adds the CertificateVerify).
  std::optional<core::Bytes> certificate_verify_content(bool from_client) const;
  // TLS 1.3: the PSK binder of `client_hello` (the framed message about to be
  // added), or of the last ClientHello seen when `client_hello` is empty (a server
  // checks the binder after the hello arrived). Needs the binder_key and psk_binder
  // the engine reported; nullopt without them or a pre_shared_key in the hello.
  std::optional<BinderWork> psk_binder(core::ByteView client_hello = {}) const;
  // This ServerHello echoes the non-empty legacy_session_id of the ClientHello
  // before it: in TLS 1.2 an abbreviated handshake (RFC 5246 7.4.1.3, RFC 5077 3.4).
  bool echoes_session_id(core::ByteView server_hello) const;
  // TLS 1.3: Derive-Secret(base, label, Transcript-Hash of every message so far).
  core::Bytes derive_now(core::ByteView base, std::string_view label) const;
  // All messages so far, concatenated (what a TLS 1.2 CertificateVerify signs).
  core::Bytes transcript_bytes() const;
  std::string transcript_range() const { return range_name(msgs_.size()); }

  bool known() const { return have_suite_; }
  bool tls13() const { return tls13_; }
  crypto::HashAlg hash() const { return hash_; }
  std::string digest_name() const;  // "SHA256" as openssl spells it
  std::optional<core::Bytes> ticket_nonce(core::ByteView rms, core::ByteView psk) const;
  const core::Bytes& client_random() const { return client_random_; }
  const core::Bytes& server_random() const { return server_random_; }

 private:
  core::Bytes transcript_hash(std::size_t count) const;  // first `count` messages
  bool handshake_finished() const;                       // a Finished is in the transcript
  // Longest transcript prefix whose hash, fed to make(), gives `value`.
  std::optional<std::size_t> find_prefix(core::ByteView value,
                                         const std::function<core::Bytes(core::ByteView)>& make) const;
  std::string range_name(std::size_t count) const;  // "ClientHello..Finished"
  Derivation expand_label(std::string label, std::string_view base_name, core::ByteView base,
                          std::string_view hkdf_label, core::ByteView context, std::size_t len,
                          std::string context_desc) const;
  Derivation extract(std::string label, std::string_view salt_desc, core::ByteView salt,
                     std::string_view ikm_desc, core::ByteView ikm) const;
  const core::Bytes* secret(core::Secret name) const;  // reported earlier, or nullptr
  // The derivation of one reported secret, when its inputs are known.
  std::optional<Derivation> explain13(core::Secret kind, core::ByteView value) const;
  std::optional<Derivation> extract13(core::Secret kind, core::ByteView value) const;
  std::optional<Derivation> derive13(core::Secret kind, core::ByteView value) const;
  std::optional<Derivation> explain12(core::Secret kind, core::ByteView value) const;
  Derivation prf(std::string label, std::string_view secret_name, core::ByteView secret,
                 std::string_view prf_label, core::ByteView seed, std::size_t len,
                 std::string seed_desc) const;

  std::vector<core::Bytes> msgs_;
  std::vector<std::string> names_;
  bool have_suite_ = false, tls13_ = false;
  bool abbreviated_ = false;  // TLS 1.2: the ServerHello resumed the offered session
  std::uint16_t suite_ = 0;
  crypto::HashAlg hash_ = crypto::HashAlg::sha256;
  core::Bytes client_random_, server_random_;
  std::map<core::Secret, core::Bytes> secrets_;
  core::Bytes client_ap_, server_ap_;  // current application traffic secrets (1.3)
};

// "49 af 42 ... " in RFC 8448 layout: `first` hex on the title line, then rows.
std::string rfc_hex(std::string_view title, core::ByteView b);

}  // namespace glass::teach
