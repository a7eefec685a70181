// What each message does and why, in a paragraph, with the RFC section that
// defines it (RFC 8446 for TLS 1.3, RFC 5246 and RFC 8422 for TLS 1.2).
#include "inspect/html_parts.hpp"

namespace glass::inspect::html {

namespace {

Prose hello(std::uint8_t type, std::string_view name, bool tls13) {
  if (type == 1)
    return {"The client opens the conversation. It lists what it can do: protocol versions, cipher suites, "
            "key exchange groups and signature schemes, plus a 32-byte random. In TLS 1.3 it also guesses a "
            "group and sends its ephemeral public key share right away, so the keys can be ready after one "
            "round trip. Everything here travels in clear: nothing is secret yet.",
            tls13 ? "RFC 8446, section 4.1.2" : "RFC 5246, section 7.4.1.2"};
  if (name == "HelloRetryRequest")
    return {"The server accepts the client's offer in principle but wants a key share for a different group. "
            "The client must send a second ClientHello with a share for the group named here; the handshake "
            "costs one extra round trip.",
            "RFC 8446, section 4.1.4"};
  return {tls13 ? "The server picks one option from each list of the ClientHello: the version (in the "
                  "supported_versions extension), the cipher suite and the group, and answers with its own key "
                  "share. From the two shares both sides compute the same ECDHE secret; everything after this "
                  "message is encrypted with keys derived from it."
                : "The server picks the version and cipher suite and sends its own 32-byte random. In TLS 1.2 the "
                  "key exchange itself comes later (ServerKeyExchange), and the following messages of the "
                  "handshake still travel in clear.",
          tls13 ? "RFC 8446, section 4.1.3" : "RFC 5246, section 7.4.1.3"};
}

Prose certificate(bool tls13, bool from_client) {
  std::string who = from_client ? "client" : "server";
  std::string text = "The " + who + "'s certificate chain, leaf first: the public key the " + who +
                     " will prove it owns, and the signatures that link that key to a CA the peer trusts. "
                     "The peer checks the chain (signatures, validity dates, key usage, " +
                     (from_client ? std::string("trust anchors") : std::string("the host name")) + ").";
  if (from_client)
    text += tls13 ? " In TLS 1.3 this travels encrypted under the handshake keys: a passive observer does not "
                    "learn who the client is."
                  : " In TLS 1.2 this travels in clear, before ChangeCipherSpec: anyone watching the network "
                    "reads the client's identity (name, organisation, serial number).";
  return {text, tls13 ? "RFC 8446, section 4.4.2" : from_client ? "RFC 5246, section 7.4.6" : "RFC 5246, section 7.4.2"};
}

}  // namespace

Prose message_prose(std::uint8_t type, std::string_view name, Version v, bool from_client) {
  const bool t13 = v != Version::tls12;
  switch (type) {
    case 1: case 2: return hello(type, name, t13);
    case 4:
      return {"After the handshake the server hands the client a ticket: an encrypted reminder of this session. "
              "Presenting it later lets the client resume without a full handshake (and without the "
              "certificates).",
              t13 ? "RFC 8446, section 4.6.1" : "RFC 5077, section 3.3"};
    case 8:
      return {"The first encrypted message: the rest of the server's choices that need no key exchange (ALPN, "
              "server name acknowledgement, supported groups). It is protected with the server's handshake "
              "traffic keys.",
              "RFC 8446, section 4.3.1"};
    case 11: return certificate(t13, from_client);
    case 12:
      return {"The server's ephemeral ECDHE public key and the group it belongs to, signed with the server "
              "certificate's key over both randoms: the client knows the share really comes from the "
              "certificate's owner.",
              "RFC 5246, section 7.4.3; RFC 8422, section 5.4"};
    case 13:
      return {"Mutual TLS starts here: the server asks the client for a certificate, naming the signature "
              "schemes it accepts and, optionally, the CAs it trusts. The client picks a chain that fits, or "
              "sends none (and the server decides whether that is acceptable).",
              t13 ? "RFC 8446, section 4.3.2" : "RFC 5246, section 7.4.4"};
    case 14:
      return {"The server's first flight is complete; it is the client's turn.", "RFC 5246, section 7.4.5"};
    case 15:
      return {std::string("A signature with the private key of the certificate just sent, over the transcript of "
                          "the handshake so far. It proves the ") +
                  (from_client ? "client" : "server") +
                  " holds the key, and binds that proof to this very handshake (it cannot be replayed).",
              t13 ? "RFC 8446, section 4.4.3" : "RFC 5246, section 7.4.8"};
    case 16:
      return {"The client's ephemeral ECDHE public key. With the server's share both sides now compute the "
              "pre_master_secret, from which the master secret and the session keys follow.",
              "RFC 5246, section 7.4.7; RFC 8422, section 5.7"};
    case 20:
      return {"A MAC over the whole transcript under a key only the two endpoints have. If anyone changed, "
              "dropped or added a message, the values differ and the handshake fails. The Finished is the last "
              "message of the sender's flight.",
              t13 ? "RFC 8446, section 4.4.4" : "RFC 5246, section 7.4.9"};
    case 24:
      return {"The sender switches to the next generation of application traffic keys (and may ask the peer to "
              "do the same): long connections do not use one key forever.",
              "RFC 8446, section 4.6.3"};
    default:
      return {"A handshake message this report has no description for.", t13 ? "RFC 8446, section 4" : "RFC 5246, section 7.4"};
  }
}

Prose record_prose(const Arrow& a, Version v) {
  const bool t13 = v != Version::tls12;
  if (a.kind == "ccs")
    return t13 ? Prose{"A one-byte record kept only for middleboxes that expect TLS 1.2: in TLS 1.3 it changes "
                       "nothing and the receiver ignores it.",
                       "RFC 8446, appendix D.4"}
               : Prose{"From the next record on, the sender encrypts with the keys just derived from the master "
                       "secret. Its Finished is the first encrypted message.",
                       "RFC 5246, section 7.1"};
  if (a.kind == "alert")
    return {"An alert ends the connection (fatal) or announces its orderly end (close_notify). A fatal alert "
            "names what the sender found wrong; the receiver should not guess beyond it.",
            t13 ? "RFC 8446, section 6" : "RFC 5246, section 7.2"};
  return {"Application data: the bytes the applications exchange, encrypted and authenticated with the "
          "traffic keys. Each record has its own sequence number, so reordering or replaying records fails.",
          t13 ? "RFC 8446, section 5.2" : "RFC 5246, section 6.2.3.3"};
}

}  // namespace glass::inspect::html
