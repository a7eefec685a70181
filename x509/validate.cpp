#include "x509/validate.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "x509/hostname.hpp"
#include "x509/oid.hpp"
#include "x509/profile_rules.hpp"

namespace glass::x509 {

using core::Alert;
using core::make_error;

std::string_view purpose_name(Purpose p) {
  switch (p) {
    case Purpose::any: return "any purpose";
    case Purpose::server_auth: return "serverAuth";
    case Purpose::client_auth: return "clientAuth";
  }
  return "?";
}

namespace {

// The strict profile does not let anyExtendedKeyUsage stand for a purpose.
bool eku_allows(const Extensions& e, Purpose p, Profile profile) {
  if (!e.ext_key_usage || p == Purpose::any) return true;
  if (e.eku_any && profile == Profile::standard) return true;
  return p == Purpose::server_auth ? e.eku_server_auth : e.eku_client_auth;
}

std::string eku_list(const Extensions& e) {
  std::string s;
  der::Reader r(e.ext_key_usage.value_or(ByteView{}));
  while (!r.empty()) {
    auto o = r.oid("KeyPurposeId");
    if (!o) break;
    if (!s.empty()) s += ", ";
    s += oid::name(*o);
  }
  return s;
}

class PathBuilder {
 public:
  PathBuilder(const Certificate& leaf, std::span<const Certificate> inter,
              std::span<const Certificate> anchors, const ValidationOptions& o)
      : leaf_(leaf), anchors_(anchors), opt_(o) {
    nc_budget_.limit = o.limits.max_name_comparisons;
    received_ = inter.size();
    if (inter.empty()) return;
    // Duplicates (and copies of the leaf) would only multiply the work.
    std::set<ByteView, bool (*)(ByteView, ByteView)> seen(
        [](ByteView a, ByteView b) {
          return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
        });
    seen.insert(leaf.der());
    for (const Certificate& c : inter)
      if (seen.insert(c.der()).second) inter_.push_back(&c);
  }

  core::Result<ValidatedPath> run() {
    const ValidationLimits& lim = opt_.limits;
    std::size_t count = 1 + received_, bytes = leaf_.der().size();
    for (const Certificate* c : inter_) bytes += c->der().size();
    if (count > lim.max_certificates)
      return make_error(Alert::bad_certificate,
                        "the chain holds " + std::to_string(count) +
                            " certificates, more than the limit of " +
                            std::to_string(lim.max_certificates) + " (max_certificates)");
    if (bytes > lim.max_chain_bytes)
      return make_error(Alert::bad_certificate,
                        "the chain's certificates take " + std::to_string(bytes) +
                            " bytes, more than the limit of " + std::to_string(lim.max_chain_bytes) +
                            " (max_chain_bytes)");
    // The leaf's key is refused before anything is computed with any key.
    GLASS_CHECK(check_key_rules(leaf_, Who("leaf", leaf_)));
    for (const auto& a : anchors_) {
      if (core::equal(a.der(), leaf_.der())) {
        // The leaf itself is trusted (pinned): only the leaf rules apply.
        path_ = {&leaf_};
        auto st = check_path(&a, true);
        if (!st) return std::move(st).error();
        return finish(&leaf_);
      }
    }
    path_ = {&leaf_};
    if (const Certificate* anchor = search()) return finish(anchor);
    if (best_) return *best_;
    return make_error(Alert::unknown_ca, dead_end_.empty() ? "no path to a trust anchor" : dead_end_);
  }

 private:
  core::Result<ValidatedPath> finish(const Certificate* anchor) {
    if (!opt_.host.empty()) GLASS_CHECK(check_host(leaf_, opt_.host));
    ValidatedPath p;
    p.chain.reserve(path_.size() + 1);
    p.chain = path_;
    if (p.chain.back() != anchor) p.chain.push_back(anchor);
    return p;
  }

  static std::string_view role(std::size_t i, std::size_t anchor_index) {
    if (i == 0) return "leaf";
    if (i == anchor_index) return "trust anchor";
    return "intermediate";
  }

  void note(int rank, core::Error e) {
    if (!best_ || rank > best_rank_) {
      best_ = std::move(e);
      best_rank_ = rank;
    }
  }

