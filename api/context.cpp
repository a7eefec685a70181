// glass::context: loaders over the x509 layer (PKCS#12, certificate files, keys)
// and the translation of its settings into a handshake::Config per stream.
#include "glasstls/context.hpp"

#include <algorithm>
#include <cerrno>
#include <ctime>

#include "api/internal.hpp"
#include "api/observer_bridge.hpp"
#include "api/settings.hpp"
#include "glasstls/detail/engine.hpp"
#include "teach/derived_secrets.hpp"
#include "teach/keylog.hpp"
#include "x509/certificate_file.hpp"
#include "x509/crl.hpp"
#include "x509/identity.hpp"
#include "x509/private_key.hpp"
#include "x509/read_file.hpp"

namespace glass {

using core::ByteView;

struct context::impl {
  detail::settings s;
  // use_certificate_chain* and use_private_key* arrive separately; they become an
  // identity when both are there.
  std::vector<core::Bytes> pending_chain;
  std::shared_ptr<const crypto::SigningKey> pending_key;
  std::string pending_label;      // the chain's source
  std::string pending_key_label;  // the key's source
  password_callback password_cb;
  std::string last_error;
};

namespace {

// A failure of a loader: the error code and the sentence that goes with it.
struct failure {
  std::error_code code;
  std::string reason;
};
using outcome = std::optional<failure>;  // nullopt: success

failure from(const core::Error& e, const std::string& where) {
  return {make_error_code(detail::public_alert(e.alert)), where.empty() ? e.reason : where + ": " + e.reason};
}

void add_identity(context::impl& c, x509::Identity&& id) {
  c.s.identities.push_back(
      handshake::Identity{std::move(id.chain), std::move(id.key), std::move(id.label), {}});
}

outcome pair_pending(context::impl& c) {
  if (c.pending_chain.empty() || !c.pending_key) return std::nullopt;
  // A refused key is dropped; the chain waits for the right one.
  auto id = x509::pair_identity(c.pending_chain, std::move(c.pending_key), c.pending_label,
                                c.pending_key_label);
  c.pending_key.reset();
  if (!id) return from(id.error(), "");
  c.pending_chain.clear();
  add_identity(c, std::move(*id));
  return std::nullopt;
}

outcome load_pkcs12(context::impl& c, ByteView file, std::string_view password,
                    const std::string& label) {
  auto id = x509::identity_from_pkcs12(file, x509::pbe::Password::utf8(password), label);
  if (!id) return from(id.error(), "");
  add_identity(c, std::move(*id));
  return std::nullopt;
}

outcome load_certificates(ByteView bytes, const std::string& label, std::vector<core::Bytes>& out) {
  auto certs = x509::load_certificates(bytes);
  if (!certs) return from(certs.error(), label);
  for (auto& cert : *certs) out.push_back(core::to_bytes(cert.der()));
  return std::nullopt;
}

// CA certificates: the set is parsed again once per file, not once per certificate.
outcome load_certificates(ByteView bytes, const std::string& label, x509::TrustAnchors& out) {
  std::vector<core::Bytes> more;
  if (auto f = load_certificates(bytes, label, more)) return f;
  out.append(more);
  return std::nullopt;
}

outcome load_chain(context::impl& c, ByteView bytes, const std::string& label) {
  std::vector<core::Bytes> chain;
  if (auto f = load_certificates(bytes, label, chain)) return f;
  c.pending_chain = std::move(chain);
  c.pending_label = label;
  return pair_pending(c);
}

outcome load_key(context::impl& c, ByteView bytes, const std::string& label) {
  auto key = x509::load_private_key(bytes);
  if (!key && c.password_cb) {  // perhaps encrypted: ask for the password and retry
    std::string pw = c.password_cb(1024, context::for_reading);
    key = x509::load_private_key(bytes, x509::pbe::Password::utf8(pw));
    core::secure_wipe(pw.data(), pw.size());
  }
  if (!key) return from(key.error(), label);
  c.pending_key = std::make_shared<crypto::SigningKey>(std::move(key->key));
  c.pending_key_label = label;
  return pair_pending(c);
}

// Runs a loader the asio way: throwing, or through an error_code.
template <class F>
void run_or_throw(context::impl& c, F f) {
  if (auto fail = f()) {
    c.last_error = fail->reason;
    throw system_error(fail->code, fail->reason);
  }
}
template <class F>
void run_ec(context::impl& c, std::error_code& ec, F f) {
  ec = {};
  if (auto fail = f()) {
    c.last_error = fail->reason;
    ec = fail->code;
  }
}

outcome from_file(const std::string& path, const std::function<outcome(ByteView)>& f) {
  int err = 0;
  auto read = x509::read_file(path, &err);
  if (!read)
    return failure{std::error_code(err ? err : EIO, std::generic_category()), read.error().reason};
  core::Bytes bytes = std::move(*read);
  auto r = f(bytes);
  core::secure_wipe(bytes);  // may hold a key
  return r;
}

// Names → values, in the given order; an unknown name throws, listing the known ones.
template <class T>
std::vector<T> by_name(const std::vector<std::string>& names, const std::vector<T>& all,
                       const char* what) {
  std::vector<T> out;
  for (auto& n : names) {
    bool found = false;
    std::string known;
    for (auto v : all) {
      std::string name;
      if constexpr (std::is_same_v<T, handshake::CipherSuite>) name = handshake::name_of(v);
      else name = crypto::name_of(v);
      if (name == n) {
        out.push_back(v);
        found = true;
      }
      known += (known.empty() ? "" : ", ") + name;
    }
    if (!found)
      throw system_error(std::make_error_code(std::errc::invalid_argument),
                         "unknown " + std::string(what) + " '" + n + "' (known: " + known + ")");
  }
  return out;
}

}  // namespace

context::context(method m) : impl_(std::make_unique<impl>()) {
  impl_->s.method = m;
  impl_->s.ticket_keys = std::make_shared<handshake::TicketKeys>();
}
context::~context() = default;
context::context(context&&) noexcept = default;
context& context::operator=(context&&) noexcept = default;

// ---- identity -----------------------------------------------------------------

void context::use_pkcs12(const std::string& path, std::string_view password) {
  run_or_throw(*impl_, [&] {
    return from_file(path, [&](ByteView b) { return load_pkcs12(*impl_, b, password, path); });
  });
}
void context::use_pkcs12(const std::string& path, std::string_view password, std::error_code& ec) {
  run_ec(*impl_, ec, [&] {
    return from_file(path, [&](ByteView b) { return load_pkcs12(*impl_, b, password, path); });
  });
}
void context::use_pkcs12(std::span<const std::uint8_t> bytes, std::string_view password) {
  run_or_throw(*impl_, [&] { return load_pkcs12(*impl_, bytes, password, "PKCS#12"); });
}
void context::use_pkcs12(std::span<const std::uint8_t> bytes, std::string_view password,
                         std::error_code& ec) {
  run_ec(*impl_, ec, [&] { return load_pkcs12(*impl_, bytes, password, "PKCS#12"); });
}

void context::use_certificate_chain_file(const std::string& path) {
  run_or_throw(*impl_, [&] {
    return from_file(path, [&](ByteView b) { return load_chain(*impl_, b, path); });
  });
}
void context::use_certificate_chain_file(const std::string& path, std::error_code& ec) {
  run_ec(*impl_, ec, [&] {
    return from_file(path, [&](ByteView b) { return load_chain(*impl_, b, path); });
  });
}
void context::use_certificate_chain(std::span<const std::uint8_t> bytes) {
  run_or_throw(*impl_, [&] { return load_chain(*impl_, bytes, "certificate chain"); });
}
void context::use_certificate_chain(std::span<const std::uint8_t> bytes, std::error_code& ec) {
  run_ec(*impl_, ec, [&] { return load_chain(*impl_, bytes, "certificate chain"); });
}

void context::use_private_key_file(const std::string& path, file_format) {
  run_or_throw(*impl_, [&] {
    return from_file(path, [&](ByteView b) { return load_key(*impl_, b, path); });
  });
}
void context::use_private_key_file(const std::string& path, file_format, std::error_code& ec) {
  run_ec(*impl_, ec, [&] {
    return from_file(path, [&](ByteView b) { return load_key(*impl_, b, path); });
  });
}
void context::use_private_key(std::span<const std::uint8_t> bytes, file_format) {
  run_or_throw(*impl_, [&] { return load_key(*impl_, bytes, "the private key"); });
}
void context::use_private_key(std::span<const std::uint8_t> bytes, file_format,
                              std::error_code& ec) {
  run_ec(*impl_, ec, [&] { return load_key(*impl_, bytes, "the private key"); });
}

void context::set_password_callback(password_callback cb) { impl_->password_cb = std::move(cb); }

// ---- trust ---------------------------------------------------------------------

void context::load_verify_file(const std::string& path) {
  run_or_throw(*impl_, [&] {
    return from_file(path, [&](ByteView b) { return load_certificates(b, path, impl_->s.trust_anchors); });
  });
}
void context::load_verify_file(const std::string& path, std::error_code& ec) {
  run_ec(*impl_, ec, [&] {
    return from_file(path, [&](ByteView b) { return load_certificates(b, path, impl_->s.trust_anchors); });
  });
}
void context::load_verify_file(const std::string& path, std::vector<std::string>& skipped) {
  run_or_throw(*impl_, [&]() -> outcome {
    auto certs = x509::load_ca_bundle(path, skipped);
    if (!certs) return from(certs.error(), "");
    impl_->s.trust_anchors.append(*certs);
    return std::nullopt;
  });
}
void context::add_certificate_authority(std::span<const std::uint8_t> bytes) {
  run_or_throw(*impl_, [&] { return load_certificates(bytes, "CA", impl_->s.trust_anchors); });
}
void context::add_certificate_authority(std::span<const std::uint8_t> bytes, std::error_code& ec) {
  run_ec(*impl_, ec, [&] { return load_certificates(bytes, "CA", impl_->s.trust_anchors); });
}

namespace {
outcome load_crls(context::impl& c, ByteView bytes, const std::string& label) {
  auto crls = x509::load_crls(bytes);
  if (!crls) return from(crls.error(), label);
  auto all = c.s.crls ? std::make_shared<std::vector<x509::Crl>>(*c.s.crls)
                      : std::make_shared<std::vector<x509::Crl>>();
  for (auto& crl : *crls) all->push_back(std::move(crl));
  c.s.crls = std::move(all);
  return std::nullopt;
}
}  // namespace

void context::add_crl(std::span<const std::uint8_t> bytes) {
  run_or_throw(*impl_, [&] { return load_crls(*impl_, bytes, "CRL"); });
}
void context::add_crl(std::span<const std::uint8_t> bytes, std::error_code& ec) {
  run_ec(*impl_, ec, [&] { return load_crls(*impl_, bytes, "CRL"); });
}
void context::load_crl_file(const std::string& path) {
  run_or_throw(*impl_, [&] {
    return from_file(path, [&](ByteView b) { return load_crls(*impl_, b, path); });
  });
}
void context::load_crl_file(const std::string& path, std::error_code& ec) {
  run_ec(*impl_, ec, [&] {
    return from_file(path, [&](ByteView b) { return load_crls(*impl_, b, path); });
  });
}
void context::set_crl_check(crl_check mode) {
  impl_->s.crl_check = mode == crl_check::none    ? x509::CrlCheck::none
                       : mode == crl_check::leaf ? x509::CrlCheck::leaf
                                                 : x509::CrlCheck::chain;
}

void context::set_client_certificate(client_certificate policy) {
  using P = handshake::ClientCertPolicy;
  impl_->s.send_cert = policy == client_certificate::always  ? P::always
                       : policy == client_certificate::never ? P::never
                                                             : P::automatic;
}

void context::set_verify_mode(verify_mode m) { impl_->s.verify_mode = m; }

void context::set_validation_profile(validation_profile p) {
  impl_->s.validation_profile =
      p == validation_profile::strict ? x509::Profile::strict : x509::Profile::standard;
}

void context::set_validation_limits(const validation_limits& l) {
  x509::ValidationLimits& v = impl_->s.validation_limits;
  v.max_certificates = l.max_certificates;
  v.max_chain_bytes = l.max_chain_bytes;
  v.max_intermediates = l.max_intermediates;
  v.max_candidates = l.max_candidates;
  v.max_signature_checks = l.max_signature_checks;
  v.max_name_comparisons = l.max_name_comparisons;
}
void context::set_verify_callback(verify_callback cb) { impl_->s.verify_callback = std::move(cb); }

// ---- negotiation -----------------------------------------------------------------

void context::set_versions(version min, version max) {
  auto v = [](version x) {
    return x == version::tls12 ? handshake::ProtocolVersion::tls12 : handshake::ProtocolVersion::tls13;
  };
  if (min > max)
    throw system_error(std::make_error_code(std::errc::invalid_argument),
                       "set_versions: the minimum is above the maximum");
  impl_->s.min_version = v(min);
  impl_->s.max_version = v(max);
}

void context::set_cipher_suites(const std::vector<std::string>& names) {
  impl_->s.cipher_suites = by_name(names, handshake::Config::default_cipher_suites(), "cipher suite");
}
void context::set_groups(const std::vector<std::string>& names) {
  using G = crypto::NamedGroup;
  impl_->s.groups = by_name(names,
                            std::vector<G>{G::x25519, G::secp256r1, G::secp384r1,
                                           G::X25519MLKEM768, G::SecP256r1MLKEM768},
                            "group");
}
void context::set_signature_schemes(const std::vector<std::string>& names) {
  impl_->s.signature_schemes =
      by_name(names, handshake::Config::default_signature_schemes(), "signature scheme");
}
void context::set_extended_master_secret_required(bool on) { impl_->s.require_ems = on; }
void context::set_alpn_protocols(const std::vector<std::string>& protocols) {
  impl_->s.alpn = protocols;
}
void context::set_server_name(std::string name) { impl_->s.server_name = std::move(name); }

void context::set_session_tickets(unsigned per_handshake, std::uint32_t lifetime_seconds) {
  impl_->s.tickets = per_handshake;
  impl_->s.ticket_lifetime = std::min<std::uint32_t>(lifetime_seconds, 604800);
}
void context::set_ticket_key_rotation(std::uint32_t period_seconds) {
  // Tickets already issued are sealed under the old keyring: they fall back to a
  // full handshake, which is what changing the key policy should do.
  auto single = impl_->s.ticket_keys->single_use();
  impl_->s.ticket_keys = std::make_shared<handshake::TicketKeys>(period_seconds ? period_seconds : 1);
  impl_->s.ticket_keys->set_single_use(single);
}
void context::set_single_use_tickets(bool on) { impl_->s.ticket_keys->set_single_use(on); }
void context::set_psk_ke(bool allow) { impl_->s.allow_psk_ke = allow; }
void context::set_session_resumption(bool on) {
  if (!on) impl_->s.session_cache.reset();
  else if (!impl_->s.session_cache) impl_->s.session_cache = std::make_shared<handshake::ClientSessionCache>();
}

std::optional<session> context::stored_session(const std::string& server_name) const {
  if (!impl_->s.session_cache) return std::nullopt;
  auto s = impl_->s.session_cache->newest(handshake::session_key(server_name, impl_->s.alpn),
                                          std::time(nullptr));
  if (!s) return std::nullopt;
  return session(std::make_shared<const session::impl>(session::impl{std::move(*s)}));
}
void context::add_session(const session& s) {
  set_session_resumption(true);
  impl_->s.session_cache->add(s.get_impl().s);
}

void context::set_keylog_callback(keylog_callback cb) { impl_->s.keylog = std::move(cb); }
void context::set_observer(observer* o) { impl_->s.obs = o; }

const std::string& context::last_error() const { return impl_->last_error; }

// ---- the CLI's internal path (api/internal.hpp) ------------------------------------

namespace detail {
class context_access {
 public:
  static context::impl& of(context& c) { return *c.impl_; }
};
void set_engine_observer(context& ctx, core::Observer* o) { context_access::of(ctx).s.engine_obs = o; }
void set_config_hook(context& ctx, config_hook hook) { context_access::of(ctx).s.config_hook = std::move(hook); }
context copy_context(const context& ctx) {
  context out(ctx.get_impl().s.method);
  context_access::of(out) = ctx.get_impl();
  return out;
}
}  // namespace detail

// ---- per stream ------------------------------------------------------------------

namespace detail {

std::shared_ptr<const settings> snapshot(const context& ctx) {
  return std::make_shared<const settings>(ctx.get_impl().s);
}

namespace {

// The observers one connection needs (key log, the user's), kept alive by the stream.
struct observers {
  std::unique_ptr<teach::KeyLogObserver> keylog;
  std::unique_ptr<observer_bridge> user;
  core::ObserverFanout fanout;
  std::unique_ptr<teach::DerivedSecrets> derived;  // in front of fanout
};

// The verify callback over the engine's verdict: every certificate, top first.
auto verify_hook(context::verify_callback cb) {
  return [cb = std::move(cb)](const std::vector<core::Bytes>& chain,
                              const core::Status& verdict) -> core::Status {
    if (chain.empty()) return verdict;
    bool pre = verdict.ok();
    std::error_code err = pre ? std::error_code{} : make_error_code(public_alert(verdict.error().alert));
    std::string reason = pre ? "OK" : verdict.error().reason;
    for (std::size_t i = chain.size(); i-- > 0;) {
      verify_context vc(static_cast<int>(i), certificate(chain[i]), err, reason);
      if (!cb(pre, vc)) {
        if (!pre) return verdict;
        return core::make_error(core::Alert::bad_certificate,
                                "the verify callback rejected the certificate at depth " +
                                    std::to_string(i) + " (" + vc.current_certificate().subject() + ")");
      }
    }
    return {};
  };
}

}  // namespace

core::Status make_config(const settings& s, handshake::Role role, const std::string& server_name,
                         handshake::Config& cfg, std::shared_ptr<void>& keep) {
  bool client = role == handshake::Role::client;
  using M = context::method;
  if ((!client && (s.method == M::tls_client || s.method == M::tlsv12_client || s.method == M::tlsv13_client)) ||
      (client && (s.method == M::tls_server || s.method == M::tlsv12_server || s.method == M::tlsv13_server)))
    return core::make_error(core::Alert::internal_error,
                            std::string("this context was made for the ") + (client ? "server" : "client") +
                                " role, but the stream does a " + (client ? "client" : "server") + " handshake");
  cfg.role = role;
  if (s.method == M::tlsv12 || s.method == M::tlsv12_client || s.method == M::tlsv12_server)
    cfg.min_version = cfg.max_version = handshake::ProtocolVersion::tls12;
  if (s.method == M::tlsv13 || s.method == M::tlsv13_client || s.method == M::tlsv13_server)
    cfg.min_version = cfg.max_version = handshake::ProtocolVersion::tls13;
  if (s.min_version) cfg.min_version = *s.min_version;
  if (s.max_version) cfg.max_version = *s.max_version;
  if (s.cipher_suites) cfg.cipher_suites = *s.cipher_suites;
  if (s.groups) cfg.groups = *s.groups;
  if (s.signature_schemes) cfg.signature_schemes = *s.signature_schemes;
  cfg.identities = s.identities;
  cfg.send_cert = s.send_cert;
  cfg.trust_anchors = s.trust_anchors;
  bool have_crls = s.crls && !s.crls->empty();
  if (have_crls) cfg.crls = s.crls;
  cfg.crl_check = s.crl_check.value_or(have_crls ? x509::CrlCheck::leaf : x509::CrlCheck::none);
  cfg.alpn = s.alpn;
  cfg.require_extended_master_secret = s.require_ems;
  if (client) cfg.server_name = server_name.empty() ? s.server_name : server_name;

  context::verify_mode mode = s.verify_mode.value_or(client ? context::verify_peer : context::verify_none);
  if (client) {
    cfg.verify_peer = (mode & context::verify_peer) != 0;
  } else if (mode & context::verify_peer) {
    cfg.verify_peer = true;
    cfg.client_auth = (mode & context::verify_fail_if_no_peer_cert) ? handshake::ClientAuthMode::require
                                                                     : handshake::ClientAuthMode::request;
  } else {
    // Not asked for in the handshake; a certificate the server asks for later
    // (stream::request_client_certificate) is still validated.
    cfg.client_auth = handshake::ClientAuthMode::none;
  }
  if (s.verify_callback) cfg.verify_hook = verify_hook(s.verify_callback);
  cfg.validation_profile = s.validation_profile;
  cfg.validation_limits = s.validation_limits;
  if (client) {
    cfg.session_cache = s.session_cache;
  } else if (s.tickets > 0) {
    cfg.ticket_keys = s.ticket_keys;
    cfg.tickets_per_handshake = s.tickets;
    cfg.ticket_lifetime = s.ticket_lifetime;
    cfg.allow_psk_ke = s.allow_psk_ke;
  }

  auto obs = std::make_shared<observers>();
  if (s.keylog) {
    auto sink = s.keylog;
    obs->keylog = std::make_unique<teach::KeyLogObserver>(
        [sink](const std::string& line) { sink(line); });
    obs->fanout.add(obs->keylog.get());
  }
  if (s.obs) {
    obs->user = std::make_unique<observer_bridge>(*s.obs);
    obs->fanout.add(obs->user.get());
  }
  obs->fanout.add(s.engine_obs);
  if (!obs->fanout.empty()) {
    obs->derived = std::make_unique<teach::DerivedSecrets>(obs->fanout);
    cfg.observer = obs->derived.get();
  }
  keep = obs;
  if (s.config_hook) s.config_hook(cfg);
  return {};
}

}  // namespace detail

}  // namespace glass
