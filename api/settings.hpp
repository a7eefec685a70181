#pragma once
// What a glass::context holds, in the engine's terms. A stream copies it when it
// is constructed and turns it into a handshake::Config for its role.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/alert_map.hpp"
#include "glasstls/context.hpp"
#include "glasstls/session.hpp"
#include "handshake/config.hpp"
#include "handshake/session_cache.hpp"
#include "handshake/ticket.hpp"
#include "x509/crl.hpp"
#include "x509/revocation.hpp"

namespace glass {
struct session::impl {
  handshake::ClientSession s;
};
}  // namespace glass

namespace glass::detail {

struct settings {
  context::method method = context::tls;
  std::vector<handshake::Identity> identities;
  x509::TrustAnchors trust_anchors;  // shared, parsed once, by every stream's Config
  std::optional<context::verify_mode> verify_mode;  // unset: client peer, server none
  context::verify_callback verify_callback;
  x509::Profile validation_profile = x509::Profile::standard;
  x509::ValidationLimits validation_limits;
  std::optional<handshake::ProtocolVersion> min_version, max_version;
  std::optional<std::vector<handshake::CipherSuite>> cipher_suites;
  std::optional<std::vector<crypto::NamedGroup>> groups;
  std::optional<std::vector<crypto::SignatureScheme>> signature_schemes;
  std::vector<std::string> alpn;
  std::string server_name;
  context::keylog_callback keylog;
  observer* obs = nullptr;
  core::Observer* engine_obs = nullptr;                      // api/internal.hpp
  std::function<void(handshake::Config&)> config_hook;       // api/internal.hpp
  bool require_ems = true;  // TLS 1.2 extended_master_secret (RFC 7627)
  // Shared by every stream (a server's CRLs may be large): replaced, never changed.
  std::shared_ptr<const std::vector<x509::Crl>> crls;
  std::optional<x509::CrlCheck> crl_check;  // unset: leaf once a CRL is added
  handshake::ClientCertPolicy send_cert = handshake::ClientCertPolicy::automatic;
  // Resumption: shared by every stream of the context (and its snapshots).
  std::shared_ptr<handshake::TicketKeys> ticket_keys;  // server, made with the context
  unsigned tickets = 2;
  std::uint32_t ticket_lifetime = 7200;
  bool allow_psk_ke = false;
  std::shared_ptr<handshake::ClientSessionCache> session_cache;  // client, when enabled
};

// A Config for one connection; `keep` owns what the Config points to (observers).
// Fails (internal_error) when the context's method forbids the role.
core::Status make_config(const settings& s, handshake::Role role, const std::string& server_name,
                         handshake::Config& out, std::shared_ptr<void>& keep);

}  // namespace glass::detail
