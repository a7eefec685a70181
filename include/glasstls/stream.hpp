#pragma once
// glass::stream<NextLayer>: TLS over any Asio stream (normally a tcp::socket),
// shaped like boost::asio::ssl::stream and made from a glass::context.
//
//   glass::stream<tcp::socket> s(io, ctx);             // or (std::move(socket), ctx)
//   asio::connect(s.next_layer(), endpoints);
//   s.handshake(glass::stream_base::client);
//   asio::write(s, asio::buffer(request));             // composes like any Asio stream
//
// Handlers get boost::system::error_code as Asio requires; it converts to a
// std::error_code in the "glasstls" category (glass::error_category()), and
// last_error() tells the alert, who sent it and why. The synchronous calls also
// take a std::error_code&.
#include <utility>  // Boost 1.74 asio needs std::exchange declared first

#include <boost/asio.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/context.hpp"
#include "net/stream.hpp"

namespace glass {

namespace detail {
struct settings;
// The context's settings as they are now (a stream keeps its own copy).
std::shared_ptr<const settings> snapshot(const context& ctx);
// A Config for one connection; `keep` owns what the Config points to (observers).
// Fails (internal_error) when the context's method forbids the role.
core::Status make_config(const settings& s, handshake::Role role, const std::string& server_name,
                         handshake::Config& out, std::shared_ptr<void>& keep);
std::optional<error_info> error_of(const handshake::Connection& c);
std::string alpn_of(const handshake::Connection& c);
std::string version_of(const handshake::Connection& c);
std::string cipher_suite_of(const handshake::Connection& c);
}  // namespace detail

class stream_base {
 public:
  enum handshake_type { client, server };
};

template <class NextLayer>
class stream : public stream_base {
  using tls_type = net::stream<std::remove_reference_t<NextLayer>&>;

 public:
  using next_layer_type = std::remove_reference_t<NextLayer>;
  using lowest_layer_type = typename next_layer_type::lowest_layer_type;
  using executor_type = typename next_layer_type::executor_type;

  template <class Arg>
  stream(Arg&& arg, const context& ctx)
      : s_(std::make_unique<state>(std::forward<Arg>(arg), detail::snapshot(ctx))) {}

  executor_type get_executor() { return s_->next.get_executor(); }
  next_layer_type& next_layer() { return s_->next; }
  const next_layer_type& next_layer() const { return s_->next; }
  lowest_layer_type& lowest_layer() { return s_->next.lowest_layer(); }

  // Client: SNI and the host name the server's certificate must match (before handshake).
  void set_server_name(std::string name) { s_->server_name = std::move(name); }

  // ---- handshake ---------------------------------------------------------
  void handshake(handshake_type type, boost::system::error_code& ec) {
    if (begin(type, ec)) s_->tls->handshake(ec);
  }
  void handshake(handshake_type type, std::error_code& ec) { with_std(ec, [&](auto& b) { handshake(type, b); }); }
  void handshake(handshake_type type) { throw_on([&](auto& b) { handshake(type, b); }); }

  template <class CompletionToken>
  auto async_handshake(handshake_type type, CompletionToken&& token) {
    boost::system::error_code ec;
    if (!begin(type, ec)) return fail<void(boost::system::error_code)>(token, ec);
    return s_->tls->async_handshake(std::forward<CompletionToken>(token));
  }

