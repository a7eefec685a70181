#include "core/result.hpp"

namespace glass::core {

std::string Error::to_string() const {
  std::string s(alert_name(alert));
  if (!reason.empty()) {
    s += ": ";
    s += reason;
  }
  return s;
}

}  // namespace glass::core
