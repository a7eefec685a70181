#include "handshake/engine_util.hpp"

#include <algorithm>

#include "crypto/hybrid_kex.hpp"
#include "handshake/client_hello.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/key_update.hpp"
#include "record/protection12.hpp"
#include "x509/certificate.hpp"
#include "x509/crl.hpp"
#include "x509/revocation.hpp"
#include "x509/validate.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

Random make_random(Channel& ch) {
  Random r;
  ch.rng.fill(r);
  return r;
}

core::Result<crypto::KeyShare> make_key_share(Channel& ch, crypto::NamedGroup g) {
  for (auto& [group, key] : ch.cfg.fixed_ephemeral_keys)
    if (group == g) return crypto::KeyShare::from_private(g, key);
  return crypto::KeyShare::generate(g, ch.rng);
}

core::Result<crypto::KeyShareReply> respond_key_share(Channel& ch, crypto::NamedGroup g,
                                                      core::ByteView client_share) {
  for (auto& [group, key] : ch.cfg.fixed_ephemeral_keys)
    if (group == g && !crypto::is_hybrid_group(g)) {
      GLASS_TRY(auto ours, crypto::KeyShare::from_private(g, key));
      GLASS_TRY(auto secret, ours.shared_secret(client_share));
      crypto::KeyShareReply reply;
      reply.group = g;
      reply.share = core::to_bytes(ours.public_key());
      reply.secret = std::move(secret);
      return reply;
    }
  return crypto::KeyShare::respond(g, client_share, ch.rng);
}

std::vector<crypto::NamedGroup> initial_share_groups(const Config& c) {
  if (!c.key_share_groups.empty()) return c.key_share_groups;
  std::vector<crypto::NamedGroup> out;
  if (c.groups.empty()) return out;
  out.push_back(c.groups.front());
  const auto x = crypto::NamedGroup::x25519;
  if (crypto::is_hybrid_group(c.groups.front()) &&
      std::find(c.groups.begin(), c.groups.end(), x) != c.groups.end())
    out.push_back(x);
  return out;
}

std::optional<crypto::NamedGroup> preferred_hybrid_without_share(
    const std::vector<crypto::NamedGroup>& ours, const std::vector<crypto::NamedGroup>& client_groups,
    const KeyShareClientHello& shares, crypto::NamedGroup chosen) {
  if (crypto::is_hybrid_group(chosen)) return std::nullopt;
  const auto chosen_at = std::find(client_groups.begin(), client_groups.end(), chosen);
  for (auto g : ours) {
    if (g == chosen) break;
    if (!crypto::is_hybrid_group(g) || !crypto::group_supported(g) || shares.find(g)) continue;
    if (std::find(client_groups.begin(), chosen_at, g) != chosen_at) return g;
  }
  return std::nullopt;
}

std::vector<crypto::SignatureScheme> usable_schemes(const Config& c) {
  std::vector<crypto::SignatureScheme> out;
  for (auto s : c.signature_schemes)
    if (crypto::scheme_supported(s)) out.push_back(s);
  return out;
}

core::Result<std::optional<std::string>> choose_alpn(const Config& c, const ClientHello& hello) {
  GLASS_TRY(auto alpn, hello.extensions.get<Alpn>());
  if (!alpn || c.alpn.empty()) return std::optional<std::string>{};
  for (auto& p : c.alpn)
    if (std::find(alpn->protocols.begin(), alpn->protocols.end(), p) != alpn->protocols.end())
      return std::optional<std::string>{p};
  return make_error(Alert::no_application_protocol,
                    "none of the client's ALPN protocols is served here");
}

core::Status accept_server_alpn(Channel& ch, const Extensions& ext) {
  GLASS_TRY(auto alpn, ext.get<Alpn>());
  if (!alpn) return {};
  auto& ours = ch.cfg.alpn;
  if (alpn->protocols.size() != 1 ||
      std::find(ours.begin(), ours.end(), alpn->protocols[0]) == ours.end())
    return make_error(Alert::illegal_parameter,
                      "server's ALPN answer is not exactly one of the protocols we offered");
  ch.info.alpn = alpn->protocols[0];
  return {};
}

