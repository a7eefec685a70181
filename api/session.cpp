// glass::session: a client's resumable session in the engine's session file format.
#include "glasstls/session.hpp"

#include "api/settings.hpp"

namespace glass {

std::vector<std::uint8_t> session::to_bytes() const {
  if (!impl_) return {};
  return handshake::encode_client_session(impl_->s);
}

std::optional<session> session::from_bytes(std::span<const std::uint8_t> bytes, std::string& error) {
  auto s = handshake::parse_client_session(bytes);
  if (!s) {
    error = s.error().reason;
    return std::nullopt;
  }
  return session(std::make_shared<const impl>(impl{std::move(*s)}));
}

const std::string& session::server_name() const {
  static const std::string none;
  return impl_ ? impl_->s.server_name : none;
}
std::size_t session::ticket_size() const { return impl_ ? impl_->s.ticket.size() : 0; }
std::uint32_t session::lifetime() const { return impl_ ? impl_->s.lifetime : 0; }

}  // namespace glass
