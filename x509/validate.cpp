#include "x509/validate.hpp"

#include <map>
#include <optional>

#include "x509/hostname.hpp"
#include "x509/oid.hpp"

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

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iends_with(std::string_view s, std::string_view suffix) {
  if (suffix.size() > s.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (lower(s[s.size() - suffix.size() + i]) != lower(suffix[i])) return false;
  return true;
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && iends_with(a, b);
}

// RFC 5280 4.2.1.10 dNSName: "example.com" covers itself and any name formed by
// adding labels on the left; a leading '.' (common in practice) means subdomains only.
bool dns_within(std::string_view name, std::string_view base) {
  if (base.empty()) return true;
  if (base[0] == '.') return iends_with(name, base);
  if (iequal(name, base)) return true;
  return name.size() > base.size() && iends_with(name, base) &&
         name[name.size() - base.size() - 1] == '.';
}

// rfc822Name constraints: a mailbox, a host (exact domain), or ".domain" (subdomains).
bool email_within(std::string_view mailbox, std::string_view base) {
  std::size_t at = mailbox.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string_view domain = mailbox.substr(at + 1);
  if (base.find('@') != std::string_view::npos) {
    // Local parts are case-sensitive, domains are not.
    std::size_t bat = base.rfind('@');
    return mailbox.substr(0, at) == base.substr(0, bat) && iequal(domain, base.substr(bat + 1));
  }
  if (!base.empty() && base[0] == '.') return iends_with(domain, base);
  return iequal(domain, base);
}

bool ip_within(ByteView addr, ByteView base) {
  if (base.size() != 2 * addr.size()) return false;  // IPv4 vs IPv6 never match
  std::size_t n = addr.size();
  for (std::size_t i = 0; i < n; ++i)
    if ((addr[i] & base[n + i]) != (base[i] & base[n + i])) return false;
  return true;
}

enum class Match { no, yes, unsupported };

Match name_within(GeneralNameType type, ByteView value, const GeneralName& base) {
  if (base.type != type) return Match::no;
  switch (type) {
    case GeneralNameType::dns_name:
      return dns_within(core::as_chars(value), base.text()) ? Match::yes : Match::no;
    case GeneralNameType::rfc822_name:
      return email_within(core::as_chars(value), base.text()) ? Match::yes : Match::no;
    case GeneralNameType::ip_address:
      return ip_within(value, base.value) ? Match::yes : Match::no;
    case GeneralNameType::directory_name: {
      auto n = Name::parse(value, "name");
      auto b = Name::parse(base.value, "constraint");
      if (!n || !b) return Match::no;
      return n->within(*b) ? Match::yes : Match::no;
    }
    default:
      return Match::unsupported;
  }
}

std::string name_text(GeneralNameType type, ByteView value) {
  GeneralName g;
  g.type = type;
  g.value = value;
  return general_name_to_string(g);
}

}  // namespace

core::Status check_name_constraints(const Certificate& cert, const Certificate& ca) {
  const Extensions& nc = ca.extensions();
  if (!nc.has_name_constraints) return {};
  std::string who = ca.subject().short_form();

  auto check_one = [&](GeneralNameType type, ByteView value) -> core::Status {
    GeneralName base;
    GeneralSubtreeIterator ex(nc.excluded_subtrees);
    while (ex.next(base)) {
      Match m = name_within(type, value, base);
      if (m == Match::unsupported)
        return make_error(Alert::unsupported_certificate,
                          "cannot check " + name_text(type, value) +
                              " against the name constraints of " + who +
                              " (unsupported name form)");
      if (m == Match::yes)
        return make_error(Alert::bad_certificate,
                          name_text(type, value) + " is in an excluded subtree (" +
                              general_name_to_string(base) + ") of the nameConstraints of " +
                              who);
    }
    bool have_permitted = false, permitted = false;
    GeneralSubtreeIterator pm(nc.permitted_subtrees);
    while (pm.next(base)) {
      Match m = name_within(type, value, base);
      if (base.type != type) continue;
      if (m == Match::unsupported)
        return make_error(Alert::unsupported_certificate,
                          "cannot check " + name_text(type, value) +
                              " against the name constraints of " + who +
                              " (unsupported name form)");
      have_permitted = true;
      if (m == Match::yes) permitted = true;
    }
    if (have_permitted && !permitted)
      return make_error(Alert::bad_certificate, name_text(type, value) +
                                                    " is outside the permitted subtrees of "
                                                    "the nameConstraints of " +
                                                    who);
    return {};
  };

  if (!cert.subject().empty())
    GLASS_CHECK(check_one(GeneralNameType::directory_name, cert.subject().der()));
  // RFC 5280 4.2.1.10: rfc822Name constraints also apply to emailAddress in the subject.
  for (const auto& a : cert.subject().attributes())
    if (oid::equals(a.type, oid::at_email) && a.value_tag == der::tag::ia5_string)
      GLASS_CHECK(check_one(GeneralNameType::rfc822_name, a.value));
  if (const auto& san = cert.extensions().subject_alt_name) {
    GeneralNameIterator it(*san);
    GeneralName g;
    while (it.next(g)) GLASS_CHECK(check_one(g.type, g.value));
  }
  return {};
}