void apply_peer_record_size_limit(Channel& ch, std::uint16_t limit, bool tls13) {
  std::size_t cap = tls13 ? std::size_t{limit} - 1 : limit;
  std::size_t n = std::min(ch.cfg.max_fragment, cap);
  ch.writer.set_max_fragment(n);
  ch.note("the peer's record_size_limit is " + std::to_string(limit) + ": our protected records carry at most " +
          std::to_string(ch.writer.max_fragment()) + " bytes of content");
}

std::optional<crypto::SignatureScheme> pick_scheme(const std::vector<crypto::SignatureScheme>& ours,
                                                   const std::vector<crypto::SignatureScheme>& peer,
                                                   crypto::KeyType key, bool tls13) {
  for (auto s : ours) {
    if (!crypto::scheme_supported(s) || !crypto::scheme_fits_key(s, key, tls13)) continue;
    if (std::find(peer.begin(), peer.end(), s) != peer.end()) return s;
  }
  // TLS 1.2's ecdsa_* schemes name only the hash (RFC 5246 7.4.1.4.1): if we sign
  // with ECDSA at all, any hash the peer offers will do for our key.
  auto is_ecdsa = [](crypto::SignatureScheme s) {
    auto a = crypto::sig_algorithm(s);
    return a && a->kind == crypto::SigAlgorithm::Kind::ecdsa;
  };
  if (!tls13 && std::any_of(ours.begin(), ours.end(), is_ecdsa))
    for (auto s : peer)
      if (is_ecdsa(s) && crypto::scheme_fits_key(s, key, false)) return s;
  return std::nullopt;
}

std::string scheme_list(const std::vector<crypto::SignatureScheme>& s) {
  std::string out;
  for (auto x : s) {
    if (!out.empty()) out += ", ";
    out += crypto::name_of(x);
  }
  return out.empty() ? "(none)" : out;
}

namespace {

// Does some certificate of the chain name one of `ca_names` as issuer (or is one)?
// `leaf` is chain[0] already parsed (or nullptr if it does not parse).
bool chain_reaches(const x509::Certificate* leaf, const std::vector<core::Bytes>& chain,
                   const std::vector<core::Bytes>& names) {
  auto names_one = [&](const x509::Certificate& c) {
    for (auto& n : names)
      if (core::equal(c.issuer().der(), n) || core::equal(c.subject().der(), n)) return true;
    return false;
  };
  if (leaf && names_one(*leaf)) return true;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    auto c = x509::Certificate::parse(chain[i]);
    if (c && names_one(*c)) return true;
  }
  return false;
}

// Completes out.why with the rule that decided and what curl/OpenSSL would do.
void explain_choice(IdentityChoice& out, ClientCertPolicy policy, bool server_named_cas,
                    bool picked_reaches, bool same_as_tools, bool tools_send,
                    const std::string& passed, const std::string& tools) {
  if (policy == ClientCertPolicy::never) {
    out.why = "rule --send-cert never: an empty Certificate is sent; " + tools;
    return;
  }
  if (policy == ClientCertPolicy::always) {
    if (!out.identity) {
      out.why = "rule --send-cert always: no configured certificate can sign with a scheme the "
                "server accepts, so an empty Certificate is sent" + passed + "; " + tools;
      return;
    }
    out.why += std::string(" by rule --send-cert always") +
               (picked_reaches ? "" : ", although its chain does not reach any CA the server named") +
               ", as curl and OpenSSL do";
    return;
  }
  if (out.identity) {
    out.why += !server_named_cas ? " by rule --send-cert auto: the server named no CAs"
                                 : " by rule --send-cert auto: its chain reaches a CA the server named";
    out.why += same_as_tools ? "; curl and OpenSSL would send the same" : "; " + tools;
    return;
  }
  out.why = "no configured certificate fits the request, so an empty Certificate is sent (rule "
            "--send-cert auto)" + passed + "; " + tools +
            (tools_send ? " anyway (--send-cert always does the same)" : "");
}

}  // namespace

