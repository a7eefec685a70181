// Certificate text for users of the public API, from the x509 layer's view.
#include "glasstls/certificate.hpp"

#include "x509/certificate.hpp"

namespace glass {

std::string certificate::subject() const {
  auto c = x509::Certificate::parse(der_);
  return c ? c->subject().to_string() : std::string();
}

std::string certificate::issuer() const {
  auto c = x509::Certificate::parse(der_);
  return c ? c->issuer().to_string() : std::string();
}

std::int64_t certificate::not_before() const {
  auto c = x509::Certificate::parse(der_);
  return c ? c->not_before() : 0;
}

std::int64_t certificate::not_after() const {
  auto c = x509::Certificate::parse(der_);
  return c ? c->not_after() : 0;
}

}  // namespace glass
