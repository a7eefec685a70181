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
#include <poll.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "glasstls/certificate.hpp"
#include "glasstls/context.hpp"
#include "glasstls/detail/engine.hpp"
#include "glasstls/error.hpp"
#include "glasstls/session.hpp"

namespace glass {

namespace detail {
// The "glasstls" category as Boost sees it (converts to glass::error_category()).
const boost::system::error_category& boost_category() noexcept;
}  // namespace detail

class stream_base {
 public:
  enum handshake_type { client, server };
};

template <class NextLayer>
class stream : public stream_base {
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

  // Synchronous calls that read (handshake, read_some, fill) give up at this time
  // with boost::asio::error::timed_out; for next layers with a native_handle()
  // (sockets). Blocking socket reads under Asio ignore SO_RCVTIMEO, so this is how a
  // synchronous handshake gets a deadline.
  void set_deadline(std::chrono::steady_clock::time_point t) { s_->deadline = t; }
  void clear_deadline() { s_->deadline.reset(); }

  // ---- handshake ---------------------------------------------------------
  void handshake(handshake_type type, boost::system::error_code& ec) {
    if (!begin(type, ec)) return;
    while (!s_->tls->handshake_done()) {
      if (!flush(ec)) return;
      if (s_->tls->handshake_done()) break;
      if (!pull(ec)) return;
    }
    flush(ec);
  }
  void handshake(handshake_type type, std::error_code& ec) { with_std(ec, [&](auto& b) { handshake(type, b); }); }
  void handshake(handshake_type type) { throw_on([&](auto& b) { handshake(type, b); }); }

  template <class CompletionToken>
  auto async_handshake(handshake_type type, CompletionToken&& token) {
    boost::system::error_code ec;
    if (!begin(type, ec)) return fail<void(boost::system::error_code)>(token, ec);
    return boost::asio::async_compose<CompletionToken, void(boost::system::error_code)>(
        [st = s_.get(), phase = 0](auto& self, boost::system::error_code ec = {}, std::size_t n = 0) mutable {
          if (phase == 4) return self.complete(st->failure_code());  // the alert went out
          if (phase != 0 && ec) return self.complete(ec);
          if (phase == 3 && !st->tls->feed(st->in.data(), n)) phase = 4;
          if (st->tls->has_output()) {
            st->out = st->tls->take_output();
            if (phase != 4) phase = 2;
            return boost::asio::async_write(st->next, boost::asio::buffer(st->out), std::move(self));
          }
          if (phase == 4) return self.complete(st->failure_code());
          if (st->tls->handshake_done()) {
            std::vector<std::uint8_t>().swap(st->in);  // an idle stream keeps no read buffer
            return self.complete(boost::system::error_code{});
          }
          phase = 3;
          st->in.resize(read_size);
          st->next.async_read_some(boost::asio::buffer(st->in), std::move(self));
        },
        token, s_->next);
  }

  // ---- data --------------------------------------------------------------
  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& b, boost::system::error_code& ec) {
    if (!ready(ec)) return 0;
    while (!s_->has_pending()) {
      if (s_->take_app_data()) break;
      if (s_->tls->peer_closed()) {
        ec = boost::asio::error::eof;
        return 0;
      }
      if (!pull(ec) || !flush(ec)) return 0;
    }
    return s_->copy_out(b);
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
    return boost::asio::async_compose<CompletionToken, void(boost::system::error_code, std::size_t)>(
        [st = s_.get(), b, phase = 0](auto& self, boost::system::error_code ec = {}, std::size_t n = 0) mutable {
          if (phase == 3) return self.complete(st->failure_code(), 0);  // the alert went out
          if (phase != 0 && ec) return self.complete(ec, 0);
          if (phase == 1 && !st->tls->feed(st->in.data(), n)) phase = 3;
          if (st->tls->has_output()) {  // a protocol answer (KeyUpdate, alert) first
            st->out = st->tls->take_output();
            if (phase != 3) phase = 2;
            return boost::asio::async_write(st->next, boost::asio::buffer(st->out), std::move(self));
          }
          if (phase == 3) return self.complete(st->failure_code(), 0);
          if (st->has_pending() || st->take_app_data())
            return self.complete(boost::system::error_code{}, st->copy_out(b));
          if (st->tls->peer_closed()) return self.complete(boost::asio::error::eof, 0);
          phase = 1;
          st->in.resize(read_size);
          st->next.async_read_some(boost::asio::buffer(st->in), std::move(self));
        },
        token, s_->next);
  }