IdentityChoice choose_client_identity(const Channel& ch,
                                      const std::vector<crypto::SignatureScheme>& requested,
                                      const std::vector<core::Bytes>& ca_names, bool tls13) {
  IdentityChoice out;
  if (ch.cfg.identities.empty()) {
    out.why = "no client certificate is configured, so an empty Certificate is sent";
    return out;
  }
  const auto policy = ch.cfg.send_cert;
  // OpenSSL and curl send the configured certificate whenever its key can sign
  // with a requested scheme, whatever CA names the server listed.
  const Identity* tools_pick = nullptr;
  std::string tools_who;
  std::string passed;
  bool picked_reaches = false;
  for (auto& id : ch.cfg.identities) {
    if (id.chain.empty() || !id.key) continue;
    auto leaf = x509::Certificate::parse(id.chain.front());
    std::string who = leaf ? leaf->subject().short_form() : "(unparsable certificate)";
    auto scheme = pick_scheme(ch.cfg.signature_schemes, requested, id.key->type(), tls13);
    if (!scheme) {
      passed += "; " + who + " has a " + std::string(crypto::key_type_name(id.key->type())) +
                " key, but the server accepts only " + scheme_list(requested);
      continue;
    }
    bool reaches = ca_names.empty() || chain_reaches(leaf ? &*leaf : nullptr, id.chain, ca_names);
    if (!tools_pick) {
      tools_pick = &id;
      tools_who = who;
    }
    if (!reaches)
      passed += "; the chain of " + who +
                " does not reach any CA the server named in certificate_authorities";
    if (policy == ClientCertPolicy::never || out.identity) continue;
    if (!reaches && policy != ClientCertPolicy::always) continue;
    out.identity = &id;
    out.scheme = *scheme;
    picked_reaches = reaches;
    out.why = "sending " + who + " (" + std::string(crypto::key_type_name(id.key->type())) +
              " key, signing with " + crypto::name_of(*scheme) + ")";
  }
  std::string tools = tools_pick ? "curl and OpenSSL would send " + tools_who
                                 : "curl and OpenSSL would also send an empty Certificate";
  explain_choice(out, policy, !ca_names.empty(), picked_reaches, out.identity == tools_pick,
                 tools_pick != nullptr, passed, tools);
  return out;
}

std::vector<core::Bytes> trust_anchor_names(const Config& cfg) {
  std::vector<core::Bytes> names;
  for (auto& der : cfg.trust_anchors) {
    auto c = x509::Certificate::parse(der);
    if (c) names.push_back(core::to_bytes(c->subject().der()));
  }
  return names;
}

core::Result<PeerLeaf> parse_peer_leaf(core::ByteView leaf_der) {
  auto c = x509::Certificate::parse(leaf_der);
  if (!c)
    return make_error(Alert::bad_certificate,
                      "the peer's certificate does not parse: " + c.error().reason);
  auto pk = c->public_key();
  if (!pk) return make_error(pk.error().alert, "the peer's public key: " + pk.error().reason);
  return PeerLeaf{*c, *pk->key};
}

namespace {

// The configured CRL check over a validated path.
core::Status check_peer_revocation(Channel& ch, const x509::ValidatedPath& path, std::int64_t time) {
  if (ch.cfg.crl_check == x509::CrlCheck::none) return {};
  static const std::vector<x509::Crl> no_crls;
  const auto& crls = ch.cfg.crls ? *ch.cfg.crls : no_crls;
  auto rev = x509::check_revocation(path, crls, ch.cfg.crl_check, time);
  if (!rev) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = rev.error().reason;
    ch.note("the peer's certificate chain was rejected by revocation checking: " +
            rev.error().reason);
    return rev.error();
  }
  if (ch.obs)
    ch.note("revocation: no CRL (of " + std::to_string(crls.size()) +
            ") revokes the peer's " +
            (ch.cfg.crl_check == x509::CrlCheck::leaf ? "certificate" : "chain"));
  return {};
}