  // ---- data --------------------------------------------------------------
  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& b, boost::system::error_code& ec) {
    if (!ready(ec)) return 0;
    return s_->tls->read_some(b, ec);
  }
  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& b, std::error_code& ec) {
    std::size_t n = 0;
    with_std(ec, [&](auto& e) { n = read_some(b, e); });
    return n;
  }
  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& b) {
    std::size_t n = 0;
    throw_on([&](auto& e) { n = read_some(b, e); });
    return n;
  }
  template <class MutableBufferSequence, class CompletionToken>
  auto async_read_some(const MutableBufferSequence& b, CompletionToken&& token) {
    boost::system::error_code ec;
    if (!ready(ec)) return fail<void(boost::system::error_code, std::size_t)>(token, ec);
    return s_->tls->async_read_some(b, std::forward<CompletionToken>(token));
  }

  template <class ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& b, boost::system::error_code& ec) {
    if (!ready(ec)) return 0;
    return s_->tls->write_some(b, ec);
  }
  template <class ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& b, std::error_code& ec) {
    std::size_t n = 0;
    with_std(ec, [&](auto& e) { n = write_some(b, e); });
    return n;
  }
  template <class ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& b) {
    std::size_t n = 0;
    throw_on([&](auto& e) { n = write_some(b, e); });
    return n;
  }
  template <class ConstBufferSequence, class CompletionToken>
  auto async_write_some(const ConstBufferSequence& b, CompletionToken&& token) {
    boost::system::error_code ec;
    if (!ready(ec)) return fail<void(boost::system::error_code, std::size_t)>(token, ec);
    return s_->tls->async_write_some(b, std::forward<CompletionToken>(token));
  }

  // ---- closing (sends close_notify) ----------------------------------------
  void shutdown(boost::system::error_code& ec) {
    if (ready(ec)) s_->tls->shutdown(ec);
  }
  void shutdown(std::error_code& ec) { with_std(ec, [&](auto& e) { shutdown(e); }); }
  void shutdown() { throw_on([&](auto& e) { shutdown(e); }); }
  template <class CompletionToken>
  auto async_shutdown(CompletionToken&& token) {
    boost::system::error_code ec;
    if (!ready(ec)) return fail<void(boost::system::error_code)>(token, ec);
    return s_->tls->async_shutdown(std::forward<CompletionToken>(token));
  }

  // ---- what was negotiated and learnt (after the handshake) -----------------
  // The peer's chain as it sent it, leaf first (empty if it sent none).
  std::vector<certificate> peer_certificate_chain() const {
    std::vector<certificate> out;
    if (s_->tls)
      for (auto& der : s_->tls->connection().info().peer_chain) out.emplace_back(der);
    return out;
  }
  std::optional<certificate> peer_certificate() const {
    auto chain = peer_certificate_chain();
    if (chain.empty()) return std::nullopt;
    return chain.front();
  }
  // The peer's chain validated against our CAs (or the verify callback accepted it).
  // On a resumed stream: in the original handshake.
  bool peer_verified() const { return s_->tls && s_->tls->connection().info().peer_verified; }
  // The handshake resumed a session from a ticket (no certificates were sent).
  bool resumed() const { return s_->tls && s_->tls->connection().info().resumed; }
  // Server, resumed stream: the subject of the client certificate authenticated in
  // the original handshake, as sealed in the ticket ("" if there was none).
  std::string resumed_client_subject() const {
    return s_->tls ? s_->tls->connection().info().resumed_client_subject : "";
  }
  std::string alpn_protocol() const { return s_->tls ? detail::alpn_of(s_->tls->connection()) : ""; }
  std::string protocol_version() const {  // "TLS 1.3"
    return s_->tls ? detail::version_of(s_->tls->connection()) : "";
  }
  std::string cipher_suite() const {  // "TLS_AES_128_GCM_SHA256"
    return s_->tls ? detail::cipher_suite_of(s_->tls->connection()) : "";
  }
  // Why the connection failed: alert, who sent it, reason. Empty while all is well.
  std::optional<error_info> last_error() const {
    if (s_->failure) return s_->failure;
    return s_->tls ? detail::error_of(s_->tls->connection()) : std::nullopt;
  }

  // The engine underneath, for what this API does not cover (internal, may change).
  tls_type* native_handle() { return s_->tls ? &*s_->tls : nullptr; }

 private:
  struct state {
    template <class Arg>
    state(Arg&& arg, std::shared_ptr<const detail::settings> s)
        : next(std::forward<Arg>(arg)), settings(std::move(s)) {}
    NextLayer next;
    std::shared_ptr<const detail::settings> settings;
    std::string server_name;
    std::shared_ptr<void> keep;
    std::optional<tls_type> tls;
    std::optional<error_info> failure;  // a failure before the engine existed
  };

  // Builds the engine for this role; the first handshake call does it.
  bool begin(handshake_type type, boost::system::error_code& ec) {
    ec = {};
    if (s_->tls) return true;
    handshake::Config cfg;
    auto st = detail::make_config(*s_->settings,
                                  type == client ? handshake::Role::client : handshake::Role::server,
                                  s_->server_name, cfg, s_->keep);
    if (!st) {
      s_->failure = error_info{static_cast<alert>(st.error().alert), false, st.error().reason};
      ec = net::make_error_code(st.error().alert);
      return false;
    }
    s_->tls.emplace(s_->next, std::move(cfg));
    return true;
  }
  bool ready(boost::system::error_code& ec) {
    ec = {};
    if (s_->tls) return true;
    ec = boost::asio::error::not_connected;
    return false;
  }
  // Completes an async operation that failed before it started (never inline).
  template <class Signature, class CompletionToken>
  auto fail(CompletionToken& token, boost::system::error_code ec) {
    return boost::asio::async_initiate<CompletionToken, Signature>(
        [ec, ex = get_executor()](auto handler) {
          boost::asio::post(ex, [ec, h = std::move(handler)]() mutable {
            if constexpr (std::is_same_v<Signature, void(boost::system::error_code)>) h(ec);
            else h(ec, std::size_t{0});
          });
        },
        token);
  }
  template <class F>
  static void with_std(std::error_code& ec, F f) {
    boost::system::error_code b;
    f(b);
    ec = b;
  }
  template <class F>
  static void throw_on(F f) {
    boost::system::error_code b;
    f(b);
    if (b) throw boost::system::system_error(b);
  }

  std::unique_ptr<state> s_;
};

}  // namespace glass