  template <class ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& b, boost::system::error_code& ec) {
    if (!ready(ec)) return 0;
    if (!put(b, ec)) {
      boost::system::error_code ignored;
      flush(ignored);  // the alert
      return 0;
    }
    flush(ec);
    return ec ? 0 : boost::asio::buffer_size(b);
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
    bool ok = put(b, ec);
    // Its own buffer: a read in flight at the same time (full duplex) may be
    // sending a protocol answer from `out`.
    s_->wout = s_->tls->take_output();
    return boost::asio::async_compose<CompletionToken, void(boost::system::error_code, std::size_t)>(
        [st = s_.get(), ok, total = boost::asio::buffer_size(b), started = false](
            auto& self, boost::system::error_code ec = {}, std::size_t = 0) mutable {
          if (!started) {
            started = true;
            return boost::asio::async_write(st->next, boost::asio::buffer(st->wout), std::move(self));
          }
          std::vector<std::uint8_t>().swap(st->wout);
          if (!ok) return self.complete(st->failure_code(), 0);  // the alert went out
          self.complete(ec, ec ? 0 : total);
        },
        token, s_->next);
  }

  // ---- for event-driven programs (poll(), or one completion handler per step) ----
  // Decrypted application data waiting: read_some takes it without any I/O.
  std::size_t available() const {
    std::size_t n = s_->pending.size() - s_->pending_pos;
    return s_->tls ? n + s_->tls->app_data_size() : n;
  }
  // Sends what is queued (a KeyUpdate, a CertificateRequest), reads once from the
  // next layer, feeds the engine and sends its answer (KeyUpdate, alert): call it
  // when the socket is readable, then take what is available() with read_some.
  // eof when the next layer closed; the alert's code when the connection failed.
  void fill(boost::system::error_code& ec) {
    if (!ready(ec) || !flush(ec) || !pull(ec)) return;
    flush(ec);
  }
  void fill(std::error_code& ec) { with_std(ec, [&](auto& e) { fill(e); }); }
  // The same without a read buffer per stream: sends what is queued, waits until
  // the socket is readable, reads into a buffer shared by the thread, feeds the
  // engine and sends its answer. An idle connection then costs only its engine
  // state. Needs a socket next layer; completes with operation_aborted after the
  // socket's cancel().
  template <class CompletionToken>
  auto async_fill(CompletionToken&& token) {
    boost::system::error_code ec;
    if (!ready(ec)) return fail<void(boost::system::error_code)>(token, ec);
    return boost::asio::async_compose<CompletionToken, void(boost::system::error_code)>(
        [st = s_.get(), phase = 0, failed = false](auto& self, boost::system::error_code ec = {},
                                                   std::size_t = 0) mutable {
          if (phase == 0) {  // what is queued goes first (the peer may wait for it)
            phase = 1;
            if (st->tls->has_output()) {
              st->out = st->tls->take_output();
              return boost::asio::async_write(st->next, boost::asio::buffer(st->out), std::move(self));
            }
          }
          if (phase == 1) {
            std::vector<std::uint8_t>().swap(st->out);
            if (ec) return self.complete(ec);
            phase = 2;
            return st->next.async_wait(next_layer_type::wait_read, std::move(self));
          }
          if (phase == 2) {
            if (ec) return self.complete(ec);
            std::size_t n = st->read_now(ec);
            if (ec == boost::asio::error::would_block)  // a spurious wake-up
              return st->next.async_wait(next_layer_type::wait_read, std::move(self));
            if (ec) return self.complete(ec);
            failed = !st->tls->feed(state::shared_in().data(), n);
            if (!st->tls->has_output()) return self.complete(failed ? st->failure_code() : ec);
            phase = 3;
            st->out = st->tls->take_output();
            return boost::asio::async_write(st->next, boost::asio::buffer(st->out), std::move(self));
          }
          std::vector<std::uint8_t>().swap(st->out);  // the answer (or the alert) went out
          self.complete(ec ? ec : failed ? st->failure_code() : boost::system::error_code{});
        },
        token, s_->next);
  }
  // The handshake has completed (and the connection has not failed in it).
  bool handshake_done() const { return s_->tls && s_->tls->handshake_done(); }
  // close_notify received from the peer.
  bool peer_closed() const { return s_->tls && s_->tls->peer_closed(); }

  // ---- after the handshake: queued, sent by the next write, fill or read -----
  // TLS 1.3 KeyUpdate (RFC 8446 4.6.3); request_peer asks the peer to update too.
  // nullopt when queued, else why not (TLS 1.2, closed, failed).
  std::optional<error_info> key_update(bool request_peer) {
    if (!s_->tls) return error_info{alert::internal_error, false, "no handshake yet"};
    return s_->tls->key_update(request_peer);
  }
  // Server, TLS 1.3: post-handshake client authentication (RFC 8446 4.6.2). The
  // CertificateRequest is queued; fill/async_fill until post_handshake_auth_pending()
  // is false, then peer_certificate_chain()/peer_verified() tell the answer. A
  // refusal (TLS 1.2, the client did not offer post_handshake_auth, a request
  // pending) leaves the connection as it was; nullopt when queued.
  std::optional<error_info> request_client_certificate() {
    if (!s_->tls) return error_info{alert::internal_error, false, "no handshake yet"};
    return s_->tls->request_client_certificate();
  }
  bool post_handshake_auth_pending() const { return s_->tls && s_->tls->post_handshake_auth_pending(); }

  // ---- closing (sends close_notify) ----------------------------------------
  void shutdown(boost::system::error_code& ec) {
    if (!ready(ec)) return;
    s_->tls->close();
    flush(ec);
  }
  void shutdown(std::error_code& ec) { with_std(ec, [&](auto& e) { shutdown(e); }); }
  void shutdown() { throw_on([&](auto& e) { shutdown(e); }); }
  template <class CompletionToken>
  auto async_shutdown(CompletionToken&& token) {
    boost::system::error_code ec;
    if (!ready(ec)) return fail<void(boost::system::error_code)>(token, ec);
    s_->tls->close();
    s_->out = s_->tls->take_output();
    return boost::asio::async_compose<CompletionToken, void(boost::system::error_code)>(
        [st = s_.get(), started = false](auto& self, boost::system::error_code ec = {},
                                         std::size_t = 0) mutable {
          if (!started) {
            started = true;
            return boost::asio::async_write(st->next, boost::asio::buffer(st->out), std::move(self));
          }
          self.complete(ec);
        },
        token, s_->next);
  }

  // ---- what was negotiated and learnt (after the handshake) -----------------
  // The peer's chain as it sent it, leaf first (empty if it sent none).
  std::vector<certificate> peer_certificate_chain() const {
    return s_->tls ? s_->tls->peer_chain() : std::vector<certificate>{};
  }
  std::optional<certificate> peer_certificate() const {
    auto chain = peer_certificate_chain();
    if (chain.empty()) return std::nullopt;
    return chain.front();
  }
  // The peer's chain validated against our CAs (or the verify callback accepted it).
  // On a resumed stream: in the original handshake.
  bool peer_verified() const { return s_->tls && s_->tls->peer_verified(); }
  // The handshake resumed a session from a ticket (no certificates were sent).
  bool resumed() const { return s_->tls && s_->tls->resumed(); }
  // Server, resumed stream: the subject of the client certificate authenticated in
  // the original handshake, as sealed in the ticket ("" if there was none).
  std::string resumed_client_subject() const {
    return s_->tls ? s_->tls->resumed_client_subject() : "";
  }
  std::string alpn_protocol() const { return s_->tls ? s_->tls->alpn() : ""; }
  std::string protocol_version() const { return s_->tls ? s_->tls->version() : ""; }  // "TLS 1.3"
  std::string cipher_suite() const {  // "TLS_AES_128_GCM_SHA256"
    return s_->tls ? s_->tls->cipher_suite() : "";
  }
  // Everything else that was negotiated and learnt (names, flags, ticket counts).
  session_info connection_info() const { return s_->tls ? s_->tls->info() : session_info{}; }
  // Why the connection failed: alert, who sent it, reason. Empty while all is well.
  std::optional<error_info> last_error() const {
    if (s_->failure) return s_->failure;
    return s_->tls ? s_->tls->error() : std::nullopt;
  }

  // The engine underneath (internal, may change); null before the handshake.
  detail::engine* native_handle() { return s_->tls ? &*s_->tls : nullptr; }

 private:
  static constexpr std::size_t read_size = 16 * 1024 + 512;  // one record and more

  struct state {
    template <class Arg>
    state(Arg&& arg, std::shared_ptr<const detail::settings> s)
        : next(std::forward<Arg>(arg)), settings(std::move(s)) {}
    NextLayer next;
    std::shared_ptr<const detail::settings> settings;
    std::string server_name;
    std::unique_ptr<detail::engine> tls;
    std::optional<error_info> failure;  // a failure before the engine existed
    std::optional<std::chrono::steady_clock::time_point> deadline;
    std::vector<std::uint8_t> in, out, wout, pending;
    std::size_t pending_pos = 0;

    boost::system::error_code failure_code() const {
      return {tls ? tls->failure_value() : static_cast<int>(alert::internal_error), detail::boost_category()};
    }
    bool has_pending() const { return pending_pos < pending.size(); }
    static std::vector<std::uint8_t>& shared_in() {
      thread_local std::vector<std::uint8_t> buf(read_size);
      return buf;
    }
    // One non-blocking read into shared_in().
    std::size_t read_now(boost::system::error_code& ec) {
      if (!next.non_blocking()) next.non_blocking(true, ec);
      if (ec) return 0;
      return next.read_some(boost::asio::buffer(shared_in()), ec);
    }
    bool take_app_data() {
      if (!tls->has_app_data()) return false;
      pending = tls->read();
      pending_pos = 0;
      return has_pending();
    }
    template <class MutableBufferSequence>
    std::size_t copy_out(const MutableBufferSequence& b) {
      std::size_t n = boost::asio::buffer_copy(
          b, boost::asio::buffer(pending.data() + pending_pos, pending.size() - pending_pos));
      pending_pos += n;
      if (pending_pos == pending.size()) {
        std::vector<std::uint8_t>().swap(pending);
        pending_pos = 0;
      }
      return n;
    }
  };

  // Makes the engine for this role and starts it; the first handshake call does it.
  bool begin(handshake_type type, boost::system::error_code& ec) {
    ec = {};
    if (s_->tls) return true;
    error_info failure;
    s_->tls = detail::engine::create(*s_->settings, type == client, s_->server_name, failure);
    if (!s_->tls) {
      s_->failure = failure;
      ec = {static_cast<int>(failure.alert), detail::boost_category()};
      return false;
    }
    return check(s_->tls->start(), ec);
  }
  bool ready(boost::system::error_code& ec) {
    ec = {};
    if (s_->tls) return true;
    ec = boost::asio::error::not_connected;
    return false;
  }
  // A failed engine call as an error code, after sending the alert it queued.
  bool check(bool ok, boost::system::error_code& ec) {
    if (ok) return true;
    boost::system::error_code ignored;
    flush(ignored);
    ec = s_->failure_code();
    return false;
  }
  bool flush(boost::system::error_code& ec) {
    ec = {};
    if (!s_->tls->has_output()) return true;
    std::vector<std::uint8_t> out = s_->tls->take_output();
    boost::asio::write(s_->next, boost::asio::buffer(out), ec);
    return !ec;
  }
  // Reads once from the next layer and feeds the engine.
  bool pull(boost::system::error_code& ec) {
    if (!wait_readable(ec)) return false;
    s_->in.resize(read_size);
    std::size_t n = s_->next.read_some(boost::asio::buffer(s_->in), ec);
    if (ec) return false;
    return check(s_->tls->feed(s_->in.data(), n), ec);
  }
  bool wait_readable(boost::system::error_code& ec) {
    if (!s_->deadline) return true;
    if constexpr (requires { s_->next.native_handle(); }) {
      for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            *s_->deadline - std::chrono::steady_clock::now());
        pollfd p{static_cast<int>(s_->next.native_handle()), POLLIN, 0};
        int r = left.count() <= 0 ? 0 : ::poll(&p, 1, static_cast<int>(left.count()));
        if (r > 0) return true;
        if (r < 0 && errno == EINTR) continue;
        ec = boost::asio::error::timed_out;
        return false;
      }
    }
    return true;
  }
  // Hands the data to the engine (not yet sent).
  template <class ConstBufferSequence>
  bool put(const ConstBufferSequence& b, boost::system::error_code& ec) {
    for (auto it = boost::asio::buffer_sequence_begin(b); it != boost::asio::buffer_sequence_end(b); ++it) {
      boost::asio::const_buffer c = *it;
      if (!s_->tls->write(static_cast<const std::uint8_t*>(c.data()), c.size())) {
        ec = s_->failure_code();
        return false;
      }
    }
    return true;
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
