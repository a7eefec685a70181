#include "x509/trust_anchors.hpp"

#include <algorithm>

#include "core/writer.hpp"
#include "crypto/hash.hpp"

namespace glass::x509 {

struct TrustAnchors::Set {
  std::vector<core::Bytes> der;
  std::vector<Certificate> certificates;  // views into der's buffers, which never move
  std::vector<core::Bytes> subject_names;
  core::Bytes hash;

  explicit Set(std::vector<core::Bytes> d) : der(std::move(d)) {
    for (const auto& b : der) {
      auto c = Certificate::parse(b);
      if (!c) continue;
      subject_names.push_back(core::to_bytes(c->subject().der()));
      certificates.push_back(*c);
    }
    hash = anchor_set_hash(der);
  }
};

core::Bytes anchor_set_hash(std::span<const core::Bytes> der) {
  std::vector<const core::Bytes*> sorted;
  for (const auto& a : der) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return *a < *b; });
  crypto::Hash h(crypto::HashAlg::sha256);
  h.update(core::as_bytes("trust anchors"));
  for (auto* a : sorted) {
    core::Writer w;
    w.u24(static_cast<std::uint32_t>(a->size()));
    h.update(w.buffer());
    h.update(*a);
  }
  return h.digest();
}

TrustAnchors::TrustAnchors(std::vector<core::Bytes> der)
    : set_(std::make_shared<const Set>(std::move(der))) {}

const std::vector<core::Bytes>& TrustAnchors::der() const {
  return set_ ? set_->der : empty_set().der;
}
const std::vector<Certificate>& TrustAnchors::certificates() const {
  return set_ ? set_->certificates : empty_set().certificates;
}
const std::vector<core::Bytes>& TrustAnchors::subject_names() const {
  return set_ ? set_->subject_names : empty_set().subject_names;
}
const core::Bytes& TrustAnchors::set_hash() const { return set_ ? set_->hash : empty_set().hash; }

void TrustAnchors::push_back(core::Bytes der) { append({std::move(der)}); }

void TrustAnchors::append(const std::vector<core::Bytes>& more) {
  std::vector<core::Bytes> all = der();
  all.insert(all.end(), more.begin(), more.end());
  set_ = std::make_shared<const Set>(std::move(all));
}

// A default-made set (null pointer) reads as this one.
const TrustAnchors::Set& TrustAnchors::empty_set() {
  static const TrustAnchors::Set empty{std::vector<core::Bytes>{}};
  return empty;
}

}  // namespace glass::x509
