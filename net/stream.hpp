#pragma once
// glass::net::stream<NextLayer>: a TLS stream over any Asio stream (normally a
// tcp::socket), shaped like boost::asio::ssl::stream. It is a thin loop around
// the sans-I/O handshake::Connection: read from the next layer, feed(), write
// what output() shows (synchronous) or take_output() gives (asynchronous, whose
// buffer must outlive other calls on the connection). Synchronous and asynchronous forms are provided;
// the async ones compose with asio::async_read / asio::async_write.
#include <utility>  // Boost 1.74 asio needs std::exchange declared first

#include <boost/asio.hpp>
#include <chrono>
#include <poll.h>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

#include "handshake/connection.hpp"
#include "net/error.hpp"

namespace glass::net {

namespace asio = boost::asio;

template <class NextLayer>
class stream {
 public:
  using next_layer_type = std::remove_reference_t<NextLayer>;
  using executor_type = typename next_layer_type::executor_type;

  template <class Arg>
  stream(Arg&& next, handshake::Config config)
      : next_(std::forward<Arg>(next)), conn_(std::move(config)) {}

  executor_type get_executor() { return next_.get_executor(); }
  next_layer_type& next_layer() { return next_; }
  const next_layer_type& next_layer() const { return next_; }
  handshake::Connection& connection() { return conn_; }
  const handshake::Connection& connection() const { return conn_; }
  // The full error (alert + reason) behind the last failing error_code.
  const std::optional<core::Error>& last_error() const { return conn_.error(); }
  // Application data already decrypted and waiting for read_some.
  bool buffered() const { return conn_.has_app_data(); }

  // TLS 1.3 client authentication: the server judges our certificate only after
  // our Finished, so a plain handshake() reports success before the verdict. With
  // a wait set, a client handshake() that sent a certificate then listens that
  // long for an alert (next layers with a native_handle(), i.e. sockets).
  enum class Verdict : std::uint8_t { not_applicable, accepted, rejected, no_verdict_yet };
  void set_verdict_wait(std::chrono::milliseconds wait) { verdict_wait_ = wait; }
  Verdict verdict() const { return verdict_; }

  // Synchronous reads give up at this time with asio::error::timed_out (next
  // layers with a native_handle(), i.e. sockets). Blocking socket reads ignore
  // SO_RCVTIMEO under Asio, so this is how a handshake gets a deadline.
  void set_deadline(std::chrono::steady_clock::time_point t) { deadline_ = t; }
  void clear_deadline() { deadline_.reset(); }

  // ---- synchronous -------------------------------------------------------

  // One read from the next layer, fed to the engine, and any protocol answer
  // (KeyUpdate, alerts) flushed. For poll()-driven programs: call it when the
  // socket is readable, then take what is buffered() with read_some.
  // Sends whatever the engine has queued (e.g. after request_client_certificate()).
  void flush_output(boost::system::error_code& ec) {
    ec = {};
    flush(ec);
  }

  void fill(boost::system::error_code& ec) {
    ec = {};
    if (!pull(ec)) return;
    flush(ec);
  }

  void handshake(boost::system::error_code& ec) {
    ec = {};
    if (!started_) {
      started_ = true;
      if (!check(conn_.start(), ec)) return;
    }
    while (!conn_.is_handshake_done()) {
      if (!flush(ec)) return;
      if (conn_.is_handshake_done()) break;
      if (!pull(ec)) return;
    }
    if (!flush(ec)) return;
    await_verdict(ec);
  }
  void handshake() { throw_if(&stream::handshake_ec); }

  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, boost::system::error_code& ec) {
    ec = {};
    while (!conn_.has_app_data()) {
      if (conn_.peer_closed()) {
        ec = asio::error::eof;
        return 0;
      }
      if (!pull(ec)) return 0;
      flush(ec);
      if (ec) return 0;
    }
    return copy_out(buffers);
  }
  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    boost::system::error_code ec;
    std::size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

