#pragma once
// A certificate the peer presented: its DER bytes and, in words, whom it names.
#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

namespace glass {

class certificate {
 public:
  certificate() = default;
  explicit certificate(std::vector<std::uint8_t> der) : der_(std::move(der)) {}

  const std::vector<std::uint8_t>& der() const { return der_; }
  // RFC 4514 text ("CN=alice,O=Example"); empty if the certificate does not parse.
  std::string subject() const;
  std::string issuer() const;
  // Validity as seconds since the epoch (0 if it does not parse).
  std::int64_t not_before() const;
  std::int64_t not_after() const;

 private:
  std::vector<std::uint8_t> der_;
};

// What a verify callback sees: one certificate of the peer's chain and glasstls's
// verdict on the whole chain (RFC 5280 path validation against the context's CAs).
class verify_context {
 public:
  verify_context(int depth, certificate cert, std::error_code error, std::string reason)
      : depth_(depth), cert_(std::move(cert)), error_(error), reason_(std::move(reason)) {}

  int depth() const { return depth_; }  // 0: the peer's own certificate
  const certificate& current_certificate() const { return cert_; }
  std::error_code error() const { return error_; }     // empty when the chain validated
  const std::string& reason() const { return reason_; }  // "OK" or why the chain failed

 private:
  int depth_;
  certificate cert_;
  std::error_code error_;
  std::string reason_;
};

}  // namespace glass