// Our own verdict on the peer's chain (validate_peer_chain adds the verify hook).
core::Status judge_peer_chain(Channel& ch, const std::vector<core::Bytes>& chain,
                              const x509::Certificate& leaf, bool peer_is_client) {
  if (chain.empty()) return make_error(Alert::bad_certificate, "empty certificate chain");
  // Refused before anything is parsed (validate_path checks the same limit).
  if (chain.size() > ch.cfg.validation_limits.max_certificates)
    return make_error(Alert::bad_certificate,
                      "the chain holds " + std::to_string(chain.size()) +
                          " certificates, more than the limit of " +
                          std::to_string(ch.cfg.validation_limits.max_certificates) +
                          " (max_certificates)");
  std::vector<x509::Certificate> intermediates, anchors;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    auto c = x509::Certificate::parse(chain[i]);
    if (!c)
      return make_error(Alert::bad_certificate, "certificate " + std::to_string(i) +
                                                    " of the peer's chain does not parse: " +
                                                    c.error().reason);
    intermediates.push_back(*c);
  }
  for (auto& der : ch.cfg.trust_anchors) {
    auto c = x509::Certificate::parse(der);
    if (c) anchors.push_back(*c);
  }
  x509::ValidationOptions opt;
  opt.time = ch.now();
  opt.profile = ch.cfg.validation_profile;
  opt.limits = ch.cfg.validation_limits;
  opt.purpose = peer_is_client ? x509::Purpose::client_auth : x509::Purpose::server_auth;
  if (!peer_is_client) opt.host = ch.cfg.server_name;
  auto res = x509::validate_path(leaf, intermediates, anchors, opt);
  if (!res) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = res.error().reason;
    ch.note("the peer's certificate chain was rejected: " + res.error().reason);
    return res.error();
  }
  GLASS_CHECK(check_peer_revocation(ch, *res, opt.time));
  ch.info.peer_verified = true;
  ch.info.peer_verify_result = "OK";
  if (ch.obs) {  // the path text costs a name rendering per certificate: only for a reader
    std::string path;
    for (auto* c : res->chain) path += (path.empty() ? "" : " <- ") + c->subject().short_form();
    ch.note("the peer's certificate chain is valid for " +
            std::string(x509::purpose_name(opt.purpose)) + ": " + path);
  }
  return {};
}

}  // namespace

core::Status validate_peer_chain(Channel& ch, const std::vector<core::Bytes>& chain,
                                 const x509::Certificate& leaf, bool peer_is_client) {
  if (!ch.cfg.verify_peer) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = "not checked (peer verification is off)";
    ch.note("the peer's certificate chain is NOT validated: verification was turned off");
    return {};
  }
  core::Status verdict = judge_peer_chain(ch, chain, leaf, peer_is_client);
  if (!ch.cfg.verify_hook) return verdict;
  core::Status decided = ch.cfg.verify_hook(chain, verdict);
  if (decided && !verdict) {
    ch.info.peer_verified = true;
    ch.info.peer_verify_result = "accepted by the verify callback despite: " + verdict.error().reason;
    ch.note("the verify callback accepted the peer's chain that failed validation: " +
            verdict.error().reason);
  } else if (!decided && verdict) {
    ch.info.peer_verified = false;
    ch.info.peer_verify_result = decided.error().reason;
    ch.note("the verify callback rejected the peer's chain: " + decided.error().reason);
  }
  return decided;
}

core::Result<CertificateVerify> sign_certificate_verify13(Channel& ch, const Identity& id,
                                                          crypto::SignatureScheme scheme,
                                                          Side signer) {
  GLASS_TRY(auto hash, ch.transcript.current_hash());
  auto content = certificate_verify_content(signer, hash);
  if (ch.obs) ch.obs->on_secret("CertificateVerify signed content", content);
  GLASS_TRY(auto sig, id.key->sign(scheme, content, ch.rng));
  return CertificateVerify{scheme, std::move(sig)};
}