  template <class ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
    ec = {};
    std::size_t total = 0;
    for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers);
         ++it) {
      asio::const_buffer b = *it;
      if (!check(conn_.write({static_cast<const std::uint8_t*>(b.data()), b.size()}), ec))
        return 0;
      total += b.size();
    }
    flush(ec);
    return ec ? 0 : total;
  }
  template <class ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    boost::system::error_code ec;
    std::size_t n = write_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

  void shutdown(boost::system::error_code& ec) {
    ec = {};
    conn_.close();
    flush(ec);
  }
  void shutdown() { throw_if(&stream::shutdown_ec); }

  // ---- asynchronous ------------------------------------------------------

  template <class CompletionToken>
  auto async_handshake(CompletionToken&& token) {
    return asio::async_compose<CompletionToken, void(boost::system::error_code)>(
        [this, state = 0](auto& self, boost::system::error_code ec = {},
                          std::size_t n = 0) mutable {
          if (state == 0) {
            state = 1;
            if (!started_) {
              started_ = true;
              if (!check(conn_.start(), ec)) return self.complete(ec);
            }
          } else if (state == 2) {  // wrote output
            if (ec) return self.complete(ec);
          } else if (state == 3) {  // read input
            if (ec) return self.complete(ec);
            if (!check(conn_.feed({in_.data(), n}), ec)) {
              out_ = conn_.take_output();
              state = 4;
              return asio::async_write(next_, asio::buffer(out_), std::move(self));
            }
          } else if (state == 4) {  // wrote the alert after a failure
            return self.complete(error_code_of_failure());
          }
          if (conn_.has_output()) {
            out_ = conn_.take_output();
            state = 2;
            return asio::async_write(next_, asio::buffer(out_), std::move(self));
          }
          if (conn_.is_handshake_done()) return self.complete(boost::system::error_code{});
          state = 3;
          in_.resize(16 * 1024 + 512);
          next_.async_read_some(asio::buffer(in_), std::move(self));
        },
        token, next_);
  }

  template <class MutableBufferSequence, class CompletionToken>
  auto async_read_some(const MutableBufferSequence& buffers, CompletionToken&& token) {
    return asio::async_compose<CompletionToken, void(boost::system::error_code, std::size_t)>(
        [this, buffers, state = 0](auto& self, boost::system::error_code ec = {},
                                   std::size_t n = 0) mutable {
          if (state == 1) {  // read input
            if (ec) return self.complete(ec, 0);
            if (!check(conn_.feed({in_.data(), n}), ec)) {
              out_ = conn_.take_output();
              state = 3;
              return asio::async_write(next_, asio::buffer(out_), std::move(self));
            }
          } else if (state == 2) {  // flushed protocol output (KeyUpdate reply, ...)
            if (ec) return self.complete(ec, 0);
          } else if (state == 3) {
            return self.complete(error_code_of_failure(), 0);
          }
          if (conn_.has_output()) {
            out_ = conn_.take_output();
            state = 2;
            return asio::async_write(next_, asio::buffer(out_), std::move(self));
          }
          if (conn_.has_app_data())
            return self.complete(boost::system::error_code{}, copy_out(buffers));
          if (conn_.peer_closed()) return self.complete(asio::error::eof, 0);
          state = 1;
          in_.resize(16 * 1024 + 512);
          next_.async_read_some(asio::buffer(in_), std::move(self));
        },
        token, next_);
  }

  template <class ConstBufferSequence, class CompletionToken>
  auto async_write_some(const ConstBufferSequence& buffers, CompletionToken&& token) {
    return asio::async_compose<CompletionToken, void(boost::system::error_code, std::size_t)>(
        [this, buffers, state = 0, total = std::size_t{0}](
            auto& self, boost::system::error_code ec = {}, std::size_t = 0) mutable {
          if (state == 0) {
            state = 1;
            for (auto it = asio::buffer_sequence_begin(buffers);
                 it != asio::buffer_sequence_end(buffers); ++it) {
              asio::const_buffer b = *it;
              if (!check(conn_.write({static_cast<const std::uint8_t*>(b.data()), b.size()}),
                         ec))
                return self.complete(ec, 0);
              total += b.size();
            }
            wout_ = conn_.take_output();
            return asio::async_write(next_, asio::buffer(wout_), std::move(self));
          }
          release(wout_);
          self.complete(ec, ec ? 0 : total);
        },
        token, next_);
  }

  // Waits until the next layer is readable, reads what is there into a buffer
  // shared by the thread (no per-connection read buffer: an idle connection
  // costs only its engine state), feeds the engine and sends any answer it
  // queued. Completes with eof, the alert's error code, or the next layer's
  // error (operation_aborted after cancel()). Needs a socket next layer.
  template <class CompletionToken>
  auto async_fill(CompletionToken&& token) {
    return asio::async_compose<CompletionToken, void(boost::system::error_code)>(
        [this, state = 0](auto& self, boost::system::error_code ec = {},
                          std::size_t = 0) mutable {
          if (state == 0) {  // send what is queued first (the peer may wait for it)
            state = 1;
            if (conn_.has_output()) {
              out_ = conn_.take_output();
              return asio::async_write(next_, asio::buffer(out_), std::move(self));
            }
          }
          if (state == 1) {
            release(out_);
            if (ec) return self.complete(ec);
            state = 2;
            return next_.async_wait(next_layer_type::wait_read, std::move(self));
          }
          if (state == 2) {
            if (ec) return self.complete(ec);
            std::size_t n = read_now(ec);
            if (ec == asio::error::would_block) {  // spurious wake-up
              return next_.async_wait(next_layer_type::wait_read, std::move(self));
            }
            if (ec) return self.complete(ec);
            failed_ = !conn_.feed({shared_in().data(), n});
            if (!conn_.has_output()) return self.complete(failure_code());
            state = 3;
            out_ = conn_.take_output();
            return asio::async_write(next_, asio::buffer(out_), std::move(self));
          }
          release(out_);  // state 3: the answer (or the alert) went out
          self.complete(ec ? ec : failure_code());
        },
        token, next_);
  }

  template <class CompletionToken>
  auto async_shutdown(CompletionToken&& token) {
    conn_.close();
    out_ = conn_.take_output();
    return asio::async_compose<CompletionToken, void(boost::system::error_code)>(
        [this, state = 0](auto& self, boost::system::error_code ec = {},
                          std::size_t = 0) mutable {
          if (state == 0) {
            state = 1;
            return asio::async_write(next_, asio::buffer(out_), std::move(self));
          }
          self.complete(ec);
        },
        token, next_);
  }

 private:
  void handshake_ec(boost::system::error_code& ec) { handshake(ec); }
  void shutdown_ec(boost::system::error_code& ec) { shutdown(ec); }
  void throw_if(void (stream::*fn)(boost::system::error_code&)) {
    boost::system::error_code ec;
    (this->*fn)(ec);
    if (ec) throw boost::system::system_error(ec);
  }

  void await_verdict(boost::system::error_code& ec) {
    const auto& info = conn_.info();
    if (verdict_wait_.count() <= 0 || conn_.config().role != handshake::Role::client ||
        info.version != handshake::ProtocolVersion::tls13 || !info.client_cert_requested)
      return;
    if constexpr (requires { next_.native_handle(); }) {
      auto deadline = std::chrono::steady_clock::now() + verdict_wait_;
      verdict_ = Verdict::no_verdict_yet;
      while (!conn_.has_app_data()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{static_cast<int>(next_.native_handle()), POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        if (!pull(ec)) {
          verdict_ = Verdict::rejected;
          return;
        }
        flush(ec);
        verdict_ = Verdict::accepted;  // it spoke (tickets, data) without an alert
      }
      if (conn_.has_app_data()) verdict_ = Verdict::accepted;
    }
  }

  boost::system::error_code failure_code() const {
    return failed_ ? error_code_of_failure() : boost::system::error_code{};
  }

  static void release(std::vector<std::uint8_t>& v) { std::vector<std::uint8_t>().swap(v); }

  static std::vector<std::uint8_t>& shared_in() {
    thread_local std::vector<std::uint8_t> buf(16 * 1024 + 512);
    return buf;
  }

  // One non-blocking read into shared_in().
  std::size_t read_now(boost::system::error_code& ec) {
    if (!next_.non_blocking()) next_.non_blocking(true, ec);
    if (ec) return 0;
    return next_.read_some(asio::buffer(shared_in()), ec);
  }

  boost::system::error_code error_code_of_failure() const {
    if (conn_.error()) return make_error_code(conn_.error()->alert);
    return make_error_code(core::Alert::internal_error);
  }

  // Converts a failed engine call into an error_code, flushing the alert it queued.
  bool check(const core::Status& s, boost::system::error_code& ec) {
    if (s) return true;
    boost::system::error_code ignored;
    flush(ignored);
    ec = make_error_code(s.error().alert);
    return false;
  }

  // Writes straight from the connection's output queue (no copy).
  bool flush(boost::system::error_code& ec) {
    if (!conn_.has_output()) return true;
    const core::ByteView out = conn_.output();
    const std::size_t n = asio::write(next_, asio::buffer(out.data(), out.size()), ec);
    conn_.consume_output(ec ? out.size() : n);  // after an error nothing more is sent
    return !ec;
  }

  // Reads once from the next layer and feeds the engine.
  bool pull(boost::system::error_code& ec) {
    if (!wait_readable(ec)) return false;
    in_.resize(16 * 1024 + 512);
    std::size_t n = next_.read_some(asio::buffer(in_), ec);
    if (ec) return false;
    return check(conn_.feed({in_.data(), n}), ec);
  }

  bool wait_readable(boost::system::error_code& ec) {
    if (!deadline_) return true;
    if constexpr (requires { next_.native_handle(); }) {
      for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            *deadline_ - std::chrono::steady_clock::now());
        pollfd p{static_cast<int>(next_.native_handle()), POLLIN, 0};
        int r = left.count() <= 0 ? 0 : ::poll(&p, 1, static_cast<int>(left.count()));
        if (r > 0) return true;
        if (r < 0 && errno == EINTR) continue;
        ec = asio::error::timed_out;
        return false;
      }
    }
    return true;
  }

  // Copies application data straight from the connection into the caller's buffers.
  template <class MutableBufferSequence>
  std::size_t copy_out(const MutableBufferSequence& buffers) {
    const core::ByteView v = conn_.app_data();
    std::size_t n = asio::buffer_copy(buffers, asio::buffer(v.data(), v.size()));
    conn_.consume_app_data(n);
    return n;
  }

  NextLayer next_;
  handshake::Connection conn_;
  bool started_ = false;
  bool failed_ = false;  // the last async_fill's feed failed
  std::chrono::milliseconds verdict_wait_{0};
  Verdict verdict_ = Verdict::not_applicable;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::vector<std::uint8_t> in_;
  std::vector<std::uint8_t> out_;
  // async_write_some's own buffer: a read operation in flight at the same time
  // (full duplex) may be sending a protocol answer from out_.
  std::vector<std::uint8_t> wout_;
};

}  // namespace glass::net
