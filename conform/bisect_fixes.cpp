#include "conform/bisect_fixes.hpp"

#include <chrono>

#include "x509/certificate.hpp"
#include "x509/certificate_writer.hpp"
#include "x509/client_auth_check.hpp"
#include "x509/oid.hpp"

namespace glass::conform {

namespace {

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A leaf for our own key and subject, signed by the CA of `ca`: clientAuth,
// digitalSignature, valid for a week from an hour ago.
core::Result<core::Bytes> reissue(const x509::Certificate& leaf, const handshake::Identity& id,
                                  const handshake::Identity& ca) {
  GLASS_TRY(auto ca_cert, x509::Certificate::parse(ca.chain.front()));
  auto& rng = crypto::system_rng();
  x509::CertificateTemplate t;
  t.serial.resize(12);
  rng.fill(t.serial);
  t.serial[0] = static_cast<std::uint8_t>((t.serial[0] & 0x7f) | 0x01);
  t.subject = leaf.subject().to_string();
  t.issuer = ca_cert.subject().to_string();
  std::int64_t now = system_now();
  t.not_before = now - 3600;
  t.not_after = now + 7 * 86400;
  t.subject_key = &id.key->public_key();
  t.basic_constraints = x509::CertificateTemplate::Basic{false, std::nullopt, true};
  t.key_usage = x509::key_usage::digital_signature;
  t.ext_key_usage = {std::string(x509::oid::kp_client_auth)};
  GLASS_TRY(auto aki, x509::key_identifier(ca.key->public_key()));
  t.authority_key_id = aki;
  return x509::build_certificate(t, *ca.key, x509::default_algorithm(*ca.key), rng);
}

// The certificates of `pool` that continue `chain` upwards by issuer name
// (intermediates only: a self-issued root is the server's to hold).
std::vector<core::Bytes> missing_links(const std::vector<core::Bytes>& chain,
                                       const std::vector<core::Bytes>& pool) {
  std::vector<core::Bytes> out;
  auto top = x509::Certificate::parse(chain.back());
  if (!top) return out;
  std::string want = top->issuer().to_string();
  for (std::size_t hop = 0; hop < 8; ++hop) {
    bool found = false;
    for (auto& d : pool) {
      auto c = x509::Certificate::parse(d);
      if (!c || c->self_issued() || c->subject().to_string() != want) continue;
      out.push_back(d);
      want = c->issuer().to_string();
      found = true;
      break;
    }
    if (!found) break;
  }
  return out;
}

bool ca_is_named(const handshake::Identity& ca, const std::vector<core::Bytes>& names) {
  auto c = x509::Certificate::parse(ca.chain.front());
  if (!c) return false;
  for (auto& n : names)
    if (core::equal(n, c->subject().der())) return true;
  return false;
}

}  // namespace

std::vector<ChainFix> chain_fixes(const handshake::Identity& id,
                                  const std::vector<core::Bytes>& ca_certs,
                                  const handshake::Identity* ca_signer,
                                  const handshake::SessionInfo& request) {
  std::vector<ChainFix> out;
  auto leaf = x509::Certificate::parse(id.chain.front());
  if (!leaf) return out;
  // The missing intermediate, when --ca holds it.
  if (auto links = missing_links(id.chain, ca_certs); !links.empty()) {
    auto more = id;
    std::string names;
    for (auto& d : links) {
      more.chain.push_back(d);
      auto c = x509::Certificate::parse(d);
      names += (names.empty() ? "" : ", ") + (c ? c->subject().to_string() : std::string("?"));
    }
    out.push_back({"chain + the missing intermediate " + names + " (from --ca)", std::move(more)});
  }
  if (!ca_signer || ca_signer->chain.empty() || !ca_signer->key) return out;
  auto ca_cert = x509::Certificate::parse(ca_signer->chain.front());
  if (!ca_cert) return out;
  std::string ca_name = ca_cert->subject().to_string();
  bool misfit = !x509::client_auth_eku_problem(*leaf).empty() ||
                !x509::client_auth_key_usage_problem(*leaf).empty();
  bool same_issuer = ca_cert->subject().matches(leaf->issuer()) &&
                     x509::chain_end({id.chain.front()}, {core::to_bytes(ca_cert->subject().der())},
                                     {ca_signer->chain.front()})
                             .kind == x509::ChainEnd::Kind::trusted;
  auto fresh = reissue(*leaf, id, *ca_signer);
  if (!fresh) return out;
  if (misfit && same_issuer) {
    auto fixed = id;
    fixed.chain.front() = *fresh;
    out.push_back({"leaf re-issued with extendedKeyUsage clientAuth and keyUsage digitalSignature "
                   "(same key, subject and issuer " + ca_name + ")", std::move(fixed)});
  }
  if (!same_issuer) {
    handshake::Identity issued{{*fresh, ca_signer->chain.front()}, id.key, "re-issued", {}};
    bool named = ca_is_named(*ca_signer, request.ca_names_requested);
    out.push_back({"a new leaf (same key and subject, clientAuth) issued by " + ca_name +
                       (request.ca_names_requested.empty() ? std::string(" (--ca-key)")
                        : named ? ", the CA the server names"
                                : ", which the server does not name"),
                   std::move(issued)});
  }
  return out;
}

}  // namespace glass::conform
