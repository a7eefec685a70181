#include "x509/revocation.hpp"

#include <optional>

#include "x509/extensions.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

std::string_view crl_check_name(CrlCheck c) {
  switch (c) {
    case CrlCheck::none: return "none";
    case CrlCheck::leaf: return "leaf";
    case CrlCheck::chain: return "chain";
  }
  return "?";
}

std::optional<CrlCheck> parse_crl_check(std::string_view s) {
  if (s == "none") return CrlCheck::none;
  if (s == "leaf") return CrlCheck::leaf;
  if (s == "chain") return CrlCheck::chain;
  return std::nullopt;
}

namespace {

// The status of one certificate from the CRLs of its issuer.
core::Status check_one(const Certificate& cert, const Certificate& issuer, std::string_view role,
                       std::span<const Crl> crls, der::Time time) {
  const std::string who = std::string(role) + " " + cert.subject().short_form();
  const std::string from = issuer.subject().short_form();
  std::optional<crypto::VerifyingKey> key;
  bool key_tried = false;
  std::string why_not;  // the first reason a CRL from this issuer did not count
  auto reject = [&](std::string r) {
    if (why_not.empty()) why_not = std::move(r);
  };
  bool covered = false;
  for (const Crl& crl : crls) {
    if (!crl.issuer().matches(cert.issuer())) continue;
    const auto& ski = issuer.extensions().subject_key_id;
    if (crl.authority_key_id() && ski && !core::equal(*crl.authority_key_id(), *ski)) {
      reject("the CRL of " + from + " names another key of that CA (authorityKeyIdentifier)");
      continue;
    }
    if (!key_tried) {
      key_tried = true;
      auto k = issuer.public_key();
      if (k && k->key) key = std::move(*k->key);
    }
    if (!key) {
      reject("the public key of " + from + " cannot be used to check its CRL");
      continue;
    }
    auto sig = verify_signature(crl, *key);
    if (!sig) {
      reject("the CRL naming " + from + " as issuer is not signed by it: " + sig.error().reason);
      continue;
    }
    // RFC 5280 6.3.3 (f): the CRL signer's keyUsage must allow cRLSign.
    const auto& ku = issuer.extensions().key_usage;
    if (ku && !(*ku & key_usage::crl_sign)) {
      reject(from + " may not sign CRLs (keyUsage " + key_usage::to_string(*ku) +
             " lacks cRLSign)");
      continue;
    }
    if (crl.unusable()) {
      reject("the CRL of " + from + " is unusable: " + *crl.unusable());
      continue;
    }
    if (time < crl.this_update()) {
      reject("the CRL of " + from + " is not yet valid (thisUpdate " +
             der::format_time(crl.this_update()) + ")");
      continue;
    }
    if (time >= *crl.next_update()) {
      reject("the CRL of " + from + " expired " + der::format_time(*crl.next_update()) +
             " (nextUpdate)");
      continue;
    }
    if (const auto& idp = crl.issuing_distribution_point()) {
      if (idp->only_user_certs && cert.is_ca()) {
        reject("the CRL of " + from + " covers only end-entity certificates");
        continue;
      }
      if (idp->only_ca_certs && !cert.is_ca()) {
        reject("the CRL of " + from + " covers only CA certificates");
        continue;
      }
    }
    covered = true;
    if (auto e = crl.find(cert.serial())) {
      std::string reason = e->reason ? " (" + std::string(reason_name(*e->reason)) + ")" : "";
      return make_error(Alert::certificate_revoked,
                        who + " is revoked" + reason + " since " +
                            der::format_time(e->revocation_date) + " by the CRL of " + from);
    }
  }
  if (covered) return {};
  if (why_not.empty())
    return make_error(Alert::certificate_unknown, "revocation status of " + who +
                                                      " is unknown: no CRL from " + from +
                                                      " covers this certificate");
  return make_error(Alert::certificate_unknown,
                    "revocation status of " + who + " is unknown: " + why_not);
}

}  // namespace

core::Status check_revocation(const ValidatedPath& path, std::span<const Crl> crls,
                              CrlCheck mode, der::Time time) {
  if (mode == CrlCheck::none) return {};
  const auto& chain = path.chain;
  // A trust anchor vouches for itself: the last certificate is never checked,
  // so a directly trusted (pinned) leaf has nothing to check.
  std::size_t upto = mode == CrlCheck::leaf ? 1 : chain.size() - 1;
  for (std::size_t i = 0; i < upto && i + 1 < chain.size(); ++i)
    GLASS_CHECK(check_one(*chain[i], *chain[i + 1], i == 0 ? "leaf" : "intermediate", crls, time));
  return {};
}

}  // namespace glass::x509