core::Status verify_certificate_verify13(Channel& ch, const CertificateVerify& cv,
                                         const crypto::VerifyingKey& key, Side signer,
                                         const std::vector<crypto::SignatureScheme>& allowed) {
  // RFC 8446 4.4.3: the scheme must be one offered in signature_algorithms.
  if (std::find(allowed.begin(), allowed.end(), cv.algorithm) == allowed.end())
    return make_error(Alert::illegal_parameter,
                      "CertificateVerify uses " + crypto::name_of(cv.algorithm) +
                          ", which was not offered (offered: " + scheme_list(allowed) + ")");
  if (!crypto::scheme_fits_key(cv.algorithm, key.type(), true))
    return make_error(Alert::illegal_parameter,
                      "CertificateVerify scheme " + crypto::name_of(cv.algorithm) +
                          " cannot be made by a " + std::string(crypto::key_type_name(key.type())) +
                          " key (RFC 8446 4.4.3)");
  GLASS_TRY(auto hash, ch.transcript.current_hash());
  auto content = certificate_verify_content(signer, hash);
  auto st = key.verify(cv.algorithm, content, cv.signature);
  if (!st)
    return make_error(Alert::decrypt_error,
                      std::string(signer == Side::client ? "client" : "server") +
                          " CertificateVerify signature does not verify with the certificate's "
                          "key: " + st.error().reason);
  return {};
}

core::Status send_key_update13(Channel& ch, CipherSuite suite, crypto::HashAlg hash,
                               core::SecretBytes& write_secret, std::string_view us,
                               bool request_peer) {
  KeyUpdate ku{request_peer ? KeyUpdateRequest::update_requested
                            : KeyUpdateRequest::update_not_requested};
  GLASS_TRY(auto bytes, encode(ku));
  // Not part of the transcript; a probe may still rewrite it (e.g. an invalid request value).
  if (!ch.cfg.tamper || ch.cfg.tamper->outgoing(HandshakeType::key_update, bytes)) {
    GLASS_CHECK(ch.writer.write_handshake_message(bytes));
    if (ch.cfg.tamper) ch.cfg.tamper->after(HandshakeType::key_update, ch.writer);
  }
  std::string label = std::string(us) + "_application_traffic_secret_N+1";
  write_secret = tls13::next_application_traffic_secret(hash, write_secret, ch.obs, label);
  return ch.set_write_secret13(suite, write_secret, label);
}

core::Result<bool> receive_key_update13(Channel& ch, const record::HandshakeMessage& m,
                                        CipherSuite suite, crypto::HashAlg hash,
                                        core::SecretBytes& read_secret, std::string_view peer) {
  GLASS_TRY(auto ku, decode<KeyUpdate>(core::ByteView(m.raw)));
  std::string label = std::string(peer) + "_application_traffic_secret_N+1";
  read_secret = tls13::next_application_traffic_secret(hash, read_secret, ch.obs, label);
  GLASS_CHECK(ch.set_read_secret13(suite, read_secret, label));
  return ku.request_update == KeyUpdateRequest::update_requested;
}

bool key_fits_tls12_auth(crypto::KeyType k, KeyExchangeAuth auth) {
  if (auth == KeyExchangeAuth::rsa) return k == crypto::KeyType::rsa;
  return k == crypto::KeyType::ecdsa_p256 || k == crypto::KeyType::ecdsa_p384 ||
         k == crypto::KeyType::ed25519;
}

core::Result<std::unique_ptr<record::RecordProtection>> tls12_protection(crypto::AeadAlg aead,
                                                                        const tls12::KeyBlock& kb,
                                                                        bool client_write) {
  auto& key = client_write ? kb.client_write_key : kb.server_write_key;
  auto& iv = client_write ? kb.client_write_iv : kb.server_write_iv;
  GLASS_TRY(auto p, record::Protection12::create(aead, key, iv));
  return std::unique_ptr<record::RecordProtection>(std::move(p));
}

}  // namespace glass::handshake