  // Key rules first (no arithmetic), then the key is decoded once per certificate.
  const crypto::VerifyingKey* key_of(const Certificate* c) {
    auto it = keys_.find(c);
    if (it == keys_.end()) {
      std::optional<crypto::VerifyingKey> key;
      auto rules = check_key_rules(*c, Who(*c));
      if (!rules) {
        note(2, std::move(rules).error());
      } else {
        auto k = c->public_key();
        if (k && k->key) key = std::move(*k->key);
        else if (!k) note(2, make_error(k.error().alert, "public key of " +
                                                            c->subject().short_form() + ": " +
                                                            k.error().reason));
      }
      it = keys_.emplace(c, std::move(key)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  // Signature of `cert` by `issuer`, verified at most once per pair and counted.
  core::Status signed_by(const Certificate* cert, const Certificate* issuer,
                         const crypto::VerifyingKey& key) {
    auto memo = verified_.find({cert, issuer});
    if (memo != verified_.end()) return memo->second;
    if (signatures_ >= opt_.limits.max_signature_checks) {
      stop(make_error(Alert::bad_certificate,
                      "path building stopped: the budget of " +
                          std::to_string(opt_.limits.max_signature_checks) +
                          " signature verifications per validation (max_signature_checks) is spent"));
      return make_error(Alert::bad_certificate, "signature budget spent");
    }
    ++signatures_;
    auto st = verify_signature(*cert, key);
    verified_.emplace(std::make_pair(cert, issuer), st);
    return st;
  }

  void stop(core::Error e) {
    stopped_ = true;
    note(10, std::move(e));
  }

  // Depth-first search for an issuer of path_.back(); returns the anchor on success.
  const Certificate* search() {
    const Certificate* cur = path_.back();
    const auto& aki = cur->extensions().authority_key_id;
    bool any_candidate = false;
    for (int pass = 0; pass < 2 && !stopped_; ++pass) {
      std::size_t pool_size = pass == 0 ? anchors_.size() : inter_.size();
      for (std::size_t i = 0; i < pool_size && !stopped_; ++i) {
        const Certificate& cand = pass == 0 ? anchors_[i] : *inter_[i];
        if (!cand.subject().matches(cur->issuer())) continue;
        // RFC 5280 4.2.1.1: with a key identifier, only the key it names can have signed.
        const auto& ski = cand.extensions().subject_key_id;
        if (aki && !ski)
          note(2, make_error(Alert::bad_certificate,
                             "CA " + cand.subject().short_form() + " has the issuer name of " +
                                 cur->subject().short_form() +
                                 " but no subjectKeyIdentifier to match its authority key "
                                 "identifier (RFC 5280 4.2.1.2)"));
        if (aki && (!ski || !core::equal(*aki, *ski))) continue;
        if (pass == 1 && in_path(cand)) continue;
        any_candidate = true;
        if (++work_ > opt_.limits.max_candidates) {
          stop(make_error(Alert::unknown_ca,
                          "path building gave up after examining " +
                              std::to_string(opt_.limits.max_candidates) +
                              " issuer candidates (max_candidates)"));
          return nullptr;
        }
        // A candidate that cannot be a CA is refused before its signature costs anything.
        if (pass == 0 && !cand.is_ca()) {
          note(3, make_error(Alert::bad_certificate,
                             "trust anchor " + cand.subject().short_form() +
                                 " is a trust anchor that issues certificates but is not a CA "
                                 "(basicConstraints cA is " +
                                 (cand.extensions().basic_constraints ? "FALSE" : "absent") +
                                 ") (RFC 5280 4.2.1.9)"));
          continue;
        }
        if (pass == 1 && !cand.is_ca()) {
          note(3, make_error(Alert::bad_certificate,
                             "intermediate " + cand.subject().short_form() +
                                 (cand.version() < 3
                                      ? " is a v" + std::to_string(cand.version()) +
                                            " certificate and cannot act as a CA"
                                      : std::string(" is not a CA (basicConstraints cA is ") +
                                            (cand.extensions().basic_constraints ? "FALSE"
                                                                                 : "absent") +
                                            ") (RFC 5280 4.2.1.9)")));
          continue;
        }
        const crypto::VerifyingKey* key = key_of(&cand);
        if (!key) continue;
        auto sig = signed_by(cur, &cand, *key);
        if (stopped_) return nullptr;
        if (!sig) {
          auto e = std::move(sig).error();
          note(2, make_error(e.alert, "signature of " + std::string(role(path_.size() - 1, SIZE_MAX)) + " " +
                                          cur->subject().short_form() + " by " +
                                          cand.subject().short_form() + ": " + e.reason));
          continue;
        }
        if (pass == 0) {
          auto st = check_path(&cand, false);
          if (st) return &cand;
          note(3, std::move(st).error());
          if (nc_budget_.used > nc_budget_.limit) stopped_ = true;
          continue;
        }
        if (path_.size() - 1 >= opt_.limits.max_intermediates) {
          note(1, make_error(Alert::unknown_ca,
                             "no path to a trust anchor within the maximum of " +
                                 std::to_string(opt_.limits.max_intermediates) +
                                 " intermediate certificates (max_intermediates)"));
          continue;
        }
        path_.push_back(&cand);
        if (const Certificate* a = search()) return a;
        path_.pop_back();
      }
    }
    // Remember the deepest dead end: it says where the chain stops.
    if (!any_candidate && path_.size() > dead_end_depth_) {
      dead_end_depth_ = path_.size();
      dead_end_ = "no path to a trust anchor: the issuer " + cur->issuer().short_form() + " of " +
                  std::string(role(path_.size() - 1, SIZE_MAX)) + " " + cur->subject().short_form() +
                  " is neither a trust anchor nor among the " +
                  std::to_string(inter_.size()) + " intermediate certificate(s)" +
                  (aki ? " (matching by name and authority key identifier)" : "");
    }
    return nullptr;
  }

  bool in_path(const Certificate& c) const {
    for (const Certificate* p : path_) {
      if (core::equal(p->der(), c.der())) return true;
      // The same CA again (e.g. via a cross-sign) would only make a loop.
      if (p->subject().matches(c.subject()) && core::equal(p->spki(), c.spki())) return true;
    }
    return false;
  }

  // RFC 5280 6.1 over path_ (leaf first) completed by `anchor`, top-down.
  core::Status check_path(const Certificate* anchor, bool leaf_is_anchor) {
    std::vector<const Certificate*> certs = path_;
    if (!leaf_is_anchor) certs.push_back(anchor);
    const std::size_t top = certs.size() - 1;
    auto role_of = [&](std::size_t i) { return role(i, leaf_is_anchor ? SIZE_MAX : top); };
    // Error texts only: rendering a subject costs more than the rules it names.
    auto who = [&](std::size_t i) { return Who(role_of(i), *certs[i]).text(); };
    for (std::size_t n = certs.size(); n-- > 0;) {
      const Certificate& c = *certs[n];
      const Extensions& e = c.extensions();
      if (opt_.time < c.not_before())
        return make_error(Alert::certificate_expired,
                          who(n) + " is not yet valid (notBefore " +
                              der::format_time(c.not_before()) + ")");
      if (opt_.time > c.not_after() || (opt_.time == c.not_after() && opt_.time_nanos > 0))
        return make_error(Alert::certificate_expired,
                          who(n) + " expired " + der::format_time(c.not_after()));
      if (e.unknown_critical)
        return make_error(Alert::unsupported_certificate,
                          who(n) + " has an unsupported critical extension " +
                              oid::name(*e.unknown_critical));
      GLASS_CHECK(check_key_rules(c, Who(role_of(n), c)));
      const bool is_anchor = n == top;
      if (n > 0 && !is_anchor && c.version() < 3)
        return make_error(Alert::bad_certificate,
                          who(n) + " is a v" + std::to_string(c.version()) +
                              " certificate and cannot act as a CA");
      CertificateRole r;
      r.leaf = n == 0;
      r.anchor = is_anchor;
      r.issues = n > 0;
      r.server_names = opt_.purpose != Purpose::client_auth;
      r.self_signed = c.self_issued() &&
                      (is_anchor || core::equal(c.spki(), certs[n + 1]->spki()));
      // RFC 5280 6.1.4 (n): keyCertSign must be set when keyUsage is present.
      if (n > 0 && e.key_usage && !(*e.key_usage & key_usage::key_cert_sign))
        return make_error(Alert::bad_certificate,
                          who(n) + " may not sign certificates (keyUsage " +
                              key_usage::to_string(*e.key_usage) + " lacks keyCertSign)");
      GLASS_CHECK(check_certificate_rules(c, r, opt_.profile, Who(role_of(n), c)));
      if (n > 0) {
        // RFC 5280 6.1.4 (l, m): pathLenConstraint counts non-self-issued intermediates below.
        if (e.basic_constraints && e.basic_constraints->path_len) {
          std::size_t below = 0;
          for (std::size_t k = 1; k < n; ++k)
            if (!certs[k]->self_issued()) ++below;
          if (below > *e.basic_constraints->path_len)
            return make_error(Alert::bad_certificate,
                              who(n) + " allows " +
                                  std::to_string(*e.basic_constraints->path_len) +
                                  " intermediate certificate(s) below it (pathLenConstraint) "
                                  "but the path has " +
                                  std::to_string(below));
        }
        // Not RFC 5280, but what OpenSSL and Go do: an intermediate's EKU limits its subtree.
        if (!is_anchor && !eku_allows(e, opt_.purpose, opt_.profile))
          return make_error(Alert::certificate_unknown,
                            who(n) + " has extKeyUsage " + eku_list(e) + ", which does not allow " +
                                std::string(purpose_name(opt_.purpose)));
      }
      // RFC 5280 6.1.3 (b, c): constraints of every CA above apply to the leaf and
      // to every certificate below it that is not self-issued.
      if (n == 0 || !c.self_issued()) {
        for (std::size_t k = n + 1; k < certs.size(); ++k) {
          auto st = check_name_constraints(c, *certs[k], nc_budget_);
          if (!st) {
            auto err = std::move(st).error();
            return make_error(err.alert, who(n) + ": " + err.reason);
          }
        }
      }
    }
    const Extensions& le = leaf_.extensions();
    if (!eku_allows(le, opt_.purpose, opt_.profile))
      return make_error(Alert::certificate_unknown,
                        "leaf " + leaf_.subject().short_form() + " has extKeyUsage " +
                            eku_list(le) + ", which does not allow " +
                            std::string(purpose_name(opt_.purpose)) +
                            (opt_.profile == Profile::strict && le.eku_any
                                 ? " (anyExtendedKeyUsage does not count in the strict profile)"
                                 : ""));
    // RFC 8446 4.4.2.2: a TLS peer's key signs CertificateVerify.
    if (le.key_usage && !(*le.key_usage & key_usage::digital_signature))
      return make_error(Alert::certificate_unknown,
                        "leaf " + leaf_.subject().short_form() + " has keyUsage " +
                            key_usage::to_string(*le.key_usage) +
                            ", which lacks digitalSignature (RFC 8446 4.4.2.2)");
    return {};
  }

  const Certificate& leaf_;
  std::vector<const Certificate*> inter_;
  std::size_t received_ = 0;
  std::span<const Certificate> anchors_;
  const ValidationOptions& opt_;
  std::vector<const Certificate*> path_;
  std::map<const Certificate*, std::optional<crypto::VerifyingKey>> keys_;
  std::map<std::pair<const Certificate*, const Certificate*>, core::Status> verified_;
  NameComparisonBudget nc_budget_;
  std::optional<core::Error> best_;
  int best_rank_ = -1;
  std::string dead_end_;  // empty: "no path to a trust anchor"
  std::size_t dead_end_depth_ = 0;
  unsigned work_ = 0, signatures_ = 0;
  bool stopped_ = false;
};

}  // namespace

core::Result<ValidatedPath> validate_path(const Certificate& leaf,
                                          std::span<const Certificate> intermediates,
                                          std::span<const Certificate> anchors,
                                          const ValidationOptions& options) {
  if (anchors.empty())
    return make_error(Alert::unknown_ca, "no trust anchors were given");
  PathBuilder b(leaf, intermediates, anchors, options);
  return b.run();
}

}  // namespace glass::x509
