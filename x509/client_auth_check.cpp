#include "x509/client_auth_check.hpp"

#include "core/hex.hpp"
#include "x509/name.hpp"
#include "x509/private_key.hpp"

namespace glass::x509 {

std::string client_auth_eku_problem(const Certificate& leaf) {
  const auto& x = leaf.extensions();
  if (!x.ext_key_usage || x.eku_client_auth || x.eku_any) return {};
  return "its extendedKeyUsage lists " +
         std::string(x.eku_server_auth ? "serverAuth" : "other purposes") +
         " but not clientAuth (RFC 5280 4.2.1.12)";
}

std::string client_auth_key_usage_problem(const Certificate& leaf) {
  const auto& ku = leaf.extensions().key_usage;
  if (!ku || (*ku & key_usage::digital_signature)) return {};
  return "its keyUsage (" + key_usage::to_string(*ku) +
         ") lacks digitalSignature, so its key may not sign the handshake (RFC 5280 4.2.1.3, "
         "RFC 8446 4.4.2.2)";
}

std::string OutOfDate::describe() const {
  std::string who = index == 0 ? "leaf " : "intermediate ";
  return who + subject + (expired ? " expired on " : " is not valid before ") + der::format_time(when);
}

std::optional<OutOfDate> first_out_of_date(const std::vector<core::Bytes>& chain, der::Time now) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    auto c = Certificate::parse(chain[i]);
    if (!c) continue;
    // A self-issued top is the root the peer may hold anyway; still worth naming.
    if (now > c->not_after()) return OutOfDate{i, true, c->subject().to_string(), c->not_after()};
    if (now < c->not_before()) return OutOfDate{i, false, c->subject().to_string(), c->not_before()};
  }
  return std::nullopt;
}

std::vector<core::Bytes> subjects_of(const std::vector<core::Bytes>& certs) {
  std::vector<core::Bytes> out;
  for (auto& d : certs)
    if (auto c = Certificate::parse(d)) out.push_back(core::to_bytes(c->subject().der()));
  return out;
}

namespace {

bool named(const std::vector<core::Bytes>& names, const Name& n) {
  for (auto& d : names) {
    auto m = Name::parse(d);
    if (m && m->matches(n)) return true;
  }
  return false;
}

// Whether CA certificate `ca` holds the key that signed `top`: compared by key
// bits when `top` is self-issued, else by key identifiers (unknown: assumed yes).
bool holds_signing_key(const Certificate& top, const Certificate& ca, std::string& ours,
                       std::string& theirs) {
  const auto& tx = top.extensions();
  const auto& cx = ca.extensions();
  theirs = cx.subject_key_id ? core::to_hex(*cx.subject_key_id) : "(none)";
  if (top.self_issued()) {
    ours = tx.subject_key_id ? core::to_hex(*tx.subject_key_id) : "(none)";
    return core::equal(top.spki(), ca.spki());
  }
  if (!tx.authority_key_id || !cx.subject_key_id) return true;
  ours = core::to_hex(*tx.authority_key_id);
  return core::equal(*tx.authority_key_id, *cx.subject_key_id);
}

}  // namespace

ChainEnd chain_end(const std::vector<core::Bytes>& chain,
                   const std::vector<core::Bytes>& trusted_names,
                   const std::vector<core::Bytes>& known_cas) {
  ChainEnd r;
  if (chain.empty()) return r;
  auto top = Certificate::parse(chain.back());
  if (!top) return r;
  r.issuer = top->issuer().to_string();
  if (trusted_names.empty()) return r;
  if (named(trusted_names, top->issuer())) {
    r.kind = ChainEnd::Kind::trusted;
    bool other = false;
    for (auto& d : known_cas) {
      auto k = Certificate::parse(d);
      if (!k || !k->subject().matches(top->issuer())) continue;
      std::string ours, theirs;
      if (holds_signing_key(*top, *k, ours, theirs)) return r;  // one of that name fits
      if (!other) {
        r.our_key_id = ours;
        r.their_key_id = theirs;
      }
      other = true;
    }
    if (other) r.kind = ChainEnd::Kind::same_name_other_key;
    return r;
  }
  if (top->self_issued()) {
    r.kind = ChainEnd::Kind::untrusted_root;
    return r;
  }
  r.kind = ChainEnd::Kind::missing_intermediate;
  for (auto& d : known_cas) {
    auto k = Certificate::parse(d);
    if (k && k->subject().matches(top->issuer()) && !k->self_issued() && named(trusted_names, k->issuer())) {
      r.found_link = k->subject().to_string() + " (issued by " + k->issuer().to_string() + ")";
      break;
    }
  }
  return r;
}

std::string listed_in_crl(const Certificate& leaf, const std::vector<Crl>& crls) {
  for (auto& crl : crls) {
    if (!crl.issuer().matches(leaf.issuer())) continue;
    if (auto e = crl.find(leaf.serial()))
      return "the CRL of " + crl.issuer().to_string() + " lists its serial " + leaf.serial_hex() +
             " (revoked " + der::format_time(e->revocation_date) +
             (e->reason ? ", " + std::string(reason_name(*e->reason)) : std::string()) + ")";
  }
  return {};
}

std::vector<std::string> client_identity_problems(const std::vector<core::Bytes>& chain,
                                                  const crypto::SigningKey* key,
                                                  const std::vector<core::Bytes>& trusted,
                                                  der::Time now, const std::vector<Crl>& crls) {
  std::vector<std::string> out;
  if (chain.empty()) return {"no certificate"};
  auto leaf = Certificate::parse(chain.front());
  if (!leaf) return {"the certificate does not parse: " + leaf.error().reason};
  if (key) {
    auto m = key_matches_certificate(*key, chain.front());
    if (!m || !*m) out.push_back("the private key does not belong to the certificate");
  }
  if (auto p = client_auth_eku_problem(*leaf); !p.empty()) out.push_back(p);
  if (auto p = client_auth_key_usage_problem(*leaf); !p.empty()) out.push_back(p);
  if (auto d = first_out_of_date(chain, now)) out.push_back(d->describe());
  if (auto r = listed_in_crl(*leaf, crls); !r.empty()) out.push_back("revoked: " + r);
  if (trusted.empty()) return out;
  auto end = chain_end(chain, subjects_of(trusted), trusted);
  using K = ChainEnd::Kind;
  if (end.kind == K::same_name_other_key)
    out.push_back("the chain ends at " + end.issuer + ", but the CA of that name given has another "
                  "key (key identifier " + end.their_key_id + ", ours " + end.our_key_id + ")");
  else if (end.kind == K::missing_intermediate)
    out.push_back("the chain stops at issuer " + end.issuer +
                  ", which is not among the given CAs: an intermediate is missing, or the "
                  "certificate is from another CA");
  else if (end.kind == K::untrusted_root)
    out.push_back("the chain ends at root " + end.issuer + ", which is not among the given CAs");
  return out;
}

}  // namespace glass::x509
