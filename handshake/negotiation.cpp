#include "handshake/negotiation.hpp"

#include <algorithm>

#include "handshake/client_hello.hpp"
#include "handshake/extensions_typed.hpp"
#include "handshake/server_hello.hpp"

namespace glass::handshake {

using core::Alert;
using core::make_error;

void SuiteChoice::adopt(CipherSuite s) {
  auto params = suite_params(s);
  id = s;
  hash = params->hash;
  aead = params->aead;
}

std::vector<crypto::SignatureScheme> usable_schemes(const Config& c) {
  std::vector<crypto::SignatureScheme> out;
  out.reserve(c.signature_schemes.size());
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
  if (ch.obs)
    ch.note("the peer's record_size_limit is " + std::to_string(limit) +
            ": our protected records carry at most " + std::to_string(ch.writer.max_fragment()) +
            " bytes of content");
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

bool key_fits_tls12_auth(crypto::KeyType k, KeyExchangeAuth auth) {
  if (auth == KeyExchangeAuth::rsa) return k == crypto::KeyType::rsa;
  return k == crypto::KeyType::ecdsa_p256 || k == crypto::KeyType::ecdsa_p384 ||
         k == crypto::KeyType::ed25519;
}

core::Status check_server_hello(const ServerHello& sh, const ClientHello& ours, bool tls13) {
  if (tls13 && !core::equal(sh.legacy_session_id_echo, ours.legacy_session_id))
    return make_error(Alert::illegal_parameter,
                      "legacy_session_id_echo differs from the session id we sent (RFC 8446 4.1.3)");
  if (sh.legacy_compression_method != 0)
    return make_error(Alert::illegal_parameter, "server chose a compression method other than null");
  if (!ours.offers(sh.cipher_suite))
    return make_error(Alert::illegal_parameter,
                      "server chose cipher suite " + name_of(sh.cipher_suite) + ", which we did not offer");
  auto p = suite_params(sh.cipher_suite);
  if (!p || (p->version == ProtocolVersion::tls13) != tls13)
    return make_error(Alert::illegal_parameter,
                      "cipher suite " + name_of(sh.cipher_suite) + " does not belong to " +
                          (tls13 ? "TLS 1.3" : "TLS 1.2"));
  return {};
}

}  // namespace glass::handshake