namespace {

bool eku_allows(const Extensions& e, Purpose p) {
  if (!e.ext_key_usage || p == Purpose::any || e.eku_any) return true;
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
      : leaf_(leaf), inter_(inter), anchors_(anchors), opt_(o) {}

  core::Result<ValidatedPath> run() {
    for (const auto& a : anchors_) {
      if (core::equal(a.der(), leaf_.der())) {
        // The leaf itself is trusted: only the leaf rules apply.
        path_ = {&leaf_};
        auto st = check_path(&a, true);
        if (!st) return std::move(st).error();
        return finish(&leaf_);
      }
    }
    path_ = {&leaf_};
    if (const Certificate* anchor = search()) return finish(anchor);
    if (best_) return *best_;
    return make_error(Alert::unknown_ca, dead_end_);
  }

 private:
  core::Result<ValidatedPath> finish(const Certificate* anchor) {
    if (!opt_.host.empty()) GLASS_CHECK(check_host(leaf_, opt_.host));
    ValidatedPath p;
    p.chain = path_;
    if (p.chain.back() != anchor) p.chain.push_back(anchor);
    return p;
  }

  std::string role(std::size_t i, std::size_t anchor_index) const {
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

  const crypto::VerifyingKey* key_of(const Certificate* c) {
    auto it = keys_.find(c);
    if (it == keys_.end()) {
      auto k = c->public_key();
      std::optional<crypto::VerifyingKey> key;
      if (k && k->key) key = std::move(*k->key);
      else if (!k) note(2, make_error(k.error().alert, "public key of " +
                                                          c->subject().short_form() + ": " +
                                                          k.error().reason));
      it = keys_.emplace(c, std::move(key)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  // Depth-first search for an issuer of path_.back(); returns the anchor on success.
  const Certificate* search() {
    const Certificate* cur = path_.back();
    const auto& aki = cur->extensions().authority_key_id;
    bool any_candidate = false;
    for (int pass = 0; pass < 2; ++pass) {
      auto pool = pass == 0 ? anchors_ : inter_;
      for (const Certificate& cand : pool) {
        if (!cand.subject().matches(cur->issuer())) continue;
        const auto& ski = cand.extensions().subject_key_id;
        if (aki && ski && !core::equal(*aki, *ski)) continue;
        if (pass == 1 && in_path(cand)) continue;
        any_candidate = true;
        if (++work_ > opt_.max_work) {
          note(1, make_error(Alert::unknown_ca,
                             "path building gave up after examining " +
                                 std::to_string(opt_.max_work) + " issuer candidates"));
          return nullptr;
        }
        const crypto::VerifyingKey* key = key_of(&cand);
        if (!key) continue;
        auto sig = verify_signature(*cur, *key);
        if (!sig) {
          auto e = std::move(sig).error();
          note(2, make_error(e.alert, "signature of " + role(path_.size() - 1, SIZE_MAX) + " " +
                                          cur->subject().short_form() + " by " +
                                          cand.subject().short_form() + ": " + e.reason));
          continue;
        }
        if (pass == 0) {
          auto st = check_path(&cand, false);
          if (st) return &cand;
          note(3, std::move(st).error());
          continue;
        }
        if (path_.size() - 1 >= opt_.max_intermediates) {
          note(1, make_error(Alert::unknown_ca,
                             "no path to a trust anchor within the maximum of " +
                                 std::to_string(opt_.max_intermediates) +
                                 " intermediate certificates"));
          continue;
        }
        path_.push_back(&cand);
        if (const Certificate* a = search()) return a;
        path_.pop_back();
        if (work_ > opt_.max_work) return nullptr;
      }
    }
    // Remember the deepest dead end: it says where the chain stops.
    if (!any_candidate && path_.size() > dead_end_depth_) {
      dead_end_depth_ = path_.size();
      dead_end_ = "no path to a trust anchor: the issuer " + cur->issuer().short_form() + " of " +
                  role(path_.size() - 1, SIZE_MAX) + " " + cur->subject().short_form() +
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
    auto who = [&](std::size_t i) {
      return role(i, leaf_is_anchor ? SIZE_MAX : top) + " " + certs[i]->subject().short_form();
    };
    for (std::size_t n = certs.size(); n-- > 0;) {
      const Certificate& c = *certs[n];
      const Extensions& e = c.extensions();
      if (opt_.time < c.not_before())
        return make_error(Alert::certificate_expired,
                          who(n) + " is not yet valid (notBefore " +
                              der::format_time(c.not_before()) + ")");
      if (opt_.time > c.not_after())
        return make_error(Alert::certificate_expired,
                          who(n) + " expired " + der::format_time(c.not_after()));
      if (e.unknown_critical)
        return make_error(Alert::unsupported_certificate,
                          who(n) + " has an unsupported critical extension " +
                              oid::name(*e.unknown_critical));
      if (n > 0) {
        bool is_anchor = n == top && !leaf_is_anchor;
        // RFC 5280 6.1.4 (k): a CA certificate must say so in basicConstraints.
        if (!is_anchor && c.version() < 3)
          return make_error(Alert::bad_certificate,
                            who(n) + " is a v" + std::to_string(c.version()) +
                                " certificate and cannot act as a CA");
        if (!is_anchor && !c.is_ca())
          return make_error(Alert::bad_certificate,
                            who(n) + " is not a CA (basicConstraints cA is " +
                                (e.basic_constraints ? "FALSE" : "absent") + ")");
        if (is_anchor && e.basic_constraints && !e.basic_constraints->ca)
          return make_error(Alert::bad_certificate,
                            who(n) + " is not a CA (basicConstraints cA is FALSE)");
        // RFC 5280 6.1.4 (n): keyCertSign must be set when keyUsage is present.
        if (e.key_usage && !(*e.key_usage & key_usage::key_cert_sign))
          return make_error(Alert::bad_certificate,
                            who(n) + " may not sign certificates (keyUsage " +
                                key_usage::to_string(*e.key_usage) + " lacks keyCertSign)");
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
        if (!is_anchor && !eku_allows(e, opt_.purpose))
          return make_error(Alert::certificate_unknown,
                            who(n) + " has extKeyUsage " + eku_list(e) + ", which does not allow " +
                                std::string(purpose_name(opt_.purpose)));
      }
      // RFC 5280 6.1.3 (b, c): constraints of every CA above apply to the leaf and
      // to every certificate below it that is not self-issued.
      if (n == 0 || !c.self_issued()) {
        for (std::size_t k = n + 1; k < certs.size(); ++k) {
          auto st = check_name_constraints(c, *certs[k]);
          if (!st) {
            auto err = std::move(st).error();
            return make_error(err.alert, who(n) + ": " + err.reason);
          }
        }
      }
    }
    const Extensions& le = leaf_.extensions();
    if (!eku_allows(le, opt_.purpose))
      return make_error(Alert::certificate_unknown,
                        "leaf " + leaf_.subject().short_form() + " has extKeyUsage " +
                            eku_list(le) + ", which does not allow " +
                            std::string(purpose_name(opt_.purpose)));
    if (le.key_usage && !(*le.key_usage & key_usage::digital_signature))
      return make_error(Alert::certificate_unknown,
                        "leaf " + leaf_.subject().short_form() + " has keyUsage " +
                            key_usage::to_string(*le.key_usage) +
                            ", which lacks digitalSignature");
    return {};
  }

  const Certificate& leaf_;
  std::span<const Certificate> inter_, anchors_;
  const ValidationOptions& opt_;
  std::vector<const Certificate*> path_;
  std::map<const Certificate*, std::optional<crypto::VerifyingKey>> keys_;
  std::optional<core::Error> best_;
  int best_rank_ = -1;
  std::string dead_end_ = "no path to a trust anchor";
  std::size_t dead_end_depth_ = 0;
  unsigned work_ = 0;
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
