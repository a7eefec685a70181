#include "net/error.hpp"

namespace glass::net {

namespace {
class TlsCategory final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "glasstls"; }
  std::string message(int v) const override {
    return "TLS alert " + std::string(core::alert_name(static_cast<core::Alert>(v)));
  }
};
}  // namespace

const boost::system::error_category& tls_category() {
  static const TlsCategory cat;
  return cat;
}

}  // namespace glass::net
