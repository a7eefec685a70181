#include "x509/client_auth_check.hpp"

#include "core/hex.hpp"
#include "x509/name.hpp"
#include "x509/private_key.hpp"

namespace glass::x509 {

namespace {

// The certificates of `chain` that parse, in order; they view `chain`'s bytes.
std::vector<Certificate> parse_each(const std::vector<core::Bytes>& chain) {
  std::vector<Certificate> out;
  for (auto& d : chain)
    if (auto c = Certificate::parse(d)) out.push_back(std::move(*c));
  return out;
}

std::vector<const Certificate*> pointers(const std::vector<Certificate>& certs) {
  std::vector<const Certificate*> out;
  for (auto& c : certs) out.push_back(&c);
  return out;
}

bool named(const std::vector<core::Bytes>& names, const Name& n) {
  for (auto& d : names) {
    auto m = Name::parse(d);
    if (m && m->matches(n)) return true;
  }
  return false;
}

std::string key_id(const std::optional<core::ByteView>& id) { return id ? core::to_hex(*id) : "(none)"; }

// Among the known CAs named as `c`'s issuer, does none hold the key that signed
// `c`? Compared by key bits when `c` is self-issued, else by its signature.
void compare_keys(const Certificate& c, const std::vector<core::Bytes>& known_cas, ChainEnd& r) {
  bool other = false;
  for (auto& k : parse_each(known_cas)) {
    if (!k.subject().matches(c.issuer())) continue;
    if (c.self_issued() ? core::equal(c.spki(), k.spki()) : signed_by(c, k)) return;  // one fits
    if (!other) r.their_key_id = key_id(k.extensions().subject_key_id);
    other = true;
  }
  if (!other) return;
  r.kind = ChainEnd::Kind::same_name_other_key;
  const auto& x = c.extensions();
  r.our_key_id = key_id(c.self_issued() ? x.subject_key_id : x.authority_key_id);
}

}  // namespace

std::string client_auth_eku_problem(const Certificate& c) {
  const auto& x = c.extensions();
  if (!x.ext_key_usage || x.eku_client_auth || x.eku_any) return {};
  return "extendedKeyUsage lists " + std::string(x.eku_server_auth ? "serverAuth" : "other purposes") +
         " but not clientAuth (RFC 5280 4.2.1.12)";
}

std::string client_auth_key_usage_problem(const Certificate& leaf) {
  const auto& ku = leaf.extensions().key_usage;
  if (!ku || (*ku & key_usage::digital_signature)) return {};
  return "keyUsage (" + key_usage::to_string(*ku) +
         ") lacks digitalSignature, so its key may not sign the handshake (RFC 5280 4.2.1.3, "
         "RFC 8446 4.4.2.2)";
}

std::string key_mismatch_problem(const crypto::SigningKey& key, core::ByteView leaf) {
  auto m = key_matches_certificate(key, leaf);
  if (!m) return "cannot compare the private key with the certificate: " + m.error().reason;
  return *m ? std::string() : "the private key does not belong to the certificate";
}

bool signed_by(const Certificate& c, const Certificate& issuer) {
  auto pk = issuer.public_key();
  return pk && pk->key && verify_signature(c, *pk->key).ok();
}

std::string OutOfDate::describe_as(const std::string& who) const {
  return who + (expired ? " expired on " : " is not valid before ") + der::format_time(when);
}

std::string OutOfDate::describe() const {
  return describe_as((index == 0 ? "leaf " : "intermediate ") + subject);
}

std::optional<OutOfDate> first_out_of_date(std::span<const Certificate* const> chain, der::Time now) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const Certificate& c = *chain[i];
    // A self-issued top is the root the peer may hold anyway; still worth naming.
    if (now > c.not_after()) return OutOfDate{i, true, c.subject().to_string(), c.not_after()};
    if (now < c.not_before()) return OutOfDate{i, false, c.subject().to_string(), c.not_before()};
  }
  return std::nullopt;
}

std::optional<OutOfDate> first_out_of_date(const std::vector<core::Bytes>& chain, der::Time now) {
  auto certs = parse_each(chain);
  return first_out_of_date(pointers(certs), now);
}

std::vector<core::Bytes> subjects_of(const std::vector<core::Bytes>& certs) {
  std::vector<core::Bytes> out;
  for (auto& c : parse_each(certs)) out.push_back(core::to_bytes(c.subject().der()));
  return out;
}

ChainEnd chain_end(std::span<const Certificate* const> chain,
                   const std::vector<core::Bytes>& trusted_names,
                   const std::vector<core::Bytes>& known_cas) {
  ChainEnd r;
  if (chain.empty()) return r;
  r.at = chain.size() - 1;
  for (std::size_t i = 0; i < chain.size(); ++i)
    if (named(trusted_names, chain[i]->issuer())) {
      r.at = i;
      r.kind = ChainEnd::Kind::trusted;
      break;
    }
  const Certificate& end = *chain[r.at];
  r.issuer = end.issuer().to_string();
  if (trusted_names.empty()) return r;
  if (r.kind == ChainEnd::Kind::trusted) {
    compare_keys(end, known_cas, r);
    return r;
  }
  if (end.self_issued()) {
    r.kind = ChainEnd::Kind::untrusted_root;
    return r;
  }
  r.kind = ChainEnd::Kind::missing_intermediate;
  for (auto& k : parse_each(known_cas))
    if (k.subject().matches(end.issuer()) && !k.self_issued() && named(trusted_names, k.issuer())) {
      r.found_link = k.subject().to_string() + " (issued by " + k.issuer().to_string() + ")";
      break;
    }
  return r;
}

ChainEnd chain_end(const std::vector<core::Bytes>& chain,
                   const std::vector<core::Bytes>& trusted_names,
                   const std::vector<core::Bytes>& known_cas) {
  auto certs = parse_each(chain);
  return chain_end(pointers(certs), trusted_names, known_cas);
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
  if (auto p = key ? key_mismatch_problem(*key, chain.front()) : ""; !p.empty()) out.push_back(p);
  if (auto p = client_auth_eku_problem(*leaf); !p.empty()) out.push_back("its " + p);
  if (auto p = client_auth_key_usage_problem(*leaf); !p.empty()) out.push_back("its " + p);
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
