#pragma once
// The set of CA certificates a configuration trusts, parsed once when the set is
// made: the DER as given, the certificates that parse, their subject names and the
// hash of the set. Immutable and shared: copying a set (and so a handshake Config)
// copies a pointer, and every handshake reuses the parsed certificates.
#include <initializer_list>
#include <memory>
#include <span>
#include <vector>

#include "core/bytes.hpp"
#include "x509/certificate.hpp"

namespace glass::x509 {

class TrustAnchors {
 public:
  TrustAnchors() = default;
  // Implicit, so a list of DER certificates can be assigned where a set is wanted.
  TrustAnchors(std::vector<core::Bytes> der);  // NOLINT(google-explicit-constructor)
  TrustAnchors(std::initializer_list<core::Bytes> der)
      : TrustAnchors(std::vector<core::Bytes>(der)) {}

  // Every certificate as given, in order, including any that does not parse.
  const std::vector<core::Bytes>& der() const;
  // The ones that parse (views into der()); one that does not parse is kept in
  // der() and in the hash but is never an anchor, as if it were absent.
  const std::vector<Certificate>& certificates() const;
  // Their subject names (DER), in the same order (for certificate_authorities).
  const std::vector<core::Bytes>& subject_names() const;
  // SHA-256 over "trust anchors" and the DER certificates sorted bytewise, each
  // with a 24-bit length: the same for the same set in any order (session tickets
  // carry it, so a ticket is only resumed under the anchors it was issued with).
  const core::Bytes& set_hash() const;

  // A new set with more certificates (the parse and the hash are done again once;
  // other copies of this set are unchanged).
  void push_back(core::Bytes der);
  void append(const std::vector<core::Bytes>& der);

  std::size_t size() const { return der().size(); }
  bool empty() const { return der().empty(); }
  auto begin() const { return der().begin(); }
  auto end() const { return der().end(); }

 private:
  struct Set;
  static const Set& empty_set();
  std::shared_ptr<const Set> set_;
};

// The set hash of any list of DER certificates (TrustAnchors::set_hash).
core::Bytes anchor_set_hash(std::span<const core::Bytes> der);

}  // namespace glass::x509
