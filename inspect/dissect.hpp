#pragma once
// Dissectors: bytes in, annotated field tree out. They never throw and never
// read out of bounds; malformed input yields a tree whose last node is an
// "error" child saying where and why it stopped ("truncated at offset 57: ...").
// Names come from the handshake/crypto/core name tables, with the code in hex:
// "TLS_AES_128_GCM_SHA256 (0x1301)".
#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "inspect/field.hpp"

namespace glass::inspect {

enum class Version : std::uint8_t { unknown, tls12, tls13 };
enum class Sender : std::uint8_t { unknown, client, server };

std::string_view version_label(Version v);  // "TLS 1.2", "TLS 1.3", "unknown"
std::string_view sender_label(Sender s);    // "client", "server", "unknown"

// What a dissector cannot see in the bytes themselves.
struct DissectContext {
  Version version = Version::unknown;  // negotiated version, when known
  Sender sender = Sender::unknown;     // who sent the message
  bool hello_retry_request = false;    // force HRR reading of a ServerHello
                                       // (also recognised by its special random)
  bool record_protected = false;       // dissect_record: the fragment is ciphertext
};

// One handshake message, 4-byte header included. The root is named after the
// message ("ClientHello", "HelloRetryRequest", "Certificate", ...).
Field dissect_handshake(core::ByteView msg, const DissectContext& ctx = {});
// One record as on the wire: 5-byte header + fragment (content type named).
// Plaintext handshake/alert fragments are dissected inside; protected ones are
// shown as ciphertext (+ tag).
Field dissect_record(core::ByteView wire, const DissectContext& ctx = {});
// An alert body (2 bytes: level, description).
Field dissect_alert(core::ByteView body);
// A decrypted record body of the given (inner) content type: handshake
// messages, an alert, application data or change_cipher_spec.
Field dissect_plaintext(std::uint8_t content_type, core::ByteView plaintext,
                        const DissectContext& ctx = {});

// Display name of a message: "ServerHello", or "HelloRetryRequest" when the
// bytes are a ServerHello carrying the HRR random; "unknown(0x..)" otherwise.
std::string message_label(core::ByteView msg, const DissectContext& ctx = {});
bool is_hello_retry_request(core::ByteView server_hello_msg);
// Version a ServerHello selects (supported_versions, else legacy_version).
Version server_hello_version(core::ByteView server_hello_msg);

// Name tables with the code appended: "x25519 (0x001d)".
std::string content_type_label(std::uint8_t t);  // "handshake (22)"
std::string suite_label(std::uint16_t v);
std::string group_label(std::uint16_t v);
std::string scheme_label(std::uint16_t v);
std::string extension_label(std::uint16_t v);
std::string version_code_label(std::uint16_t v); // "TLS 1.3 (0x0304)"
std::string alert_label(std::uint8_t v);         // "decode_error (50)"

// Follows a connection's messages in order and supplies each one's context:
// the version becomes known at the ServerHello. `self` is the side observing.
class ContextTracker {
 public:
  explicit ContextTracker(Sender self = Sender::unknown) : self_(self) {}
  // Context for a message sent (sent=true) or received by `self`; updates state.
  DissectContext next(bool sent, core::ByteView msg);
  Version version() const { return version_; }

 private:
  Sender self_;
  Version version_ = Version::unknown;
};

}  // namespace glass::inspect
