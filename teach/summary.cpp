#include "teach/summary.hpp"

#include <fmt/core.h>

#include "x509/certificate.hpp"

namespace glass::teach {

std::string peer_subject(const handshake::Connection& c) {
  const auto& chain = c.info().peer_chain;
  // A resumed server knows the client only by what the ticket sealed.
  if (c.info().resumed && c.config().role == handshake::Role::server)
    return (c.info().resumed_client_subject.empty() ? std::string("(none)")
                                                    : c.info().resumed_client_subject) +
           " (resumed)";
  if (c.info().resumed && !chain.empty()) {
    auto cert = x509::Certificate::parse(chain.front());
    return (cert ? cert->subject().to_string() : std::string("(unparsable certificate)")) + " (resumed)";
  }
  if (chain.empty()) return "(none)";
  auto cert = x509::Certificate::parse(chain.front());
  return cert ? cert->subject().to_string() : std::string("(unparsable certificate)");
}

std::string session_summary(const handshake::Connection& c) {
  const auto& i = c.info();
  bool server = c.config().role == handshake::Role::server;
  std::string out;
  out += fmt::format("  protocol        {}\n", handshake::name_of(i.version));
  out += fmt::format("  cipher suite    {}\n", handshake::name_of(i.cipher_suite));
  // A TLS 1.2 resumption (and TLS 1.3 psk_ke) exchanges no key: the ticket's secret is all.
  std::string kx = i.group == crypto::NamedGroup{} && i.resumed ? "none (resumed: keys from the ticket's secret)"
                                                                 : crypto::name_of(i.group);
  out += fmt::format("  key exchange    {}{}\n", kx, i.hello_retry_request ? " (after HelloRetryRequest)" : "");
  if (i.version == handshake::ProtocolVersion::tls12)
    out += fmt::format("  extended master secret  {}\n", i.extended_master_secret ? "yes" : "NO");
  if (i.local_signature_scheme)
    out += fmt::format("  we signed with  {}\n", crypto::name_of(*i.local_signature_scheme));
  if (i.peer_signature_scheme)
    out += fmt::format("  peer signed with {}\n", crypto::name_of(*i.peer_signature_scheme));
  if (!i.alpn.empty()) out += fmt::format("  ALPN            {}\n", i.alpn);
  if (i.resumed)
    out += "  resumption      resumed from a session ticket (no certificates this time)\n";
  else if (i.psk_offered)
    out += "  resumption      ticket offered, not accepted: full handshake\n";
  if (!i.server_name.empty()) out += fmt::format("  server name     {}\n", i.server_name);
  // Both identities: ours (the first configured chain; a client only when it sent one).
  const auto& ids = c.config().identities;
  if (!ids.empty() && !ids.front().chain.empty() && (server || i.client_cert_sent)) {
    auto mine = x509::Certificate::parse(ids.front().chain.front());
    if (mine) out += fmt::format("  {} certificate {} (ours)\n", server ? "server" : "client",
                                 mine->subject().to_string());
  }
  out += fmt::format("  {} certificate {}\n", server ? "client" : "server", peer_subject(c));
  if (!i.peer_chain.empty())
    out += fmt::format("  chain validation {}\n", i.peer_verify_result);
  if (server) {
    out += fmt::format("  client auth     {}{}\n", i.client_cert_requested ? "requested" : "not requested",
                       i.client_cert_requested
                           ? (i.client_cert_sent ? ", certificate received" : ", none sent")
                           : "");
  } else if (i.client_cert_requested) {
    out += fmt::format("  client auth     requested by the server; {}\n", i.client_cert_choice);
  }
  if (i.version == handshake::ProtocolVersion::tls12 && i.client_cert_sent)
    out += "  privacy         the client certificate crossed the network in clear text (TLS 1.2 "
           "encrypts only from ChangeCipherSpec on)\n";
  return out;
}

std::string failure_report(const handshake::Connection& c) {
  if (!c.error()) return "the connection was closed before the handshake completed";
  const auto& e = *c.error();
  std::string who = c.error_from_peer() ? "the peer rejected the handshake"
                                        : "we aborted the handshake";
  std::string out = fmt::format("{} with alert {} ({}): {}", who, core::alert_name(e.alert),
                                static_cast<int>(e.alert), e.reason);
  const auto& i = c.info();
  if (c.config().role == handshake::Role::client && i.client_cert_requested &&
      !i.client_cert_choice.empty())
    out += "\n  our certificate choice: " + i.client_cert_choice;
  return out;
}

}  // namespace glass::teach
