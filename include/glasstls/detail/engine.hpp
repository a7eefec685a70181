#pragma once
// The TLS engine of one glass::stream, behind a pointer so that the public headers
// need none of the library's own: bytes from the peer go in (feed), bytes for the
// peer come out (take_output), and application data passes through write/read.
// glass::stream<NextLayer> drives it over Asio. Not API: it may change.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/certificate.hpp"
#include "glasstls/error.hpp"
#include "glasstls/session.hpp"

namespace glass {

class context;

namespace detail {

struct settings;
// The context's settings as they are now (a stream keeps its own copy).
std::shared_ptr<const settings> snapshot(const context& ctx);

class engine {
 public:
  // nullptr, with `failure` set, when the context's method forbids the role.
  static std::unique_ptr<engine> create(const settings& s, bool client, const std::string& server_name,
                                        error_info& failure);
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  // Each returns false once the connection has failed: error() says why, and the
  // alert for the peer waits in the output.
  bool start();  // the client queues its ClientHello
  bool feed(const std::uint8_t* data, std::size_t size);
  bool write(const std::uint8_t* data, std::size_t size);
  void close();  // queues close_notify
  bool has_output() const;
  std::vector<std::uint8_t> take_output();
  bool handshake_done() const;
  bool has_app_data() const;
  std::size_t app_data_size() const;
  std::vector<std::uint8_t> read();
  bool peer_closed() const;  // close_notify received
  // Queued for the peer; nullopt on success, else why not (the connection failed
  // only if error() says so).
  std::optional<error_info> key_update(bool request_peer);
  std::optional<error_info> request_client_certificate();
  bool post_handshake_auth_pending() const;

  std::optional<error_info> error() const;
  // The alert number of error() (internal_error if there is none).
  int failure_value() const;
  std::vector<certificate> peer_chain() const;
  bool peer_verified() const;
  bool resumed() const;
  std::string resumed_client_subject() const;
  std::string alpn() const;
  std::string version() const;       // "TLS 1.3"; empty before the handshake is done
  std::string cipher_suite() const;  // likewise
  session_info info() const;

  struct impl;
  impl& get_impl() { return *impl_; }
  const impl& get_impl() const { return *impl_; }

 private:
  explicit engine(std::unique_ptr<impl> i);
  std::unique_ptr<impl> impl_;
};

}  // namespace detail
}  // namespace glass
