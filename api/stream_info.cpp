// What glass::stream reports about its connection, kept out of the header.
#include "glasstls/stream.hpp"

namespace glass::detail {

std::optional<error_info> error_of(const handshake::Connection& c) {
  if (!c.error()) return std::nullopt;
  return error_info{static_cast<alert>(c.error()->alert), c.error_from_peer(), c.error()->reason};
}

std::string alpn_of(const handshake::Connection& c) { return c.info().alpn; }

std::string version_of(const handshake::Connection& c) {
  if (!c.is_handshake_done()) return "";
  return handshake::name_of(c.info().version);
}

std::string cipher_suite_of(const handshake::Connection& c) {
  if (!c.is_handshake_done()) return "";
  return handshake::name_of(c.info().cipher_suite);
}

}  // namespace glass::detail
