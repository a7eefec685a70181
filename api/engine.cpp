// detail::engine: the public stream's handle on a handshake::Connection.
#include "glasstls/detail/engine.hpp"

#include "api/internal.hpp"
#include "api/settings.hpp"
#include "handshake/connection.hpp"

namespace glass::detail {

struct engine::impl {
  impl(handshake::Config cfg, std::shared_ptr<void> k) : keep(std::move(k)), conn(std::move(cfg)) {}
  std::shared_ptr<void> keep;  // what the Config points to (observers); outlives conn
  handshake::Connection conn;
};

const handshake::Connection& connection_of(const engine& e) { return e.get_impl().conn; }

engine::engine(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
engine::~engine() = default;

std::unique_ptr<engine> engine::create(const settings& s, bool client, const std::string& server_name,
                                       error_info& failure) {
  handshake::Config cfg;
  std::shared_ptr<void> keep;
  auto st = make_config(s, client ? handshake::Role::client : handshake::Role::server, server_name, cfg, keep);
  if (!st) {
    failure = error_info{public_alert(st.error().alert), false, st.error().reason};
    return nullptr;
  }
  return std::unique_ptr<engine>(new engine(std::make_unique<impl>(std::move(cfg), std::move(keep))));
}

bool engine::start() { return impl_->conn.start().ok(); }
bool engine::feed(const std::uint8_t* data, std::size_t size) { return impl_->conn.feed({data, size}).ok(); }
bool engine::write(const std::uint8_t* data, std::size_t size) { return impl_->conn.write({data, size}).ok(); }
void engine::close() { impl_->conn.close(); }
bool engine::has_output() const { return impl_->conn.has_output(); }
std::vector<std::uint8_t> engine::take_output() { return impl_->conn.take_output(); }
bool engine::handshake_done() const { return impl_->conn.is_handshake_done(); }
bool engine::has_app_data() const { return impl_->conn.has_app_data(); }
std::vector<std::uint8_t> engine::read() { return impl_->conn.read(); }
bool engine::peer_closed() const { return impl_->conn.peer_closed(); }
std::size_t engine::app_data_size() const { return impl_->conn.app_data().size(); }

namespace {
std::optional<error_info> refusal(const core::Status& st, const handshake::Connection& c) {
  if (st) return std::nullopt;
  return error_info{public_alert(st.error().alert), c.error() && c.error_from_peer(), st.error().reason};
}
}  // namespace

std::optional<error_info> engine::key_update(bool request_peer) {
  // The engine fails the connection when asked at the wrong time; a library
  // user's mistake should not end it.
  const auto& c = impl_->conn;
  if (!c.is_handshake_done() || c.error() || c.info().version != handshake::ProtocolVersion::tls13)
    return error_info{alert::internal_error, false, "KeyUpdate needs an established TLS 1.3 connection"};
  return refusal(impl_->conn.key_update(request_peer), impl_->conn);
}
std::optional<error_info> engine::request_client_certificate() {
  return refusal(impl_->conn.request_client_certificate(), impl_->conn);
}
bool engine::post_handshake_auth_pending() const { return impl_->conn.post_handshake_auth_pending(); }

std::optional<error_info> engine::error() const {
  const auto& c = impl_->conn;
  if (!c.error()) return std::nullopt;
  return error_info{public_alert(c.error()->alert), c.error_from_peer(), c.error()->reason};
}

int engine::failure_value() const {
  const auto& e = impl_->conn.error();
  return static_cast<int>(e ? e->alert : core::Alert::internal_error);
}

std::vector<certificate> engine::peer_chain() const {
  std::vector<certificate> out;
  for (auto& der : impl_->conn.info().peer_chain) out.emplace_back(der);
  return out;
}

bool engine::peer_verified() const { return impl_->conn.info().peer_verified; }
bool engine::resumed() const { return impl_->conn.info().resumed; }
std::string engine::resumed_client_subject() const {
  return impl_->conn.info().resumed_client_subject;
}
std::string engine::alpn() const { return impl_->conn.info().alpn; }

std::string engine::version() const {
  if (!impl_->conn.is_handshake_done()) return "";
  return handshake::name_of(impl_->conn.info().version);
}

std::string engine::cipher_suite() const {
  if (!impl_->conn.is_handshake_done()) return "";
  return handshake::name_of(impl_->conn.info().cipher_suite);
}

session_info engine::info() const {
  const auto& i = impl_->conn.info();
  session_info out;
  if (impl_->conn.is_handshake_done()) {
    out.version = handshake::name_of(i.version);
    out.cipher_suite = handshake::name_of(i.cipher_suite);
    if (i.group != crypto::NamedGroup{}) out.group = crypto::name_of(i.group);
  }
  out.hello_retry_request = i.hello_retry_request;
  out.alpn = i.alpn;
  out.server_name = i.server_name;
  out.peer_verified = i.peer_verified;
  out.peer_verify_result = i.peer_verify_result;
  out.client_cert_requested = i.client_cert_requested;
  out.client_cert_sent = i.client_cert_sent;
  out.resumed = i.resumed;
  out.psk_offered = i.psk_offered;
  out.tickets_received = i.tickets_received;
  out.tickets_sent = i.tickets_sent;
  return out;
}

}  // namespace glass::detail
